// `npm run bench:docx`: how long a Word file takes to build, per issue in content/, in process
// (the /docx route builds one per request, so this is what a reader waits for beyond the network).
// Prints a Markdown table for BENCHMARKS.md. The machine is shared and noisy: medians of many runs.
import { checkContent } from "@/lib/content/check";
import { fromLoaded } from "@/lib/docx/issue";
import { publishedIssueDocx } from "@/lib/docx/service";
import { env } from "@/lib/env";

const RUNS = Number(process.env.RUNS ?? 30);
const content = await checkContent(env().contentDir);
const seriesOf = new Map(content.series.map((s) => [s.definition.id, s]));
const published = content.issues.filter((i) => i.frontmatter.status === "published");

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const rows: string[] = [];
for (const issue of published) {
  const input = fromLoaded(issue, seriesOf.get(issue.key.series)!);
  const first = performance.now();
  const bytes = await publishedIssueDocx(input);
  const cold = performance.now() - first;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await publishedIssueDocx(input);
    times.push(performance.now() - t);
  }
  rows.push(
    `| ${issue.path} | ${(bytes.byteLength / 1024).toFixed(0)} KB | ${cold.toFixed(0)} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} |`,
  );
  process.stderr.write(".");
}
process.stderr.write("\n");
console.log(`| issue | size | first build (ms) | median of ${RUNS} (ms) | p95 (ms) |\n|---|---|---|---|---|\n${rows.join("\n")}`);
