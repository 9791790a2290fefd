// Text copied out of a PDF: the fixtures are `pdftotext -layout` of this project's own PDFs of
// 晋团要讯〔2022〕第3期 and 〔2023〕第5期 (hard-wrapped lines, indented paragraph starts, page
// numbers, titles over two lines, a table laid out with spaces, 本期要目, 编者按, footnotes).
// Importing them must give back the issues they were printed from.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAllSeries } from "@/lib/content/check";
import { type LoadedIssue, loadIssue } from "@/lib/content/load";
import { scanContent } from "@/lib/content/scan";
import { titleLines } from "@/lib/content/schema";
import { importFile } from "@/lib/import/import-file";
import { REPO, tempContent } from "./lib/import-env";

// A footnote comes back as a plain numbered paragraph at the end (its marker as a plain digit):
// extracted text does not say that a small "1" was a superscript.
const CASES = [
  { fixture: "jtyx-2022-003.pdftotext-layout.txt", own: "jtyx/2022/003.mdx", footnote: null },
  {
    fixture: "jtyx-2023-005.pdftotext-layout.txt",
    own: "jtyx/2023/005.mdx",
    footnote: {
      original: "注释数据截至2023年4月30日，由团运城市委会同市人力资源和社会保障局统计。↩",
      imported: "1.数据截至2023年4月30日，由团运城市委会同市人力资源和社会保障局统计。",
    },
  },
];

describe.each(CASES)("importing pdftotext -layout of $own", ({ fixture, own, footnote }) => {
  let imported: LoadedIssue;
  let original: LoadedIssue;
  let notes: string[];
  beforeAll(async () => {
    const env = await tempContent();
    const result = await importFile(path.join(REPO, "test/fixtures", fixture), { contentDir: env.dir, series: env.series });
    if (result.status === "failed") throw new Error(result.message);
    notes = result.notes.filter((n) => n.review).map((n) => n.message);
    const loaded = await loadIssue(env.dir, result.target, env.series);
    const repoSeries = (await loadAllSeries(path.join(REPO, "content"), (await scanContent(path.join(REPO, "content"))).series)).series;
    const repo = await loadIssue(path.join(REPO, "content"), own, repoSeries);
    if (!loaded.ok || !repo.ok) throw new Error("load failed");
    imported = loaded.value;
    original = repo.value;
  });

  it("finds nothing to review", () => {
    expect(notes).toEqual([]);
  });

  it("gives back the frontmatter (a title printed over two lines comes back as two lines)", () => {
    const { title: t1, ...rest1 } = imported.frontmatter;
    const { title: t2, ...rest2 } = original.frontmatter;
    expect(titleLines(t1).join("")).toBe(titleLines(t2).join("").replace(/\s+/g, ""));
    expect(rest1).toEqual({ ...rest2, distribution: original.resolved.distribution, editor: original.resolved.editor });
  });

  it("gives back the body: the same articles and the same text", () => {
    expect(imported.body.articles).toEqual(original.body.articles);
    let a = imported.body.text.replace(/\s+/g, "");
    let b = original.body.text.replace(/\s+/g, "");
    if (footnote) {
      expect(a.endsWith(footnote.imported) && b.endsWith(footnote.original)).toBe(true);
      a = a.slice(0, -footnote.imported.length);
      b = b.slice(0, -footnote.original.length);
    }
    expect(a).toBe(b);
  });
});
