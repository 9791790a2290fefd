// 约稿 (calls for submissions) as the submission form needs them: which calls a unit may answer.
// The /studio/calls pages and the statistics read the rest.
import "server-only";
import { and, asc, desc, eq, exists, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { type CallRow, calls, callUnits, submissions } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The condition on `calls` that a call is addressed to `unitId`: to all units, or naming it. */
export const addressedTo = (c: Conn, unitId: number) =>
  or(
    eq(calls.allUnits, true),
    exists(
      c
        .select({ one: sql`1` })
        .from(callUnits)
        .where(and(eq(callUnits.callId, calls.id), eq(callUnits.unitId, unitId))),
    ),
  );

/** The calls addressed to `unitId` (by name or to all) that are not closed, soonest deadline first;
 * `since` keeps those whose deadline is not long past (a late answer still counts as an answer). */
export function openCallsForUnit(c: Conn, unitId: number, { since }: { since: Date }): CallRow[] {
  return c
    .select()
    .from(calls)
    .where(and(eq(calls.closed, false), gte(calls.deadline, since), addressedTo(c, unitId)))
    .orderBy(asc(calls.deadline))
    .all();
}

/** Whether `unitId` is among the call's addressees. */
export function callAddresses(c: Conn, call: CallRow, unitId: number): boolean {
  if (call.allUnits) return true;
  return !!c
    .select({ one: sql`1` })
    .from(callUnits)
    .where(and(eq(callUnits.callId, call.id), eq(callUnits.unitId, unitId)))
    .get();
}

// ---- The /studio/calls pages: listing, writing, and the answers a call received.

export type CallInput = {
  seriesId: string;
  topic: string;
  body: string;
  deadline: Date;
  allUnits: boolean;
  /** The addressees when not allUnits. */
  unitIds: number[];
};

export function getCall(c: Conn, id: number): CallRow | undefined {
  return c.select().from(calls).where(eq(calls.id, id)).get();
}

export function loadCall(c: Conn, id: number): CallRow {
  const row = getCall(c, id);
  if (!row) throw new AppError("studio:not-found", "找不到这个约稿");
  return row;
}

/** The calls of these series (null: every series), latest deadline first. */
export function listCalls(c: Conn, { seriesIds }: { seriesIds: string[] | null }): CallRow[] {
  if (seriesIds?.length === 0) return [];
  return c
    .select()
    .from(calls)
    .where(seriesIds ? inArray(calls.seriesId, seriesIds) : undefined)
    .orderBy(desc(calls.deadline), desc(calls.id))
    .all();
}

/** A series' calls whose deadline falls in [from, to): the period the statistics count a call under. */
export function callsDueBetween(c: Conn, { seriesId, from, to }: { seriesId: string; from: Date; to: Date }): CallRow[] {
  return c
    .select()
    .from(calls)
    .where(and(eq(calls.seriesId, seriesId), gte(calls.deadline, from), lt(calls.deadline, to)))
    .orderBy(asc(calls.deadline), asc(calls.id))
    .all();
}

/** The calls addressed to `unitId` (by name or to all), open or not, whose deadline is on or after `since`; latest first. */
export function callsAddressedTo(c: Conn, unitId: number, { since }: { since: Date }): CallRow[] {
  return c
    .select()
    .from(calls)
    .where(and(gte(calls.deadline, since), addressedTo(c, unitId)))
    .orderBy(desc(calls.deadline), desc(calls.id))
    .all();
}

/** The units a call names (empty for a call to all units). */
export function callUnitIds(c: Conn, callId: number): number[] {
  return c
    .select({ unitId: callUnits.unitId })
    .from(callUnits)
    .where(eq(callUnits.callId, callId))
    .all()
    .map((r) => r.unitId);
}

function writeAddressees(c: Conn, callId: number, input: CallInput): void {
  c.delete(callUnits).where(eq(callUnits.callId, callId)).run();
  if (input.allUnits) return;
  for (const unitId of new Set(input.unitIds)) c.insert(callUnits).values({ callId, unitId }).run();
}

/** A new call with its addressees. Run it in a transaction. */
export function insertCall(c: Conn, input: CallInput & { actorId: number; at: Date }): CallRow {
  const row = c
    .insert(calls)
    .values({
      seriesId: input.seriesId,
      topic: input.topic,
      body: input.body,
      deadline: input.deadline,
      allUnits: input.allUnits,
      createdBy: input.actorId,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .returning()
    .get();
  writeAddressees(c, row.id, input);
  return row;
}

/** A call's new text, deadline and addressees. Run it in a transaction. */
export function updateCall(c: Conn, id: number, input: CallInput & { at: Date }): CallRow {
  const row = c
    .update(calls)
    .set({
      seriesId: input.seriesId,
      topic: input.topic,
      body: input.body,
      deadline: input.deadline,
      allUnits: input.allUnits,
      updatedAt: input.at,
    })
    .where(eq(calls.id, id))
    .returning()
    .get();
  if (!row) throw new AppError("studio:not-found", "找不到这个约稿");
  writeAddressees(c, id, input);
  return row;
}

/** Closes or reopens a call; `at` becomes its updatedAt, which for a closed call is when it was closed. */
export function setCallClosed(c: Conn, id: number, { closed, at }: { closed: boolean; at: Date }): CallRow {
  const row = c.update(calls).set({ closed, updatedAt: at }).where(eq(calls.id, id)).returning().get();
  if (!row) throw new AppError("studio:not-found", "找不到这个约稿");
  return row;
}

export type CallAnswerRow = { callId: number; unitId: number; submissionId: number; title: string; submittedAt: Date };

/** Every submission answering these calls, earliest first (the first of a unit is its answer). */
export function answersTo(c: Conn, callIds: number[]): CallAnswerRow[] {
  if (callIds.length === 0) return [];
  return c
    .select({
      callId: sql<number>`${submissions.callId}`,
      unitId: submissions.unitId,
      submissionId: submissions.id,
      title: submissions.title,
      submittedAt: submissions.submittedAt,
    })
    .from(submissions)
    .where(inArray(submissions.callId, callIds))
    .orderBy(asc(submissions.submittedAt), asc(submissions.id))
    .all();
}
