// PDFs on disk under DATA_DIR/cache/pdf, one file per issue version: the name carries the
// issue's content hash and the layout version, so a changed issue or layout gets a new file
// and the old one is removed once the new one is written. Every version of an issue is named
// <number>.<version>.pdf in its series/year folder, so they can all be found by the issue alone.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { type IssueKey, numberSlug } from "@/lib/content/paths";
import { env } from "@/lib/env";
import { writeAtomic } from "@/lib/files";

export type CacheEntry = { file: string; etag: string };

const issueDir = (key: IssueKey) => path.join(env().dataDir, "cache", "pdf", key.series, String(key.year));

export function cacheEntry(key: IssueKey, contentHash: string, layout: string): CacheEntry {
  const version = `${contentHash.slice(0, 16)}-${layout}`;
  return { file: path.join(issueDir(key), `${numberSlug(key)}.${version}.pdf`), etag: `"${version}"` };
}

export async function readCached(entry: CacheEntry): Promise<Uint8Array | undefined> {
  return fs.readFile(entry.file).catch(() => undefined);
}

export async function storeCached(entry: CacheEntry, bytes: Uint8Array): Promise<void> {
  await writeAtomic(entry.file, bytes);
  const dir = path.dirname(entry.file);
  const prefix = `${path.basename(entry.file).split(".")[0]}.`;
  for (const name of await fs.readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith(".pdf") && name !== path.basename(entry.file))
      await fs.rm(path.join(dir, name), { force: true });
  }
}

/**
 * Removes every cached PDF of the issue, whatever its content or layout version, so a withdrawn
 * or corrected issue leaves no copy of its old text on disk. Returns how many files it removed.
 */
export async function clearIssuePdfs(key: IssueKey): Promise<number> {
  const dir = issueDir(key);
  const prefix = `${numberSlug(key)}.`;
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  let removed = 0;
  // Only finished PDFs: a render in flight writes a .tmp and renames it, which must not fail.
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith(".pdf"))) {
    try {
      await fs.unlink(path.join(dir, name));
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return removed;
}
