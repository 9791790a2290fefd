// Parses the archive's URL segments; anything malformed is simply "not found".
import { getPublishedIssue, type IssueDetail } from "@/db/queries/archive";
import { type IssueKey, parseNumberSlug, seriesIdPattern } from "@/lib/content/paths";
import { db } from "@/lib/database";

export function parseYear(raw: string): number | null {
  return /^\d{4}$/.test(raw) ? Number(raw) : null;
}

export function parseSeriesId(raw: string): string | null {
  return seriesIdPattern.test(raw) ? raw : null;
}

export function parseIssueParams(p: { series: string; year: string; number: string }): IssueKey | null {
  const series = parseSeriesId(p.series);
  const year = parseYear(p.year);
  const num = parseNumberSlug(p.number);
  return series && year && num ? { series, year, ...num } : null;
}

export type IssueParams = Promise<{ series: string; year: string; number: string }>;

/** The published issue a URL names; internal ones only when the caller may see them. */
export async function findIssue(params: IssueParams, access: { includeInternal: boolean }): Promise<IssueDetail | undefined> {
  const key = parseIssueParams(await params);
  return key ? getPublishedIssue(db(), key, access) : undefined;
}
