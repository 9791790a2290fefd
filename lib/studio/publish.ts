// Publishing an approved draft, as one claimed operation: the draft is claimed in a transaction
// (refusing a second publication and holding off saves), its pictures and then its file are
// written into content/ atomically (never over a file that changed since the draft read it), the
// file is indexed, and the publication recorded (publish-record.ts: the draft marked published
// with its audit row in one transaction that also releases the claim). A failure puts the files back; a crash is finished or undone on the
// next start (publish-reconcile.ts) from what the claim recorded.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { getDraft } from "@/db/queries/studio/drafts";
import { draftMediaNames, getDraftPicture } from "@/db/queries/studio/media";
import { claimPublication, getClaim, type NewClaim, releaseClaim, setClaimStep } from "@/db/queries/studio/publish-claims";
import { sha256 } from "@/lib/content/load";
import { syncIssueFile } from "@/lib/content/sync-one";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { mediaPath } from "@/lib/pictures/paths";
import { checkDraft } from "./check-draft";
import { readIssueBytes, rollBackIssueFile, writeIssueFile } from "./publish-file";
import { picturesShown, placeIssueMedia, removePlaced } from "./publish-pictures";
import { recordPublication } from "./publish-record";
import { faultPoint, processOwner } from "./publish-steps";
import { assertWithinLimits, composeSource, splitSource, verifyComposed } from "./source";

export type Publisher = { id: number; email: string } | null;
type Key = { series: string; year: number; number: number; supplement: boolean };

/** The published file's text: the approved revision, with `status: published`. */
export function publishedSource(key: Key, source: string): string {
  const split = splitSource(source);
  return composeSource(key, split.fields, split.body, { status: "published", extra: split.extra });
}

export async function publishDraft(draftId: number, actor: Publisher, now = new Date()): Promise<{ path: string }> {
  const d = db();
  const draft = getDraft(d, draftId);
  if (!draft) throw new AppError("studio:not-found", "找不到这份稿件");
  if (draft.status !== "approved" || draft.approvedRevisionId !== draft.headRevisionId || draft.headRevisionId === null) {
    throw new AppError("studio:bad-transition", "只有已签发、且签发后未再修改的稿件才能发布");
  }
  const key: Key = { series: draft.seriesId, year: draft.year, number: draft.number, supplement: draft.supplement };
  const signed = splitSource(draft.source);
  const source = publishedSource(key, draft.source);
  // The file must read back as exactly what the reviewer signed, and be one the loader accepts.
  verifyComposed(source, signed.fields, signed.body);
  assertWithinLimits(source);
  const { check } = await checkDraft(key, source, draftId);
  if (!check.ok) throw new AppError("studio:draft-invalid", `稿件还有 ${check.count} 处问题，不能发布：请退回修改`);

  const root = env().contentDir;
  const rel = draft.path;
  const expectedHash = draft.kind === "new" ? null : draft.baseHash;
  const oldBytes = expectedHash === null ? null : await readIssueBytes(root, rel, expectedHash);
  const pictures = picturesShown(source, draftMediaNames(d, draftId)).map((name) => ({
    name,
    bytes: getDraftPicture(d, draftId, name)!.bytes,
  }));
  const before = await Promise.all(
    pictures.map(async (p) => ({ name: p.name, hash: sha256(p.bytes), existed: await exists(root, mediaPath(rel, p.name)) })),
  );
  const newHash = sha256(Buffer.from(source, "utf8"));
  const owner = processOwner;
  const claim: NewClaim = {
    draftId,
    path: rel,
    owner,
    revisionId: draft.headRevisionId,
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? "定时发布",
    newHash,
    oldHash: expectedHash,
    oldBytes: oldBytes === null ? null : Buffer.from(oldBytes),
    pictures: before,
  };
  claimPublication(d, claim, now);

  // From here on every way out either finishes the record or puts the files back.
  let placed: string[] = [];
  let written = false;
  try {
    faultPoint("claimed");
    placed = await placeIssueMedia(root, rel, pictures);
    await writeIssueFile({ root, rel, source, expectedHash });
    written = true;
    faultPoint("file-written");
    setClaimStep(d, draftId, owner, "file-written");
    const indexed = await syncIssueFile({ root, rel });
    if (!indexed.ok) console.error("studio:publish-index-failed", rel, indexed.problems);
    faultPoint("indexed");
    await recordPublication(claim, draft, { at: now });
    faultPoint("recorded");
  } catch (error) {
    await undo({ draftId, owner, root, rel, written, newHash, oldBytes, placed }).catch((undoError: unknown) => {
      // The claim stays: the next start (or the scheduler's next round) reconciles it from the disk.
      console.error("studio:publish-undo-failed", rel, undoError);
    });
    throw error;
  }
  return { path: rel };
}

/**
 * Puts content/ back as it was before this publication, re-indexes the file, and lets go of the
 * claim. Not when the claim is no longer ours: the record was finished (or the claim settled by
 * a reconciliation that took this process for dead), and the disk now belongs to that outcome.
 */
async function undo(u: {
  draftId: number;
  owner: string;
  root: string;
  rel: string;
  written: boolean;
  newHash: string;
  oldBytes: Uint8Array | null;
  placed: string[];
}) {
  if (getClaim(db(), u.draftId)?.owner !== u.owner) return;
  await putIssueFileBack(u);
  await removePlaced(u.placed);
  releaseClaim(db(), u.draftId, u.owner);
}

/**
 * The file as it was before a claimed write (publication, withdrawal, republication), and the
 * index after it. Also when the write reported a failure: the new file may be in place all the
 * same, and the rollback touches the file only while it holds exactly what the write put there.
 */
export async function putIssueFileBack(u: { root: string; rel: string; written: boolean; newHash: string; oldBytes: Uint8Array | null }) {
  const outcome = await rollBackIssueFile({ root: u.root, rel: u.rel, writtenHash: u.newHash, oldBytes: u.oldBytes });
  if (u.written || outcome === "restored") {
    if (outcome === "changed") console.error("studio:publish-undo-file-changed", u.rel);
    const indexed = await syncIssueFile({ root: u.root, rel: u.rel });
    if (!indexed.ok && !indexed.removed) console.error("studio:publish-undo-index-failed", u.rel, indexed.problems);
  }
}

/** lstat: a link in the picture's place counts as taken, and placing will refuse it. */
const exists = (root: string, rel: string) =>
  fs.lstat(path.join(root, rel)).then(
    () => true,
    () => false,
  );
