// GET /studio/drafts/<id>/media/<file>: a picture of a draft, for its preview and its picture
// list. The draft's own uploads first, then the pictures already published beside the issue
// (which a correction's text goes on showing). Only for users who may work on the draft.
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/db/index";
import { getDraftPicture } from "@/db/queries/studio/media";
import { requireUser } from "@/lib/auth/session";
import { mediaDirName, MEDIA_FILE, mediaType } from "@/lib/content/media";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { draftFor } from "@/lib/studio/draft-access";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; file: string }> };

const plain = (text: string, status: number) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(_request: Request, { params }: Params) {
  const p = await params;
  const file = decodeURIComponent(p.file);
  const type = mediaType(file);
  if (!/^\d{1,9}$/.test(p.id) || !MEDIA_FILE.test(file) || !type) return plain("没有找到这张图片。", 404);
  let draft;
  try {
    draft = draftFor(await requireUser("editor"), Number(p.id));
  } catch (error) {
    if (isAppError(error)) return plain(error.publicMessage, error.status);
    throw error;
  }
  const uploaded = getDraftPicture(db(), draft.id, file);
  if (uploaded) return picture(uploaded.bytes, uploaded.type, "private, max-age=3600");
  const onDisk = path.join(env().contentDir, path.posix.dirname(draft.path), mediaDirName(draft.path), file);
  const bytes = await fs.readFile(onDisk).catch(() => null);
  return bytes ? picture(bytes, type, "private, no-cache") : plain("没有找到这张图片。", 404);
}

function picture(bytes: Buffer, type: string, cache: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": type, "Content-Length": String(bytes.byteLength), "X-Content-Type-Options": "nosniff", "Cache-Control": cache },
  });
}
