// Loading one issue file: the real sample loads with the fields the masthead and distribution
// block print; each kind of mistake is refused with the file, the exact line, the field and a
// stable code, so an editor can go straight to it.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ISSUE_BYTES } from "@/lib/content/limits";
import { type LoadedSeries, loadIssue, loadSeries } from "@/lib/content/load";
import type { ContentProblem } from "@/lib/content/problem";

const REPO_CONTENT = path.resolve(import.meta.dirname, "../content");

let root: string;
let seriesById: Map<string, LoadedSeries>;
let sample: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-fm-"));
  await fs.mkdir(path.join(root, "series"), { recursive: true });
  await fs.mkdir(path.join(root, "jtyx/2022"), { recursive: true });
  await fs.copyFile(path.join(REPO_CONTENT, "series/jtyx.yml"), path.join(root, "series/jtyx.yml"));
  sample = await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8");
  const s = await loadSeries(root, "series/jtyx.yml");
  if (!s.ok) throw new Error(`the repository's series file does not load: ${JSON.stringify(s.problems)}`);
  seriesById = new Map([["jtyx", s.value]]);
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

let counter = 0;

/** Writes `content` as an issue file in a fresh year directory and loads it. */
async function load(content: string | Buffer, name = "003.mdx", series = seriesById) {
  // A fresh directory per call keeps cases independent; the file name is what the path checks read.
  const dir = "jtyx/2022";
  const sub = path.join(root, `case-${++counter}`);
  await fs.mkdir(path.join(sub, dir), { recursive: true });
  const rel = `${dir}/${name}`;
  await fs.writeFile(path.join(sub, rel), content);
  return loadIssue(sub, rel, series);
}

async function problemsOf(content: string | Buffer, name?: string, series?: Map<string, LoadedSeries>): Promise<ContentProblem[]> {
  const r = await load(content, name, series);
  if (r.ok) throw new Error(`expected the file to be refused; it loaded: ${JSON.stringify(r.value.frontmatter)}`);
  return r.problems;
}

/** A minimal valid issue; line numbers: 1 ---, 2 series, 3 year, 4 number, 5 date, 6 title, 7… extra. */
function issue({ replace = {} as Record<string, string | null>, extra = "", body = "\n正文。\n" } = {}) {
  const fields: [string, string][] = [
    ["series", "series: jtyx"],
    ["year", "year: 2022"],
    ["number", "number: 3"],
    ["date", "date: 2022-03-25"],
    ["title", "title: 标题"],
  ];
  const lines = fields.flatMap(([k, l]) => (k in replace ? (replace[k] === null ? [] : [replace[k]!]) : [l]));
  return `---\n${lines.join("\n")}\n${extra}---\n${body}`;
}

