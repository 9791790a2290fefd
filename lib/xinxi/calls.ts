// 约稿 as the office reckons it: a call's status, whom it counts, and how each addressed unit
// answered it (on time, late, or not at all). The call pages and the statistics share callAnswers
// and callOutcomes, so a unit's 按时响应 / 未响应 is the same number everywhere.
//
// The rules, decided here once:
// - A unit's answer is its FIRST submission naming the call (submissions.callId); it is on time
//   when that first submittedAt is at or before the deadline, late after it. Later resubmissions
//   or further submissions change nothing, and a returned or rejected answer is still an answer.
// - A call to all units counts the units that existed and were not disabled when the call was
//   made: a unit added (or brought back) afterwards was never asked, so it cannot miss the call.
//   Any unit that did answer it counts as answered, whether or not it was counted as asked.
// - A unit that has not answered misses the call once the deadline has passed; until then it is
//   still open. A call closed BEFORE its deadline was called off: nobody misses it (answers already
//   in still count). Closing after the deadline only stops late answers; the misses stand. A closed
//   call cannot be edited, so its updatedAt is when it was closed.
import "server-only";
import type { Conn } from "@/db/index";
import { answersTo, type CallAnswerRow, callsDueBetween, callUnitIds } from "@/db/queries/xinxi/calls";
import { listUnits } from "@/db/queries/xinxi/units";
import type { CallRow, UnitRow } from "@/db/schema";

export type CallStatus = "open" | "past" | "closed";

export function callStatus(call: Pick<CallRow, "closed" | "deadline">, now: Date): CallStatus {
  if (call.closed) return "closed";
  return call.deadline.getTime() < now.getTime() ? "past" : "open";
}

/** Closed before its deadline: the office called it off, and no unit misses it. */
export const calledOff = (call: Pick<CallRow, "closed" | "deadline" | "updatedAt">): boolean =>
  call.closed && call.updatedAt.getTime() < call.deadline.getTime();

/** on-time / late: answered; missed: no answer by the deadline; open: no answer yet, deadline ahead; void: no answer, call called off. */
export type AnswerState = "on-time" | "late" | "missed" | "open" | "void";

export type UnitAnswer = {
  unitId: number;
  state: AnswerState;
  /** Whether the unit was among those the call counts (see the rules above). */
  addressed: boolean;
  /** The unit's answers, first (the one that counts) first. */
  submissions: { id: number; title: string; submittedAt: Date }[];
};

/** The units a call counts: those it names, or for all units those there (and enabled) when it was made. */
export function addresseesOf(call: CallRow, named: number[], units: Pick<UnitRow, "id" | "disabled" | "createdAt">[]): number[] {
  if (!call.allUnits) return [...new Set(named)];
  return units.filter((u) => !u.disabled && u.createdAt.getTime() <= call.createdAt.getTime()).map((u) => u.id);
}

/** How each unit answered one call: the addressees in the order given, then any other unit that answered. Pure. */
export function answersOf(call: CallRow, addressees: number[], answers: CallAnswerRow[], now: Date): UnitAnswer[] {
  const byUnit = new Map<number, UnitAnswer["submissions"]>();
  for (const a of answers) {
    if (a.callId !== call.id) continue;
    const list = byUnit.get(a.unitId) ?? [];
    list.push({ id: a.submissionId, title: a.title, submittedAt: a.submittedAt });
    byUnit.set(a.unitId, list);
  }
  for (const list of byUnit.values()) list.sort((x, y) => x.submittedAt.getTime() - y.submittedAt.getTime() || x.id - y.id);
  const stateOf = (unitId: number): AnswerState => {
    const first = byUnit.get(unitId)?.[0];
    if (first) return first.submittedAt.getTime() <= call.deadline.getTime() ? "on-time" : "late";
    if (calledOff(call)) return "void";
    return call.deadline.getTime() < now.getTime() ? "missed" : "open";
  };
  const asked = new Set(addressees);
  const out: UnitAnswer[] = addressees.map((unitId) => ({
    unitId,
    state: stateOf(unitId),
    addressed: true,
    submissions: byUnit.get(unitId) ?? [],
  }));
  for (const [unitId, submissions] of byUnit)
    if (!asked.has(unitId)) out.push({ unitId, state: stateOf(unitId), addressed: false, submissions });
  return out;
}

/** How each unit answered each of these calls, read in three queries whatever their number. */
export function callAnswers(c: Conn, list: CallRow[], now: Date): Map<number, UnitAnswer[]> {
  const units = list.some((call) => call.allUnits) ? listUnits(c) : [];
  const answers = answersTo(
    c,
    list.map((call) => call.id),
  );
  return new Map(
    list.map((call) => [call.id, answersOf(call, addresseesOf(call, call.allUnits ? [] : callUnitIds(c, call.id), units), answers, now)]),
  );
}

export type CallOutcome = { addressed: number; onTime: number; late: number; missed: number };

/**
 * Per unit, over a series' calls whose deadline falls in [from, to): how many it was asked to
 * answer, answered on time, answered late, and missed (as of `now`). Units neither asked nor
 * answering are absent. What the statistics and the points (callOnTime, callMissed) count.
 */
export function callOutcomes(
  c: Conn,
  { seriesId, from, to, now }: { seriesId: string; from: Date; to: Date; now: Date },
): Map<number, CallOutcome> {
  const out = new Map<number, CallOutcome>();
  for (const list of callAnswers(c, callsDueBetween(c, { seriesId, from, to }), now).values())
    for (const a of list) {
      const o = out.get(a.unitId) ?? { addressed: 0, onTime: 0, late: 0, missed: 0 };
      if (a.addressed) o.addressed++;
      if (a.state === "on-time") o.onTime++;
      else if (a.state === "late") o.late++;
      else if (a.state === "missed") o.missed++;
      out.set(a.unitId, o);
    }
  return out;
}

/** Counts for a call's row in the list: answered of addressed, and how many of those came late. */
export function answerCounts(list: UnitAnswer[]): { addressed: number; answered: number; late: number; missed: number } {
  const asked = list.filter((a) => a.addressed);
  return {
    addressed: asked.length,
    answered: asked.filter((a) => a.state === "on-time" || a.state === "late").length,
    late: list.filter((a) => a.state === "late").length,
    missed: asked.filter((a) => a.state === "missed").length,
  };
}

/** 剩余 N 天 / 不足 1 天 / 已截止, for a contributor's list. */
export function timeLeft(deadline: Date, now: Date): string {
  const ms = deadline.getTime() - now.getTime();
  if (ms < 0) return "已截止";
  const days = Math.floor(ms / 86_400_000);
  return days >= 1 ? `剩余 ${days} 天` : "不足 1 天";
}

/** The unit tree as the addressee picker shows it: enabled units (and any already picked), with their depth. */
export function pickableUnits(c: Conn, keep: number[] = []): { id: number; name: string; parentId: number | null; depth: number }[] {
  const all = listUnits(c);
  const parent = new Map(all.map((u) => [u.id, u.parentId]));
  const depth = (id: number) => {
    let n = 0;
    for (let p = parent.get(id); p != null && n < 20; p = parent.get(p)) n++;
    return n;
  };
  const kept = new Set(keep);
  return all
    .filter((u) => !u.disabled || kept.has(u.id))
    .map((u) => ({ id: u.id, name: u.name, parentId: u.parentId, depth: depth(u.id) }));
}
