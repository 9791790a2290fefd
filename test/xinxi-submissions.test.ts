// 信息报送, part B, through the real actions and the real session code (only next-auth's cookie
// reading is replaced): the status rules, a contributor's unit as the fence around everything it
// may see or change, the inbox's filters and search, a Word submission keeping its original and
// its pictures, and a resubmission keeping the first version.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createUser, findUserByEmail } from "@/db/queries/users";
import { listInbox } from "@/db/queries/xinxi/inbox";
import { getSubmission, submissionPictures, submissionVersionsOf } from "@/db/queries/xinxi/submissions";
import { createUnit, unitAndDescendants, updateUnit } from "@/db/queries/xinxi/units";
import { auditLog } from "@/db/schema";
import { db } from "@/lib/database";
import { readPicture } from "@/lib/pictures/bytes";
import { parseQuery } from "@/lib/search/text";
import { readInboxQuery } from "@/lib/xinxi/inbox-query";
import { DECISION_RULES, mayDecide, offeredDecisions, transition } from "@/lib/xinxi/submission-status";
import { docxOf } from "./lib/docx-fixtures";
import { pngOf } from "./lib/pictures";
import { studioSite } from "./lib/studio-site";

const session: { current: { uid: number; epoch: number } | null } = { current: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => session.current),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

type Actions = typeof import("@/app/(studio)/studio/submissions/actions");
let a: Actions;
let unitA: number;
let unitB: number;
let unitA1: number;

const as = (email: string) => {
  const u = findUserByEmail(db(), email)!;
  session.current = { uid: u.id, epoch: u.sessionEpoch };
};

function formOf(fields: Record<string, string>, files: Record<string, File[]> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ seriesId: "jtyx", contactName: "张联络", contactPhone: "0355-2021234", ...fields })) f.set(k, v);
  for (const [k, list] of Object.entries(files)) for (const file of list) f.append(k, file);
  return f;
}

async function submit(fields: Record<string, string>, files: Record<string, File[]> = {}): Promise<number> {
  const r = await a.submitNew(formOf(fields, files));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data.id;
}

beforeAll(async () => {
  await studioSite();
  const d = db();
  unitA = createUnit(d, { name: "共青团长治市委", shortName: "团长治市委", level: "city" }).id;
  unitA1 = createUnit(d, { name: "共青团潞州区委", parentId: unitA, level: "county" }).id;
  unitB = createUnit(d, { name: "共青团大同市委", level: "city" }).id;
  createUser(d, { email: "a@example.org", name: "甲", role: "contributor", passwordHash: "scrypt$x", unitId: unitA });
  createUser(d, { email: "a1@example.org", name: "甲一", role: "contributor", passwordHash: "scrypt$x", unitId: unitA1 });
  createUser(d, { email: "b@example.org", name: "乙", role: "contributor", passwordHash: "scrypt$x", unitId: unitB });
  a = await import("@/app/(studio)/studio/submissions/actions");
}, 60_000);

describe("what may follow what", () => {
  it("starts, rejects and returns only open submissions, and a returned one comes back only by resubmission", () => {
    expect(offeredDecisions("submitted")).toEqual(["start", "reject", "return"]);
    expect(offeredDecisions("processing")).toEqual(["reject", "return"]);
    for (const s of ["adopted", "published", "rejected", "returned"] as const) expect(offeredDecisions(s)).toEqual([]);
    expect(() => transition("adopted", "return")).toThrow(expect.objectContaining({ code: "xinxi:bad-transition" }));
    expect(() => transition("published", "reject")).toThrow(/已刊用/);
    expect(transition("returned", "resubmit").to).toBe("submitted");
    expect(mayDecide("returned", "start")).toBe(false);
    expect(transition("adopted", "publish")).toMatchObject({ to: "published", event: "published" });
    expect(DECISION_RULES.adopt.from).toEqual(["submitted", "processing"]);
  });
});

