// Publishes approved drafts at their set time. Runs in the server process (started from
// instrumentation.ts); a publication that fails is unscheduled with a note, not retried forever.
import "server-only";
import { recordAudit } from "@/db/queries/studio/audit";
import { dueScheduled, getDraft } from "@/db/queries/studio/drafts";
import { commentDraft, unscheduleDraft } from "@/db/queries/studio/review";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { publishDraft } from "./publish";
import { reconcilePublications } from "./publish-reconcile";

const INTERVAL_MS = 30_000;
const state = globalThis as unknown as { jianbaoScheduler?: NodeJS.Timeout };
let running = false;

export async function publishDue(now = new Date()): Promise<number> {
  if (running) return 0;
  running = true;
  let published = 0;
  try {
    const d = db();
    // A publication a crashed process (this one's predecessor, or another server) left half done.
    await reconcilePublications().catch((error: unknown) => console.error("studio:reconcile-failed", error));
    for (const { draftId } of dueScheduled(d, now)) {
      try {
        await publishDraft(draftId, null, now);
        published++;
      } catch (error) {
        const message = isAppError(error) ? error.publicMessage : "服务器出错";
        // Someone is publishing it right now (a reviewer's click, another server): not a failure.
        if (isAppError(error) && error.code === "studio:publishing") continue;
        console.error("studio:scheduled-publish-failed", draftId, error);
        const draft = getDraft(d, draftId);
        // Another server process on the same database may have published it a moment earlier.
        if (draft?.status !== "approved") continue;
        const actorId = draft.approvedBy ?? draft.createdBy;
        if (actorId) {
          unscheduleDraft(d, { draftId, actorId });
          commentDraft(d, { draftId, actorId, comment: `定时发布未能完成：${message}` });
        }
        recordAudit(d, {
          actorId: null,
          actorEmail: "定时发布",
          action: "issue.publish-failed",
          target: draft?.path,
          detail: { draftId, message },
        });
      }
    }
  } finally {
    running = false;
  }
  return published;
}

export function startPublishScheduler(): void {
  if (state.jianbaoScheduler) return;
  // At start, before anything is scheduled: a claim left by the crash this start follows is
  // settled before a reviewer (or the first round) could try the same draft again.
  void reconcilePublications().catch((error: unknown) => console.error("studio:reconcile-failed", error));
  state.jianbaoScheduler = setInterval(
    () => void publishDue().catch((error: unknown) => console.error("studio:scheduler-failed", error)),
    INTERVAL_MS,
  );
  state.jianbaoScheduler.unref();
}
