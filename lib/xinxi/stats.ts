// The statistics of 信息报送, computed once here for the page, the .xlsx and the 通报: per unit,
// 报送数 (first submitted in the period), 采用数 (decided as adopted in the period, and still
// adopted or since printed), 采用率, 刊用数 (printed in the period), 批示数 (批示 dated in the
// period, credited to the unit), 约稿按时 / 约稿未响应 (calls whose deadline falls in the period)
// and 积分, each event scored by the points table in force on its own day, then 排名 (ties share
// a rank: 1, 2, 2, 4).
//
// 约稿 are judged by lib/xinxi/calls.ts (callAnswers), as the call pages judge them: a call
// belongs to the period its deadline falls in; a unit's first answer at or before the deadline is
// on time; an addressed unit without one has missed the call once the deadline has passed (a late
// answer too: it was not on time), unless the call was called off before its deadline.
//
// 含下级单位 (rollUp): the rows are then the top two levels of the unit tree, each counting the
// events of every unit under it; a unit's zeroed year (below) zeroes its own points only, not
// the whole city's.
import "server-only";
import type { Conn } from "@/db/index";
import { callsDueBetween } from "@/db/queries/xinxi/calls";
import { pointsTablesOf } from "@/db/queries/xinxi/points";
import { adoptedCounts, instructionCounts, type MsRange, publishedCounts, submittedCounts } from "@/db/queries/xinxi/stats";
import { listUnits } from "@/db/queries/xinxi/units";
import { type AdoptionKind, adoptionKinds, type PointsRules, type PointsTableRow } from "@/db/schema";
import { callAnswers } from "./calls";
import { dayStart, isCalendarYear, nextDay, type Period } from "./period";
import { rulesOn, rulesSpans } from "./points";

export type UnitStatsRow = {
  unitId: number;
  unit: string;
  /** The short name (简称) when the unit has one: what the 通报 prints. */
  shortName: string;
  /** Depth in the unit tree (0 for a top unit). */
  depth: number;
  submitted: number;
  adopted: number;
  adoptedByKind: Record<AdoptionKind, number>;
  /** 采用数 ÷ 报送数 as a percentage with one decimal; 0 when nothing was submitted. */
  rate: number;
  published: number;
  instructions: number;
  callsOnTime: number;
  callsMissed: number;
  points: number;
  /** The year's points were set to zero by "missed 约稿 void the year". */
  zeroed: boolean;
  rank: number;
};

export type UnitStats = {
  seriesId: string;
  period: Period;
  rollUp: boolean;
  rows: UnitStatsRow[];
  /** The tables that scored the period, in order, with the days each covered. */
  rules: { from: string; to: string; validFrom: string | null; rules: PointsRules }[];
};

type Tally = Omit<UnitStatsRow, "unitId" | "unit" | "shortName" | "depth" | "rate" | "zeroed" | "rank">;

const emptyTally = (): Tally => ({
  submitted: 0,
  adopted: 0,
  adoptedByKind: { full: 0, excerpt: 0, combined: 0 },
  published: 0,
  instructions: 0,
  callsOnTime: 0,
  callsMissed: 0,
  points: 0,
});

/** Points are kept to two decimals, so 0.1 + 0.2 shows as 0.3. */
const round2 = (n: number) => Math.round(n * 100) / 100;

export const adoptionRate = (adopted: number, submitted: number): number =>
  submitted === 0 ? 0 : Math.round((adopted / submitted) * 1000) / 10;

/** Competition ranking by points: equal points share a rank, the next rank skips (1, 2, 2, 4). */
export function rankByPoints<T extends { points: number }>(rows: T[]): Map<T, number> {
  const sorted = [...rows].sort((a, b) => b.points - a.points);
  const ranks = new Map<T, number>();
  sorted.forEach((r, i) => {
    ranks.set(r, i > 0 && sorted[i - 1]!.points === r.points ? ranks.get(sorted[i - 1]!)! : i + 1);
  });
  return ranks;
}

