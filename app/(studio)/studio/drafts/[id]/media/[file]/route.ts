// GET /studio/drafts/<id>/media/<file>: a picture of a draft, for its preview and its picture
// list. The draft's own uploads first, then the pictures already published beside the issue
// (which a correction's text goes on showing). Only for users who may work on the draft.

import { getDraftPicture } from "@/db/queries/studio/media";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { mediaPath } from "@/lib/pictures/paths";
import { readPublishedPicture } from "@/lib/pictures/published";
import { pictureNotFound, pictureResponse, requestedPicture } from "@/lib/pictures/response";
import { plainResponse } from "@/lib/plain-response";
import { draftFor } from "@/lib/studio/draft-access";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; file: string }> };

export async function GET(_request: Request, { params }: Params) {
  const p = await params;
  const picture = requestedPicture(p.file);
  if (!/^\d{1,9}$/.test(p.id) || !picture) return pictureNotFound();
  let draft: ReturnType<typeof draftFor>;
  try {
    draft = draftFor(await requireUser("editor"), Number(p.id));
  } catch (error) {
    if (isAppError(error)) return plainResponse(error.publicMessage, error.status);
    throw error;
  }
  const uploaded = getDraftPicture(db(), draft.id, picture.file);
  if (uploaded) return pictureResponse(uploaded.bytes, uploaded.type, "private, max-age=3600");
  const bytes = await readPublishedPicture(env().contentDir, mediaPath(draft.path, picture.file));
  return bytes ? pictureResponse(bytes, picture.type, "private, no-cache") : pictureNotFound();
}
