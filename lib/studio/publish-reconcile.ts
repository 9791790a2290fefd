// Finishes or undoes publications a crash left half done. The disk decides: a claim records the
// hash of the file it was writing and the bytes of the file it replaced, so whichever of the two
// is in content/ now says whether the publication happened. If the new file is there, the
// record is finished (draft published, audit row, index, PDFs); if the old one is (or none, for
// a new issue), the pictures it added and its temporary files are removed and the draft is left
// approved, to be published again. Runs at start and on each round of the scheduler.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { getDraft } from "@/db/queries/studio/drafts";
import { listClaims, releaseClaim } from "@/db/queries/studio/publish-claims";
import type { PublishClaimRow } from "@/db/schema";
import { sha256 } from "@/lib/content/load";
import { readContentFile, readContentFileIfAny } from "@/lib/content/safe-file";
import { syncIssueFile } from "@/lib/content/sync-one";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { mediaPath } from "@/lib/pictures/paths";
import { removeTempsOf } from "./publish-file";
import { recordPublication } from "./publish-record";
import { claimAbandoned } from "./publish-steps";

export type Reconciled = { draftId: number; path: string; outcome: "finished" | "rolled-back" | "file-changed" };

export async function reconcilePublications(options: { abandoned?: (claim: PublishClaimRow) => boolean } = {}): Promise<Reconciled[]> {
  const abandoned = options.abandoned ?? ((c: PublishClaimRow) => claimAbandoned(c.owner, c.updatedAt));
  const done: Reconciled[] = [];
  for (const claim of listClaims(db())) {
    if (!abandoned(claim)) continue;
    try {
      done.push(await reconcileOne(claim));
    } catch (error) {
      console.error("studio:reconcile-failed", claim.path, error);
    }
  }
  return done;
}

async function reconcileOne(claim: PublishClaimRow): Promise<Reconciled> {
  const root = env().contentDir;
  const rel = claim.path;
  const pid = claim.owner.split(":")[1] ?? "";
  const onDisk = await readContentFileIfAny(root, rel).then((bytes) => (bytes === null ? null : sha256(bytes)));
  if (pid) await removeTempsOf(root, rel, pid);
  const base = { draftId: claim.draftId, path: rel };
  const system = { actorId: null, actorEmail: "系统恢复" };

  if (onDisk === claim.newHash) {
    const indexed = await syncIssueFile({ root, rel });
    if (!indexed.ok) console.error("studio:reconcile-index-failed", rel, indexed.problems);
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
  // The index follows the disk whatever it holds.
  const indexed = await syncIssueFile({ root, rel });
  if (!indexed.ok && !indexed.removed) console.error("studio:reconcile-index-failed", rel, indexed.problems);
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
