// The pictures already published beside an issue (content/<series>/<year>/<NNN>.media/), for the
// picture list of a correction or of a published draft: the text goes on showing them, and the
// editor should see them beside the draft's own uploads.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { imageSizeFromFile } from "image-size/fromFile";
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { MEDIA_FILE, mediaFolderPath, mediaType } from "@/lib/content/media";
import { env } from "@/lib/env";

export async function publishedPictures(rel: string): Promise<DraftMediaItem[]> {
  const dir = path.join(env().contentDir, mediaFolderPath(rel));
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const items: DraftMediaItem[] = [];
  for (const name of names.filter((n) => MEDIA_FILE.test(n)).sort()) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) continue;
    // Read from the file's head (image-size reads at most 512 KB), not the whole picture: this runs on every opening of the editor.
    const size: { width?: number; height?: number } = await imageSizeFromFile(file).catch(() => ({}));
    items.push({ name, originalName: name, type: mediaType(name) ?? "", size: stat.size, width: size.width ?? 0, height: size.height ?? 0, uploadedAt: stat.mtime, published: true });
  }
  return items;
}
