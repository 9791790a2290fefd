// The studio's form and the content loader read a file's frontmatter with one parser: whatever
// an editor types into any field comes back from the file exactly, as the loader reads it and as
// the form shows it again. Random values (seeded, so a failure repeats) are weighted towards what
// breaks YAML and fence detection: ---, ..., #, quotes, colons, YAML's special words, tabs, CJK.
import { describe, expect, it } from "vitest";
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { type DraftFields, draftFieldsSchema } from "@/lib/studio/draft-fields";
import { composeSource, fieldsFromFrontmatter, normaliseFields, splitSource, verifyComposed } from "@/lib/studio/source";

/** mulberry32: small, seeded, good enough to spread cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  "---",
  "...",
  "--- ",
  " ---",
  "---\t",
  "#",
  "# 注释",
  "'",
  '"',
  "''",
  '""',
  ":",
  ": ",
  "a: b",
  "- x",
  "-",
  "? k",
  "|",
  ">",
  "|-",
  ">+",
  "yes",
  "no",
  "on",
  "off",
  "true",
  "False",
  "~",
  "null",
  "NULL",
  "0x10",
  "0o17",
  "1e3",
  ".inf",
  "-.nan",
  "007",
  "0",
  "12",
  "3.0",
  "2026-11-20",
  "&a",
  "*a",
  "!tag",
  "!!str",
  "%YAML 1.2",
  "%",
  "@",
  "`",
  "```",
  "\t",
  "  ",
  "{",
  "}",
  "[",
  "]",
  ",",
  "<<",
  "=",
  "\\",
  "\\n",
  "\u3000",
  "简报",
  "晋团要讯",
  "编者按：",
  "，",
  "。",
  "：",
  "；",
  "“引号”",
  "（括号）",
  "【注】",
  "〔2022〕",
  "！",
  "？",
  "—",
  "…",
  "😀",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "\r",
  "\r\n",
];

function value(r: () => number, maxLen: number, multiline: boolean): string {
  const parts: string[] = [];
  const n = Math.floor(r() * (r() < 0.1 ? 40 : 6));
  for (let i = 0; i < n; i++) {
    const pick = r();
    if (pick < 0.55) parts.push(NASTY[Math.floor(r() * NASTY.length)]!);
    else if (pick < 0.75) parts.push(String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000)));
    else if (pick < 0.85) parts.push(" ");
    else if (multiline) parts.push(r() < 0.5 ? "\n" : "\n---\n");
    else parts.push(String.fromCharCode(0x21 + Math.floor(r() * 94)));
  }
  if (r() < 0.03) parts.push("长".repeat(Math.floor(r() * maxLen)));
  return [...parts.join("")].slice(0, maxLen).join("");
}

const list = (r: () => number) => Array.from({ length: Math.floor(r() * 4) }, () => value(r, 80, r() < 0.2)).filter((s) => s.trim() !== "");

function randomFields(r: () => number): DraftFields {
  return draftFieldsSchema.parse({
    titleLines: Array.from({ length: Math.floor(r() * 4) }, () => value(r, 200, r() < 0.1)),
    date: r() < 0.5 ? "2026-11-20" : value(r, 20, false),
    organization: value(r, 200, r() < 0.2),
    marking: value(r, 60, r() < 0.2),
    visibility: r() < 0.5 ? "internal" : "public",
    editor: value(r, 60, r() < 0.2),
    copies: r() < 0.3 ? String(Math.floor(r() * 1000)) : value(r, 12, false),
    total: r() < 0.3 ? String(Math.floor(r() * 1000)) : value(r, 12, false),
    subtitle: value(r, 400, r() < 0.3),
    preface: value(r, 4000, true),
    distribution: { report: list(r), send: list(r), issue: list(r) },
  });
}

const key = { series: "jtyx", year: 2026, number: 3, supplement: false };

describe("form -> file -> loader -> form", () => {
  it("brings every field of 600 random forms back unchanged, through the loader's own splitter", () => {
    const r = rng(20261206);
    let fences = 0;
    for (let i = 0; i < 600; i++) {
      const fields = randomFields(r);
      const body = r() < 0.5 ? "正文。\n\n---\n\n第二段" : value(r, 300, true);
      const source = composeSource(key, fields, body);
      const loaded = splitFrontmatter("jtyx/2026/003.mdx", source);
      if (!loaded.ok) throw new Error(`case ${i}: the loader refused the file: ${JSON.stringify(loaded.problems)}\n${source}`);
      const expected = normaliseFields(fields);
      expect(fieldsFromFrontmatter(loaded.value.data), `case ${i}:\n${source}`).toEqual(expected);
      expect(splitSource(source).fields, `case ${i}`).toEqual(expected);
      // The loader reads visibility itself (not through the form's mapping): the value that decides who may read the issue.
      expect((loaded.value.data as { visibility?: unknown }).visibility ?? "public").toBe(fields.visibility);
      expect(() => verifyComposed(source, expected, body)).not.toThrow();
      if (/^---$/m.test(expected.preface)) fences++;
    }
    // The generator really exercised the case that flipped internal issues to public.
    expect(fences).toBeGreaterThan(50);
  });

  it("ends the frontmatter where the loader does: an indented --- is not a fence", () => {
    const source = "---\ntitle: 标题\npreface: |-\n  甲\n  ---\n  乙\nvisibility: internal\n---\n\n正文\n";
    expect(splitSource(source).fields).toMatchObject({ preface: "甲\n---\n乙", visibility: "internal" });
    expect(splitSource(source).body).toBe("正文");
  });

  it("keeps a title line with a space in it as one line", () => {
    const fields = draftFieldsSchema.parse({ titleLines: ["全省 团建工作", "第二行"] });
    expect(splitSource(composeSource(key, fields, "x")).fields.titleLines).toEqual(["全省 团建工作", "第二行"]);
    const one = draftFieldsSchema.parse({ titleLines: ["全省 团建工作"] });
    expect(splitSource(composeSource(key, one, "x")).fields.titleLines).toEqual(["全省 团建工作"]);
  });
});

describe("verifyComposed", () => {
  it("refuses a file whose frontmatter does not read back as the signed-off fields, naming the field", () => {
    const fields = draftFieldsSchema.parse({ titleLines: ["标题"], date: "2026-11-20", preface: "甲", visibility: "internal" });
    // What the old splitter produced: the fields after a stray fence fell into the body.
    const broken =
      "---\nseries: jtyx\nyear: 2026\nnumber: 3\ndate: 2026-11-20\ntitle: 标题\npreface: 甲\n---\nvisibility: internal\n---\n\n正文\n";
    expect(() => verifyComposed(broken, fields, "正文")).toThrow(
      expect.objectContaining({ code: "studio:compose-mismatch", publicMessage: expect.stringContaining("可见范围") }),
    );
  });
});
