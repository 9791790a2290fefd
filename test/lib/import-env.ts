// A throwaway content root holding the project's series definitions and nothing else, so the
// importer can write real files and `checkContent` can judge them.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadAllSeries } from "@/lib/content/check";
import { scanContent } from "@/lib/content/scan";

export const REPO = path.resolve(import.meta.dirname, "../..");
/** A copy of ../shared/samples/jintuan-yaoxun-2022-03.txt, byte for byte: CI's clone has no ../shared. */
export const SAMPLE_TXT = path.resolve(REPO, "test/fixtures/jintuan-yaoxun-2022-03.txt");

export async function tempContent() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-import-"));
  await fs.cp(path.join(REPO, "content/series"), path.join(dir, "series"), { recursive: true });
  const { series } = await loadAllSeries(dir, (await scanContent(dir)).series);
  return { dir, series };
}

/** Every file under a directory, relative, hidden ones included: what an import left behind. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join("/"));
    }
  };
  await walk(dir);
  return out.sort();
}
