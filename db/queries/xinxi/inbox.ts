// The lists of 信息稿件: the editors' inbox (filters, search, urgent first) and a unit's own list.
// Written for 100,000 submissions: pages walk the table newest id first (ids follow submission
// time) and stop at the page's end, and the inbox's pinned rows (urgent and not yet opened) are a
// second walk of their own, not a sort of the whole table (EXPLAIN QUERY PLAN figures: README).
import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, not, type SQL, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import {
  type AdoptionKind,
  calls,
  type SubmissionEventRow,
  type SubmissionStatus,
  submissionEvents,
  submissions,
  units,
} from "@/db/schema";
import { matchExpressions } from "../fts-match";

export type InboxFilters = {
  /** The units to show (a unit and those under it); undefined: every unit. */
  unitIds?: number[];
  statuses?: SubmissionStatus[];
  /** On or after `from`, before `to` (submittedAt). */
  from?: Date;
  to?: Date;
  callId?: number;
  /** The series to show (an editor's own); undefined: every series. */
  seriesIds?: string[];
  urgent?: boolean;
  /** Search terms as lib/search/text.ts parseQuery gives them. */
  terms?: string[][];
  /** "inbox": urgent 已报送 first, then newest first; "newest": newest first (a unit's own list). */
  order?: "inbox" | "newest";
  page: number;
  pageSize: number;
};

export type InboxRow = {
  id: number;
  title: string;
  status: SubmissionStatus;
  adoptionKind: AdoptionKind | null;
  urgent: boolean;
  unitId: number;
  unitName: string | null;
  seriesId: string;
  callId: number | null;
  callTopic: string | null;
  submittedAt: Date;
  resubmittedAt: Date | null;
  decisionNote: string | null;
  publishedPath: string | null;
  publishedLabel: string | null;
};

/** The FTS5 query for submission_search (character pairs only): a one-character term matches the pairs it starts. */
function searchExpression(terms: string[][]): string | undefined {
  const pairs = matchExpressions(terms.filter((t) => t.length > 1)).pairs;
  const singles = terms.filter((t) => t.length === 1).map((t) => `"${t[0]}"*`);
  const parts = [...(pairs ? [pairs] : []), ...singles];
  return parts.length ? parts.join(" AND ") : undefined;
}

/**
 * The WHERE of the filters. For a page (`walk`), the series test is kept off its index (the unary
 * +): an editor's series hold most submissions, and walking ids newest first meets a page's worth
 * at once, where the index would hand over every one of them to be sorted (40 ms at 80,000 rows).
 */
function conditions(f: InboxFilters, walk: boolean): SQL[] {
  const out: SQL[] = [];
  if (f.unitIds) out.push(f.unitIds.length ? inArray(submissions.unitId, f.unitIds) : sql`0`);
  if (f.seriesIds)
    out.push(
      !f.seriesIds.length
        ? sql`0`
        : walk
          ? sql`+${submissions.seriesId} IN (${sql.join(
              f.seriesIds.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : inArray(submissions.seriesId, f.seriesIds),
    );
  if (f.statuses?.length) out.push(inArray(submissions.status, f.statuses));
  if (f.from) out.push(gte(submissions.submittedAt, f.from));
  if (f.to) out.push(lt(submissions.submittedAt, f.to));
  if (f.callId !== undefined) out.push(eq(submissions.callId, f.callId));
  if (f.urgent !== undefined) out.push(eq(submissions.urgent, f.urgent));
  const match = f.terms?.length ? searchExpression(f.terms) : undefined;
  if (match) out.push(sql`${submissions.id} IN (SELECT rowid FROM submission_search WHERE submission_search MATCH ${match})`);
  return out;
}

const pinned = and(eq(submissions.status, "submitted"), eq(submissions.urgent, true))!;

function count(c: Conn, where: SQL[]): number {
  return (
    c
      .select({ n: sql<number>`count(*)` })
      .from(submissions)
      .where(and(...where))
      .get()?.n ?? 0
  );
}

function page(c: Conn, where: SQL[], limit: number, offset: number): InboxRow[] {
  if (limit <= 0) return [];
  // The page's ids first, from the narrowest index (an id sorts cheaply, a whole row does not),
  // then only those rows with their unit's and call's names.
  const ids = c
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(...where))
    .orderBy(desc(submissions.id))
    .limit(limit)
    .offset(offset);
  return c
    .select({
      id: submissions.id,
      title: submissions.title,
      status: submissions.status,
      adoptionKind: submissions.adoptionKind,
      urgent: submissions.urgent,
      unitId: submissions.unitId,
      unitName: units.name,
      seriesId: submissions.seriesId,
      callId: submissions.callId,
      callTopic: calls.topic,
      submittedAt: submissions.submittedAt,
      resubmittedAt: submissions.resubmittedAt,
      decisionNote: submissions.decisionNote,
      publishedPath: submissions.publishedPath,
      publishedLabel: submissions.publishedLabel,
    })
    .from(submissions)
    .leftJoin(units, eq(units.id, submissions.unitId))
    .leftJoin(calls, eq(calls.id, submissions.callId))
    .where(inArray(submissions.id, ids))
    .orderBy(desc(submissions.id))
    .all();
}

/** One page of submissions matching `filters`, and how many match in all. */
export function listInbox(c: Conn, filters: InboxFilters): { rows: InboxRow[]; total: number } {
  const total = count(c, conditions(filters, false));
  const where = conditions(filters, true);
  const offset = (filters.page - 1) * filters.pageSize;
  const size = filters.pageSize;
  // A search lists what it found newest first, without the urgent ones pinned: each pass over the
  // rows reads the whole match from the search index again, and a common phrase matches most of them.
  const canPin =
    !filters.terms?.length && filters.urgent !== false && (!filters.statuses?.length || filters.statuses.includes("submitted"));
  if (filters.order !== "inbox" || total === 0 || !canPin) return { rows: page(c, where, size, offset), total };
  // Urgent 已报送 first, each part newest first: two walks, so neither sorts the whole table.
  const first = count(c, [...conditions(filters, false), pinned]);
  if (first === 0) return { rows: page(c, where, size, offset), total };
  const rest = [...where, not(pinned)];
  if (offset >= first) return { rows: page(c, rest, size, offset - first), total };
  const top = page(c, [...where, pinned], size, offset);
  return { rows: [...top, ...page(c, rest, size - top.length, 0)], total };
}

/** The 约稿 of these series (undefined: all), newest first: the inbox's 约稿 filter. */
export function inboxCalls(c: Conn, seriesIds: string[] | undefined): { id: number; topic: string }[] {
  return c
    .select({ id: calls.id, topic: calls.topic })
    .from(calls)
    .where(seriesIds ? inArray(calls.seriesId, seriesIds) : undefined)
    .orderBy(desc(calls.id))
    .limit(200)
    .all();
}

/** A submission's timeline, oldest first (the submission page). */
export function submissionEventsOf(c: Conn, submissionId: number): SubmissionEventRow[] {
  return c
    .select()
    .from(submissionEvents)
    .where(eq(submissionEvents.submissionId, submissionId))
    .orderBy(asc(submissionEvents.at), asc(submissionEvents.id))
    .all();
}