export function unitStats(
  c: Conn,
  { seriesId, period, now = new Date(), rollUp = false }: { seriesId: string; period: Period; now?: Date; rollUp?: boolean },
): UnitStats {
  const tables: PointsTableRow[] = pointsTablesOf(c, seriesId);
  const spans = rulesSpans(tables, period.from, period.to);
  const tallies = new Map<number, Tally>();
  const tally = (unitId: number) => {
    let t = tallies.get(unitId);
    if (!t) tallies.set(unitId, (t = emptyTally()));
    return t;
  };

  for (const span of spans) {
    const range: MsRange = { start: dayStart(span.from), end: dayStart(nextDay(span.to)) };
    const r = span.rules;
    for (const { unitId, n } of submittedCounts(c, seriesId, range)) {
      const t = tally(unitId);
      t.submitted += n;
      t.points += n * r.submitted;
    }
    for (const { unitId, kind, n } of adoptedCounts(c, seriesId, range)) {
      const t = tally(unitId);
      t.adopted += n;
      t.adoptedByKind[kind] += n;
      t.points += n * r[kind];
    }
    for (const { unitId, n } of publishedCounts(c, seriesId, range)) {
      const t = tally(unitId);
      t.published += n;
      t.points += n * r.published;
    }
    for (const { unitId, level, n } of instructionCounts(c, seriesId, span)) {
      const t = tally(unitId);
      t.instructions += n;
      t.points += n * r.instruction[level];
    }
  }

  // 约稿, judged by lib/xinxi/calls.ts callAnswers (the call pages' own reckoning of addressees,
  // first answers and calls called off), one stretch at a time so each call is scored by the
  // table in force on its deadline's day. An addressed unit without an on-time answer, late or
  // none, has missed it (the statistics' rule; the call pages show "late" apart).
  const missedCalls = new Map<number, number>();
  for (const span of spans) {
    const due = callsDueBetween(c, { seriesId, from: new Date(dayStart(span.from)), to: new Date(dayStart(nextDay(span.to))) });
    for (const answers of callAnswers(c, due, now).values())
      for (const a of answers) {
        if (a.state === "on-time") {
          const t = tally(a.unitId);
          t.callsOnTime += 1;
          t.points += span.rules.callOnTime;
        } else if (a.addressed && (a.state === "missed" || a.state === "late")) {
          const t = tally(a.unitId);
          t.callsMissed += 1;
          t.points += span.rules.callMissed;
          missedCalls.set(a.unitId, (missedCalls.get(a.unitId) ?? 0) + 1);
        }
      }
  }

  // "Missed 约稿 void the year": over a calendar year, by the rules in force at its end.
  const zeroed = new Set<number>();
  if (isCalendarYear(period)) {
    const limit = rulesOn(tables, period.to).rules.zeroAfterMissedCalls;
    if (limit !== null) for (const [unitId, n] of missedCalls) if (n >= limit) zeroed.add(unitId);
  }
  for (const unitId of zeroed) tally(unitId).points = 0;

  const units = listUnits(c);
  // Rows: every enabled unit in tree order, and any disabled one that has numbers in the period.
  const depth = new Map<number, number>();
  for (const u of units) depth.set(u.id, u.parentId !== null && depth.has(u.parentId) ? depth.get(u.parentId)! + 1 : 0);
  const shown = units.filter((u) => (!rollUp || depth.get(u.id)! <= 1) && (!u.disabled || tallies.has(u.id)));
  const rowOf = new Map<number, number>(); // unit → the shown unit it is counted under
  if (rollUp) {
    const parent = new Map(units.map((u) => [u.id, u.parentId]));
    for (const u of units) {
      let at: number | null = u.id;
      while (at !== null && depth.get(at)! > 1) at = parent.get(at) ?? null;
      if (at !== null) rowOf.set(u.id, at);
    }
  }
  const totals = new Map<number, Tally>(shown.map((u) => [u.id, emptyTally()]));
  for (const [unitId, t] of tallies) {
    const into = totals.get(rollUp ? (rowOf.get(unitId) ?? unitId) : unitId);
    if (!into) continue;
    into.submitted += t.submitted;
    into.adopted += t.adopted;
    for (const k of adoptionKinds) into.adoptedByKind[k] += t.adoptedByKind[k];
    into.published += t.published;
    into.instructions += t.instructions;
    into.callsOnTime += t.callsOnTime;
    into.callsMissed += t.callsMissed;
    into.points += t.points;
  }
  const rows = shown.map((u) => {
    const t = totals.get(u.id)!;
    return {
      unitId: u.id,
      unit: u.name,
      shortName: u.shortName || u.name,
      depth: depth.get(u.id)!,
      ...t,
      points: round2(t.points),
      rate: adoptionRate(t.adopted, t.submitted),
      zeroed: zeroed.has(u.id),
      rank: 0,
    };
  });
  const ranks = rankByPoints(rows);
  for (const row of rows) row.rank = ranks.get(row)!;
  // By rank, then the tree's order (sort is stable).
  rows.sort((a, b) => a.rank - b.rank);
  return {
    seriesId,
    period,
    rollUp,
    rows,
    rules: spans.map((s) => ({ from: s.from, to: s.to, validFrom: s.validFrom, rules: s.rules })),
  };
}

/** The columns the table may be sorted by, with their header text (the page, the .xlsx, the 通报). */
export const STATS_COLUMNS = [
  { key: "rank", label: "排名" },
  { key: "unit", label: "单位" },
  { key: "submitted", label: "报送数" },
  { key: "adopted", label: "采用数" },
  { key: "rate", label: "采用率" },
  { key: "published", label: "刊用数" },
  { key: "instructions", label: "批示数" },
  { key: "callsOnTime", label: "约稿按时" },
  { key: "callsMissed", label: "约稿未响应" },
  { key: "points", label: "积分" },
] as const;
export type StatsColumn = (typeof STATS_COLUMNS)[number]["key"];
export const isStatsColumn = (s: string | undefined): s is StatsColumn => STATS_COLUMNS.some((c) => c.key === s);

/** The rows sorted by a column; ties keep the ranking's order (rank, then the tree). */
export function sortStats(rows: readonly UnitStatsRow[], column: StatsColumn, dir: "asc" | "desc"): UnitStatsRow[] {
  const order = new Map(rows.map((r, i) => [r, i]));
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const d = column === "unit" ? a.unit.localeCompare(b.unit, "zh-CN") : (a[column] as number) - (b[column] as number);
    return d !== 0 ? sign * d : order.get(a)! - order.get(b)!;
  });
}

/** 12.5%: the rate as the page, the .xlsx and the 通报 print it. */
export const percent = (rate: number) => `${rate.toFixed(1)}%`;
