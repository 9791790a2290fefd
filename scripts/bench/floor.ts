// The floor under a cold content sync: list the files, then read, parse and compile every issue
// with the project's loader and nothing else (no hashing pass, no database). With --workers N > 1
// the issues are compiled on the sync's own worker pool, with the same window in flight as the
// sync, so the floor is measured the way `content:sync` compiles. Run as a child process by
// scripts/bench-archive.ts; prints one JSON line on stdout.
//   tsx --conditions=react-server scripts/bench/floor.ts <content dir> [--workers N]
import { parseArgs } from "node:util";
import { loadAllSeries } from "@/lib/content/check";
import { inOrder } from "@/lib/content/in-order";
import { loadIssue } from "@/lib/content/load";
import { createLoadPool } from "@/lib/content/load-pool";
import { scanContent } from "@/lib/content/scan";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: "string", default: "1" } } });
const root = positionals[0];
const workers = Number(values.workers);
if (!root || !Number.isInteger(workers) || workers < 1) throw new Error("usage: floor.ts <content dir> [--workers N]");

const started = performance.now();
const files = await scanContent(root);
const { series } = await loadAllSeries(root, files.series);
const scanned = performance.now();
const pool = workers > 1 ? createLoadPool(root, series.values(), workers) : undefined;
const load = pool ? pool.load : (rel: string) => loadIssue(root, rel, series);
let ok = 0;
let done = 0;
try {
  for await (const [, loaded] of inOrder(files.issues, load, pool ? pool.size * 16 : 1)) {
    if (loaded.ok) ok++;
    if (++done % 1000 === 0) console.error(`floor ${done}/${files.issues.length}`);
  }
} finally {
  await pool?.close();
}
const finished = performance.now();
console.log(
  JSON.stringify({
    workers,
    issues: files.issues.length,
    ok,
    scanMs: Math.round(scanned - started),
    compileMs: Math.round(finished - scanned),
    ms: Math.round(finished - started),
  }),
);
