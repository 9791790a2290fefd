// The claim a publication holds while it writes to content/ (see publishClaims in db/schema.ts):
// taken in one immediate transaction with the draft's checks, moved from step to step, and
// either finished (the draft marked published, its audit row written, the claim gone: one
// transaction) or released after the files were put back. A withdrawal or republication holds a
// claim on the file the same way (statusClaims): the two kinds refuse each other on one path.
import "server-only";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Conn, Db } from "@/db/index";
import { draftMedia, drafts, type PublishClaimRow, publishClaims, type StatusClaimRow, statusClaims } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { publishDraftAdoptions } from "../xinxi/adoptions";
import { type AuditEntry, recordAudit } from "./audit";
import { addEvent, expectStatus, immediate, loadDraft } from "./common";

export type NewClaim = Omit<PublishClaimRow, "startedAt" | "updatedAt" | "step">;

const busy = () => new AppError("studio:publishing", "这一期正在发布中，请稍候刷新页面查看结果；不要重复发布");
const changing = () => new AppError("studio:publishing", "这一期正在撤回或恢复发布，请稍候刷新页面查看结果");

export type NewStatusClaim = Omit<StatusClaimRow, "startedAt" | "updatedAt" | "step">;

export function getClaim(c: Conn, draftId: number): PublishClaimRow | undefined {
  return c.select().from(publishClaims).where(eq(publishClaims.draftId, draftId)).get();
}

/** Every claim held, of both kinds: what a reconciliation looks at. */
export function listClaims(c: Conn): { publications: PublishClaimRow[]; statusChanges: StatusClaimRow[] } {
  return { publications: c.select().from(publishClaims).all(), statusChanges: c.select().from(statusClaims).all() };
}

/**
 * Claims the draft for publication: still approved, its head still the signed revision, and
 * nobody else publishing it or its file. Refused with studio:publishing when someone is.
 */
export function claimPublication(d: Db, claim: NewClaim, now = new Date()): void {
  immediate(d, (tx) => {
    const draft = loadDraft(tx, claim.draftId);
    if (getClaim(tx, claim.draftId)) throw busy();
    expectPathFree(tx, claim.path);
    expectStatus(draft, ["approved"], "发布");
    if (draft.approvedRevisionId !== draft.headRevisionId || draft.headRevisionId !== claim.revisionId)
      throw new AppError("studio:bad-transition", "签发后稿件被修改，需重新签发");
    tx.insert(publishClaims)
      .values({ ...claim, step: "claimed", startedAt: now, updatedAt: now })
      .run();
  });
}

type ClaimTable = typeof publishClaims | typeof statusClaims;
const ours = (draftId: number, owner: string) => and(eq(publishClaims.draftId, draftId), eq(publishClaims.owner, owner))!;
const oursOn = (path: string, owner: string) => and(eq(statusClaims.path, path), eq(statusClaims.owner, owner))!;

/** Records the step a claim's holder reached (the log's, the operator's) and that it is alive. */
function stepTo(d: Db, table: ClaimTable, where: SQL, step: string): void {
  d.update(table).set({ step, updatedAt: new Date() }).where(where).run();
}

/** Drops a claim with its audit row in one transaction; false (and no row) when it was not there. */
function release(d: Db, table: ClaimTable, where: SQL, audit?: AuditEntry): boolean {
  return immediate(d, (tx) => {
    if (tx.delete(table).where(where).run().changes === 0) return false;
    if (audit) recordAudit(tx, audit);
    return true;
  });
}

export function setClaimStep(d: Db, draftId: number, owner: string, step: string): void {
  stepTo(d, publishClaims, ours(draftId, owner), step);
}

/** Drops the claim after the files were put back (or were never touched); the draft stays approved. */
export function releaseClaim(d: Db, draftId: number, owner: string, audit?: AuditEntry): void {
  release(d, publishClaims, ours(draftId, owner), audit);
}

/** Refuses a change to a draft while a publication holds it: the signed text must stay what is being written. */
export function expectUnclaimed(c: Conn, draftId: number): void {
  if (getClaim(c, draftId)) throw new AppError("studio:publishing", "这份稿件正在发布，暂时不能修改：请稍候刷新页面查看发布结果");
  const path = c.select({ path: drafts.path }).from(drafts).where(eq(drafts.id, draftId)).get()?.path;
  if (path !== undefined && getStatusClaim(c, path)) throw changing();
}

/** Refuses while anyone publishes, withdraws or republishes the file, whichever draft it comes from. */
function expectPathFree(c: Conn, path: string): void {
  if (c.select({ id: publishClaims.draftId }).from(publishClaims).where(eq(publishClaims.path, path)).get()) throw busy();
  if (getStatusClaim(c, path)) throw changing();
}

export function getStatusClaim(c: Conn, path: string): StatusClaimRow | undefined {
  return c.select().from(statusClaims).where(eq(statusClaims.path, path)).get();
}

/** Claims the file for a withdrawal or republication; refused while anyone publishes, withdraws or republishes it. */
export function claimStatusChange(d: Db, claim: NewStatusClaim, now = new Date()): void {
  immediate(d, (tx) => {
    expectPathFree(tx, claim.path);
    tx.insert(statusClaims)
      .values({ ...claim, step: "claimed", startedAt: now, updatedAt: now })
      .run();
  });
}

export function setStatusClaimStep(d: Db, path: string, owner: string, step: string): void {
  stepTo(d, statusClaims, oursOn(path, owner), step);
}

/**
 * Lets go of the claim, with its audit row in the same transaction: the change's own row when it
 * was recorded, or an interruption's after the file was put back. False when the claim is no
 * longer this owner's (a reconciliation settled it), and then nothing is written.
 */
export function releaseStatusClaim(d: Db, path: string, owner: string, audit?: AuditEntry): boolean {
  return release(d, statusClaims, oursOn(path, owner), audit);
}

/**
 * The file is in content/: mark the draft published, drop the pictures' second copies, write the
 * audit row and release the claim, all at once. `actorId` null is the scheduler. A draft that is
 * somehow no longer approved still gets its audit row (the file is public either way).
 */
export function finishPublication(
  d: Db,
  input: {
    draftId: number;
    owner: string;
    actorId: number | null;
    at: Date;
    pictures: string[];
    audit: AuditEntry;
    /** The issue as a 信息稿件 it printed is 已刊用 in: 晋团要讯〔2026〕第5期. */
    label: string;
  },
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
    // The file is out whatever the draft's row said: the articles it adopted are 已刊用 with it.
    publishDraftAdoptions(tx, { draftId: input.draftId, path: draft.path, label: input.label, actorId: input.actorId, at: input.at });
    recordAudit(tx, input.audit);
    tx.delete(publishClaims).where(eq(publishClaims.draftId, input.draftId)).run();
  });
}
