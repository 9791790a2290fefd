// Issues already in content/ (published by the studio or added by hand with git), as the studio
// lists them: public and internal alike, withdrawn ones too, with any correction under way.
import "server-only";
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { drafts, type IssueRow, issues, series } from "@/db/schema";
import { newestFirst } from "../issue-columns";
import { contains } from "./common";

export type IndexedIssue = Pick<
  IssueRow,
  "id" | "seriesId" | "year" | "number" | "supplement" | "date" | "title" | "visibility" | "status" | "path" | "contentHash" | "syncedAt"
> & {
  seriesName: string;
  /** An open correction of this issue, if one is under way. */
  correctionId: number | null;
};

export function listIndexedIssues(
  d: Conn,
  { seriesIds, status, q, limit = 100 }: { seriesIds: string[] | null; status: "published" | "withdrawn"; q?: string; limit?: number },
): IndexedIssue[] {
  if (seriesIds?.length === 0) return [];
  const text = q?.trim();
  const n = text && /^第?(\d{1,4})期?$/.exec(text);
  const match: SQL | undefined = text
    ? n
      ? or(contains(issues.title, text), eq(issues.number, Number(n[1])))
      : contains(issues.title, text)
    : undefined;
  return d
    .select({
      id: issues.id,
      seriesId: issues.seriesId,
      year: issues.year,
      number: issues.number,
      supplement: issues.supplement,
      date: issues.date,
      title: issues.title,
      visibility: issues.visibility,
      status: issues.status,
      path: issues.path,
      contentHash: issues.contentHash,
      syncedAt: issues.syncedAt,
      seriesName: series.name,
      correctionId: sql<
        number | null
      >`(SELECT ${drafts.id} FROM ${drafts} WHERE ${drafts.path} = ${issues.path} AND ${drafts.kind} = 'correction' AND ${drafts.status} IN ('draft', 'submitted', 'approved'))`,
    })
    .from(issues)
    .innerJoin(series, eq(series.id, issues.seriesId))
    .where(and(eq(issues.status, status), seriesIds ? inArray(issues.seriesId, seriesIds) : undefined, match))
    .orderBy(...newestFirst)
    .limit(Math.min(Math.max(1, limit), 500))
    .all();
}

export function countIndexedIssues(d: Conn, { seriesIds }: { seriesIds: string[] | null }): { published: number; withdrawn: number } {
  if (seriesIds?.length === 0) return { published: 0, withdrawn: 0 };
  const rows = d
    .select({ status: issues.status, n: sql<number>`count(*)` })
    .from(issues)
    .where(seriesIds ? inArray(issues.seriesId, seriesIds) : undefined)
    .groupBy(issues.status)
    .all();
  return { published: rows.find((r) => r.status === "published")?.n ?? 0, withdrawn: rows.find((r) => r.status === "withdrawn")?.n ?? 0 };
}

export function indexedIssueByPath(d: Conn, path: string): (IssueRow & { seriesName: string }) | undefined {
  const row = d.select().from(issues).innerJoin(series, eq(series.id, issues.seriesId)).where(eq(issues.path, path)).get();
  return row ? { ...row.issues, seriesName: row.series.name } : undefined;
}

export function indexedIssueById(d: Conn, id: number): (IssueRow & { seriesName: string }) | undefined {
  const row = d.select().from(issues).innerJoin(series, eq(series.id, issues.seriesId)).where(eq(issues.id, id)).get();
  return row ? { ...row.issues, seriesName: row.series.name } : undefined;
}
