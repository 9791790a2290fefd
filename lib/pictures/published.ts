// The pictures already published beside an issue (content/<series>/<year>/<NNN>.media/): one read
// for the archive's and the studio's picture routes, and the list a correction or a published
// draft shows beside its own uploads (its text goes on showing them). Never through a link
// (safe-file.ts).
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { isUnsafeContentPath, openContentFile, readContentFile } from "@/lib/content/safe-file";
import { env } from "@/lib/env";
import { sniff } from "./bytes";
import { MEDIA_FILE, mediaFolderPath, mediaPath, mediaType } from "./paths";

// What image-size needs of a file: every format's dimensions sit well within it.
const HEAD_BYTES = 512 * 1024;

/** A published picture's bytes, or null when there is none. A refused link is logged with its path: someone put it there. */
export async function readPublishedPicture(root: string, rel: string): Promise<Buffer | null> {
  try {
    return (await readContentFile(root, rel)).bytes;
  } catch (error) {
    if (isUnsafeContentPath(error)) console.warn(error.code, rel, error.message);
    return null;
  }
}

export async function publishedPictures(rel: string): Promise<DraftMediaItem[]> {
  const root = env().contentDir;
  const dir = path.join(root, mediaFolderPath(rel));
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const items: DraftMediaItem[] = [];
  for (const name of names.filter((n) => MEDIA_FILE.test(n)).sort()) {
    // A linked "picture" is left out of the list.
    const handle = await openContentFile(root, mediaPath(rel, name)).catch(() => null);
    if (!handle) continue;
    try {
      const stat = await handle.stat();
      // Read from the file's head, not the whole picture: this runs on every opening of the editor.
      const head = new Uint8Array(Math.min(stat.size, HEAD_BYTES));
      await handle.read(head, 0, head.byteLength, 0);
      // An unreadable head is listed without dimensions.
      const size = sniff(head);
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
