// Indexes content/ into SQLite. Idempotent and incremental: a file whose bytes (and series, and
// compiler version) are unchanged is skipped by hash; deleted files leave the index; a broken
// file is recorded with its problems and skipped, never taking the rest down.
import type { BigIntStats } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import {
  conflictingIssuePath,
  deleteSeriesExcept,
  forgetFiles,
  readLedger,
  recordFile,
  removeIssueAt,
  restampFile,
  upsertIssue,
  upsertSeries,
  writeIndex,
} from "@/db/queries/content-index";
import type { Db } from "@/db/index";
import type { ContentFileRow } from "@/db/schema";
import { linkProblem, loadAllSeries } from "./check";
import { inOrder, mapLimit } from "./in-order";
import type { LoadPool } from "./load-pool";
import { COMPILER_VERSION } from "./limits";
import { loadIssue, sha256, type Loaded, type LoadedIssue, type LoadedSeries } from "./load";
import type { ContentProblem } from "./problem";
import { parseIssuePath } from "./paths";
import { readContentFile } from "./safe-file";
import { scanContent } from "./scan";

export type SyncReport = { added: number; updated: number; unchanged: number; removed: number; failed: number; problems: ContentProblem[]; ms: number };

export type SyncOptions = {
  root: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Starts child processes to compile on (createLoadPool), used when there is a lot to compile.
   * Only the content:sync command passes it: the children run its TypeScript through tsx.
   * The server's own sync at start compiles in-process, and its bundle never sees the pool.
   */
  pool?: (root: string, series: Iterable<LoadedSeries>) => LoadPool;
};

const BATCH = 100;
const POOL_THRESHOLD = 64;

export async function syncContent({ root, onProgress, pool: createPool }: SyncOptions): Promise<SyncReport> {
  const started = performance.now();
  const now = new Date();
  const report: SyncReport = { added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0, problems: [], ms: 0 };
  const files = await scanContent(path.resolve(root));
  const ledger = readLedger();

  // Series are few and everything depends on them: always read them all.
  const { series, problems: seriesProblems } = await loadAllSeries(root, files.series);
  writeIndex((tx) => {
    for (const s of series.values()) upsertSeries(tx, s, now);
    const byPath = new Map([...series.values()].map((s) => [s.path, s]));
    for (const rel of files.series) recordFile(tx, rel, "series", byPath.get(rel)?.hash ?? "invalid", seriesProblems.filter((p) => p.path === rel), now);
    deleteSeriesExcept(tx, [...series.keys()]);
  });
  report.problems.push(...seriesProblems, ...files.links.map(linkProblem));

  const seen = new Set<string>([...files.series, ...files.issues]);
  // Deleted files leave the index first, so that a file now holding their issue number (a rename,
  // or the survivor of a duplicate) is not refused as a duplicate of a file that no longer exists.
  const gone = [...ledger.keys()].filter((p) => !seen.has(p));
  writeIndex((tx) => forgetFiles(tx, gone));
  const total = files.issues.length;
  // Writes are batched: one transaction per BATCH files keeps a cold sync of thousands fast.
  let pending: ((tx: Parameters<Parameters<typeof writeIndex>[0]>[0]) => void)[] = [];
  const flush = () => {
    const work = pending;
    pending = [];
    if (work.length > 0) writeIndex((tx) => work.forEach((w) => w(tx)));
  };

  // First find what changed, then load only that. A file whose stamp (size, modification time,
  // inode) and series are as last time is not even read: a re-sync of 10,000 files then costs
  // the stats. A touched file is read and hashed, and loaded only if its bytes changed.
  const todo: { rel: string; hash: string; stamp: string | null; before: ContentFileRow | undefined }[] = [];
  const restamped: { rel: string; stamp: string }[] = [];
  const unchanged = (before: ContentFileRow) => {
    report.unchanged++;
    if (!before.ok) report.failed++;
  };
  // lstat: a link's stamp is its own, and its bytes are refused below (safe-file.ts).
  const stats = await mapLimit(files.issues, 32, (rel) => fs.lstat(path.join(root, rel), { bigint: true }).catch(() => null));
  for (const [k, rel] of files.issues.entries()) {
    const key = parseIssuePath(rel);
    const seriesHash = (key && series.get(key.series)?.hash) ?? "no-series";
    const stamp = issueStamp(seriesHash, stats[k] ?? null);
    const before = ledger.get(rel);
    if (before && !before.retry && stamp !== null && before.stamp === stamp) {
      unchanged(before);
      continue;
    }
    const bytes = await readContentFile(root, rel).then((r) => r.bytes, () => null);
    const hash = ledgerHash(seriesHash, bytes);
    if (before && before.hash === hash && !before.retry) {
      unchanged(before);
      if (stamp) restamped.push({ rel, stamp });
    } else todo.push({ rel, hash, stamp: bytes ? stamp : null, before });
  }
  if (restamped.length > 0) writeIndex((tx) => restamped.forEach((r) => restampFile(tx, r.rel, r.stamp)));

  // A pool of processes pays off only when there is a lot to compile; a few files load in-process.
  const pool = createPool && todo.length >= POOL_THRESHOLD ? createPool(root, series.values()) : undefined;
  const load = pool ? pool.load : (rel: string) => loadIssue(root, rel, series);
  let done = report.unchanged;
  try {
    for await (const [{ rel, hash, stamp, before }, loaded] of inOrder(todo, (t) => load(t.rel), pool ? pool.size * 16 : 1)) {
      pending.push((tx) => {
        const outcome = writeIssueOutcome(tx, { rel, hash, stamp, loaded, now });
        if (!outcome.ok) {
          report.problems.push(...outcome.problems);
          report.failed++;
        } else if (before) report.updated++;
        else report.added++;
      });
      // A pool fills transactions faster: bigger ones make fewer, larger FTS segments to merge.
      if (pending.length >= (pool ? BATCH * 5 : BATCH)) flush();
      done++;
      if (onProgress && (done % 500 === 0 || done === total)) onProgress(done, total);
    }
    flush();
  } finally {
    await pool?.close();
  }
  if (onProgress && todo.length === 0 && total > 0) onProgress(total, total);

  report.removed = gone.filter((p) => ledger.get(p)?.kind === "issue" && ledger.get(p)?.ok).length;
  report.ms = Math.round(performance.now() - started);
  return report;
}

