// A corpus of bulletins laid out the ways real archives have them, imported whole and compared
// with the exact MDX they must give (frontmatter and body): text files in
// test/fixtures/import-corpus/ (NAME.txt → NAME.expected.mdx), and Word files this test builds
// with the `docx` package in the styles offices use (Normal with direct formatting, Heading 1/2,
// manual line breaks, a tab between the organisation and the date, 方正小标宋/仿宋/楷体 runs).
// The same bulletin as a text file and as a Word file gives the same MDX.
import fs from "node:fs/promises";
import path from "node:path";
import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  type IParagraphOptions,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/auth/file-seal";
import { checkContent } from "@/lib/content/check";
import { type ImportResult, importFile } from "@/lib/import/import-file";
import { toMdx } from "@/lib/import/mdx-writer";
import { FOOTNOTE_CLOSE, FOOTNOTE_OPEN } from "@/lib/import/normalize";
import { recognise } from "@/lib/import/recognise";
import { REPO, tempContent } from "./lib/import-env";

const CORPUS = path.join(REPO, "test/fixtures/import-corpus");

let env: Awaited<ReturnType<typeof tempContent>>;
beforeAll(async () => {
  env = await tempContent();
});

const expected = (name: string) => fs.readFile(path.join(CORPUS, `${name}.expected.mdx`), "utf8");

async function importInto(file: string): Promise<Extract<ImportResult, { mdx: string }>> {
  const result = await importFile(file, { contentDir: env.dir, series: env.series, dryRun: true });
  if (result.status === "failed") throw new Error(`${result.code} (${result.line ?? "-"}): ${result.message}`);
  return result;
}

/** The review notes of a case, by what they say: none unless the case says so. */
const REVIEW: Record<string, string[]> = {
  "city-toc-diamond": ["标注为「内部资料　注意保存」，可见范围设为 internal（仅内部）"],
  "marking-two-lines": ["标注为「内部资料　注意保存」，可见范围设为 internal（仅内部）"],
  "marking-one-line-halfwidth": ["标注为「内部资料　注意保存」，可见范围设为 internal（仅内部）"],
  "docx-heading-styles": ["标注为「内部资料　注意保存」，可见范围设为 internal（仅内部）"],
};

const textCases = (await fs.readdir(CORPUS)).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4));

describe.each(textCases)("the text file %s.txt", (name) => {
  let result: Extract<ImportResult, { mdx: string }>;
  beforeAll(async () => {
    result = await importInto(path.join(CORPUS, `${name}.txt`));
  });

  it("gives exactly the expected frontmatter and body", async () => {
    expect(result.mdx).toBe(await expected(name));
  });

  it("holds for review only what it must", () => {
    expect(result.notes.filter((n) => n.review).map((n) => n.message)).toEqual(REVIEW[name] ?? []);
    expect(result.status).toBe(REVIEW[name] ? "review" : "imported");
  });
});

// ---- Word files, built the ways offices build them ----

type Run = { text: string; font?: string; size?: number; bold?: boolean; color?: string; br?: boolean; note?: number; sup?: boolean };
type Block = { runs: (Run | string)[]; p?: IParagraphOptions } | { table: string[][] };

const FANG = "仿宋_GB2312";
const r = (text: string, o: Omit<Run, "text"> = {}): Run => ({ text, ...o });
const para = (runs: (Run | string)[], p: IParagraphOptions = {}): Block => ({ runs, p });
const centered: IParagraphOptions = { alignment: AlignmentType.CENTER };
const indented: IParagraphOptions = { indent: { firstLine: 640 } };

type Extra = { footnotes?: Record<number, string>; properties?: { name: string; value: string }[] };

async function docxFile(name: string, blocks: Block[], extra: Extra = {}): Promise<string> {
  const children = blocks.map((b) => {
    if ("table" in b)
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: b.table.map((row) => new TableRow({ children: row.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
      });
    return new Paragraph({
      ...b.p,
      children: b.runs.map((x) => {
        const run = typeof x === "string" ? { text: x } : x;
        if (run.note) return new FootnoteReferenceRun(run.note);
        return new TextRun({
          text: run.text,
          font: run.font ?? FANG,
          size: run.size ?? 32,
          bold: run.bold,
          color: run.color,
          break: run.br ? 1 : undefined,
          superScript: run.sup,
        });
      }),
    });
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: FANG, size: 32 } } } },
    footnotes: Object.fromEntries(Object.entries(extra.footnotes ?? {}).map(([id, text]) => [id, { children: [new Paragraph(text)] }])),
    ...(extra.properties ? { customProperties: extra.properties } : {}),
    sections: [{ children }],
  });
  const file = path.join(env.dir, "..", `${path.basename(env.dir)}-${name}.docx`);
  await fs.writeFile(file, await Packer.toBuffer(doc));
  return file;
}

