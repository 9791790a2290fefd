// What the studio's 通知 (notifications) are made of, read from the tables the other 信息报送 pages
// write (submission_events, calls, call_units), so nothing has to call the notifications when it
// changes something. Every list is one indexed range cut at a limit: a unit's events by
// submission_events_unit_idx, the newest submissions by the events' primary key, the calls by
// calls_deadline_idx. How each row reads is lib/xinxi/notices.ts's business.
import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { addressedTo } from "@/db/queries/xinxi/calls";
import {
  type AdoptionKind,
  type CallRow,
  calls,
  noticeMarks,
  type SubmissionEventKind,
  submissionEvents,
  submissions,
  units,
} from "@/db/schema";

/** An event with what its notice shows of the submission and its unit. */
export type NoticeEventRow = {
  id: number;
  submissionId: number;
  kind: SubmissionEventKind;
  actorId: number | null;
  detail: Record<string, unknown> | null;
  at: Date;
  title: string;
  seriesId: string;
  unitId: number;
  unitName: string;
  unitShortName: string | null;
  adoptionKind: AdoptionKind | null;
  publishedLabel: string | null;
};

/** The columns of a NoticeEventRow, for a query joining submissions and units to submission_events. */
export const noticeEventColumns = {
  id: submissionEvents.id,
  submissionId: submissionEvents.submissionId,
  kind: submissionEvents.kind,
  actorId: submissionEvents.actorId,
  detail: submissionEvents.detail,
  at: submissionEvents.at,
  title: submissions.title,
  seriesId: submissions.seriesId,
  unitId: submissionEvents.unitId,
  unitName: units.name,
  unitShortName: units.shortName,
  adoptionKind: submissions.adoptionKind,
  publishedLabel: submissions.publishedLabel,
};

/** When the user last opened /studio/notices; null before the first visit. */
export function noticesSeenAt(c: Conn, userId: number): Date | null {
  return c.select({ at: noticeMarks.seenAt }).from(noticeMarks).where(eq(noticeMarks.userId, userId)).get()?.at ?? null;
}

/** Moves the mark forward to `at` (never back: two tabs opened out of order keep the later one). */
export function markNoticesSeen(c: Conn, userId: number, at: Date): void {
  c.insert(noticeMarks)
    .values({ userId, seenAt: at })
    .onConflictDoUpdate({ target: noticeMarks.userId, set: { seenAt: sql`max(${noticeMarks.seenAt}, excluded.seen_at)` } })
    .run();
}

/** What happened to one unit's submissions, newest first, leaving out what `exceptActorId` did. */
export function unitEvents(c: Conn, input: { unitId: number; exceptActorId: number; limit: number }): NoticeEventRow[] {
  return c
    .select(noticeEventColumns)
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .innerJoin(units, eq(units.id, submissionEvents.unitId))
    .where(
      and(
        eq(submissionEvents.unitId, input.unitId),
        or(sql`${submissionEvents.actorId} IS NULL`, ne(submissionEvents.actorId, input.exceptActorId)),
      ),
    )
    .orderBy(desc(submissionEvents.at), desc(submissionEvents.id))
    .limit(input.limit)
    .all();
}

/** How many of the newest events an editor's list looks through for their series. */
export const SERIES_EVENT_WINDOW = 5000;

/**
 * New submissions and resubmissions in the given series (null: all), newest first. Walked down the
 * events' primary key (ids grow with time) over the newest SERIES_EVENT_WINDOW events at most, so
 * an editor of a quiet series does not read the whole history of the busy ones.
 */
export function seriesSubmissionEvents(
  c: Conn,
  input: { seriesIds: string[] | null; exceptActorId: number; limit: number },
): NoticeEventRow[] {
  if (input.seriesIds?.length === 0) return [];
  const where: SQL[] = [
    inArray(submissionEvents.kind, ["submitted", "resubmitted"]),
    sql`${submissionEvents.id} > (SELECT coalesce(max("id"), 0) FROM "submission_events") - ${SERIES_EVENT_WINDOW}`,
  ];
  if (input.seriesIds) where.push(inArray(submissions.seriesId, input.seriesIds));
  return c
    .select(noticeEventColumns)
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .innerJoin(units, eq(units.id, submissionEvents.unitId))
    .where(and(...where, or(sql`${submissionEvents.actorId} IS NULL`, ne(submissionEvents.actorId, input.exceptActorId))))
    .orderBy(desc(submissionEvents.id))
    .limit(input.limit)
    .all();
}

/**
 * Whether the unit has sent a submission answering the call (late or not). Written out with
 * qualified names: drizzle leaves a column's table off in a single-table select, and inside this
 * subquery a bare "id" or "unit_id" would be the submission's.
 */
const answeredBy = (unit: SQL) =>
  sql<number>`EXISTS (SELECT 1 FROM "submissions" AS "answer" WHERE "answer"."call_id" = "calls"."id" AND "answer"."unit_id" = ${unit})`;

/** The open calls addressed to a unit whose deadline is still ahead, soonest first, with whether it answered. */
export function unitOpenCalls(c: Conn, input: { unitId: number; now: Date; limit: number }): (CallRow & { answered: boolean })[] {
  return c
    .select({ call: calls, answered: answeredBy(sql`${input.unitId}`) })
    .from(calls)
    .where(and(gte(calls.deadline, input.now), eq(calls.closed, false), addressedTo(c, input.unitId)))
    .orderBy(asc(calls.deadline))
    .limit(input.limit)
    .all()
    .map((r) => ({ ...r.call, answered: !!r.answered }));
}

/** Calls of the given series (null: all) whose deadline passed since `since`, latest deadline first:
 * the candidates for "late" (lib/xinxi/notices.ts asks lib/xinxi/calls.ts who missed each). */
export function callsPastDeadline(c: Conn, input: { seriesIds: string[] | null; since: Date; now: Date; limit: number }): CallRow[] {
  if (input.seriesIds?.length === 0) return [];
  const where: SQL[] = [gte(calls.deadline, input.since), lt(calls.deadline, input.now)];
  if (input.seriesIds) where.push(inArray(calls.seriesId, input.seriesIds));
  return c
    .select()
    .from(calls)
    .where(and(...where))
    .orderBy(desc(calls.deadline))
    .limit(input.limit)
    .all();
}
