// An issue as a Word document in the official layout (GB/T 9704-2012), built with the `docx`
// package: A4 with margins 37/28 mm, Word's document grid of 22 lines (28 characters a line by
// -0.3 pt tracking, as in the PDF: see fonts.ts for why not a character grid), the red
// masthead and rule on page 1, "— N —" page numbers in different odd and even footers, and the
// 版记 with its rules at the foot of the last page. What the importer (lib/import) reads back
// stays paragraphs in reading order: the masthead's lines, the title, the body, 报/送/发 (in a
// table of one cell, which the importer reads as its paragraphs).
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from "docx";
import JSZip from "jszip";
import { dateZh, issueLine, spacedName } from "@/lib/format";
import { DISTRIBUTION_KINDS, DISTRIBUTION_LABEL } from "@/lib/vocabulary";
import { BodyWriter, NUMBERING, type PictureReader, run, titleParagraph } from "./body";
import { fontTableXml, normalStyleXml, runFonts, themeWithOurFonts } from "./fonts";
import { AREA, BODY_SIZE, CHAR, CHAR_SPACE, FOLIO_INDENT, FOLIO_SIZE, FOOTER, LINE, MARGIN, PAGE, RULE } from "./geometry";
import type { DocxIssue } from "./issue";
import { statedProperties } from "./properties";
import { OFF_GRID, STYLES } from "./styles";

const exact = (lines = 1) => ({ line: Math.round(LINE * lines), lineRule: "exact" as const, before: 0, after: 0 });
/** Points between the organisation and date and the red rule under them. */
const MASTHEAD_RULE_SPACE = 4;
const hex = (color: string) => color.replace(/^#/, "").toUpperCase();

/** 报头: marking, the name in large red type, the issue line, organisation and date, the red rule (7 lines, as official.css). */
function masthead(issue: DocxIssue): Paragraph[] {
  const red = hex(issue.color);
  return [
    new Paragraph({ spacing: exact(), children: issue.marking ? [run(issue.marking, { role: "hei" })] : [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // Three whole lines: LibreOffice rounds a line up to whole lines of the grid (2.5 would take 3
      // and push the page's last line over), so the half line the layout puts under the name is in it.
      spacing: exact(3),
      children: [
        new TextRun({
          text: issue.seriesName,
          font: runFonts("xbs"),
          size: 108,
          sizeComplexScript: 108,
          color: red,
          snapToGrid: false,
          // 0.12 em between the characters, as the printed mastheads space them.
          characterSpacing: Math.round(54 * 20 * 0.12),
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(),
      children: [run(issueLine(issue), { role: "fang" })],
    }),
    new Paragraph({
      // The rule's gap and width (and a point to spare, as LibreOffice draws it 1.8 pt wide) come
      // off the space above, so that everything after it stays on the grid.
      spacing: { ...exact(), before: LINE - MASTHEAD_RULE_SPACE * 20 - Math.ceil((RULE.masthead * 20) / 8) - 20 },
      tabStops: [{ type: TabStopType.RIGHT, position: AREA.width }],
      // The rule a quarter line under the organisation and date, across the type area.
      border: { bottom: { style: BorderStyle.SINGLE, size: RULE.masthead, color: red, space: MASTHEAD_RULE_SPACE } },
      children: [run(issue.organization, { role: "fang" }), new TextRun({ children: ["\t"] }), run(dateZh(issue.date), { role: "fang" })],
    }),
  ];
}

/** 编者按, 本期要目 and the title, as the official layout puts them after the masthead. */
function front(issue: DocxIssue): Paragraph[] {
  const out: Paragraph[] = [];
  if (issue.preface)
    out.push(
      new Paragraph({
        alignment: AlignmentType.BOTH,
        indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
        spacing: { ...exact(), before: LINE, after: 0 },
        children: [run("编者按：", { role: "hei" }), run(issue.preface, { role: "kai" })],
      }),
    );
  if (issue.articles.length >= 2) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...exact(), before: LINE },
        keepNext: true,
        children: [
          new TextRun({ text: "本期要目", font: runFonts("hei"), size: BODY_SIZE, snapToGrid: false, characterSpacing: CHAR / 2 }),
        ],
      }),
    );
    // The list keeps together, but not with the first article: chained to its title and first
    // paragraph, the whole block would leave page 1 empty under the masthead.
    issue.articles.forEach((a, i) => {
      const keepNext = i < issue.articles.length - 1;
      out.push(new Paragraph({ indent: { left: 2 * CHAR }, spacing: exact(), keepNext, children: [run(a, { role: "kai" })] }));
    });
  } else {
    out.push(titleParagraph(issue.titleLines));
  }
  if (issue.subtitle)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...exact(), after: LINE },
        children: [run(issue.subtitle, { role: "kai" })],
      }),
    );
  return out;
}

