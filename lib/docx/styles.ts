// The document's styles: 3号仿宋 on the 28.95 pt line as the default, and the headings Word's
// navigation pane lists (Title for the title, 标题 1 for article titles, 2–4 for 一、
// （一） 1. headings), each with its face named outright, never a theme font.
import { AlignmentType, type IStylesOptions } from "docx";
import { BODY_TRACKING, type FontRole, runFonts } from "./fonts";
import { BODY_SIZE, LINE } from "./geometry";

const heading = (
  id: string,
  name: string,
  role: FontRole,
  outline: number,
  extra: { size?: number; bold?: boolean; center?: boolean } = {},
) => ({
  id,
  name,
  basedOn: "Normal",
  next: "Normal",
  quickFormat: true,
  run: {
    font: runFonts(role),
    size: extra.size ?? BODY_SIZE,
    sizeComplexScript: extra.size ?? BODY_SIZE,
    bold: extra.bold ?? false,
    color: "000000",
  },
  paragraph: {
    keepNext: true,
    keepLines: true,
    outlineLevel: outline,
    ...(extra.center ? { alignment: AlignmentType.CENTER } : {}),
    spacing: { line: LINE, lineRule: "exact" as const, before: 0, after: 0 },
  },
});

/**
 * Paragraphs of smaller type keep their own line height instead of the grid's: the 版记, table
 * cells, captions and notes, the page number. LibreOffice rounds every line up to whole lines of the
 * grid unless the paragraph says not to snap (w:snapToGrid, written in by document.ts).
 */
export const OFF_GRID = ["JbColophon", "JbSmall", "JbFolio"] as const;
const OFF_GRID_NAMES: Record<(typeof OFF_GRID)[number], string> = { JbColophon: "版记", JbSmall: "小字", JbFolio: "页码" };

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: {
        font: runFonts("fang"),
        size: BODY_SIZE,
        sizeComplexScript: BODY_SIZE,
        characterSpacing: BODY_TRACKING,
        language: { value: "en-US", eastAsia: "zh-CN" },
      },
      paragraph: { spacing: { line: LINE, lineRule: "exact", before: 0, after: 0 }, alignment: AlignmentType.BOTH },
    },
  },
  paragraphStyles: [
    heading("Title", "Title", "xbs", 0, { size: 44, center: true }),
    heading("Heading1", "heading 1", "xbs", 0, { size: 44, center: true }),
    heading("Heading2", "heading 2", "hei", 1),
    heading("Heading3", "heading 3", "kai", 2),
    heading("Heading4", "heading 4", "fang", 3, { bold: true }),
    ...OFF_GRID.map((id) => ({
      id,
      name: OFF_GRID_NAMES[id],
      basedOn: "Normal",
      run: { size: 28, sizeComplexScript: 28, characterSpacing: 0 },
      paragraph: { spacing: { line: 448, lineRule: "exact" as const, before: 0, after: 0 } },
    })),
  ],
};