// What the ledger keeps of an issue file, shared with the single-file sync (sync-one.ts) so that
// either leaves the ledger as the other would: both depend on the compiler and the file's series.

/** Size, modification time and inode: an untouched file keeps its stamp and is not even read. */
export function issueStamp(seriesHash: string, st: BigIntStats | null): string | null {
  return st ? `${COMPILER_VERSION}|${seriesHash}|${st.size}|${st.mtimeNs}|${st.ino}` : null;
}

/** A touched file whose bytes (and series) hash as before is not loaded again. */
export function ledgerHash(seriesHash: string, bytes: Uint8Array | null): string {
  return sha256(`${COMPILER_VERSION}\0${seriesHash}\0${bytes ? sha256(bytes) : "unreadable"}`);
}

/** Writes one loaded file's outcome into the index: served, or refused with its problems. */
export function writeIssueOutcome(
  tx: Db,
  o: { rel: string; hash: string; stamp: string | null; loaded: Loaded<LoadedIssue>; now: Date },
): { ok: true; issueId: number } | { ok: false; problems: ContentProblem[] } {
  const { rel, hash, stamp, loaded, now } = o;
  if (!loaded.ok) {
    removeIssueAt(tx, rel);
    recordFile(tx, rel, "issue", hash, loaded.problems, now, false, stamp);
    return { ok: false, problems: loaded.problems };
  }
  const other = conflictingIssuePath(tx, loaded.value);
  if (other) {
    const dup: ContentProblem = { path: rel, line: 1, field: "number", code: "content:duplicate-issue", message: `与 ${other} 的刊物、年份和期号重复` };
    removeIssueAt(tx, rel);
    recordFile(tx, rel, "issue", hash, [dup], now, true, stamp);
    return { ok: false, problems: [dup] };
  }
  const issueId = upsertIssue(tx, loaded.value, hash, now);
  recordFile(tx, rel, "issue", hash, [], now, false, stamp);
  return { ok: true, issueId };
}
