// The MDX body compiler: everything that could run code or escape the element allow-list is
// refused with a code and a position in the file; what is allowed compiles to a plain hast tree
// (root/element/text only) that the renderer can trust.
import type { Element, Root, RootContent } from "hast";
import { describe, expect, it } from "vitest";
import { isSafeUrl } from "@/lib/content/allowed-elements";
import { type CompiledBody, compileBody, textOf } from "@/lib/content/mdx";
import type { RuleViolation } from "@/lib/content/mdx-rules";

// The body of an issue starts a few lines into the file; every position must include that offset.
const OFFSET = 24;

async function violations(source: string, lineOffset = OFFSET): Promise<RuleViolation[]> {
  const r = await compileBody(source, lineOffset);
  if (r.ok) throw new Error(`expected ${JSON.stringify(source)} to be refused, it compiled to ${JSON.stringify(r.value.tree)}`);
  return r.violations;
}

async function compiled(source: string): Promise<CompiledBody> {
  const r = await compileBody(source, OFFSET);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(source)} to compile: ${JSON.stringify(r.violations)}`);
  return r.value;
}

type AnyNode = Root | RootContent;

function* nodes(n: AnyNode): Generator<AnyNode> {
  yield n;
  if ("children" in n) for (const c of n.children) yield* nodes(c);
}

const elements = (tree: Root, tagName: string) =>
  [...nodes(tree)].filter((n): n is Element => n.type === "element" && n.tagName === tagName);

describe("compileBody refuses code and anything outside the allow-list", () => {
  it.each([
    { name: "import", source: 'import x from "y"\n', code: "mdx:esm", column: 1 },
    { name: "export", source: "export const a = 1\n", code: "mdx:esm", column: 1 },
    { name: "inline expression", source: "一段文字{alert(1)}结束\n", code: "mdx:expression", column: 5 },
    { name: "flow expression", source: "{alert(1)}\n", code: "mdx:expression", column: 1 },
    {
      name: "attribute expression",
      source: "<RunIn level={x}>一、</RunIn>正文\n",
      code: "mdx:attribute-expression",
      column: 1,
      field: "body.RunIn.level",
    },
    { name: "attribute spread", source: "<RunIn {...props}>一、</RunIn>正文\n", code: "mdx:attribute-expression", column: 1 },
    { name: "<script>", source: "<script>alert(1)</script>\n", code: "mdx:unknown-element", column: 1 },
    { name: "<iframe>", source: '<iframe src="https://evil.example/"></iframe>\n', code: "mdx:unknown-element", column: 1 },
    { name: "<div onClick>", source: '<div onClick="alert(1)">点我</div>\n', code: "mdx:unknown-element", column: 1 },
    { name: "inline <a href=javascript:>", source: '文字<a href="javascript:alert(1)">链接</a>\n', code: "mdx:unknown-element", column: 3 },
    { name: "fragment", source: "<>文字</>\n", code: "mdx:unknown-element", column: 1 },
    {
      name: "Figure javascript: src",
      source: '<Figure src="javascript:alert(1)" />\n',
      code: "mdx:unsafe-url",
      column: 1,
      field: "body.Figure.src",
    },
    {
      name: "Figure data: src",
      source: '<Figure src="data:text/html,<script>alert(1)</script>" />\n',
      code: "mdx:unsafe-url",
      column: 1,
      field: "body.Figure.src",
    },
    {
      name: "Figure src with a tab in the scheme",
      source: '<Figure src="java\tscript:alert(1)" />\n',
      code: "mdx:unsafe-url",
      column: 1,
      field: "body.Figure.src",
    },
    { name: "javascript: link", source: "详见[这里](javascript:alert(1))。\n", code: "mdx:unsafe-url", column: 3 },
    { name: "mixed-case JaVaScRiPt: link", source: "[x](JaVaScRiPt:alert(1))\n", code: "mdx:unsafe-url", column: 1 },
    { name: "link with a tab inside the scheme", source: "[x](<java\tscript:alert(1)>)\n", code: "mdx:unsafe-url", column: 1 },
    {
      name: "link with an entity-encoded tab inside the scheme",
      source: "[x](java&#9;script:alert(1))\n",
      code: "mdx:unsafe-url",
      column: 1,
    },
    { name: "vbscript: link", source: "[x](vbscript:msgbox(1))\n", code: "mdx:unsafe-url", column: 1 },
    { name: "protocol-relative link", source: "[x](//evil.example/)\n", code: "mdx:unsafe-url", column: 1 },
    { name: "protocol-relative link written /\\", source: "[x](/\\evil.example/)\n", code: "mdx:unsafe-url", column: 1 },
    { name: "data: image", source: "![x](data:image/png;base64,AAAA)\n", code: "mdx:unsafe-url", column: 1 },
    { name: "javascript: reference definition", source: "见[r]。\n\n[r]: javascript:x\n", code: "mdx:unsafe-url", line: 3, column: 1 },
    {
      name: "unsafe link inside an allowed element",
      source: "<RunIn>[一、](javascript:alert(1))</RunIn>正文\n",
      code: "mdx:unsafe-url",
      column: 8,
    },
    {
      name: "unknown attribute",
      source: '<RunIn foo="1">一、</RunIn>正文\n',
      code: "mdx:unknown-attribute",
      column: 1,
      field: "body.RunIn.foo",
    },
    {
      name: "event-handler attribute on an allowed element",
      source: '<Figure src="a.png" onError="alert(1)" />\n',
      code: "mdx:unknown-attribute",
      column: 1,
      field: "body.Figure.onError",
    },
    {
      name: "bad enum value",
      source: '<RunIn level="9">一、</RunIn>正文\n',
      code: "mdx:unknown-attribute",
      column: 1,
      field: "body.RunIn.level",
    },
    { name: "missing required attribute", source: "<Figure />\n", code: "mdx:unknown-attribute", column: 1, field: "body.Figure.src" },
    {
      name: "attribute without a value",
      source: "<Figure src />\n",
      code: "mdx:attribute-expression",
      column: 1,
      field: "body.Figure.src",
    },
  ])("$name → $code", async ({ source, code, line = 1, column, field = expect.stringMatching(/^body/) }) => {
    const v = await violations(source);
    expect(v).toContainEqual(expect.objectContaining({ code, line: line + OFFSET, column, field }));
    // Nothing that compiles to a refusal is also half-accepted: every violation is on that line.
    expect(v.every((x) => x.line === line + OFFSET)).toBe(true);
  });

  it("positions a violation on a later line of the body, after the line offset", async () => {
    const v = await violations("第一段。\n\n第二段。\n\n<script>x</script>\n", 7);
    expect(v).toEqual([expect.objectContaining({ code: "mdx:unknown-element", line: 12, column: 1 })]);
  });

  it("reports an unclosed <RunIn> as mdx:syntax at its line", async () => {
    const v = await violations("第一段。\n\n<RunIn>一、没有结束标签。\n", 10);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ code: "mdx:syntax", line: 13, field: "body" });
    expect(v[0]!.message).toMatch(/RunIn/);
  });

  it("reports every violation in a file, not just the first", async () => {
    const source = [
      'import x from "y"', // 1
      "",
      "正文{alert(1)}", // 3
      "",
      "<script>alert(1)</script>", // 5
      "",
      "[x](javascript:alert(1))", // 7
      "",
      '<RunIn level="9">一、</RunIn>正文', // 9
      "",
    ].join("\n");
    const v = await violations(source, 0);
    expect(v.map((x) => [x.code, x.line])).toEqual(
      expect.arrayContaining([
        ["mdx:esm", 1],
        ["mdx:expression", 3],
        ["mdx:unknown-element", 5],
        ["mdx:unsafe-url", 7],
        ["mdx:unknown-attribute", 9],
      ]),
    );
    expect(v).toHaveLength(5);
  });
});

describe("compileBody accepts what an editor writes", () => {
  it("turns a GFM table into a table element", async () => {
    const { tree } = await compiled("| 地区 | 人数 |\n| --- | ---: |\n| 长治 | 27万 |\n");
    const [table] = elements(tree, "table");
    expect(table).toBeDefined();
    expect(elements(tree, "td").map(textOf)).toEqual(["长治", "27万"]);
  });

  it("turns a footnote into a footnote section", async () => {
    const { tree } = await compiled("正文有注释[^1]。\n\n[^1]: 注释内容。\n");
    const section = elements(tree, "section").find((s) => s.properties.dataFootnotes);
    expect(section).toBeDefined();
    expect(textOf(section!)).toContain("注释内容。");
    // The footnote reference in the text links to it.
    expect(elements(tree, "sup")).toHaveLength(1);
  });

  it("closes ** after a CJK quotation mark followed by CJK text (remark-cjk-friendly)", async () => {
    const { tree, text } = await compiled("**“双减”**政策\n");
    const strong = elements(tree, "strong");
    expect(strong).toHaveLength(1);
    expect(textOf(strong[0]!)).toBe("“双减”");
    expect(text).toBe("“双减”政策");
    expect(text).not.toContain("*");
  });

  it("keeps <RunIn> as a plain element named RunIn, with no MDX node left in the tree", async () => {
    const { tree } = await compiled(
      '<RunIn>一、……。</RunIn>正文\n\n<Figure src="images/a.png" caption="图1" />\n\n<RunIn level="2">（一）<sup>1</sup></RunIn>正文\n',
    );
    const runIns = elements(tree, "RunIn");
    expect(runIns.map(textOf)).toEqual(["一、……。", "（一）1"]);
    expect(runIns[1]!.properties).toEqual({ level: "2" });
    const [figure] = elements(tree, "Figure");
    expect(figure!.properties).toEqual({ src: "images/a.png", caption: "图1" });
    for (const n of nodes(tree)) {
      expect(["root", "element", "text"]).toContain(n.type);
      // Positions and parser data are not stored.
      expect(n).not.toHaveProperty("position");
      expect(n).not.toHaveProperty("data");
    }
  });

  it("survives a JSON round trip unchanged (it is stored as JSON)", async () => {
    const { tree } = await compiled("<RunIn>一、</RunIn>正文[^1]\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n[^1]: 注。\n");
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });

  it("lists the # headings as the issue's articles", async () => {
    const { articles } = await compiled("# 团长治市委履行全团带队职责\n\n正文一。\n\n## 小标题\n\n# 团太原市委推进改革\n\n正文二。\n");
    expect(articles).toEqual(["团长治市委履行全团带队职责", "团太原市委推进改革"]);
  });

  it("produces the plain text of the paragraphs, one per line", async () => {
    const { text } = await compiled("<RunIn>一、始终在把牢政治方向上履行职责。</RunIn>正文第一段。\n\n第二段，**一是**强化组织基础。\n");
    expect(text).toBe("一、始终在把牢政治方向上履行职责。正文第一段。\n第二段，一是强化组织基础。");
  });

  it("keeps escaped braces as text", async () => {
    const { text } = await compiled("公式\\{a\\}不是表达式。\n");
    expect(text).toBe("公式{a}不是表达式。");
  });

  it("allows relative, https and mailto links", async () => {
    const { tree } = await compiled("[上一期](/jtyx/2022/2)、[官网](https://www.gqt.org.cn/)、[来信](mailto:tsw@example.cn)\n");
    expect(elements(tree, "a").map((a) => a.properties.href)).toEqual(["/jtyx/2022/2", "https://www.gqt.org.cn/", "mailto:tsw@example.cn"]);
  });
});

describe("isSafeUrl", () => {
  it.each([
    "images/a.png",
    "./a.png",
    "../2021/5",
    "/jtyx/2022/3",
    "#user-content-fn-1",
    "?page=2",
    "https://www.gqt.org.cn/",
    "http://example.cn",
    "HTTPS://EXAMPLE.CN",
    "mailto:tsw@example.cn",
  ])("allows %j", (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "\u0000javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:image/png;base64,AAAA",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.com",
    "//evil.com/a.png",
    " //evil.com",
    "\\\\evil.com",
    "\\/evil.com",
    // Browsers read a backslash as a slash in http(s) URLs: "/\evil.com" resolves to https://evil.com/.
    "/\\evil.com",
  ])("refuses %j", (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
});

describe("pictures from the internal network", () => {
  it.each([
    '<Figure src="http://127.0.0.1:3000/a.png" />',
    '<Figure src="http://169.254.169.254/latest/meta-data/" />',
    '<Figure src="http://0x7f000001/a.png" />',
    '<Figure src="http://localhost/a.png" />',
    '<Figure src="https://[::1]/a.png" />',
    "![图](http://192.168.1.10/a.png)",
  ])("refuses %s at its line, naming the field", async (source) => {
    const v = await violations(`第一段。\n\n${source}\n`);
    expect(v).toEqual([expect.objectContaining({ code: "mdx:unsafe-url", line: OFFSET + 3 })]);
    expect(v[0]!.message).toContain("内部网络");
    if (source.startsWith("<Figure")) expect(v[0]!.field).toBe("body.Figure.src");
  });

  it("allows a public address and the issue's own folder", async () => {
    await compiled('<Figure src="https://www.gov.cn/a.png" />\n\n<Figure src="003.media/a.png" />\n');
  });
});

it("drops the invisible characters that would let a line break before a closing mark (zero-width space, soft hyphen, BOM)", async () => {
  const body = await compiled("积极响应“双减\u200B”，开展\u00AD活动\uFEFF。");
  expect(body.text).toBe("积极响应“双减”，开展活动。");
  expect(JSON.stringify(body.tree)).not.toMatch(/\\u200b|\u200B|\u00AD|\uFEFF/i);
});
