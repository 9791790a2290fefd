// `npm run bench:pdf`: what a PDF costs. On the sample (5 pages) and a long issue (10 pages):
// cold start, warm render (median/p95 of 20), cached response, 10 concurrent requests, memory;
// beside the floor (page.pdf of a one-line page in the same Chromium) and a peer engine (Typst).
// Figures go to BENCHMARKS.md; the machine is shared and noisy, so read ratios more than times.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, requireChromium } from "../lib/pdf/chromium";
import { startLocalServer, type LocalServer } from "./lib/local-server";
import { sampleTypst, unpackFonts } from "./lib/typst-peer";

const ISSUES = { sample: "/jtyx/2022/3", long: "/jtyx/2023/5" } as const;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-bench-pdf-"));
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "—");
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

type Sample = { browsers: number; serverKb: number; chromiumKb: number };
/** The server's process tree right now: its own RSS, its Chromium's RSS, how many browser processes. */
function sampleTree(rootPid: number): Sample {
  const procs = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      // PSS, not RSS: Chromium's processes share most of their memory, and RSS would count it once per process.
      const rss = Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return [{ pid: Number(pid), ppid, rss, args }];
    } catch {
      return [];
    }
  });
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!tree.has(p.pid) && tree.has(p.ppid)) (tree.add(p.pid), (grew = true));
  }
  const mine = procs.filter((p) => tree.has(p.pid));
  const isChromium = (p: (typeof procs)[number]) => /chrom/.test(p.args[0] ?? "");
  return {
    browsers: mine.filter((p) => isChromium(p) && p.args.includes("--jianbao-pdf-renderer") && !p.args.some((a) => a.startsWith("--type="))).length,
    serverKb: mine.filter((p) => !isChromium(p)).reduce((s, p) => s + p.rss, 0),
    chromiumKb: mine.filter(isChromium).reduce((s, p) => s + p.rss, 0),
  };
}

