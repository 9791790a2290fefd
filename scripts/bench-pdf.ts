// `npm run bench:pdf`: what a PDF costs. On the sample (4 pages) and a long issue (10 pages):
// cold start, warm render (median/p95 of 20: the same issue again, so the renderer's page swaps
// its body in), warm renders alternating the two issues (each loads the page whole, as a render
// of another issue does), cached response, 10 concurrent requests, memory;
// beside the floor (page.pdf of a one-line page in the same Chromium) and a peer engine (Typst).
// Prints Markdown tables for BENCHMARKS.md, then the raw numbers. The machine is shared and noisy,
// so read ratios more than times. Progress goes to stderr.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, requireChromium } from "../lib/pdf/chromium";
import { type LocalServer, startLocalServer } from "./lib/local-server";
import { runTypstPeer } from "./lib/typst-peer";

const ISSUES = { sample: "/jtyx/2022/3", long: "/jtyx/2023/5" };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-bench-pdf-"));
// The servers' TMPDIR: their Chromium profiles land here and go with the rest, and any Chromium
// still running afterwards is recognisably ours (its --user-data-dir is under this path).
const serverTmp = path.join(tmp, "tmp");
fs.mkdirSync(serverTmp);
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const ms = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "—");
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const medP95 = (xs: number[]) => `${ms(q(xs, 0.5))} / ${ms(q(xs, 0.95))} ms`;
const step = (what: string) => console.error(`[bench:pdf] ${what}`);

/** Peaks of the server's process tree: its node process, its Chromium (KB), browser processes. */
type Peak = { serverRss: number; serverPss: number; chromiumRss: number; chromiumPss: number; atOnce: number; browserPids: Set<number> };
const newPeak = (): Peak => ({ serverRss: 0, serverPss: 0, chromiumRss: 0, chromiumPss: 0, atOnce: 0, browserPids: new Set() });
type Proc = { pid: number; ppid: number; rss: number; pss: number; args: string[] };

function processes(): Proc[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        // RSS as asked, and PSS: Chromium's processes share much of their memory, which RSS counts once per process.
        const mem = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
        const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(mem)?.[1] ?? 0);
        return [
          { pid: Number(pid), ppid, rss: kb("Rss"), pss: kb("Pss"), args: fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0") },
        ];
      } catch {
        return []; // gone meanwhile, or a kernel thread
      }
    });
}

function sampleInto(peak: Peak, rootPid: number): void {
  const procs = processes();
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const mine = procs.filter((p) => tree.has(p.pid));
  const isChromium = (p: Proc) => /chrom/.test(p.args[0] ?? "");
  const browsers = mine.filter(
    (p) => isChromium(p) && p.args.includes("--jianbao-pdf-renderer") && !p.args.some((a) => a.startsWith("--type=")),
  );
  const sum = (ps: Proc[], k: "rss" | "pss") => ps.reduce((s, p) => s + p[k], 0);
  peak.serverRss = Math.max(
    peak.serverRss,
    sum(
      mine.filter((p) => !isChromium(p)),
      "rss",
    ),
  );
  peak.serverPss = Math.max(
    peak.serverPss,
    sum(
      mine.filter((p) => !isChromium(p)),
      "pss",
    ),
  );
  peak.chromiumRss = Math.max(peak.chromiumRss, sum(mine.filter(isChromium), "rss"));
  peak.chromiumPss = Math.max(peak.chromiumPss, sum(mine.filter(isChromium), "pss"));
  peak.atOnce = Math.max(peak.atOnce, browsers.length);
  for (const b of browsers) peak.browserPids.add(b.pid);
}

/** Samples the tree every 50 ms while `work` runs (not during timed runs: it costs CPU they need). */
async function watch<T>(server: LocalServer, peaks: Peak[], work: () => Promise<T>): Promise<T> {
  const tick = () => {
    for (const p of peaks) sampleInto(p, server.process.pid ?? -1);
  };
  const timer = setInterval(tick, 50);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    tick();
  }
}

type Got = { elapsed: number; timing: Record<string, number>; cache: string | null; bytes: number };
async function get(server: LocalServer, url: string): Promise<Got> {
  const t = performance.now();
  const res = await fetch(`${server.origin}${url}/pdf`);
  const body = Buffer.from(await res.arrayBuffer());
  const elapsed = performance.now() - t;
  if (res.status !== 200 || body.subarray(0, 5).toString() !== "%PDF-")
    throw new Error(`${url}: HTTP ${res.status} ${body.subarray(0, 200).toString()}`);
  const timing = Object.fromEntries(
    [...(res.headers.get("server-timing") ?? "").matchAll(/(\w+);dur=([\d.]+)/g)].map((m) => [m[1] ?? "", Number(m[2])]),
  );
  return { elapsed, timing, cache: res.headers.get("x-pdf-cache"), bytes: body.length };
}

