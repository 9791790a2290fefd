// Importing Word files (.docx) that the tests generate themselves in the shapes offices keep,
// and broken inputs, each of which must fail with a plain message and write nothing.
import fs from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkContent } from "@/lib/content/check";
import { compileBody } from "@/lib/content/mdx";
import { type ImportResult, importFile } from "@/lib/import/import-file";
import { bold, colophon, docxOf, masthead, type Para, PNG } from "./lib/docx-fixtures";
import { listFiles, tempContent } from "./lib/import-env";

let env: Awaited<ReturnType<typeof tempContent>>;
let inbox: string;
const SERIES_FILES = ["series/jtyx.yml", "series/qnxx.yml"];

beforeEach(async () => {
  env = await tempContent();
  inbox = await fs.mkdtemp(path.join(env.dir, "..", "jianbao-inbox-"));
});
afterEach(() => vi.restoreAllMocks());

async function importDocx(paras: Para[], name = "issue.docx"): Promise<ImportResult> {
  const file = path.join(inbox, name);
  await fs.writeFile(file, await docxOf(paras));
  return importFile(file, { contentDir: env.dir, series: env.series });
}

function ok(result: ImportResult) {
  if (result.status === "failed") throw new Error(`${result.code}: ${result.message}`);
  return result;
}

async function compiled(result: ImportResult) {
  const mdx = ok(result).mdx;
  const body = await compileBody(mdx.split(/^---$/m).slice(2).join("---"));
  if (!body.ok) throw new Error(JSON.stringify(body.violations));
  return body.value;
}

