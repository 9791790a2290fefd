// Lists the content files under the content root: series definitions and issue MDX files.
import fs from "node:fs/promises";
import path from "node:path";
import { SERIES_DIR } from "./paths";

export type ScannedFiles = { series: string[]; issues: string[]; stray: string[] };

export async function scanContent(root: string): Promise<ScannedFiles> {
  const out: ScannedFiles = { series: [], issues: [], stray: [] };
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (e.isFile()) {
        if (dir === SERIES_DIR && /\.ya?ml$/.test(e.name)) out.series.push(rel);
        else if (/\.mdx?$/.test(e.name) && !/^readme\.md$/i.test(e.name)) (e.name.endsWith(".mdx") ? out.issues : out.stray).push(rel);
      }
    }
  };
  await walk("");
  out.series.sort();
  out.issues.sort();
  return out;
}
