// Parses the archive's URL segments; anything malformed is simply "not found".
import { getPublishedIssue, type IssueDetail, problemsOfFile } from "@/db/queries/archive";
import { type IssueKey, issuePath, parseNumberSlug, seriesIdPattern } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { plainResponse } from "@/lib/plain-response";

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

/**
 * The issue behind a download (/pdf, /docx): the published issue the URL names and the caller may
 * read, or the plain answer why not: 404, or 422 naming each problem of its file ("无法生成{what}").
 * `includeInternal` is asked only for a well-formed URL.
 */
export async function downloadableIssue(
  params: IssueParams,
  includeInternal: () => Promise<boolean>,
  what: string,
): Promise<{ key: IssueKey; issue: IssueDetail } | { refusal: Response }> {
  const key = parseIssueParams(await params);
  if (!key) return { refusal: noStoreText(404, "没有找到这一期简报。") };
  const issue = getPublishedIssue(db(), key, { includeInternal: await includeInternal() });
  if (issue) return { key, issue };
  const problems = problemsOfFile(db(), issuePath(key));
  if (problems.length === 0) return { refusal: noStoreText(404, "没有找到这一期简报。") };
  const lines = problems.map((p) => `${p.path}:${p.line}: ${p.field}: ${p.message}`);
  return { refusal: noStoreText(422, `这一期简报的内容有错误，无法生成${what}：\n${lines.join("\n")}`) };
}

/** A download's plain-text refusal: never kept by a cache, so a fixed file is served at once. */
export function noStoreText(status: number, body: string, headers: Record<string, string> = {}): Response {
  return plainResponse(body, status, { "Cache-Control": "no-store", ...headers });
}