const live = new Set<LocalServer>();
/** A server on a fresh data directory (so font subsets start cold), stopped whatever happens. */
async function withServer<T>(
  label: string,
  env: Record<string, string>,
  use: (server: LocalServer, readyMs: number) => Promise<T>,
): Promise<T> {
  step(
    `starting a server (${label}, ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")})`,
  );
  const t = performance.now();
  const server = await startLocalServer({ DATA_DIR: path.join(tmp, label), TMPDIR: serverTmp, ...env });
  live.add(server);
  try {
    return await use(server, performance.now() - t);
  } finally {
    live.delete(server);
    await server.stop();
  }
}

let cleaning: Promise<void> | undefined;
/** Once, however many times it is called (a signal and the main flow's finally may both ask). */
const cleanup = () => (cleaning ??= stopEverything());
async function stopEverything(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
  await new Promise((r) => setTimeout(r, 500)); // Chromium exits shortly after its server
  for (const p of processes())
    if (p.pid !== process.pid && p.args.some((a) => a.includes(serverTmp))) {
      console.error(`[bench:pdf] a Chromium of ours outlived its server: killing ${p.pid}`);
      process.kill(p.pid, "SIGKILL");
    }
  fs.rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

const chromiumPath = requireChromium();
const env = `${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} · ${execFileSync(
  chromiumPath,
  ["--version"],
  { stdio: ["ignore", "pipe", "ignore"] },
)
  .toString()
  .trim()} (${chromiumPath}) · Node ${process.version}`;
try {
  step("floor: page.pdf() of a one-line page");
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const floor: number[] = [];
  // The same page printed with the one CDP call the renderer makes (lib/pdf/render.ts).
  const floorCdp: number[] = [];
  try {
    const page = await browser.newPage();
    await page.setContent("<p>The quick brown fox jumps over the lazy dog.</p>");
    const cdp = await page.context().newCDPSession(page);
    for (let i = 0; i < 12; i++) {
      let t = performance.now();
      await page.pdf();
      if (i >= 2) floor.push(performance.now() - t); // two warm-ups
      t = performance.now();
      await cdp.send("Page.printToPDF", { generateTaggedPDF: false });
      if (i >= 2) floorCdp.push(performance.now() - t);
    }
  } finally {
    await browser.close();
  }

  // Cold: a new server on a new data directory, then its first request of the issue. For the long
  // issue the server stays up for the warm runs, where the sample's first request shows what a new
  // issue costs once the browser runs and the fonts are unpacked.
  step("cold start: sample");
  const cold = {
    sample: await withServer("cold-sample", { PDF_CACHE: "off" }, async (s, ready) => ({ ready, first: await get(s, ISSUES.sample) })),
  };
  const warm: Record<string, Got[]> = {};
  const renderPeak = newPeak();
  const burstPeak = newPeak();
  const alternating: Record<string, Got[]> = { sample: [], long: [] };
  const { coldLong, newIssue, burst } = await withServer("render", { PDF_CACHE: "off" }, async (s, ready) => {
    step("cold start: long");
    const coldLong = { ready, first: await get(s, ISSUES.long) };
    const newIssue = await get(s, ISSUES.sample);
    for (const [name, url] of Object.entries(ISSUES)) {
      step(`warm renders: ${name}`);
      for (let i = 0; i < 3; i++) await get(s, url);
      warm[name] = [];
      for (let i = 0; i < 20; i++) warm[name].push(await get(s, url));
      await watch(s, [renderPeak], () => Promise.all([get(s, url), get(s, url), get(s, url)]));
    }
    step("warm renders, alternating the issues");
    for (let i = 0; i < 10; i++) for (const [name, url] of Object.entries(ISSUES)) alternating[name]?.push(await get(s, url));
    step("10 concurrent requests");
    const burst = await watch(s, [renderPeak, burstPeak], async () => {
      const t = performance.now();
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => get(s, ISSUES.sample)));
      return { wall: performance.now() - t, results };
    });
    return { coldLong, newIssue, burst };
  });

  // PDF_PRERENDER off: the start's sync would render every issue in the background, and the
  // priming request below must be the one that renders.
  const cached = await withServer("cached", { PDF_CACHE: "on", PDF_PRERENDER: "off" }, async (s) => {
    const out: Record<string, number[]> = {};
    for (const [name, url] of Object.entries(ISSUES)) {
      step(`cached responses: ${name}`);
      if ((await get(s, url)).cache !== "miss") throw new Error(`${url}: the priming request should render`);
      out[name] = [];
      for (let i = 0; i < 50; i++) {
        const r = await get(s, url);
        if (r.cache !== "hit") throw new Error(`${url}: expected a cache hit, got ${r.cache}`);
        out[name].push(r.elapsed);
      }
    }
    return out;
  });

  step("peer: Typst");
  const peer = await runTypstPeer(path.join(tmp, "typst"));

  // Output: two tables for BENCHMARKS.md, then the raw figures.
  const colds: Record<string, { ready: number; first: Got }> = { sample: cold.sample, long: coldLong };
  const parts = Object.keys(warm.sample?.[0]?.timing ?? {}).filter((k) => k !== "wait");
  console.log(`\n${env}\n`);
  console.log(
    `| issue | server start to ready | cold: first request after start | warm render median / p95 | of which ${parts.join(" / ")} (medians) | size |`,
  );
  console.log("|---|---|---|---|---|---|");
  for (const [name, url] of Object.entries(ISSUES)) {
    const runs = warm[name] ?? [];
    const part = parts
      .map((k) =>
        ms(
          q(
            runs.map((r) => r.timing[k] ?? NaN),
            0.5,
          ),
        ),
      )
      .join(" / ");
    console.log(
      `| ${name} \`${url}\` | ${ms(colds[name]?.ready ?? NaN)} ms | ${ms(colds[name]?.first.elapsed ?? NaN)} ms | ${medP95(runs.map((r) => r.elapsed))} | ${part} ms | ${((runs[0]?.bytes ?? 0) / 1024).toFixed(0)} KB |`,
    );
  }
  const ok = burst.results.flatMap((r) => (r.status === "fulfilled" ? [r.value.elapsed] : []));
  const failed = burst.results.flatMap((r) => (r.status === "rejected" ? [String(r.reason).slice(0, 160)] : []));
  const memory = (p: Peak) =>
    `server ${mb(p.serverRss)}, Chromium ${mb(p.chromiumRss)}, total ${mb(p.serverRss + p.chromiumRss)} (PSS: ${mb(p.serverPss)} + ${mb(p.chromiumPss)} = ${mb(p.serverPss + p.chromiumPss)})`;
  console.log("\n| | figure |\n|---|---|");
  console.log(
    `| floor: \`page.pdf()\` of a one-line page in the same Chromium, median of 10 | ${ms(q(floor, 0.5))} ms (one \`Page.printToPDF\` call, as the renderer prints: ${ms(q(floorCdp, 0.5))} ms) |`,
  );
  console.log(`| a new issue's first request on a running server (sample, after the long one) | ${ms(newIssue.elapsed)} ms |`);
  console.log(
    `| warm render alternating the two issues (page loaded whole each time), median / p95 of 10 | ${Object.entries(alternating)
      .map(
        ([n, runs]) =>
          `${n} ${medP95(runs.map((r) => r.elapsed))} (load ${ms(
            q(
              runs.map((r) => r.timing.load ?? NaN),
              0.5,
            ),
          )} ms)`,
      )
      .join("; ")} |`,
  );
  console.log(
    `| cached response (disk cache hit), median / p95 of 50 | ${Object.entries(cached)
      .map(([n, xs]) => `${n} ${medP95(xs)}`)
      .join("; ")} |`,
  );
  console.log(
    `| 10 concurrent requests of the sample, no cache | ${ok.length}/10 succeeded${failed.length ? ` (${failed.join("; ")})` : ""}; wall ${ms(burst.wall)} ms; latency p50 ${ms(q(ok, 0.5))} ms, max ${ms(Math.max(...ok))} ms; browser processes: ${burstPeak.atOnce} at most at once, ${burstPeak.browserPids.size} in all |`,
  );
  console.log(`| peak RSS during the 10 concurrent requests | ${memory(burstPeak)} |`);
  console.log(`| peak RSS over the sampled render runs (3 and 10 at once) | ${memory(renderPeak)} |`);
  if (typeof peer === "string") console.log(`| peer: Typst | ${peer} |`);
  else {
    console.log(
      `| peer: ${peer.about}, the sample as an equivalent document | cold ${ms(peer.cold)} ms (create + first compile); warm median / p95 ${medP95(peer.warm)}; caches evicted ${medP95(peer.evicted)}; ${peer.pages} pages, ${(peer.bytes / 1024).toFixed(0)} KB |`,
    );
    console.log(
      `| font families Typst sees in the converted TTFs | ${peer.families.map((f) => `"${f}"`).join(", ")}${peer.warnings.length ? `; warnings: ${peer.warnings.join("; ")}` : ""} |`,
    );
  }
  console.log(
    `\nCold = client time of the first request after the server answers /api/health: Chromium launch, unpacking the WOFF2 fonts to TTF under DATA_DIR/cache/fonts, cutting the issue's subsets, and the render.`,
  );

  const round = (_: string, v: unknown) => (typeof v === "number" ? Math.round(v * 10) / 10 : v instanceof Set ? [...v] : v);
  const raw = {
    env,
    floor,
    floorCdp,
    cold: colds,
    newIssue,
    warm,
    alternating,
    burst: { wall: burst.wall, latencies: ok, failed },
    peaks: { render: renderPeak, burst: burstPeak },
    cached,
    peer,
  };
  console.log("\nRaw (ms; memory in KB):");
  for (const [k, v] of Object.entries(raw)) console.log(`${k}: ${JSON.stringify(v, round)}`);
} finally {
  await cleanup();
}
