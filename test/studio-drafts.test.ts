// A draft's life against a real SQLite file: saving on top of the right revision, conflicts
// answered with both texts, restores, the review workflow with its refusals, the dashboard's
// lists, presets and the audit log's paging.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/index";
import { listAudit, recordAudit } from "@/db/queries/studio/audit";
import { countByStatus, dueScheduled, getDraft, listDrafts } from "@/db/queries/studio/drafts";
import { abandonDraft, createDraft } from "@/db/queries/studio/numbering";
import { deletePreset, listPresets, savePreset } from "@/db/queries/studio/presets";
import { getClaim } from "@/db/queries/studio/publish-claims";
import { approveDraft, commentDraft, returnDraft, scheduleDraft, submitDraft, unscheduleDraft } from "@/db/queries/studio/review";
import { listRevisions, restoreRevision, saveRevision } from "@/db/queries/studio/revisions";
import { db } from "@/lib/database";
import { restoredTitle } from "@/lib/studio/source";
import { recordPublished } from "./lib/record-publication";
import { addUser as addUserTo, freshDatabase } from "./lib/temp-site";

let d: Db;
let alice: number; // editor
let bob: number; // reviewer
let carol: number; // reviewer

const text = (title: string, body = "正文。") => `---\ntitle: ${title}\n---\n\n${body}\n`;
const code = (c: string, publicMessage?: string) => expect.objectContaining(publicMessage ? { code: c, publicMessage } : { code: c });

const addUser = (name: string, role: "editor" | "reviewer" = "editor") => addUserTo(d, name, role);

function newDraft(title = "春季团建工作", seriesId = "jtyx") {
  return createDraft(d, {
    seriesId,
    year: 2024,
    supplement: false,
    authorId: alice,
    compose: () => ({ source: text(title), title }),
    path: (n) => `${seriesId}/2024/${n}.mdx`,
  });
}

const save = (draftId: number, baseRevisionId: number, source: string, authorId = alice) =>
  saveRevision(d, { draftId, baseRevisionId, source, title: source.match(/title: (.*)/)?.[1] ?? "", authorId, kind: "save" });

function saved(r: ReturnType<typeof save>) {
  if (!r.ok) throw new Error("expected the save to succeed");
  return r.revision;
}

/** A draft submitted by alice, ready for a reviewer's sign-off. */
function submitted() {
  const draft = newDraft();
  submitDraft(d, { draftId: draft.draftId, revisionId: draft.revisionId, actorId: alice });
  return draft;
}

beforeEach(async () => {
  // A database of its own for each test.
  await freshDatabase();
  d = db();
  alice = addUser("Alice", "editor");
  bob = addUser("Bob", "reviewer");
  carol = addUser("Carol", "reviewer");
});

