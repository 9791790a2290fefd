// The studio's 信息报送 notices (lib/xinxi/notices.ts): a contributor hears only of their own unit's
// submissions and the 约稿 addressed to it, never what they did themselves; an editor only of new
// submissions and late 约稿 in the series they work on; opening the page moves "new" past them.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/database";
import { freshNoticeCount, markSeen, type NoticeUser, noticesFor } from "@/lib/xinxi/notices";
import { addCall, adopt, type NoticePeople, publishSubmission, seedNoticePeople, submit } from "./lib/xinxi-notices-seed";

const T0 = new Date("2026-12-01T02:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DAY = 24 * 60 * 60_000;

let p: NoticePeople;
const contributor = (id: number, unitId: number): NoticeUser => ({ id, role: "contributor", unitId, seriesIds: null });
const editor = (id: number, seriesIds: string[] | null): NoticeUser => ({ id, role: "editor", unitId: null, seriesIds });
const texts = (user: NoticeUser, now: Date) => noticesFor(db(), user, now).notices.map((n) => n.text);

let adoptedId: number;
let qnyjId: number;
beforeAll(() => {
  p = seedNoticePeople();
  const s1 = submit({ unitId: p.unitA.id, seriesId: "jtyx", title: "长治青年志愿服务", actorId: p.a1, at: at(1) });
  adoptedId = s1.id;
  adopt(s1.id, p.editorJ, at(2));
  publishSubmission(s1.id, "晋团要讯〔2026〕第5期", at(3));
  submit({ unitId: p.unitB.id, seriesId: "jtyx", title: "太原团建观察", actorId: p.b1, at: at(4) });
  qnyjId = submit({ unitId: p.unitA.id, seriesId: "qnyj", title: "长治青年研究", actorId: p.a2, at: at(5) }).id;
});

describe("a contributor's notices", () => {
  it("tell what happened to their unit's submissions, in Chinese, with links, and nothing of another unit", () => {
    const { notices } = noticesFor(db(), contributor(p.a1, p.unitA.id), at(10));
    expect(notices.map((n) => [n.text, n.href])).toEqual([
      // a2's own submission, by a colleague: a1 hears of it.
      ["团长治市委报送了《长治青年研究》", `/studio/submissions/${qnyjId}`],
      ["《长治青年志愿服务》已刊用：晋团要讯〔2026〕第5期", `/studio/submissions/${adoptedId}`],
      ["团长治市委的《长治青年志愿服务》已采用（全文）", `/studio/submissions/${adoptedId}`],
    ]);
    expect(notices.every((n) => n.fresh)).toBe(true);
    expect(texts(contributor(p.b1, p.unitB.id), at(10))).toEqual([]);
  });

  it("leave out what they did themselves", () => {
    expect(texts(contributor(p.a2, p.unitA.id), at(10))).toEqual([
      "《长治青年志愿服务》已刊用：晋团要讯〔2026〕第5期",
      "团长治市委的《长治青年志愿服务》已采用（全文）",
      "团长治市委报送了《长治青年志愿服务》",
    ]);
  });

  it("name new 约稿 addressed to the unit, and remind of one near its deadline until the unit answers", () => {
    const deadline = new Date("2026-12-10T10:00:00Z");
    const call = addCall({
      seriesId: "jtyx",
      topic: "岁末年初安全稳定",
      unitIds: [p.unitA.id],
      deadline,
      createdBy: p.editorJ,
      at: at(20),
    });
    const a = contributor(p.a1, p.unitA.id);
    expect(texts(a, at(30))[0]).toBe("新的约稿：岁末年初安全稳定，截止 12月10日");
    expect(noticesFor(db(), a, at(30)).notices[0]!.href).toBe(`/studio/calls/${call.id}`);
    expect(texts(contributor(p.b1, p.unitB.id), at(30))).toEqual([]);
    // Two days before the deadline, unanswered: a reminder.
    const soon = new Date(deadline.getTime() - 2 * DAY);
    expect(texts(a, soon)[0]).toBe("约稿即将截止：岁末年初安全稳定，截止 12月10日，本单位尚未报送");
    submit({ unitId: p.unitA.id, seriesId: "jtyx", title: "安全稳定情况", actorId: p.a2, at: at(40), callId: call.id });
    expect(texts(a, soon)).toContain("新的约稿：岁末年初安全稳定，截止 12月10日");
    expect(texts(a, soon).some((t) => t.startsWith("约稿即将截止"))).toBe(false);
  });
});

describe("an editor's notices", () => {
  it("list new submissions of their series only", () => {
    const j = texts(editor(p.editorJ, ["jtyx"]), at(60));
    expect(j).toEqual(["团长治市委报送了《安全稳定情况》", "团太原市委报送了《太原团建观察》", "团长治市委报送了《长治青年志愿服务》"]);
    expect(texts(editor(p.editorQ, ["qnyj"]), at(60))).toEqual(["团长治市委报送了《长治青年研究》"]);
    expect(texts(editor(p.editorQ, []), at(60))).toEqual([]);
    expect(texts({ id: p.admin, role: "admin", unitId: null, seriesIds: null }, at(60))).toHaveLength(4);
  });

  it("list their series' 约稿 past deadline that an addressed unit has not answered", () => {
    const deadline = at(100);
    const call = addCall({
      seriesId: "jtyx",
      topic: "基层团组织建设",
      unitIds: [p.unitA.id, p.unitB.id],
      deadline,
      createdBy: p.editorJ,
      at: at(61),
    });
    submit({ unitId: p.unitB.id, seriesId: "jtyx", title: "太原基层团建", actorId: p.b1, at: at(70), callId: call.id });
    const j = editor(p.editorJ, ["jtyx"]);
    expect(texts(j, at(90)).some((t) => t.startsWith("约稿已截止"))).toBe(false);
    const late = noticesFor(db(), j, at(200)).notices[0]!;
    expect(late.text).toBe("约稿已截止：基层团组织建设（12月1日），1个单位未报送");
    expect(late.href).toBe(`/studio/calls/${call.id}`);
    expect(texts(editor(p.editorQ, ["qnyj"]), at(200)).some((t) => t.startsWith("约稿已截止"))).toBe(false);
  });
});

describe("marking notices seen", () => {
  it("clears the count, keeps the notices as older ones, and counts what comes after", () => {
    const a = contributor(p.a1, p.unitA.id);
    const before = freshNoticeCount(db(), a, at(300));
    expect(before).toBeGreaterThan(0);
    markSeen(db(), p.a1, at(300));
    expect(freshNoticeCount(db(), a, at(301))).toBe(0);
    const { seenAt, notices } = noticesFor(db(), a, at(301));
    expect(seenAt).toEqual(at(300));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.some((n) => n.fresh)).toBe(false);
    // Another user's mark is their own.
    expect(freshNoticeCount(db(), contributor(p.a2, p.unitA.id), at(301))).toBeGreaterThan(0);
    // A mark never moves back (an older tab opened later).
    markSeen(db(), p.a1, at(250));
    expect(noticesFor(db(), a, at(301)).seenAt).toEqual(at(300));
    const s = submit({ unitId: p.unitA.id, seriesId: "jtyx", title: "新的一篇", actorId: p.a2, at: at(310) });
    adopt(s.id, p.editorJ, at(311), "excerpt");
    expect(freshNoticeCount(db(), a, at(320))).toBe(2);
    expect(
      noticesFor(db(), a, at(320))
        .notices.filter((n) => n.fresh)
        .map((n) => n.text),
    ).toEqual(["团长治市委的《新的一篇》已采用（摘编）", "团长治市委报送了《新的一篇》"]);
  });
});
