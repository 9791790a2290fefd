// 约稿 and 批示: how each unit's answer to a call is reckoned (on time, late, missed, not asked),
// who may see a call, and how a 批示 on an article that came from a submission reaches that unit.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getPublicIssue } from "@/db/queries/archive";
import { listAudit } from "@/db/queries/studio/audit";
import { createUser } from "@/db/queries/users";
import { insertCall, setCallClosed } from "@/db/queries/xinxi/calls";
import { insertSubmission } from "@/db/queries/xinxi/submissions";
import { createUnit } from "@/db/queries/xinxi/units";
import { adoptions, type CallRow, drafts, instructions, submissionEvents } from "@/db/schema";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { callFor } from "@/lib/xinxi/call-access";
import { callOutcomes, callStatus } from "@/lib/xinxi/calls";
import { expectNotFound } from "./lib/navigation";
import { SAMPLE_KEY, studioSite } from "./lib/studio-site";

const session: { current: { uid: number; epoch: number } | null } = { current: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => session.current),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/link", () => ({ default: () => null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const T0 = new Date("2026-06-01T00:00:00+08:00");
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

let editor: number;
const unit: Record<string, number> = {};
const contributor: Record<string, { id: number; epoch: number }> = {};
const as = (who: { id: number; epoch: number }) => (session.current = { uid: who.id, epoch: who.epoch });

beforeAll(async () => {
  ({ editor } = await studioSite(["jtyx/2022/003.mdx"]));
  const d = db();
  // Made before T0: the units a call to all units, made at T0, asks.
  const city = createUnit(d, { name: "共青团长治市委", shortName: "团长治市委", level: "city" }, hours(-100));
  unit.city = city.id;
  unit.county = createUnit(d, { name: "共青团长治市潞州区委", parentId: city.id, level: "county" }, hours(-100)).id;
  unit.other = createUnit(d, { name: "共青团晋城市委", level: "city" }, hours(-100)).id;
  for (const name of ["city", "other"] as const) {
    const u = createUser(d, { email: `${name}@example.org`, name, role: "contributor", passwordHash: "scrypt$x", unitId: unit[name] });
    contributor[name] = { id: u.id, epoch: u.sessionEpoch };
  }
  const ed = createUser(d, { email: "calls-editor@example.org", name: "约稿编辑", role: "editor", passwordHash: "scrypt$x" });
  contributor.editor = { id: ed.id, epoch: ed.sessionEpoch };
}, 60_000);

function call(input: Partial<Parameters<typeof insertCall>[1]> & { deadline: Date }): CallRow {
  return db().transaction((tx) =>
    insertCall(tx, { seriesId: "jtyx", topic: "约稿", body: "要求", allUnits: false, unitIds: [], actorId: editor, at: T0, ...input }),
  );
}

function answer(unitId: number, callId: number | null, at: Date, title = "一篇信息") {
  return insertSubmission(db(), {
    unitId,
    seriesId: "jtyx",
    callId,
    urgent: false,
    contactName: "张三",
    contactPhone: "0355-1234567",
    version: { title, body: `${title}的正文。` },
    pictures: [],
    search: { titlePairs: "", bodyPairs: "" },
    actorId: editor,
    at,
  });
}

