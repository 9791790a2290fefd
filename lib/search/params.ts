// The /search URL: ?q=&series=&from=&to=&org=&sort=&page=. Parsed leniently (a reader's typo or
// an old link never becomes an error page): a value that does not parse is ignored.
import { z } from "zod";
import { seriesIdPattern } from "@/lib/content/paths";
import { type ParsedQuery, parseQuery } from "./text";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const year = z.preprocess(one, z.coerce.number().int().min(1900).max(2999).optional()).catch(undefined);

export const searchParamsSchema = z.object({
  q: z.preprocess(one, z.string().max(10_000).optional()).catch(undefined),
  series: z.preprocess(one, z.string().regex(seriesIdPattern).optional()).catch(undefined),
  from: year,
  to: year,
  org: z.preprocess(one, z.string().trim().min(1).max(100).optional()).catch(undefined),
  sort: z.preprocess(one, z.enum(["relevance", "date"]).default("relevance")).catch("relevance"),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(100_000).default(1)).catch(1),
});

export type SearchParams = z.infer<typeof searchParamsSchema> & { query: ParsedQuery };

export function parseSearchParams(raw: Record<string, string | string[] | undefined>): SearchParams {
  const p = searchParamsSchema.parse(raw);
  // A reversed range is what the reader meant the other way round.
  const [from, to] = p.from !== undefined && p.to !== undefined && p.from > p.to ? [p.to, p.from] : [p.from, p.to];
  return { ...p, from, to, query: parseQuery(p.q) };
}

/** The URL of a search, leaving out defaults so links stay short. */
export function searchHref(p: Partial<Omit<SearchParams, "query">>): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set("q", p.q);
  if (p.series) qs.set("series", p.series);
  if (p.from !== undefined) qs.set("from", String(p.from));
  if (p.to !== undefined) qs.set("to", String(p.to));
  if (p.org) qs.set("org", p.org);
  if (p.sort && p.sort !== "relevance") qs.set("sort", p.sort);
  if (p.page && p.page > 1) qs.set("page", String(p.page));
  const s = qs.toString();
  return s ? `/search?${s}` : "/search";
}
