// The review workflow's state changes: submit, comment, return, approve (签发) and schedule
// (publication is publish-claims.ts's). Each checks where the draft stands inside an immediate
// transaction, so two reviewers acting at once cannot both succeed, and leaves a review_events
// row behind.
import "server-only";
import { and, desc, eq, gt, or } from "drizzle-orm";
import type { Db, Tx } from "@/db/index";
import { type DraftRow, drafts, reviewEvents, revisions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { addEvent, expectStatus, immediate, loadDraft, OPEN_STATUSES, requiredText } from "./common";
import { expectUnclaimed } from "./publish-claims";

type Act = { draftId: number; actorId: number };

function expectHead(draft: DraftRow, revisionId: number, doing: string): number {
  if (draft.headRevisionId === null || draft.headRevisionId !== revisionId)
    throw new AppError("studio:stale-revision", `稿件已有更新的版本，请先查看后再${doing}`);
  return revisionId;
}

const cleared = { approvedBy: null, approvedAt: null, approvedRevisionId: null, scheduledAt: null } as const;

export function submitDraft(d: Db, { draftId, revisionId, actorId }: Act & { revisionId: number }): void {
  immediate(d, (tx) => {
    const draft = loadDraft(tx, draftId);
    expectStatus(draft, ["draft"], "提交审核");
    expectHead(draft, revisionId, "提交");
    const now = new Date();
    tx.update(drafts)
      .set({ status: "submitted", submittedBy: actorId, submittedAt: now, updatedAt: now })
      .where(eq(drafts.id, draftId))
      .run();
    addEvent(tx, { draftId, revisionId, actorId, action: "submit", at: now });
  });
}

export function returnDraft(d: Db, { draftId, actorId, comment }: Act & { comment: string }): void {
  const reason = requiredText(comment, "退回时请写明原因");
  immediate(d, (tx) => {
    const draft = loadDraft(tx, draftId);
    expectStatus(draft, ["submitted", "approved"], "退回");
    expectUnclaimed(tx, draftId);
    const now = new Date();
    tx.update(drafts)
      .set({ status: "draft", ...cleared, updatedAt: now })
      .where(eq(drafts.id, draftId))
      .run();
    addEvent(tx, { draftId, revisionId: draft.headRevisionId, actorId, action: "return", comment: reason, at: now });
  });
}

export function commentDraft(d: Db, { draftId, actorId, comment, revisionId }: Act & { comment: string; revisionId?: number }): void {
  const text = requiredText(comment, "请填写意见内容");
  immediate(d, (tx) => {
    const draft = loadDraft(tx, draftId);
    expectStatus(draft, OPEN_STATUSES, "添加意见");
    const now = new Date();
    tx.update(drafts).set({ updatedAt: now }).where(eq(drafts.id, draftId)).run();
    addEvent(tx, { draftId, revisionId: revisionId ?? draft.headRevisionId, actorId, action: "comment", comment: text, at: now });
  });
}

/**
 * Whether the actor had a hand in the text being signed: submitted it, wrote the head, or edited
 * it since submission. "Since" is by revision number after the revision submitted, not by the
 * clock: edits in the submission's millisecond, or after the clock stepped back, are placed
 * where they happened. Without a submit event on record, any edit of the actor's counts.
 */
function hadAHand(tx: Tx, draft: DraftRow, actorId: number): boolean {
  if (draft.submittedBy === actorId) return true;
  const submitted = tx
    .select({ seq: revisions.seq })
    .from(reviewEvents)
    .innerJoin(revisions, eq(revisions.id, reviewEvents.revisionId))
    .where(and(eq(reviewEvents.draftId, draft.id), eq(reviewEvents.action, "submit")))
    .orderBy(desc(reviewEvents.id))
    .limit(1)
    .get();
  const sinceSubmission = submitted ? gt(revisions.seq, submitted.seq) : undefined;
  const head = draft.headRevisionId === null ? undefined : eq(revisions.id, draft.headRevisionId);
  const edits = tx
    .select({ id: revisions.id })
    .from(revisions)
    .where(and(eq(revisions.draftId, draft.id), eq(revisions.authorId, actorId), submitted ? or(head, sinceSubmission) : undefined))
    .limit(1)
    .get();
  return edits !== undefined;
}

export function approveDraft(d: Db, { draftId, revisionId, actorId }: Act & { revisionId: number }): void {
  immediate(d, (tx) => {
    const draft = loadDraft(tx, draftId);
    expectStatus(draft, ["submitted"], "签发");
    expectHead(draft, revisionId, "签发");
    if (hadAHand(tx, draft, actorId)) throw new AppError("studio:self-approval", "不能签发自己提交或修改的稿件：请由另一位审核人签发");
    const now = new Date();
    tx.update(drafts)
      .set({ status: "approved", approvedBy: actorId, approvedAt: now, approvedRevisionId: revisionId, updatedAt: now })
      .where(eq(drafts.id, draftId))
      .run();
    addEvent(tx, { draftId, revisionId, actorId, action: "approve", at: now });
  });
}

// Scheduled times are shown in Beijing time whatever the server's zone.
const whenFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function scheduleDraft(d: Db, { draftId, actorId, at }: Act & { at: Date }): void {
  const now = new Date();
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) throw new AppError("studio:invalid-input", "定时发布的时间应晚于现在");
  immediate(d, (tx) => {
    const draft = loadDraft(tx, draftId);
    expectStatus(draft, ["approved"], "定时发布");
    tx.update(drafts).set({ scheduledAt: at, updatedAt: now }).where(eq(drafts.id, draftId)).run();
    addEvent(tx, {
      draftId,
      revisionId: draft.headRevisionId,
      actorId,
      action: "schedule",
      comment: `定于${whenFormat.format(at)}发布`,
      at: now,
    });
  });
}

export function unscheduleDraft(d: Db, { draftId, actorId }: Act): void {
  immediate(d, (tx) => {
    const draft = loadDraft(tx, draftId);
    expectStatus(draft, ["approved"], "取消定时发布");
    if (draft.scheduledAt === null) throw new AppError("studio:bad-transition", "这份稿件没有设定定时发布");
    const now = new Date();
    tx.update(drafts).set({ scheduledAt: null, updatedAt: now }).where(eq(drafts.id, draftId)).run();
    addEvent(tx, { draftId, revisionId: draft.headRevisionId, actorId, action: "unschedule", at: now });
  });
}
