// Bulletin prose for the synthetic archive: a seeded PRNG and builders for sentences, run-in
// sections (<RunIn>一、…。</RunIn> with **一是**…), tables and whole articles. Only markup the
// loader accepts is produced; no line starts with a digit, "#" or "-" unless it is meant to.
import * as V from "./vocabulary";

/** mulberry32: small, fast and the same on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  pickSome<T>(xs: readonly T[], n: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

/** Tokens planted at a fixed rate, so search queries for them have a known number of hits. */
export const PLANTED = [
  { token: "全团带队职责", rate: 0.01, sentence: (r: Rng) => `${r.pick(V.BODIES)}认真履行全团带队职责，推动少先队工作高质量发展。` },
  { token: "684个", rate: 0.03, sentence: (r: Rng) => `相关活动在全市684个少先队大队实现全覆盖，${r.pick(V.EFFECTS)}。` },
] as const;

// A random count never spells a planted token (684个 stays at its planted rate).
const int = (r: Rng, min: number, max: number) => {
  const n = r.int(min, max);
  return n % 1000 === 684 ? n + 1 : n;
};
const many = (r: Rng) => (r.chance(0.3) ? `${int(r, 1, 9)}.${int(r, 1, 9)}万余` : `${int(r, 120, 9800)}余`);
const percent = (r: Rng) => `${int(r, 60, 99)}.${int(r, 0, 9)}%`;
const when = (r: Rng, year: number) =>
  r.pick([`${year}年以来`, "今年以来", `${int(r, 1, 12)}月以来`, "近期", "近年来", `${year}年${int(r, 1, 12)}月`]);

const TEMPLATES = 12;

/** What one issue is about: a few topics, places, groups and kinds of activity, and its habits of phrase. */
export type Palette = { topics: string[]; places: string[]; groups: string[]; activities: string[]; templates: number[] };

export function palette(r: Rng): Palette {
  const places = [...r.pickSome(V.CITIES, r.int(1, 3)).map((c) => `${c}市`), ...r.pickSome(V.COUNTIES, r.int(2, 4))];
  const templates = r.pickSome([...Array(TEMPLATES).keys()], r.int(6, 9));
  return {
    topics: r.pickSome(V.TOPICS, r.int(2, 4)),
    places,
    groups: r.pickSome(V.GROUPS, r.int(3, 5)),
    activities: r.pickSome(V.ACTIVITIES, r.int(3, 6)),
    templates,
  };
}

export type Ctx = { r: Rng; year: number; org: string; p: Palette };

export function sentence({ r, year, org, p }: Ctx): string {
  const [entity, unit] = r.pick(V.ENTITIES);
  const [m1, m2] = r.pickSome(V.MEASURES, 2);
  const topic = r.pick(p.topics);
  const group = r.pick(p.groups);
  const activity = r.pick(p.activities);
  switch (r.pick(p.templates)) {
    case 0:
      return `${when(r, year)}，${org}${r.pick(V.VERBS_LEAD)}${topic}，${r.pick(V.EFFECTS)}。`;
    case 1:
      return `全年累计开展${activity}${int(r, 12, 3600)}场，参与${group}${many(r)}人次。`;
    case 2:
      return `联合${r.pickSome(V.PARTNERS, 2).join("、")}等单位，围绕${topic}组织开展${activity}，${r.pick(V.EFFECTS)}。`;
    case 3:
      return `截至${year}年${int(r, 1, 12)}月底，共有${entity}${int(r, 20, 9000)}${unit}、${group}${many(r)}名。`;
    case 4:
      return `以“${r.pick(V.SLOGANS)}”为主题，引导广大${group}在${topic}中${r.pick(["锤炼品格", "增长才干", "建功立业", "奉献青春"])}。`;
    case 5:
      return `${r.pickSome(p.places, 2).join("、")}等地结合实际，探索形成了“${r.pick(V.MODES)}”的工作模式。`;
    case 6:
      return `按照每名${r.pick(["少先队员", "团员", "青年志愿者"])}${int(r, 1, 9)}.${int(r, 1, 9)}元的标准落实工作经费，县级财政承担${int(r, 2, 8)}0%。`;
    case 7:
      return `调查显示，有${percent(r)}的受访${group}认为${topic}“${r.pick(["很有帮助", "需要加强", "成效明显", "贴近实际"])}”。`;
    case 8:
      return `新建${entity}${int(r, 5, 400)}${unit}，${group}的组织覆盖面进一步扩大。`;
    case 9:
      return `在${r.pick(p.places)}举办${activity}，组织${int(r, 20, 900)}家单位提供岗位${many(r)}个，达成意向${int(r, 100, 6000)}人。`;
    case 10:
      return `${group}普遍反映，${activity}形式新颖、内容实在，${r.pick(V.EFFECTS)}。`;
    default:
      return `坚持${m1}与${m2}相结合，着力${r.pick(V.GOALS)}。`;
  }
}