/**
 * The text file city-toc-diamond.txt as an office types it in Word: all Normal paragraphs with
 * direct formatting, the name in red 方正小标宋, a tab between the organisation and the date over
 * a red rule, 【编者按】 in bold 黑体 before 楷体 text, titles in 小标宋, runs split mid-phrase.
 */
const DIRECT_FORMATTING: Block[] = [
  para([r("内部资料　注意保存", { font: "黑体" })]),
  para([r("青年工作信息", { font: "方正小标宋简体", size: 88, color: "FF0000" })], centered),
  para(["2024年第5期（总第45期）"], centered),
  para([r("共青团太原市委"), r("\t"), r("2024年5月20日")], {
    tabStops: [{ type: TabStopType.RIGHT, position: 8844 }],
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: "FF0000", space: 4 } },
  }),
  para([r("本期要目", { font: "黑体" })], centered),
  para([r("◆团小店区委深化“青年之家”阵地建设", { font: "楷体_GB2312" })]),
  para([r("◆团迎泽区委助力", { font: "楷体_GB2312" }), r("青年就业创业", { font: "楷体_GB2312" })]),
  para([r("◆团晋源区委开展“青春护河”志愿服务", { font: "楷体_GB2312" })]),
  para(
    [
      r("【编者按】", { font: "黑体", bold: true }),
      r(
        "今年以来，各县（市、区）团委立足服务青年，在阵地建设、就业创业、志愿服务等方面探索形成了一批好做法。本期刊发三地经验，供各地学习借鉴。",
        { font: "楷体_GB2312" },
      ),
    ],
    indented,
  ),
  para([r("团小店区委深化“青年之家”阵地建设", { font: "方正小标宋简体", size: 44 })], centered),
  para(
    ["今年以来，团小店区委按照", '"有场所、有队伍、有活动、有制度"的标准，推动"青年之家"提质增效，全区已建成规范化"青年之家"36个。'],
    indented,
  ),
  para(
    [r("一、完善阵地布局。", { font: "黑体" }), '依托党群服务中心(站)、新时代文明实践站等场所，优化"青年之家"布点，实现街道全覆盖。'],
    indented,
  ),
  para(
    [r("二、丰富活动内容。", { font: "黑体" }), "围绕青年需求开展技能培训、文体活动、交友联谊等活动210余场，服务青年1.2万人次。"],
    indented,
  ),
  para([r("（团小店区委供稿）", { font: "楷体_GB2312" })], { alignment: AlignmentType.RIGHT }),
  para([r("团迎泽区委助力青年就业创业", { font: "方正小标宋简体", size: 44 })], centered),
  para(
    [
      '团迎泽区委联合区人社局举办"春风行动"专场招聘会4场，提供岗位2300余个，达成就业意向680人。',
      r("一是", { bold: true }),
      '开展创业培训，二是落实"青创贷"政策，累计发放贷款1500万元。',
    ],
    indented,
  ),
  para([r("（团迎泽区委供稿）", { font: "楷体_GB2312" })], { alignment: AlignmentType.RIGHT }),
  para([r("团晋源区委开展“青春护河”志愿服务", { font: "方正小标宋简体", size: 44 })], centered),
  para(["团晋源区委组织青年志愿者沿汾河开展巡河护河、垃圾清理、环保宣传等志愿服务活动32场，参与志愿者1100余人次。"], indented),
  para([r("（团晋源区委供稿）", { font: "楷体_GB2312" })], { alignment: AlignmentType.RIGHT }),
  para([r("报：团省委办公室，市委办公厅", { size: 28 })]),
  para([r("送：市直有关单位", { size: 28 })]),
  para([r("发：各县（市、区）团委", { size: 28 })]),
  para([r("责任编辑：李　明", { size: 28 }), r("\t"), r("（共印80份）", { size: 28 })], {
    tabStops: [{ type: TabStopType.RIGHT, position: 8844 }],
  }),
];

