// Imports point down (app -> components -> hooks -> lib -> db): a lower folder never imports a higher one,
// and the scripts never borrow from the tests. Read from the source text, so a new upward import
// fails here before it becomes a habit.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const CODE = /\.(ts|tsx|mjs)$/;
// Static imports, re-exports and dynamic imports; the specifier is what matters.
const SPECIFIER = /(?:^|\s)(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)|^import\s+"([^"]+)"/gm;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && CODE.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

type Import = { file: string; spec: string; target: string; typeOnly: boolean };

/** `import type …`, `export type …`, or braces whose every name is marked `type`: erased when compiled. */
function isTypeOnly(statement: string): boolean {
  if (/^\s*(?:import|export)\s+type\s/.test(statement)) return true;
  const names = /^\s*import\s*\{([^}]*)\}\s*from\s/.exec(statement)?.[1];
  if (names === undefined) return false;
  const list = names
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  return list.length > 0 && list.every((n) => n.startsWith("type "));
}

/** Every import of `dir`'s files into the repository, with the folder path it resolves to. */
function importsOf(dir: string): Import[] {
  const found: Import[] = [];
  for (const file of filesUnder(dir)) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? "";
      const target = spec.startsWith("@/")
        ? spec.slice(2)
        : spec.startsWith(".")
          ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec))
          : null;
      if (target !== null) found.push({ file, spec, target, typeOnly: m[1] !== undefined && isTypeOnly(m[0]) });
    }
  }
  return found;
}

const under = (target: string, folders: string[]) => folders.some((f) => target === f || target.startsWith(`${f}/`));

/** Every import of `dir`'s files that resolves into one of `forbidden` (folders at the root). */
function importsInto(dir: string, forbidden: string[]): string[] {
  return importsOf(dir)
    .filter((i) => under(i.target, forbidden))
    .map((i) => `${i.file} -> ${i.spec}`);
}

describe("imports point down", () => {
  it("lib/ imports neither components/, hooks/ nor app/", () => {
    expect(importsInto("lib", ["components", "hooks", "app"])).toEqual([]);
  });

  it("db/ imports neither components/, hooks/ nor app/", () => {
    expect(importsInto("db", ["components", "hooks", "app"])).toEqual([]);
  });

  // Hooks are client code under the components: the server actions they call are handed to them.
  it("hooks/ import neither components/ nor app/", () => {
    expect(importsInto("hooks", ["components", "app"])).toEqual([]);
  });

  // db/ stores and reads what the domain computed: lib/'s types and its coded errors are all it
  // may take from there, so a query never grows domain logic by calling into lib/.
  it("db/ imports only types and AppError from lib/", () => {
    const values = importsOf("db").filter((i) => under(i.target, ["lib"]) && !i.typeOnly && i.target !== "lib/errors");
    expect(values.map((i) => `${i.file} -> ${i.spec}`)).toEqual([]);
  });

  it("scripts/ never import from test/", () => {
    expect(importsInto("scripts", ["test", "e2e"])).toEqual([]);
  });
});
