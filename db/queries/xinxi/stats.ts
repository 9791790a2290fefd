// The counts the statistics (lib/xinxi/stats.ts) are made of, each one GROUP BY over an indexed
// range of one column: submissions by submitted_at (series_id, submitted_at), adoptions by
// decided_at, publications by published_at, 批示 by (series_id, date), 约稿 by deadline. The
// caller asks once per stretch of days under one points table, never once per unit.
import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import type { AdoptionKind, InstructionLevel } from "@/db/schema";

/** [start, end) in epoch milliseconds. */
export type MsRange = { start: number; end: number };

export function submittedCounts(c: Conn, seriesId: string, r: MsRange): { unitId: number; n: number }[] {
  return c.all(sql`SELECT unit_id AS unitId, count(*) AS n FROM submissions INDEXED BY submissions_series_idx
    WHERE series_id = ${seriesId} AND submitted_at >= ${r.start} AND submitted_at < ${r.end} GROUP BY unit_id`);
}

/** Adopted (已采用, and 已刊用 after it) with the way it was used, by the day it was decided. */
export function adoptedCounts(c: Conn, seriesId: string, r: MsRange): { unitId: number; kind: AdoptionKind; n: number }[] {
  return c.all(sql`SELECT unit_id AS unitId, adoption_kind AS kind, count(*) AS n FROM submissions INDEXED BY submissions_decided_idx
    WHERE decided_at >= ${r.start} AND decided_at < ${r.end} AND series_id = ${seriesId}
      AND status IN ('adopted', 'published') AND adoption_kind IS NOT NULL
    GROUP BY unit_id, adoption_kind`);
}

export function publishedCounts(c: Conn, seriesId: string, r: MsRange): { unitId: number; n: number }[] {
  return c.all(sql`SELECT unit_id AS unitId, count(*) AS n FROM submissions INDEXED BY submissions_published_idx
    WHERE published_at >= ${r.start} AND published_at < ${r.end} AND series_id = ${seriesId} AND status = 'published'
    GROUP BY unit_id`);
}

/** 批示 credited to a unit, by level, for days from…to inclusive (YYYY-MM-DD). */
export function instructionCounts(
  c: Conn,
  seriesId: string,
  days: { from: string; to: string },
): { unitId: number; level: InstructionLevel; n: number }[] {
  return c.all(sql`SELECT unit_id AS unitId, level, count(*) AS n FROM instructions INDEXED BY instructions_date_idx
    WHERE series_id = ${seriesId} AND date >= ${days.from} AND date <= ${days.to} AND unit_id IS NOT NULL
    GROUP BY unit_id, level`);
}

export type CallInPeriod = { id: number; deadline: number; allUnits: boolean };

/** The series' 约稿 whose deadline falls in the range. */
export function callsDue(c: Conn, seriesId: string, r: MsRange): CallInPeriod[] {
  return c
    .all<{ id: number; deadline: number; allUnits: number }>(sql`SELECT id, deadline, all_units AS allUnits FROM calls
      WHERE deadline >= ${r.start} AND deadline < ${r.end} AND series_id = ${seriesId} ORDER BY deadline, id`)
    .map((row) => ({ ...row, allUnits: !!row.allUnits }));
}

/** The units each of those calls names (calls to all units name none here). */
export function callAddressees(c: Conn, seriesId: string, r: MsRange): { callId: number; unitId: number }[] {
  return c.all(sql`SELECT cu.call_id AS callId, cu.unit_id AS unitId FROM calls c JOIN call_units cu ON cu.call_id = c.id
    WHERE c.deadline >= ${r.start} AND c.deadline < ${r.end} AND c.series_id = ${seriesId} AND c.all_units = 0`);
}

/** Each unit's first answer to each of those calls (its earliest submission naming the call). */
export function firstAnswers(c: Conn, seriesId: string, r: MsRange): { callId: number; unitId: number; first: number }[] {
  return c.all(sql`SELECT s.call_id AS callId, s.unit_id AS unitId, min(s.submitted_at) AS first
    FROM calls c JOIN submissions s INDEXED BY submissions_call_idx ON s.call_id = c.id
    WHERE c.deadline >= ${r.start} AND c.deadline < ${r.end} AND c.series_id = ${seriesId}
    GROUP BY s.call_id, s.unit_id`);
}
