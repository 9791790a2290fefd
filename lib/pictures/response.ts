// The one way the site answers with a picture, for the public archive's and the studio's routes:
// the name the URL asks for, the type it was checked to be (never sniffed by the browser), and a
// plain refusal otherwise.
import { plainResponse } from "@/lib/plain-response";
import { MEDIA_FILE, mediaType } from "./paths";

/**
 * The picture a media URL's file segment names, with the type its extension stands for, or null.
 * Malformed percent escapes ("%", "%E4%zz"), a name no media folder may hold and an unknown type
 * all name no picture: "not found", never a server error.
 */
export function requestedPicture(segment: string): { file: string; type: string } | null {
  let file: string;
  try {
    file = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const type = mediaType(file);
  return MEDIA_FILE.test(file) && type ? { file, type } : null;
}

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
