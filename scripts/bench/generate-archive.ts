// Writes a synthetic archive for benchmarks: <out>/series/*.yml and <out>/<series>/<year>/<NNN>.mdx,
// the same bytes for the same issue count and seed. Also usable on its own:
//   npx tsx scripts/bench/generate-archive.ts --issues 200 --seed 1 --out /tmp/archive
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { allocate, type BenchSeries, FIRST_YEAR, SERIES } from "./series";
import { article, type Ctx, PLANTED, palette, plainLength, Rng, sentence, sentences, title } from "./text";
import * as V from "./vocabulary";

/** Bump when the output changes, so archives generated before are not reused. */
export const GENERATOR_VERSION = 2;

/** The benchmark's search queries: 1, 2, 3 and 6 characters, mixed, and one that finds nothing. */
export const QUERIES = [
  "团",
  "青",
  "会",
  "长治",
  "双减",
  "就业",
  "少先",
  "少先队",
  "志愿者",
  "青年就业创业",
  "全团带队职责",
  "2022年",
  "684个",
  V.NO_HIT_QUERY,
];

export type Manifest = {
  generator: number;
  issues: number;
  seed: number;
  series: { id: string; issues: number }[];
  internal: number;
  chars: { min: number; max: number; mean: number };
  bytes: number;
  /** Issues whose title, subtitle, preface or text contain the query (all, and public only). */
  hits: Record<string, { all: number; public: number }>;
  /** Public issues for the page benchmarks and for the one-changed-file re-sync. */
  samples: { issue: string; year: string; series: string; change: string[] };
  ms: number;
};

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function dates(r: Rng, year: number, n: number): string[] {
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  return Array.from({ length: n }, (_, k) => {
    const day = Math.min(days - 1, Math.floor(((k + r.next()) * days) / n));
    return new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
  });
}

type Issue = { rel: string; text: string; chars: number; searchable: string; public: boolean };

