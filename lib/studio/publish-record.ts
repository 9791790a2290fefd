// Recording a publication whose file is in content/: shared by the publication itself
// (publish.ts) and by the roll-forward after a crash (publish-reconcile.ts), so a publication
// finished on the next start leaves the same trace as one that finished at once.
import "server-only";
import type { DraftView } from "@/db/queries/studio/drafts";
import { finishPublication, type NewClaim } from "@/db/queries/studio/publish-claims";
import { parseIssuePath } from "@/lib/content/paths";
import { recordContentChange } from "@/lib/content-history";
import { db } from "@/lib/database";
import { clearIssuePdfs } from "@/lib/pdf/cache";

/**
 * Clears the issue's PDFs, then marks the draft published with its audit row and releases the
 * claim (one transaction), then queues the git commit. The PDFs go first: a crash after the
 * record would leave the old ones with nothing to clear them. `recovered` marks the audit row
 * of a publication finished by the reconciliation; `draft` is undefined when it is gone.
 */
export async function recordPublication(
  claim: Pick<NewClaim, "draftId" | "owner" | "path" | "actorId" | "actorEmail" | "pictures">,
  draft: DraftView | undefined,
  { at, recovered = false }: { at: Date; recovered?: boolean },
): Promise<void> {
  const rel = claim.path;
  const pictures = claim.pictures.map((p) => p.name);
  const key = parseIssuePath(rel);
  if (key) await clearIssuePdfs(key).catch((error: unknown) => console.error("studio:pdf-clear-failed", error));
  finishPublication(db(), {
    draftId: claim.draftId,
    owner: claim.owner,
    actorId: claim.actorId,
    at,
    pictures,
    audit: {
      actorId: claim.actorId,
      actorEmail: claim.actorEmail,
      action: "issue.publish",
      target: rel,
      detail: {
        draftId: claim.draftId,
        kind: draft?.kind,
        revision: draft?.headSeq,
        signer: draft?.approvedByName,
        ...(recovered ? { recovered: true } : {}),
        ...(pictures.length ? { pictures: pictures.length } : {}),
      },
    },
  });
  // Queued, not run: git never delays or fails a publication.
  recordContentChange({
    op: draft?.kind === "correction" ? "correct" : "publish",
    rel,
    personId: draft?.approvedBy ?? null,
    pictures,
    at,
  });
}