/**
 * A 晋团要讯 kept with Word's own styles: article titles in Heading 1, one wrapped by a manual
 * line break, section heads in Heading 2, 本期要目 with · bullets, 编者按： as a label run.
 */
const HEADING_STYLES: Block[] = [
  para(["内部资料　注意保存"]),
  para([r("晋团要讯", { size: 72, color: "E60012", bold: true })], centered),
  para(["〔2024〕第12期（总第176期）"], centered),
  para(["共青团山西省委\t\t\t2024年12月16日"]),
  para(["编者按：为总结交流各地服务青年的经验做法，本期刊发两篇材料，供各地参考。"], indented),
  para(["本 期 要 目"], centered),
  para(["· 团阳泉市委推进“青年发展型城市”建设"]),
  para(["· 团长治市委实施“青年人才回引”计划"]),
  { runs: [r("团阳泉市委推进"), r("“青年发展型城市”建设", { br: true })], p: { heading: HeadingLevel.HEADING_1, ...centered } },
  para(["团阳泉市委以青年发展型城市建设为抓手，推动出台青年发展政策措施26条。"], indented),
  { runs: ["一、完善政策体系"], p: { heading: HeadingLevel.HEADING_2 } },
  para(["联合市发展改革委等部门制定实施方案，明确4个方面18项重点任务。"], indented),
  { runs: ["二、优化服务供给"], p: { heading: HeadingLevel.HEADING_2 } },
  para(["建设青年驿站12个，为来阳泉求职的青年提供免费住宿，累计服务青年2600余人次。"], indented),
  para(["部分县区建设情况如下："], indented),
  {
    table: [
      ["县区", "青年驿站（个）"],
      ["城区", "5"],
      ["郊区", "4"],
    ],
  },
  para(["（团阳泉市委供稿）"], { alignment: AlignmentType.RIGHT }),
  { runs: ["团长治市委实施“青年人才回引”计划"], p: { heading: HeadingLevel.HEADING_1, ...centered } },
  para(["团长治市委建立在外青年人才信息库，收录在外青年人才3200余名，年内回引青年人才410名。"], indented),
  para(["（团长治市委供稿）"], { alignment: AlignmentType.RIGHT }),
  para(["报：团中央办公厅，省委办公厅"]),
  para(["发：市级团委"]),
  para(["责任编辑：赵　坚　　　　（共印60份）"]),
];

/**
 * A one-article 晋团要讯 from a template that sets the organisation and the date in a two-cell
 * table under the name, and the title in two paragraphs: the same as single-wrapped-title.txt.
 */
const MASTHEAD_TABLE: Block[] = [
  para([r("晋　团　要　讯", { font: "方正小标宋简体", size: 84, color: "E60012" })], centered),
  para(["2024年第3期"], centered),
  { table: [["共青团山西省委", "2024年3月1日"]] },
  para([r("团晋中市委深化“青春建功乡村振兴”行动", { font: "方正小标宋简体", size: 44 })], centered),
  para([r("助力和美乡村建设", { font: "方正小标宋简体", size: 44 })], centered),
  para(["团晋中市委围绕乡村振兴战略，组织动员农村青年投身和美乡村建设，全市新建乡村青年人才联盟11个(县级)，吸纳会员1800余名。"], indented),
  para(["报：团中央办公厅"]),
  para(["发：市级团委"]),
];

describe.each([
  { name: "docx-masthead-table", blocks: MASTHEAD_TABLE, same: "single-wrapped-title" },
  { name: "docx-direct-formatting", blocks: DIRECT_FORMATTING, same: "city-toc-diamond" },
  { name: "docx-heading-styles", blocks: HEADING_STYLES, same: "docx-heading-styles" },
])("the Word file $name", ({ name, blocks, same }) => {
  let result: Extract<ImportResult, { mdx: string }>;
  beforeAll(async () => {
    result = await importInto(await docxFile(name, blocks));
  });

  it(`gives exactly the expected frontmatter and body (${same}.expected.mdx)`, async () => {
    expect(result.mdx).toBe(await expected(same));
  });

  it("holds for review only what it must", () => {
    expect(result.notes.filter((n) => n.review).map((n) => n.message)).toEqual(REVIEW[name] ?? REVIEW[same] ?? []);
  });
});

