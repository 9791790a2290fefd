// The reads behind "可能与以下内容相近": other 信息稿件 and published issues sharing a submission's
// most distinctive character pairs, through the two FTS tables (submission_search, issue_search).
// Every query is bounded by the caller's terms and limits: nothing here walks a whole table.
import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import type { SubmissionStatus } from "@/db/schema";
import { anyOfPairs } from "../fts-match";

/** In how many submissions each pair occurs: the rarer, the more a shared pair says. */
export function submissionPairCounts(c: Conn, pairs: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pairs) {
    const row = c.get<{ n: number }>(sql`SELECT count(*) AS n FROM submission_search WHERE submission_search MATCH ${anyOfPairs([p])}`);
    out.set(p, row?.n ?? 0);
  }
  return out;
}

export type SimilarSubmission = { id: number; title: string; status: SubmissionStatus; unitName: string; shared: number };
export type SimilarIssue = {
  id: number;
  seriesId: string;
  year: number;
  number: number;
  supplement: boolean;
  title: string;
  visibility: "public" | "internal";
  status: "published" | "draft" | "withdrawn";
  shared: number;
};

/** How many of `pairs` each of `ids` holds, one bounded MATCH per pair. */
function sharedCounts(c: Conn, table: "submission_search" | "issue_search", pairs: string[], ids: number[]): Map<number, number> {
  const counts = new Map<number, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return counts;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  for (const p of pairs) {
    const rows = c.all<{ id: number }>(
      sql`SELECT rowid AS id FROM ${sql.identifier(table)} WHERE ${sql.identifier(table)} MATCH ${anyOfPairs([p])} AND rowid IN (${list})`,
    );
    for (const r of rows) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  }
  return counts;
}

/** Submissions of the series (not `excludeId`) sharing the pairs, best BM25 first, with how many pairs each shares. */
export function similarSubmissions(
  c: Conn,
  { pairs, seriesId, excludeId, candidates }: { pairs: string[]; seriesId: string; excludeId: number; candidates: number },
): SimilarSubmission[] {
  if (pairs.length === 0) return [];
  const rows = c.all<Omit<SimilarSubmission, "shared">>(sql`
    SELECT s.id AS id, s.title AS title, s.status AS status, u.name AS unitName
    FROM submission_search
    JOIN submissions s ON s.id = submission_search.rowid
    JOIN units u ON u.id = s.unit_id
    WHERE submission_search MATCH ${anyOfPairs(pairs)} AND s.series_id = ${seriesId} AND s.id <> ${excludeId}
    ORDER BY bm25(submission_search, 3.0, 1.0)
    LIMIT ${candidates}`);
  const shared = sharedCounts(
    c,
    "submission_search",
    pairs,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, shared: shared.get(r.id) ?? 0 }));
}

/** Issues of the series sharing the pairs, best BM25 first, with how many pairs each shares. */
export function similarIssues(
  c: Conn,
  { pairs, seriesId, candidates }: { pairs: string[]; seriesId: string; candidates: number },
): SimilarIssue[] {
  if (pairs.length === 0) return [];
  const rows = c.all<Omit<SimilarIssue, "shared" | "supplement"> & { supplement: number }>(sql`
    SELECT i.id AS id, i.series_id AS seriesId, i.year AS year, i.number AS number, i.supplement AS supplement,
      i.title AS title, i.visibility AS visibility, i.status AS status
    FROM issue_search
    JOIN issues i ON i.id = issue_search.rowid
    WHERE issue_search MATCH ${anyOfPairs(pairs)} AND i.series_id = ${seriesId}
    ORDER BY bm25(issue_search, 3.0, 1.0)
    LIMIT ${candidates}`);
  const shared = sharedCounts(
    c,
    "issue_search",
    pairs,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, supplement: Boolean(r.supplement), shared: shared.get(r.id) ?? 0 }));
}
