// Submitting, resubmitting and deciding 信息稿件: who may touch which submission, the version a
// form or a Word file makes (text checked by the drafts' MDX rules, pictures judged by their
// bytes), and the rules of what may follow what. The actions in app/(studio)/studio/submissions are
// thin wrappers around these.
import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getSeries } from "@/db/queries/archive";
import { immediate } from "@/db/queries/studio/common";
import { MAX_DRAFT_PICTURES } from "@/db/queries/studio/media";
import { openCallsForUnit } from "@/db/queries/xinxi/calls";
import {
  getSubmission,
  insertResubmission,
  insertSubmission,
  type NewPicture,
  type NewVersion,
  setSubmissionStatus,
  submissionPictures,
} from "@/db/queries/xinxi/submissions";
import { getUnit } from "@/db/queries/xinxi/units";
import type { SubmissionRow } from "@/db/schema";
import { mayWorkOn, type StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { MAX_DOCX_BYTES } from "@/lib/import/import-file";
import { articleInWorker } from "@/lib/import/import-worker";
import { readPicture } from "@/lib/pictures/bytes";
import { auditAs } from "@/lib/studio/audit-as";
import {
  checkSubmissionBody,
  MAX_SUBMISSION_TITLE,
  oneLineTitle,
  phoneProblem,
  SUBMISSION_MEDIA,
  submissionMediaSrc,
  submissionSearchText,
} from "./submission-body";
import { type EditorDecision, transition } from "./submission-status";

export type SubmissionFields = {
  seriesId: string;
  /** The unit an editor registers it for; a contributor's own unit is always used. */
  unitId?: number;
  callId?: number;
  title: string;
  body: string;
  urgent: boolean;
  contactName: string;
  contactPhone: string;
  note?: string;
};

export type SubmissionUploads = { pictures: File[]; docx?: File | null };

const invalid = (fields: Record<string, string>) => new AppError("studio:invalid-input", "填写的内容有误，请检查标出的项目", { fields });

/**
 * The submission `id` for this user: a contributor's own unit's, an editor's series'. Anything
 * else is "not found", not "forbidden": a unit must not learn what another unit sent.
 */
export function submissionFor(user: StudioUser, id: number): SubmissionRow {
  const row = getSubmission(db(), id);
  const mine = row && (user.role === "contributor" ? row.unitId === user.unitId : mayWorkOn(user, row.seriesId));
  if (!row || !mine) throw new AppError("studio:not-found", "找不到这篇信息稿件");
  return row;
}

/** The version a form (or its Word file) makes: checked text, the pictures it shows, its search pairs. */
async function prepareVersion(
  fields: SubmissionFields,
  uploads: SubmissionUploads,
  held: ReadonlySet<string>,
): Promise<{ version: NewVersion; pictures: NewPicture[]; search: { titlePairs: string; bodyPairs: string } }> {
  let body = fields.body;
  let title = oneLineTitle(fields.title);
  let original: { name: string; bytes: Buffer } | null = null;
  const fresh = new Map<string, NewPicture>();
  const take = (bytes: Uint8Array, label: string) => {
    const p = readPicture(bytes, label);
    if (!fresh.has(p.name) && !held.has(p.name)) fresh.set(p.name, { ...p, originalName: label.slice(0, 200), bytes: Buffer.from(bytes) });
    return p.name;
  };
  if (uploads.docx) {
    const read = await readWord(uploads.docx);
    body = read.body;
    title ||= oneLineTitle(read.title);
    original = { name: uploads.docx.name.slice(0, 200) || "信息稿件.docx", bytes: read.bytes };
    read.pictures.forEach((p, i) => {
      const name = take(p.bytes, `文档中的第 ${i + 1} 张图片`);
      body = body.replaceAll(`"${submissionMediaSrc(p.name)}"`, `"${submissionMediaSrc(name)}"`);
    });
  } else {
    for (const file of uploads.pictures) take(new Uint8Array(await file.arrayBuffer()), file.name || "图片");
  }
  const errors: Record<string, string> = {};
  if (!title) errors.title = "请填写标题";
  else if ([...title].length > MAX_SUBMISSION_TITLE) errors.title = `标题不能超过 ${MAX_SUBMISSION_TITLE} 个字`;
  const check = await checkSubmissionBody(body, new Set([...held, ...fresh.keys()]));
  if (check.problems.length > 0) {
    const first = check.problems[0]!;
    const more = check.problems.length > 1 ? `（共 ${check.problems.length} 处问题）` : "";
    errors.body = `${uploads.docx ? `「${original?.name}」转换后的正文` : "正文"}第 ${first.line} 行：${first.message}${more}`;
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const pictures = [...fresh.values()].filter((p) => check.pictures.includes(p.name));
  if (pictures.length + held.size > MAX_DRAFT_PICTURES)
    throw new AppError("studio:media-full", `一篇稿件最多 ${MAX_DRAFT_PICTURES} 张图片`);
  return {
    version: {
      title,
      body,
      originalName: original?.name ?? null,
      originalBytes: original?.bytes ?? null,
      note: fields.note?.trim() || null,
    },
    pictures,
    search: submissionSearchText(title, check.text),
  };
}

async function readWord(
  file: File,
): Promise<{ title: string; body: string; pictures: { name: string; bytes: Uint8Array }[]; bytes: Buffer }> {
  if (!/\.docx$/i.test(file.name))
    throw new AppError("xinxi:invalid-file", `「${file.name}」不是 Word 文档（.docx）`, { fields: { docx: "只能上传 .docx 文件" } });
  if (file.size > MAX_DOCX_BYTES)
    throw new AppError("xinxi:invalid-file", `「${file.name}」超过 ${MAX_DOCX_BYTES / 1048576} MB 的上限`, {
      fields: { docx: "文件太大" },
    });
  const bytes = Buffer.from(await file.arrayBuffer());
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-submission-"));
  try {
    const upload = path.join(dir, "upload.docx");
    await fs.writeFile(upload, bytes);
    const result = await articleInWorker(upload, SUBMISSION_MEDIA);
    if (result.status === "failed")
      throw new AppError("xinxi:invalid-file", `无法读取「${file.name}」：${result.message}`, { fields: { docx: result.message } });
    return { ...result, bytes };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function checkContact(fields: SubmissionFields): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!fields.contactName.trim()) errors.contactName = "请填写联系人";
  else if (fields.contactName.trim().length > 40) errors.contactName = "联系人不能超过 40 个字";
  const phone = phoneProblem(fields.contactPhone.trim());
  if (phone) errors.contactPhone = phone;
  return errors;
}

/** A late answer still counts (openCallsForUnit): calls whose deadline passed up to this long ago are offered. */
const LATE_ANSWER_MS = 30 * 24 * 3600 * 1000;

/** The 约稿 a unit may answer now: open, addressed to it, deadline not long past. */
export const answerableCalls = (unitId: number) => openCallsForUnit(db(), unitId, { since: new Date(Date.now() - LATE_ANSWER_MS) });

export async function submitSubmission(user: StudioUser, fields: SubmissionFields, uploads: SubmissionUploads): Promise<number> {
  const d = db();
  const errors = checkContact(fields);
  let unitId: number;
  if (user.role === "contributor") {
    if (!user.unitId) throw new AppError("auth:forbidden", "您的账号没有所属单位，请联系管理员");
    if (getUnit(d, user.unitId)?.disabled) throw new AppError("auth:forbidden", "您所在的单位已停用，不能再报送信息");
    unitId = user.unitId;
  } else {
    const unit = fields.unitId ? getUnit(d, fields.unitId) : undefined;
    if (!unit || unit.disabled) throw new AppError("xinxi:unknown-unit", "请选择报送单位", { fields: { unitId: "请选择报送单位" } });
    unitId = unit.id;
  }
  if (!getSeries(d, fields.seriesId)) errors.seriesId = "请选择报送的刊物";
  else if (user.role !== "contributor" && !mayWorkOn(user, fields.seriesId)) throw new AppError("auth:forbidden", "您不负责这份刊物");
  if (fields.callId !== undefined) {
    const call = answerableCalls(unitId).find((c) => c.id === fields.callId);
    if (!call || call.seriesId !== fields.seriesId) errors.callId = "这条约稿不是发给本单位的，或不属于所选刊物";
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const prepared = await prepareVersion(fields, uploads, new Set());
  const row = immediate(d, (tx) =>
    insertSubmission(tx, {
      unitId,
      seriesId: fields.seriesId,
      callId: fields.callId ?? null,
      urgent: fields.urgent,
      contactName: fields.contactName.trim(),
      contactPhone: fields.contactPhone.trim(),
      ...prepared,
      actorId: user.id,
      at: new Date(),
    }),
  );
  await auditAs(user, "submission.submit", `信息稿件 ${row.id}`, { unitId, title: row.title, word: Boolean(uploads.docx) });
  return row.id;
}

export async function resubmitSubmission(
  user: StudioUser,
  id: number,
  fields: SubmissionFields,
  uploads: SubmissionUploads,
): Promise<void> {
  const current = submissionFor(user, id);
  transition(current.status, "resubmit");
  const errors = checkContact(fields);
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const d = db();
  const held = new Set(submissionPictures(d, id).map((p) => p.name));
  const prepared = await prepareVersion(fields, uploads, held);
  const row = immediate(d, (tx) =>
    insertResubmission(tx, {
      submissionId: id,
      ...prepared,
      contactName: fields.contactName.trim(),
      contactPhone: fields.contactPhone.trim(),
      urgent: fields.urgent,
      actorId: user.id,
      at: new Date(),
    }),
  );
  await auditAs(user, "submission.submit", `信息稿件 ${row.id}`, { resubmitted: true, title: row.title });
}

/** 开始处理, 未采用 (a reason may be given) or 退回修改 (a reason is required). */
export async function decideSubmission(user: StudioUser, id: number, decision: EditorDecision, reason: string | undefined): Promise<void> {
  submissionFor(user, id);
  const note = reason?.trim() || null;
  if (decision === "return" && !note) throw invalid({ reason: "退回修改请写明原因" });
  const row = immediate(db(), (tx) => {
    const current = getSubmission(tx, id);
    if (!current) throw new AppError("studio:not-found", "找不到这篇信息稿件");
    const rule = transition(current.status, decision);
    return setSubmissionStatus(tx, {
      submissionId: id,
      status: rule.to,
      event: rule.event,
      actorId: user.id,
      at: new Date(),
      ...(decision === "start" ? {} : { decided: true, decisionNote: note }),
      ...(note ? { detail: { reason: note } } : {}),
    });
  });
  await auditAs(user, "submission.decide", `信息稿件 ${id}`, { to: row.status, ...(note ? { reason: note } : {}) });
}
