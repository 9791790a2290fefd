// A throwaway site for tests that sync into SQLite: a content root and a data directory, with
// CONTENT_DIR and DATA_DIR pointed at them before the app's modules load (env() caches them on
// first use, so the modules are reset), and everything put back afterwards.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { vi } from "vitest";

export const REPO_CONTENT = path.resolve(import.meta.dirname, "../../content");

export type TempSite = {
  contentDir: string;
  dataDir: string;
  /** Writes a file under the content root, creating its folders. */
  write(rel: string, text: string): Promise<void>;
  /** Points DATA_DIR at a new, empty directory (and resets the modules): a fresh database. */
  newDataDir(): Promise<string>;
  /** Restores the environment and removes the directories; close the database first. */
  cleanup(): Promise<void>;
};

export async function tempSite(): Promise<TempSite> {
  const saved = { DATA_DIR: process.env.DATA_DIR, CONTENT_DIR: process.env.CONTENT_DIR };
  // In a folder of its own: a test that checks nothing was written beside the content root
  // (a "../" path) must not see what other test files, running at the same time, left in /tmp.
  const home = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-site-"));
  const contentDir = path.join(home, "content");
  await fs.mkdir(contentDir);
  const dataDirs: string[] = [];
  const site: TempSite = {
    contentDir,
    dataDir: "",
    async write(rel, text) {
      await fs.mkdir(path.dirname(path.join(contentDir, rel)), { recursive: true });
      await fs.writeFile(path.join(contentDir, rel), text);
    },
    async newDataDir() {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-data-"));
      dataDirs.push(dir);
      process.env.CONTENT_DIR = contentDir;
      process.env.DATA_DIR = dir;
      vi.resetModules();
      site.dataDir = dir;
      return dir;
    },
    async cleanup() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      for (const dir of [home, ...dataDirs]) await fs.rm(dir, { recursive: true, force: true });
    },
  };
  await site.newDataDir();
  return site;
}