describe("loadIssue: the sample issue", () => {
  it("loads jtyx/2022/003.mdx with the fields the bulletin prints", async () => {
    const r = await load(sample);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const { key, frontmatter: fm, resolved } = r.value;
    expect(key).toEqual({ series: "jtyx", year: 2022, number: 3, supplement: false });
    expect(fm.series).toBe("jtyx");
    expect(fm.year).toBe(2022);
    expect(fm.number).toBe(3);
    expect(fm.supplement).toBe(false);
    expect(fm.date).toBe("2022-03-25");
    expect(fm.visibility).toBe("public");
    expect(fm.status).toBe("published");
    expect(resolved.titleLines).toEqual(["团长治市委认真履行全团带队职责", "多措并举推动少先队工作高质量发展"]);
    expect(resolved.distribution.report).toHaveLength(5);
    expect(resolved.distribution.report[0]).toBe("省委办公厅");
    expect(resolved.distribution.send).toEqual(["省直有关单位", "各市党委政府", "团省委班子成员"]);
    expect(resolved.distribution.issue).toEqual(["市级团委", "团省委机关各部门、直属事业单位"]);
    expect(resolved.editor).toBe("赵坚");
    // The sample does not set organization: it comes from series/jtyx.yml.
    expect(fm.organization).toBeUndefined();
    expect(resolved.organization).toBe("共青团山西省委");
    // The body compiled: four RunIn headings, and the text holds the first paragraph.
    expect(r.value.body.text).toContain("交出新时代少先队工作的“长治答卷”。");
    expect(r.value.body.text).toContain("一、始终在把牢政治方向上履行全团带队职责。");
    expect(r.value.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("loads the same file with CRLF line endings and a byte-order mark", async () => {
    const r = await load(`\uFEFF${sample.replace(/\n/g, "\r\n")}`);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.resolved.titleLines).toHaveLength(2);
    expect(r.value.resolved.distribution.report).toHaveLength(5);
  });

  it("takes distribution and editor from the series when the issue gives none, and its own organization when it does", async () => {
    const r = await load(issue({ extra: "organization: 团长治市委\n" }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.resolved.organization).toBe("团长治市委");
    expect(r.value.resolved.editor).toBe("赵坚");
    expect(r.value.resolved.distribution.report).toEqual(["省委办公厅", "省人大办公厅", "省政府办公厅", "省政协办公厅", "团中央办公厅"]);
  });

  it("keeps a title given as a list of lines", async () => {
    const r = await load(issue({ replace: { title: "title:\n  - 第一行\n  - 第二行" } }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.resolved.titleLines).toEqual(["第一行", "第二行"]);
  });
});

describe("loadIssue: refusals", () => {
  it("refuses an unknown key, on its line", async () => {
    const p = await problemsOf("---\nseries: jtyx\nyear: 2022\nauther: x\nnumber: 3\ndate: 2022-03-25\ntitle: 标题\n---\n正文\n");
    expect(p).toEqual([
      expect.objectContaining({ path: "jtyx/2022/003.mdx", line: 4, field: "auther", code: "content:invalid-frontmatter" }),
    ]);
    expect(p[0]!.message).toContain("auther");
  });

  it("refuses an unknown key inside distribution, with its dotted field", async () => {
    const p = await problemsOf(issue({ extra: "distribution:\n  report:\n    - 省委办公厅\n  copy: []\n" }));
    expect(p).toEqual([expect.objectContaining({ line: 10, field: "distribution.copy", code: "content:invalid-frontmatter" })]);
  });

  it("refuses a date that is not on the calendar (2022-02-30)", async () => {
    const p = await problemsOf(issue({ replace: { date: "date: 2022-02-30" } }));
    expect(p).toEqual([
      expect.objectContaining({ path: "jtyx/2022/003.mdx", line: 5, field: "date", code: "content:invalid-frontmatter" }),
    ]);
  });

  it("refuses a date written another way (2022/3/25)", async () => {
    const p = await problemsOf(issue({ replace: { date: "date: 2022/3/25" } }));
    expect(p).toEqual([expect.objectContaining({ line: 5, field: "date", code: "content:invalid-frontmatter" })]);
  });

  it("refuses a date in another year than `year`", async () => {
    const p = await problemsOf(issue({ replace: { date: "date: 2021-12-30" } }));
    expect(p).toEqual([expect.objectContaining({ line: 5, field: "date", code: "content:invalid-frontmatter" })]);
    expect(p[0]!.message).toContain("2022");
  });

  it("refuses an empty title", async () => {
    const p = await problemsOf(issue({ replace: { title: 'title: ""' } }));
    expect(p).toEqual([expect.objectContaining({ line: 6, field: "title", code: "content:invalid-frontmatter" })]);
  });

  it("refuses an empty distribution entry, pointing at the entry", async () => {
    const p = await problemsOf(issue({ extra: 'distribution:\n  report:\n    - 省委办公厅\n    - ""\n' }));
    expect(p).toEqual([expect.objectContaining({ line: 10, field: "distribution.report.1", code: "content:invalid-frontmatter" })]);
  });

  it("refuses a missing required field, pointing at the opening ---", async () => {
    const p = await problemsOf(issue({ replace: { date: null } }));
    expect(p).toEqual([expect.objectContaining({ line: 1, field: "date", code: "content:invalid-frontmatter" })]);
    expect(p[0]!.message).toContain("缺少必填字段");
  });

  it("refuses a value of the wrong type (number: three)", async () => {
    const p = await problemsOf(issue({ replace: { number: "number: three" } }));
    expect(p).toEqual([expect.objectContaining({ line: 4, field: "number", code: "content:invalid-frontmatter" })]);
  });

  it("refuses YAML aliases", async () => {
    const p = await problemsOf(issue({ extra: "a: &x [1]\nb: *x\n" }));
    expect(p).toEqual([expect.objectContaining({ line: 8, field: "frontmatter", code: "content:yaml-alias" })]);
  });

  it("refuses invalid YAML syntax, on its line", async () => {
    const p = await problemsOf(issue({ replace: { title: "title: 标题: 副标题" } }));
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((x) => x.code === "content:invalid-yaml" && x.line === 6 && x.field === "frontmatter")).toBe(true);
  });

  it("refuses a duplicated key as invalid YAML, on the second occurrence", async () => {
    const p = await problemsOf(issue({ extra: "year: 2022\n" }));
    expect(p).toEqual([expect.objectContaining({ line: 7, code: "content:invalid-yaml" })]);
  });

  it("refuses invalid UTF-8, with the line of the bad byte", async () => {
    const bytes = Buffer.concat([
      Buffer.from("---\nseries: jtyx\nyear: 20"),
      Buffer.from([0xff]),
      Buffer.from("22\nnumber: 3\ndate: 2022-03-25\ntitle: 标题\n---\n正文\n"),
    ]);
    const p = await problemsOf(bytes);
    expect(p).toEqual([expect.objectContaining({ path: "jtyx/2022/003.mdx", line: 3, column: 9, code: "content:invalid-utf8" })]);
  });

  it("refuses a file over the size limit without reading it as content", async () => {
    const body = "正文。".repeat(Math.ceil(MAX_ISSUE_BYTES / 9) + 1);
    const content = issue({ body: `\n${body}\n` });
    expect(Buffer.byteLength(content)).toBeGreaterThan(MAX_ISSUE_BYTES);
    const p = await problemsOf(content);
    expect(p).toEqual([expect.objectContaining({ line: 1, code: "content:too-large" })]);
  });

  it("accepts a file exactly at the size limit", async () => {
    const head = issue({ body: "\n" });
    const content = `${head + "a".repeat(MAX_ISSUE_BYTES - Buffer.byteLength(head) - 1)}\n`;
    expect(Buffer.byteLength(content)).toBe(MAX_ISSUE_BYTES);
    const r = await load(content);
    expect(r.ok).toBe(true);
  });

  it("refuses an unknown series", async () => {
    const p = await problemsOf(issue(), "003.mdx", new Map());
    expect(p).toContainEqual(expect.objectContaining({ line: 2, field: "series", code: "content:unknown-series" }));
  });

  it("refuses a number that does not match the file name", async () => {
    const p = await problemsOf(issue(), "004.mdx");
    expect(p).toEqual([expect.objectContaining({ path: "jtyx/2022/004.mdx", line: 4, field: "number", code: "content:path-mismatch" })]);
  });

  it("refuses a supplement file (zk001.mdx) not marked supplement: true", async () => {
    const p = await problemsOf(issue({ replace: { number: "number: 1" } }), "zk001.mdx");
    expect(p).toEqual([expect.objectContaining({ field: "supplement", code: "content:path-mismatch" })]);
  });

  it("refuses a file without frontmatter", async () => {
    const p = await problemsOf("series: jtyx\nyear: 2022\n\n正文。\n");
    expect(p).toEqual([expect.objectContaining({ line: 1, field: "frontmatter", code: "content:no-frontmatter" })]);
  });

  it("refuses frontmatter without its closing ---", async () => {
    const p = await problemsOf("---\nseries: jtyx\nyear: 2022\n");
    expect(p).toEqual([expect.objectContaining({ line: 1, field: "frontmatter", code: "content:no-frontmatter" })]);
  });

  it("reports frontmatter and body problems together, body lines counted from the top of the file", async () => {
    const p = await problemsOf(issue({ extra: "foo: 1\n", body: "\n正文。\n\n<script>alert(1)</script>\n" }));
    // 1 ---, 2–6 fields, 7 foo, 8 ---, 9 blank, 10 正文, 11 blank, 12 <script>
    expect(p).toEqual([
      expect.objectContaining({ line: 7, field: "foo", code: "content:invalid-frontmatter" }),
      expect.objectContaining({ path: "jtyx/2022/003.mdx", line: 12, code: "mdx:unknown-element" }),
    ]);
  });
});

describe("loadSeries / seriesSchema", () => {
  async function seriesProblems(name: string, yaml: string) {
    await fs.writeFile(path.join(root, "series", name), yaml);
    const r = await loadSeries(root, `series/${name}`);
    if (r.ok) throw new Error(`expected series/${name} to be refused`);
    return r.problems;
  }

  it("fills in defaults for a minimal series", async () => {
    await fs.writeFile(path.join(root, "series", "min.yml"), "id: min\nname: 简报\norganization: 某单位\n");
    const r = await loadSeries(root, "series/min.yml");
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.definition).toMatchObject({
      color: "#E60012",
      numbering: { reset: "yearly", showTotal: false },
      distribution: { report: [], send: [], issue: [] },
    });
  });

  it("refuses a bad color and an unknown key, each on its line", async () => {
    const p = await seriesProblems("bad.yml", "id: bad\nname: 坏简报\norganization: 某单位\ncolor: red\nfoo: 1\n");
    expect(p).toEqual([
      expect.objectContaining({ path: "series/bad.yml", line: 4, field: "color", code: "content:invalid-frontmatter" }),
      expect.objectContaining({ path: "series/bad.yml", line: 5, field: "foo", code: "content:invalid-frontmatter" }),
    ]);
  });

  it("refuses an id the site uses for its own pages (/search, /issues, …), at its line", async () => {
    const p = await seriesProblems("search.yml", "name: 简报\nid: search\norganization: 某单位\n");
    expect(p).toEqual([expect.objectContaining({ path: "series/search.yml", line: 2, field: "id", code: "content:invalid-frontmatter" })]);
    expect(p[0]!.message).toContain("search");
  });

  it("refuses an id that differs from the file name", async () => {
    const p = await seriesProblems("other.yml", "id: jtyx\nname: 简报\norganization: 某单位\n");
    expect(p).toEqual([expect.objectContaining({ field: "id", code: "content:path-mismatch" })]);
  });
});