describe("callOutcomes", () => {
  // Each test uses its own week of deadlines, so the calls of one do not count in another.
  const week = (n: number) => ({ seriesId: "jtyx", from: hours(24 * 7 * n), to: hours(24 * 7 * (n + 1)) });

  it("counts the first answer on time at or before the deadline, late after it, and a missing one once the deadline passed", () => {
    const c = call({ deadline: hours(48), unitIds: [unit.city!, unit.county!, unit.other!] });
    answer(unit.city!, c.id, hours(48)); // exactly at the deadline: on time
    answer(unit.city!, c.id, hours(60)); // a second answer changes nothing
    answer(unit.other!, c.id, hours(49));
    answer(unit.county!, null, hours(1)); // not naming the call: no answer
    const before = callOutcomes(db(), { ...week(0), now: hours(47) });
    expect(before.get(unit.county!)).toEqual({ addressed: 1, onTime: 0, late: 0, missed: 0 });
    const after = callOutcomes(db(), { ...week(0), now: hours(72) });
    expect(after.get(unit.city!)).toEqual({ addressed: 1, onTime: 1, late: 0, missed: 0 });
    expect(after.get(unit.other!)).toEqual({ addressed: 1, onTime: 0, late: 1, missed: 0 });
    expect(after.get(unit.county!)).toEqual({ addressed: 1, onTime: 0, late: 0, missed: 1 });
    // Outside the period: not counted.
    expect(callOutcomes(db(), { ...week(1), now: hours(72) }).size).toBe(0);
  });

  it("asks every unit there when a call to all units was made, and no unit added afterwards", () => {
    const d = db();
    const c = call({ deadline: hours(24 * 7 + 24), allUnits: true });
    const late = createUnit(d, { name: "共青团阳城县委", level: "county" }, hours(24 * 7 + 1));
    answer(unit.county!, c.id, hours(24 * 7 + 2));
    const o = callOutcomes(d, { ...week(1), now: hours(24 * 9) });
    expect(o.get(unit.county!)).toMatchObject({ onTime: 1, missed: 0 });
    expect(o.get(unit.city!)).toMatchObject({ addressed: 1, missed: 1 });
    expect(o.get(unit.other!)).toMatchObject({ addressed: 1, missed: 1 });
    expect(o.has(late.id), "a unit made after the call was not asked").toBe(false);
    // Had the new unit answered, the answer counts, though it was not asked.
    answer(late.id, c.id, hours(24 * 7 + 3));
    expect(callOutcomes(d, { ...week(1), now: hours(24 * 9) }).get(late.id)).toEqual({ addressed: 0, onTime: 1, late: 0, missed: 0 });
  });

  it("counts no misses for a call closed before its deadline; closing after it keeps them", () => {
    const d = db();
    const off = call({ deadline: hours(24 * 14 + 24), unitIds: [unit.city!, unit.other!] });
    answer(unit.city!, off.id, hours(24 * 14 + 1));
    setCallClosed(d, off.id, { closed: true, at: hours(24 * 14 + 2) });
    const kept = call({ deadline: hours(24 * 14 + 30), unitIds: [unit.other!] });
    setCallClosed(d, kept.id, { closed: true, at: hours(24 * 14 + 31) });
    const o = callOutcomes(d, { ...week(2), now: hours(24 * 20) });
    expect(o.get(unit.city!)).toEqual({ addressed: 1, onTime: 1, late: 0, missed: 0 });
    expect(o.get(unit.other!)).toEqual({ addressed: 2, onTime: 0, late: 0, missed: 1 });
    expect(callStatus({ ...kept, closed: true }, hours(0))).toBe("closed");
  });
});

describe("who may see and make calls", () => {
  it("shows a contributor only the calls addressed to their unit: another unit's call is a 404", async () => {
    const c = call({ deadline: hours(24 * 400), unitIds: [unit.city!] });
    const page = (await import("@/app/(studio)/studio/calls/[id]/page")).default;
    as(contributor.other!);
    await expectNotFound(() => page({ params: Promise.resolve({ id: String(c.id) }) }));
    as(contributor.city!);
    await expect(page({ params: Promise.resolve({ id: String(c.id) }) })).resolves.toBeTruthy();
    // The same rule under the page, for a call to all units too.
    const all = call({ deadline: hours(24 * 400), allUnits: true });
    const user = { id: 0, email: "", name: "", role: "contributor" as const, seriesIds: [], unitId: unit.other! };
    expect(callFor(db(), user, all.id).id).toBe(all.id);
    expect(() => callFor(db(), user, c.id)).toThrow(expect.objectContaining({ code: "studio:not-found" }));
  });

  it("refuses contributors the editors' actions, with input that would otherwise pass", async () => {
    const { saveCall, closeCall } = await import("@/app/(studio)/studio/calls/actions");
    const { addInstruction } = await import("@/app/(studio)/studio/issues/instruction-actions");
    const issue = await getPublicIssue(db(), SAMPLE_KEY);
    as(contributor.city!);
    const saved = await saveCall({
      seriesId: "jtyx",
      topic: "偷发的约稿",
      body: "x",
      deadline: "2099-01-01T10:00:00+08:00",
      allUnits: true,
      unitIds: [],
    });
    expect(saved).toMatchObject({ ok: false, error: { code: "auth:forbidden" } });
    expect(await closeCall({ callId: 1 })).toMatchObject({ ok: false, error: { code: "auth:forbidden" } });
    const recorded = await addInstruction({
      issueId: issue!.id,
      level: "province",
      leader: "某领导",
      date: "2022-04-01",
      gist: "x",
      article: null,
      credit: "auto",
    });
    expect(recorded).toMatchObject({ ok: false, error: { code: "auth:forbidden" } });
    expect(db().select().from(instructions).all()).toHaveLength(0);
  });

  it("lets an editor make a call for named units, and refuses a deadline already past", async () => {
    const { saveCall } = await import("@/app/(studio)/studio/calls/actions");
    as(contributor.editor!);
    const past = await saveCall({
      seriesId: "jtyx",
      topic: "t",
      body: "b",
      deadline: "2020-01-01T10:00:00+08:00",
      allUnits: true,
      unitIds: [],
    });
    expect(past).toMatchObject({ ok: false, error: { fields: { deadline: expect.any(String) } } });
    const none = await saveCall({
      seriesId: "jtyx",
      topic: "t",
      body: "b",
      deadline: "2099-01-01T10:00:00+08:00",
      allUnits: false,
      unitIds: [],
    });
    expect(none).toMatchObject({ ok: false, error: { fields: { unitIds: expect.any(String) } } });
    // Success redirects to the call's page.
    const ok = saveCall({
      seriesId: "jtyx",
      topic: "五四专题",
      body: "b",
      deadline: "2099-01-01T10:00:00+08:00",
      allUnits: false,
      unitIds: [unit.city!],
    });
    await expect(ok).rejects.toSatisfy((e) => !isAppError(e) && String((e as { digest?: string }).digest).includes("/studio/calls/"));
    expect(listAudit(db(), { page: 1, action: "call.create" }).rows[0]).toMatchObject({ actorEmail: "calls-editor@example.org" });
  });
});

