// The studio's revision comparison: which lines changed, numbered in each revision.
import { describe, expect, it } from "vitest";
import { diffLines, summarize } from "@/lib/studio/diff-lines";

describe("diffLines", () => {
  it("numbers same, removed and added lines in their own revision", () => {
    const a = "报：省委办公厅\n送：各市党委政府\n发：市级团委\n";
    const b = "报：省委办公厅\n送：省直有关单位\n送：各市党委政府\n发：团省委机关各部门\n";
    expect(diffLines(a, b)).toEqual([
      { kind: "same", text: "报：省委办公厅", aLine: 1, bLine: 1 },
      { kind: "add", text: "送：省直有关单位", bLine: 2 },
      { kind: "same", text: "送：各市党委政府", aLine: 2, bLine: 3 },
      { kind: "del", text: "发：市级团委", aLine: 3 },
      { kind: "add", text: "发：团省委机关各部门", bLine: 4 },
    ]);
  });

  it("does not report a missing final newline or CRLF as a change", () => {
    const d = diffLines("甲\r\n乙", "甲\n乙\n");
    expect(d.every((l) => l.kind === "same")).toBe(true);
    expect(d).toHaveLength(2);
  });

  it("handles empty revisions", () => {
    expect(diffLines("", "")).toEqual([]);
    expect(diffLines("", "甲\n乙")).toEqual([
      { kind: "add", text: "甲", bLine: 1 },
      { kind: "add", text: "乙", bLine: 2 },
    ]);
  });

  it("keeps blank lines as lines", () => {
    expect(diffLines("甲\n\n乙\n", "甲\n\n丙\n").map((l) => l.kind)).toEqual(["same", "same", "del", "add"]);
  });
});

describe("summarize", () => {
  it("counts added and removed lines", () => {
    const d = diffLines("一\n二\n三\n四\n", "一\n贰\n三\n五\n六\n");
    expect(summarize(d)).toEqual({ added: 3, removed: 2 });
    expect(summarize([])).toEqual({ added: 0, removed: 0 });
  });
});
