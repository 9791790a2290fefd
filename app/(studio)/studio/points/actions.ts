"use server";
// Saving a series' 积分办法 (admin): a new table from the day the admin names, or the
// replacement of one that has not started yet. Past periods keep the rules that scored them.
import { z } from "zod";
import { getSeries } from "@/db/queries/archive";
import { requireSeries } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";
import { todayInChina } from "@/lib/studio/new-draft";
import { pointsRulesSchema, savePointsRules } from "@/lib/xinxi/points";

const input = z.object({
  seriesId: z.string().min(1).max(40),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "执行日期应写作 2026-12-01" }),
  rules: pointsRulesSchema,
  note: z.string().trim().max(200, { error: "说明不能超过 200 个字" }).optional(),
});

export const savePointsAction = studioAction("admin", input, async (user, { seriesId, validFrom, rules, note }) => {
  requireSeries(user, seriesId);
  if (!getSeries(db(), seriesId)) throw new AppError("studio:not-found", `找不到刊物「${seriesId}」`);
  const { replaced } = savePointsRules(db(), {
    seriesId,
    validFrom,
    rules,
    note: note || null,
    actorId: user.id,
    today: todayInChina(),
  });
  await auditAs(user, "points.update", seriesId, { validFrom, rules, replaced });
  return { validFrom, replaced };
});
