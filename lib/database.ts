// The app's database: the file and the backup folder the environment names, opened (and
// migrated) at first use. db/ takes both as arguments, so this is where the server, the commands
// and the tests get the one connection they share.
import "server-only";
import { closeDb as closeFile, type Db, openDb } from "@/db/index";
import { env } from "@/lib/env";

export function db(): Db {
  const e = env();
  return openDb(e.databaseFile, { backupDir: e.backupDir });
}

/** Closes the environment's database (a test between sites, a command before it exits); db() opens it again. */
export function closeDb(): void {
  closeFile(env().databaseFile);
}
