// GET /studio/submissions/<id>/media/<file>: a picture of a 信息稿件, for its preview. Only for a
// contributor of its unit or an editor of its series (lib/xinxi/submit.ts submissionFor); others
// get the same 404 as a picture that does not exist. Private: no shared cache may keep it.
import { submissionPicture } from "@/db/queries/xinxi/submissions";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { pictureNotFound, pictureResponse, requestedPicture } from "@/lib/pictures/response";
import { plainResponse } from "@/lib/plain-response";
import { submissionFor } from "@/lib/xinxi/submit";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; file: string }> };

export async function GET(_request: Request, { params }: Params) {
  const p = await params;
  const picture = requestedPicture(p.file);
  if (!/^\d{1,9}$/.test(p.id) || !picture) return pictureNotFound();
  let id: number;
  try {
    id = submissionFor(await requireUser("contributor"), Number(p.id)).id;
  } catch (error) {
    if (isAppError(error)) return error.code === "studio:not-found" ? pictureNotFound() : plainResponse(error.publicMessage, error.status);
    throw error;
  }
  const stored = submissionPicture(db(), id, picture.file);
  return stored ? pictureResponse(stored.bytes, stored.type, "private, no-cache") : pictureNotFound();
}