/** Samples the tree every 50 ms while `work` runs; returns the peaks. */
async function watch<T>(server: LocalServer, work: () => Promise<T>): Promise<{ result: T; peak: Sample }> {
  const peak: Sample = { browsers: 0, serverKb: 0, chromiumKb: 0 };
  const tick = () => {
    const s = sampleTree(server.process.pid!);
    peak.browsers = Math.max(peak.browsers, s.browsers);
    peak.serverKb = Math.max(peak.serverKb, s.serverKb);
    peak.chromiumKb = Math.max(peak.chromiumKb, s.chromiumKb);
  };
  const timer = setInterval(tick, 50);
  try {
    const result = await work();
    tick();
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function get(server: LocalServer, url: string) {
  const t = performance.now();
  const res = await fetch(`${server.origin}${url}/pdf`);
  const body = Buffer.from(await res.arrayBuffer());
  const elapsed = performance.now() - t;
  if (res.status !== 200 || body.subarray(0, 5).toString() !== "%PDF-") throw new Error(`${url}: HTTP ${res.status} ${body.subarray(0, 200).toString()}`);
  const timing = Object.fromEntries([...(res.headers.get("server-timing") ?? "").matchAll(/(\w+);dur=([\d.]+)/g)].map((m) => [m[1]!, Number(m[2])]));
  return { elapsed, timing, cache: res.headers.get("x-pdf-cache"), bytes: body.length };
}

async function floor(): Promise<number> {
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.setContent("<p>floor</p>");
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t = performance.now();
    await page.pdf();
    if (i >= 2) times.push(performance.now() - t);
  }
  await browser.close();
  return q(times, 0.5);
}

async function typst(): Promise<{ cold: number; median: number; p95: number; pages: number } | string> {
  let mod: typeof import("@myriaddreamin/typst-ts-node-compiler");
  try {
    mod = await import("@myriaddreamin/typst-ts-node-compiler");
  } catch (e) {
    return `not installed (${(e as Error).message.split("\n")[0]})`;
  }
  const fontDir = path.join(tmp, "typst-fonts");
  await unpackFonts(fontDir);
  const source = sampleTypst("content/jtyx/2022/003.mdx");
  const t0 = performance.now();
  const compiler = mod.NodeCompiler.create({ workspace: tmp, fontArgs: [{ fontPaths: [fontDir] }] });
  const first = compiler.pdf({ mainFileContent: source });
  const cold = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 23; i++) {
    const t = performance.now();
    compiler.pdf({ mainFileContent: source });
    if (i >= 3) times.push(performance.now() - t);
  }
  const pages = (first.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { cold, median: q(times, 0.5), p95: q(times, 0.95), pages };
}

const chromiumVersion = (() => {
  try {
    return execFileSync(requireChromium(), ["--version"]).toString().trim();
  } catch {
    return "unknown";
  }
})();
console.log(`bench:pdf ${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · ${chromiumVersion} · Node ${process.version}\n`);

const rows: string[] = [];
let peakAll: Sample = { browsers: 0, serverKb: 0, chromiumKb: 0 };
const keepPeak = (s: Sample) => (peakAll = { browsers: Math.max(peakAll.browsers, s.browsers), serverKb: Math.max(peakAll.serverKb, s.serverKb), chromiumKb: Math.max(peakAll.chromiumKb, s.chromiumKb) });

try {
  const floorMs = await floor();
  // Renders: no PDF cache, a fresh DATA_DIR so the first request also cuts the font subsets.
  const data = path.join(tmp, "data");
  const t0 = performance.now();
  const render = await startLocalServer({ DATA_DIR: data, PDF_CACHE: "off" });
  const startMs = performance.now() - t0;
  try {
    const cold: Record<string, number> = {};
    for (const [name, url] of Object.entries(ISSUES)) cold[name] = (await get(render, url)).elapsed;
    for (const [name, url] of Object.entries(ISSUES)) {
      // Timed without the memory sampler: reading /proc every 50 ms costs CPU the render needs.
      for (let i = 0; i < 3; i++) await get(render, url);
      const runs: Awaited<ReturnType<typeof get>>[] = [];
      for (let i = 0; i < 20; i++) runs.push(await get(render, url));
      keepPeak((await watch(render, () => Promise.all([get(render, url), get(render, url), get(render, url)]))).peak);
      const part = (k: string) => ms(q(runs.map((r) => r.timing[k] ?? NaN), 0.5));
      rows.push(`| ${name} (${url}) | ${ms(cold[name]!)} | ${ms(q(runs.map((r) => r.elapsed), 0.5))} / ${ms(q(runs.map((r) => r.elapsed), 0.95))} | ${part("load")} / ${part("paginate")} / ${part("print")} / ${part("finish")} | ${(runs[0]!.bytes / 1024).toFixed(0)} KB |`);
    }
    const { result: burst, peak } = await watch(render, async () => {
      const t = performance.now();
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => get(render, ISSUES.sample)));
      return { wall: performance.now() - t, results };
    });
    keepPeak(peak);
    const ok = burst.results.flatMap((r) => (r.status === "fulfilled" ? [r.value.elapsed] : []));
    const failed = burst.results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason).slice(0, 120));
    console.log(`server start ${ms(startMs)} ms; floor: page.pdf() of a one-line page ${ms(floorMs)} ms (median of 10)\n`);
    console.log("| issue | cold, first request after start (ms) | warm render median / p95 (ms) | of which load / paginate / print / finish (median ms) | size |\n|---|---|---|---|---|");
    rows.forEach((r) => console.log(r));
    console.log(`\n10 concurrent requests (sample, no cache): ${ok.length}/10 succeeded${failed.length ? ` (${failed.join("; ")})` : ""}, wall ${ms(burst.wall)} ms, latency p50 ${ms(q(ok, 0.5))} ms, max ${ms(Math.max(...ok))} ms; browser processes at most ${peak.browsers}; peak memory (PSS) server ${mb(peak.serverKb)} + Chromium ${mb(peak.chromiumKb)}`);
  } finally {
    await render.stop();
  }

  // Cached: the same data directory, now with the disk cache on.
  const cachedServer = await startLocalServer({ DATA_DIR: data, PDF_CACHE: "on" });
  try {
    const line: string[] = [];
    for (const [name, url] of Object.entries(ISSUES)) {
      await get(cachedServer, url);
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const r = await get(cachedServer, url);
        if (r.cache !== "hit") throw new Error(`${url}: expected a cache hit`);
        times.push(r.elapsed);
      }
      line.push(`${name} ${ms(q(times, 0.5))} / ${ms(q(times, 0.95))} ms`);
    }
    console.log(`cached response median / p95 (50 requests): ${line.join("; ")}`);
  } finally {
    await cachedServer.stop();
  }
  console.log(`peak memory (PSS) over the render runs: server ${mb(peakAll.serverKb)}, Chromium ${mb(peakAll.chromiumKb)}, total ${mb(peakAll.serverKb + peakAll.chromiumKb)}; browser processes at most ${peakAll.browsers}`);

  const peer = await typst();
  if (typeof peer === "string") console.log(`peer Typst: ${peer}`);
  else console.log(`peer Typst (typst-ts-node-compiler, the sample as an equivalent document): cold ${ms(peer.cold)} ms, warm median ${ms(peer.median)} / p95 ${ms(peer.p95)} ms, ${peer.pages} pages`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
