// GET /studio/submissions/<id>/original/<seq>: the Word file a version was sent as, byte for byte,
// for the editors (and the unit that sent it). Private, never cached by a shared cache.
import { submissionVersionsOf } from "@/db/queries/xinxi/submissions";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { plainResponse } from "@/lib/plain-response";
import { submissionFor } from "@/lib/xinxi/submit";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; seq: string }> };

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export async function GET(_request: Request, { params }: Params) {
  const p = await params;
  const missing = () => plainResponse("没有找到这份原稿。", 404);
  if (!/^\d{1,9}$/.test(p.id) || !/^\d{1,4}$/.test(p.seq)) return missing();
  let id: number;
  try {
    id = submissionFor(await requireUser("contributor"), Number(p.id)).id;
  } catch (error) {
    if (isAppError(error)) return error.code === "studio:not-found" ? missing() : plainResponse(error.publicMessage, error.status);
    throw error;
  }
  const version = submissionVersionsOf(db(), id).find((v) => v.seq === Number(p.seq));
  if (!version?.originalBytes) return missing();
  const name = version.originalName || `信息稿件${id}.docx`;
  return new Response(new Uint8Array(version.originalBytes), {
    headers: {
      "Content-Type": DOCX,
      "Content-Length": String(version.originalBytes.byteLength),
      "Content-Disposition": `attachment; filename="submission-${id}-${version.seq}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