describe("Word files in the shapes offices keep", () => {
  it("one article: masthead, bold headings and 一是 carried over, 版记 read, file written and valid", async () => {
    const result = ok(
      await importDocx([
        ...masthead("〔2022〕第7期", "2022年6月1日"),
        bold("团太原市委深入开展“青年大学习”行动"),
        "今年以来，团太原市委把“青年大学习”作为思想引领的重要抓手，推动学习走深走实。",
        {
          runs: [
            { text: "一、突出政治引领。", bold: true },
            { text: "坚持每周组织团员青年集中学习。" },
            { text: "一是", bold: true },
            { text: "建立学习台账。二是完善考核办法。" },
          ],
        },
        "二、创新学习形式。依托新媒体平台推出系列微团课 36 期。",
        { runs: [{ text: "下一步工作" }], heading: 2 },
        "团太原市委将持续推动学习常态化。",
        ...colophon,
      ]),
    );
    expect(result.status).toBe("imported");
    expect(result.target).toBe("jtyx/2022/007.mdx");
    expect(result.issue.frontmatter).toMatchObject({
      series: "jtyx",
      year: 2022,
      number: 7,
      date: "2022-06-01",
      title: "团太原市委深入开展“青年大学习”行动",
      distribution: { report: ["团中央办公厅", "省委办公厅"], send: ["省直有关单位"], issue: ["市级团委"] },
      editor: "赵坚",
      copies: 120,
      status: "published",
    });
    expect(result.mdx).toContain(
      "<RunIn>一、突出政治引领。</RunIn>坚持每周组织团员青年集中学习。**一是**建立学习台账。**二是**完善考核办法。",
    );
    expect(result.mdx).toContain("<RunIn>二、创新学习形式。</RunIn>依托新媒体平台推出系列微团课36期。");
    // A Word "Heading 2" stays a heading line of its own.
    expect(result.mdx).toContain("\n\n<RunIn>下一步工作</RunIn>\n\n团太原市委将持续推动学习常态化。\n");
    expect(result.written).toBe(true);
    const check = await checkContent(env.dir);
    expect(check.problems).toEqual([]);
    expect(check.issues.map((i) => i.path)).toEqual(["jtyx/2022/007.mdx"]);
  });

  it("several articles with 编者按 and 本期要目: each article a # title, bylines kept", async () => {
    const result = ok(
      await importDocx([
        ...masthead("〔2023〕第8期", "2023年7月3日"),
        "编者按：为总结推广基层经验，本期刊发两地做法，供各地学习借鉴。",
        bold("本期要目"),
        "◆团大同市委打造“青年之家”服务阵地",
        "◆团晋中市委推进团员先进性教育",
        { runs: [{ text: "团大同市委打造“青年之家”服务阵地", bold: true }], heading: 1 },
        "团大同市委按照有场所、有队伍、有活动的标准，建成规范化“青年之家”82个。",
        "（团大同市委供稿）",
        { runs: [{ text: "团晋中市委推进团员先进性教育", bold: true }], heading: 1 },
        "团晋中市委以“三会两制一课”为抓手，持续加强团员教育管理。",
        "（团晋中市委供稿）",
        ...colophon,
      ]),
    );
    expect(result.issue.frontmatter.preface).toBe("为总结推广基层经验，本期刊发两地做法，供各地学习借鉴。");
    expect(result.issue.frontmatter.title).toBe("团大同市委打造“青年之家”服务阵地");
    const body = await compiled(result);
    expect(body.articles).toEqual(["团大同市委打造“青年之家”服务阵地", "团晋中市委推进团员先进性教育"]);
    expect(result.mdx.match(/<Byline>（团.{2}市委供稿）<\/Byline>/g)).toHaveLength(2);
    expect(result.notes.filter((n) => n.review)).toEqual([]);
  });

  it("a table becomes a GFM table with its header and rows", async () => {
    const result = ok(
      await importDocx([
        ...masthead("〔2023〕第9期", "2023年8月1日"),
        "全省暑期“三下乡”社会实践活动进展",
        "各市组织发动有力，部分市活动开展情况如下：",
        {
          table: [
            ["市", "实践团队（支）", "参与学生（人）"],
            ["太原市", "320", "6800"],
            ["大同市", "210", "4100"],
          ],
        },
        "下一步，团省委将持续跟踪活动开展情况。",
        ...colophon,
      ]),
    );
    expect(result.mdx).toContain(
      "| 市 | 实践团队（支） | 参与学生（人） |\n| --- | --- | --- |\n| 太原市 | 320 | 6800 |\n| 大同市 | 210 | 4100 |",
    );
    const tree = JSON.stringify((await compiled(result)).tree);
    expect(tree).toContain('"tagName":"table"');
    expect(tree.match(/"tagName":"tr"/g)).toHaveLength(3);
  });

  it("a 增刊 with a title over two lines (a line break in one paragraph) and a 落款", async () => {
    const result = ok(
      await importDocx([
        bold("晋团要讯"),
        "〔2023〕增刊第2期",
        "共青团山西省委　　　　2023年5月4日",
        {
          runs: [
            { text: "全省各级团组织隆重纪念五四运动104周年", bold: true },
            { text: "广泛开展主题团日活动", bold: true, break: true },
          ],
        },
        "为纪念五四运动104周年，团省委在全省部署开展主题活动。",
        "共青团山西省委",
        "2023年5月4日",
        ...colophon,
      ]),
    );
    expect(result.target).toBe("jtyx/2023/zk002.mdx");
    expect(result.issue.frontmatter).toMatchObject({
      supplement: true,
      number: 2,
      title: ["全省各级团组织隆重纪念五四运动104周年", "广泛开展主题团日活动"],
    });
    expect(result.mdx).toContain('<Signature org="共青团山西省委" date="2023年5月4日" />');
    expect((await checkContent(env.dir)).problems).toEqual([]);
  });

  it("a picture is saved beside the issue and shown with <Figure>; content:check finds it", async () => {
    const result = ok(
      await importDocx([
        ...masthead("〔2023〕第10期", "2023年9月1日"),
        "团省委开展青年志愿服务集中行动",
        "9月1日，团省委组织青年志愿者开展集中服务行动。",
        { image: PNG, alt: "志愿者在社区服务" },
        "活动共有1200余名青年志愿者参加。",
        ...colophon,
      ]),
    );
    expect(result.mdx).toMatch(/<Figure src="010\.media\/image-1\.png"( alt="[^"]*")? \/>/);
    expect(result.media).toEqual(["jtyx/2023/010.media/image-1.png"]);
    expect(new Uint8Array(await fs.readFile(path.join(env.dir, "jtyx/2023/010.media/image-1.png")))).toEqual(PNG);
    expect((await checkContent(env.dir)).problems).toEqual([]);
    // Remove the picture and the check says which file is missing, at the Figure's line.
    await fs.rm(path.join(env.dir, "jtyx/2023/010.media"), { recursive: true });
    const problems = (await checkContent(env.dir)).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: "jtyx/2023/010.mdx",
      field: "body",
      code: "content:missing-media",
      message: "找不到图片文件 jtyx/2023/010.media/image-1.png",
    });
    expect(result.mdx.split("\n")[problems[0]!.line - 1]).toContain("<Figure");
  });
});

