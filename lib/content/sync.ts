// Indexes content/ into SQLite. Idempotent and incremental: a file whose bytes (and series, and
// compiler version) are unchanged is skipped by hash; deleted files leave the index; a broken
// file is recorded with its problems and skipped, never taking the rest down.
import { type BigIntStats, lstatSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/index";
import {
  conflictingIssuePath,
  deleteSeriesExcept,
  fileVersionNow,
  forgetFiles,
  ledgerVersion,
  readLedger,
  readLedgerRow,
  recordFile,
  removeIssueAt,
  restampFile,
  upsertIssue,
  upsertSeries,
  writeIndex,
} from "@/db/queries/content-index";
import type { ContentFileRow } from "@/db/schema";
import { db } from "@/lib/database";
import { searchDocument } from "@/lib/search/document";
import { linkProblem, loadAllSeries } from "./check";
import { inOrder, mapLimit } from "./in-order";
import { COMPILER_VERSION } from "./limits";
import { type Loaded, type LoadedIssue, type LoadedSeries, loadIssue, sha256 } from "./load";
import type { LoadPool } from "./load-pool";
import { parseIssuePath } from "./paths";
import type { ContentProblem } from "./problem";
import { readContentFile } from "./safe-file";
import { scanContent } from "./scan";

export type SyncReport = {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: number;
  /** Files another writer changed or indexed while this sync was loading them: left as that writer wrote them. */
  superseded: number;
  problems: ContentProblem[];
  ms: number;
};

export type SyncOptions = {
  root: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Starts child processes to compile on (createLoadPool), used when there is a lot to compile.
   * Only the content:sync command passes it: the children run its TypeScript through tsx.
   * The server's own sync at start compiles in-process, and its bundle never sees the pool.
   */
  pool?: (root: string, series: Iterable<LoadedSeries>) => LoadPool;
  /**
   * A test seam: awaited after the scan ("scanned") and before each batch of loaded files is
   * written ("write", with the batch's paths), so a test can change content/ and the index at
   * exactly that step, from another process, without relying on timing.
   */
  pause?: (step: "scanned" | "write", rels: string[]) => Promise<void>;
  /** Called once the sync is done, for each issue file it added or changed (the server queues their PDFs). */
  onIndexed?: (rel: string) => void;
};

const BATCH = 100;
const POOL_THRESHOLD = 64;

export async function syncContent({ root, onProgress, pool: createPool, pause, onIndexed }: SyncOptions): Promise<SyncReport> {
  const started = performance.now();
  const now = new Date();
  const report: SyncReport = { added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0, superseded: 0, problems: [], ms: 0 };
  // The ledger is read before the scan: a file published after this read and before the scan is
  // simply seen by both, and one published after the scan is in neither (its own sync indexes it).
  // Read after the scan, such a file looked deleted and lost its rows.
  const ledger = readLedger(db());
  const files = await scanContent(path.resolve(root));
  await pause?.("scanned", []);

  // Series are few and everything depends on them: always read them all.
  const { series, problems: seriesProblems } = await loadAllSeries(root, files.series);
  writeIndex(db(), (tx) => {
    for (const s of series.values()) upsertSeries(tx, s, now);
    const byPath = new Map([...series.values()].map((s) => [s.path, s]));
    for (const rel of files.series)
      recordFile(tx, {
        path: rel,
        kind: "series",
        hash: byPath.get(rel)?.hash ?? "invalid",
        problems: seriesProblems.filter((p) => p.path === rel),
        now,
      });
    deleteSeriesExcept(tx, [...series.keys()]);
  });
  report.problems.push(...seriesProblems, ...files.links.map(linkProblem));

  const seen = new Set<string>([...files.series, ...files.issues]);
  // Deleted files leave the index first, so that a file now holding their issue number (a rename,
  // or the survivor of a duplicate) is not refused as a duplicate of a file that no longer exists.
  // Only files that are still absent when the transaction holds the write lock: a row is never
  // deleted for a file that exists now.
  const gone = writeIndex(db(), (tx) => {
    const absent = [...ledger.keys()].filter((p) => !seen.has(p) && !isFileNow(root, p));
    forgetFiles(tx, absent);
    return absent;
  });
  const total = files.issues.length;

  // Every write of a loaded file is conditional (see writeIfCurrent): a file whose row another
  // writer changed meanwhile, or that changed on disk since it was stat'ed, is not written from
  // what this sync loaded. It is looked at again, from scratch, after the rest.
  const again: string[] = [];
  const indexed: string[] = [];
  const write = (tx: Db, t: Todo, loaded: Loaded<LoadedIssue>) => {
    const outcome = writeIfCurrent(tx, root, t, loaded, now);
    if (outcome === "stale") return again.push(t.rel);
    if (!outcome.ok) {
      report.problems.push(...outcome.problems);
      report.failed++;
    } else {
      indexed.push(t.rel);
      if (t.before) report.updated++;
      else report.added++;
    }
  };
  // Writes are batched: one transaction per BATCH files keeps a cold sync of thousands fast.
  let pending: { rel: string; write: (tx: Db) => void }[] = [];
  const flush = async () => {
    const work = pending;
    pending = [];
    if (work.length === 0) return;
    await pause?.(
      "write",
      work.map((w) => w.rel),
    );
    writeIndex(db(), (tx) => {
      for (const w of work) w.write(tx);
    });
  };

  // First find what changed, then load only that. A file whose stamp (size, modification time,
  // inode) and series are as last time is not even read: a re-sync of 10,000 files then costs
  // the stats. A touched file is read and hashed, and loaded only if its bytes changed.
  const stats = await mapLimit(files.issues, 32, (rel) => statOrNull(root, rel));
  const todo: Todo[] = [];
  const restamped: Todo[] = [];
  for (const [k, rel] of files.issues.entries()) {
    const t = await examine(root, rel, series, ledger.get(rel), stats[k] ?? null);
    if (t.unchanged) {
      report.unchanged++;
      if (!t.before!.ok) report.failed++;
      if (t.restamp) restamped.push(t);
    } else todo.push(t);
  }
  if (restamped.length > 0)
    writeIndex(db(), (tx) => {
      for (const t of restamped) restampIfCurrent(tx, root, t);
    });

  // A pool of processes pays off only when there is a lot to compile; a few files load in-process.
  const pool = createPool && todo.length >= POOL_THRESHOLD ? createPool(root, series.values()) : undefined;
  const load = pool ? pool.load : (rel: string) => loadIssue(root, rel, series);
  let done = report.unchanged;
  try {
    for await (const [t, loaded] of inOrder(todo, (t) => load(t.rel), pool ? pool.size * 16 : 1)) {
      pending.push({ rel: t.rel, write: (tx) => write(tx, t, loaded) });
      // A pool fills transactions faster: bigger ones make fewer, larger FTS segments to merge.
      if (pending.length >= (pool ? BATCH * 5 : BATCH)) await flush();
      done++;
      if (onProgress && (done % 500 === 0 || done === total)) onProgress(done, total);
    }
    await flush();
  } finally {
    await pool?.close();
  }
  if (onProgress && todo.length === 0 && total > 0) onProgress(total, total);

  // Files someone else wrote (or indexed) while they were loading: examined again against the
  // ledger and the disk as they are now, one by one. A file that keeps changing through every
  // round is left to whoever is changing it (the studio indexes what it writes) or the next sync.
  for (let round = 0; round < 3 && again.length > 0; round++) {
    for (const rel of again.splice(0)) {
      if (!isFileNow(root, rel)) {
        // Deleted meanwhile: its rows go, unless it is back by the time the lock is held.
        writeIndex(db(), (tx) => !isFileNow(root, rel) && forgetFiles(tx, [rel]));
        report.superseded++;
        continue;
      }
      const t = await examine(root, rel, series, readLedgerRow(db(), rel), await statOrNull(root, rel));
      if (t.unchanged) {
        report.superseded++;
        if (t.restamp) writeIndex(db(), (tx) => restampIfCurrent(tx, root, t));
        continue;
      }
      const loaded = await loadIssue(root, rel, series);
      writeIndex(db(), (tx) => write(tx, t, loaded));
    }
  }
  report.superseded += again.length;

  report.removed = gone.filter((p) => ledger.get(p)?.kind === "issue" && ledger.get(p)?.ok).length;
  report.ms = Math.round(performance.now() - started);
  // After every write: whoever is told reads the index as this sync left it.
  if (onIndexed) for (const rel of indexed) onIndexed(rel);
  return report;
}

/** An issue file as the sync found it: its stamp when stat'ed, its ledger row then, its hash. */
type Todo = {
  rel: string;
  before: ContentFileRow | undefined;
  /** The stamp of the file as stat'ed before it was read: it must still be on disk at the write. */
  seen: string | null;
  /** What the ledger records: the stamp, or null for a file that could not be read (retried). */
  stamp: string | null;
  hash: string;
  seriesHash: string;
  unchanged: boolean;
  restamp: boolean;
};

async function examine(
  root: string,
  rel: string,
  series: ReadonlyMap<string, LoadedSeries>,
  before: ContentFileRow | undefined,
  st: BigIntStats | null,
): Promise<Todo> {
  const key = parseIssuePath(rel);
  const seriesHash = (key && series.get(key.series)?.hash) ?? "no-series";
  const seen = issueStamp(seriesHash, st);
  const base = { rel, before, seen, stamp: seen, seriesHash, restamp: false };
  if (before && !before.retry && seen !== null && before.stamp === seen) return { ...base, hash: before.hash, unchanged: true };
  // Never through a link (safe-file.ts): a linked file hashes as absent and is refused on load.
  const bytes = await readContentFile(root, rel).then(
    (r) => r.bytes,
    () => null,
  );
  const hash = ledgerHash(seriesHash, bytes);
  const trusted = seen !== null && settled(st!);
  if (before && before.hash === hash && !before.retry) return { ...base, hash, unchanged: true, restamp: trusted };
  return { ...base, stamp: bytes && trusted ? seen : null, hash, unchanged: false };
}

/**
 * The compare-and-set of the sync: inside the write transaction (which holds the database's
 * write lock), the file's ledger row must be the one the sync read before loading it, and the
 * file on disk must still carry the stamp it had before it was read. Otherwise what was loaded
 * may be older than what the index now holds (a withdrawal or a correction indexed by the
 * studio meanwhile) and is not written.
 */
function isCurrent(tx: Db, root: string, t: Todo): boolean {
  if (fileVersionNow(tx, t.rel) !== ledgerVersion(t.before)) return false;
  return stampNow(root, t.rel, t.seriesHash) === t.seen;
}

/**
 * The file's stamp as it is on disk now, read with lstat like every stamp (a link's stamp is its
 * own): the compare-and-set of both syncs checks it inside their write transaction.
 */
export function stampNow(root: string, rel: string, seriesHash: string): string | null {
  try {
    return issueStamp(seriesHash, lstatSync(path.join(root, rel), { bigint: true }));
  } catch {
    return null;
  }
}

function writeIfCurrent(
  tx: Db,
  root: string,
  t: Todo,
  loaded: Loaded<LoadedIssue>,
  now: Date,
): ReturnType<typeof writeIssueOutcome> | "stale" {
  if (!isCurrent(tx, root, t)) return "stale";
  return writeIssueOutcome(tx, { rel: t.rel, hash: t.hash, stamp: t.stamp, loaded, now });
}

/** A file found unchanged by its bytes but touched on disk: its new stamp, if nothing moved since. */
function restampIfCurrent(tx: Db, root: string, t: Todo) {
  if (t.seen !== null && isCurrent(tx, root, t)) restampFile(tx, { path: t.rel, stamp: t.seen });
}

// lstat: a link's stamp is its own, and its bytes are refused (safe-file.ts).
function statOrNull(root: string, rel: string): Promise<BigIntStats | null> {
  return fs.lstat(path.join(root, rel), { bigint: true }).catch(() => null);
}

/** Whether a regular file is at the path now (not a link, not a folder): its rows must stay. */
function isFileNow(root: string, rel: string): boolean {
  try {
    return lstatSync(path.join(root, rel)).isFile();
  } catch {
    return false;
  }
}

// What the ledger keeps of an issue file, shared with the single-file sync (sync-one.ts) so that
// either leaves the ledger as the other would: both depend on the compiler and the file's series.

/**
 * Whether a stamp may be trusted next time. A file modified within the file system's timestamp
 * granularity of now could be edited again in the same tick with the same size, and its stamp
 * would not change (git's "racy clean" problem): such a file is recorded without a stamp, so the
 * next sync hashes it instead of trusting its stamp.
 */
export function settled(st: BigIntStats, now = Date.now()): boolean {
  return now - Number(st.mtimeNs / 1_000_000n) > STAMP_SETTLE_MS;
}
const STAMP_SETTLE_MS = 2_000;

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
    recordFile(tx, { path: rel, kind: "issue", hash, problems: loaded.problems, now, stamp });
    return { ok: false, problems: loaded.problems };
  }
  const other = conflictingIssuePath(tx, loaded.value);
  if (other) {
    const dup: ContentProblem = {
      path: rel,
      line: 1,
      field: "number",
      code: "content:duplicate-issue",
      message: `与 ${other} 的刊物、年份和期号重复`,
    };
    removeIssueAt(tx, rel);
    recordFile(tx, { path: rel, kind: "issue", hash, problems: [dup], now, retry: true, stamp });
    return { ok: false, problems: [dup] };
  }
  // The search text is usually prepared where the issue was compiled (load-pool.ts).
  const search = loaded.value.search ?? searchDocument(loaded.value);
  const issueId = upsertIssue(tx, { issue: loaded.value, hash, search, now });
  recordFile(tx, { path: rel, kind: "issue", hash, problems: [], now, stamp });
  return { ok: true, issueId };
}
