// Reads a PDF the way a checker with a ruler would: every text run with its font, size and
// position, every filled shape (rules), the fonts as embedded, metadata and outline. Units are
// points from the top-left corner of each page. Built on pdfjs-dist (no system tools needed).
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

export const MM = 72 / 25.4;

export type Run = {
  page: number;
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  size: number;
  font: string;
  ascent: number;
  descent: number;
};
export type Shape = { page: number; x0: number; x1: number; y0: number; y1: number; color: string };
export type PdfFont = { name: string; type3: boolean; embedded: boolean; subset: boolean };
export type MeasuredPdf = {
  pages: { width: number; height: number }[];
  runs: Run[];
  shapes: Shape[];
  fonts: PdfFont[];
  /** Raster pictures as placed on the page (an image fills the unit square of its matrix). */
  images: Omit<Shape, "color">[];
  info: Record<string, string>;
  outline: { title: string; page: number }[];
};

export type Matrix = [number, number, number, number, number, number];
export const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
export const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const;

export async function measurePdf(bytes: Uint8Array): Promise<MeasuredPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const out: MeasuredPdf = { pages: [], runs: [], shapes: [], fonts: [], images: [], info: {}, outline: [] };
  const fonts = new Map<string, PdfFont>();
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , width, height] = page.view as [number, number, number, number];
    out.pages.push({ width, height });
    const ops = await page.getOperatorList();
    // Fonts as the content stream uses them (not only those that produced extractable text).
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let fill = "#000000";
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.setFillRGBColor) fill = String(args[0]);
      else if (fn === OPS.paintImageXObject) {
        const [ax, ay] = apply(ctm, 0, 0);
        const [bx, by] = apply(ctm, 1, 1);
        out.images.push({
          page: p,
          x0: Math.min(ax, bx),
          x1: Math.max(ax, bx),
          y0: height - Math.max(ay, by),
          y1: height - Math.min(ay, by),
        });
      } else if (fn === OPS.setFont) {
        const id = String(args[0]);
        if (!fonts.has(id)) {
          const f = page.commonObjs.get(id) as { name?: string; isType3Font?: boolean; missingFile?: boolean };
          const name = f.name ?? id;
          fonts.set(id, { name, type3: !!f.isType3Font, embedded: !f.missingFile, subset: /^[A-Z]{6}\+/.test(name) });
        }
      } else if (fn === OPS.constructPath) {
        const [op, , minMax] = args as [number, unknown, Float32Array | number[] | null];
        if (op !== OPS.fill && op !== OPS.eoFill) return;
        if (!minMax) return;
        const [ax, ay] = apply(ctm, minMax[0]!, minMax[1]!);
        const [bx, by] = apply(ctm, minMax[2]!, minMax[3]!);
        out.shapes.push({
          page: p,
          x0: Math.min(ax, bx),
          x1: Math.max(ax, bx),
          y0: height - Math.max(ay, by),
          y1: height - Math.min(ay, by),
          color: fill,
        });
      }
    });
    const text = await page.getTextContent();
    for (const item of text.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const [a, , , d, e, f] = item.transform as number[];
      const style = text.styles[item.fontName];
      const font = fonts.get(item.fontName)?.name ?? item.fontName;
      out.runs.push({
        page: p,
        text: item.str,
        x0: e!,
        x1: e! + item.width,
        baseline: height - f!,
        size: Math.abs(d ?? a!),
        font,
        ascent: style?.ascent ?? 0.88,
        descent: style?.descent ?? -0.12,
      });
    }
  }
  out.fonts = [...fonts.values()];
  const meta = await doc.getMetadata();
  out.info = Object.fromEntries(Object.entries(meta.info as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  for (const item of (await doc.getOutline()) ?? []) {
    const dest = typeof item.dest === "string" ? await doc.getDestination(item.dest) : item.dest;
    const ref = dest?.[0];
    const page = ref && typeof ref === "object" ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1 : 0;
    out.outline.push({ title: item.title, page });
  }
  await doc.destroy();
  return out;
}

/** Text runs on one baseline joined into lines, left to right. */
export type Line = {
  page: number;
  baseline: number;
  x0: number;
  x1: number;
  text: string;
  size: number;
  fonts: string[];
  ascent: number;
  descent: number;
};

export function linesOf(runs: Run[]): Line[] {
  const lines: Line[] = [];
  const sorted = [...runs].sort((a, b) => a.page - b.page || a.baseline - b.baseline || a.x0 - b.x0);
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && last.page === r.page && Math.abs(last.baseline - r.baseline) < 2) {
      last.text += r.text;
      last.x1 = Math.max(last.x1, r.x1);
      last.size = Math.max(last.size, r.size);
      if (!last.fonts.includes(r.font)) last.fonts.push(r.font);
    } else {
      lines.push({
        page: r.page,
        baseline: r.baseline,
        x0: r.x0,
        x1: r.x1,
        text: r.text,
        size: r.size,
        fonts: [r.font],
        ascent: r.ascent,
        descent: r.descent,
      });
    }
  }
  return lines;
}
