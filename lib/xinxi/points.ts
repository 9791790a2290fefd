// The 积分办法 as the statistics apply it: the rules in force on a day (the latest table starting
// on or before it, else DEFAULT_POINTS_RULES), the stretches of a period each table covers, and
// the one rule about changing them: a table that has already applied to a day is never edited,
// so a change takes effect from its date and every past period keeps the score it was given.
import "server-only";
import { z } from "zod";
import type { Conn, Db } from "@/db/index";
import { immediate } from "@/db/queries/studio/common";
import { pointsTableFrom, pointsTablesOf, putPointsTable } from "@/db/queries/xinxi/points";
import type { PointsRules, PointsTableRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { DEFAULT_POINTS_RULES, INSTRUCTION_LEVEL_LABEL, POINTS_RULE_LABEL } from "@/lib/vocabulary";

const points = z.coerce.number({ error: "请填写分值" }).min(-1000, "分值不能小于 -1000").max(1000, "分值不能大于 1000");

export const pointsRulesSchema = z.object({
  submitted: points,
  full: points,
  excerpt: points,
  combined: points,
  published: points,
  instruction: z.object({ county: points, city: points, province: points, central: points }),
  callOnTime: points,
  callMissed: points,
  zeroAfterMissedCalls: z.coerce.number().int("请填写整数").min(1, "次数至少为 1").max(100, "次数不能超过 100").nullable(),
}) satisfies z.ZodType<PointsRules>;

/** One stretch of days (inclusive) scored by one set of rules. */
export type RulesSpan = { from: string; to: string; rules: PointsRules; validFrom: string | null };

/** The rules in force on `day` among the series' tables (oldest first). */
export function rulesOn(tables: readonly PointsTableRow[], day: string): { rules: PointsRules; validFrom: string | null } {
  let found: PointsTableRow | undefined;
  for (const t of tables) if (t.validFrom <= day) found = t;
  return found ? { rules: found.rules, validFrom: found.validFrom } : { rules: DEFAULT_POINTS_RULES, validFrom: null };
}

/** The period [from, to] cut where a table takes effect, each piece with its rules. */
export function rulesSpans(tables: readonly PointsTableRow[], from: string, to: string): RulesSpan[] {
  const starts = tables.map((t) => t.validFrom).filter((d) => d > from && d <= to);
  const cuts = [from, ...starts];
  return cuts.map((start, i) => {
    const end = i + 1 < cuts.length ? previousDay(cuts[i + 1]!) : to;
    return { from: start, to: end, ...rulesOn(tables, start) };
  });
}

function previousDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export function pointsTimeline(c: Conn, seriesId: string): PointsTableRow[] {
  return pointsTablesOf(c, seriesId);
}

/**
 * Saves the rules taking effect on `validFrom`. Refused when that day is already past (`today` is
 * the Beijing day): the tables in force then scored that period. A table starting today or later
 * may be replaced, as nothing has been scored by it yet except today.
 */
export function savePointsRules(
  d: Db,
  input: { seriesId: string; validFrom: string; rules: PointsRules; note: string | null; actorId: number; today: string; now?: Date },
): { row: PointsTableRow; replaced: boolean } {
  if (input.validFrom < input.today)
    throw new AppError("studio:invalid-input", "积分办法只能从今天或以后的日期起执行，已经过去的时段保持原来的办法", {
      fields: { validFrom: "执行日期不能早于今天" },
    });
  if (input.validFrom > `${Number(input.today.slice(0, 4)) + 1}-12-31`)
    throw new AppError("studio:invalid-input", "执行日期太远了", { fields: { validFrom: "执行日期不能晚于明年年底" } });
  return immediate(d, (tx) => {
    const replaced = !!pointsTableFrom(tx, input.seriesId, input.validFrom);
    const row = putPointsTable(tx, { ...input, at: input.now ?? new Date() });
    return { row, replaced };
  });
}

/** The points table in one line: 报送（每篇）1分；全文采用10分；… 批示：县级10分、市级20分…. */
export function rulesLine(r: PointsRules): string {
  const parts = (["submitted", "full", "excerpt", "combined", "published", "callOnTime", "callMissed"] as const).map(
    (k) => `${POINTS_RULE_LABEL[k]}${r[k]}分`,
  );
  parts.push(
    `批示：${(Object.keys(INSTRUCTION_LEVEL_LABEL) as (keyof PointsRules["instruction"])[]).map((l) => `${INSTRUCTION_LEVEL_LABEL[l]}${r.instruction[l]}分`).join("、")}`,
  );
  if (r.zeroAfterMissedCalls !== null) parts.push(`全年未响应约稿${r.zeroAfterMissedCalls}次及以上的，年度积分计零`);
  return parts.join("；");
}
