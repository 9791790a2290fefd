// The live preview's rules, read from the pure parts of hooks/use-preview-frame.ts and
// hooks/use-fit-scale.ts: which answers of the frame count, what they change, how sheets are scaled.
import { describe, expect, it } from "vitest";
import { fitScale, SHEET_HEIGHT_PX, SHEET_PX } from "@/hooks/use-fit-scale";
import { isStale, type PreviewView, viewAfter } from "@/hooks/use-preview-frame";

const waiting: PreviewView = { ready: true, pages: 2, busy: true };
const check = { ok: true, count: 0, fields: {}, general: [], body: [] };

describe("the preview frame's answers", () => {
  it("drops an answer to an older request than the last one sent; the frame's readiness is never old", () => {
    expect(isStale({ type: "jianbao:pages", seq: 3, pages: 4 }, 4)).toBe(true);
    expect(isStale({ type: "jianbao:pages", seq: 4, pages: 4 }, 4)).toBe(false);
    expect(isStale({ type: "jianbao:ready" }, 4)).toBe(false);
  });

  it("a page count ends the wait; an error ends it with the message; a check only clears the last error", () => {
    expect(viewAfter(waiting, { type: "jianbao:pages", seq: 4, pages: 3 })).toEqual({ ready: true, pages: 3, busy: false });
    expect(viewAfter(waiting, { type: "jianbao:preview-error", seq: 4, message: "正文有误" })).toEqual({
      ready: true,
      pages: 2,
      busy: false,
      error: "正文有误",
    });
    expect(viewAfter({ ...waiting, error: "正文有误" }, { type: "jianbao:check", seq: 4, check })).toEqual({
      ...waiting,
      error: undefined,
    });
    expect(viewAfter({ ready: false, pages: null, busy: false }, { type: "jianbao:ready" }).ready).toBe(true);
  });
});

describe("fitScale", () => {
  it("fits a sheet to the pane's width, never above its true size", () => {
    expect(fitScale(SHEET_PX / 2, 10_000, "width")).toBe(0.5);
    expect(fitScale(SHEET_PX * 2, 100, "width")).toBe(1);
  });

  it("'整页' also fits a whole sheet into the visible height", () => {
    expect(fitScale(SHEET_PX, SHEET_HEIGHT_PX / 4, "page")).toBe(0.25);
    expect(fitScale(SHEET_PX / 2, SHEET_HEIGHT_PX, "page")).toBe(0.5);
  });
});
