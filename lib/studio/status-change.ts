// 撤回 and 恢复发布 as claimed operations, like a publication (publish.ts): the file is claimed in
// a transaction before its status line is rewritten, so a second publication, withdrawal,
// republication or save of the issue is refused meanwhile; a failure puts the old file back; a
// crash is finished or undone on the next start (publish-reconcile.ts) from what the claim
// recorded. Without the studio's session, so the crash test can run it in a child process.
import "server-only";
import {
  claimStatusChange,
  getStatusClaim,
  type NewStatusClaim,
  releaseStatusClaim,
  setStatusClaimStep,
} from "@/db/queries/studio/publish-claims";
import { sha256 } from "@/lib/content/load";
import { syncIssueFile } from "@/lib/content/sync-one";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { statusChange } from "./file-status";
import { putIssueFileBack } from "./publish";
import { writeIssueFile } from "./publish-file";
import { recordStatusChange } from "./publish-record";
import { faultPoint, processOwner } from "./publish-steps";

/** Sets the status line of the issue file `rel` (under content/), read by the actor as `expectedHash`. */
export async function changeIssueStatus(
  rel: string,
  actor: { id: number; email: string },
  input: { expectedHash: string; status: "published" | "withdrawn"; reason?: string },
  ip: string | null = null,
): Promise<void> {
  const root = env().contentDir;
  const { oldBytes, source } = await statusChange({ root, rel, status: input.status, expectedHash: input.expectedHash });
  const claim: NewStatusClaim = {
    path: rel,
    kind: input.status === "withdrawn" ? "withdraw" : "republish",
    owner: processOwner,
    actorId: actor.id,
    actorEmail: actor.email,
    reason: input.reason ?? null,
    // Already so (the file says it): nothing is written, and the change is only recorded.
    newHash: source === null ? input.expectedHash : sha256(Buffer.from(source, "utf8")),
    oldHash: input.expectedHash,
    oldBytes,
  };
  claimStatusChange(db(), claim);

  // From here on every way out either finishes the record or puts the file back.
  let written = false;
  try {
    faultPoint("claimed");
    if (source !== null) {
      await writeIssueFile({ root, rel, source, expectedHash: input.expectedHash });
      written = true;
    }
    faultPoint("file-written");
    setStatusClaimStep(db(), rel, claim.owner, "file-written");
    const indexed = await syncIssueFile({ root, rel });
    if (!indexed.ok) console.error("studio:status-index-failed", rel, indexed.problems);
    faultPoint("indexed");
    await recordStatusChange(claim, { at: new Date(), ip });
    faultPoint("recorded");
  } catch (error) {
    // Not when the claim is no longer ours: the record was finished, or a reconciliation settled it.
    if (getStatusClaim(db(), rel)?.owner === claim.owner) {
      await putIssueFileBack({ root, rel, written, newHash: claim.newHash, oldBytes })
        .then(() => releaseStatusClaim(db(), rel, claim.owner))
        // The claim stays: the next start (or the scheduler's next round) reconciles it from the disk.
        .catch((undoError: unknown) => console.error("studio:status-undo-failed", rel, undoError));
    }
    throw error;
  }
}
