// `npm run bench:archive -- --issues 10000`: the archive at scale. Generates a synthetic archive
// (scripts/bench/generate-archive.ts), then measures on this machine: the floor (read, parse and
// compile every issue with nothing else), a cold content sync, re-syncs with nothing and with one
// file changed, search latency, and the issue, series, year, feed and search pages under load;
// with peak memory of the sync and the server. Prints Markdown for BENCHMARKS.md and writes
// data/bench/results-<N>.json. Progress goes to stderr. One run at a time: it needs both cores.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultPoolSize } from "@/lib/content/load-pool";
import { GENERATOR_VERSION, generateArchive, type Manifest } from "./bench/generate-archive";
import { loadPage, type PageLoad, type SearchLatency, searchLatency, searchPath } from "./bench/http";
import { type ChildRun, median, runScript, step } from "./bench/measure";
import { type TreePeak, watchTree } from "./bench/process-tree";
import { type Floor, printGrowth, printReport, type Results, type SyncRun } from "./bench/report";
import { type LocalServer, startLocalServer } from "./lib/local-server";

const { values: opt } = parseArgs({
  options: {
    issues: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false }, // keep the archive (reused next time) and the database
    "skip-load": { type: "boolean", default: false }, // no server: floor and syncs only
    duration: { type: "string", default: "20" }, // seconds of load per page
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "20" }, // search latency: timed rounds over all queries
    repeat: { type: "string", default: "3" }, // re-syncs of each kind
    "pool-floor-only": { type: "boolean", default: false }, // skip the one-thread floor (long at 100,000 issues)
  },
});
const int = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, not ${v}`);
  return n;
};
const N = int("issues", opt.issues);
const seed = int("seed", opt.seed);
const duration = int("duration", opt.duration);
const connections = int("connections", opt.connections);
const rounds = int("rounds", opt.rounds);
const repeat = int("repeat", opt.repeat);

const base = path.resolve("data/bench", `archive-${N}-${seed}`);
const content = path.join(base, "content");
const manifestFile = path.join(base, "manifest.json");
const dataDir = path.join(base, `data-${new Date().toISOString().replace(/[:.]/g, "-")}`);

/** The archive: reused when a finished one with the same count, seed and generator is there. */
function archive(): { manifest: Manifest; reused: boolean } {
  try {
    const m = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
    if (m.generator === GENERATOR_VERSION && m.issues === N && m.seed === seed) return { manifest: m, reused: true };
  } catch {
    // none yet, or unfinished
  }
  step(`generating ${N.toLocaleString("en")} issues (seed ${seed}) into ${content}`);
  fs.rmSync(manifestFile, { force: true });
  const manifest = generateArchive({ out: content, issues: N, seed });
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2)); // last: it marks the archive complete
  return { manifest, reused: false };
}

const SUMMARY = /(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) removed, (\d+) with problems \((\d+) ms\)/;
async function sync(label: string): Promise<SyncRun> {
  const run: ChildRun = await runScript("scripts/content-sync.ts", [], { CONTENT_DIR: content, DATA_DIR: dataDir }, label);
  const m = SUMMARY.exec(run.stdout);
  if (!m) throw new Error(`${label}: no summary in ${run.stdout}`);
  const [added, updated, unchanged, removed, failed, own] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  step(`${label}: ${m[0]}, wall ${Math.round(run.wallMs)} ms`);
  return { wallMs: run.wallMs, ownMs: own, peak: run.peak, added, updated, unchanged, removed, failed };
}

// Files the one-changed re-syncs edit, with their bytes, put back whatever happens.
const edited = new Map<string, Buffer>();
let server: LocalServer | undefined;
let reusedArchive = false;
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await server?.stop();
    for (const [file, bytes] of edited) fs.writeFileSync(file, bytes);
    // Without --keep: the database goes, and the archive too unless an earlier --keep run left it.
    if (opt.keep) return step(`kept ${content} (archive, reused by the next run) and ${dataDir} (database)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!reusedArchive) fs.rmSync(base, { recursive: true, force: true });
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

/** `count` public issue URLs spread over the archive, other than `skip`. */
function publicIssuePaths(root: string, count: number, skip: string): string[] {
  const files: string[] = [];
  for (const series of fs.readdirSync(root)) {
    if (series === "series") continue;
    for (const year of fs.readdirSync(path.join(root, series)))
      for (const f of fs.readdirSync(path.join(root, series, year))) if (/^\d{3}\.mdx$/.test(f)) files.push(`${series}/${year}/${f}`);
  }
  const out: string[] = [];
  const stride = Math.max(1, Math.floor(files.length / (count * 1.1)));
  for (let i = 0; i < files.length && out.length < count; i += stride) {
    const rel = files[i]!;
    if (/^visibility: internal$/m.test(fs.readFileSync(path.join(root, rel), "utf8"))) continue;
    const [series, year, f] = rel.split("/");
    const url = `/${series}/${year}/${Number(f!.slice(0, 3))}`;
    if (url !== skip) out.push(url);
  }
  return out;
}

