// The pictures already published beside an issue (content/<series>/<year>/<NNN>.media/), for the
// picture list of a correction or of a published draft: the text goes on showing them, and the
// editor should see them beside the draft's own uploads.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { MEDIA_FILE, mediaFolderPath, mediaPath, mediaType } from "@/lib/content/media";
import { openContentFile } from "@/lib/content/safe-file";
import { env } from "@/lib/env";

// What image-size/fromFile reads: every format's dimensions sit well within it.
const HEAD_BYTES = 512 * 1024;

export async function publishedPictures(rel: string): Promise<DraftMediaItem[]> {
  const root = env().contentDir;
  const dir = path.join(root, mediaFolderPath(rel));
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const items: DraftMediaItem[] = [];
  for (const name of names.filter((n) => MEDIA_FILE.test(n)).sort()) {
    // Never through a link (safe-file.ts): a linked "picture" is left out of the list.
    const handle = await openContentFile(root, mediaPath(rel, name)).catch(() => null);
    if (!handle) continue;
    try {
      const stat = await handle.stat();
      // Read from the file's head, not the whole picture: this runs on every opening of the editor.
      const head = new Uint8Array(Math.min(stat.size, HEAD_BYTES));
      await handle.read(head, 0, head.byteLength, 0);
      let size: { width?: number; height?: number } = {};
      try {
        size = imageSize(head);
      } catch {
        // unreadable head: listed without dimensions
      }
      items.push({
        name,
        originalName: name,
        type: mediaType(name) ?? "",
        size: stat.size,
        width: size.width ?? 0,
        height: size.height ?? 0,
        uploadedAt: stat.mtime,
        published: true,
      });
    } finally {
      await handle.close();
    }
  }
  return items;
}
