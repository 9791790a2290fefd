// The draft editor's saving rules, read from the pure parts of hooks/use-draft-saving.ts: when
// autosave runs, what a conflict pauses, and what a merge of two editors' saves tells the editor.
import { describe, expect, it } from "vitest";
import { autosaveDue, type SaveState, saveReducer } from "@/hooks/use-draft-saving";
import { type Conflict, mergeConflict } from "@/lib/studio/conflict";
import { draftFieldsSchema } from "@/lib/studio/draft-fields";

const fields = draftFieldsSchema.parse({ titleLines: ["团长治市委认真履行全团带队职责"], date: "2022-03-25", editor: "赵坚" });
const body = ["一、始终在把牢政治方向上履行全团带队职责。", "", "二、始终在聚焦主业上履行全团带队职责。", ""].join("\n");
const side = (seq: number, over: Partial<Conflict["head"]> = {}) => ({
  id: 100 + seq,
  seq,
  authorName: "赵审核",
  createdAt: "2026-12-06T03:00:00.000Z",
  fields,
  body,
  ...over,
});
const conflictOf = (head: Conflict["head"], mine = { fields, body }): Conflict => ({ head, base: side(3), mine });

describe("saveReducer and autosave", () => {
  const conflict: SaveState = { kind: "conflict", conflict: conflictOf(side(4)) };

  it("an edit marks saved, failed or saving text unsaved, and autosave falls due on an editable draft only", () => {
    for (const s of [{ kind: "saved", seq: 2, at: "x" }, { kind: "error", message: "断网" }, { kind: "saving" }] as SaveState[]) {
      const next = saveReducer(s, { type: "edited" });
      expect(next).toEqual({ kind: "dirty" });
      expect(autosaveDue(next, true)).toBe(true);
      expect(autosaveDue(next, false)).toBe(false);
    }
  });

  it("an edit while a conflict waits keeps the conflict, and autosave stays paused", () => {
    const next = saveReducer(conflict, { type: "edited" });
    expect(next).toBe(conflict);
    expect(autosaveDue(next, true)).toBe(false);
  });

  it("a save stored while the text changed leaves it unsaved, so the newer text saves next", () => {
    expect(saveReducer({ kind: "saving" }, { type: "stored", seq: 5, at: "t", changedSince: true })).toEqual({ kind: "dirty" });
    expect(saveReducer({ kind: "saving" }, { type: "stored", seq: 5, at: "t", changedSince: false })).toEqual({
      kind: "saved",
      seq: 5,
      at: "t",
    });
  });

  it("neither saving, saved, failed nor refused text autosaves", () => {
    const states = [
      saveReducer({ kind: "dirty" }, { type: "sending" }),
      saveReducer({ kind: "saving" }, { type: "failed", message: "断网" }),
      saveReducer({ kind: "saving" }, { type: "refused", conflict: conflictOf(side(4)) }),
      saveReducer({ kind: "saving" }, { type: "stored", seq: 5, at: "t", changedSince: false }),
    ];
    expect(states.map((s) => s.kind)).toEqual(["saving", "error", "conflict", "saved"]);
    for (const s of states) expect(autosaveDue(s, true)).toBe(false);
  });

  it("a merge ends the conflict with text to save as the next revision; taking theirs shows their revision as saved", () => {
    expect(saveReducer(conflict, { type: "merged" })).toEqual({ kind: "dirty" });
    expect(saveReducer(conflict, { type: "took-theirs", seq: 4, at: "t4" })).toEqual({ kind: "saved", seq: 4, at: "t4" });
  });
});

describe("mergeConflict", () => {
  it("keeps both sides' changes to different places and says the result saves as a new revision", () => {
    const mine = { fields, body: body.replace("政治方向", "政治方向和工作大局") };
    const head = side(4, { fields: { ...fields, editor: "钱编辑" } });
    const merged = mergeConflict(conflictOf(head), mine);
    expect(merged.body).toBe(mine.body);
    expect(merged.fields.editor).toBe("钱编辑");
    expect(merged.notice).toBe("已合并双方的修改。合并结果将作为新版本保存。");
  });

  it("marks a paragraph both changed with the other author's name, and keeps mine for a field both changed", () => {
    const mine = { fields: { ...fields, editor: "孙编辑" }, body: body.replace("聚焦主业", "聚焦主责主业") };
    const head = side(4, { fields: { ...fields, editor: "钱编辑" }, body: body.replace("聚焦主业", "围绕中心") });
    const merged = mergeConflict(conflictOf(head, mine), mine);
    expect(merged.body).toContain("<<<<<<<");
    expect(merged.body).toContain("赵审核的修改（第4版）");
    expect(merged.body).toContain("聚焦主责主业");
    expect(merged.body).toContain("围绕中心");
    expect(merged.fields.editor).toBe("孙编辑");
    expect(merged.notice).toBe(
      "正文有 1 处双方都改了同一段，已用 <<<<<<< 和 >>>>>>> 标出，请保留要的内容并删去标记；责任编辑双方都改了，暂时保留了您的版本，请核对。合并结果将作为新版本保存。",
    );
  });
});
