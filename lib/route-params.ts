// Parses the archive's URL segments; anything malformed is simply "not found".
import { getPublishedIssue, type IssueDetail } from "@/db/queries/archive";
import { viewerMayReadInternal } from "@/lib/viewer";
import { parseNumberSlug, seriesIdPattern, type IssueKey } from "@/lib/content/paths";

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

type IssueParams = Promise<{ series: string; year: string; number: string }>;

/** The issue an /<series>/<year>/<number> URL names, as far as this reader may see it: public
 * issues for everyone, internal ones for signed-in studio users too. */
export async function findIssueForViewer(params: IssueParams): Promise<IssueDetail | undefined> {
  return findIssue(params, { includeInternal: await viewerMayReadInternal() });
}

/** The published issue a URL names; internal ones only when the caller may see them. */
export async function findIssue(params: IssueParams, access: { includeInternal: boolean }): Promise<IssueDetail | undefined> {
  const key = parseIssueParams(await params);
  return key ? await getPublishedIssue(key, access) : undefined;
}
