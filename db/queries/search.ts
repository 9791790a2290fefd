// Full-text search over published issues: FTS5 finds the matching ids (character pairs for
// phrases, single characters for one-character terms: see lib/search/text.ts and fts-match.ts), and filtering,
// counting per series, ranking and paging happen on a cached table of every issue's metadata.
// A one-character query matches nearly every issue: joining each match to its row in SQL cost
// more than the search itself, while a pass over an in-memory table costs well under a millisecond.
import "server-only";
import type { Database } from "better-sqlite3";
import type { Db } from "../index";
import { indexGeneration } from "./content-index";
import { matchExpressions } from "./fts-match";
import type { ListedRow } from "./issue-columns";

export type SearchFilters = { series?: string; yearFrom?: number; yearTo?: number; organization?: string };

export type SearchRequest = SearchFilters & {
  /** Parsed query terms (parseQuery); none gives no hits. */
  terms: string[][];
  page: number;
  perPage: number;
  sort: "relevance" | "date";
  /** Signed-in readers also find internal issues. */
  includeInternal: boolean;
};

export type SearchHit = ListedRow & { bodyText: string; preface: string | null; titleHit: boolean };

export type SearchResult = {
  total: number;
  hits: SearchHit[];
  /** Matches per series with every other filter applied, for the series filter's counts. */
  bySeries: { seriesId: string; count: number }[];
};

type Meta = {
  id: number;
  seriesId: string;
  year: number;
  date: string;
  day: number;
  organization: string;
  published: boolean;
  isPublic: boolean;
};
type Facets = { organizations: { name: string; count: number }[]; years?: { min: number; max: number } };
type Cache = {
  client: Database;
  version: string;
  meta: Map<number, Meta>;
  statements: ReturnType<typeof prepare>;
  /** The search form's lists, for readers without and with internal issues: once per version. */
  facets: Map<boolean, Facets>;
};

const holder = globalThis as unknown as { jianbaoSearchCache?: Cache };

function prepare(client: Database) {
  return {
    pairs: client
      .prepare<[string], [number, number]>("SELECT rowid, bm25(issue_search, 10.0, 1.0) FROM issue_search WHERE issue_search MATCH ?")
      .raw(),
    pairIds: client.prepare<[string], number>("SELECT rowid FROM issue_search WHERE issue_search MATCH ?").pluck(),
    charIds: client.prepare<[string], number>("SELECT rowid FROM issue_chars WHERE issue_chars MATCH ?").pluck(),
    meta: client
      .prepare<[], [number, string, number, string, string, string, string]>(
        "SELECT id, series_id, year, date, organization, visibility, status FROM issues",
      )
      .raw(),
  };
}

/**
 * The metadata table, reloaded when the index changed: by another process (a content:sync
 * beside the server; SQLite's data_version says so) or by this one (the index generation).
 */
function cache(d: Db): Cache {
  const client = d.$client;
  const version = `${String(client.pragma("data_version", { simple: true }))}:${indexGeneration()}`;
  const c = holder.jianbaoSearchCache;
  if (c && c.client === client && c.version === version) return c;
  const statements = c && c.client === client ? c.statements : prepare(client);
  const meta = new Map<number, Meta>();
  for (const [id, seriesId, year, date, organization, visibility, status] of statements.meta.all()) {
    const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000) + 25_567; // days since 1900-01-01
    meta.set(id, { id, seriesId, year, date, day, organization, published: status === "published", isPublic: visibility === "public" });
  }
  return (holder.jianbaoSearchCache = { client, version, meta, statements, facets: new Map() });
}

const intersect = (a: Set<number>, b: Iterable<number>) => new Set([...b].filter((x) => a.has(x)));

/** Ids matching every term (with BM25 scores when a term has two or more characters). */
function matching(c: Cache, terms: string[][], column?: "title" | "body"): { ids: Set<number>; scores?: Map<number, number> } {
  const { pairs, chars } = matchExpressions(terms, column);
  let ids: Set<number> | undefined;
  let scores: Map<number, number> | undefined;
  if (pairs) {
    ids = new Set(c.statements.pairIds.all(pairs));
    // BM25 costs four times the match itself, and it is only worth it where it can differ: FTS5
    // clamps the weight of a phrase found in half the issues or more to 1e-6, so there every
    // score rounds to the same value and the order is the date's. Skipping it then is exact.
    if (!column && ids.size > 0 && ids.size * 2 < c.meta.size) scores = new Map(c.statements.pairs.all(pairs));
  }
  if (chars && (!ids || ids.size > 0)) {
    const found = c.statements.charIds.all(chars);
    ids = ids ? intersect(ids, found) : new Set(found);
  }
  return { ids: ids ?? new Set(), scores };
}

/**
 * Ids in result order: by `rank` ([tier, score], lower first), then newer, then higher id.
 * Packed into one number per hit so a typed array sorts them: a comparator over 10,000 hits cost
 * ten times more.
 */