describe("saving revisions", () => {
  it("saves on top of the head, numbering revisions 第1版, 第2版…", () => {
    const { draftId, revisionId } = newDraft();
    const second = saved(save(draftId, revisionId, text("春季团建工作会议")));
    expect(second.seq).toBe(2);
    expect(saved(save(draftId, second.id, text("春季团建工作会议", "更多正文。"))).seq).toBe(3);
    const view = getDraft(d, draftId)!;
    expect(view).toMatchObject({
      title: "春季团建工作会议",
      headSeq: 3,
      source: text("春季团建工作会议", "更多正文。"),
      createdByName: "Alice",
    });
    expect(listRevisions(d, draftId).map((r) => [r.seq, r.kind, r.authorName])).toEqual([
      [3, "save", "Alice"],
      [2, "save", "Alice"],
      [1, "create", "Alice"],
    ]);
  });

  it("answers a save based on an older revision with both texts instead of overwriting", () => {
    const { draftId, revisionId } = newDraft("原标题");
    saved(save(draftId, revisionId, text("鲍勃改的标题"), bob));
    const late = save(draftId, revisionId, text("爱丽丝改的标题"));
    expect(late).toMatchObject({
      ok: false,
      code: "studio:stale-revision",
      head: { seq: 2, source: text("鲍勃改的标题"), authorName: "Bob" },
      base: { seq: 1, source: text("原标题") },
    });
    expect(getDraft(d, draftId)!.source).toBe(text("鲍勃改的标题"));
  });

  it("records nothing new when the text has not changed", () => {
    const { draftId, revisionId } = newDraft("原标题");
    expect(save(draftId, revisionId, text("原标题"))).toMatchObject({
      ok: true,
      unchanged: true,
      revision: { id: revisionId, seq: 1 },
      status: "draft",
    });
    expect(listRevisions(d, draftId)).toHaveLength(1);
  });

  it("restores an old revision as a new one, keeping the history in between", () => {
    const { draftId, revisionId } = newDraft("第一稿");
    const second = saved(save(draftId, revisionId, text("第二稿")));
    const restored = restoreRevision(d, { draftId, revisionId, baseRevisionId: second.id, authorId: bob, titleOf: restoredTitle });
    expect(restored).toMatchObject({ ok: true, unchanged: false, revision: { seq: 3 } });
    expect(getDraft(d, draftId)).toMatchObject({ source: text("第一稿"), title: "第一稿" });
    expect(listRevisions(d, draftId)[0]).toMatchObject({ seq: 3, kind: "restore", note: "恢复为第1版", authorName: "Bob" });
  });

  it("voids the sign-off when an approved draft is changed", () => {
    const { draftId, revisionId } = submitted();
    approveDraft(d, { draftId, revisionId, actorId: bob });
    scheduleDraft(d, { draftId, actorId: bob, at: new Date(Date.now() + 3600_000) });
    expect(save(draftId, revisionId, text("签发后又改"))).toMatchObject({ ok: true, status: "submitted" });
    const view = getDraft(d, draftId)!;
    expect(view).toMatchObject({
      status: "submitted",
      approvedBy: null,
      approvedAt: null,
      approvedRevisionId: null,
      scheduledAt: null,
      approvedByName: null,
    });
    expect(view.events.at(-1)).toMatchObject({ action: "comment", comment: "签发后稿件被修改，需重新签发", actorName: "Alice" });
  });

  it("refuses saves to abandoned and published drafts, and to drafts that do not exist", () => {
    const a = newDraft();
    abandonDraft(d, { draftId: a.draftId, actorId: alice });
    expect(() => save(a.draftId, a.revisionId, text("再改"))).toThrow(code("studio:bad-transition", "这份稿件已发布或已放弃，不能再修改"));
    const p = submitted();
    approveDraft(d, { draftId: p.draftId, revisionId: p.revisionId, actorId: bob });
    recordPublished(d, { draftId: p.draftId, actorId: bob });
    expect(() => save(p.draftId, p.revisionId, text("再改"))).toThrow(code("studio:bad-transition"));
    expect(() => save(9999, 1, text("无"))).toThrow(code("studio:not-found", "找不到这份稿件"));
  });
});

