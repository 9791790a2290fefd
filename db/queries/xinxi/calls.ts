// 约稿 (calls for submissions) as the submission form needs them: which calls a unit may answer.
// The /studio/calls pages add their own queries here.
import "server-only";
import { and, asc, eq, exists, gte, or, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { type CallRow, calls, callUnits } from "@/db/schema";

/** The calls addressed to `unitId` (by name or to all) that are not closed, soonest deadline first;
 * `since` keeps those whose deadline is not long past (a late answer still counts as an answer). */
export function openCallsForUnit(c: Conn, unitId: number, { since }: { since: Date }): CallRow[] {
  return c
    .select()
    .from(calls)
    .where(
      and(
        eq(calls.closed, false),
        gte(calls.deadline, since),
        or(
          eq(calls.allUnits, true),
          exists(
            c
              .select({ one: sql`1` })
              .from(callUnits)
              .where(and(eq(callUnits.callId, calls.id), eq(callUnits.unitId, unitId))),
          ),
        ),
      ),
    )
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
