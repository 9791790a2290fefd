// The Word files as a real office suite lays them out: LibreOffice converts each issue in
// content/ to PDF (test/lib/libreoffice.ts), and the PDF is measured with the same GB/T 9704
// checks as the site's own PDFs (e2e/lib/pdf-checks.ts). Where an office suite's layout
// legitimately differs from Chromium's, the difference and its bound are stated below.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ElementContent } from "hast";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content/check";
import { issueDocx } from "@/lib/docx/document";
import { fromLoaded } from "@/lib/docx/issue";
import { pictureReader } from "@/lib/docx/service";
import {
  AREA,
  checkFolios,
  checkLinesPerPage,
  checkMastheadAndColophon,
  checkPaper,
  checkTypeArea,
  type IssueFacts,
  isFolio,
  pagesOf,
} from "../e2e/lib/pdf-checks";
import { type MeasuredPdf, MM, measurePdf } from "../e2e/lib/pdf-measure";
import { convertToPdf, officeFonts, SOFFICE } from "./lib/libreoffice";
import { strokedRules } from "./lib/pdf-strokes";

const CONTENT = path.resolve(import.meta.dirname, "../content");
const SHOTS = process.env.DOCX_SHOTS;

const SAMPLE = "jtyx/2022/003.mdx";
const LONGER = "jtyx/2022/003.mdx with three lines more";
// 26 + 28 + 10 characters: three lines, the first indented two characters.
const FILLER = `${"团市委将持续跟踪各县区少先队工作经费落实情况，按季度通报进展".repeat(3).slice(0, 63)}。`;

type Case = { path: string; facts: IssueFacts; measured: MeasuredPdf };
const cases: Case[] = [];

