// Rules drawn as stroked lines, which e2e/lib/pdf-measure.ts (written for Chromium's PDFs, whose
// rules are filled boxes) does not collect: LibreOffice draws paragraph borders as strokes. Each
// becomes the box it covers on the page, with its stroke colour, so the same checks apply.
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { apply, type Matrix, multiply, type Shape } from "../../e2e/lib/pdf-measure";

export async function strokedRules(bytes: Uint8Array): Promise<Shape[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const out: Shape[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , , height] = page.view as [number, number, number, number];
    const ops = await page.getOperatorList();
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: { ctm: Matrix; width: number; color: string }[] = [];
    let width = 1;
    let color = "#000000";
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push({ ctm, width, color });
      else if (fn === OPS.restore) ({ ctm, width, color } = stack.pop() ?? { ctm: [1, 0, 0, 1, 0, 0], width: 1, color: "#000000" });
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.setLineWidth) width = Number(args[0]);
      else if (fn === OPS.setStrokeRGBColor) color = String(args[0]);
      else if (fn === OPS.constructPath) {
        const [op, , minMax] = args as [number, unknown, Float32Array | number[] | null];
        if ((op !== OPS.stroke && op !== OPS.closeStroke) || !minMax) return;
        const [ax, ay] = apply(ctm, minMax[0]!, minMax[1]!);
        const [bx, by] = apply(ctm, minMax[2]!, minMax[3]!);
        const half = (width * Math.abs(ctm[3])) / 2;
        // Only horizontal rules: the box is the line's length by the stroke's width.
        if (Math.abs(ay - by) > 0.01) return;
        const rule = { page: p, x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: height - ay - half, y1: height - ay + half, color };
        // LibreOffice strokes some rules twice, one over the other: one rule on paper.
        if (!out.some((o) => JSON.stringify(o) === JSON.stringify(rule))) out.push(rule);
      }
    });
  }
  await doc.destroy();
  return out;
}
