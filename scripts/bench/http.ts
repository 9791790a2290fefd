// What the archive benchmark asks of the running server: pages under load (autocannon) and
// search latency with one request at a time.
import autocannon from "autocannon";
import { quantile } from "./measure";
import { NO_HIT_QUERY } from "./vocabulary";

export type PageLoad = {
  path: string;
  status: number;
  bytes: number;
  /** Requests per second (mean over the run), latency in ms. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
};

/** One GET, timed; the body as text. */
export async function get(origin: string, path: string): Promise<{ status: number; body: string; ms: number }> {
  const t = performance.now();
  const res = await fetch(origin + path);
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t };
}

/**
 * A page under `connections` concurrent connections for `duration` seconds, after a short
 * sequential warm-up. With `rotation`, each connection cycles through those paths instead, with
 * no warm-up (a cold start over many pages).
 */
export async function loadPage(
  origin: string,
  path: string,
  connections: number,
  duration: number,
  rotation?: string[],
): Promise<PageLoad> {
  const first = await get(origin, path);
  if (!rotation) for (let i = 0; i < 20; i++) await get(origin, path);
  const requests = rotation?.map((p) => ({ method: "GET" as const, path: p }));
  const r = await autocannon({ url: origin + path, connections, duration, timeout: 10, ...(requests ? { requests } : {}) });
  return {
    path,
    status: first.status,
    bytes: Buffer.byteLength(first.body),
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

export type QueryLatency = { query: string; kind: string; p50: number; p95: number; found: number | null; expected: number };
export type SearchLatency =
  | {
      available: true;
      rounds: number;
      overall: { p50: number; p95: number };
      byKind: Record<string, { p50: number; p95: number }>;
      queries: QueryLatency[];
    }
  | { available: false; status: number };

export const searchPath = (q: string) => `/search?q=${encodeURIComponent(q)}`;

const kindOf = (q: string) => (q === NO_HIT_QUERY ? "no hit" : /\d/.test(q) ? "with digits" : `${[...q].length} char`);

/** The number of hits the page reports ("找到 N 期…"), or 0 for its no-hit message. */
function found(html: string): number | null {
  const summary = /data-testid="search-summary"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/<!-- -->/g, "");
  if (!summary) return null;
  if (summary.includes("没有找到")) return 0;
  const n = /找到\s*(\d+)\s*期/.exec(summary)?.[1];
  return n ? Number(n) : null;
}

/** Every query once per round, one request at a time, after `warmup` untimed rounds. */
export async function searchLatency(
  origin: string,
  expected: Record<string, { public: number }>,
  rounds: number,
  warmup = 2,
): Promise<SearchLatency> {
  const queries = Object.keys(expected);
  const probe = await get(origin, searchPath(queries[0] ?? "团"));
  if (probe.status === 404) return { available: false, status: 404 };
  const times = new Map(queries.map((q) => [q, [] as number[]]));
  const counts = new Map<string, number | null>();
  for (let round = 0; round < warmup + rounds; round++) {
    for (const q of queries) {
      const r = await get(origin, searchPath(q));
      if (r.status !== 200) throw new Error(`${searchPath(q)}: HTTP ${r.status}`);
      if (round >= warmup) times.get(q)!.push(r.ms);
      else counts.set(q, found(r.body));
    }
  }
  const stats = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
  const byKind: Record<string, number[]> = {};
  for (const q of queries) (byKind[kindOf(q)] ??= []).push(...times.get(q)!);
  return {
    available: true,
    rounds,
    overall: stats([...times.values()].flat()),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, stats(xs)])),
    queries: queries.map((q) => ({
      query: q,
      kind: kindOf(q),
      ...stats(times.get(q)!),
      found: counts.get(q) ?? null,
      expected: expected[q]!.public,
    })),
  };
}
