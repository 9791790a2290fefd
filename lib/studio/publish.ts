// Publishing an approved draft: the file is written into content/ atomically (never over a file
// that changed since the draft read it), indexed at once, its old PDFs cleared, and the draft
// marked published. The page cache follows by itself: it is keyed to the index's data_version.
import "server-only";
import { db } from "@/db/index";
import { recordAudit } from "@/db/queries/studio/audit";
import { getDraft } from "@/db/queries/studio/drafts";
import { draftMediaNames, forgetPublishedPictures, getDraftPicture } from "@/db/queries/studio/media";
import { markPublished } from "@/db/queries/studio/review";
import { recordContentChange } from "@/lib/content-history";
import { syncIssueFile } from "@/lib/content/sync-one";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clearIssuePdfs } from "@/lib/pdf/cache";
import { checkDraft } from "./check-draft";
import { writeIssueFile } from "./publish-file";
import { picturesShown, placeIssueMedia, removePlaced } from "./publish-media";
import { composeSource, splitSource } from "./source";

export type Publisher = { id: number; email: string } | null;

/** The published file's text: the approved revision, with `status: published`. */
export function publishedSource(key: { series: string; year: number; number: number; supplement: boolean }, source: string): string {
  const split = splitSource(source);
  return composeSource(key, split.fields, split.body, { status: "published", extra: split.extra });
}

export async function publishDraft(draftId: number, actor: Publisher, now = new Date()): Promise<{ path: string }> {
  const d = db();
  const draft = getDraft(d, draftId);
  if (!draft) throw new AppError("studio:not-found", "找不到这份稿件");
  if (draft.status !== "approved" || draft.approvedRevisionId !== draft.headRevisionId) {
    throw new AppError("studio:bad-transition", "只有已签发、且签发后未再修改的稿件才能发布");
  }
  const key = { series: draft.seriesId, year: draft.year, number: draft.number, supplement: draft.supplement };
  const source = publishedSource(key, draft.source);
  const { check } = await checkDraft(key, source, draftId);
  if (!check.ok) throw new AppError("studio:draft-invalid", `稿件还有 ${check.count} 处问题，不能发布：请退回修改`);
  const root = env().contentDir;
  const pictures = picturesShown(source, draftMediaNames(d, draftId)).map((name) => ({ name, bytes: getDraftPicture(d, draftId, name)!.bytes }));
  const placed = await placeIssueMedia(root, draft.path, pictures);
  try {
    await writeIssueFile({ root, rel: draft.path, source, expectedHash: draft.kind === "new" ? null : draft.baseHash });
  } catch (error) {
    await removePlaced(placed);
    throw error;
  }
  const indexed = await syncIssueFile({ root, rel: draft.path });
  if (!indexed.ok) console.error("studio:publish-index-failed", draft.path, indexed.problems);
  markPublished(d, { draftId, actorId: actor?.id ?? null, at: now, revisionId: draft.headRevisionId ?? undefined });
  forgetPublishedPictures(d, draftId, pictures.map((p) => p.name));
  await clearIssuePdfs(key).catch((error: unknown) => console.error("studio:pdf-clear-failed", error));
  recordAudit(d, {
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? "定时发布",
    action: "issue.publish",
    target: draft.path,
    detail: { draftId, kind: draft.kind, revision: draft.headSeq, signer: draft.approvedByName, ...(pictures.length ? { pictures: pictures.length } : {}) },
  });
  // In the background: git never delays or fails a publication.
  recordContentChange({ op: draft.kind === "new" ? "publish" : "correct", rel: draft.path, personId: draft.approvedBy, pictures: pictures.map((p) => p.name), at: now });
  return { path: draft.path };
}
