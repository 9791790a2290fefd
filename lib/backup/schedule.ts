// Backups the server takes by itself: every BACKUP_EVERY (default 24h, "off" to stop), into
// BACKUP_DIR, keeping the newest BACKUP_KEEP scheduled archives. Started from instrumentation.ts.
// The clock is the newest archive in BACKUP_DIR, not the process: a server restarted every night
// neither skips its backup nor takes one at every start, and a backup made by hand counts.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type Database from "better-sqlite3";
import { createBackup } from "./archive";
import { type ArchiveFile, archiveName, parseArchiveName } from "./names";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "30m", "24h", "7d" in milliseconds; null for "off" or "0". */
export function parseEvery(text: string): number | null {
  if (text === "off" || text === "0") return null;
  const m = /^([1-9][0-9]{0,5})([mhd])$/.exec(text);
  if (!m) throw new Error(`backup:invalid-interval — BACKUP_EVERY="${text}": use a number and m, h or d ("30m", "24h", "7d"), or "off"`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** Backup archives in dir, oldest first (by the time in their names). */
export async function listArchives(dir: string): Promise<ArchiveFile[]> {
  const names = await fsp.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  return names
    .map((n) => parseArchiveName(dir, n))
    .filter((a): a is ArchiveFile => a !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.name < b.name ? -1 : 1));
}

/** The newest archive of any kind, for /api/health. */
export async function lastBackup(dir: string): Promise<ArchiveFile | null> {
  return (await listArchives(dir)).at(-1) ?? null;
}

const LOCK = ".backup.lock";
const LOCK_STALE_MS = 6 * 3_600_000;

/**
 * One backup at a time across processes sharing BACKUP_DIR (two server processes on one data
 * directory): a lock file made with O_EXCL. A lock whose process is gone, or older than six hours,
 * is taken over.
 */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T | "locked"> {
  const file = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fsp.writeFile(file, `${process.pid}\n${new Date().toISOString()}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pid, at] = (await fsp.readFile(file, "utf8").catch(() => "")).split("\n");
      const alive = (() => {
        try {
          process.kill(Number(pid), 0);
          return true;
        } catch (e) {
          return (e as NodeJS.ErrnoException).code === "EPERM";
        }
      })();
      if (alive && Number(pid) > 0 && Date.now() - Date.parse(at ?? "") < LOCK_STALE_MS) return "locked";
      await fsp.rm(file, { force: true });
      continue;
    }
    try {
      return await fn();
    } finally {
      await fsp.rm(file, { force: true });
    }
  }
  return "locked";
}

export type ScheduledOptions = {
  dir: string;
  keep: number;
  databaseFile: string;
  contentDir: string;
  connection?: Database.Database;
  now?: Date;
};

/** Takes one scheduled backup and removes the oldest scheduled ones beyond `keep` (manual and pre-migration copies are never removed). */
export async function runScheduledBackup(opts: ScheduledOptions): Promise<{ file: string; removed: string[] } | "locked"> {
  await fsp.mkdir(opts.dir, { recursive: true, mode: 0o700 });
  return withLock(opts.dir, async () => {
    const now = opts.now ?? new Date();
    let out = path.join(opts.dir, archiveName(now, true));
    // Two backups within a second: a suffix, never over an existing archive.
    for (let i = 1; fs.existsSync(out); i++) out = path.join(opts.dir, archiveName(now, true).replace(/\.tar\.gz$/, `-${i}.tar.gz`));
    const { file } = await createBackup({
      out,
      databaseFile: opts.databaseFile,
      contentDir: opts.contentDir,
      connection: opts.connection,
      now,
    });
    const scheduled = (await listArchives(opts.dir)).filter((a) => a.scheduled);
    const removed: string[] = [];
    for (const old of scheduled.slice(0, Math.max(0, scheduled.length - opts.keep))) {
      if (old.file === file) continue;
      await fsp.rm(old.file, { force: true });
      removed.push(old.file);
    }
    return { file, removed };
  });
}

/** When the next scheduled backup is due: `every` after the newest archive, or a minute after start when there is none. */
export function nextDue(newest: Date | null, everyMs: number, now: Date, startedAt: Date, firstDelayMs = 60_000): Date {
  if (!newest) return new Date(Math.max(now.getTime(), startedAt.getTime() + firstDelayMs));
  return new Date(Math.max(now.getTime(), newest.getTime() + everyMs));
}

type State = { timer?: NodeJS.Timeout; lastError?: { at: Date; message: string } };
const state = globalThis as unknown as { jianbaoBackups?: State };
const backupState = (): State => (state.jianbaoBackups ??= {});

/** The last scheduled backup's failure, until one succeeds (shown by /api/health). */
export const lastBackupError = (): { at: Date; message: string } | undefined => backupState().lastError;

const RETRY_MS = 15 * 60_000;
const MAX_SLEEP_MS = 3_600_000;

export function startBackupScheduler(config: {
  dir: string;
  every: string;
  keep: number;
  databaseFile: string;
  contentDir: string;
  connection: () => Database.Database;
}): void {
  const s = backupState();
  if (s.timer) return;
  const everyMs = parseEvery(config.every);
  if (everyMs === null) {
    console.log("backup:schedule off (BACKUP_EVERY=off)");
    return;
  }
  const startedAt = new Date();
  const arm = (ms: number) => {
    s.timer = setTimeout(() => void tick(), Math.max(1000, Math.min(ms, MAX_SLEEP_MS)));
    s.timer.unref();
  };
  const tick = async () => {
    try {
      const now = new Date();
      const due = nextDue((await lastBackup(config.dir))?.at ?? null, everyMs, now, startedAt);
      if (due.getTime() > now.getTime()) return arm(due.getTime() - now.getTime());
      const result = await runScheduledBackup({
        dir: config.dir,
        keep: config.keep,
        databaseFile: config.databaseFile,
        contentDir: config.contentDir,
        connection: config.connection(),
        now,
      });
      if (result !== "locked") {
        console.log(`backup:done ${result.file}${result.removed.length ? ` (removed ${result.removed.length} older)` : ""}`);
        s.lastError = undefined;
      }
      arm(result === "locked" ? RETRY_MS : everyMs);
    } catch (error) {
      console.error("backup:failed", error);
      s.lastError = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
      arm(Math.min(RETRY_MS, everyMs));
    }
  };
  console.log(`backup:schedule every ${config.every} into ${config.dir}, keeping ${config.keep}`);
  arm(0);
}