function issue(r: Rng, s: BenchSeries, year: number, number: number, date: string, total: number | undefined): Issue {
  const ownOrg = r.chance(0.15) ? r.pick(V.BODIES) : undefined;
  const c: Ctx = { r, year, org: ownOrg ?? s.voice, p: palette(r) };
  const internal = r.chance(0.03);
  const headline = title(c);
  const second = r.chance(0.2)
    ? `${r.pick(["广泛开展", "深入推进", "扎实开展"])}“${r.pick(V.SLOGANS)}”${r.pick(V.TITLE_ENDINGS)}`
    : undefined;
  const titleValue = second ? `\n  - ${q(headline)}\n  - ${q(second)}` : ` ${q(headline)}`;
  const subtitle = r.chance(0.1) ? `——“${r.pick(V.SLOGANS)}”${r.pick(V.ACTIVITIES)}综述` : undefined;
  const preface = r.chance(0.1) ? `${sentence(c)}${sentence(c)}本期刊发有关情况，供各地学习借鉴。` : undefined;
  const fm = [
    "---",
    `series: ${s.id}`,
    `year: ${year}`,
    `number: ${number}`,
    ...(total ? [`total: ${total}`] : []),
    `date: ${date}`,
    `title:${titleValue}`,
    ...(subtitle ? [`subtitle: ${q(subtitle)}`] : []),
    ...(preface ? [`preface: ${q(preface)}`] : []),
    ...(ownOrg ? [`organization: ${q(ownOrg)}`] : []),
    ...(internal ? [`marking: "内部资料　注意保存"`] : []),
    ...(r.chance(0.1)
      ? [
          "distribution:",
          ...(["report", "send", "issue"] as const).flatMap((k) => [
            `  ${k}:`,
            ...r.pickSome(V.RECIPIENTS, r.int(1, 4)).map((b) => `    - ${q(b)}`),
          ]),
        ]
      : []),
    ...(r.chance(0.05) ? [`editor: ${r.pick(["赵坚", "李明", "王晓东", "张华", "陈静", "刘涛", "孙丽"])}`] : []),
    ...(r.chance(0.6) ? [`copies: ${r.int(5, 30) * 10}`] : []),
    `visibility: ${internal ? "internal" : "public"}`,
    "status: published",
    "---",
  ];
  const planted = PLANTED.filter((p) => r.chance(p.rate)).map((p) => p.sentence(r));
  const target = r.int(1500, 5800);
  const articles = target >= 3000 && r.chance(0.25) ? r.int(2, 3) : 1;
  const blocks: string[] = [];
  for (let a = 0; a < articles; a++) {
    const ctx = a === 0 ? c : { ...c, org: r.pick(V.BODIES), p: palette(r) };
    blocks.push(...article(ctx, target / articles, { heading: articles > 1, planted: a === 0 ? planted : [] }));
  }
  // Short drafts are topped up before the closing paragraph and byline: every issue has at least 1,500 characters.
  while (plainLength(blocks.join("")) < 1500) blocks.splice(blocks.length - 2, 0, sentences(c, 2, 4));
  if (articles === 1 && r.chance(0.05))
    blocks.push(
      `<Signature org="${s.id === "qnxx" ? "共青团太原市委" : "共青团山西省委"}" date="${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8))}日" />`,
    );
  const body = blocks.join("\n\n");
  const searchable = [headline, second, subtitle, preface, body.replace(/<\/?[A-Za-z][^>]*>|\*\*|^# /gm, "")].filter(Boolean).join("\n");
  const rel = `${s.id}/${year}/${String(number).padStart(3, "0")}.mdx`;
  return { rel, text: `${fm.join("\n")}\n\n${body}\n`, chars: plainLength(body), searchable, public: !internal };
}

export function generateArchive({ out, issues, seed }: { out: string; issues: number; seed: number }): Manifest {
  const started = performance.now();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, "series"), { recursive: true });
  const counts = allocate(issues);
  const r = new Rng(seed);
  const hits = Object.fromEntries(QUERIES.map((query) => [query, { all: 0, public: 0 }]));
  const chars = { min: Infinity, max: 0, sum: 0 };
  const publicBySeries = new Map<string, string[]>();
  let bytes = 0;
  let internal = 0;
  SERIES.forEach((s, si) => {
    fs.writeFileSync(path.join(out, "series", `${s.id}.yml`), s.yaml());
    let total = 0;
    counts[si]!.forEach((n, yi) => {
      const year = FIRST_YEAR + yi;
      if (n > 0) fs.mkdirSync(path.join(out, s.id, String(year)), { recursive: true });
      dates(r, year, n).forEach((date, k) => {
        total++;
        const it = issue(r, s, year, k + 1, date, s.showTotal ? total : undefined);
        fs.writeFileSync(path.join(out, it.rel), it.text);
        bytes += Buffer.byteLength(it.text);
        chars.min = Math.min(chars.min, it.chars);
        chars.max = Math.max(chars.max, it.chars);
        chars.sum += it.chars;
        if (!it.public) internal++;
        else publicBySeries.get(s.id)?.push(it.rel) ?? publicBySeries.set(s.id, [it.rel]);
        for (const query of QUERIES) {
          if (!it.searchable.includes(query)) continue;
          hits[query]!.all++;
          if (it.public) hits[query]!.public++;
        }
      });
    });
  });
  const jtyx = publicBySeries.get("jtyx") ?? [];
  // The issue page: number 3 of 2015 when it exists and is public, else the public issue nearest the middle.
  const page = jtyx.find((rel) => rel === "jtyx/2015/003.mdx") ?? jtyx[Math.floor(jtyx.length / 2)];
  if (!page) throw new Error("the archive has no public jtyx issue: generate more issues");
  const [, year, file] = page.split("/");
  const others = [...publicBySeries.values()].flat().filter((rel) => rel !== page);
  const change = [0.25, 0.5, 0.75].map((f) => others[Math.floor(f * others.length)]).filter((x): x is string => Boolean(x));
  return {
    generator: GENERATOR_VERSION,
    issues,
    seed,
    series: SERIES.map((s, si) => ({ id: s.id, issues: counts[si]!.reduce((a, b) => a + b, 0) })),
    internal,
    chars: { min: chars.min, max: chars.max, mean: Math.round(chars.sum / issues) },
    bytes,
    hits,
    samples: { issue: `/jtyx/${year}/${Number(file!.slice(0, 3))}`, year: `/jtyx/${year}`, series: "/jtyx", change },
    ms: Math.round(performance.now() - started),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { issues: { type: "string", default: "200" }, seed: { type: "string", default: "1" }, out: { type: "string" } },
  });
  if (!values.out) throw new Error("usage: generate-archive.ts --issues N --seed S --out DIR");
  const manifest = generateArchive({ out: path.resolve(values.out), issues: Number(values.issues), seed: Number(values.seed) });
  console.log(JSON.stringify(manifest, null, 2));
}
