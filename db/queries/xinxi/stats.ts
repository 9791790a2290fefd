// The counts the statistics (lib/xinxi/stats.ts) are made of, each one GROUP BY over an indexed
// range of one column: submissions by submitted_at (series_id, submitted_at), adoptions by
// decided_at, publications by published_at, 批示 by (series_id, date). (约稿 are lib/xinxi/calls.ts's.) The
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
