// Opens SQLite clients: migrated on first open, cached per file on globalThis so that dev-server
// reloads and Next's module copies share one. Which file, and where the copy before a migration
// goes, the caller says (lib/database.ts for the app's own database): db/ reads no environment.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";
import { backupStamp, copyDatabaseSync, hasUserTables, migrationsFolder, pendingMigrations } from "./snapshot";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/**
 * The client or a transaction on it: what a query takes when it may run inside its caller's
 * transaction. A query that opens its own transaction (or prepares statements on the client) takes Db.
 */
export type Conn = Db | Tx;

const globalForDb = globalThis as unknown as { jianbaoDb?: Map<string, Db> };

export function openDb(file: string, { backupDir }: { backupDir: string }): Db {
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
  copyBeforeMigrating(sqlite, folder, backupDir);
  migrate(db, { migrationsFolder: folder });
  open.set(file, db);
  return db;
}

/**
 * A migration changes the schema of the only copy of users, drafts and the audit log, and a
 * failed or regretted one cannot be undone. So before any migration runs on a database that
 * holds data, a copy goes to `backupDir` (BACKUP_DIR) as pre-migration-<first pending migration>-<time>.sqlite.
 * No copy, no migration: opening fails (and is tried again at the next use) rather than risk the data.
 */
function copyBeforeMigrating(sqlite: Database.Database, folder: string, backupDir: string): void {
  const pending = pendingMigrations(sqlite, folder);
  if (pending.length === 0 || !hasUserTables(sqlite)) return;
  const dest = path.join(backupDir, `pre-migration-${pending[0]!.tag}-${backupStamp(new Date())}.sqlite`);
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

export function closeDb(file: string): void {
  const existing = globalForDb.jianbaoDb?.get(file);
  if (!existing) return;
  existing.$client.close();
  globalForDb.jianbaoDb?.delete(file);
}