describe("submitting", () => {
  it("keeps a contributor to their own unit whatever the form says, with pictures judged by their bytes", async () => {
    as("a@example.org");
    const photo = pngOf(900, 500, [10, 120, 60]);
    const name = readPicture(photo, "x").name;
    const pic = await a.checkPicture(
      (() => {
        const f = new FormData();
        f.set("file", new File([new Uint8Array(photo)], "照片.png"));
        return f;
      })(),
    );
    expect(pic).toMatchObject({ ok: true, data: { name, src: `submission.media/${name}` } });
    const id = await submit(
      {
        unitId: String(unitB),
        title: "团长治市委开展青年志愿服务",
        body: `正文第一段。\n\n<Figure src="submission.media/${name}" />\n`,
        urgent: "on",
      },
      { pictures: [new File([new Uint8Array(photo)], "照片.png"), new File([new Uint8Array(pngOf(10, 10))], "unused.png")] },
    );
    const row = getSubmission(db(), id)!;
    expect(row).toMatchObject({ unitId: unitA, status: "submitted", urgent: true, contactPhone: "0355-2021234" });
    // Only the picture the text shows is kept.
    expect(submissionPictures(db(), id).map((p) => p.name)).toEqual([name]);
    expect(
      db()
        .select()
        .from(auditLog)
        .all()
        .some((r) => r.action === "submission.submit"),
    ).toBe(true);
  });

  it("names the field and the line of what is wrong", async () => {
    as("a@example.org");
    const r = await a.submitNew(formOf({ title: "", body: "第一行\n\n<Script>x</Script>\n", contactPhone: "abc" }));
    expect(r).toMatchObject({ ok: false, error: { code: "studio:invalid-input" } });
    if (r.ok) return;
    expect(r.error.fields?.contactPhone).toMatch(/联系电话/);
    const lint = await a.checkBody({ body: "第一行\n\n<Script>x</Script>\n", pictures: [] });
    expect(lint.ok && lint.data[0]).toMatchObject({ line: 3, field: "body" });
    const missing = await a.checkBody({ body: '<Figure src="submission.media/0123456789abcdef.png" />', pictures: [] });
    expect(missing.ok && missing.data[0]?.message).toMatch(/还没有上传/);
    const r2 = await a.submitNew(formOf({ title: "标题", body: "第一行\n\n<Script>x</Script>\n" }));
    expect(!r2.ok && r2.error.fields?.body).toMatch(/第 3 行/);
  });

  it("takes a Word file: its text becomes the body, its pictures the submission's, and the original bytes are kept", async () => {
    as("a@example.org");
    const photo = pngOf(1000, 600, [200, 60, 40]);
    const docx = await docxOf(["长治青年夜校开课", "第一段正文，说明情况。", { image: photo, alt: "夜校现场" }, "第二段正文。"]);
    const id = await submit({ title: "", body: "" }, { docx: [new File([new Uint8Array(docx)], "夜校.docx")] });
    const [v] = submissionVersionsOf(db(), id);
    const name = readPicture(photo, "x").name;
    expect(v).toMatchObject({ title: "长治青年夜校开课", originalName: "夜校.docx" });
    expect(Buffer.compare(v!.originalBytes!, docx)).toBe(0);
    expect(v!.body).toContain(`<Figure src="submission.media/${name}"`);
    expect(v!.body).toContain("第二段正文。");
    expect(new Uint8Array(submissionPictures(db(), id)[0]!.bytes)).toEqual(photo);
    // The original is the unit's and its editors' to download, byte for byte, and no one else's.
    const route = await import("@/app/(studio)/studio/submissions/[id]/original/[seq]/route");
    const get = () => route.GET(new Request("http://x"), { params: Promise.resolve({ id: String(id), seq: "1" }) });
    as("e@example.org");
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), docx)).toBe(0);
    as("b@example.org");
    expect((await get()).status).toBe(404);
  });

  it("refuses a file that is not Word by its bytes", async () => {
    as("a@example.org");
    const r = await a.submitNew(formOf({ title: "x" }, { docx: [new File(["not a zip"], "假的.docx")] }));
    expect(r).toMatchObject({ ok: false, error: { code: "xinxi:invalid-file", fields: { docx: expect.any(String) } } });
  });

  it("lets an editor register a submission for a unit, and requires the unit", async () => {
    as("e@example.org");
    expect(await a.submitNew(formOf({ title: "代报", body: "正文。" }))).toMatchObject({
      ok: false,
      error: { code: "xinxi:unknown-unit" },
    });
    const id = await submit({ title: "大同市委来稿（传真）", body: "正文。", unitId: String(unitB) });
    expect(getSubmission(db(), id)!.unitId).toBe(unitB);
  });
});

