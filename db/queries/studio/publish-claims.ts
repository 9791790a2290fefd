// The claim a publication holds while it writes to content/ (see publishClaims in db/schema.ts):
// taken in one immediate transaction with the draft's checks, moved from step to step, and
// either finished (the draft marked published, its audit row written, the claim gone: one
// transaction) or released after the files were put back.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Conn, Db } from "@/db/index";
import { draftMedia, drafts, type PublishClaimRow, publishClaims } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { type AuditEntry, recordAudit } from "./audit";
import { addEvent, expectStatus, immediate, loadDraft } from "./common";

export type NewClaim = Omit<PublishClaimRow, "startedAt" | "updatedAt" | "step">;

const busy = () => new AppError("studio:publishing", "这一期正在发布中，请稍候刷新页面查看结果；不要重复发布");

export function getClaim(c: Conn, draftId: number): PublishClaimRow | undefined {
  return c.select().from(publishClaims).where(eq(publishClaims.draftId, draftId)).get();
}

export function listClaims(c: Conn): PublishClaimRow[] {
  return c.select().from(publishClaims).all();
}

/**
 * Claims the draft for publication: still approved, its head still the signed revision, and
 * nobody else publishing it or its file. Refused with studio:publishing when someone is.
 */
export function claimPublication(d: Db, claim: NewClaim, now = new Date()): void {
  immediate(d, (tx) => {
    const draft = loadDraft(tx, claim.draftId);
    if (
      getClaim(tx, claim.draftId) ||
      tx.select({ id: publishClaims.draftId }).from(publishClaims).where(eq(publishClaims.path, claim.path)).get()
    )
      throw busy();
    expectStatus(draft, ["approved"], "发布");
    if (draft.approvedRevisionId !== draft.headRevisionId || draft.headRevisionId !== claim.revisionId)
      throw new AppError("studio:bad-transition", "签发后稿件被修改，需重新签发");
    tx.insert(publishClaims)
      .values({ ...claim, step: "claimed", startedAt: now, updatedAt: now })
      .run();
  });
}

export function setClaimStep(d: Db, draftId: number, owner: string, step: string): void {
  d.update(publishClaims)
    .set({ step, updatedAt: new Date() })
    .where(and(eq(publishClaims.draftId, draftId), eq(publishClaims.owner, owner)))
    .run();
}

/** Drops the claim after the files were put back (or were never touched); the draft stays approved. */
export function releaseClaim(d: Db, draftId: number, owner: string, audit?: AuditEntry): void {
  immediate(d, (tx) => {
    tx.delete(publishClaims)
      .where(and(eq(publishClaims.draftId, draftId), eq(publishClaims.owner, owner)))
      .run();
    if (audit) recordAudit(tx, audit);
  });
}

/** Refuses a change to a draft while a publication holds it: the signed text must stay what is being written. */
export function expectUnclaimed(c: Conn, draftId: number): void {
  if (getClaim(c, draftId)) throw new AppError("studio:publishing", "这份稿件正在发布，暂时不能修改：请稍候刷新页面查看发布结果");
}

/**
 * The file is in content/: mark the draft published, drop the pictures' second copies, write the
 * audit row and release the claim, all at once. `actorId` null is the scheduler. A draft that is
 * somehow no longer approved still gets its audit row (the file is public either way).
 */
export function finishPublication(
  d: Db,
  input: { draftId: number; owner: string; actorId: number | null; at: Date; pictures: string[]; audit: AuditEntry },
): void {
  immediate(d, (tx) => {
    const claim = getClaim(tx, input.draftId);
    if (!claim || claim.owner !== input.owner) throw new AppError("studio:publishing", "这一期的发布已由另一进程处理");
    const draft = loadDraft(tx, input.draftId);
    if (draft.status === "approved") {
      tx.update(drafts)
        .set({ status: "published", publishedBy: input.actorId, publishedAt: input.at, scheduledAt: null, updatedAt: input.at })
        .where(eq(drafts.id, input.draftId))
        .run();
      addEvent(tx, {
        draftId: input.draftId,
        revisionId: claim.revisionId,
        actorId: input.actorId ?? draft.approvedBy ?? draft.createdBy,
        action: "publish",
        comment: input.actorId === null ? "定时发布" : null,
        at: input.at,
      });
    } else {
      console.error("studio:publish-finished-unapproved", input.draftId, draft.status);
    }
    if (input.pictures.length)
      tx.delete(draftMedia)
        .where(and(eq(draftMedia.draftId, input.draftId), inArray(draftMedia.name, input.pictures)))
        .run();
    recordAudit(tx, input.audit);
    tx.delete(publishClaims).where(eq(publishClaims.draftId, input.draftId)).run();
  });
}
