"use server";
// Everything done to a draft: save (each save a revision, refused when based on an old one),
// preview, submit, review (comment, return, approve), publish now or at a set time, abandon.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { renderPreview } from "@/components/studio/draft-preview";
import { abandonDraft } from "@/db/queries/studio/numbering";
import { approveDraft, commentDraft, returnDraft, scheduleDraft, submitDraft, unscheduleDraft } from "@/db/queries/studio/review";
import { restoreRevision, saveRevision } from "@/db/queries/studio/revisions";
import { MAX_ISSUE_BYTES } from "@/lib/content/limits";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";
import { checkDraft } from "@/lib/studio/check-draft";
import { draftFor, keyOfDraft } from "@/lib/studio/draft-access";
import { draftFieldsSchema } from "@/lib/studio/draft-fields";
import { publishDraft } from "@/lib/studio/publish";
import { assertWithinLimits, composeSource, draftTitle, restoredTitle, splitSource, verifyComposed } from "@/lib/studio/source";

const id = z.number().int().positive();
// Only a bound on what is parsed; the composed file's size in bytes is judged by
// assertWithinLimits, whose message the editor shows.
const content = z.object({
  draftId: id,
  fields: draftFieldsSchema,
  body: z.string().max(4 * MAX_ISSUE_BYTES, { error: `正文过长：一期简报的文件不能超过 ${MAX_ISSUE_BYTES / 1024} KB` }),
});
const comment = z.string().trim().min(1, { error: "请写下意见" }).max(2000, { error: "意见不能超过 2000 字" });
const done = (draftId: number) => revalidatePath(`/studio/drafts/${draftId}`);

export const saveDraft = studioAction(
  "editor",
  content.extend({ baseRevisionId: id, kind: z.enum(["save", "autosave", "merge"]) }),
  async (user, input) => {
    const draft = draftFor(user, input.draftId);
    const key = keyOfDraft(draft);
    const source = composeSource(key, input.fields, input.body, { extra: splitSource(draft.source).extra });
    // Nothing is saved that the loader would read differently or refuse for its size.
    verifyComposed(source, input.fields, input.body);
    assertWithinLimits(source);
    const result = saveRevision(db(), {
      draftId: draft.id,
      baseRevisionId: input.baseRevisionId,
      source,
      title: draftTitle(input.fields),
      authorId: user.id,
      kind: input.kind,
    });
    if (!result.ok) {
      const mine = { fields: input.fields, body: input.body };
      const side = (r: typeof result.head) => ({
        id: r.id,
        seq: r.seq,
        authorName: r.authorName,
        createdAt: r.createdAt.toISOString(),
        ...pick(splitSource(r.source)),
      });
      return { saved: false as const, conflict: { head: side(result.head), base: side(result.base), mine } };
    }
    const { check } = await checkDraft(key, source, draft.id);
    return {
      saved: true as const,
      revisionId: result.revision.id,
      seq: result.revision.seq,
      unchanged: result.unchanged,
      status: result.status,
      check,
    };
  },
);

const pick = (s: ReturnType<typeof splitSource>) => ({ fields: s.fields, body: s.body });

export const previewDraft = studioAction("editor", content, async (user, input) => {
  const draft = draftFor(user, input.draftId);
  return renderPreview(draft.id, keyOfDraft(draft), composeSource(keyOfDraft(draft), input.fields, input.body));
});

export const submitForReview = studioAction("editor", z.object({ draftId: id, revisionId: id }), async (user, { draftId, revisionId }) => {
  const draft = draftFor(user, draftId);
  const { check } = await checkDraft(keyOfDraft(draft), draft.source, draft.id);
  if (!check.ok) throw new AppError("studio:draft-invalid", `稿件还有 ${check.count} 处问题，改正后才能提交审核`);
  submitDraft(db(), { draftId, revisionId, actorId: user.id });
  done(draftId);
  return {};
});

export const commentOnDraft = studioAction("editor", z.object({ draftId: id, comment }), async (user, input) => {
  draftFor(user, input.draftId);
  commentDraft(db(), { draftId: input.draftId, actorId: user.id, comment: input.comment });
  done(input.draftId);
  return {};
});

export const abandon = studioAction(
  "editor",
  z.object({ draftId: id, comment: z.string().trim().max(2000).optional() }),
  async (user, input) => {
    const draft = draftFor(user, input.draftId);
    if (draft.createdBy !== user.id && user.role === "editor") throw new AppError("auth:forbidden", "只有起草人或审核人可以放弃这份稿件");
    abandonDraft(db(), { draftId: draft.id, actorId: user.id, comment: input.comment });
    await auditAs(user, "draft.abandon", draft.path, { draftId: draft.id });
    done(draft.id);
    return {};
  },
);

export const restore = studioAction("editor", z.object({ draftId: id, revisionId: id, baseRevisionId: id }), async (user, input) => {
  const draft = draftFor(user, input.draftId);
  const result = restoreRevision(db(), { ...input, authorId: user.id, titleOf: restoredTitle, accept: assertWithinLimits });
  if (!result.ok)
    throw new AppError("studio:stale-revision", `稿件刚被 ${result.head.authorName} 保存为第${result.head.seq}版：请刷新后再恢复`);
  done(draft.id);
  return { revisionId: result.revision.id, seq: result.revision.seq };
});

export const returnToEditor = studioAction("reviewer", z.object({ draftId: id, comment }), async (user, input) => {
  draftFor(user, input.draftId);
  returnDraft(db(), { draftId: input.draftId, actorId: user.id, comment: input.comment });
  done(input.draftId);
  return {};
});

export const approve = studioAction("reviewer", z.object({ draftId: id, revisionId: id }), async (user, { draftId, revisionId }) => {
  const draft = draftFor(user, draftId);
  const { check } = await checkDraft(keyOfDraft(draft), draft.source, draft.id);
  if (!check.ok) throw new AppError("studio:draft-invalid", `稿件还有 ${check.count} 处问题，不能签发：请退回修改`);
  approveDraft(db(), { draftId, revisionId, actorId: user.id });
  await auditAs(user, "draft.approve", draft.path, { draftId, revision: draft.headSeq });
  done(draftId);
  return {};
});

export const publishNow = studioAction("reviewer", z.object({ draftId: id }), async (user, { draftId }) => {
  draftFor(user, draftId);
  const result = await publishDraft(draftId, { id: user.id, email: user.email });
  done(draftId);
  return result;
});

export const schedulePublish = studioAction(
  "reviewer",
  z.object({ draftId: id, at: z.iso.datetime({ offset: true, error: "请选择发布时间" }) }),
  async (user, { draftId, at }) => {
    const draft = draftFor(user, draftId);
    scheduleDraft(db(), { draftId, actorId: user.id, at: new Date(at) });
    await auditAs(user, "issue.schedule", draft.path, { draftId, at });
    done(draftId);
    return {};
  },
);

export const cancelSchedule = studioAction("reviewer", z.object({ draftId: id }), async (user, { draftId }) => {
  draftFor(user, draftId);
  unscheduleDraft(db(), { draftId, actorId: user.id });
  done(draftId);
  return {};
});
