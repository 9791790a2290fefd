// Publication's first step: the pictures the text shows are written beside the issue file
// (content/<series>/<year>/<NNN>.media/) before the file itself, so no reader ever gets a page
// whose picture is not there yet. A file of that name already there is kept when it holds the
// same bytes and refused when it does not: the studio never replaces a file it did not write.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { sha256 } from "@/lib/content/load";
import { ensureRealFolders, isUnsafeContentPath, readContentFileIfAny, unsafePathAppError } from "@/lib/content/safe-file";
import { AppError, isAppError } from "@/lib/errors";
import { MEDIA_FILE, mediaFolderPath, mediaMentionAt, mediaPath } from "@/lib/pictures/paths";
import { issueFilePath } from "./publish-file";
import { faultPoint } from "./publish-steps";

export type PictureToPlace = { name: string; bytes: Uint8Array };

/** The draft's pictures the text names, in the order given. */
export function picturesShown(source: string, names: Iterable<string>): string[] {
  return [...names].filter((name) => mediaMentionAt(source, name) >= 0);
}

/** Writes the pictures; returns the paths it created, for removal if the issue file then fails. */
export async function placeIssueMedia(root: string, rel: string, pictures: PictureToPlace[]): Promise<string[]> {
  if (pictures.length === 0) return [];
  issueFilePath(root, rel); // refuses a path that is not an issue's place
  const dir = path.join(root, mediaFolderPath(rel));
  const shown = (name: string) => `content/${mediaPath(rel, name)}`;
  const created: string[] = [];
  try {
    // Never into a folder that is a link out of the content root (safe-file.ts).
    await ensureRealFolders(root, mediaFolderPath(rel)).catch((error: unknown) => {
      throw isUnsafeContentPath(error) ? unsafePathAppError(error) : error;
    });
    for (const p of pictures) {
      if (!MEDIA_FILE.test(p.name)) throw new AppError("studio:invalid-input", `图片名 ${p.name} 不合规定`);
      const target = path.join(dir, p.name);
      if (await sameFile(root, mediaPath(rel, p.name), p.bytes, shown(p.name))) continue;
      const temp = path.join(dir, `.publish-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
      try {
        await writeDurably(temp, p.bytes);
        // A link fails rather than replace a file that appeared meanwhile.
        await fs.link(temp, target);
        created.push(target);
        faultPoint("picture-placed");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        await sameFile(root, mediaPath(rel, p.name), p.bytes, shown(p.name));
      } finally {
        await fs.rm(temp, { force: true });
      }
    }
    return created;
  } catch (error) {
    await removePlaced(created);
    if (isAppError(error)) throw error;
    throw new AppError(
      "studio:write-failed",
      `没能把图片写入 content/${mediaFolderPath(rel)}/，这一期没有发布。请稍后再试；如果一再失败，请联系管理员`,
      { cause: error },
    );
  }
}

/** On disk before the issue file that shows it is: after a crash, never a page with a truncated picture. */
async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function removePlaced(paths: string[]): Promise<void> {
  for (const p of paths) await fs.rm(p, { force: true }).catch((error: unknown) => console.error("studio:media-cleanup-failed", p, error));
  // The folder too, when this publication made it and nothing else is in it.
  if (paths[0]) await fs.rmdir(path.dirname(paths[0])).catch(() => undefined);
}

/** True when the file holds these bytes, false when it does not exist; refuses a different file. */
async function sameFile(root: string, rel: string, bytes: Uint8Array, shown: string): Promise<boolean> {
  // Read as every content file is (safe-file.ts): a link planted under that name stops publication.
  const found = await readContentFileIfAny(root, rel);
  if (found === null) return false;
  if (sha256(found) === sha256(bytes)) return true;
  throw new AppError(
    "studio:file-changed",
    `${shown} 已经存在，而且与稿件中的图片不同（可能有人直接放入了文件）：为免覆盖，本次发布已停止。请联系管理员核对这个文件`,
  );
}
