// Indexes one content file right after the studio writes it, so a publication or a withdrawal
// shows at once, without the full sync's walk of an archive that can hold 100,000 files.

import { type BigIntStats, existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { conflictingIssuePath, forgetFiles, writeIndex } from "@/db/queries/content-index";
import { db } from "@/lib/database";
import { indexedSeries } from "./indexed-series";
import { loadIssue } from "./load";
import { parseIssuePath } from "./paths";
import type { ContentProblem } from "./problem";
import { readContentFile } from "./safe-file";
import { issueStamp, ledgerHash, settled, stampNow, writeIssueOutcome } from "./sync";

export type SyncOneResult =
  | { ok: true; issueId: number }
  /** `removed`: the file is gone, and so are its rows. */
  | { ok: false; problems: ContentProblem[]; removed?: true };

// One run at a time per file: two publications in quick succession are indexed in the order they
// were written, never the older one last.
const running = new Map<string, Promise<SyncOneResult>>();

/** `loaded`: a test seam, awaited after the file is loaded and before its rows are written. */
export async function syncIssueFile({
  root,
  rel,
  loaded,
}: {
  root: string;
  rel: string;
  loaded?: () => Promise<void>;
}): Promise<SyncOneResult> {
  if (!isIssueFileName(rel)) throw new Error(`content:not-an-issue-file: ${rel}`);
  const before = running.get(rel);
  const run = (before ?? Promise.resolve()).catch(() => undefined).then(() => syncSettled(path.resolve(root), rel, loaded));
  running.set(rel, run);
  try {
    return await run;
  } finally {
    if (running.get(rel) === run) running.delete(rel);
  }
}

/** The files the full sync counts as issues (scan.ts): .mdx, outside hidden names. */
function isIssueFileName(rel: string): boolean {
  const parts = rel.split("/");
  return rel.endsWith(".mdx") && !rel.includes("\\") && parts.every((p) => p !== "" && !p.startsWith("."));
}

/**
 * Indexes the file as it is when the write lands: a file that changed on disk while it was
 * being loaded (another process wrote it) is loaded again, so the index never gets the older copy.
 */
async function syncSettled(root: string, rel: string, loaded?: () => Promise<void>): Promise<SyncOneResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await syncNow(root, rel, loaded);
    if (result !== "stale") return result;
  }
  return {
    ok: false,
    problems: [
      { path: rel, line: 1, field: "file", code: "content:unreadable", message: "文件在建立索引期间不断被修改，本次没有更新索引" },
    ],
  };
}

async function syncNow(root: string, rel: string, pause?: () => Promise<void>): Promise<SyncOneResult | "stale"> {
  const file = path.join(root, rel);
  let st: BigIntStats | null = null;
  try {
    // lstat: a link is not followed; loadIssue below refuses it at its path (content:symlink).
    st = await fs.lstat(file, { bigint: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return forget(rel);
  }
  if (st && !st.isFile() && !st.isSymbolicLink()) return forget(rel);

  // The series as the index has them, not as their files are now: the issue is compiled against
  // what its neighbours were, and a series edited since changes the stamp, so the next full sync
  // re-indexes this file with the rest of its series. (The index is also where the issue row's
  // series must exist.)
  const series = await indexedSeries();
  const key = parseIssuePath(rel);
  const seriesHash = (key && series.get(key.series)?.hash) ?? "no-series";
  const stamp = issueStamp(seriesHash, st);
  const bytes = await readContentFile(root, rel).then(
    (r) => r.bytes,
    () => null,
  );
  const hash = ledgerHash(seriesHash, bytes);
  const loaded = await loadIssue(root, rel, series);
  await pause?.();
  const now = new Date();

  return writeIndex(db(), (tx): SyncOneResult | "stale" => {
    if (stampNow(root, rel, seriesHash) !== stamp) return "stale";
    // The full sync forgets deleted files before indexing: a file now holding the number of a
    // deleted one is not its duplicate.
    if (loaded.ok) {
      const other = conflictingIssuePath(tx, loaded.value);
      if (other && !existsSync(path.join(root, other))) forgetFiles(tx, [other]);
    }
    const outcome = writeIssueOutcome(tx, { rel, hash, stamp: bytes && st && settled(st) ? stamp : null, loaded, now });
    return outcome.ok ? { ok: true, issueId: outcome.issueId } : { ok: false, problems: outcome.problems };
  });
}

function forget(rel: string): SyncOneResult {
  writeIndex(db(), (tx) => forgetFiles(tx, [rel]));
  return {
    ok: false,
    removed: true,
    problems: [{ path: rel, line: 1, field: "file", code: "content:unreadable", message: "文件不存在，已从索引中移除" }],
  };
}