function sortedIds(found: Meta[], rank: (m: Meta) => [number, number]): number[] {
  const keys = new Float64Array(found.length);
  for (let k = 0; k < found.length; k++) {
    const m = found[k]!;
    if (m.id >= 1_000_000 || m.day < 0 || m.day >= 100_000) return comparatorSort(found, rank);
    const [tier, score] = rank(m);
    const s = Math.min(19_999, Math.max(0, score + 10_000));
    keys[k] = ((tier * 20_000 + s) * 100_000 + (99_999 - m.day)) * 1_000_000 + (999_999 - m.id);
  }
  keys.sort();
  return Array.from(keys, (key) => 999_999 - (key % 1_000_000));
}

function comparatorSort(found: Meta[], rank: (m: Meta) => [number, number]): number[] {
  const ranked = found.map((m) => ({ m, r: rank(m) }));
  ranked.sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || b.m.day - a.m.day || b.m.id - a.m.id);
  return ranked.map((x) => x.m.id);
}

export function searchIssues(d: Db, r: SearchRequest): SearchResult {
  if (r.terms.length === 0) return { total: 0, hits: [], bySeries: [] };
  const c = cache(d);
  const { ids, scores } = matching(c, r.terms);
  const perSeries = new Map<string, number>();
  const found: Meta[] = [];
  for (const id of ids) {
    const m = c.meta.get(id);
    if (!m?.published || (!r.includeInternal && !m.isPublic)) continue;
    if ((r.yearFrom !== undefined && m.year < r.yearFrom) || (r.yearTo !== undefined && m.year > r.yearTo)) continue;
    if (r.organization && m.organization !== r.organization) continue;
    perSeries.set(m.seriesId, (perSeries.get(m.seriesId) ?? 0) + 1);
    if (!r.series || m.seriesId === r.series) found.push(m);
  }
  const bySeries = [...perSeries]
    .map(([seriesId, count]) => ({ seriesId, count }))
    .sort((a, b) => b.count - a.count || a.seriesId.localeCompare(b.seriesId));
  const total = found.length;
  const offset = (r.page - 1) * r.perPage;
  if (total === 0 || offset >= total) return { total, hits: [], bySeries };

  // Titles first (every term in the title or an article title), then BM25 (titles weigh ten
  // times the body; lower is better), coarsened so that near-equal relevance falls back to the
  // newer issue. The date order is the same without the first two keys.
  const titleIds = r.sort === "relevance" ? matching(c, r.terms, "title").ids : new Set<number>();
  const page = sortedIds(
    found,
    r.sort === "relevance" ? (m) => [titleIds.has(m.id) ? 0 : 1, Math.round((scores?.get(m.id) ?? 0) * 10)] : () => [0, 0],
  ).slice(offset, offset + r.perPage);
  const rows = d.$client
    .prepare<[string], Omit<SearchHit, "supplement" | "showTotal" | "titleHit"> & { supplement: number; showTotal: number }>(
      `SELECT i.id, i.series_id AS seriesId, i.year, i.number, i.supplement, i.total, i.date, i.title, i.organization,
              i.visibility, b.text AS bodyText, i.preface, s.name AS seriesName, s.show_total AS showTotal
       FROM issues i JOIN series s ON s.id = i.series_id JOIN issue_bodies b ON b.issue_id = i.id
       WHERE i.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(page));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const hits = page.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, supplement: row.supplement === 1, showTotal: row.showTotal === 1, titleHit: titleIds.has(id) }] : [];
  });
  return { total, hits, bySeries };
}

/** Ids of issues whose body holds every term (parseQuery), for organisation pages. */
export function issueIdsMentioning(d: Db, terms: string[][]): number[] {
  return terms.length === 0 ? [] : [...matching(cache(d), terms, "body").ids];
}

/** The issuing bodies and the range of years the search form offers, from one pass over the metadata. */
function facets(d: Db, includeInternal: boolean): Facets {
  const c = cache(d);
  const known = c.facets.get(includeInternal);
  if (known) return known;
  const counts = new Map<string, number>();
  let min = Infinity;
  let max = -Infinity;
  for (const m of c.meta.values()) {
    if (!m.published || (!includeInternal && !m.isPublic)) continue;
    counts.set(m.organization, (counts.get(m.organization) ?? 0) + 1);
    min = Math.min(min, m.year);
    max = Math.max(max, m.year);
  }
  const organizations = [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  const result = { organizations, years: Number.isFinite(min) ? { min, max } : undefined };
  c.facets.set(includeInternal, result);
  return result;
}

/** Issuing bodies of published issues, most issues first, for the organisation filter. */
export function searchableOrganizations(d: Db, includeInternal: boolean): { name: string; count: number }[] {
  return facets(d, includeInternal).organizations;
}

/** The range of years with published issues, for the year filters. */
export function searchableYears(d: Db, includeInternal: boolean): { min: number; max: number } | undefined {
  return facets(d, includeInternal).years;
}