/**
 * 版记: 4号仿宋 between a thick rule above and below and thin ones between the rows, one character
 * in from each side, wrapped lines aligned after the colon, at the foot of the last page.
 *
 * Held there by a floating table of one cell (w:tblpPr: bottom of the margin), which Word and
 * LibreOffice both honour; a Word frame (w:framePr yAlign="bottom") is not: LibreOffice 7.4 leaves
 * it where the text ends and drops its rules. The table is placed from the page's left edge, not
 * the margin's: LibreOffice lays a floating table as wide as the type area inline unless text
 * could stand beside it, and, measured from the page, it could. The table floats with the
 * paragraph after it (colophonAnchor), so when the text leaves no room on its page both move on
 * to the next one, whole. The rows stay paragraphs in that one cell: the importer (lib/import)
 * reads a one-cell table as its paragraphs, so it finds 报/送/发 as before.
 */
function colophon(issue: DocxIssue): (Table | Paragraph)[] {
  const rows: { children: (TextRun | string)[]; label: boolean }[] = [];
  for (const kind of DISTRIBUTION_KINDS) {
    if (issue.distribution[kind].length === 0) continue;
    rows.push({ label: true, children: [`\u3000${DISTRIBUTION_LABEL[kind]}：${issue.distribution[kind].join("，")}`] });
  }
  rows.push({
    label: false,
    children: [`\u3000责任编辑：${spacedName(issue.editor)}`, ...(issue.copies ? ["\t", `（共印${issue.copies}份）`] : [])],
  });
  const size = FOLIO_SIZE;
  const one = size * 10;
  const thick = { style: BorderStyle.SINGLE, size: RULE.thick, color: "000000", space: 1 };
  const thin = { style: BorderStyle.SINGLE, size: RULE.thin, color: "000000", space: 1 };
  const paragraphs = rows.map(
    (r, i) =>
      new Paragraph({
        style: "JbColophon",
        alignment: AlignmentType.LEFT,
        keepLines: true,
        keepNext: i < rows.length - 1,
        spacing: { line: Math.round(one * 1.6), lineRule: "exact", before: 0, after: 0 },
        // Word and LibreOffice draw a paragraph's rules between its indents: the rows keep no
        // indent, so the rules cross the type area, and start one character in with a full-width
        // space; wrapped lines align after the colon (three characters in).
        indent: r.label ? { left: 3 * one, hanging: 3 * one } : { left: 0 },
        tabStops: [{ type: TabStopType.RIGHT, position: AREA.width - one }],
        border: {
          top: i === 0 ? thick : { style: BorderStyle.NONE, size: 0, color: "auto" },
          // Neighbours with identical borders are drawn as one box with no rule between them (Word
          // and LibreOffice alike): each thin rule differs from the next by an eighth of a point
          // (0.26 / 0.22 mm, both the standard's 0.25 mm to within 0.05 mm).
          bottom: i === rows.length - 1 ? thick : { ...thin, size: RULE.thin - (i % 2) },
        },
        children: r.children.map((c) =>
          typeof c === "string" ? (c === "\t" ? new TextRun({ children: ["\t"] }) : run(c, { role: "fang", size })) : c,
        ),
      }),
  );
  const none = { style: BorderStyle.NONE, size: 0, color: "auto" };
  const table = new Table({
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: MARGIN.left,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
    width: { size: AREA.width, type: WidthType.DXA },
    columnWidths: [AREA.width],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: AREA.width, type: WidthType.DXA },
            borders: { top: none, bottom: none, left: none, right: none },
            children: paragraphs,
          }),
        ],
      }),
    ],
  });
  return [table, colophonAnchor()];
}

