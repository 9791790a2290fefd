// The pictures already published beside an issue (content/<series>/<year>/<NNN>.media/), for the
// picture list of a correction or of a published draft: the text goes on showing them, and the
// editor should see them beside the draft's own uploads.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { mediaDirName, MEDIA_FILE, mediaType } from "@/lib/content/media";
import { env } from "@/lib/env";

export async function publishedPictures(rel: string): Promise<DraftMediaItem[]> {
  const dir = path.join(env().contentDir, path.posix.dirname(rel), mediaDirName(rel));
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const items: DraftMediaItem[] = [];
  for (const name of names.filter((n) => MEDIA_FILE.test(n)).sort()) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) continue;
    let size: { width?: number; height?: number } = {};
    try {
      size = imageSize(new Uint8Array(await fs.readFile(file)));
    } catch {
      // Shown without its pixels; content:check is where a broken file is reported.
    }
    items.push({ name, originalName: name, type: mediaType(name) ?? "", size: stat.size, width: size.width ?? 0, height: size.height ?? 0, uploadedAt: stat.mtime, published: true });
  }
  return items;
}
