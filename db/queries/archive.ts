// Reads for the public archive. Anonymous readers see published, public issues only.
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { IssueKey } from "@/lib/content/paths";
import type { Conn, Db } from "../index";
import {
  type ContentProblemRow,
  contentProblems,
  type DistributionKind,
  distributionKinds,
  distributions,
  type IssueBodyRow,
  type IssueRow,
  issueBodies,
  issues,
  type SeriesRow,
  series,
} from "../schema";
import { type IssueSummary, type ListedRow, listedColumns, newestFirst, summaryColumns } from "./issue-columns";
import { issueIdsMentioning } from "./search";

export type { IssueSummary, ListedRow };

const publicOnly = and(eq(issues.status, "published"), eq(issues.visibility, "public"));
/** Who is reading the browse lists: signed-in studio users also see internal issues in them. */
export type Access = { includeInternal?: boolean };
const visibleTo = (access: Access) => (access.includeInternal ? eq(issues.status, "published") : publicOnly);

export function listSeries(d: Conn): SeriesRow[] {
  return d.select().from(series).orderBy(asc(series.name), asc(series.id)).all();
}

export function getSeries(d: Conn, id: string): SeriesRow | undefined {
  return d.select().from(series).where(eq(series.id, id)).get();
}

/** The newest public issues of each series, `perSeries` each. */
export function latestIssuesBySeries(d: Conn, perSeries = 5, access: Access = {}): { series: SeriesRow; issues: IssueSummary[] }[] {
  const all = listSeries(d);
  return all.map((s) => ({
    series: s,
    issues: d
      .select(summaryColumns)
      .from(issues)
      .where(and(eq(issues.seriesId, s.id), visibleTo(access)))
      .orderBy(...newestFirst)
      .limit(perSeries)
      .all(),
  }));
}

export function yearsOfSeries(d: Conn, seriesId: string, access: Access = {}): { year: number; count: number }[] {
  return d
    .select({ year: issues.year, count: sql<number>`count(*)` })
    .from(issues)
    .where(and(eq(issues.seriesId, seriesId), visibleTo(access)))
    .groupBy(issues.year)
    .orderBy(desc(issues.year))
    .all();
}

/** A series' public issues (of one year), newest first; `limit` caps a long series' page. */
export function issuesOfSeries(
  d: Conn,
  { seriesId, year, limit, ...access }: Access & { seriesId: string; year?: number; limit?: number },
): IssueSummary[] {
  const q = d
    .select(summaryColumns)
    .from(issues)
    .where(and(eq(issues.seriesId, seriesId), visibleTo(access), year === undefined ? undefined : eq(issues.year, year)))
    .orderBy(desc(issues.year), asc(issues.supplement), desc(issues.number));
  return limit === undefined ? q.all() : q.limit(limit).all();
}

export type IssueDetail = IssueRow & {
  series: SeriesRow;
  distribution: Record<DistributionKind, string[]>;
  bodyTree: IssueBodyRow["tree"];
  bodyText: string;
};

export function getPublicIssue(d: Conn, key: IssueKey): IssueDetail | undefined {
  return getPublishedIssue(d, key, { includeInternal: false });
}

/** A published issue; internal ones only for callers allowed to see them. */
export function getPublishedIssue(d: Conn, key: IssueKey, { includeInternal }: { includeInternal: boolean }): IssueDetail | undefined {
  const visible = includeInternal ? eq(issues.status, "published") : publicOnly;
  const row = d
    .select()
    .from(issues)
    .innerJoin(series, eq(series.id, issues.seriesId))
    .innerJoin(issueBodies, eq(issueBodies.issueId, issues.id))
    .where(
      and(
        eq(issues.seriesId, key.series),
        eq(issues.year, key.year),
        eq(issues.number, key.number),
        eq(issues.supplement, key.supplement),
        visible,
      ),
    )
    .get();
  if (!row) return undefined;
  const lists: Record<DistributionKind, string[]> = { report: [], send: [], issue: [] };
  const entries = d
    .select()
    .from(distributions)
    .where(eq(distributions.issueId, row.issues.id))
    .orderBy(asc(distributions.kind), asc(distributions.position))
    .all();
  for (const e of entries) lists[e.kind].push(e.body);
  return { ...row.issues, series: row.series, distribution: lists, bodyTree: row.issue_bodies.tree, bodyText: row.issue_bodies.text };
}

export function countContentProblems(d: Conn): number {
  return (
    d
      .select({ n: sql<number>`count(distinct ${contentProblems.path})` })
      .from(contentProblems)
      .get()?.n ?? 0
  );
}

export function countPublicIssues(d: Conn): number {
  return d.select({ n: sql<number>`count(*)` }).from(issues).where(publicOnly).get()?.n ?? 0;
}

/** Problems recorded for one content file (empty when it is fine or unknown). */
export function problemsOfFile(d: Conn, path: string): ContentProblemRow[] {
  return d.select().from(contentProblems).where(eq(contentProblems.path, path)).orderBy(asc(contentProblems.line)).all();
}

/** Every published issue (internal ones too), for exports run by the site's operator. */
export function listPublishedIssues(d: Conn): (IssueSummary & { seriesName: string })[] {
  return d
    .select({ ...summaryColumns, seriesName: series.name })
    .from(issues)
    .innerJoin(series, eq(series.id, issues.seriesId))
    .where(eq(issues.status, "published"))
    .orderBy(asc(issues.seriesId), asc(issues.year), asc(issues.supplement), asc(issues.number))
    .all();
}

export type FeedRow = ListedRow & { summary: string };

