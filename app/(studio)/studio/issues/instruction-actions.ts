"use server";
// 批示 on a published issue: an editor of its series records one (credited to the unit whose
// submission the article was, or as chosen) or deletes a mistaken one; both are audited.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getInstruction } from "@/db/queries/xinxi/instructions";
import { instructionLevels } from "@/db/schema";
import { requireSeries } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";
import { issueFor } from "@/lib/studio/issue-files";
import { recordInstruction, removeInstruction } from "@/lib/xinxi/instructions";

const id = z.number().int().positive();

const instructionInput = z.object({
  issueId: id,
  level: z.enum(instructionLevels, { error: "请选择批示级别" }),
  leader: z.string().trim().min(1, { error: "请填写批示领导" }).max(60, { error: "批示领导不能超过 60 个字" }),
  date: z.iso.date({ error: "请填写批示日期" }),
  gist: z.string().trim().min(1, { error: "请填写批示要点" }).max(2000, { error: "批示要点不能超过 2000 个字" }),
  /** An article's heading in the issue, or null for the issue as a whole. */
  article: z.string().max(300).nullable(),
  credit: z.union([z.literal("auto"), z.literal("none"), id]),
});

export const addInstruction = studioAction("editor", instructionInput, async (user, { issueId, ...input }) => {
  const issue = issueFor(user, issueId);
  const row = recordInstruction(db(), issue, input, { actorId: user.id, at: new Date() });
  await auditAs(user, "instruction.record", issue.path, {
    instructionId: row.id,
    level: row.level,
    leader: row.leader,
    date: row.date,
    article: row.article,
    unitId: row.unitId,
    submissionId: row.submissionId,
  });
  revalidatePath(`/studio/issues/${issueId}`);
  return { id: row.id };
});

export const deleteInstruction = studioAction("editor", z.object({ issueId: id, instructionId: id }), async (user, input) => {
  const issue = issueFor(user, input.issueId);
  const found = getInstruction(db(), input.instructionId);
  if (!found || found.issuePath !== issue.path) throw new AppError("studio:not-found", "找不到这条批示，可能已被删除");
  requireSeries(user, found.seriesId);
  const row = removeInstruction(db(), found.id);
  await auditAs(user, "instruction.delete", issue.path, {
    instructionId: row.id,
    level: row.level,
    leader: row.leader,
    date: row.date,
    unitId: row.unitId,
  });
  revalidatePath(`/studio/issues/${input.issueId}`);
  return {};
});
