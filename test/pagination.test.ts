import { describe, expect, it } from "vitest";
import { pageWindow, parsePage } from "@/lib/pagination";

describe("pager", () => {
  it("shows the first, the last and two either side of the current page", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 10)).toEqual([1, 2, 3, 10]);
    expect(pageWindow(5, 10)).toEqual([1, 3, 4, 5, 6, 7, 10]);
    expect(pageWindow(10, 10)).toEqual([1, 8, 9, 10]);
  });

  it("reads ?page= strictly", () => {
    expect([
      parsePage(undefined),
      parsePage("3"),
      parsePage("0"),
      parsePage("-1"),
      parsePage("1e3"),
      parsePage("abc"),
      parsePage(["1", "2"]),
      parsePage("9999999"),
    ]).toEqual([1, 3, null, null, null, null, null, null]);
  });
});
