// The one SQLite client. Opened lazily, migrated on first open, cached on globalThis so that
// dev-server reloads and Next's module copies share it.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { backupStamp, copyDatabaseSync, hasUserTables, migrationsFolder, pendingMigrations } from "./snapshot";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const globalForDb = globalThis as unknown as { jianbaoDb?: Map<string, Db> };

export function openDb(file: string = env().databaseFile): Db {
  const open = (globalForDb.jianbaoDb ??= new Map());
  const existing = open.get(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  const folder = migrationsFolder();
  copyBeforeMigrating(sqlite, folder);
  migrate(db, { migrationsFolder: folder });
  open.set(file, db);
  return db;
}

/**
 * A migration changes the schema of the only copy of users, drafts and the audit log, and a
 * failed or regretted one cannot be undone. So before any migration runs on a database that
 * holds data, a copy goes to BACKUP_DIR as pre-migration-<first pending migration>-<time>.sqlite.
 * No copy, no migration: opening fails (and is tried again at the next use) rather than risk the data.
 */
function copyBeforeMigrating(sqlite: Database.Database, folder: string): void {
  const pending = pendingMigrations(sqlite, folder);
  if (pending.length === 0 || !hasUserTables(sqlite)) return;
  const dest = path.join(env().backupDir, `pre-migration-${pending[0]!.tag}-${backupStamp(new Date())}.sqlite`);
  try {
    copyDatabaseSync(sqlite, dest);
  } catch (error) {
    sqlite.close();
    throw new Error(
      `db:pre-migration-backup-failed — could not copy the database to ${dest} before migrating to ${pending.at(-1)!.tag}; nothing was migrated`,
      { cause: error },
    );
  }
  console.log(`db:pre-migration-backup ${dest} (${pending.length} migration(s) pending: ${pending.map((m) => m.tag).join(", ")})`);
}

export function db(): Db {
  return openDb();
}

export function closeDb(file: string = env().databaseFile): void {
  const existing = globalForDb.jianbaoDb?.get(file);
  if (!existing) return;
  existing.$client.close();
  globalForDb.jianbaoDb?.delete(file);
}
