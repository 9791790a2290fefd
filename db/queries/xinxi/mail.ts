// The mailer's tables: its cursors through submission_events and calls (job_cursors), who receives
// what (a unit's contributors and contact; the staff of a series), and the outbox it composes into
// and sends from. What a mail says and when a failed one is tried again is lib/xinxi/mailer.ts's.
import "server-only";
import { and, asc, eq, exists, gt, inArray, isNull, lte, max, or, sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/index";
import {
  type CallRow,
  calls,
  callUnits,
  jobCursors,
  type MailOutboxRow,
  mailOutbox,
  submissionEvents,
  submissions,
  units,
  userSeries,
  users,
} from "@/db/schema";
import { immediate } from "../studio/common";
import { type NoticeEventRow, noticeEventColumns } from "./notices";

export function readCursor(c: Conn, name: string): number | null {
  return c.select({ p: jobCursors.position }).from(jobCursors).where(eq(jobCursors.name, name)).get()?.p ?? null;
}

export function writeCursor(c: Conn, name: string, position: number, at: Date): void {
  c.insert(jobCursors)
    .values({ name, position, updatedAt: at })
    .onConflictDoUpdate({ target: jobCursors.name, set: { position, updatedAt: at } })
    .run();
}

/** The newest event's id (0 when there is none): where a mailer switched on for the first time starts. */
export function lastEventId(c: Conn): number {
  return (
    c
      .select({ n: max(submissionEvents.id) })
      .from(submissionEvents)
      .get()?.n ?? 0
  );
}

export function lastCallId(c: Conn): number {
  return (
    c
      .select({ n: max(calls.id) })
      .from(calls)
      .get()?.n ?? 0
  );
}

export function eventsAfter(c: Conn, after: number, limit: number): NoticeEventRow[] {
  return c
    .select(noticeEventColumns)
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .innerJoin(units, eq(units.id, submissionEvents.unitId))
    .where(gt(submissionEvents.id, after))
    .orderBy(asc(submissionEvents.id))
    .limit(limit)
    .all();
}

export function callsAfter(c: Conn, after: number, limit: number): CallRow[] {
  return c.select().from(calls).where(gt(calls.id, after)).orderBy(asc(calls.id)).limit(limit).all();
}

/** The units a call is addressed to: its call_units, or every enabled unit for a call to all. */
export function callUnitIds(c: Conn, call: CallRow): number[] {
  if (call.allUnits)
    return c
      .select({ id: units.id })
      .from(units)
      .where(eq(units.disabled, false))
      .orderBy(asc(units.id))
      .all()
      .map((r) => r.id);
  return c
    .select({ id: callUnits.unitId })
    .from(callUnits)
    .where(eq(callUnits.callId, call.id))
    .orderBy(asc(callUnits.unitId))
    .all()
    .map((r) => r.id);
}

/** A unit's addresses: its enabled contributors' and its contact e-mail, lower-cased, each once. */
export function unitAddresses(c: Conn, unitId: number): string[] {
  const contributors = c
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.role, "contributor"), eq(users.disabled, false)))
    .all()
    .map((r) => r.email);
  const contact = c.select({ email: units.contactEmail }).from(units).where(eq(units.id, unitId)).get()?.email;
  return [...new Set([...contributors, ...(contact ? [contact] : [])].map((e) => e.trim().toLowerCase()).filter(Boolean))];
}

/** The enabled editors, reviewers and admins working on a series (admins and "all series" on every one). */
export function seriesStaffAddresses(c: Conn, seriesId: string): string[] {
  return c
    .select({ email: users.email })
    .from(users)
    .where(
      and(
        inArray(users.role, ["editor", "reviewer", "admin"]),
        eq(users.disabled, false),
        or(
          eq(users.role, "admin"),
          eq(users.allSeries, true),
          exists(
            c
              .select({ one: sql`1` })
              .from(userSeries)
              .where(and(eq(userSeries.userId, users.id), eq(userSeries.seriesId, seriesId))),
          ),
        ),
      ),
    )
    .orderBy(asc(users.id))
    .all()
    .map((r) => r.email.toLowerCase());
}

/** The address of whoever did something (lower-cased), so they are not mailed about it. */
export function userAddress(c: Conn, id: number): string | undefined {
  return c.select({ email: users.email }).from(users).where(eq(users.id, id)).get()?.email.toLowerCase();
}

export function enqueueMail(c: Conn, mail: { to: string; subject: string; body: string }, at: Date): void {
  c.insert(mailOutbox)
    .values({ ...mail, createdAt: at, attempts: 0, nextAttemptAt: at })
    .run();
}

/**
 * Takes up to `limit` mails that are due, oldest first, and pushes their next attempt to
 * `leaseUntil` in the same transaction: another round or server process leaves them alone while
 * this one sends, and if this one dies they come due again then.
 */
export function claimDueMails(d: Db, input: { now: Date; leaseUntil: Date; limit: number }): MailOutboxRow[] {
  return immediate(d, (tx) => {
    const due = tx
      .select()
      .from(mailOutbox)
      .where(and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextAttemptAt, input.now)))
      .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
      .limit(input.limit)
      .all();
    if (due.length)
      tx.update(mailOutbox)
        .set({ nextAttemptAt: input.leaseUntil })
        .where(
          inArray(
            mailOutbox.id,
            due.map((m) => m.id),
          ),
        )
        .run();
    return due;
  });
}

export function markMailSent(c: Conn, id: number, at: Date): void {
  c.update(mailOutbox).set({ sentAt: at, lastError: null }).where(eq(mailOutbox.id, id)).run();
}

export function markMailFailed(c: Conn, id: number, input: { attempts: number; nextAttemptAt: Date; error: string }): void {
  c.update(mailOutbox)
    .set({ attempts: input.attempts, nextAttemptAt: input.nextAttemptAt, lastError: input.error })
    .where(eq(mailOutbox.id, id))
    .run();
}
