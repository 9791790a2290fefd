// Lists the content files under the content root: series definitions and issue MDX files, and
// every symlink found (never followed: safe-file.ts), so content:check can name each one.
import type { Dirent } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { SERIES_DIR } from "./paths";

/**
 * `links`: symlinks that are not issue or series files (folders, pictures, anything else). A
 * linked issue or series file is listed with the others, and its loader refuses it at its path.
 */
export type ScannedFiles = { series: string[]; issues: string[]; stray: string[]; links: string[] };

export async function scanContent(root: string): Promise<ScannedFiles> {
  const out: ScannedFiles = { series: [], issues: [], stray: [], links: [] };
  const walk = async (dir: string) => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (e.isFile() || e.isSymbolicLink()) {
        if (dir === SERIES_DIR && /\.ya?ml$/.test(e.name)) out.series.push(rel);
        else if (/\.mdx?$/.test(e.name) && !/^readme\.md$/i.test(e.name)) (e.name.endsWith(".mdx") ? out.issues : out.stray).push(rel);
        else if (e.isSymbolicLink()) out.links.push(rel);
      }
    }
  };
  await walk("");
  out.series.sort();
  out.issues.sort();
  out.stray.sort();
  out.links.sort();
  return out;
}
