// The floor under a cold content sync: list the files, then read, parse and compile every issue
// with the project's loader, one after another as the sync does, and nothing else (no database).
// Run as a child process by scripts/bench-archive.ts; prints one JSON line on stdout.
//   tsx --conditions=react-server scripts/bench/floor.ts <content dir>
import { loadAllSeries } from "@/lib/content/check";
import { loadIssue } from "@/lib/content/load";
import { scanContent } from "@/lib/content/scan";

const root = process.argv[2];
if (!root) throw new Error("usage: floor.ts <content dir>");
const started = performance.now();
const files = await scanContent(root);
const { series } = await loadAllSeries(root, files.series);
const scanned = performance.now();
let ok = 0;
for (const [i, rel] of files.issues.entries()) {
  if ((await loadIssue(root, rel, series)).ok) ok++;
  if ((i + 1) % 1000 === 0) console.error(`floor ${i + 1}/${files.issues.length}`);
}
const done = performance.now();
console.log(JSON.stringify({ issues: files.issues.length, ok, scanMs: Math.round(scanned - started), compileMs: Math.round(done - scanned), ms: Math.round(done - started) }));
