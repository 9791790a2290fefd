// The history of a draft: saving a new revision on top of the one the writer started from,
// reading revisions back, and restoring an old one. A save on a stale base is answered, not
// thrown, so the editor can offer a merge.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Conn, Db } from "@/db/index";
import { type DraftStatus, drafts, type RevisionKind, revisions, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { reconcileAdoptions } from "../xinxi/adoptions";
import { addEvent, expectStatus, immediate, loadDraft, OPEN_STATUSES } from "./common";
import { expectUnclaimed } from "./publish-claims";

export type RevisionView = {
  id: number;
  seq: number;
  kind: RevisionKind;
  source: string;
  note: string | null;
  authorId: number;
  authorName: string;
  createdAt: Date;
  parentId: number | null;
};

export type SaveResult =
  | { ok: true; revision: { id: number; seq: number; createdAt: Date }; unchanged: boolean; status: DraftStatus }
  | { ok: false; code: "studio:stale-revision"; head: RevisionView; base: RevisionView };

export type SaveInput = {
  draftId: number;
  baseRevisionId: number;
  source: string;
  title: string;
  authorId: number;
  kind: Extract<RevisionKind, "save" | "autosave" | "restore" | "merge">;
  note?: string;
};

const viewColumns = {
  id: revisions.id,
  seq: revisions.seq,
  kind: revisions.kind,
  source: revisions.source,
  note: revisions.note,
  authorId: revisions.authorId,
  authorName: users.name,
  createdAt: revisions.createdAt,
  parentId: revisions.parentId,
};

export function getRevision(d: Conn, revisionId: number): RevisionView | undefined {
  return d.select(viewColumns).from(revisions).innerJoin(users, eq(users.id, revisions.authorId)).where(eq(revisions.id, revisionId)).get();
}

/** Newest first, without the sources (a long history of a long issue is megabytes). */
export function listRevisions(d: Conn, draftId: number): Omit<RevisionView, "source">[] {
  const { source: _source, ...columns } = viewColumns;
  return d
    .select(columns)
    .from(revisions)
    .innerJoin(users, eq(users.id, revisions.authorId))
    .where(eq(revisions.draftId, draftId))
    .orderBy(desc(revisions.seq))
    .all();
}

export function saveRevision(d: Db, input: SaveInput): SaveResult {
  return immediate(d, (tx) => saveRevisionIn(tx, input));
}

/**
 * saveRevision inside the caller's (immediate) transaction, for a change that writes more than
 * the text in one go (adopting a 信息稿件: the article, its pictures and the adoption row).
 */
export function saveRevisionIn(tx: Conn, input: SaveInput): SaveResult {
  const draft = loadDraft(tx, input.draftId);
  if (!(OPEN_STATUSES as readonly DraftStatus[]).includes(draft.status))
    throw new AppError("studio:bad-transition", "这份稿件已发布或已放弃，不能再修改");
  // A save now would void the sign-off of the text being written to content/.
  expectUnclaimed(tx, draft.id);
  const head = draft.headRevisionId === null ? undefined : getRevision(tx, draft.headRevisionId);
  if (!head) throw new AppError("studio:not-found", "找不到这份稿件的当前版本");
  if (head.id !== input.baseRevisionId) {
    const base = getRevision(tx, input.baseRevisionId);
    if (!base || !belongsTo(tx, base.id, draft.id)) throw new AppError("studio:not-found", "找不到这份稿件的这一版");
    return { ok: false, code: "studio:stale-revision", head, base };
  }
  if (head.source === input.source)
    return { ok: true, revision: { id: head.id, seq: head.seq, createdAt: head.createdAt }, unchanged: true, status: draft.status };

  const now = new Date();
  const seq = head.seq + 1;
  const { id } = tx
    .insert(revisions)
    .values({
      draftId: draft.id,
      seq,
      parentId: input.baseRevisionId,
      kind: input.kind,
      source: input.source,
      authorId: input.authorId,
      createdAt: now,
      note: input.note ?? null,
    })
    .returning({ id: revisions.id })
    .get();
  // A sign-off covers the text that was signed: any change sends the draft back for a new one.
  const voided = draft.status === "approved";
  const status: DraftStatus = voided ? "submitted" : draft.status;
  tx.update(drafts)
    .set({
      headRevisionId: id,
      title: input.title,
      updatedAt: now,
      ...(voided ? { status, approvedBy: null, approvedAt: null, approvedRevisionId: null, scheduledAt: null } : {}),
    })
    .where(eq(drafts.id, draft.id))
    .run();
  if (voided)
    addEvent(tx, {
      draftId: draft.id,
      revisionId: id,
      actorId: input.authorId,
      action: "comment",
      comment: "签发后稿件被修改，需重新签发",
      at: now,
    });
  // The one place every save passes: an adopted article taken out of the text gives its submission back.
  reconcileAdoptions(tx, { draftId: draft.id, source: input.source, actorId: input.authorId, at: now });
  return { ok: true, revision: { id, seq, createdAt: now }, unchanged: false, status };
}

function belongsTo(c: Conn, revisionId: number, draftId: number): boolean {
  return (
    c
      .select({ id: revisions.id })
      .from(revisions)
      .where(and(eq(revisions.id, revisionId), eq(revisions.draftId, draftId)))
      .get() !== undefined
  );
}

/**
 * Saves an old revision's text as the newest one; the history in between is kept. Revisions do
 * not store titles, so the caller reads the title from the old text (`titleOf`, given the title
 * the draft has now).
 */
export function restoreRevision(
  d: Db,
  input: {
    draftId: number;
    revisionId: number;
    baseRevisionId: number;
    authorId: number;
    titleOf: (source: string, current: string) => string;
    /** Throws to refuse the old text (the caller's limits). */
    accept?: (source: string) => void;
  },
): SaveResult {
  const old = getRevision(d, input.revisionId);
  if (!old || !belongsTo(d, old.id, input.draftId)) throw new AppError("studio:not-found", "找不到这份稿件的这一版");
  input.accept?.(old.source);
  const draft = loadDraft(d, input.draftId);
  expectStatus(draft, OPEN_STATUSES, "恢复旧版本");
  return saveRevision(d, {
    draftId: input.draftId,
    baseRevisionId: input.baseRevisionId,
    source: old.source,
    title: input.titleOf(old.source, draft.title),
    authorId: input.authorId,
    kind: "restore",
    note: `恢复为第${old.seq}版`,
  });
}