describe("review transitions", () => {
  it("submits only the head revision, and only once", () => {
    const { draftId, revisionId } = newDraft();
    const second = saved(save(draftId, revisionId, text("改过")));
    expect(() => submitDraft(d, { draftId, revisionId, actorId: alice })).toThrow(
      code("studio:stale-revision", "稿件已有更新的版本，请先查看后再提交"),
    );
    submitDraft(d, { draftId, revisionId: second.id, actorId: alice });
    expect(getDraft(d, draftId)).toMatchObject({ status: "submitted", submittedBy: alice, submittedByName: "Alice" });
    expect(() => submitDraft(d, { draftId, revisionId: second.id, actorId: alice })).toThrow(
      code("studio:bad-transition", "这份稿件已提交，正在等待审核，不能提交审核"),
    );
  });

  it("returns a draft only with a reason, and clears its sign-off", () => {
    const { draftId, revisionId } = submitted();
    expect(() => returnDraft(d, { draftId, actorId: bob, comment: "  " })).toThrow(code("studio:invalid-input", "退回时请写明原因"));
    approveDraft(d, { draftId, revisionId, actorId: bob });
    returnDraft(d, { draftId, actorId: carol, comment: "数据需要核实" });
    const view = getDraft(d, draftId)!;
    expect(view).toMatchObject({ status: "draft", approvedBy: null, approvedRevisionId: null });
    expect(view.events.map((e) => [e.action, e.actorName, e.comment])).toEqual([
      ["submit", "Alice", null],
      ["approve", "Bob", null],
      ["return", "Carol", "数据需要核实"],
    ]);
    expect(() => returnDraft(d, { draftId, actorId: bob, comment: "再退" })).toThrow(
      code("studio:bad-transition", "这份稿件还未提交审核，不能退回"),
    );
  });

  it("refuses sign-off by the submitter, by whoever edited the text, and of a revision that is not the head", () => {
    const { draftId, revisionId } = submitted();
    expect(() => approveDraft(d, { draftId, revisionId, actorId: alice })).toThrow(
      code("studio:self-approval", "不能签发自己提交或修改的稿件：请由另一位审核人签发"),
    );
    const edited = saved(save(draftId, revisionId, text("审核人润色"), bob));
    expect(() => approveDraft(d, { draftId, revisionId: edited.id, actorId: bob })).toThrow(code("studio:self-approval"));
    expect(() => approveDraft(d, { draftId, revisionId, actorId: carol })).toThrow(code("studio:stale-revision"));
    approveDraft(d, { draftId, revisionId: edited.id, actorId: carol });
    expect(getDraft(d, draftId)).toMatchObject({
      status: "approved",
      approvedBy: carol,
      approvedByName: "Carol",
      approvedRevisionId: edited.id,
    });
    expect(() => approveDraft(d, { draftId, revisionId: edited.id, actorId: carol })).toThrow(
      code("studio:bad-transition", "这份稿件已签发，等待发布，不能签发"),
    );
  });

  it("refuses sign-off by whoever submitted the draft, even without editing it", () => {
    const { draftId, revisionId } = newDraft();
    submitDraft(d, { draftId, revisionId, actorId: carol });
    expect(() => approveDraft(d, { draftId, revisionId, actorId: carol })).toThrow(code("studio:self-approval"));
    approveDraft(d, { draftId, revisionId, actorId: bob });
    expect(getDraft(d, draftId)!.approvedByName).toBe("Bob");
  });

  it("lets a reviewer sign off whose edit came before the submission, in the same millisecond", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // Frozen: Bob's edit, Alice's and the submission share one millisecond; Bob's came first.
      vi.setSystemTime(new Date("2026-03-01T08:00:00Z"));
      const a = newDraft();
      const byBob = saved(save(a.draftId, a.revisionId, text("鲍勃提交前改过"), bob));
      const byAlice = saved(save(a.draftId, byBob.id, text("爱丽丝又改过")));
      submitDraft(d, { draftId: a.draftId, revisionId: byAlice.id, actorId: alice });
      approveDraft(d, { draftId: a.draftId, revisionId: byAlice.id, actorId: bob });
      expect(getDraft(d, a.draftId)!.approvedByName).toBe("Bob");
    } finally {
      vi.useRealTimers();
    }
  });

  it("still refuses the reviewer's own edit when the clock stepped back after the submission", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-03-01T08:00:00Z"));
      const b = newDraft("第二份");
      submitDraft(d, { draftId: b.draftId, revisionId: b.revisionId, actorId: alice });
      // An NTP step back by a minute: Bob's edit after the submission carries an earlier time.
      vi.setSystemTime(new Date("2026-03-01T07:59:00Z"));
      const late = saved(save(b.draftId, b.revisionId, text("鲍勃提交后改过"), bob));
      const head = saved(save(b.draftId, late.id, text("爱丽丝再改")));
      expect(() => approveDraft(d, { draftId: b.draftId, revisionId: head.id, actorId: bob })).toThrow(code("studio:self-approval"));
      approveDraft(d, { draftId: b.draftId, revisionId: head.id, actorId: carol });
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses sign-off of a draft that was never submitted", () => {
    const { draftId, revisionId } = newDraft();
    expect(() => approveDraft(d, { draftId, revisionId, actorId: bob })).toThrow(
      code("studio:bad-transition", "这份稿件还未提交审核，不能签发"),
    );
  });

  it("schedules approved drafts for a future time and hands them to the scheduler when due", () => {
    const { draftId, revisionId } = submitted();
    const at = new Date(Date.now() + 3600_000);
    expect(() => scheduleDraft(d, { draftId, actorId: bob, at })).toThrow(code("studio:bad-transition"));
    approveDraft(d, { draftId, revisionId, actorId: bob });
    expect(() => scheduleDraft(d, { draftId, actorId: bob, at: new Date(Date.now() - 1000) })).toThrow(
      code("studio:invalid-input", "定时发布的时间应晚于现在"),
    );
    scheduleDraft(d, { draftId, actorId: bob, at });
    expect(dueScheduled(d, new Date())).toEqual([]);
    expect(dueScheduled(d, new Date(at.getTime() + 1))).toEqual([{ draftId, scheduledAt: at }]);
    unscheduleDraft(d, { draftId, actorId: bob });
    expect(dueScheduled(d, new Date(at.getTime() + 1))).toEqual([]);
    expect(() => unscheduleDraft(d, { draftId, actorId: bob })).toThrow(code("studio:bad-transition", "这份稿件没有设定定时发布"));
  });

  it("marks a scheduled draft published in the 签发人's name and then refuses further changes", () => {
    const { draftId, revisionId } = submitted();
    approveDraft(d, { draftId, revisionId, actorId: bob });
    // An hour ahead: scheduleDraft refuses a time already past by its own clock.
    scheduleDraft(d, { draftId, actorId: bob, at: new Date(Date.now() + 3_600_000) });
    const at = new Date(Date.now() + 3_601_000);
    recordPublished(d, { draftId, actorId: null, at });
    const view = getDraft(d, draftId)!;
    expect(view).toMatchObject({ status: "published", publishedAt: at, publishedBy: null, scheduledAt: null });
    expect(view.events.at(-1)).toMatchObject({ action: "publish", actorId: bob });
    expect(() => recordPublished(d, { draftId, actorId: bob, at })).toThrow(code("studio:bad-transition", "这份稿件已发布，不能发布"));
    expect(() => commentDraft(d, { draftId, actorId: carol, comment: "晚了" })).toThrow(code("studio:bad-transition"));
    expect(() => abandonDraft(d, { draftId, actorId: alice })).toThrow(code("studio:bad-transition", "这份稿件已发布，不能放弃"));
  });

  it("refuses to publish a revision other than the one signed (the claim is refused, nothing is recorded)", () => {
    const { draftId, revisionId } = submitted();
    approveDraft(d, { draftId, revisionId, actorId: bob });
    expect(() => recordPublished(d, { draftId, actorId: bob, revisionId: revisionId + 100 })).toThrow(
      code("studio:bad-transition", "签发后稿件被修改，需重新签发"),
    );
    expect(getDraft(d, draftId)!.status).toBe("approved");
    expect(getClaim(d, draftId)).toBeUndefined();
  });

  it("lists a draft's events in the order they happened, even when the clock stepped back", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-03-01T08:00:00Z"));
      const { draftId } = submitted();
      vi.setSystemTime(new Date("2026-03-01T07:59:00Z"));
      commentDraft(d, { draftId, actorId: bob, comment: "时钟回拨后的意见" });
      expect(getDraft(d, draftId)!.events.map((e) => e.action)).toEqual(["submit", "comment"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("takes comments on open drafts, not empty ones", () => {
    const { draftId } = newDraft();
    expect(() => commentDraft(d, { draftId, actorId: bob, comment: "" })).toThrow(code("studio:invalid-input"));
    commentDraft(d, { draftId, actorId: bob, comment: "标题可以更短" });
    expect(getDraft(d, draftId)!.events).toEqual([
      expect.objectContaining({ action: "comment", comment: "标题可以更短", actorName: "Bob" }),
    ]);
  });
});

describe("listing drafts", () => {
  it("filters by series, status and a title or number query, newest first", () => {
    const a = newDraft("春季团建工作");
    const b = newDraft("100%完成任务_通报");
    const c = newDraft("青年之声", "qnxx");
    submitDraft(d, { draftId: b.draftId, revisionId: b.revisionId, actorId: alice });
    const ids = (f: Parameters<typeof listDrafts>[1]) => listDrafts(d, f).map((r) => r.id);
    expect(ids({ seriesIds: null })).toEqual([b.draftId, c.draftId, a.draftId]);
    expect(ids({ seriesIds: ["qnxx"] })).toEqual([c.draftId]);
    expect(ids({ seriesIds: [] })).toEqual([]);
    expect(ids({ seriesIds: null, statuses: ["submitted"] })).toEqual([b.draftId]);
    expect(ids({ seriesIds: null, q: "团建" })).toEqual([a.draftId]);
    // % and _ are searched for literally.
    expect(ids({ seriesIds: null, q: "%" })).toEqual([b.draftId]);
    expect(ids({ seriesIds: null, q: "0%完成任务_" })).toEqual([b.draftId]);
    expect(ids({ seriesIds: null, q: "_" })).toEqual([b.draftId]);
    expect(ids({ seriesIds: null, q: "2" })).toEqual([b.draftId]);
    expect(ids({ seriesIds: null, q: "〔2024〕第1期" })).toEqual([c.draftId, a.draftId]);
    expect(ids({ seriesIds: null, limit: 1 })).toEqual([b.draftId]);
    expect(countByStatus(d, { seriesIds: ["jtyx"] })).toEqual({ draft: 1, submitted: 1, approved: 0, published: 0, abandoned: 0 });
    expect(listDrafts(d, { seriesIds: ["jtyx"], statuses: ["submitted"] })[0]).toMatchObject({
      title: "100%完成任务_通报",
      number: 2,
      createdByName: "Alice",
      headSeq: 1,
    });
  });

  it("lists changes made within one millisecond in the order they happened", () => {
    // A clean clone once listed [c, b, a]: the clock had not moved between c's creation and b's
    // submission. Frozen, it never moves, so only the change order can decide.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T08:00:00Z"));
    try {
      const a = newDraft("春季团建工作");
      const b = newDraft("青年大学习");
      const c = newDraft("青年之声", "qnxx");
      submitDraft(d, { draftId: b.draftId, revisionId: b.revisionId, actorId: alice });
      expect(listDrafts(d, { seriesIds: null }).map((r) => r.id)).toEqual([b.draftId, c.draftId, a.draftId]);
      saved(save(a.draftId, a.revisionId, text("春季团建工作（修改）")));
      expect(listDrafts(d, { seriesIds: null }).map((r) => r.id)).toEqual([a.draftId, b.draftId, c.draftId]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("presets", () => {
  it("saves by series and name, replacing a preset of the same name", () => {
    savePreset(d, {
      seriesId: "jtyx",
      name: " 全省团系统 ",
      report: ["团中央"],
      send: [],
      issue: ["各市团委", " ", "各市团委"],
      actorId: alice,
    });
    savePreset(d, { seriesId: "jtyx", name: "全省团系统", report: ["团中央办公厅"], send: [], issue: [], actorId: bob });
    savePreset(d, { seriesId: "qnxx", name: "全省团系统", report: ["团中央"], send: [], issue: [], actorId: bob });
    expect(listPresets(d, "jtyx")).toEqual([
      expect.objectContaining({ name: "全省团系统", report: ["团中央办公厅"], issue: [], updatedBy: bob }),
    ]);
    expect(() =>
      savePreset(d, { seriesId: "jtyx", name: "长".repeat(31), report: ["团中央"], send: [], issue: [], actorId: alice }),
    ).toThrow(code("studio:invalid-input"));
    deletePreset(d, { id: listPresets(d, "jtyx")[0]!.id });
    expect(listPresets(d, "jtyx")).toEqual([]);
    expect(listPresets(d, "qnxx")).toHaveLength(1);
  });
});

describe("audit log", () => {
  it("pages newest first and filters by action", () => {
    for (let i = 1; i <= 7; i++)
      recordAudit(d, {
        actorId: alice,
        actorEmail: "alice@example.cn",
        action: i % 2 ? "auth.sign-in" : "issue.publish",
        target: `t${i}`,
        detail: { i },
        ip: "127.0.0.1",
      });
    const first = listAudit(d, { page: 1, pageSize: 3 });
    expect(first.total).toBe(7);
    expect(first.rows.map((r) => r.target)).toEqual(["t7", "t6", "t5"]);
    expect(listAudit(d, { page: 3, pageSize: 3 }).rows.map((r) => r.target)).toEqual(["t1"]);
    const published = listAudit(d, { page: 1, action: "issue.publish" });
    expect(published).toMatchObject({ total: 3, rows: [{ target: "t6", detail: { i: 6 } }, { target: "t4" }, { target: "t2" }] });
  });

  it("keeps the newest entry first when the clock stepped back between two entries", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-03-01T08:00:00Z"));
      recordAudit(d, { actorId: alice, actorEmail: "alice@example.cn", action: "issue.publish", target: "before" });
      vi.setSystemTime(new Date("2026-03-01T07:59:00Z"));
      recordAudit(d, { actorId: alice, actorEmail: "alice@example.cn", action: "issue.withdraw", target: "after" });
      expect(listAudit(d, { page: 1 }).rows.map((r) => r.target)).toEqual(["after", "before"]);
    } finally {
      vi.useRealTimers();
    }
  });
});
