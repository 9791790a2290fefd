"use server";
// A draft's pictures: uploaded into the draft (checked by their bytes, named by their hash) and
// removed once the text no longer shows them. Publication writes them into content/.
import { z } from "zod";
import { addDraftPicture, type DraftMediaItem, removeDraftPicture } from "@/db/queries/studio/media";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { readPicture } from "@/lib/pictures/bytes";
import { printNote } from "@/lib/pictures/limits";
import { mediaSrc } from "@/lib/pictures/paths";
import { studioAction } from "@/lib/studio/action";
import { draftFor } from "@/lib/studio/draft-access";
import { lineShowingPicture } from "@/lib/studio/source";

const upload = z.custom<FormData>((v) => v instanceof FormData, { error: "请选择要上传的图片" });

export type UploadedPicture = { item: DraftMediaItem; src: string; added: boolean; note: string | null };

export const uploadPicture = studioAction("editor", upload, async (user, form): Promise<UploadedPicture> => {
  const draftId = Number(form.get("draftId"));
  const file = form.get("file");
  if (!Number.isInteger(draftId) || draftId < 1) throw new AppError("studio:invalid-input", "缺少稿件编号");
  if (!(file instanceof File)) throw new AppError("studio:invalid-input", "请选择要上传的图片");
  const draft = draftFor(user, draftId);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const picture = readPicture(bytes, file.name || "图片");
  const { item, added } = addDraftPicture(db(), { draftId: draft.id, picture, originalName: file.name, bytes, actorId: user.id });
  return { item, added, src: mediaSrc(draft.path, item.name), note: printNote(item) };
});

export const removePicture = studioAction(
  "editor",
  z.object({ draftId: z.number().int().positive(), name: z.string().min(1).max(120) }),
  async (user, input) => {
    const draft = draftFor(user, input.draftId);
    removeDraftPicture(db(), { draftId: draft.id, name: input.name, lineShowing: lineShowingPicture });
    return {};
  },
);
