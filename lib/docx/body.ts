// The body (the compiled hast tree) as Word paragraphs, element by element as the
// official layout's component map and official.css render it: paragraphs on the grid with a
// two-character indent, headings in 黑体/楷体/bold 仿宋, run-in headings, tables of explicit
// widths, lists, pictures, bylines, signatures and footnotes.
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  ImageRun,
  type IParagraphOptions,
  LevelFormat,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { TEXT_BLOCKS } from "@/lib/content/allowed-elements";
import { type FontRole, runFonts } from "./fonts";
import { AREA, BODY_SIZE, CHAR, LINE, PICTURE_MAX } from "./geometry";

export type Picture = { data: Uint8Array; type: "png" | "jpg" | "gif" | "bmp"; width: number; height: number };
/** Reads a Figure's picture; null when it cannot be had (a remote address, a missing file). */
export type PictureReader = (src: string) => Promise<Picture | null>;

type Style = { role: FontRole; bold?: boolean; italics?: boolean; size?: number; sup?: boolean; sub?: boolean };
type Block = Paragraph | Table;

const exact = (lines = 1) => ({ line: Math.round(LINE * lines), lineRule: "exact" as const });
/** Body paragraphs: 3号仿宋, justified, first line in two characters, 22 lines a page. */
const BODY: IParagraphOptions = {
  alignment: AlignmentType.BOTH,
  indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
  spacing: { ...exact(), before: 0, after: 0 },
};

/**
 * Only 3号 text sits on the 28-character grid. Larger or smaller type keeps its own pitch: on the
 * grid a 22 pt title would take two cells a character (Word and LibreOffice both round up).
 */
export function run(text: string, s: Style): TextRun {
  const size = s.size ?? BODY_SIZE;
  return new TextRun({
    text,
    font: runFonts(s.role),
    size,
    sizeComplexScript: size,
    ...(size === BODY_SIZE ? {} : { snapToGrid: false, characterSpacing: 0 }),
    bold: s.bold,
    boldComplexScript: s.bold,
    italics: s.italics,
    superScript: s.sup,
    subScript: s.sub,
  });
}

const prop = (el: Element, name: string) => {
  const v = el.properties?.[name];
  return typeof v === "string" ? v : Array.isArray(v) ? v.join(" ") : v == null ? undefined : String(v);
};

export type NumberingUse = { ordered: number };

export class BodyWriter {
  /** Each list restarts its numbers: one numbering instance per ordered list. */
  private lists = 0;
  constructor(private readonly readPicture: PictureReader) {}

  get listCount() {
    return this.lists;
  }

