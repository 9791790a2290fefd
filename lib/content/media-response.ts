// The one way the site answers with a picture, for the public archive's and the studio's routes:
// the type it was checked to be (never sniffed by the browser), and a plain refusal otherwise.

export function pictureResponse(bytes: Uint8Array, type: string, cacheControl: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": type, "Content-Length": String(bytes.byteLength), "X-Content-Type-Options": "nosniff", "Cache-Control": cacheControl },
  });
}

export const plainResponse = (text: string, status: number) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export const pictureNotFound = () => plainResponse("没有找到这张图片。", 404);