/** The newest public issues (of one series or all) with a summary of their text, for feeds. */
export function latestPublicIssues(d: Conn, { seriesId, limit }: { seriesId?: string; limit: number }): FeedRow[] {
  return d
    .select({ ...listedColumns, summary: sql<string>`substr(${issueBodies.text}, 1, 200)` })
    .from(issues)
    .innerJoin(series, eq(series.id, issues.seriesId))
    .innerJoin(issueBodies, eq(issueBodies.issueId, issues.id))
    .where(and(publicOnly, seriesId === undefined ? undefined : eq(issues.seriesId, seriesId)))
    .orderBy(...newestFirst)
    .limit(limit)
    .all();
}

/** Every public issue's URL parts and date, for the sitemap. */
export function publicIssueKeys(d: Conn): Pick<IssueRow, "seriesId" | "year" | "number" | "supplement" | "date">[] {
  return d
    .select({ seriesId: issues.seriesId, year: issues.year, number: issues.number, supplement: issues.supplement, date: issues.date })
    .from(issues)
    .where(publicOnly)
    .orderBy(asc(issues.seriesId), asc(issues.year), asc(issues.supplement), asc(issues.number))
    .all();
}

export type Neighbour = Pick<IssueRow, "seriesId" | "year" | "number" | "supplement" | "total" | "date" | "title">;

/** The public issues just before and after one in its series, in date order (then number). */
export function neighbours(
  d: Conn,
  issue: Pick<IssueRow, "id" | "seriesId" | "date" | "year" | "number" | "supplement">,
  access: Access = {},
): { previous?: Neighbour; next?: Neighbour } {
  const { seriesId, year, number, supplement, total, date, title } = summaryColumns;
  const cols = { seriesId, year, number, supplement, total, date, title };
  // Row values in the order of issues_series_order_idx: date, then year, regular before supplement, number.
  const own = sql`(${issue.date}, ${issue.year}, ${issue.supplement ? 1 : 0}, ${issue.number})`;
  const order = sql`(${issues.date}, ${issues.year}, ${issues.supplement}, ${issues.number})`;
  const base = and(eq(issues.seriesId, issue.seriesId), visibleTo(access));
  const previous = d
    .select(cols)
    .from(issues)
    .where(and(base, sql`${order} < ${own}`))
    .orderBy(desc(issues.date), desc(issues.year), desc(issues.supplement), desc(issues.number))
    .limit(1)
    .get();
  const next = d
    .select(cols)
    .from(issues)
    .where(and(base, sql`${order} > ${own}`))
    .orderBy(asc(issues.date), asc(issues.year), asc(issues.supplement), asc(issues.number))
    .limit(1)
    .get();
  return { previous, next };
}

/** One page of every public issue, newest first, with the total count. */
export function allPublicIssues(
  d: Conn,
  {
    page,
    perPage,
  }: {
    page: number;
    perPage: number;
  },
): { total: number; issues: ListedRow[] } {
  const total = d.select({ n: sql<number>`count(*)` }).from(issues).where(publicOnly).get()?.n ?? 0;
  const rows = d
    .select(listedColumns)
    .from(issues)
    .innerJoin(series, eq(series.id, issues.seriesId))
    .where(publicOnly)
    .orderBy(desc(issues.date), asc(issues.seriesId), desc(issues.year), desc(issues.number), desc(issues.supplement))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { total, issues: rows };
}

export type OrgIssue = ListedRow & { kinds: DistributionKind[] };

/**
 * What the archive holds about one body (单位): the public issues it issued, those sent to it
 * (报/送/发), and those whose text mentions it, each newest first. `terms`: the name as the
 * search parses it (parseQuery), for the mentions.
 */
export function issuesOfOrganization(
  d: Db,
  { name, terms, limit = 200 }: { name: string; terms: string[][]; limit?: number },
): { issued: OrgIssue[]; received: OrgIssue[]; mentioned: OrgIssue[] } {
  const order = newestFirst;
  const issued = d
    .select(listedColumns)
    .from(issues)
    .innerJoin(series, eq(series.id, issues.seriesId))
    .where(and(publicOnly, eq(issues.organization, name)))
    .orderBy(...order)
    .limit(limit)
    .all();
  const sentRows = d
    .select({ ...listedColumns, kind: distributions.kind })
    .from(distributions)
    .innerJoin(issues, eq(issues.id, distributions.issueId))
    .innerJoin(series, eq(series.id, issues.seriesId))
    .where(and(publicOnly, eq(distributions.body, name)))
    .orderBy(...order)
    .all();
  const received = new Map<number, OrgIssue>();
  for (const { kind, ...row } of sentRows) {
    const seen = received.get(row.id);
    if (seen) seen.kinds.push(kind);
    else if (received.size < limit) received.set(row.id, { ...row, kinds: [kind] });
  }
  // 报, 送, 发 as the 版记 prints them, whatever order one issue's rows came back in.
  for (const r of received.values()) r.kinds.sort((a, b) => distributionKinds.indexOf(a) - distributionKinds.indexOf(b));
  // Through the search index (the name as a phrase), not a scan of every issue's text.
  const ids = issueIdsMentioning(d, terms);
  const mentioned =
    ids.length === 0
      ? []
      : d
          .select(listedColumns)
          .from(issues)
          .innerJoin(series, eq(series.id, issues.seriesId))
          .where(and(publicOnly, sql`${issues.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`))
          .orderBy(...order)
          .limit(limit)
          .all();
  return {
    issued: issued.map((r) => ({ ...r, kinds: [] })),
    received: [...received.values()],
    mentioned: mentioned.map((r) => ({ ...r, kinds: [] })),
  };
}