  /** Inline content as runs, in the style the enclosing elements give. */
  inline(nodes: ElementContent[], s: Style): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const n of nodes) {
      if (n.type === "text") {
        if (n.value) out.push(run(n.value.replace(/\n/g, ""), s));
        continue;
      }
      if (n.type !== "element") continue;
      if (prop(n, "dataFootnoteBackref") !== undefined) continue;
      switch (n.tagName) {
        case "br":
          out.push(new TextRun({ break: 1 }));
          break;
        case "strong":
        case "b":
          out.push(...this.inline(n.children, { ...s, bold: true }));
          break;
        case "em":
        case "i":
          // Chinese text has no italics: emphasis prints as 楷体, as in the office templates.
          out.push(...this.inline(n.children, { ...s, role: "kai" }));
          break;
        case "sup":
          out.push(...this.inline(n.children, { ...s, sup: true }));
          break;
        case "sub":
          out.push(...this.inline(n.children, { ...s, sub: true }));
          break;
        case "RunIn": {
          const level = prop(n, "level") ?? "1";
          const style: Style = level === "2" ? { ...s, role: "kai" } : level === "3" ? { ...s, bold: true } : { ...s, role: "hei" };
          out.push(...this.inline(n.children, style));
          break;
        }
        default:
          out.push(...this.inline(n.children, s));
      }
    }
    return out;
  }

  async blocks(
    nodes: (RootContent | ElementContent)[],
    ctx: { role: FontRole; size?: number; indent?: number } = { role: "fang" },
  ): Promise<Block[]> {
    const out: Block[] = [];
    let loose: ElementContent[] = [];
    const flush = () => {
      if (loose.some((n) => n.type !== "text" || n.value.trim())) out.push(this.paragraph(loose, ctx));
      loose = [];
    };
    for (const n of nodes) {
      if (n.type === "text") {
        loose.push(n);
        continue;
      }
      if (n.type !== "element") continue;
      if (!BLOCK.has(n.tagName)) {
        loose.push(n);
        continue;
      }
      flush();
      out.push(...(await this.block(n, ctx)));
    }
    flush();
    return out;
  }

  private paragraph(children: ElementContent[], ctx: { role: FontRole; size?: number; indent?: number }, extra: IParagraphOptions = {}) {
    return new Paragraph({
      ...BODY,
      ...(ctx.indent ? { indent: { left: ctx.indent, firstLine: 2 * CHAR, firstLineChars: 200 } } : {}),
      ...extra,
      children: this.inline(children, { role: ctx.role, size: ctx.size }),
    });
  }

  private async block(el: Element, ctx: { role: FontRole; size?: number; indent?: number }): Promise<Block[]> {
    switch (el.tagName) {
      case "p":
        return [this.paragraph(el.children, ctx)];
      case "h1":
        return [articleTitle(el)];
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6": {
        const level = Math.min(Number(el.tagName[1]), 4);
        return [
          new Paragraph({
            ...BODY,
            style: `Heading${level}`,
            keepNext: true,
            children: this.inline(el.children, { role: HEADING_ROLE[level]!, bold: level === 4 }),
          }),
        ];
      }
      case "EditorNote": {
        const label = prop(el, "label") ?? "编者按";
        return [
          new Paragraph({ ...BODY, children: [run(`${label}：`, { role: "hei" }), ...this.inline(flatten(el.children), { role: "kai" })] }),
        ];
      }
      case "Byline":
        return [
          new Paragraph({
            ...BODY,
            alignment: AlignmentType.RIGHT,
            indent: { firstLine: 0 },
            children: this.inline(el.children, { role: "kai" }),
          }),
        ];
      case "Signature": {
        const lines = [prop(el, "org"), prop(el, "date")].filter((l): l is string => Boolean(l));
        return lines.map(
          (l, i) =>
            new Paragraph({
              ...BODY,
              alignment: AlignmentType.RIGHT,
              indent: { firstLine: 0, right: 2 * CHAR },
              spacing: { ...exact(), before: i === 0 ? LINE : 0 },
              keepNext: i < lines.length - 1,
              children: [run(l, { role: "fang" })],
            }),
        );
      }
      case "Figure":
        return this.figure(el);
      case "PageBreak":
        return [new Paragraph({ ...BODY, pageBreakBefore: true, children: [] })];
      case "table":
        return [this.table(el)];
      case "ol":
      case "ul":
        return this.list(el, ctx);
      case "blockquote":
        return this.blocks(el.children, { ...ctx, indent: (ctx.indent ?? 0) + 2 * CHAR });
      case "section":
        return this.footnotes(el);
      case "hr":
        return [rule()];
      default:
        return this.blocks(el.children, ctx);
    }
  }

  private list(el: Element, ctx: { role: FontRole; size?: number; indent?: number }): Block[] {
    const ordered = el.tagName === "ol";
    const instance = ordered ? ++this.lists : 0;
    const items = el.children.filter((c): c is Element => c.type === "element" && c.tagName === "li");
    return items.map(
      (li) =>
        new Paragraph({
          ...BODY,
          indent: { left: (ctx.indent ?? 0) + 2 * CHAR, hanging: CHAR },
          numbering: { reference: ordered ? "ordered" : "bullets", level: 0, ...(ordered ? { instance } : {}) },
          children: this.inline(flatten(li.children), { role: ctx.role, size: ctx.size }),
        }),
    );
  }

  private table(el: Element): Table {
    const rows: Element[] = [];
    const walk = (e: Element) => {
      for (const c of e.children) if (c.type === "element") c.tagName === "tr" ? rows.push(c) : walk(c);
    };
    walk(el);
    const cellsOf = (tr: Element) =>
      tr.children.filter((c): c is Element => c.type === "element" && (c.tagName === "td" || c.tagName === "th"));
    const columns = Math.max(1, ...rows.map((r) => cellsOf(r).length));
    // Explicit widths (type area split evenly, fixed layout): Word, WPS and LibreOffice agree.
    const width = Math.floor(AREA.width / columns);
    // 14 pt characters (ASCII half as wide) a cell line holds, inside its margins.
    const perLine = Math.max(1, Math.floor((width - 224) / 280));
    const rowLines = (tr: Element) =>
      Math.max(
        1,
        ...cellsOf(tr).map((c) => Math.ceil([...textOf(c)].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1), 0) / perLine)),
      );
    const line = { style: BorderStyle.SINGLE, size: 6, color: "000000" };
    return new Table({
      width: { size: width * columns, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => width),
      layout: TableLayoutType.FIXED,
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      rows: rows.map(
        (tr) =>
          new TableRow({
            cantSplit: true,
            // Whole lines of the grid, as many as the fullest cell needs: rows of any other height
            // would shift every line after the table off the grid (LibreOffice snaps them back a line lower).
            height: { value: LINE * rowLines(tr), rule: HeightRule.EXACT },
            tableHeader: cellsOf(tr).every((c) => c.tagName === "th"),
            children: Array.from({ length: columns }, (_, i) => {
              const cell = cellsOf(tr)[i];
              return new TableCell({
                width: { size: width, type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
                margins: { left: 112, right: 112 },
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    style: "JbSmall",
                    spacing: { line: 420, lineRule: "exact", before: 0, after: 0 },
                    children: cell ? this.inline(cell.children, { role: cell.tagName === "th" ? "hei" : "fang", size: 28 }) : [],
                  }),
                ],
              });
            }),
          }),
      ),
    });
  }

  private async figure(el: Element): Promise<Block[]> {
    const src = prop(el, "src") ?? "";
    const caption = prop(el, "caption");
    const alt = prop(el, "alt") ?? caption ?? "";
    const picture = src ? await this.readPicture(src) : null;
    const out: Block[] = [];
    if (picture) {
      const scale = Math.min(1, PICTURE_MAX.width / picture.width, PICTURE_MAX.height / picture.height);
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: Boolean(caption),
          spacing: { before: 0, after: caption ? 0 : LINE },
          children: [
            new ImageRun({
              type: picture.type,
              data: picture.data,
              transformation: { width: Math.round(picture.width * scale), height: Math.round(picture.height * scale) },
              altText: alt ? { name: alt, title: alt, description: alt } : undefined,
            }),
          ],
        }),
      );
    } else if (alt) {
      out.push(
        new Paragraph({
          ...BODY,
          alignment: AlignmentType.CENTER,
          indent: { firstLine: 0 },
          children: [run(`［图：${alt}］`, { role: "kai" })],
        }),
      );
    }
    if (caption)
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          style: "JbSmall",
          spacing: { line: 420, lineRule: "exact", before: 0, after: LINE },
          children: [run(caption, { role: "kai", size: 28 })],
        }),
      );
    return out;
  }

  /** GFM footnotes: a thin rule, then the notes in 14 pt. */
  private async footnotes(el: Element): Promise<Block[]> {
    const out: Block[] = [];
    for (const c of el.children) {
      if (c.type !== "element") continue;
      if (/^h\d$/.test(c.tagName)) {
        out.push(
          new Paragraph({
            style: "JbSmall",
            spacing: { line: 448, lineRule: "exact", before: LINE, after: 0 },
            border: { top: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
            keepNext: true,
            children: this.inline(c.children, { role: "hei", size: 28 }),
          }),
        );
      } else if (c.tagName === "ol") {
        const instance = ++this.lists;
        for (const li of c.children)
          if (li.type === "element" && li.tagName === "li")
            out.push(
              new Paragraph({
                alignment: AlignmentType.BOTH,
                style: "JbSmall",
                spacing: { line: 448, lineRule: "exact", before: 0, after: 0 },
                numbering: { reference: "ordered", level: 0, instance },
                indent: { left: 2 * CHAR, hanging: CHAR },
                children: this.inline(flatten(li.children), { role: "fang", size: 28 }),
              }),
            );
      }
    }
    return out;
  }
}

