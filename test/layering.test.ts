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

/** Every import of `dir`'s files that resolves into one of `forbidden` (folders at the root). */
function importsInto(dir: string, forbidden: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? "";
      const target = spec.startsWith("@/")
        ? spec.slice(2)
        : spec.startsWith(".")
          ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec))
          : null;
      if (target !== null && forbidden.some((f) => target === f || target.startsWith(`${f}/`))) found.push(`${file} -> ${spec}`);
    }
  }
  return found;
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

  it("scripts/ never import from test/", () => {
    expect(importsInto("scripts", ["test", "e2e"])).toEqual([]);
  });
});