export const sentences = (c: Ctx, min: number, max: number) => Array.from({ length: c.r.int(min, max) }, () => sentence(c)).join("");

/** The opening paragraph: who did what, and a few figures. */
export function opening(c: Ctx): string {
  const { r } = c;
  return `${when(r, c.year)}，${c.org}${r.pick(V.VERBS_LEAD)}${c.p.topics[0]}，${r.pick(V.MEASURES)}，${r.pick(V.GOALS)}，${r.pick(V.EFFECTS)}。${sentences(c, 1, 3)}`;
}

/** A run-in section: "一、heading。" then either 一是/二是 clauses or plain sentences. */
export function section(c: Ctx, index: number, budget: number, level?: 2): string {
  const { r } = c;
  const numeral = V.NUMERALS[index % V.NUMERALS.length]!;
  const heading = level
    ? `（${numeral}）${r.pick(V.MEASURES)}，${r.pick(V.GOALS)}。`
    : `${numeral}、${r.pick(V.MEASURES)}，${r.pick(V.GOALS)}。`;
  let text = `<RunIn${level ? ` level="${level}"` : ""}>${heading}</RunIn>`;
  if (r.chance(0.7)) {
    const clauses = r.pickSome(V.MEASURES, 5);
    const perClause = Math.max(1, Math.round(budget / 55 / r.int(3, 5)));
    for (let k = 0; k < clauses.length && (k < 2 || text.length < budget); k++)
      text += `**${V.NUMERALS[k]}是**${clauses[k]}。${sentences(c, 1, perClause)}`;
  } else {
    while (text.length < budget) text += sentence(c);
  }
  return text;
}

export function table(c: Ctx): string {
  const { r } = c;
  const cities = r.pickSome(V.CITIES, r.int(3, 6));
  const rows = cities.map((city) => `| ${city}市 | ${int(r, 100, 3000)} | ${int(r, 2000, 90000)} |`);
  return [
    `部分市${r.pick(V.ACTIVITIES)}开展情况如下：`,
    "",
    "| 市 | 开展活动（场） | 参与人数（人次） |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export function title(c: Ctx): string {
  const { r } = c;
  return `${c.org}${r.pick(V.VERBS_LEAD)}${c.p.topics[0]}${r.pick(V.TITLE_ENDINGS)}`;
}

/** An article of about `budget` characters of markup-free text, as MDX blocks. */
export function article(c: Ctx, budget: number, opts: { heading: boolean; planted: string[] }): string[] {
  const { r } = c;
  const blocks: string[] = [];
  if (opts.heading) blocks.push(`# ${title(c)}`);
  blocks.push(opening(c) + opts.planted.join(""));
  let used = plainLength(blocks.join(""));
  const closing = `下一步，${c.org}将${r.pick(V.VERBS_LEAD)}${r.pick(c.p.topics)}，${r.pick(V.MEASURES)}，${r.pick(V.GOALS)}，为全省高质量发展贡献青春力量。`;
  const reserve = closing.length + 12;
  const nested = r.chance(0.15);
  for (let i = 0; i < 10 && (i < 2 || used + 200 < budget - reserve); i++) {
    const share = Math.max(150, Math.min(r.int(300, 900), budget - reserve - used));
    if (nested) {
      blocks.push(`<RunIn>${V.NUMERALS[i]}、${r.pick(V.MEASURES)}。</RunIn>${sentence(c)}`);
      for (let j = 0; j < 2; j++) blocks.push(section(c, j, share / 2, 2));
    } else blocks.push(section(c, i, share));
    if (i === 1 && r.chance(0.06)) blocks.push(table(c));
    used = plainLength(blocks.join(""));
  }
  blocks.push(closing);
  blocks.push(`<Byline>（${r.pick(V.BODIES)}供稿）</Byline>`);
  return blocks;
}

/** Characters a reader sees: the text without MDX markup and whitespace. */
export function plainLength(mdx: string): number {
  return mdx
    .replace(/<\/?[A-Za-z][^>]*>/g, "")
    .replace(/\*\*|^#+ |^\|? ?-{3}.*$|\|/gm, "")
    .replace(/\s+/g, "").length;
}
