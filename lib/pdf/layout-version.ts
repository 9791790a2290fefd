// A fingerprint of everything that shapes a printed page (layout components, CSS, pagination,
// fonts, the PDF post-processing), so cached PDFs made by an older layout are never served.
import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

const SOURCES = [
  "components/bulletin",
  "lib/layout",
  "lib/fonts",
  "lib/format.ts",
  "lib/pdf/render.ts",
  "lib/pdf/metadata.ts",
  "public/fonts",
];

let version: Promise<string> | undefined;

export function layoutVersion(): Promise<string> {
  version ??= compute(process.cwd());
  return version;
}

async function compute(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const rel of SOURCES) {
    for (const file of await listFiles(path.join(/*turbopackIgnore: true*/ root, rel))) {
      hash.update(path.relative(root, file));
      // Fonts are large and change only by replacement: their size stands for their content.
      if (file.endsWith(".woff2")) hash.update(String((await fs.stat(file)).size));
      else hash.update(await fs.readFile(file));
    }
  }
  return hash.digest("hex").slice(0, 12);
}

async function listFiles(p: string): Promise<string[]> {
  const stat = await fs.stat(p).catch(() => undefined);
  if (!stat) return [];
  if (stat.isFile()) return [p];
  const entries = await fs.readdir(p, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
