// The line-grid decision (lib/layout/paginate.ts planGridLine): which characters come up from the
// next line and which marks give up half their cell, so a body line holds its 28 cells.
import { describe, expect, it } from "vitest";
import { planGridLine } from "@/lib/layout/paginate";

const CELL = 20;
const HALF = CELL / 2;
const chars = (s: string) => [...s];
// A full line of the layout keeps a sliver to spare (28 characters of 15.7 pt on a 156 mm measure).
const SPARE = 1;
const widths = (s: string) => [...s].map((c) => (/[\x21-\x7e]/.test(c) ? HALF : CELL));

describe("planGridLine", () => {
  it("brings a character up with the closing marks it keeps, the pulled marks squeezed first (行末标点挤压)", () => {
    // One cell free; 减 must not be parted from ”，, which may not start a line: 3 cells come up,
    // 2 cells to find, so four marks give half their cell: the two pulled, then from the line's end.
    const line = chars("在全省开展“双减”工作，推动学校、家庭和社会“双");
    const next = chars("减”，形成合力。");
    const plan = planGridLine(line, next, widths("减”，形成合力。"), CELL + SPARE, HALF);
    expect(plan?.pull).toBe(3);
    const all = [...line, ...next];
    expect(plan?.squeeze.map((q) => [all[q.at], q.side])).toEqual([
      ["、", "end"],
      ["“", "start"],
      ["”", "end"],
      ["，", "end"],
    ]);
  });

  it("prefers marks standing next to another mark on the line (“”，set in one cell)", () => {
    const line = chars("他说：“好。”我们，开展工作");
    const plan = planGridLine(line, chars("。再见"), widths("。再见"), CELL * 0.4 + SPARE, HALF);
    // 。 may not start a line and comes up alone; 0.6 cell to find: the pulled 。, then ” after 。.
    expect(plan).toEqual({
      pull: 1,
      squeeze: [
        { at: 6, side: "end" },
        { at: line.length, side: "end" },
      ],
    });
  });

  it("squeezes an opening mark on its empty start half, never one that opens the line", () => {
    const line = chars("“这是“开头");
    const next = chars("字了");
    const plan = planGridLine(line, next, widths("字了"), CELL / 2 + SPARE, HALF);
    expect(plan).toEqual({ pull: 1, squeeze: [{ at: 3, side: "start" }] });
  });

  it("keeps a number or a Latin word whole", () => {
    const line = chars("截至目前，共有");
    const next = chars("2022名团员");
    // Four half-width digits (2 cells) into 1.5 cells free: the comma gives the half cell.
    expect(planGridLine(line, next, widths("2022名团员"), CELL * 1.5 + SPARE, HALF)).toEqual({
      pull: 4,
      squeeze: [{ at: 4, side: "end" }],
    });
    // With one cell free the number cannot come up whole, and is never split.
    expect(planGridLine(line, next, widths("2022名团员"), CELL + SPARE, HALF)).toBeNull();
  });

  it("never parts a prefix such as + from what follows", () => {
    expect(planGridLine(chars("团委、村"), chars("+青年之家"), widths("+青年之家"), CELL + SPARE, HALF)).toEqual({
      pull: 2,
      squeeze: [{ at: 2, side: "end" }],
    });
  });

  it("gives up when the line has too little punctuation to make room", () => {
    expect(planGridLine(chars("一二三四五六七"), chars("八”，九"), widths("八”，九"), SPARE, HALF)).toBeNull();
  });

  it("brings a paragraph's lone last character up when asked for the whole line", () => {
    const line = chars("工作，取得实效、形成合力");
    const plan = planGridLine(line, chars("。"), [CELL], SPARE, HALF, { whole: true });
    expect(plan).toEqual({
      pull: 1,
      squeeze: [
        { at: 7, side: "end" },
        { at: line.length, side: "end" },
      ],
    });
    // Two cells into half a cell free: all three marks give their half.
    expect(planGridLine(line, chars("好。"), widths("好。"), HALF + SPARE, HALF, { whole: true })?.squeeze).toHaveLength(3);
    expect(planGridLine(line, chars("好。"), widths("好。"), SPARE, HALF, { whole: true })).toBeNull();
  });

  it("makes room with a hair to spare: what only just fits may still not fit", () => {
    // Exactly half a cell short: one mark's half would leave nothing over; two are taken.
    expect(planGridLine(chars("工作，取得、实效"), chars("了"), [CELL], HALF, HALF)?.squeeze).toHaveLength(2);
  });

  it("leaves marks already set in half a cell alone", () => {
    const line = chars("工作，取得、实效");
    expect(planGridLine(line, chars("了"), [CELL], SPARE, HALF)?.squeeze.map((q) => q.at)).toEqual([2, 5]);
    expect(planGridLine(line, chars("了"), [CELL], SPARE, HALF, { squeezed: [5] })).toBeNull();
  });

  it("does nothing when the line already has room for what follows", () => {
    expect(planGridLine(chars("一二三"), chars("四五"), widths("四五"), CELL, HALF)).toBeNull();
  });
});