describe("Word's own footnotes and a file's stated properties", () => {
  const footnoted: Block[] = [
    para(["晋团要讯"], centered),
    para(["〔2024〕第4期"], centered),
    para(["共青团山西省委\t2024年4月8日"]),
    para(["团吕梁市委推进青年就业见习"], centered),
    para(["团吕梁市委年内募集见习岗位1200个", r("", { note: 1 }), "，帮助860名青年积累工作经验。"], indented),
    para(["报：团中央办公厅"]),
  ];
  // As this site's export writes them: the value and its seal (lib/auth/file-seal.ts).
  const stated = (over: Record<string, unknown>, sealed = true) => {
    const value = JSON.stringify({
      series: "jtyx",
      year: 2024,
      number: 4,
      date: "2024-04-08",
      title: "团吕梁市委推进青年就业见习",
      visibility: "public",
      status: "published",
      total: 168,
      ...over,
    });
    return [{ name: "JianbaoFrontmatter", value }, ...(sealed ? [{ name: "JianbaoFrontmatterSeal", value: seal(value) }] : [])];
  };

  it("a footnote comes back as a GFM footnote, referenced where Word had its mark", async () => {
    const result = await importInto(await docxFile("footnote", footnoted, { footnotes: { 1: "岗位数据截至2024年3月31日。" } }));
    expect(result.mdx.split("---\n\n")[1]).toBe(
      "团吕梁市委年内募集见习岗位1200个[^1]，帮助860名青年积累工作经验。\n\n[^1]: 岗位数据截至2024年3月31日。\n",
    );
    expect(result.status).toBe("imported");
  });

  it("a footnote in a run-in heading stays in the heading", async () => {
    const blocks = [
      ...footnoted.slice(0, 4),
      para(["一、拓宽见习渠道", r("", { note: 1 }), "。联合市人社局认定见习基地42家。"], indented),
      footnoted[5]!,
    ];
    const result = await importInto(await docxFile("footnote-runin", blocks, { footnotes: { 1: "含省级基地6家。" } }));
    expect(result.mdx.split("---\n\n")[1]).toBe(
      "<RunIn>一、拓宽见习渠道[^1]。</RunIn>联合市人社局认定见习基地42家。\n\n[^1]: 含省级基地6家。\n",
    );
  });

  it("a raised number with no note under it is a plain digit again (m²)", async () => {
    const blocks = [...footnoted.slice(0, 4), para(["新建青年驿站面积2000m", r("2", { sup: true }), "。"], indented), footnoted[5]!];
    const result = await importInto(await docxFile("raised-digit", blocks));
    expect(result.mdx.split("---\n\n")[1]).toBe("新建青年驿站面积2000m2。\n");
    // The same in a table's cell or a list's item (what the Word reader hands over, built here).
    const raised = `m${FOOTNOTE_OPEN}2${FOOTNOTE_CLOSE}`;
    const issue = recognise(
      [
        ...["晋团要讯", "〔2024〕第4期", "共青团山西省委　2024年4月8日", "团吕梁市委推进青年就业见习", "团吕梁市委新建青年驿站。"].map(
          (text, line) => ({ kind: "text" as const, text, line }),
        ),
        { kind: "table", rows: [["驿站", `面积（${raised}）`]], line: 6 },
        { kind: "list", ordered: false, items: [`城区800${raised}`], line: 7 },
      ],
      { series: [{ id: "jtyx", name: "晋团要讯", organization: "共青团山西省委" }] },
    );
    expect(toMdx(issue).split("---\n\n")[1]).toBe("团吕梁市委新建青年驿站。\n\n| 驿站 | 面积（m2） |\n| --- | --- |\n\n- 城区800m2\n");
  });

  it("the stated 总第N期 and status are taken when the masthead agrees", async () => {
    const result = await importInto(
      await docxFile("stated", footnoted, { footnotes: { 1: "注。" }, properties: stated({ status: "draft" }) }),
    );
    expect(result.issue.frontmatter).toMatchObject({ number: 4, total: 168, visibility: "public", status: "draft" });
  });

  it("and ignored, with a note, when the file was changed after its export", async () => {
    const result = await importInto(
      await docxFile("stated-stale", footnoted, { footnotes: { 1: "注。" }, properties: stated({ number: 3 }) }),
    );
    expect(result.issue.frontmatter).toMatchObject({ number: 4, visibility: "public", status: "published" });
    expect(result.issue.frontmatter.total).toBeUndefined();
    expect(result.notes.map((n) => n.message)).toContain(
      "文件属性中记录的期号、日期或标题与报头不一致（文件导出后改动过），已按文件内容导入",
    );
  });

  it("a property without this site's seal is not believed: a hand-made file cannot lift an internal marking's hold", async () => {
    const marked = [para(["内部资料　注意保存"]), ...footnoted];
    const forged = await importInto(
      await docxFile("stated-forged", marked, { footnotes: { 1: "注。" }, properties: stated({ visibility: "internal" }, false) }),
    );
    expect(forged.issue.frontmatter).toMatchObject({ visibility: "internal", status: "draft" });
    expect(forged.issue.frontmatter.total).toBeUndefined();
    // A seal made for another value does not carry over to this one.
    const [value, other] = [stated({ visibility: "internal" })[0]!, stated({ visibility: "internal", total: 1 })[1]!];
    const swapped = await importInto(await docxFile("stated-swapped", marked, { footnotes: { 1: "注。" }, properties: [value, other] }));
    expect(swapped.issue.frontmatter).toMatchObject({ visibility: "internal", status: "draft" });
  });

  it("a stated title holding the importer's private marks is refused, even sealed: it could say more than the page shows", async () => {
    const result = await importInto(
      await docxFile("stated-marks", footnoted, {
        footnotes: { 1: "注。" },
        properties: stated({ title: "团吕梁市委推进青年就业见习\uE002（已撤销，勿信）\uE003", status: "draft" }),
      }),
    );
    expect(result.issue.frontmatter.title).toBe("团吕梁市委推进青年就业见习");
    expect(result.issue.frontmatter).toMatchObject({ status: "published" });
    expect(result.issue.frontmatter.total).toBeUndefined();
  });

  it("a stated public never outweighs a printed internal marking", async () => {
    const marked = [para(["内部资料　注意保存"]), ...footnoted];
    const result = await importInto(await docxFile("stated-public", marked, { footnotes: { 1: "注。" }, properties: stated({}) }));
    expect(result.issue.frontmatter).toMatchObject({ visibility: "internal", status: "draft" });
    expect(result.notes.filter((n) => n.review).map((n) => n.message)).toEqual(["文件属性记为公开，但报头有内部标注，已按内部导入"]);
  });
});

