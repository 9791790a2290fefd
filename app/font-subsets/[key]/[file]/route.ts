// Serves a font face cut down to the characters of one printed issue (see lib/fonts). The URL
// names the character set, so the response never changes and is cached for good.
import fs from "node:fs/promises";
import { isFontFile } from "@/lib/fonts/faces";
import { subsetPath } from "@/lib/fonts/subset-store";
import { plainResponse } from "@/lib/plain-response";

export async function GET(_request: Request, { params }: { params: Promise<{ key: string; file: string }> }) {
  const { key, file } = await params;
  const name = file.replace(/\.ttf$/, "");
  if (!file.endsWith(".ttf") || !isFontFile(name)) return notFound();
  try {
    const p = await subsetPath(key, name);
    if (!p) return notFound();
    const body = await fs.readFile(p);
    return new Response(body, {
      headers: {
        "Content-Type": "font/ttf",
        "Content-Length": String(body.length),
        "Cache-Control": "public, max-age=31536000, immutable",
      },
    });
  } catch (error) {
    console.error("fonts:subset-failed", key, file, error);
    return plainResponse("字体生成失败", 500);
  }
}

const notFound = () => plainResponse("未找到该字体", 404);
