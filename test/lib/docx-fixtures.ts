// Word files the tests build themselves with the `docx` package, shaped like the bulletins
// offices keep: a masthead of separate paragraphs, bold runs, a 版记 at the end.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";

export type Para =
  | string
  | { runs: { text: string; bold?: boolean; break?: boolean }[]; heading?: 1 | 2; center?: boolean }
  | { table: string[][] }
  | { image: Uint8Array; alt?: string };

/** A 1 × 1 red PNG. */
export const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);

export async function docxOf(paras: Para[]): Promise<Buffer> {
  const children = paras.map((p) => {
    if (typeof p === "string") return new Paragraph({ children: [new TextRun(p)] });
    if ("table" in p) {
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: p.table.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })),
      });
    }
    if ("image" in p) {
      return new Paragraph({
        children: [
          new ImageRun({
            type: "png",
            data: p.image,
            transformation: { width: 120, height: 80 },
            altText: p.alt ? { name: p.alt, title: p.alt, description: p.alt } : undefined,
          }),
        ],
      });
    }
    return new Paragraph({
      heading: p.heading === 1 ? HeadingLevel.HEADING_1 : p.heading === 2 ? HeadingLevel.HEADING_2 : undefined,
      alignment: p.center ? AlignmentType.CENTER : undefined,
      children: p.runs.map((r) => new TextRun({ text: r.text, bold: r.bold, break: r.break ? 1 : undefined })),
    });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export const bold = (text: string) => ({ runs: [{ text, bold: true }] });

/** The masthead of 晋团要讯 as Word files have it: one paragraph per line. */
export const masthead = (issueLine: string, date: string) => [bold("晋团要讯"), issueLine, `共青团山西省委　　　　${date}`];

export const colophon = ["报：团中央办公厅，省委办公厅", "送：省直有关单位", "发：市级团委", "责任编辑：赵　坚　　　　　　（共印120份）"];