describe("批示", () => {
  it("credits a 批示 on an adopted article to the submission's unit, writes its timeline event, and deletes both", async () => {
    const d = db();
    const issue = (await getPublicIssue(d, SAMPLE_KEY))!;
    const indexed = d.query.issues.findFirst({ where: (t, { eq }) => eq(t.path, "jtyx/2022/003.mdx") }).sync()!;
    // The sample issue has no # headings: it is one article, its title.
    const heading = indexed.title;
    const submission = answer(unit.county!, null, hours(-50), "潞州区少先队工作");
    const draft = d
      .insert(drafts)
      .values({
        kind: "correction",
        seriesId: "jtyx",
        year: 2022,
        number: 3,
        path: "jtyx/2022/003.mdx",
        status: "published",
        createdBy: editor,
        createdAt: hours(-49),
        updatedAt: hours(-49),
      })
      .returning()
      .get();
    d.insert(adoptions)
      .values({
        submissionId: submission.id,
        draftId: draft.id,
        kind: "full",
        state: "published",
        heading,
        byline: "（潞州区委供稿）",
        adoptedBy: editor,
        adoptedAt: hours(-49),
      })
      .run();
    const { addInstruction, deleteInstruction } = await import("@/app/(studio)/studio/issues/instruction-actions");
    as(contributor.editor!);
    const input = { issueId: issue.id, level: "province" as const, leader: "省委书记", date: "2022-04-02", gist: "经验做法值得推广。" };
    const r = await addInstruction({ ...input, article: heading, credit: "auto" });
    expect(r.ok).toBe(true);
    const id = r.ok ? r.data.id : 0;
    expect(d.select().from(instructions).where(eq(instructions.id, id)).get()).toMatchObject({
      unitId: unit.county,
      submissionId: submission.id,
      issuePath: "jtyx/2022/003.mdx",
      issueLabel: "晋团要讯〔2022〕第3期",
      article: heading,
    });
    const events = () => d.select().from(submissionEvents).where(eq(submissionEvents.kind, "instruction")).all();
    expect(events()).toEqual([
      expect.objectContaining({
        submissionId: submission.id,
        unitId: unit.county,
        detail: expect.objectContaining({ level: "province", leader: "省委书记", date: "2022-04-02", gist: "经验做法值得推广。" }),
      }),
    ]);
    expect(listAudit(d, { page: 1, action: "instruction.record" }).rows[0]).toMatchObject({ target: "jtyx/2022/003.mdx" });

    // On the issue as a whole: no unit, no event. By hand: that unit, no submission of another unit's.
    const whole = await addInstruction({ ...input, article: null, credit: "auto" });
    const byHand = await addInstruction({ ...input, article: heading, credit: unit.other! });
    const row = (r: typeof whole) =>
      d
        .select()
        .from(instructions)
        .where(eq(instructions.id, r.ok ? r.data.id : 0))
        .get();
    expect(row(whole)).toMatchObject({ unitId: null, submissionId: null, article: null });
    expect(row(byHand)).toMatchObject({ unitId: unit.other, submissionId: null });
    expect(events()).toHaveLength(1);

    // Refusals name the field: an article not in the issue, a date before the issue.
    expect(await addInstruction({ ...input, article: "别的文章", credit: "auto" })).toMatchObject({
      ok: false,
      error: { fields: { article: expect.any(String) } },
    });
    expect(await addInstruction({ ...input, date: "2022-03-01", article: null, credit: "auto" })).toMatchObject({
      ok: false,
      error: { fields: { date: expect.any(String) } },
    });

    expect(await deleteInstruction({ issueId: issue.id, instructionId: id })).toMatchObject({ ok: true });
    expect(d.select().from(instructions).where(eq(instructions.id, id)).get()).toBeUndefined();
    expect(events()).toHaveLength(0);
    expect(listAudit(d, { page: 1, action: "instruction.delete" }).rows[0]).toMatchObject({
      detail: expect.objectContaining({ instructionId: id }),
    });
  });
});
