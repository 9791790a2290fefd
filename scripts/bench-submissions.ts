// `npm run bench:submissions [-- --write] [--runs N] [--keep]`: how fast the 信息报送 statistics
// answer at scale. Seeds a temporary database (scripts/lib/seed-submissions.ts: 300 units, five
// years, ~100,000 submissions with versions, events and search text, 约稿 and 批示), then times
// in process, N runs after a warm-up: a year's statistics of one series (unitStats), a month's,
// the year with 含下级单位, building the .xlsx of the year, and the inbox's pages (listInbox). Target: p95 ≤ 100 ms each.
// --write puts the table into BENCHMARKS.md ("## 信息报送 statistics"). Progress: stderr.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { openDb } from "@/db/index";
import { createUser } from "@/db/queries/users";
import { type InboxFilters, listInbox } from "@/db/queries/xinxi/inbox";
import { unitAndDescendants } from "@/db/queries/xinxi/units";
import { units } from "@/db/schema";
import { parseQuery } from "@/lib/search/text";
import { monthPeriod, type Period, yearPeriod } from "@/lib/xinxi/period";
import { unitStats } from "@/lib/xinxi/stats";
import { statsXlsx } from "@/lib/xinxi/stats-export";
import { ms, type Stat, Table, writeSection } from "./bench/studio-report";
import { seedSubmissions } from "./lib/seed-submissions";

const { values: opt } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    runs: { type: "string", default: "30" },
    "per-year": { type: "string", default: "20000" },
    units: { type: "string", default: "300" },
  },
});
const num = (name: "runs" | "per-year" | "units") => {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, not ${opt[name]}`);
  return n;
};
const RUNS = num("runs");
const TARGET_MS = 100;
const step = (what: string) => console.error(`[bench:submissions] ${new Date().toISOString().slice(11, 19)} ${what}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-bench-submissions-"));
const cleanup = () => {
  if (!opt.keep) fs.rmSync(tmp, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });

try {
  const file = path.join(tmp, "jianbao.sqlite");
  const d = openDb(file, { backupDir: path.join(tmp, "backups") });
  const actorId = createUser(d, { email: "editor@bench.example.org", name: "王编辑", role: "editor", passwordHash: "scrypt$x" }).id;
  step("seeding");
  const seeding = performance.now();
  const seeded = seedSubmissions(d, { actorId, units: num("units"), perYear: num("per-year"), search: true, progress: step });
  const seedMs = performance.now() - seeding;
  const bytes = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  step(`seeded in ${(seedMs / 1000).toFixed(1)} s: ${JSON.stringify(seeded)}`);

  // The last full year and its last month, as the office would ask in December.
  const lastYear = new Date().getFullYear() - 1;
  const year = yearPeriod(lastYear);
  const month = monthPeriod(lastYear, 11);
  const time = async (fn: () => unknown): Promise<number[]> => {
    for (let i = 0; i < 3; i++) await fn();
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    return xs;
  };
  const stats =
    (period: Period, rollUp = false) =>
    () =>
      unitStats(d, { seriesId: "jtyx", period, rollUp });
  const table = new Table();
  const results: [string, Stat][] = [];
  const measure = async (label: string, fn: () => unknown) => results.push([label, table.add(label, await time(fn))]);
  await measure(`unitStats, a year (${lastYear})`, stats(year));
  await measure(`unitStats, a month (${lastYear}-11)`, stats(month));
  await measure(`unitStats, a year, 含下级单位`, stats(year, true));
  await measure("export: unitStats + .xlsx of the year", async () =>
    statsXlsx(unitStats(d, { seriesId: "jtyx", period: year }), "晋团要讯"),
  );
  // The editors' inbox (listInbox: the page's one query) and a contributor's own list, as the
  // /studio/submissions pages ask them: 20 a page.
  const city = d.select().from(units).where(eq(units.level, "city")).limit(1).get()!;
  const county = d.select().from(units).where(eq(units.level, "county")).limit(1).get()!;
  const inbox =
    (filters: Omit<InboxFilters, "page" | "pageSize">, page = 1) =>
    () =>
      listInbox(d, { order: "inbox", ...filters, page, pageSize: 20 });
  await measure("inbox: first page, every series and status", inbox({}));
  await measure("inbox: page 200", inbox({}, 200));
  await measure("inbox: an editor's one series", inbox({ seriesIds: ["jtyx"] }));
  await measure("inbox: a city and the units under it", inbox({ unitIds: unitAndDescendants(d, city.id) }));
  await measure("inbox: 已报送 only", inbox({ statuses: ["submitted"] }));
  await measure("inbox: search 志愿服务", inbox({ terms: parseQuery("志愿服务").terms }));
  await measure(
    `inbox: a year (${lastYear})`,
    inbox({ from: new Date(`${lastYear}-01-01T00:00:00+08:00`), to: new Date(`${lastYear + 1}-01-01T00:00:00+08:00`) }),
  );
  await measure("a contributor's own list (one county)", inbox({ unitIds: [county.id], order: "newest" }));
  const rows = unitStats(d, { seriesId: "jtyx", period: year }).rows;
  const missed = results.filter(([, s]) => s.p95 > TARGET_MS);
  console.log(
    missed.length
      ? `\nOver the ${TARGET_MS} ms target at p95: ${missed.map(([l]) => l).join("; ")}`
      : `\nAll within ${TARGET_MS} ms at p95.`,
  );

  if (opt.write) {
    const section = `## 信息报送 statistics (\`npm run bench:submissions\`)

\`npm run bench:submissions -- --write\` (options: \`--runs N\`, \`--per-year\`, \`--units\`, \`--keep\` to keep the
database) seeds a temporary database with \`scripts/lib/seed-submissions.ts\` and times the statistics in process, ${RUNS}
runs after 3 warm-ups. ${new Date().toISOString().slice(0, 10)}, this 2-core machine (shared): read as orders of magnitude.

Data: ${seeded.units} units (one province, its cities, their counties), ${seeded.submissions.toLocaleString("en")} submissions over five
years in two series (${Object.entries(seeded.byStatus)
      .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
      .join(", ")}), ${seeded.versions.toLocaleString("en")} versions with ~800-character bodies and their search text,
${seeded.events.toLocaleString("en")} events, ${seeded.calls} 约稿 (${seeded.callUnits.toLocaleString("en")} named addressees, a third to all units), ${seeded.instructions} 批示;
${(bytes / 1024 / 1024).toFixed(0)} MB of database, seeded in ${(seedMs / 1000).toFixed(0)} s. The year's table has ${rows.length} rows.
Target: p95 ≤ ${TARGET_MS} ms.

${table.text()}

Each figure is one set of GROUP BY queries per stretch of days under one points table, over the
indexes on submissions(series_id, submitted_at), (decided_at), (published_at), instructions(series_id, date);
约稿 go through lib/xinxi/calls.ts callAnswers (calls by deadline, their answers, one query per call for the
units it names); nothing is queried per unit. The inbox rows are \`listInbox\` (db/queries/xinxi/inbox.ts), the
one query behind /studio/submissions: a count over a covering index and a page of ids walked newest first.
`;
    writeSection("BENCHMARKS.md", section, /^## 信息报送 statistics\b.*$/m);
    step("BENCHMARKS.md written");
  }
  console.error(`medians: ${results.map(([l, s]) => `${l} ${ms(s.median)} ms`).join("; ")}`);
  d.$client.close();
} finally {
  cleanup();
}
