// The series' points tables (积分办法), one row per day a table took effect: read by the
// statistics (the rules in force on each event's day) and by /studio/points, written there. Which
// rows may still change is decided in lib/xinxi/points.ts; these only read and write.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { type PointsRules, type PointsTableRow, pointsTables } from "@/db/schema";

/** Every table of the series, oldest first. */
export function pointsTablesOf(c: Conn, seriesId: string): PointsTableRow[] {
  return c.select().from(pointsTables).where(eq(pointsTables.seriesId, seriesId)).orderBy(asc(pointsTables.validFrom)).all();
}

export function pointsTableFrom(c: Conn, seriesId: string, validFrom: string): PointsTableRow | undefined {
  return c
    .select()
    .from(pointsTables)
    .where(and(eq(pointsTables.seriesId, seriesId), eq(pointsTables.validFrom, validFrom)))
    .get();
}

/** Adds the table taking effect on `validFrom`, or replaces the one already starting that day. */
export function putPointsTable(
  c: Conn,
  input: { seriesId: string; validFrom: string; rules: PointsRules; note: string | null; actorId: number; at: Date },
): PointsTableRow {
  const values = { rules: input.rules, note: input.note, updatedBy: input.actorId, updatedAt: input.at };
  return c
    .insert(pointsTables)
    .values({ seriesId: input.seriesId, validFrom: input.validFrom, ...values })
    .onConflictDoUpdate({ target: [pointsTables.seriesId, pointsTables.validFrom], set: values })
    .returning()
    .get();
}
