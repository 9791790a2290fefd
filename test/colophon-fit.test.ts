// The 版记's place on the last page: the least tightening that fits, or a new page when even the
// tightest does not (lib/layout/paginate.ts, the steps in components/bulletin/official.css).
import { describe, expect, it } from "vitest";
import { colophonStep } from "@/lib/layout/paginate";

// The sample 晋团要讯〔2022〕第3期 in CSS px: as set, rows without padding, then leading 1.4.
const sample = [176, 153.6, 134.9];

describe("colophonStep", () => {
  it("keeps the block as set when it fits", () => {
    expect(colophonStep(200, sample)).toBe(0);
    expect(colophonStep(176, sample)).toBe(0);
  });

  it("tightens only as far as needed", () => {
    expect(colophonStep(170, sample)).toBe(1); // the sample before its text went on the 28-cell grid
    expect(colophonStep(153.6, sample)).toBe(1);
    expect(colophonStep(140, sample)).toBe(2);
  });

  it("allows the half pixel the layout engine rounds by, no more", () => {
    expect(colophonStep(175.6, sample)).toBe(0);
    expect(colophonStep(175.4, sample)).toBe(1);
  });

  it("moves the block to a new page when not even the tightest step fits", () => {
    expect(colophonStep(134, sample)).toBe(-1);
    expect(colophonStep(0, sample)).toBe(-1);
    expect(colophonStep(-30, sample)).toBe(-1); // the body already reaches into the blank line above the block
  });

  it("runs on its own, as the PDF renderer sends it to the browser as source text", () => {
    // biome-ignore lint/complexity/noCommaOperator: `(0, eval)` is indirect eval, global scope, as in lib/pdf/render.ts
    // biome-ignore lint/security/noGlobalEval: the test of exactly that, on our own function
    const again = (0, eval)(`(${colophonStep.toString()})`) as typeof colophonStep;
    expect(again(170, sample)).toBe(1);
  });
});
