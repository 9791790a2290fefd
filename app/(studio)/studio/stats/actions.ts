"use server";
// 生成通报: the statistics on screen become a new internal draft of the series, which then goes
// through review and publication like any issue.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSeries } from "@/db/queries/archive";
import { requireSeries } from "@/lib/auth/session";
import { seriesSchema } from "@/lib/content/schema";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";
import { todayInChina } from "@/lib/studio/new-draft";
import { parsePeriod } from "@/lib/xinxi/period";
import { createReportDraft } from "@/lib/xinxi/report";
import { unitStats } from "@/lib/xinxi/stats";

const field = z.string().max(40).optional();
const input = z.object({
  seriesId: z.string().min(1).max(40),
  kind: field,
  month: field,
  year: field,
  quarter: field,
  from: field,
  to: field,
  rollUp: z.boolean().default(false),
});

export const generateReportAction = studioAction("editor", input, async (user, { seriesId, rollUp, ...asked }) => {
  requireSeries(user, seriesId);
  const row = getSeries(db(), seriesId);
  const def = row ? seriesSchema.safeParse(row.definition) : undefined;
  if (!row || !def?.success) throw new AppError("studio:not-found", `找不到刊物「${seriesId}」，或其定义文件有错误`);
  const parsed = parsePeriod(asked, todayInChina());
  if ("error" in parsed) throw new AppError("studio:invalid-input", parsed.error, { fields: { [parsed.field]: parsed.error } });
  const stats = unitStats(db(), { seriesId, period: parsed.period, rollUp });
  const created = createReportDraft(db(), { stats, seriesName: row.name, definition: def.data, authorId: user.id });
  await auditAs(user, "report.generate", created.path, {
    seriesId,
    from: parsed.period.from,
    to: parsed.period.to,
    rollUp,
    draftId: created.draftId,
  });
  redirect(`/studio/drafts/${created.draftId}`);
});
