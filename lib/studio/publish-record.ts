// Recording a publication (or a withdrawal, a republication) whose file is in content/: shared by
// the operation itself (publish.ts, issue-files.ts) and by the roll-forward after a crash
// (publish-reconcile.ts), so one finished on the next start leaves the same trace as one that
// finished at once.
import "server-only";
import type { DraftView } from "@/db/queries/studio/drafts";
import { finishPublication, type NewClaim, type NewStatusClaim, releaseStatusClaim } from "@/db/queries/studio/publish-claims";
import { parseIssuePath } from "@/lib/content/paths";
import { recordContentChange } from "@/lib/content-history";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { clearIssuePdfs } from "@/lib/pdf/cache";
import { queuePdfPrerender } from "@/lib/pdf/prerender";
import { publicationLabel } from "@/lib/xinxi/publication-label";

/**
 * Clears the issue's PDFs, then marks the draft published with its audit row and releases the
 * claim, with the 信息稿件 it adopted becoming 已刊用 (one transaction), then queues the git commit and the new PDF's render. The PDFs go first: a crash after the
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
    label: publicationLabel(db(), rel),
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
  // The new version's PDF, rendered in the background for its first reader.
  queuePdfPrerender(rel);
}

/**
 * Clears the issue's PDFs (a withdrawn issue's must not be served), then writes the audit row and
 * releases the claim in one transaction, then queues the git commit. `ip` is the request's, when
 * there is one; `recovered` marks a change finished by the reconciliation.
 */
export async function recordStatusChange(
  claim: Pick<NewStatusClaim, "path" | "kind" | "owner" | "actorId" | "actorEmail" | "reason">,
  { at, ip, recovered = false }: { at: Date; ip?: string | null; recovered?: boolean },
): Promise<void> {
  const rel = claim.path;
  const key = parseIssuePath(rel);
  if (key) await clearIssuePdfs(key).catch((error: unknown) => console.error("studio:pdf-clear-failed", error));
  const detail = { ...(claim.reason ? { reason: claim.reason } : {}), ...(recovered ? { recovered: true } : {}) };
  const released = releaseStatusClaim(db(), rel, claim.owner, {
    actorId: claim.actorId,
    actorEmail: claim.actorEmail,
    action: claim.kind === "withdraw" ? "issue.withdraw" : "issue.restore",
    target: rel,
    detail: Object.keys(detail).length ? detail : undefined,
    ip,
  });
  if (!released) throw new AppError("studio:publishing", "这一期的撤回或恢复发布已由另一进程处理");
  recordContentChange({ op: claim.kind, rel, personId: claim.actorId, reason: claim.reason ?? undefined, at });
  // A republished issue is public again: its PDF is rendered ahead of its first reader.
  if (claim.kind !== "withdraw") queuePdfPrerender(rel);
}
