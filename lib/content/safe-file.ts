// The one way code reads a file under the content root. A symlink anywhere on the path (the file
// itself or any folder above it) is refused, so no file there can lend out the data directory's
// auth secret, the database, or anything else outside the root: content/ often comes from a git
// repository or a shared folder that more people can write than the server's own data.
//
// The file is opened with O_NOFOLLOW (a link as the last component fails with ELOOP), then the
// path the kernel actually opened is compared with the expected one: /proc/self/fd on Linux,
// else a walk that lstat()s every folder and matches the file's device and inode with the open
// handle. Both checks are made on the open handle, so a folder swapped for a link between the
// check and the read changes nothing: what is read is what was checked.
import { type BigIntStats, constants } from "node:fs";
import fs, { type FileHandle } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";

export type UnsafePathCode = "content:symlink" | "content:not-a-file";

/** Refusal of a path under the content root; `rel` is the path as asked for. */
export class UnsafeContentPath extends Error {
  constructor(
    readonly code: UnsafePathCode,
    readonly rel: string,
    detail: string,
  ) {
    super(`${code}: ${rel}: ${detail}`);
    this.name = "UnsafeContentPath";
  }
}

export const isUnsafeContentPath = (e: unknown): e is UnsafeContentPath => e instanceof UnsafeContentPath;

/** The plain message for a refused path, for content:check and the studio (zh-CN). */
export const UNSAFE_PATH_MESSAGE: Record<UnsafePathCode, string> = {
  "content:symlink":
    "这是一个符号链接（或位于符号链接的文件夹中）：为防止读取内容目录以外的文件，系统不读取符号链接，请换成真实的文件或文件夹",
  "content:not-a-file": "这不是普通文件（可能是文件夹、管道或设备），系统不会读取它",
};

/** The studio's refusal to touch a published file or picture reached through a link. */
export const unsafePathAppError = (e: UnsafeContentPath) =>
  new AppError("studio:file-changed", `content/${e.rel}：${UNSAFE_PATH_MESSAGE[e.code]}。本次操作已停止，请联系管理员处理`, { cause: e });

/** `readContentFile` for a file that may be absent (null); a link is refused as the studio's AppError. */
export async function readContentFileIfAny(root: string, rel: string): Promise<Buffer | null> {
  try {
    return (await readContentFile(root, rel)).bytes;
  } catch (error) {
    if (isUnsafeContentPath(error)) throw unsafePathAppError(error);
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

// O_NONBLOCK: a FIFO planted under content/ must not hang the reader on open().
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function partsOf(rel: string): string[] {
  const parts = rel.split("/");
  if (rel.includes("\\") || rel.includes("\0") || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new UnsafeContentPath("content:not-a-file", rel, "not a plain relative path");
  }
  return parts;
}

/**
 * Opens `rel` (a "/"-separated path under `root`) for reading. Throws UnsafeContentPath for a
 * symlink on the way or something that is not a regular file, and the system's error (ENOENT…)
 * when it does not exist. The root itself may be a link (an operator's choice, e.g. /srv/content).
 */
export async function openContentFile(root: string, rel: string): Promise<FileHandle> {
  return (await openChecked(root, rel)).handle;
}

/** openContentFile with the stat it checked the open handle by (readContentFile needs no second one). */
async function openChecked(root: string, rel: string): Promise<{ handle: FileHandle; stat: BigIntStats }> {
  const parts = partsOf(rel);
  const realRoot = await fs.realpath(root);
  const expected = path.join(realRoot, ...parts);
  // A file replaced by a rename (every publication) between open and check reads as "(deleted)":
  // open again rather than refuse a good file.
  for (let attempt = 0; ; attempt++) {
    let handle: FileHandle;
    try {
      handle = await fs.open(expected, OPEN_FLAGS);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ELOOP") throw new UnsafeContentPath("content:symlink", rel, "the file is a symlink");
      throw error;
    }
    let keep = false;
    try {
      const stat = await handle.stat({ bigint: true });
      if (!stat.isFile()) throw new UnsafeContentPath("content:not-a-file", rel, "not a regular file");
      const opened = await openedPath(handle, realRoot, parts, stat);
      if (opened === expected) {
        keep = true;
        return { handle, stat };
      }
      if (opened?.endsWith(" (deleted)") && attempt < 3) continue;
      throw new UnsafeContentPath("content:symlink", rel, `resolves to ${opened ?? "another file"}`);
    } finally {
      if (!keep) await handle.close();
    }
  }
}

/** The whole file, refused (content:too-large is the caller's) past `max` bytes when given. */
export async function readContentFile(
  root: string,
  rel: string,
  options: { max?: number } = {},
): Promise<{ bytes: Buffer; stat: BigIntStats }> {
  const { handle, stat } = await openChecked(root, rel);
  try {
    if (options.max !== undefined && stat.size > BigInt(options.max))
      throw Object.assign(new Error(`${rel}: ${stat.size} bytes`), { code: "EFBIG", size: Number(stat.size) });
    return { bytes: await handle.readFile(), stat };
  } finally {
    await handle.close();
  }
}

/**
 * Before writing into `relDir` under the root: makes its missing folders (mkdir -p), refusing
 * any that is a link or not a folder, checked before the mkdir (which would follow a link out of
 * the root) and again after it (a folder swapped for a link meanwhile). A writer that checks,
 * then writes, leaves a window a local attacker with write access to content/ could race; the
 * readers above have none, and nothing read through a link is ever served.
 */
export async function ensureRealFolders(root: string, relDir: string): Promise<void> {
  await assertRealFolders(root, relDir);
  await fs.mkdir(path.join(root, relDir), { recursive: true });
  await assertRealFolders(root, relDir);
}

/** Every folder of `relDir` that exists is a real folder, not a link (missing ones are fine). */
async function assertRealFolders(root: string, relDir: string): Promise<void> {
  if (relDir === "" || relDir === ".") return;
  let at = await fs.realpath(root);
  for (const part of partsOf(relDir)) {
    at = path.join(at, part);
    const stat = await fs.lstat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (!stat) return;
    if (stat.isSymbolicLink()) throw new UnsafeContentPath("content:symlink", relDir, `${part} is a symlink`);
    if (!stat.isDirectory()) throw new UnsafeContentPath("content:not-a-file", relDir, `${part} is not a folder`);
  }
}

let procFd: boolean | undefined;

async function openedPath(handle: FileHandle, realRoot: string, parts: string[], stat: BigIntStats): Promise<string | null> {
  if (procFd !== false) {
    try {
      const where = await fs.readlink(`/proc/self/fd/${handle.fd}`);
      procFd = true;
      return where;
    } catch {
      if (procFd === true) return null;
      procFd = false;
    }
  }
  // No /proc: every folder must be a real folder, and the name must still be this very file.
  let at = realRoot;
  for (const part of parts.slice(0, -1)) {
    at = path.join(at, part);
    const s = await fs.lstat(at).catch(() => null);
    if (!s?.isDirectory()) return null;
  }
  const last = await fs.lstat(path.join(at, parts.at(-1)!), { bigint: true }).catch(() => null);
  return last?.isFile() && last.ino === stat.ino && last.dev === stat.dev ? path.join(realRoot, ...parts) : null;
}
