// Loads a draft for a user who may work on it: it exists and belongs to one of the user's series.
import "server-only";
import { type DraftView, getDraft } from "@/db/queries/studio/drafts";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";

export function draftFor(user: StudioUser, draftId: number): DraftView {
  const draft = getDraft(db(), draftId);
  if (!draft) throw new AppError("studio:not-found", "找不到这份稿件");
  requireSeries(user, draft.seriesId);
  return draft;
}

export const keyOfDraft = (d: Pick<DraftView, "seriesId" | "year" | "number" | "supplement">) => ({
  series: d.seriesId,
  year: d.year,
  number: d.number,
  supplement: d.supplement,
});
