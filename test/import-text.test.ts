// The text importer piece by piece: decoding, normalisation, joining broken lines, reading the
// masthead and the 版记, and recognising the parts of issues shaped unlike the sample.
import { describe, expect, it } from "vitest";
import { compileBody } from "@/lib/content/mdx";
import { findDate, parseIssueLine, parseNumeral } from "@/lib/import/dates";
import { escapeInline, toMdx } from "@/lib/import/mdx-writer";
import { BOLD_CLOSE, BOLD_OPEN, normalizeText } from "@/lib/import/normalize";
import { RecogniseError, recognise, type SeriesInfo } from "@/lib/import/recognise";
import { decodeText, textToBlocks } from "@/lib/import/text-source";
import { titleText } from "@/lib/import/title";

const SERIES: SeriesInfo[] = [
  { id: "jtyx", name: "晋团要讯", organization: "共青团山西省委", editor: "赵坚" },
  { id: "qnxx", name: "青年工作信息", organization: "共青团太原市委", editor: "李明" },
];

const fromText = (text: string, seriesId?: string) =>
  recognise(
    textToBlocks(
      text,
      SERIES.map((s) => s.name),
    ),
    { series: SERIES, seriesId },
  );

async function plainBody(mdxText: string) {
  const body = mdxText.split(/^---$/m).slice(2).join("---");
  const compiled = await compileBody(body);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.violations));
  return compiled.value;
}

