// Finishes or undoes publications a crash left half done. The disk decides: a claim records the
// hash of the file it was writing and the bytes of the file it replaced, so whichever of the two
// is in content/ now says whether the publication happened. If the new file is there, the
// record is finished (draft published, audit row, index, PDFs); if the old one is (or none, for
// a new issue), the pictures it added and its temporary files are removed and the draft is left
// approved, to be published again. A withdrawal or republication (status claims) is settled the
// same way: its new file there, its audit row and history entry are written; its old one, the
// index is made to agree and an interruption logged. Runs at start and on each round of the scheduler.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { getDraft } from "@/db/queries/studio/drafts";
import { listClaims, releaseClaim, releaseStatusClaim } from "@/db/queries/studio/publish-claims";
import type { PublishClaimRow, StatusClaimRow } from "@/db/schema";
import { sha256 } from "@/lib/content/load";
import { readContentFile, readContentFileIfAny } from "@/lib/content/safe-file";
import { syncIssueFile } from "@/lib/content/sync-one";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { mediaPath } from "@/lib/pictures/paths";
import { removeTempsOf } from "./publish-file";
import { recordPublication, recordStatusChange } from "./publish-record";
import { claimAbandoned } from "./publish-steps";

type Outcome = "finished" | "rolled-back" | "file-changed";
/** draftId is null for a withdrawal or republication, which has no draft. */
export type Reconciled = { draftId: number | null; path: string; outcome: Outcome };

export async function reconcilePublications(
  options: { abandoned?: (claim: { owner: string; updatedAt: Date }) => boolean } = {},
): Promise<Reconciled[]> {
  const abandoned = options.abandoned ?? ((c: { owner: string; updatedAt: Date }) => claimAbandoned(c.owner, c.updatedAt));
  const done: Reconciled[] = [];
  const held = listClaims(db());
  const claims = [
    ...held.publications.map((c) => ({ claim: c, settle: () => reconcileOne(c) })),
    ...held.statusChanges.map((c) => ({ claim: c, settle: () => reconcileStatusChange(c) })),
  ];
  for (const { claim, settle } of claims) {
    if (!abandoned(claim)) continue;
    try {
      done.push(await settle());
    } catch (error) {
      console.error("studio:reconcile-failed", claim.path, error);
    }
  }
  return done;
}

/** The hash of the file in content/ now (null: none), after the dead owner's temporary files are gone. */
async function diskAfter(root: string, claim: { path: string; owner: string }): Promise<string | null> {
  const onDisk = await readContentFileIfAny(root, claim.path).then((bytes) => (bytes === null ? null : sha256(bytes)));
  const pid = claim.owner.split(":")[1] ?? "";
  if (pid) await removeTempsOf(root, claim.path, pid);
  return onDisk;
}

/** The index follows the disk whatever it holds. */
async function reindex(root: string, rel: string): Promise<void> {
  const indexed = await syncIssueFile({ root, rel });
  if (!indexed.ok && !indexed.removed) console.error("studio:reconcile-index-failed", rel, indexed.problems);
}

async function reconcileStatusChange(claim: StatusClaimRow): Promise<Reconciled> {
  const root = env().contentDir;
  const rel = claim.path;
  const onDisk = await diskAfter(root, claim);
  await reindex(root, rel);
  const base = { draftId: null, path: rel };
  if (onDisk === claim.newHash) {
    await recordStatusChange(claim, { at: new Date(), recovered: true });
    console.warn(`studio:reconciled ${rel}: the ${claim.kind} had written its file; recorded now`);
    return { ...base, outcome: "finished" };
  }
  const outcome: Outcome = onDisk === claim.oldHash ? "rolled-back" : "file-changed";
  releaseStatusClaim(db(), rel, claim.owner, {
    actorId: null,
    actorEmail: "系统恢复",
    action: "issue.status-interrupted",
    target: rel,
    detail: { kind: claim.kind, step: claim.step, outcome },
  });
  console.warn(`studio:reconciled ${rel}: the ${claim.kind} was interrupted at ${claim.step}; ${outcome}`);
  return { ...base, outcome };
}

async function reconcileOne(claim: PublishClaimRow): Promise<Reconciled> {
  const root = env().contentDir;
  const rel = claim.path;
  const onDisk = await diskAfter(root, claim);
  const base = { draftId: claim.draftId, path: rel };
  const system = { actorId: null, actorEmail: "系统恢复" };

  if (onDisk === claim.newHash) {
    await reindex(root, rel);
    await recordPublication(claim, getDraft(db(), claim.draftId), { at: new Date(), recovered: true });
    console.warn(`studio:reconciled ${rel}: the publication had written its file; recorded now`);
    return { ...base, outcome: "finished" };
  }

  const back = onDisk === claim.oldHash;
  if (back) {
    // Only pictures this publication added, and only while they still hold its bytes.
    for (const p of claim.pictures.filter((p) => !p.existed)) {
      const file = path.join(root, mediaPath(rel, p.name));
      const bytes = await readContentFile(root, mediaPath(rel, p.name)).then(
        (r) => r.bytes,
        () => null,
      );
      if (bytes && sha256(bytes) === p.hash) await fs.rm(file, { force: true });
    }
    await fs.rmdir(path.dirname(path.join(root, mediaPath(rel, "x")))).catch(() => undefined);
  }
  await reindex(root, rel);
  const outcome = back ? "rolled-back" : "file-changed";
  releaseClaim(db(), claim.draftId, claim.owner, {
    ...system,
    action: "issue.publish-interrupted",
    target: rel,
    detail: { draftId: claim.draftId, step: claim.step, outcome },
  });
  console.warn(
    `studio:reconciled ${rel}: the publication was interrupted at ${claim.step}; ${back ? "content/ is as it was before" : "the file was changed by someone else and is left as it is"}`,
  );
  return { ...base, outcome };
}
