"use server";
// Starting an issue: the next number is proposed per series, year and 增刊 sequence, and taken
// in the same transaction that creates the draft, so two editors never get the same one.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSeries } from "@/db/queries/archive";
import { createDraft, proposeNumber } from "@/db/queries/studio/numbering";
import { requireSeries } from "@/lib/auth/session";
import { issuePath } from "@/lib/content/paths";
import { seriesSchema } from "@/lib/content/schema";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { importAsDraft } from "@/lib/studio/import-draft";
import { initialFields } from "@/lib/studio/new-draft";
import { composeSource, draftTitle } from "@/lib/studio/source";

const slot = z.object({
  seriesId: z.string().min(1).max(40),
  year: z.coerce.number().int().min(1949).max(2100),
  supplement: z.boolean().default(false),
});

async function definitionOf(seriesId: string) {
  const row = getSeries(db(), seriesId);
  const parsed = row ? seriesSchema.safeParse(row.definition) : undefined;
  if (!parsed?.success) throw new AppError("studio:not-found", `找不到刊物「${seriesId}」，或其定义文件有错误`);
  return parsed.data;
}

export const proposeIssueNumber = studioAction("editor", slot, async (user, { seriesId, year, supplement }) => {
  requireSeries(user, seriesId);
  return { number: proposeNumber(db(), { seriesId, year, supplement }) };
});

export const createIssue = studioAction(
  "editor",
  slot.extend({ number: z.coerce.number().int().min(1).max(999).optional() }),
  async (user, input) => {
    requireSeries(user, input.seriesId);
    const def = await definitionOf(input.seriesId);
    const fields = initialFields(def, input.year);
    const key = (number: number) => ({ series: input.seriesId, year: input.year, number, supplement: input.supplement });
    const created = createDraft(db(), {
      seriesId: input.seriesId,
      year: input.year,
      supplement: input.supplement,
      number: input.number,
      authorId: user.id,
      compose: (number) => ({ source: composeSource(key(number), fields, ""), title: draftTitle(fields) }),
      path: (number) => issuePath(key(number)),
    });
    redirect(`/studio/drafts/${created.draftId}`);
  },
);

const upload = z.custom<FormData>((v) => v instanceof FormData, { error: "请选择要导入的文件" });

export const importIssue = studioAction("editor", upload, async (user, form) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    throw new AppError("studio:invalid-input", "请选择要导入的 Word 文档（.docx）或纯文本（.txt）");
  const seriesId = form.get("seriesId");
  const draftId = await importAsDraft(user, file, typeof seriesId === "string" && seriesId ? seriesId : undefined);
  redirect(`/studio/drafts/${draftId}`);
});