const HEADING_ROLE: Record<number, FontRole> = { 2: "hei", 3: "kai", 4: "fang" };

const BLOCK = new Set<string>([...TEXT_BLOCKS, "table", "ol", "ul", "blockquote", "section", "hr", "div", "PageBreak"]);

/** A list item's or note's paragraphs run together in one Word paragraph (the layout prints them so). */
function flatten(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((n) => (n.type === "element" && n.tagName === "p" ? n.children : [n]));
}

const textOf = (n: ElementContent | Root): string =>
  n.type === "text" ? n.value : "children" in n ? (n.children as ElementContent[]).map(textOf).join("") : "";

/** An article title (# heading), 2号小标宋, its space-separated phrases on lines of their own. */
export function articleTitle(el: Element): Paragraph {
  return titleParagraph(textOf(el).split(/\s+/).filter(Boolean), "Heading1");
}

export function titleParagraph(lines: string[], style = "Title"): Paragraph {
  return new Paragraph({
    style,
    alignment: AlignmentType.CENTER,
    keepNext: true,
    keepLines: true,
    spacing: { ...exact(), before: LINE, after: LINE },
    children: lines.flatMap((l, i) => [...(i > 0 ? [new TextRun({ break: 1 })] : []), run(l, { role: "xbs", size: 44 })]),
  });
}

function rule(): Paragraph {
  return new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } }, children: [] });
}

/** The numbering definitions the body's lists use. */
export const NUMBERING = {
  config: [
    {
      reference: "ordered",
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT, run: { font: runFonts("fang") } }],
    },
    {
      reference: "bullets",
      levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT, run: { font: runFonts("fang") } }],
    },
  ],
};
