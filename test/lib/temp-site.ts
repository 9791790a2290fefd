// The test file's site: the content root and data directory test/setup.ts made for it (CONTENT_DIR,
// DATA_DIR), with a way to write content files, to start again from an empty database, and to add
// a user to it.
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/index";
import { users } from "@/db/schema";
import { closeDb } from "@/lib/database";

export const REPO_CONTENT = path.resolve(import.meta.dirname, "../../content");

export const site = {
  contentDir: process.env.CONTENT_DIR!,
  dataDir: process.env.DATA_DIR!,
  /** Writes a file under the content root, creating its folders. */
  async write(rel: string, text: string): Promise<void> {
    const file = path.join(site.contentDir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  },
  /** Copies files of the project's own content (series definitions, sample issues) into the site. */
  async copyFromRepo(...rels: string[]): Promise<void> {
    for (const rel of rels) await site.write(rel, await fs.readFile(path.join(REPO_CONTENT, rel), "utf8"));
  },
};

export type TempSite = typeof site;

/**
 * An empty database for the rest of the file: closes the client and empties DATA_DIR (the auth
 * secret and backups go too), keeping the path env() has memoised.
 */
export async function freshDatabase(): Promise<void> {
  closeDb();
  await fs.rm(site.dataDir, { recursive: true, force: true });
  await fs.mkdir(site.dataDir);
}

/** A user row straight into the database (no password that signs in); returns its id. */
export function addUser(d: Db, name: string, role: "editor" | "reviewer" = "editor"): number {
  const now = new Date();
  return d
    .insert(users)
    .values({ email: `${name}@example.cn`, name, role, passwordHash: "x", createdAt: now, updatedAt: now })
    .returning({ id: users.id })
    .get().id;
}
