// Two editors saving over the same draft: what the studio's three-way merge keeps, where it
// asks a person to decide, and how it finds markers left in the text.
import { describe, expect, it } from "vitest";
import { hasConflictMarkers, mergeSources } from "@/lib/studio/merge";

const base = [
  "---",
  "title: 团长治市委认真履行全团带队职责",
  "editor: 赵坚",
  "---",
  "",
  "<RunIn>一、始终在把牢政治方向上履行全团带队职责。</RunIn>市委书记作出批示。",
  "",
  "<RunIn>二、始终在聚焦主业上履行全团带队职责。</RunIn>紧紧围绕增强少先队员光荣感。",
  "",
  "<RunIn>三、始终在推动改革上履行全团带队职责。</RunIn>聚焦提高基层一线获得感。",
  "",
].join("\n");

const edit = (text: string, from: string, to: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe("mergeSources", () => {
  it("keeps non-overlapping edits from both sides", () => {
    const mine = edit(base, "市委书记作出批示。", "市委书记杨勤荣作出批示。");
    const theirs = edit(base, "聚焦提高基层一线获得感。", "聚焦提高基层一线获得感，力求问题导向。");
    const { text, conflicts } = mergeSources(base, mine, theirs);
    expect(conflicts).toBe(0);
    expect(text).toContain("市委书记杨勤荣作出批示。");
    expect(text).toContain("力求问题导向。");
    expect(text).toBe(edit(mine, "聚焦提高基层一线获得感。", "聚焦提高基层一线获得感，力求问题导向。"));
    expect(hasConflictMarkers(text)).toEqual([]);
  });

  it("turns the same paragraph changed differently into one conflict block holding both versions", () => {
    const mine = edit(base, "紧紧围绕增强少先队员光荣感。", "紧紧围绕增强少先队员光荣感这个关键目标。");
    const theirs = edit(base, "紧紧围绕增强少先队员光荣感。", "聚焦政治启蒙和价值观塑造主责主业。");
    const { text, conflicts } = mergeSources(base, mine, theirs, "他人的修改（第4版）");
    expect(conflicts).toBe(1);
    const lines = text.split("\n");
    const start = lines.indexOf("<<<<<<< 我的修改");
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + 5)).toEqual([
      "<<<<<<< 我的修改",
      "<RunIn>二、始终在聚焦主业上履行全团带队职责。</RunIn>紧紧围绕增强少先队员光荣感这个关键目标。",
      "=======",
      "<RunIn>二、始终在聚焦主业上履行全团带队职责。</RunIn>聚焦政治启蒙和价值观塑造主责主业。",
      ">>>>>>> 他人的修改（第4版）",
    ]);
    expect(lines.filter((l) => l.startsWith("<<<<<<<"))).toHaveLength(1);
    // The untouched paragraphs around the block survive unchanged.
    expect(text).toContain("市委书记作出批示。");
    expect(text).toContain("聚焦提高基层一线获得感。");
  });

  it("uses 他人的修改 as the default label for their side", () => {
    const mine = edit(base, "editor: 赵坚", "editor: 李明");
    const theirs = edit(base, "editor: 赵坚", "editor: 王芳");
    const { text, conflicts } = mergeSources(base, mine, theirs);
    expect(conflicts).toBe(1);
    expect(text).toContain(">>>>>>> 他人的修改\n");
  });

  it("does not count the same change made on both sides as a conflict", () => {
    const changed = edit(base, "市委书记作出批示。", "市委书记杨勤荣作出批示。");
    const { text, conflicts } = mergeSources(base, changed, changed);
    expect(conflicts).toBe(0);
    expect(text).toBe(changed);
  });

  it("merges frontmatter (YAML) lines like any others", () => {
    const mine = edit(
      base,
      "title: 团长治市委认真履行全团带队职责",
      "title: 团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展",
    );
    const theirs = edit(base, "<RunIn>三、", "<RunIn>四、");
    const { text, conflicts } = mergeSources(base, mine, theirs);
    expect(conflicts).toBe(0);
    expect(text.split("\n")[1]).toBe("title: 团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展");
    expect(text).toContain("<RunIn>四、");
  });

  it("treats CRLF line endings like LF", () => {
    const mine = edit(base, "市委书记作出批示。", "市委书记杨勤荣作出批示。").replace(/\n/g, "\r\n");
    const { text, conflicts } = mergeSources(base, mine, base);
    expect(conflicts).toBe(0);
    expect(text).toBe(edit(base, "市委书记作出批示。", "市委书记杨勤荣作出批示。"));
  });
});

describe("hasConflictMarkers", () => {
  it("returns the 1-based lines of the markers", () => {
    const text = ["正文", "<<<<<<< 我的修改", "甲", "=======", "乙", ">>>>>>> 他人的修改（第2版）", "结尾"].join("\n");
    expect(hasConflictMarkers(text)).toEqual([2, 4, 6]);
  });

  it("finds a marker left behind after the rest was resolved", () => {
    expect(hasConflictMarkers("甲\n乙\n>>>>>>> 他人的修改\n")).toEqual([3]);
  });

  it("ignores text that only looks a bit like a marker", () => {
    expect(hasConflictMarkers("<<<<<<<<< 不是\n== 二 ==\n========\n>>>>>> 六个\n")).toEqual([]);
  });
});
