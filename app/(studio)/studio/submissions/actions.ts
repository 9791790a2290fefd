"use server";
// 信息报送's actions: a unit's 报送 and 重新报送 (contributors up, scoped to their own unit in
// lib/xinxi/submit.ts), the editor's lint of a body and check of a picture while writing, and the
// editors' decisions. Every one goes through studioAction.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readPicture } from "@/lib/pictures/bytes";
import { printNote } from "@/lib/pictures/limits";
import { studioAction } from "@/lib/studio/action";
import { checkSubmissionBody, MAX_SUBMISSION_BODY_BYTES, submissionMediaSrc } from "@/lib/xinxi/submission-body";
import { EDITOR_DECISIONS } from "@/lib/xinxi/submission-status";
import { decideSubmission, resubmitSubmission, type SubmissionFields, submitSubmission } from "@/lib/xinxi/submit";

const form = z.custom<FormData>((v) => v instanceof FormData, { error: "表单内容有误" });
const pictureName = z.string().regex(/^[0-9a-f]{16}\.(png|jpg|gif|webp)$/);

const text = (max: number) => z.string().max(max, `不能超过 ${max} 个字`).default("");
const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional());
const fieldsSchema = z.object({
  seriesId: z.string().min(1, "请选择报送的刊物").max(40),
  unitId: optionalId,
  callId: optionalId,
  title: text(200),
  body: z
    .string()
    .max(MAX_SUBMISSION_BODY_BYTES * 2, "正文太长")
    .default(""),
  urgent: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  contactName: text(100),
  contactPhone: text(60),
  note: text(500),
});

/** The form's fields and files; a field's error names the field (studio:invalid-input with fields). */
function readForm(data: FormData): { fields: SubmissionFields; pictures: File[]; docx: File | null } {
  const raw: Record<string, FormDataEntryValue | null> = {};
  for (const key of Object.keys(fieldsSchema.shape)) raw[key] = data.get(key);
  for (const k of Object.keys(raw)) if (raw[k] === null) delete raw[k];
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".") || "form"] ??= issue.message;
    throw new AppError("studio:invalid-input", "填写的内容有误，请检查标出的项目", { fields });
  }
  const pictures = data.getAll("pictures").filter((f): f is File => f instanceof File && f.size > 0);
  const docx = data.get("docx");
  return { fields: parsed.data, pictures, docx: docx instanceof File && docx.size > 0 ? docx : null };
}

export const submitNew = studioAction("contributor", form, async (user, data) => {
  const { fields, pictures, docx } = readForm(data);
  return { id: await submitSubmission(user, fields, { pictures, docx }) };
});

export const resubmit = studioAction("contributor", form, async (user, data) => {
  const id = Number(data.get("submissionId"));
  if (!Number.isInteger(id) || id < 1) throw new AppError("studio:invalid-input", "缺少稿件编号");
  const { fields, pictures, docx } = readForm(data);
  await resubmitSubmission(user, id, fields, { pictures, docx });
  return { id };
});

/** The editor's lint while writing: the body's problems at their lines, given the pictures chosen so far. */
export const checkBody = studioAction(
  "contributor",
  z.object({ body: z.string().max(MAX_SUBMISSION_BODY_BYTES * 2), pictures: z.array(pictureName).max(200) }),
  async (_user, input) => (await checkSubmissionBody(input.body, new Set(input.pictures))).problems,
);

/** A picture chosen while writing, judged by its bytes: the name the body will show it by. Nothing is stored yet. */
export const checkPicture = studioAction("contributor", form, async (_user, data) => {
  const file = data.get("file");
  if (!(file instanceof File)) throw new AppError("studio:invalid-input", "请选择要上传的图片");
  const picture = readPicture(new Uint8Array(await file.arrayBuffer()), file.name || "图片");
  return { name: picture.name, src: submissionMediaSrc(picture.name), note: printNote(picture) };
});

export const decide = studioAction(
  "editor",
  z.object({
    submissionId: z.number().int().positive(),
    decision: z.enum(EDITOR_DECISIONS),
    reason: z.string().max(1000, "原因不能超过 1000 字").optional(),
  }),
  async (user, input) => {
    await decideSubmission(user, input.submissionId, input.decision, input.reason);
    return {};
  },
);