describe("a unit's fence", () => {
  it("keeps unit B's submission from unit A: not listed, not found, pictures not served, not resubmittable", async () => {
    as("b@example.org");
    const photo = pngOf(50, 50, [1, 2, 3]);
    const name = readPicture(photo, "x").name;
    const idB = await submit(
      { title: "大同市委的稿件", body: `乙的正文。\n\n<Figure src="submission.media/${name}" />` },
      { pictures: [new File([new Uint8Array(photo)], "p.png")] },
    );
    as("e@example.org");
    expect(await a.decide({ submissionId: idB, decision: "return", reason: "请补充数据" })).toMatchObject({ ok: true });

    as("a@example.org");
    const mine = listInbox(db(), { unitIds: [unitA], order: "newest", page: 1, pageSize: 50 });
    expect(mine.rows.some((r) => r.id === idB)).toBe(false);
    const { submissionFor } = await import("@/lib/xinxi/submit");
    const { currentUser } = await import("@/lib/auth/session");
    const userA = (await currentUser())!;
    expect(() => submissionFor(userA, idB)).toThrow(expect.objectContaining({ code: "studio:not-found" }));
    const route = await import("@/app/(studio)/studio/submissions/[id]/media/[file]/route");
    const res = await route.GET(new Request("http://x"), { params: Promise.resolve({ id: String(idB), file: name }) });
    expect(res.status).toBe(404);
    const resub = await a.resubmit(formOf({ submissionId: String(idB), title: "篡改", body: "甲改的" }));
    expect(resub).toMatchObject({ ok: false, error: { code: "studio:not-found" } });
    expect(await a.decide({ submissionId: idB, decision: "reject" })).toMatchObject({ ok: false, error: { code: "auth:forbidden" } });

    as("b@example.org");
    const ok = await route.GET(new Request("http://x"), { params: Promise.resolve({ id: String(idB), file: name }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Cache-Control")).toBe("private, no-cache");
    const bad = await route.GET(new Request("http://x"), { params: Promise.resolve({ id: String(idB), file: "..%2F..%2Fetc%2Fpasswd" }) });
    expect(bad.status).toBe(404);
  });

  it("keeps an editor to the series they work on", async () => {
    as("b@example.org");
    const id = await submit({ title: "给别的编辑", body: "正文。" });
    const other = createUser(db(), {
      email: "x@example.org",
      name: "外刊编辑",
      role: "editor",
      passwordHash: "scrypt$x",
      seriesIds: ["other"],
    });
    session.current = { uid: other.id, epoch: other.sessionEpoch };
    expect(await a.decide({ submissionId: id, decision: "start" })).toMatchObject({ ok: false, error: { code: "studio:not-found" } });
  });
});

describe("decisions and resubmission", () => {
  it("returns with a reason, resubmits as version 2 keeping version 1, and refuses moves the rules forbid", async () => {
    as("a@example.org");
    const id = await submit({ title: "第一稿标题", body: "第一稿正文。" });
    as("e@example.org");
    expect(getSubmission(db(), id)!.status).toBe("submitted");
    expect(await a.decide({ submissionId: id, decision: "return" })).toMatchObject({
      ok: false,
      error: { fields: { reason: expect.any(String) } },
    });
    expect(await a.decide({ submissionId: id, decision: "start" })).toMatchObject({ ok: true });
    expect(await a.decide({ submissionId: id, decision: "start" })).toMatchObject({ ok: false, error: { code: "xinxi:bad-transition" } });
    expect(await a.decide({ submissionId: id, decision: "return", reason: "请补充具体数字" })).toMatchObject({ ok: true });
    expect(getSubmission(db(), id)).toMatchObject({ status: "returned", decisionNote: "请补充具体数字" });
    expect(await a.decide({ submissionId: id, decision: "reject" })).toMatchObject({ ok: false, error: { code: "xinxi:bad-transition" } });

    as("a1@example.org");
    expect(await a.resubmit(formOf({ submissionId: String(id), title: "x", body: "y" }))).toMatchObject({
      ok: false,
      error: { code: "studio:not-found" },
    });
    as("a@example.org");
    const r = await a.resubmit(formOf({ submissionId: String(id), title: "第二稿标题", body: "第二稿正文，补充了 120 人。" }));
    expect(r).toMatchObject({ ok: true });
    const versions = submissionVersionsOf(db(), id);
    expect(versions.map((v) => [v.seq, v.title])).toEqual([
      [2, "第二稿标题"],
      [1, "第一稿标题"],
    ]);
    expect(getSubmission(db(), id)).toMatchObject({ status: "submitted", decisionNote: null, title: "第二稿标题" });
    expect(await a.resubmit(formOf({ submissionId: String(id), title: "再来", body: "z" }))).toMatchObject({
      ok: false,
      error: { code: "xinxi:bad-transition" },
    });
    expect(
      db()
        .select()
        .from(auditLog)
        .all()
        .filter((r) => r.action === "submission.decide").length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe("the inbox", () => {
  it("filters by unit with its children, status, urgency, period and series, finds by text, and pins urgent 已报送 first", async () => {
    as("a1@example.org");
    const child = await submit({ title: "潞州区委：乡村振兴青年行动", body: "潞州区组织青年突击队。" });
    as("a@example.org");
    const urgent = await submit({ title: "紧急：防汛青年突击队出动", body: "连夜转移群众。", urgent: "on" });
    const plain = await submit({ title: "普通来稿", body: "一般情况。" });
    const d = db();
    const base = { page: 1, pageSize: 100 };
    const ids = (f: Parameters<typeof listInbox>[1]) => listInbox(d, f).rows.map((r) => r.id);
    const family = ids({ ...base, unitIds: unitAndDescendants(d, unitA) });
    expect(family).toContain(child);
    expect(ids({ ...base, unitIds: [unitA] })).not.toContain(child);
    expect(ids({ ...base, terms: parseQuery("突击队").terms })).toEqual(expect.arrayContaining([child, urgent]));
    expect(ids({ ...base, terms: parseQuery("防汛 突击").terms })).toEqual([urgent]);
    expect(ids({ ...base, terms: parseQuery("不存在的词").terms })).toEqual([]);
    expect(ids({ ...base, urgent: true, statuses: ["submitted"] })).toContain(urgent);
    expect(ids({ ...base, statuses: ["returned"] })).not.toContain(plain);
    expect(ids({ ...base, seriesIds: ["other"] })).toEqual([]);
    expect(ids({ ...base, from: new Date(Date.now() + 86_400_000) })).toEqual([]);
    const inbox = ids({ ...base, order: "inbox" });
    expect(inbox.indexOf(urgent)).toBeLessThan(inbox.indexOf(plain));
    const newest = ids({ ...base, order: "newest" });
    expect(newest.indexOf(plain)).toBeLessThan(newest.indexOf(urgent));
    // A search lists what it found newest first, the urgent one not pinned above a newer find.
    const later = await submit({ title: "突击队工作小结", body: "防汛结束后的总结。" });
    const found = ids({ ...base, order: "inbox", terms: parseQuery("突击队").terms });
    expect(found.slice(0, 2)).toEqual([later, urgent]);
    // Pages of the inbox order add up to the whole, with nothing twice.
    const all = listInbox(d, { ...base, order: "inbox" });
    const paged = [1, 2, 3, 4, 5].flatMap((page) => listInbox(d, { order: "inbox", page, pageSize: 3 }).rows.map((r) => r.id));
    expect(paged).toEqual(all.rows.map((r) => r.id));
    expect(all.total).toBe(all.rows.length);
  });

  it("shows a 已刊用 submission's issue and an adopted one's kind", async () => {
    const { setSubmissionStatus } = await import("@/db/queries/xinxi/submissions");
    const { submissionStatusText } = await import("@/lib/vocabulary");
    as("a@example.org");
    const id = await submit({ title: "刊用的稿件", body: "正文。" });
    const at = new Date();
    setSubmissionStatus(db(), {
      submissionId: id,
      status: "adopted",
      event: "adopted",
      actorId: null,
      at,
      adoptionKind: "full",
      decided: true,
    });
    const adopted = listInbox(db(), { unitIds: [unitA], page: 1, pageSize: 1 }).rows[0]!;
    expect(submissionStatusText(adopted.status, adopted.adoptionKind)).toBe("已采用（全文）");
    setSubmissionStatus(db(), {
      submissionId: id,
      status: "published",
      event: "published",
      actorId: null,
      at,
      published: { path: "jtyx/2026/005.mdx", label: "晋团要讯〔2026〕第5期" },
    });
    expect(listInbox(db(), { unitIds: [unitA], page: 1, pageSize: 1 }).rows[0]).toMatchObject({
      id,
      publishedPath: "jtyx/2026/005.mdx",
      publishedLabel: "晋团要讯〔2026〕第5期",
    });
  });

  it("ignores query strings that make no sense", () => {
    expect(
      readInboxQuery({
        unit: "abc",
        status: "nope",
        from: "2026-13-45",
        to: "2026-11-30",
        page: "-1",
        urgent: "yes",
        series: "../x",
        q: "  团  ",
      }),
    ).toEqual({
      unit: undefined,
      status: undefined,
      from: undefined,
      to: "2026-11-30",
      call: undefined,
      series: undefined,
      urgent: undefined,
      q: "团",
      page: 1,
    });
    expect(readInboxQuery({ unit: ["3", "4"], status: "returned", urgent: "1" })).toMatchObject({
      unit: 3,
      status: "returned",
      urgent: true,
    });
  });
});

describe("a submission is one article of a draft, and no more", () => {
  it("refuses a body that would start another article or swallow what follows it, and keeps a title on one line", async () => {
    as("a@example.org");
    const refused = async (body: string) => {
      const r = await a.submitNew(formOf({ title: "某县青年志愿服务", body }));
      expect(r.ok, body).toBe(false);
      return r.ok ? "" : (r.error.fields?.body ?? "");
    };
    // An unclosed code block would turn the byline and every later unit's article into code.
    expect(await refused("正文第一段。\n\n```\n没有结束的代码块")).toMatch(/正文第 4 行：正文结尾有没有结束的代码块或元素/);
    // A level-one heading is what separates the articles of a draft.
    expect(await refused("正文第一段。\n\n# 另一篇文章\n\n另一篇的正文。")).toMatch(/正文第 3 行：正文中不能用一级标题/);
    // A title sent with line breaks (no form allows it; a hand-made request does) is kept on one line.
    const id = await submit({ title: "动态\n\nexport const a = 1", body: "正文。" });
    expect(getSubmission(db(), id)?.title).toBe("动态 export const a = 1");
    expect(submissionVersionsOf(db(), id)[0]?.title).toBe("动态 export const a = 1");
  });

  it("takes nothing more from a disabled unit, from its contributor or registered by an editor", async () => {
    const d = db();
    const retired = createUnit(d, { name: "共青团某撤并县委", level: "county" });
    createUser(d, { email: "retired@example.org", name: "丙", role: "contributor", passwordHash: "scrypt$x", unitId: retired.id });
    updateUnit(d, retired.id, { disabled: true });
    as("retired@example.org");
    const r = await a.submitNew(formOf({ title: "撤并后的来稿", body: "正文。" }));
    expect(r).toMatchObject({ ok: false, error: { code: "auth:forbidden" } });
    as("e@example.org");
    const e = await a.submitNew(formOf({ title: "代登记", body: "正文。", unitId: String(retired.id) }));
    expect(e).toMatchObject({ ok: false, error: { code: "xinxi:unknown-unit" } });
  });
});