/** Waits until the server has used less than 5% of a core for a second (fonts unpacked at start), at most 30 s. */
async function settle(pid: number): Promise<void> {
  const cpu = () => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100 per second)
  };
  for (let i = 0, before = cpu(); i < 30; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpu();
    if (now - before < 5) return;
    before = now;
  }
}

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
// The machine is shared: the load average before and after says whether something else ran.
const env = `${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} · Node ${process.version} · commit ${commit} · load average at start ${load()}`;
try {
  const generated = performance.now();
  const { manifest, reused } = archive();
  reusedArchive = reused;
  const generateMs = performance.now() - generated;

  // The floor on one thread, and on as many workers as content:sync compiles on (what the target compares with).
  const floors: Floor[] = [];
  for (const workers of [...new Set(opt["pool-floor-only"] ? [defaultPoolSize()] : [1, defaultPoolSize()])]) {
    step(`floor: read, parse and compile every issue, nothing else (${workers > 1 ? `${workers} processes` : "one thread"})`);
    const run = await runScript("scripts/bench/floor.ts", [content, "--workers", String(workers)], {}, "floor");
    const figures = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as Omit<Floor, "wallMs" | "peak">;
    floors.push({ ...figures, wallMs: run.wallMs, peak: run.peak });
    step(`floor: ${figures.ms} ms (${figures.ok} of ${figures.issues} valid), wall ${Math.round(run.wallMs)} ms`);
  }

  step("cold sync");
  const cold = await sync("cold sync");
  if (cold.added !== N || cold.failed > 0) step(`warning: the cold sync added ${cold.added} of ${N} issues, ${cold.failed} with problems`);
  const unchanged: SyncRun[] = [];
  for (let i = 0; i < repeat; i++) unchanged.push(await sync(`re-sync, nothing changed (${i + 1}/${repeat})`));
  const oneChanged: SyncRun[] = [];
  for (const [i, rel] of manifest.samples.change.slice(0, repeat).entries()) {
    const file = path.join(content, rel);
    const bytes = fs.readFileSync(file);
    edited.set(file, bytes);
    fs.writeFileSync(file, `${bytes.toString()}\n补充说明：本期第${i + 1}次修改，根据基层反映的情况对有关数据作了更新，请以本期为准。\n`);
    oneChanged.push(await sync(`re-sync, one file changed (${i + 1}/${repeat})`));
  }

  let serve: Results["server"] = null;
  if (!opt["skip-load"]) {
    step("starting the server (SYNC_ON_START=0)");
    const t = performance.now();
    server = await startLocalServer({ CONTENT_DIR: content, DATA_DIR: dataDir, SYNC_ON_START: "0" });
    const readyMs = performance.now() - t;
    const pid = server.process.pid ?? -1;
    await settle(pid);
    const idle = watchTree(pid).stop();

    const probe = await fetch(server.origin + searchPath("团"));
    const searchAvailable = probe.status !== 404;

    const pages: (PageLoad & { name: string; peak: TreePeak })[] = [];
    const targets: [string, string][] = [
      ["issue", manifest.samples.issue],
      ["series", manifest.samples.series],
      ["year", manifest.samples.year],
      ["feed", "/feed.xml"],
    ];
    if (searchAvailable) targets.push(["search", searchPath("长治")]);
    const measure = async (name: string, url: string, on: LocalServer, rotation?: string[]) => {
      step(
        `load: ${name} ${decodeURIComponent(url)}${rotation ? ` and ${rotation.length - 1} more` : ""}, ${connections} connections, ${duration} s`,
      );
      const watch = watchTree(on.process.pid ?? -1, 250);
      const r = await loadPage(on.origin, url, connections, duration, rotation);
      pages.push({ ...r, name, peak: watch.stop() });
      step(`  ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors, ${r.non2xx} non-2xx (HTTP ${r.status})`);
    };
    for (const [name, url] of targets) await measure(name, url, server);
    // Readers do not all read one issue: 500 others, none requested before, so the run starts cold.
    const rotation = publicIssuePaths(content, 500, manifest.samples.issue);
    await measure("500 issues in turn", rotation[0]!, server, rotation);

    // The same pages rendered on every request: what the page cache saves.
    await server.stop();
    step("restarting the server with PAGE_CACHE=off");
    server = await startLocalServer({ CONTENT_DIR: content, DATA_DIR: dataDir, SYNC_ON_START: "0", PAGE_CACHE: "off" });
    await settle(server.process.pid ?? -1);
    const uncached: [string, string][] = [
      ["issue, no page cache", manifest.samples.issue],
      ["series, no page cache", manifest.samples.series],
    ];
    if (searchAvailable) uncached.push(["search, no page cache", searchPath("长治")]);
    for (const [name, url] of uncached) await measure(name, url, server);
    // Search latency on this server: with the page cache, a repeated query would be a cache hit.
    step(`search latency: ${Object.keys(manifest.hits).length} queries × ${rounds} rounds, one at a time, no page cache`);
    const search: SearchLatency = await searchLatency(server.origin, manifest.hits, rounds);
    if (!search.available) step("search: /search answers 404 — not available on this build");
    serve = { readyMs, idle, search, pages, connections, duration };
  }

  const results: Results = {
    env: `${env}, at end ${load()}`,
    issues: N,
    seed,
    archive: { ...manifest, reused, generateMs: reused ? null : generateMs, dir: base },
    floors,
    cold,
    unchanged,
    oneChanged,
    resyncMedian: {
      unchangedWallMs: median(unchanged.map((r) => r.wallMs)),
      unchangedOwnMs: median(unchanged.map((r) => r.ownMs)),
      oneWallMs: median(oneChanged.map((r) => r.wallMs)),
      oneOwnMs: median(oneChanged.map((r) => r.ownMs)),
    },
    server: serve,
  };
  const out = path.resolve("data/bench", `results-${N}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify(results, (_, v: unknown) => (typeof v === "number" ? Math.round(v * 10) / 10 : v), 2),
  );
  printReport(results);
  printGrowth(path.dirname(out));
  step(`figures written to ${out}`);
} finally {
  await cleanup();
}
