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
  ],
};