describe("what the corpus gives is valid content", () => {
  it("every expected MDX passes the content checks", async () => {
    const dir = (await tempContent()).dir;
    for (const f of (await fs.readdir(CORPUS)).filter((x) => x.endsWith(".expected.mdx"))) {
      const text = await fs.readFile(path.join(CORPUS, f), "utf8");
      const fm = /series: (\w+)\nyear: (\d+)\nnumber: (\d+)/.exec(text)!;
      const target = path.join(dir, fm[1]!, fm[2]!, `${fm[3]!.padStart(3, "0")}.mdx`);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text);
    }
    const check = await checkContent(dir);
    expect(check.problems).toEqual([]);
    expect(check.issues.length).toBe((await fs.readdir(CORPUS)).filter((x) => x.endsWith(".expected.mdx")).length);
  });
});

describe("what still cannot be imported names the file and the line", () => {
  it("no masthead at all", async () => {
    const file = path.join(env.dir, "..", `${path.basename(env.dir)}-no-masthead.txt`);
    await fs.writeFile(file, "\n\n关于做好青年就业工作的几点思考\n\n今年以来，各地积极推进青年就业工作。\n");
    const result = await importFile(file, { contentDir: env.dir, series: env.series, dryRun: true });
    expect(result).toMatchObject({ status: "failed", source: file, code: "import:no-masthead", line: 3, unit: "行" });
  });

  it("a masthead and 本期要目 but no article after them", async () => {
    const file = path.join(env.dir, "..", `${path.basename(env.dir)}-no-title.txt`);
    await fs.writeFile(file, "青年工作信息\n2024年第5期\n共青团太原市委　　2024年5月20日\n\n今年以来，各地积极推进青年就业工作。\n");
    const result = await importFile(file, { contentDir: env.dir, series: env.series, dryRun: true });
    expect(result).toMatchObject({ status: "failed", source: file, code: "import:no-title", line: 5, unit: "行" });
  });
});
