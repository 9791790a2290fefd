// GET /studio/drafts/<id>/media/<file>: a picture of a draft, for its preview and its picture
// list. The draft's own uploads first, then the pictures already published beside the issue
// (which a correction's text goes on showing). Only for users who may work on the draft.

import { getDraftPicture } from "@/db/queries/studio/media";
import { requireUser } from "@/lib/auth/session";
import { decodeMediaName, MEDIA_FILE, mediaPath, mediaType } from "@/lib/content/media";
import { pictureNotFound, pictureResponse, readPublishedPicture } from "@/lib/content/media-response";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { plainResponse } from "@/lib/plain-response";
import { draftFor } from "@/lib/studio/draft-access";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; file: string }> };

export async function GET(_request: Request, { params }: Params) {
  const p = await params;
  const file = decodeMediaName(p.file);
  const type = file === null ? undefined : mediaType(file);
  if (!/^\d{1,9}$/.test(p.id) || file === null || !MEDIA_FILE.test(file) || !type) return pictureNotFound();
  let draft: ReturnType<typeof draftFor>;
  try {
    draft = draftFor(await requireUser("editor"), Number(p.id));
  } catch (error) {
    if (isAppError(error)) return plainResponse(error.publicMessage, error.status);
    throw error;
  }
  const uploaded = getDraftPicture(db(), draft.id, file);
  if (uploaded) return pictureResponse(uploaded.bytes, uploaded.type, "private, max-age=3600");
  const bytes = await readPublishedPicture(env().contentDir, mediaPath(draft.path, file));
  return bytes ? pictureResponse(bytes, type, "private, no-cache") : pictureNotFound();
}