describe("broken input: a plain message, nothing written", () => {
  async function fails(name: string, bytes: Uint8Array | string | null, code: string, message: RegExp) {
    const file = path.join(inbox, name);
    if (bytes === null) await fs.writeFile(file, "");
    else await fs.writeFile(file, bytes);
    const result = await importFile(file, { contentDir: env.dir, series: env.series });
    expect(result).toMatchObject({ status: "failed", code });
    expect(result.status === "failed" && result.message).toMatch(message);
    expect(await listFiles(env.dir)).toEqual(SERIES_FILES);
  }

  it("an empty file", () => fails("empty.docx", null, "import:empty", /文件是空的/));

  it("a .docx that is really a zip of something else", async () => {
    const zip = new JSZip();
    zip.file("photos/readme.txt", "not a Word document");
    await fails("renamed.docx", await zip.generateAsync({ type: "uint8array" }), "import:not-docx", /压缩包里没有 Word 文档内容/);
  });

  it("a .docx that is not a zip at all", () => fails("text.docx", "晋团要讯 〔2022〕第3期", "import:not-docx", /这不是 Word 文档/));

  it("a Word 97-2003 file", () =>
    fails("old.doc", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "import:old-doc", /另存为.*\.docx/));

  it("a Word file with no masthead names the first line", async () => {
    await fails(
      "no-masthead.docx",
      await docxOf(["关于做好暑期工作的通知", "各市团委：现将有关事项通知如下。"]),
      "import:no-masthead",
      /没有找到报头.*「关于做好暑期工作的通知」/,
    );
  });

  it("a 20 MB file", async () => {
    const file = path.join(inbox, "huge.docx");
    await fs.writeFile(file, await docxOf([...masthead("〔2022〕第3期", "2022年3月25日"), "标题", "正文。"]));
    await fs.truncate(file, 20 * 1024 * 1024);
    const result = await importFile(file, { contentDir: env.dir, series: env.series });
    expect(result).toMatchObject({ status: "failed", code: "import:too-large", message: "文件有 20.0 MB，超过 Word 文档的导入上限 15 MB" });
    expect(await listFiles(env.dir)).toEqual(SERIES_FILES);
  });

  it("a file type it cannot read", () =>
    fails("issue.pdf", "%PDF-1.7", "import:unsupported", /只能导入 Word 文档（\.docx）和纯文本（\.txt）/));

  it("a failure while writing removes the pictures already placed and every staging file", async () => {
    const paras: Para[] = [...masthead("〔2023〕第11期", "2023年9月2日"), "标题一则", "正文一段。", { image: PNG }, ...colophon];
    vi.spyOn(fs, "link").mockRejectedValueOnce(Object.assign(new Error("disk full"), { code: "ENOSPC" }));
    const result = await importDocx(paras);
    expect(result).toMatchObject({ status: "failed", code: "import:write-failed" });
    expect(await listFiles(env.dir)).toEqual(SERIES_FILES);
    expect(await fs.readdir(path.join(env.dir, "jtyx/2023"))).toEqual([]);
  });

  it("never overwrites: an existing issue file stays as it was and no picture folder appears", async () => {
    await fs.mkdir(path.join(env.dir, "jtyx/2023"), { recursive: true });
    await fs.writeFile(path.join(env.dir, "jtyx/2023/011.mdx"), "edited by hand\n");
    const result = await importDocx([...masthead("〔2023〕第11期", "2023年9月2日"), "标题一则", "正文一段。", { image: PNG }, ...colophon]);
    expect(result).toMatchObject({
      status: "failed",
      code: "import:exists",
      message: "jtyx/2023/011.mdx 已存在，没有覆盖（若要重新导入，请先删除或改名）",
    });
    expect(await fs.readFile(path.join(env.dir, "jtyx/2023/011.mdx"), "utf8")).toBe("edited by hand\n");
    expect(await listFiles(env.dir)).toEqual(["jtyx/2023/011.mdx", ...SERIES_FILES]);
  });
});