/**
 * The paragraph the 版记's table floats with: one point tall and off the grid, so that it fits
 * under the text's last line whenever the 版记 does (a whole grid line would overlap the table and
 * push both to a new page), and a document must end with a paragraph anyway.
 */
function colophonAnchor(): Paragraph {
  return new Paragraph({
    style: "JbColophon",
    spacing: { line: 20, lineRule: "exact", before: 0, after: 0 },
    run: { size: 2, sizeComplexScript: 2 },
    children: [],
  });
}

/** "— N —" in 4号宋体, odd pages right and even pages left, one character in from the type area. */
function folio(side: "odd" | "even"): Footer {
  const font = runFonts("song");
  return new Footer({
    children: [
      new Paragraph({
        style: "JbFolio",
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: FOLIO_INDENT } : { left: FOLIO_INDENT },
        spacing: { line: FOLIO_SIZE * 10, lineRule: "exact", before: 0, after: 0 },
        children: [
          new TextRun({ font, size: FOLIO_SIZE, snapToGrid: false, characterSpacing: 0, children: ["— ", PageNumber.CURRENT, " —"] }),
        ],
      }),
    ],
  });
}

export type DocxOptions = { readPicture?: PictureReader; created?: Date };

export async function issueDocx(issue: DocxIssue, options: DocxOptions = {}): Promise<Uint8Array> {
  const writer = new BodyWriter(options.readPicture ?? (async () => null));
  const body = await writer.blocks(issue.body.children);
  const line = issueLine(issue);
  const doc = new Document({
    creator: issue.organization,
    title: `${issue.seriesName}${line} ${issue.title}`,
    subject: issue.title,
    keywords: [issue.seriesName, line, ...issue.articles].join("; "),
    lastModifiedBy: issue.organization,
    evenAndOddHeaderAndFooters: true,
    styles: STYLES,
    numbering: NUMBERING,
    customProperties: statedProperties(issue),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: 851, footer: FOOTER, gutter: 0 },
            pageNumbers: { start: 1 },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE, charSpace: CHAR_SPACE },
        },
        footers: { default: folio("odd"), even: folio("even") },
        children: [...masthead(issue), ...front(issue), ...body, ...colophon(issue)],
      },
    ],
  });
  return finish(await Packer.toBuffer(doc));
}

const PPR_DEFAULT = "<w:pPrDefault><w:pPr>";
/**
 * Word and LibreOffice let a closing mark hang past the right margin by default (a 29th character
 * outside the type area); official documents keep every character inside it.
 */
const NO_HANGING_PUNCTUATION = '<w:overflowPunct w:val="0"/>';
const NORMAL = '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/></w:style>';

/**
 * What the `docx` package cannot say: the font table with each face's alternative and character
 * set; the Normal style's own size (LibreOffice sizes Word's character grid from Normal, not from
 * the document defaults, and takes 12 pt when Normal has none); a theme whose fonts are ours.
 */
async function finish(bytes: Buffer): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file("word/fontTable.xml", fontTableXml());
  const styles = await zip.file("word/styles.xml")!.async("string");
  if (!styles.includes(NORMAL)) throw new Error("docx: the Normal style is not where it was expected");
  if (!styles.includes(PPR_DEFAULT)) throw new Error("docx: the default paragraph properties are not where they were expected");
  let out = styles.replace(NORMAL, normalStyleXml()).replace(PPR_DEFAULT, `${PPR_DEFAULT}${NO_HANGING_PUNCTUATION}`);
  for (const id of OFF_GRID) {
    const at = out.indexOf(`w:styleId="${id}"`);
    const spacing = out.indexOf("<w:spacing ", at);
    if (at < 0 || spacing < 0) throw new Error(`docx: the style ${id} is not where it was expected`);
    out = `${out.slice(0, spacing)}<w:snapToGrid w:val="0"/>${out.slice(spacing)}`;
  }
  zip.file("word/styles.xml", out);
  const themePath = "word/theme/theme1.xml";
  const theme = await zip.file(themePath)?.async("string");
  if (theme) zip.file(themePath, themeWithOurFonts(theme));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
