// Copies of the SQLite database, and what its migration journal says: the mechanics backups and
// restores need (lib/backup/ decides where copies go and when). Deliberately free of `server-only`
// and of the app's env, so the command-line tools and openDb can share it.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** 2026-12-06T01:15:00.123Z -> 20261206T011500Z: backup file names sort as they read. */
export const backupStamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

export const migrationsFolder = (): string => path.join(process.cwd(), "db", "migrations");

export type MigrationEntry = { idx: number; when: number; tag: string };

/** The migrations this code ships, oldest first (drizzle-kit's journal). */
export function readJournal(folder: string = migrationsFolder()): MigrationEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: MigrationEntry[] };
  return journal.entries.map(({ idx, when, tag }) => ({ idx, when, tag }));
}

function hasTable(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The newest applied migration's timestamp, as drizzle's migrator reads it; null when none ran. */
function lastApplied(sqlite: Database.Database): number | null {
  if (!hasTable(sqlite, "__drizzle_migrations")) return null;
  const row = sqlite.prepare<[], { at: number | null }>("SELECT max(CAST(created_at AS INTEGER)) AS at FROM __drizzle_migrations").get();
  return row?.at ?? null;
}

/** The migrations drizzle's migrator would run on this database now (its rule: newer than the last applied). */
export function pendingMigrations(sqlite: Database.Database, folder: string = migrationsFolder()): MigrationEntry[] {
  const last = lastApplied(sqlite);
  return readJournal(folder).filter((m) => last === null || m.when > last);
}

/** Whether the database holds any table of ours (a brand-new file holds none: nothing to save). */
export function hasUserTables(sqlite: Database.Database): boolean {
  const row = sqlite
    .prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '__drizzle_migrations'",
    )
    .get();
  return (row?.n ?? 0) > 0;
}

/** The schema a database is at: its newest applied migration, named by the journal when it knows it. */
export function schemaVersion(
  sqlite: Database.Database,
  folder: string = migrationsFolder(),
): { migration: string | null; appliedAt: number | null; applied: number } {
  const last = lastApplied(sqlite);
  const applied = hasTable(sqlite, "__drizzle_migrations")
    ? (sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM __drizzle_migrations").get()?.n ?? 0)
    : 0;
  const entry = last === null ? undefined : readJournal(folder).find((m) => m.when === last);
  return { migration: entry?.tag ?? (last === null ? null : `unknown@${last}`), appliedAt: last, applied };
}

/**
 * Opens a database for copying without changing it: no migration, no journal-mode switch. Raw
 * better-sqlite3 on purpose: a backup must work with an older or newer schema than this code's.
 */
export function openForCopy(file: string): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true, timeout: 5000 });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/**
 * An empty private file (refused if it exists) for SQLite to copy into (both the backup API and
 * VACUUM INTO accept an empty file): the copy holds password hashes, so it is never readable by
 * others, not even while it is being written in a shared folder such as /tmp.
 */
function emptyPrivate(file: string): string {
  fs.closeSync(fs.openSync(file, "wx", 0o600));
  return file;
}

/** emptyPrivate under a fresh name beside `file`, to be renamed onto it. */
const tempBeside = (file: string): string => emptyPrivate(`${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A consistent copy through SQLite's online backup API: it reads the database, WAL included,
 * under a read transaction, so writers in other processes go on. `oneStep` copies every page in
 * a single step: a copy taken page by page from another process restarts whenever that process
 * writes (an editor autosaving every few seconds could keep it from ever finishing). Within the
 * process that writes (the server's own connection), paced steps are kept current by SQLite and
 * leave the event loop free between them. A scratch copy (a backup archives it, then deletes
 * it): written straight into `dest`, which must not exist, with no fsync and no rename; removed
 * on failure. A copy that is kept is copyDatabaseSync's.
 */
export async function copyDatabase(source: Database.Database, dest: string, { oneStep }: { oneStep: boolean }): Promise<void> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  emptyPrivate(dest);
  try {
    // Paced steps restart when another process writes; after a few restarts, finish in one step.
    let restarts = 0;
    let lastRemaining = Infinity;
    await source.backup(dest, {
      progress: ({ remainingPages }) => {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        return oneStep || restarts >= 3 ? 0x7fffffff : 256;
      },
    });
  } catch (error) {
    fs.rmSync(dest, { force: true });
    throw error;
  }
}

/**
 * A copy that is kept (the one taken before a migration), synchronously (openDb is synchronous):
 * VACUUM INTO writes a transactionally consistent copy in one statement, beside `dest`, flushed
 * to disk and renamed: never half a file under its name.
 */
export function copyDatabaseSync(source: Database.Database, dest: string): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = tempBeside(dest);
  try {
    source.prepare("VACUUM INTO ?").run(tmp);
    fsyncPath(tmp);
    fs.renameSync(tmp, dest);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Takes the database's exclusive lock without waiting, or returns null when another process
 * holds it. Every connection that has read a WAL database keeps a shared lock on it until it
 * closes, so a running server (which opens the database at start) makes this fail. Held until
 * `release`, so nobody opens the old file while a restore swaps it; `connection` reads it meanwhile.
 */
export function lockExclusive(file: string): { connection: Database.Database; release(): void } | null {
  const sqlite = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
    throw error;
  }
  return {
    connection: sqlite,
    release() {
      try {
        sqlite.exec("ROLLBACK");
      } finally {
        sqlite.close();
      }
    },
  };
}

/** SQLite's own check of a database file: an empty list when it is sound. */
export function integrityProblems(file: string): string[] {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== "ok");
  } finally {
    sqlite.close();
  }
}

/** Row counts of the tables that exist only in the database (for a restore's summary). */
export function countRecords(sqlite: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ["users", "drafts", "revisions", "draft_media", "review_events", "distribution_presets", "audit_log"]) {
    if (hasTable(sqlite, table)) out[table] = sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()?.n ?? 0;
  }
  return out;
}
