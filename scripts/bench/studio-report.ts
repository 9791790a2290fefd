// The studio benchmark's figures: statistics of the timed runs, the table as it grows, and the
// "## The studio" section of BENCHMARKS.md, replaced whole on each --write.
import fs from "node:fs";

export type Stat = { n: number; median: number; p95: number; max: number };

/** Median (the mean of the middle two for an even count), p95 by nearest rank, max. */
export function stat(xs: number[]): Stat {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length === 0 ? NaN : s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n: s.length, median, p95: s[Math.max(0, Math.ceil(0.95 * s.length) - 1)] ?? NaN, max: s[s.length - 1] ?? NaN };
}

export const ms = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en") : n.toFixed(1)) : "—");

export type Row = { label: string; stat: Stat };

export const TABLE_HEAD = "| measure | N | median ms | p95 ms | max ms |\n|---|---|---|---|---|";

export const tableRow = (r: Row) => `| ${r.label} | ${r.stat.n} | ${ms(r.stat.median)} | ${ms(r.stat.p95)} | ${ms(r.stat.max)} |`;

/** Prints rows to stdout as they are measured, and keeps them for the section. */
export class Table {
  readonly rows: Row[] = [];
  constructor() {
    console.log(`\n${TABLE_HEAD}`);
  }
  add(label: string, xs: number[]): Stat {
    const row = { label, stat: stat(xs) };
    this.rows.push(row);
    console.log(tableRow(row));
    return row.stat;
  }
  text(): string {
    return [TABLE_HEAD, ...this.rows.map(tableRow)].join("\n");
  }
}

const HEADING = /^## The studio\b.*$/m;

/** Replaces the "## The studio" section (or the one `heading` finds), up to the next "## " heading, or appends it. */
export function writeSection(file: string, section: string, heading: RegExp = HEADING): void {
  const text = fs.readFileSync(file, "utf8");
  const start = text.search(heading);
  let next: string;
  if (start < 0) next = `${text.trimEnd()}\n\n${section.trim()}\n`;
  else {
    const after = text.slice(start + 1).search(/^## /m);
    const end = after < 0 ? text.length : start + 1 + after;
    next = `${text.slice(0, start)}${section.trim()}\n${end < text.length ? `\n${text.slice(end)}` : ""}`;
  }
  // Written beside it and renamed: someone else may be reading the file meanwhile.
  fs.writeFileSync(`${file}.tmp`, next);
  fs.renameSync(`${file}.tmp`, file);
}

/** One issue's preview and autosave figures, from its timed edits. */
export type EditSummary = {
  name: string;
  chars: number;
  total: Stat;
  after: Stat;
  parts: { label: string; stat: Stat }[];
  /** the preview's server action, request → last byte */
  server: Stat;
  cpu: Stat;
  saveAfter: Stat;
  saveServer: Stat;
  open: Stat;
  /** openings of the draft, and those after which the preview never sent a request */
  opens: number;
  lost: number;
  /** openings after which the page count never showed (排版中… stayed) */
  uncounted: number;
};

export type PublishSummary = { total: Stat; action: Stat; refresh: Stat };

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const largest = (s: EditSummary) => [...s.parts].sort((a, b) => b.stat.median - a.stat.median)[0]!;

/** Two or three sentences on what dominates, worked out from the medians. */
export function reading(sample: EditSummary, long: EditSummary, publish: PublishSummary, rssMb: number): string {
  const [a, b] = [largest(sample), largest(long)];
  // The parts that gained the most milliseconds with the longer text, and by what factor.
  const grow = long.parts
    .map((p) => {
      const before = sample.parts.find((q) => q.label === p.label)?.stat.median ?? NaN;
      return { label: p.label, gain: p.stat.median - before, ratio: p.stat.median / before };
    })
    .filter((p) => Number.isFinite(p.ratio))
    .sort((x, y) => y.gain - x.gain);
  const computing = sample.cpu.median >= 0.8 * sample.server.median && long.cpu.median >= 0.8 * long.server.median;
  const where =
    a.label === b.label
      ? `${a.label} on both (${ms(a.stat.median)} ms, ${pct(a.stat.median, sample.after.median)}, on the sample; ${ms(b.stat.median)} ms, ${pct(b.stat.median, long.after.median)}, on the long issue)`
      : `${a.label} on the sample (${ms(a.stat.median)} ms, ${pct(a.stat.median, sample.after.median)}) and ${b.label} on the long issue (${ms(b.stat.median)} ms, ${pct(b.stat.median, long.after.median)})`;
  return [
    `- **Preview.** An edit shows in the preview after a median ${ms(sample.total.median)} ms on the sample (${sample.chars.toLocaleString("en")} characters) and ${ms(long.total.median)} ms on the long issue (${long.chars.toLocaleString("en")}), ${ms(sample.after.median)} and ${ms(long.after.median)} ms of it after the 600 ms debounce. ` +
      `Past the debounce the largest part is ${where}; with ${(long.chars / sample.chars).toFixed(1)} times the text, ${grow
        .slice(0, 2)
        .map((g) => `${g.label} takes ${g.ratio.toFixed(1)} times as long`)
        .join(" and ")}. ` +
      `The server process spends ${ms(sample.cpu.median)} and ${ms(long.cpu.median)} ms of CPU per preview against ${ms(sample.server.median)} and ${ms(long.server.median)} ms from the action's request to its last byte: ` +
      (computing
        ? "the action's time is the server computing (compiling the MDX, rendering the layout), not waiting."
        : "part of the action's time is waiting, for the CPU the server shares with the browser or for I/O."),
    `- **Autosave and publishing.** After its 2.5 s wait the autosave needs ${ms(sample.saveAfter.median)} ms more on the sample and ${ms(long.saveAfter.median)} ms on the long issue (the server action ${ms(sample.saveServer.median)} and ${ms(long.saveServer.median)} ms): the wait is what an editor notices. ` +
      `立即发布 to 已发布 takes ${ms(publish.total.median)} ms, of which the publishing action (write the file, index it) is ${ms(publish.action.median)} ms and the page's refresh ${ms(publish.refresh.median)} ms. The server's RSS after all the runs is ${rssMb} MB.`,
    `- **Opening a draft** shows its preview in sheets after ${ms(sample.open.median)} ms (sample) and ${ms(long.open.median)} ms (long issue): the page, then the layout the server rendered into the frame, paginated there. ` +
      (sample.lost + long.lost
        ? `In ${sample.lost + long.lost} of ${sample.opens + long.opens} openings the preview never sent a request${sample.uncounted + long.uncounted ? ` (and in ${sample.uncounted + long.uncounted} the page count stayed at 排版中…)` : ""}: the frame posts \`jianbao:ready\` and its page count once (components/studio/preview-frame.tsx), and on those loads it did so before the editor listened (components/studio/preview-pane.tsx), so edits left the preview as it was until the page was reloaded.`
        : `In all ${sample.opens + long.opens} openings the preview connected (sent its first request 600 ms after the frame was ready).`),
  ].join("\n");
}
