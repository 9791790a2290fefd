// The one SQLite client. Opened lazily, migrated on first open, cached on globalThis so that
// dev-server reloads and Next's module copies share it.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import * as schema from "./schema";

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
  migrate(db, { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
  open.set(file, db);
  return db;
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
