// The one way the site answers with a picture, for the public archive's and the studio's routes:
// the type it was checked to be (never sniffed by the browser), and a plain refusal otherwise.
import { plainResponse } from "@/lib/plain-response";
import { isUnsafeContentPath, readContentFile } from "./safe-file";

export function pictureResponse(bytes: Uint8Array, type: string, cacheControl: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": cacheControl,
    },
  });
}

export const pictureNotFound = () => plainResponse("没有找到这张图片。", 404);

/**
 * A published picture's bytes, read without following any symlink (safe-file.ts), or null when
 * there is none. A refused link is logged with its path: someone put it there.
 */
export async function readPublishedPicture(root: string, rel: string): Promise<Buffer | null> {
  try {
    return (await readContentFile(root, rel)).bytes;
  } catch (error) {
    if (isUnsafeContentPath(error)) console.warn(error.code, rel, error.message);
    return null;
  }
}
