// Writes a published issue into content/, where readers, the sync and git all take it from: a
// reader never sees half a file, and nobody's edit made meanwhile is ever overwritten.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { sha256 } from "@/lib/content/load";
import { parseIssuePath } from "@/lib/content/paths";
import { ensureRealFolders, isUnsafeContentPath, readContentFile, readContentFileIfAny, unsafePathAppError } from "@/lib/content/safe-file";
import { mediaFolderPath } from "@/lib/pictures/paths";

const asStudioError = (error: unknown): never => {
  throw isUnsafeContentPath(error) ? unsafePathAppError(error) : error;
};

import { AppError, isAppError } from "@/lib/errors";
import { syncDir } from "@/lib/files";
import { faultPoint } from "./publish-steps";

export type WriteIssueFile = {
  /** The content root. */
  root: string;
  /** The issue's path under it, e.g. jtyx/2022/003.mdx. */
  rel: string;
  source: string;
  /** sha256 of the file as the editor started from it; null for a new issue, whose file must not exist. */
  expectedHash: string | null;
};

/** The issue file's full path; `rel` often comes from a form, so nothing outside an issue's place passes. */
export function issueFilePath(root: string, rel: string): string {
  if (rel.includes("\\") || !parseIssuePath(rel)) throw new AppError("studio:invalid-input", `${rel} 不是一期简报的文件位置`);
  return path.join(root, rel);
}

/** The refusal when the file on disk is no longer the one the editor started from. */
export function fileChangedError(rel: string, found: "gone" | "changed"): AppError {
  return new AppError(
    "studio:file-changed",
    found === "gone"
      ? `content/${rel} 在您开始修改后已被删除或移走：本次发布已停止。请刷新后查看这一期的现状`
      : `content/${rel} 在您开始修改后已被改动（可能有人直接编辑了文件）：为免覆盖他人的修改，本次发布已停止。请重新打开这一期，在最新内容上更正`,
  );
}

export async function writeIssueFile({ root, rel, source, expectedHash }: WriteIssueFile): Promise<{ hash: string }> {
  const file = issueFilePath(root, rel);
  const bytes = Buffer.from(source, "utf8");
  const refuse = (found: "gone" | "changed") => fileChangedError(rel, found);
  let temp: string | undefined;
  try {
    if (expectedHash !== null) {
      // Checked before anything is written, and again just before the rename.
      const found = await compare(root, rel, expectedHash);
      if (typeof found === "string") throw refuse(found);
      temp = await writeTemp(file, bytes, found.mode);
      const again = await compare(root, rel, expectedHash);
      if (typeof again === "string") throw refuse(again);
      faultPoint("file-temp");
      await fs.rename(temp, file);
      temp = undefined;
    } else {
      // Never into a folder that is a link out of the content root (safe-file.ts).
      await ensureRealFolders(root, path.posix.dirname(rel)).catch(asStudioError);
      temp = await writeTemp(file, bytes);
      faultPoint("file-temp");
      try {
        // A link, unlike a rename, fails rather than replace a file created meanwhile.
        await fs.link(temp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") {
          throw new AppError("studio:file-exists", `content/${rel} 已经存在：可能有人刚刚发布了同一期，请刷新后再试`, { cause: error });
        }
        throw error;
      }
    }
    await syncDir(path.dirname(file));
    return { hash: sha256(bytes) };
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("studio:write-failed", `没能写入 content/${rel}，这一期没有发布。请稍后再试；如果一再失败，请联系管理员`, {
      cause: error,
    });
  } finally {
    // After a link the temporary name is left over, after a failure the whole file.
    if (temp !== undefined) await fs.rm(temp, { force: true }).catch((error: unknown) => console.error("studio:temp-left", temp, error));
  }
}

/** The file's bytes, as a rollback will need them; refused when they are no longer the ones the draft started from. */
export async function readIssueBytes(root: string, rel: string, expectedHash: string): Promise<Buffer> {
  const bytes = await readContentFileIfAny(root, rel).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError("studio:write-failed", `没能读取 content/${rel}，这一期没有发布。请稍后再试；如果一再失败，请联系管理员`, {
      cause: error,
    });
  });
  if (bytes === null) throw fileChangedError(rel, "gone");
  if (sha256(bytes) !== expectedHash) throw fileChangedError(rel, "changed");
  return bytes;
}

/** Whether the file still holds the bytes the editor started from, and if so its permissions. */
async function compare(root: string, rel: string, expected: string): Promise<{ mode: number } | "gone" | "changed"> {
  let found: Awaited<ReturnType<typeof readContentFile>>;
  try {
    // Never through a link (safe-file.ts): a published file replaced by one stops the publication.
    found = await readContentFile(root, rel);
  } catch (error) {
    if (isUnsafeContentPath(error)) throw unsafePathAppError(error);
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  return sha256(found.bytes) === expected ? { mode: Number(found.stat.mode) & 0o7777 } : "changed";
}

/**
 * A hidden name beside the target (the sync skips names starting with a dot), so the final rename
 * or link stays on one file system; flushed to disk before it takes the file's place.
 */
async function writeTemp(file: string, bytes: Uint8Array, mode?: number): Promise<string> {
  const temp = path.join(path.dirname(file), `.publish-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "wx");
  try {
    try {
      await handle.writeFile(bytes);
      // A correction keeps the file's permissions; a new file gets the usual ones.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  return temp;
}

/**
 * Undoes a publication's write: puts the old bytes back (or removes a new issue's file), but only
 * while the file still holds what the publication wrote. Returns what it found.
 */
export async function rollBackIssueFile({
  root,
  rel,
  writtenHash,
  oldBytes,
}: {
  root: string;
  rel: string;
  writtenHash: string;
  oldBytes: Uint8Array | null;
}): Promise<"restored" | "absent" | "changed"> {
  const file = issueFilePath(root, rel);
  const found = await compare(root, rel, writtenHash);
  if (found === "gone") return "absent";
  if (found === "changed") return "changed";
  if (oldBytes === null) {
    await fs.rm(file, { force: true });
  } else {
    const temp = await writeTemp(file, oldBytes, found.mode);
    try {
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
  await syncDir(path.dirname(file));
  return "restored";
}

/** Temporary files a publication by `pid` left beside the issue and its pictures when it died. */
export async function removeTempsOf(root: string, rel: string, pid: string): Promise<void> {
  const file = issueFilePath(root, rel);
  for (const dir of [path.dirname(file), path.join(root, mediaFolderPath(rel))]) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const n of names) if (n.startsWith(`.publish-${pid}-`) && n.endsWith(".tmp")) await fs.rm(path.join(dir, n), { force: true });
  }
}
