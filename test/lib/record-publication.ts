// A draft marked published through the real record (claimPublication, then finishPublication, as
// lib/studio/publish.ts does), for tests that need a published draft but no file in content/.
import type { Db } from "@/db/index";
import { getDraft } from "@/db/queries/studio/drafts";
import { claimPublication, finishPublication } from "@/db/queries/studio/publish-claims";
import { publicationLabel } from "@/lib/xinxi/publication-label";

/** `actorId` null is the scheduler; `revisionId` is the revision claimed (the head unless given). */
export function recordPublished(
  d: Db,
  { draftId, actorId, at = new Date(), revisionId }: { draftId: number; actorId: number | null; at?: Date; revisionId?: number },
): void {
  const draft = getDraft(d, draftId);
  if (!draft) throw new Error(`recordPublished: no draft ${draftId}`);
  const owner = `test:${process.pid}:record`;
  claimPublication(
    d,
    {
      draftId,
      path: draft.path,
      owner,
      revisionId: revisionId ?? draft.headRevisionId!,
      actorId,
      actorEmail: actorId === null ? "定时发布" : `user-${actorId}`,
      newHash: "test",
      oldHash: null,
      oldBytes: null,
      pictures: [],
    },
    at,
  );
  finishPublication(d, {
    draftId,
    owner,
    actorId,
    at,
    pictures: [],
    label: publicationLabel(d, draft.path),
    audit: { actorId, actorEmail: null, action: "issue.publish", target: draft.path, detail: { draftId } },
  });
}
