// Measures what a page costs on the server: sequential requests against a running site
// (`npm run serve` first), reporting median and p95 per page. Figures go to BENCHMARKS.md.
//   npx tsx scripts/bench-pages.ts [baseUrl] [requests]
export {};

const base = process.argv[2] ?? "http://localhost:3000";
const n = Number(process.argv[3] ?? 200);
const pages = ["/", "/jtyx", "/jtyx/2022", "/jtyx/2022/3", "/jtyx/2022/3/print", "/jtyx/2023/5", "/api/health"];

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

console.log(`| page | median ms | p95 ms | bytes |`);
console.log(`|---|---|---|---|`);
for (const p of pages) {
  for (let i = 0; i < 10; i++) await (await fetch(base + p)).text(); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(base + p);
    const body = await res.text();
    times.push(performance.now() - t);
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
    bytes = body.length;
  }
  console.log(`| \`${p}\` | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} | ${bytes} |`);
}
