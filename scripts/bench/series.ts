// The series of the synthetic archive: the two real ones from content/series/ as they are, and
// four plausible others. `voice` is how an issue's text names its own body by default.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

export type BenchSeries = { id: string; weight: number; showTotal: boolean; voice: string; yaml: () => string };

const real = (id: string) => () => fs.readFileSync(fileURLToPath(new URL(`../../content/series/${id}.yml`, import.meta.url)), "utf8");

const made =
  (s: {
    id: string;
    name: string;
    organization: string;
    color: string;
    showTotal: boolean;
    editor: string;
    report: string[];
    send: string[];
    issue: string[];
    description: string;
  }) =>
  () =>
    [
      `# ${s.name}: a series of the synthetic benchmark archive (scripts/bench/generate-archive.ts).`,
      `id: ${s.id}`,
      `name: ${s.name}`,
      `organization: ${s.organization}`,
      `color: "${s.color}"`,
      "numbering:",
      "  reset: yearly",
      `  showTotal: ${s.showTotal}`,
      `editor: ${s.editor}`,
      "distribution:",
      ...(["report", "send", "issue"] as const).flatMap((k) => [`  ${k}:`, ...s[k].map((b) => `    - ${b}`)]),
      `description: ${s.description}`,
      "",
    ].join("\n");

export const SERIES: BenchSeries[] = [
  { id: "jtyx", weight: 1.4, showTotal: false, voice: "团省委", yaml: real("jtyx") },
  { id: "qnxx", weight: 1.0, showTotal: true, voice: "团太原市委", yaml: real("qnxx") },
  {
    id: "gqtjb",
    weight: 1.0,
    showTotal: true,
    voice: "团省委",
    yaml: made({
      id: "gqtjb",
      name: "山西共青团工作简报",
      organization: "共青团山西省委办公室",
      color: "#B5121B",
      showTotal: true,
      editor: "王晓东",
      report: ["团中央办公厅", "省委办公厅"],
      send: ["省直有关单位", "团省委班子成员"],
      issue: ["市级团委", "省直各团（工）委", "各高校团委"],
      description: "共青团山西省委办公室编印的工作简报，通报全省共青团重点工作推进情况。",
    }),
  },
  {
    id: "qnfz",
    weight: 0.8,
    showTotal: false,
    voice: "团省委青年发展部",
    yaml: made({
      id: "qnfz",
      name: "青年发展信息",
      organization: "共青团山西省委青年发展部",
      color: "#D7000F",
      showTotal: false,
      editor: "张华",
      report: ["省委办公厅", "省政府办公厅"],
      send: ["省青年工作联席会议成员单位"],
      issue: ["市级团委", "团省委机关各部门、直属事业单位"],
      description: "反映全省青年发展规划实施、青年就业创业和青年发展型城市建设情况。",
    }),
  },
  {
    id: "sdgz",
    weight: 0.8,
    showTotal: false,
    voice: "省少工委",
    yaml: made({
      id: "sdgz",
      name: "少先队工作动态",
      organization: "少先队山西省工作委员会办公室",
      color: "#CC0000",
      showTotal: false,
      editor: "陈静",
      report: ["团中央少年部", "省委办公厅"],
      send: ["省少工委委员单位", "省教育厅"],
      issue: ["各市少工委", "各市团委少年部"],
      description: "少先队山西省工作委员会编印，交流全省少先队工作和少先队改革的经验做法。",
    }),
  },
  {
    id: "dtqn",
    weight: 0.6,
    showTotal: true,
    voice: "团大同市委",
    yaml: made({
      id: "dtqn",
      name: "大同青年工作",
      organization: "共青团大同市委",
      color: "#C8161D",
      showTotal: true,
      editor: "刘涛",
      report: ["市委办公室", "市政府办公室", "团省委办公室"],
      send: ["市直有关单位", "团市委班子成员"],
      issue: ["各县（区）团委", "市直各团（工）委"],
      description: "共青团大同市委编印的工作信息，反映全市共青团和青年工作动态。",
    }),
  },
];

export const FIRST_YEAR = 2007;
export const LAST_YEAR = 2026;
export const MAX_NUMBER = 999; // the schema's limit for an issue number

/**
 * Issues per series and year, in proportion to the series' weight and a year weight that grows
 * over the two decades, no cell above MAX_NUMBER (the overflow goes to the other cells).
 */
export function allocate(total: number): number[][] {
  const years = LAST_YEAR - FIRST_YEAR + 1;
  const cells = SERIES.flatMap((s, si) =>
    Array.from({ length: years }, (_, yi) => ({ si, yi, w: s.weight * (0.6 + (0.8 * yi) / (years - 1)), n: 0, full: false })),
  );
  if (total > cells.length * MAX_NUMBER)
    throw new Error(`at most ${cells.length * MAX_NUMBER} issues fit in ${SERIES.length} series × ${years} years`);
  for (let left = total; left > 0; ) {
    const open = cells.filter((c) => !c.full);
    const weight = open.reduce((s, c) => s + c.w, 0);
    // Largest remainder within this round, so the counts add up to exactly `total`.
    const shares = open.map((c) => ({ c, exact: (left * c.w) / weight }));
    let given = 0;
    for (const s of shares) {
      const whole = Math.floor(s.exact);
      s.c.n += whole;
      given += whole;
    }
    shares.sort((a, b) => (b.exact % 1) - (a.exact % 1));
    for (let i = 0; given < left; i++, given++) shares[i % shares.length]!.c.n++;
    left = 0;
    for (const c of open) {
      if (c.n <= MAX_NUMBER) continue;
      left += c.n - MAX_NUMBER;
      c.n = MAX_NUMBER;
      c.full = true;
    }
  }
  return SERIES.map((_, si) => cells.filter((c) => c.si === si).map((c) => c.n));
}