describe.skipIf(!SOFFICE)("Word files laid out by LibreOffice", () => {
  beforeAll(async () => {
    const content = await checkContent(CONTENT);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-docx-lo-"));
    const files: string[] = [];
    for (const issue of content.issues.filter((i) => i.frontmatter.status === "published")) {
      const series = content.series.find((s) => s.definition.id === issue.key.series)!;
      const doc = fromLoaded(issue, series);
      const file = path.join(dir, `${issue.path.replace(/\//g, "-").replace(/\.mdx$/, "")}.docx`);
      fs.writeFileSync(file, await issueDocx(doc, { readPicture: pictureReader(CONTENT, issue.path) }));
      files.push(file);
      cases.push({
        path: issue.path,
        facts: { seriesName: series.definition.name, organization: doc.organization, articles: doc.articles, date: doc.date },
        measured: undefined as unknown as MeasuredPdf,
      });
    }
    // The sample with three more lines of text at its end: page 4 then has no room for the 版记,
    // which must move whole to a page of its own, at its foot.
    const sample = cases.find((c) => c.path === SAMPLE)!;
    const sampleIssue = content.issues.find((i) => i.path === SAMPLE)!;
    const doc = fromLoaded(sampleIssue, content.series.find((s) => s.definition.id === "jtyx")!);
    const more: ElementContent = { type: "element", tagName: "p", properties: {}, children: [{ type: "text", value: FILLER }] };
    const longer = { ...doc, body: { ...doc.body, children: [...doc.body.children, more] } };
    const file = path.join(dir, "sample-longer.docx");
    fs.writeFileSync(file, await issueDocx(longer));
    files.push(file);
    cases.push({ ...sample, path: LONGER });
    const conf = await officeFonts(dir);
    const pdfs = convertToPdf(files, dir, conf);
    for (const [i, pdf] of pdfs.entries()) {
      const bytes = fs.readFileSync(pdf);
      const measured = await measurePdf(bytes);
      measured.shapes.push(...(await strokedRules(bytes)));
      cases[i]!.measured = measured;
    }
    if (SHOTS) for (const pdf of pdfs) fs.copyFileSync(pdf, path.join(SHOTS, path.basename(pdf)));
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it("A4 paper, and every page numbered — N — in 14 pt 宋体, odd pages right and even pages left, 7 mm below the type area", () => {
    for (const c of cases) expect([...checkPaper(c.measured), ...checkFolios(c.measured)], c.path).toEqual([]);
  });

  it("the masthead's name and red rule on page 1 only, and the 版记 (报/送/发, 责任编辑) on the last page only, its last rule on the type area's lower edge", () => {
    for (const c of cases) expect(checkMastheadAndColophon(c.measured, c.facts), c.path).toEqual([]);
  });

  it("the 版记 stands at the foot of the last page, below all of the text", () => {
    // Its last rule on the type area's lower edge is checked above (within 0.5 mm, as for
    // Chromium's PDFs; LibreOffice draws its lower edge 0.01 mm above). Here: nothing else on the
    // page reaches into it, and the page's text stays above its first rule.
    for (const c of cases) {
      const last = c.measured.pages.length;
      const lines = pagesOf(c.measured)[last - 1]!.filter((l) => !isFolio(l));
      const first = lines.findIndex((l) => /^(报|送|发|抄送)：|^责任编辑：/.test(l.text.trim()));
      expect(first, c.path).toBeGreaterThanOrEqual(0);
      const colophonTop = lines[first]!.baseline - lines[first]!.ascent * lines[first]!.size;
      const topRule = c.measured.shapes
        .filter((s) => s.page === last && s.color === "#000000" && s.x1 - s.x0 > 150 * MM && s.y1 <= colophonTop)
        .sort((a, b) => b.y0 - a.y0)[0];
      expect(topRule, c.path).toBeDefined();
      // The 版记 is 4 to 5 rows of 14 pt on 22.4 pt lines between its rules: well under 60 mm.
      expect(AREA.bottom - topRule!.y0, c.path).toBeLessThan(60 * MM);
      for (const l of lines.slice(0, first)) {
        const bottom = l.baseline - l.descent * l.size;
        expect(bottom, `${c.path}: “${l.text.slice(0, 12)}” reaches ${(bottom / MM).toFixed(1)} mm`).toBeLessThan(topRule!.y0);
      }
      for (const l of lines.slice(first)) expect(l.baseline, `${c.path}: ${l.text}`).toBeGreaterThan(topRule!.y1);
    }
  });

  it("the 版记's rules cross the type area, about 0.35 mm above and below and 0.25 mm between", () => {
    for (const c of cases) {
      const last = c.measured.pages.length;
      const rules = c.measured.shapes
        .filter((s) => s.page === last && s.color === "#000000" && s.x1 - s.x0 > 150 * MM)
        .sort((a, b) => a.y0 - b.y0)
        .map((s) => (s.y1 - s.y0) / MM);
      // From the 版记's thick top rule down (a footnotes' rule may stand above it).
      rules.splice(
        0,
        Math.max(
          0,
          rules.findIndex((t) => t > 0.3),
        ),
      );
      expect(rules.length, c.path).toBeGreaterThanOrEqual(2);
      // Word's 1 pt and 0.75 pt rules are 0.353 and 0.265 mm: within 0.05 mm of the standard's figures.
      for (const [i, t] of rules.entries())
        expect(
          Math.abs(t - (i === 0 || i === rules.length - 1 ? 0.35 : 0.25)),
          `${c.path}: ${rules.map((r) => r.toFixed(2))}`,
        ).toBeLessThan(0.05);
    }
  });

  it("text starts at the type area's top and left edges and stays inside it", () => {
    // Within 1 mm, as for Chromium's PDFs. The right edge is not asserted: LibreOffice 7.4 lets a
    // closing mark hang past it at the end of some lines: its importer reads w:overflowPunct the
    // other way round (val="0", Word's "keep punctuation inside", turns hanging punctuation on).
    const rightEdge = /越出版心：x [\d.]+ mm–(18[5-9]|19\d)\.\d mm/;
    for (const c of cases)
      expect(
        checkTypeArea(c.measured).filter((v) => !rightEdge.test(v)),
        c.path,
      ).toEqual([]);
  });

  it("22 lines a page: no page holds more, a paragraph running on fills its page, and the sample's text ends on page 4 as in the PDF", () => {
    for (const c of cases) expect(checkLinesPerPage(c.measured), c.path).toEqual([]);
    // Four pages, as in the PDF, the 版记 at the foot of page 4 under the text's last line.
    const sample = cases.find((c) => c.path === SAMPLE)!.measured;
    expect(sample.pages).toHaveLength(4);
    const page4 = pagesOf(sample)[3]!
      .map((l) => l.text.replace(/\s/g, ""))
      .join("");
    expect(page4).toContain("县级财政承担55%的比例落实了2022年少先队工作经费。");
  });

  it("a 版记 with no room left under the text moves whole to a page of its own, at its foot", () => {
    const longer = cases.find((c) => c.path === LONGER)!.measured;
    expect(longer.pages).toHaveLength(5);
    const text = (page: number) =>
      pagesOf(longer)
        [page - 1]!.filter((l) => !isFolio(l))
        .map((l) => l.text.replace(/\s/g, ""));
    expect(text(4).join("")).toContain(FILLER);
    // Page 5 opens with the 版记 (the test above has it at the foot, nothing above it).
    expect(text(5)[0]).toMatch(/^报：/);
  });
});
