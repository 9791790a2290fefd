// A draft's pictures: listed without their bytes (the editor's panel, the checks), read one at a
// time with them (the studio's picture route, publication), added and removed while the draft
// is open. Removing is refused while the current text still shows the picture, so what a
// reviewer signed off never loses a picture.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/index";
import { draftMedia, revisions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Picture } from "@/lib/pictures/bytes";
import { expectStatus, immediate, loadDraft, OPEN_STATUSES } from "./common";
import { expectUnclaimed } from "./publish-claims";

/** Enough for a picture-heavy issue; past it the database is no place for them. */
export const MAX_DRAFT_PICTURES = 60;
export const MAX_DRAFT_MEDIA_BYTES = 100 * 1024 * 1024;

export type DraftMediaItem = {
  name: string;
  originalName: string;
  type: string;
  size: number;
  width: number;
  height: number;
  uploadedAt: Date;
  /** Already in content/ beside the issue, not in the draft: shown, never removed from the studio. */
  published?: boolean;
};

const listed = {
  name: draftMedia.name,
  originalName: draftMedia.originalName,
  type: draftMedia.type,
  size: draftMedia.size,
  width: draftMedia.width,
  height: draftMedia.height,
  uploadedAt: draftMedia.uploadedAt,
};

export function listDraftMedia(c: Conn, draftId: number): DraftMediaItem[] {
  return c
    .select(listed)
    .from(draftMedia)
    .where(eq(draftMedia.draftId, draftId))
    .orderBy(asc(draftMedia.uploadedAt), asc(draftMedia.name))
    .all();
}

export function draftMediaNames(c: Conn, draftId: number): Set<string> {
  return new Set(
    c
      .select({ name: draftMedia.name })
      .from(draftMedia)
      .where(eq(draftMedia.draftId, draftId))
      .all()
      .map((r) => r.name),
  );
}

export function getDraftPicture(c: Conn, draftId: number, name: string): { type: string; bytes: Buffer } | undefined {
  return c
    .select({ type: draftMedia.type, bytes: draftMedia.bytes })
    .from(draftMedia)
    .where(and(eq(draftMedia.draftId, draftId), eq(draftMedia.name, name)))
    .get();
}

/** Adds a picture; the same picture uploaded twice is kept once, under its one name. */
export function addDraftPicture(
  d: Db,
  input: { draftId: number; picture: Picture; originalName: string; bytes: Uint8Array; actorId: number; now?: Date },
): { item: DraftMediaItem; added: boolean } {
  const now = input.now ?? new Date();
  return immediate(d, (tx) => {
    expectStatus(loadDraft(tx, input.draftId), OPEN_STATUSES, "添加图片");
    const same = tx
      .select(listed)
      .from(draftMedia)
      .where(and(eq(draftMedia.draftId, input.draftId), eq(draftMedia.name, input.picture.name)))
      .get();
    if (same) return { item: same, added: false };
    const totals = tx
      .select({ count: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${draftMedia.size}), 0)` })
      .from(draftMedia)
      .where(eq(draftMedia.draftId, input.draftId))
      .get()!;
    if (totals.count >= MAX_DRAFT_PICTURES)
      throw new AppError("studio:media-full", `这份稿件已有 ${totals.count} 张图片，达到上限：请先删去不用的图片`);
    if (totals.bytes + input.picture.size > MAX_DRAFT_MEDIA_BYTES) {
      throw new AppError(
        "studio:media-full",
        `这份稿件的图片合计将超过 ${MAX_DRAFT_MEDIA_BYTES / 1048576} MB：请先删去不用的图片，或缩小图片后再上传`,
      );
    }
    const originalName = input.originalName.slice(0, 200) || input.picture.name;
    const { name, type, size, width, height } = input.picture;
    tx.insert(draftMedia)
      .values({
        draftId: input.draftId,
        name,
        originalName,
        type,
        size,
        width,
        height,
        bytes: Buffer.from(input.bytes),
        uploadedBy: input.actorId,
        uploadedAt: now,
      })
      .run();
    return { item: { name, originalName, type, size, width, height, uploadedAt: now }, added: true };
  });
}

/**
 * Removes a picture the current text no longer shows. `lineShowing` reads the text for the
 * caller: the line that shows the picture, or null.
 */
export function removeDraftPicture(
  d: Db,
  input: { draftId: number; name: string; lineShowing: (source: string, name: string) => number | null },
): void {
  immediate(d, (tx) => {
    const draft = loadDraft(tx, input.draftId);
    expectStatus(draft, OPEN_STATUSES, "删除图片");
    expectUnclaimed(tx, input.draftId);
    const head =
      draft.headRevisionId === null
        ? undefined
        : tx.select({ source: revisions.source }).from(revisions).where(eq(revisions.id, draft.headRevisionId)).get();
    const line = head ? input.lineShowing(head.source, input.name) : null;
    if (line !== null)
      throw new AppError("studio:picture-in-use", `正文第 ${line} 行还在使用这张图片：请先在正文中删去它，等保存完成后再删除图片`);
    const gone = tx
      .delete(draftMedia)
      .where(and(eq(draftMedia.draftId, input.draftId), eq(draftMedia.name, input.name)))
      .run();
    if (gone.changes === 0) throw new AppError("studio:not-found", "这张图片已不在稿件中");
  });
}
