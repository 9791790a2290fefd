// The archive benchmark's output: Markdown tables of one run's figures against the targets, and a
// table of how each figure grows across the runs recorded in data/bench/results-*.json.
import fs from "node:fs";
import path from "node:path";
import type { Manifest } from "./generate-archive";
import type { PageLoad, SearchLatency } from "./http";
import { mb, ms, s } from "./measure";
import type { TreePeak } from "./process-tree";

export type SyncRun = {
  wallMs: number;
  ownMs: number;
  peak: TreePeak;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: number;
};

export type Floor = {
  workers: number;
  issues: number;
  ok: number;
  ms: number;
  scanMs: number;
  compileMs: number;
  wallMs: number;
  peak: TreePeak;
};

/** The floor the target compares with: compiled the way content:sync compiles (its worker pool, if any). */
export const syncFloor = (r: Results) => r.floors[r.floors.length - 1]!;

export type Results = {
  env: string;
  issues: number;
  seed: number;
  archive: Manifest & { reused: boolean; generateMs: number | null; dir: string };
  /** On one thread, then (if content:sync compiles on more) on the sync's pool of processes. */
  floors: Floor[];
  cold: SyncRun;
  unchanged: SyncRun[];
  oneChanged: SyncRun[];
  resyncMedian: { unchangedWallMs: number; unchangedOwnMs: number; oneWallMs: number; oneOwnMs: number };
  server: null | {
    readyMs: number;
    idle: TreePeak;
    search: SearchLatency;
    pages: (PageLoad & { name: string; peak: TreePeak })[];
    connections: number;
    duration: number;
  };
};

const mark = (ok: boolean) => (ok ? "✓" : "✗");
const ownWall = (own: number, wall: number) => `${s(own)} / ${s(wall)}`;

export function printReport(r: Results): void {
  const a = r.archive;
  const floor = syncFloor(r);
  const ratio = r.cold.ownMs / floor.ms;
  const rm = r.resyncMedian;
  console.log(`\n${r.env}\n`);
  console.log(
    `Archive: ${r.issues.toLocaleString("en")} issues (seed ${r.seed}) in ${a.series.length} series, 2007–2026, ${a.internal} internal; ` +
      `${a.chars.min.toLocaleString("en")}–${a.chars.max.toLocaleString("en")} characters of text per issue (mean ${a.chars.mean.toLocaleString("en")}), ${mb(a.bytes / 1024)} of MDX; ` +
      `${a.reused ? "reused" : `generated in ${s(a.generateMs ?? NaN)}`}.\n`,
  );
  console.log("| figure | own time / wall time | target | met |\n|---|---|---|---|");
  for (const f of r.floors) {
    const how = f.workers > 1 ? `on ${f.workers} processes, as content:sync compiles` : "on one thread";
    console.log(
      `| floor: scan, then read + parse + compile every issue ${how}, nothing else | ${ownWall(f.ms, f.wallMs)} (${ms(f.compileMs / f.issues)} ms per issue) | | |`,
    );
  }
  console.log(
    `| cold sync (\`content:sync\`, empty database) | ${ownWall(r.cold.ownMs, r.cold.wallMs)} | ≤ 60 s | ${mark(r.cold.ownMs <= 60_000)} |`,
  );
  console.log(
    `| cold sync ÷ floor${r.floors.length > 1 ? ` (${floor.workers} processes)` : ""} | ${ratio.toFixed(2)}× | ≤ 1.5× | ${mark(ratio <= 1.5)} |`,
  );
  if (r.floors.length > 1) console.log(`| cold sync ÷ floor (one thread) | ${(r.cold.ownMs / r.floors[0]!.ms).toFixed(2)}× | | |`);
  console.log(
    `| re-sync, nothing changed (median of ${r.unchanged.length}) | ${ownWall(rm.unchangedOwnMs, rm.unchangedWallMs)} | ≤ 3 s | ${mark(rm.unchangedOwnMs <= 3000)} own, ${mark(rm.unchangedWallMs <= 3000)} wall |`,
  );
  console.log(
    `| re-sync, one file changed (median of ${r.oneChanged.length}) | ${ownWall(rm.oneOwnMs, rm.oneWallMs)} | ≤ 1 s | ${mark(rm.oneOwnMs <= 1000)} own, ${mark(rm.oneWallMs <= 1000)} wall |`,
  );
  console.log(`| peak RSS, cold sync: process tree / largest process | ${mb(r.cold.peak.rss)} / ${mb(r.cold.peak.hwm)} | | |`);
  for (const f of r.floors)
    console.log(
      `| peak RSS, floor on ${f.workers > 1 ? `${f.workers} processes` : "one thread"}: process tree / largest process | ${mb(f.peak.rss)} / ${mb(f.peak.hwm)} | | |`,
    );
  const sv = r.server;
  if (!sv) {
    console.log("\n(--skip-load: no server figures)");
    return;
  }
  const search = sv.search;
  if (search.available) {
    console.log(
      `| search latency p50 / p95, ${search.queries.length} queries × ${search.rounds} rounds, one at a time, no page cache | ${ms(search.overall.p50)} / ${ms(search.overall.p95)} ms | p95 ≤ 50 ms | ${mark(search.overall.p95 <= 50)} |`,
    );
    for (const [kind, k] of Object.entries(search.byKind)) console.log(`| · ${kind} queries | ${ms(k.p50)} / ${ms(k.p95)} ms | | |`);
  } else console.log(`| search latency | not available: /search answers HTTP ${search.status} | p95 ≤ 50 ms | — |`);
  const peak = Math.max(...sv.pages.map((p) => p.peak.rss), sv.idle.rss);
  console.log(`| server: start to ready (no sync on start) | ${ms(sv.readyMs)} ms | | |`);
  console.log(`| peak RSS, server: idle after start / during the load runs | ${mb(sv.idle.rss)} / ${mb(peak)} | | |`);

  console.log(
    `\nUnder load: autocannon, ${sv.connections} connections, ${sv.duration} s per page, after 20 sequential warm-up requests (none for the 500 issues in turn). Pages come from the server's page cache unless marked "no page cache" (PAGE_CACHE=off: rendered on every request).\n`,
  );
  console.log(
    "| page | HTTP | bytes | req/s | p50 / p99 / max ms | requests | errors (timeouts) | non-2xx | server peak RSS | target |\n|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const p of sv.pages) {
    const target =
      p.name === "issue"
        ? `≥ 300 req/s, p99 ≤ 200 ms, no errors: ${mark(p.rps >= 300 && p.p99 <= 200 && p.errors === 0 && p.non2xx === 0)}`
        : `no errors: ${mark(p.errors === 0 && p.non2xx === 0)}`;
    console.log(
      `| ${p.name} \`${decodeURIComponent(p.path)}\` | ${p.status} | ${p.bytes.toLocaleString("en")} | ${Math.round(p.rps).toLocaleString("en")} | ${p.p50} / ${p.p99} / ${p.max} | ${p.requests.toLocaleString("en")} | ${p.errors} (${p.timeouts}) | ${p.non2xx} | ${mb(p.peak.rss)} | ${target} |`,
    );
  }
  if (search.available) {
    console.log(
      "\n| query | kind | issues containing it (public, generator's count) | the page says | p50 / p95 ms |\n|---|---|---|---|---|",
    );
    for (const q of search.queries)
      console.log(`| ${q.query} | ${q.kind} | ${q.expected.toLocaleString("en")} | ${q.found ?? "?"} | ${ms(q.p50)} / ${ms(q.p95)} |`);
  }
}