describe("normalising Chinese text", () => {
  it.each([
    ["在 684 所中小学", "在684所中小学"],
    ["红领巾 e 点通", "红领巾e点通"],
    ["赵 坚", "赵坚"],
    ["２０２２年共有１２个县区", "2022年共有12个县区"],
    ["承担 30% 的比例，每名 3.5 元", "承担30%的比例，每名3.5元"],
    ["积极配合,认真抓好;形成合力:共同解决?", "积极配合，认真抓好；形成合力：共同解决？"],
    ['交出新时代少先队工作的"长治答卷".', "交出新时代少先队工作的“长治答卷”。"],
    ["乡镇(街道)团委", "乡镇（街道）团委"],
    ["使用 Microsoft Word 编辑", "使用Microsoft Word编辑"],
    ["数值为 1,234 和 3.14", "数值为1,234和3.14"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("keeps the space that splits a title into printed lines, and only that one", () => {
    expect(titleText("团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展")).toEqual([
      "团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展",
    ]);
    expect(titleText("纪念五四运动 104 周年　广泛开展主题活动")).toEqual(["纪念五四运动104周年 广泛开展主题活动"]);
    expect(titleText("团 长 治 市 委 工 作  纪 实")).toEqual(["团长治市委工作 纪实"]);
  });
});

describe("decoding text files", () => {
  const text = "晋团要讯\n〔2022〕第3期";
  it("reads UTF-8 with and without a BOM, UTF-16 with a BOM, and GB18030 (GBK)", () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(utf8)).toMatchObject({ ok: true, text });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({ ok: true, text });
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    expect(decodeText(le)).toMatchObject({ ok: true, text, encoding: "UTF-16LE" });
    // 晋团要讯 in GBK.
    const gbk = new Uint8Array([0xbd, 0xfa, 0xcd, 0xc5, 0xd2, 0xaa, 0xd1, 0xb6]);
    expect(decodeText(gbk)).toMatchObject({ ok: true, text: "晋团要讯", encoding: "GB18030" });
  });

  it("refuses binary content with a plain message", () => {
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({
      ok: false,
      message: "这不是文本文件（含有二进制内容）",
    });
  });
});

describe("dates and issue lines", () => {
  it.each([
    ["2022年3月25日", "2022-03-25"],
    ["二〇二二年三月二十五日", "2022-03-25"],
    ["二〇二三年十二月一日", "2023-12-01"],
    ["共青团山西省委　　2022 年 3 月 5 日", "2022-03-05"],
    ["2022.3.25", "2022-03-25"],
  ])("%s → %s", (input, iso) => {
    expect(findDate(input)?.iso).toBe(iso);
  });

  it("reads numerals", () => {
    expect([
      parseNumeral("3"),
      parseNumeral("十二"),
      parseNumeral("二十五"),
      parseNumeral("一百零八"),
      parseNumeral("三"),
      parseNumeral("期"),
    ]).toEqual([3, 12, 25, 108, 3, null]);
  });

  it.each([
    ["〔2022〕第3期", { year: 2022, number: 3, supplement: false }],
    ["[2022]第3期", { year: 2022, number: 3, supplement: false }],
    ["2022年第12期", { year: 2022, number: 12, supplement: false }],
    ["第3期", { number: 3, supplement: false }],
    ["第十二期", { number: 12, supplement: false }],
    ["〔2023〕第5期（总第156期）", { year: 2023, number: 5, total: 156, supplement: false }],
    ["（总第156期）", { total: 156, supplement: false }],
    ["增刊", { supplement: true }],
    ["〔2023〕增刊第1期", { year: 2023, number: 1, supplement: true }],
  ])("%s", (input, expected) => {
    expect(parseIssueLine(input)).toEqual(expected);
  });

  it("does not take a sentence that mentions an issue for the issue line", () => {
    expect(parseIssueLine("详见本刊第3期")).toBeNull();
    expect(parseIssueLine("2022年3月25日")).toBeNull();
  });
});

/** An issue as pdftotext gives it: hard-wrapped lines, page numbers, a running header on each page. */
const EXTRACTED = `内部资料　注意保存

晋 团 要 讯

〔2023〕第5期（总第156期）

共青团山西省委　　　　二〇二三年五月二十六日

编者按：今年以来，全省各级团组织积极探索、扎实推进，形成了一批好做法。本期刊发两地的
工作经验，供各地学习借鉴。

本期要目
◆团运城市委聚焦青年就业创业 打造“青创运城”服务品牌
◆团临汾市委扎实推进基层团组织规范化建设

团运城市委聚焦青年就业创业 打造“青创运城”服务品牌

　　团运城市委立足服务青年成长发展，把促进青年就业创业作为服
务青年的重要抓手。2022 年以来，累计帮助 1.6 万余名青年实现就
业创业。

　　一、搭建平台，拓宽青年就业渠道。一是举办专场招聘。联合
市人社局开展招聘活动 48 场。二是开发见习岗位，募集见习岗位
3200 余个。

— 1 —

晋团要讯

　　（一）强化就业指导。组建“青春导师团”，开展讲座 120 余场。
　　1．做好精准帮扶。对离校未就业高校毕业生逐一联系。

　　（团运城市委供稿）

团临汾市委扎实推进基层团组织规范化建设

　　今年以来，团临汾市委坚持大抓基层的鲜明导向，全市基层团组
织的凝聚力和战斗力不断增强。这段话里有{花括号}、<script>、*星号*和[方括号](链接)。

　　（团临汾市委供稿）

— 2 —

晋团要讯

报：团中央办公厅，省委办公厅，省人大办公厅，省政府办公厅，
　　省政协办公厅
送：省直有关单位，各市党委政府
发：市级团委，团省委机关各部门、
　　直属事业单位
责任编辑：赵　坚　　　　　　　　　　　　　（共印150份）
`;

describe("an issue copied out of a PDF, shaped unlike the sample", () => {
  const issue = fromText(EXTRACTED);

  it("reads the masthead: marking, letter-spaced name, 总第N期, Chinese date", () => {
    expect(issue.series.id).toBe("jtyx");
    expect(issue.frontmatter).toMatchObject({
      year: 2023,
      number: 5,
      total: 156,
      date: "2023-05-26",
      marking: "内部资料　注意保存",
      visibility: "internal",
    });
    expect(issue.frontmatter.organization).toBeUndefined(); // the series' own
  });

  it("takes the 编者按 as the preface and the 本期要目 titles as the articles", () => {
    expect(issue.frontmatter.preface).toBe(
      "今年以来，全省各级团组织积极探索、扎实推进，形成了一批好做法。本期刊发两地的工作经验，供各地学习借鉴。",
    );
    expect(issue.frontmatter.title).toBe("团运城市委聚焦青年就业创业 打造“青创运城”服务品牌");
    expect(issue.body.filter((n) => n.kind === "title").map((n) => (n as { text: string }).text)).toEqual([
      "团运城市委聚焦青年就业创业 打造“青创运城”服务品牌",
      "团临汾市委扎实推进基层团组织规范化建设",
    ]);
    expect(issue.body.filter((n) => n.kind === "byline").map((n) => (n as { text: string }).text)).toEqual([
      "（团运城市委供稿）",
      "（团临汾市委供稿）",
    ]);
  });

  it("joins wrapped lines and drops page numbers and the running header", () => {
    const paras = issue.body.filter((n) => n.kind === "para").map((n) => (n as { text: string }).text);
    expect(paras[0]).toBe(
      "团运城市委立足服务青年成长发展，把促进青年就业创业作为服务青年的重要抓手。2022年以来，累计帮助1.6万余名青年实现就业创业。",
    );
    expect(JSON.stringify(issue.body)).not.toMatch(/— \d —|晋团要讯/);
  });

  it("recognises run-in headings at three levels and bolds 一是/二是", () => {
    const runins = issue.body.filter((n) => n.kind === "runin");
    expect(runins.map((n) => [n.level, n.head])).toEqual([
      [1, "一、搭建平台，拓宽青年就业渠道。"],
      [2, "（一）强化就业指导。"],
      [3, "1．做好精准帮扶。"],
    ]);
    expect(runins[0]!.rest).toBe(
      `${BOLD_OPEN}一是${BOLD_CLOSE}举办专场招聘。联合市人社局开展招聘活动48场。${BOLD_OPEN}二是${BOLD_CLOSE}开发见习岗位，募集见习岗位3200余个。`,
    );
  });

  it("reads the 版记: wrapped lists, a name wrapped after 、, the editor's spacing, 共印N份", () => {
    expect(issue.frontmatter.distribution).toEqual({
      report: ["团中央办公厅", "省委办公厅", "省人大办公厅", "省政府办公厅", "省政协办公厅"],
      send: ["省直有关单位", "各市党委政府"],
      issue: ["市级团委", "团省委机关各部门、直属事业单位"],
    });
    expect(issue.frontmatter.editor).toBe("赵坚");
    expect(issue.frontmatter.copies).toBe(150);
  });

  it("says what needs a person's eye, and keeps the issue a draft until then", () => {
    expect(issue.notes.filter((n) => n.review).map((n) => n.message)).toEqual([
      "标注为「内部资料　注意保存」，可见范围设为 internal（仅内部）",
    ]);
    expect(issue.frontmatter.status).toBe("draft");
  });

  it("writes MDX in which the author's text stays text: braces, tags and stars are escaped", async () => {
    const mdx = toMdx(issue);
    const body = await plainBody(mdx);
    expect(body.text).toContain("这段话里有{花括号}、<script>、*星号*和[方括号]（链接）。");
    expect(body.articles).toHaveLength(2);
    expect(JSON.stringify(body.tree)).not.toContain('"tagName":"script"');
  });
});

describe("other shapes", () => {
  it("a 增刊 with a two-line title and a signature", () => {
    const issue = fromText(
      `晋团要讯\n增刊\n共青团山西省委 2023年5月4日\n\n全省各级团组织隆重纪念五四运动104周年\n广泛开展“青春心向党·建功新时代”主题活动\n\n为纪念五四运动104周年，团省委部署开展五四主题活动。\n\n全省各级团组织要以此为契机，持续深化青年思想政治引领。\n\n共青团山西省委\n2023年5月4日\n`,
    );
    expect(issue.frontmatter).toMatchObject({
      supplement: true,
      number: 1,
      year: 2023,
      title: ["全省各级团组织隆重纪念五四运动104周年", "广泛开展“青春心向党·建功新时代”主题活动"],
    });
    expect(issue.body.at(-1)).toEqual({ kind: "signature", org: "共青团山西省委", date: "2023年5月4日" });
    expect(issue.notes.map((n) => n.message)).toContain("增刊没有写期号，按增刊第1期导入");
    expect(issue.notes.map((n) => n.message)).toContain("没有找到版记（报：/送：/发：），发送范围将使用刊物的默认值");
    expect(issue.frontmatter.distribution).toBeUndefined();
  });

  it("the organisation on its own line, another series, and a body that is not the series' default", () => {
    const issue = fromText(
      `青年工作信息\n第2期\n共青团太原市委办公室\n2024年2月20日\n\n团太原市委召开全市团干部会议\n\n2月19日，团太原市委召开全市团干部会议。\n`,
    );
    expect(issue.frontmatter).toMatchObject({
      series: "qnxx",
      number: 2,
      year: 2024,
      organization: "共青团太原市委办公室",
      date: "2024-02-20",
      title: "团太原市委召开全市团干部会议",
    });
  });

  it("a text with no masthead is refused with the reason and the line", () => {
    const attempt = () => fromText("关于做好暑期工作的通知\n\n各市团委：现将有关事项通知如下。\n");
    expect(attempt).toThrow(RecogniseError);
    expect(attempt).toThrow(/没有找到报头.*第一行是「关于做好暑期工作的通知」/);
  });

  it("an unknown series names the ones it knows; --series must agree with the masthead", () => {
    expect(() => fromText("青春简报\n〔2022〕第3期\n2022年3月25日\n\n标题\n\n正文。\n")).toThrow(/已定义：晋团要讯、青年工作信息/);
    expect(() => fromText("晋团要讯\n〔2022〕第3期\n2022年3月25日\n\n标题\n\n正文。\n", "qnxx")).toThrow(
      /报头是「晋团要讯」，与指定的刊物「青年工作信息」（qnxx）不一致/,
    );
  });

  it("a masthead without a number or a date says which is missing", () => {
    expect(() => fromText("晋团要讯\n2022年3月25日\n\n标题\n\n正文。\n")).toThrow(/没有找到期号/);
    expect(() => fromText("晋团要讯\n〔2022〕第3期\n\n标题\n\n正文。\n")).toThrow(/没有找到日期/);
  });
});

describe("escaping", () => {
  it("turns bold marks into ** and escapes Markdown and MDX syntax", () => {
    expect(escapeInline(`${BOLD_OPEN}一是${BOLD_CLOSE}a_b*c{d}<e>#f|g~h&i\\j`)).toBe(
      "**一是**a\\_b\\*c\\{d\\}\\<e\\>\\#f\\|g\\~h\\&i\\\\j",
    );
  });
});
