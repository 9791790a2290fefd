// Where content lives on disk and how a file's path maps to an issue's identity:
// content/series/<id>.yml, content/<series>/<year>/<NNN>.mdx, supplements (增刊) as zkNNN.mdx.
export const SERIES_DIR = "series";

export type IssueKey = { series: string; year: number; number: number; supplement: boolean };

export const seriesIdPattern = /^[a-z][a-z0-9-]{0,31}$/;

const ISSUE_PATH = new RegExp(`^(${seriesIdPattern.source.slice(1, -1)})/(\\d{4})/(zk)?(\\d{1,3})\\.mdx$`);

export function parseIssuePath(relPath: string): IssueKey | null {
  const m = ISSUE_PATH.exec(relPath.split("\\").join("/"));
  if (!m) return null;
  return { series: m[1]!, year: Number(m[2]), supplement: m[3] === "zk", number: Number(m[4]) };
}

export function issuePath(key: IssueKey): string {
  return `${key.series}/${key.year}/${key.supplement ? "zk" : ""}${String(key.number).padStart(3, "0")}.mdx`;
}

/** The URL segment for an issue number: "3" or, for a supplement, "zk1". */
export function numberSlug(key: Pick<IssueKey, "number" | "supplement">): string {
  return `${key.supplement ? "zk" : ""}${key.number}`;
}

export function parseNumberSlug(slug: string): Pick<IssueKey, "number" | "supplement"> | null {
  const m = /^(zk)?([1-9]\d{0,2})$/.exec(slug);
  return m ? { supplement: m[1] === "zk", number: Number(m[2]) } : null;
}

/** The key of an indexed issue row (whose series column is `seriesId`). */
export function keyOfRow(r: { seriesId: string; year: number; number: number; supplement: boolean }): IssueKey {
  return { series: r.seriesId, year: r.year, number: r.number, supplement: r.supplement };
}

export function issueUrl(key: IssueKey): string {
  return `/${key.series}/${key.year}/${numberSlug(key)}`;
}

/** The page of a body (单位) named in issues: /org/省委办公厅. */
export const orgUrl = (name: string) => `/org/${encodeURIComponent(name)}`;