type Row = [string, (r: Results) => number, (n: number) => string];
const page = (r: Results, name: string) => r.server?.pages.find((p) => p.name === name);
const ROWS: Row[] = [
  ["floor, one thread (own time)", (r) => r.floors.find((f) => f.workers === 1)?.ms ?? NaN, s],
  ["floor, as the sync compiles (own time)", (r) => syncFloor(r).ms, s],
  ["cold sync (own time)", (r) => r.cold.ownMs, s],
  ["cold sync ÷ floor as the sync compiles", (r) => r.cold.ownMs / syncFloor(r).ms, (n) => `${n.toFixed(2)}×`],
  ["re-sync, nothing changed (own)", (r) => r.resyncMedian.unchangedOwnMs, s],
  ["re-sync, nothing changed (wall)", (r) => r.resyncMedian.unchangedWallMs, s],
  ["re-sync, one changed (own)", (r) => r.resyncMedian.oneOwnMs, s],
  ["re-sync, one changed (wall)", (r) => r.resyncMedian.oneWallMs, s],
  ["peak RSS, cold sync (process tree)", (r) => r.cold.peak.rss, mb],
  ["search p95, ms", (r) => (r.server?.search.available ? r.server.search.overall.p95 : NaN), ms],
  ["issue page req/s", (r) => page(r, "issue")?.rps ?? NaN, (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "—")],
  ["issue page p99, ms", (r) => page(r, "issue")?.p99 ?? NaN, ms],
  ["series page req/s", (r) => page(r, "series")?.rps ?? NaN, (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "—")],
  ["series page p99, ms", (r) => page(r, "series")?.p99 ?? NaN, ms],
  [
    "500 issues in turn, req/s",
    (r) => page(r, "500 issues in turn")?.rps ?? NaN,
    (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "—"),
  ],
  [
    "issue page, no page cache, req/s",
    (r) => page(r, "issue, no page cache")?.rps ?? NaN,
    (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "—"),
  ],
  ["peak RSS, server under load", (r) => Math.max(...(r.server?.pages.map((p) => p.peak.rss) ?? [NaN])), mb],
];

/** Each figure at every issue count recorded so far, with its growth from the previous count. */
export function printGrowth(dir: string): void {
  const runs = fs
    .readdirSync(dir)
    .filter((f) => /^results-\d+\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Results)
    .filter((r) => Array.isArray(r.floors)) // written by an earlier version of this script
    .sort((a, b) => a.issues - b.issues);
  if (runs.length < 2) return;
  console.log(
    `\nGrowth across the recorded runs (${runs.map((r) => r.env.slice(0, 10)).join(", ")}); in brackets: × the previous column.\n`,
  );
  console.log(
    `| figure | ${runs.map((r) => `${r.issues.toLocaleString("en")} issues`).join(" | ")} |\n|---|${runs.map(() => "---|").join("")}`,
  );
  for (const [label, get, fmt] of ROWS) {
    const cells = runs.map((r, i) => {
      const v = get(r);
      const prev = i > 0 ? get(runs[i - 1]!) : NaN;
      return `${fmt(v)}${Number.isFinite(prev) && Number.isFinite(v) && prev > 0 ? ` (×${(v / prev).toFixed(1)})` : ""}`;
    });
    console.log(`| ${label} | ${cells.join(" | ")} |`);
  }
}
