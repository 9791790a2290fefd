// 采用 and its link: a 信息稿件 put into a draft (its text, byline from the unit's 简称, pictures
// copied), kept while its heading or byline stays, withdrawn when taken out or when the draft is
// abandoned, 已刊用 in the same transaction as the publication record; 综合 of several; and who may.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "@/db/queries/users";
import * as adoptionQueries from "@/db/queries/xinxi/adoptions";
import { withdrawDraftAdoptions } from "@/db/queries/xinxi/adoptions";
import { getSubmission, insertSubmission } from "@/db/queries/xinxi/submissions";
import { createUnit } from "@/db/queries/xinxi/units";
import type { AdoptionKind } from "@/db/schema";
import { indexTexts } from "@/lib/search/text";
import { adoptSubmissions, articleOf, COMBINABLE, relinkPictures } from "@/lib/xinxi/adopt";
import { pngOf } from "./lib/pictures";
import { recordPublished } from "./lib/record-publication";
import { approve, editorUser, studio as m, newDraft, studioSite } from "./lib/studio-site";

vi.mock("next/link", () => ({ default: () => null }));

let unitId: number;
let otherUnitId: number;
let contributor: number;
let reviewer: number;

beforeAll(async () => {
  ({ reviewer } = await studioSite());
  unitId = createUnit(m.d(), { name: "共青团长治市委", shortName: "团长治市委", level: "city" }).id;
  otherUnitId = createUnit(m.d(), { name: "共青团运城市委", shortName: null, level: "city" }).id;
  contributor = createUser(m.d(), { email: "c@example.org", name: "报送员", role: "contributor", passwordHash: "scrypt$x", unitId }).id;
}, 60_000);

/** A submission of jtyx by the unit; `picture` adds one PNG the body shows as `media/<name>`. */
function submit(title: string, body: string, { unit = unitId, picture = false } = {}) {
  const pictures = picture ? [pictureRow(640, 480)] : [];
  const text = pictures.length ? `${body}\n\n<Figure src="media/${pictures[0]!.name}" caption="现场" />` : body;
  return m.d().transaction((tx) =>
    insertSubmission(tx, {
      unitId: unit,
      seriesId: "jtyx",
      callId: null,
      urgent: false,
      contactName: "张三",
      contactPhone: "13800000000",
      version: { title, body: text },
      pictures,
      search: { titlePairs: indexTexts(title).pairs, bodyPairs: indexTexts(body).pairs },
      actorId: contributor,
      at: new Date(),
    }),
  );
}

let seed = 0;
function pictureRow(w: number, h: number) {
  const bytes = Buffer.from(pngOf(w, h + seed++));
  const p = m.picture.readPicture(bytes, "照片.png");
  return { ...p, originalName: "照片.png", bytes };
}

const editor = () => editorUser();
const adopt = (submissionId: number, target: { draftId: number } | { newIssue: true }, kind: AdoptionKind = "full") =>
  adoptSubmissions(editor(), { items: [{ submissionId, kind }], target });
const draftOf = (id: number) => m.drafts.getDraft(m.d(), id)!;
const adoptionsOf = (draftId: number) => adoptionQueries.adoptionsOfDraft(m.d(), draftId);

/** Saves the draft's body as `edit` makes it, as the editor's save would. */
function editBody(draftId: number, edit: (body: string) => string) {
  const draft = draftOf(draftId);
  const split = m.source.splitSource(draft.source);
  const key = { series: draft.seriesId, year: draft.year, number: draft.number, supplement: draft.supplement };
  const saved = m.revisions.saveRevision(m.d(), {
    draftId,
    baseRevisionId: draft.headRevisionId!,
    source: m.source.composeSource(key, split.fields, edit(split.body), { extra: split.extra }),
    title: draft.title,
    authorId: editor().id,
    kind: "save",
  });
  if (!saved.ok) throw new Error("stale");
}

describe("the article as the draft gets it", () => {
  it("is # heading, the body with pictures relinked, the unit's byline from its 简称", () => {
    const a = articleOf({
      title: "团长治市委开展<青年>活动",
      body: '第一段。\n\n<Figure src="whatever/abc.png" />\n\n![图](x/def.png)',
      unit: { name: "共青团长治市委", shortName: "团长治市委" },
      pictures: ["abc.png", "def.png", "ghi.png"],
      srcOf: (n) => `005.media/${n}`,
    });
    expect(a.heading).toBe("团长治市委开展\\<青年\\>活动");
    expect(a.byline).toBe("（团长治市委供稿）");
    expect(a.text).toBe(
      [
        "# 团长治市委开展\\<青年\\>活动",
        "第一段。",
        '<Figure src="005.media/abc.png" />',
        "![图](005.media/def.png)",
        '<Figure src="005.media/ghi.png" />',
        "<Byline>（团长治市委供稿）</Byline>",
      ].join("\n\n"),
    );
    expect(
      articleOf({ title: "t", body: "b", unit: { name: "共青团运城市委", shortName: null }, pictures: [], srcOf: String }).byline,
    ).toBe("（共青团运城市委供稿）");
  });

  it("leaves references to other pictures alone", () => {
    expect(relinkPictures('<Figure src="https://example.org/a.png" />', ["b.png"], (n) => n).body).toBe(
      '<Figure src="https://example.org/a.png" />',
    );
  });
});

describe("adopting one submission", () => {
  it("into 新建一期: a new draft holding the article after its first revision, the picture copied, 已采用", async () => {
    const s = submit("团长治市委开展青年志愿服务", "三月以来，团长治市委组织青年志愿者开展服务。", { picture: true });
    const { draftId, adoptionIds } = await adopt(s.id, { newIssue: true }, "excerpt");
    const draft = draftOf(draftId);
    const folder = m.source.splitSource(draft.source);
    expect(draft.kind).toBe("new");
    expect(draft.headSeq).toBe(2);
    expect(draft.title).toBe("团长治市委开展青年志愿服务");
    const name = m
      .d()
      .select()
      .from(m.schema.submissionMedia)
      .all()
      .find((p) => p.submissionId === s.id)!.name;
    const media = `${String(draft.number).padStart(3, "0")}.media/${name}`;
    expect(folder.body).toBe(
      `# 团长治市委开展青年志愿服务\n\n三月以来，团长治市委组织青年志愿者开展服务。\n\n<Figure src="${media}" caption="现场" />\n\n<Byline>（团长治市委供稿）</Byline>`,
    );
    expect(m.media.draftMediaNames(m.d(), draftId)).toEqual(new Set([name]));
    const revs = m.revisions.listRevisions(m.d(), draftId);
    expect(revs[0]!.note).toBe("采用信息稿件《团长治市委开展青年志愿服务》");
    const sub = getSubmission(m.d(), s.id)!;
    expect(sub).toMatchObject({ status: "adopted", adoptionKind: "excerpt", decidedBy: editor().id });
    expect(sub.decidedAt).toBeInstanceOf(Date);
    expect(adoptionsOf(draftId)).toMatchObject([{ id: adoptionIds[0], kind: "excerpt", state: "pending", unitName: "共青团长治市委" }]);
    const audit = m.audit.listAudit(m.d(), { page: 1, pageSize: 50, action: "submission.adopt" }).rows;
    expect(audit.some((r) => r.target === `submission:${s.id}`)).toBe(true);
    // Adopted once is enough: a second 采用 of the same submission is refused.
    await expect(adopt(s.id, { newIssue: true })).rejects.toMatchObject({ code: "xinxi:bad-transition" });
  });

  it("into an open draft: appended after what it holds, the draft's title kept", async () => {
    const d = newDraft("本期已有标题", "原有的正文。");
    const s = submit("团长治市委推进基层组织建设", "正文一段。");
    await adopt(s.id, { draftId: d.draftId });
    const body = m.source.splitSource(draftOf(d.draftId).source).body;
    expect(body).toBe("原有的正文。\n\n# 团长治市委推进基层组织建设\n\n正文一段。\n\n<Byline>（团长治市委供稿）</Byline>");
    expect(draftOf(d.draftId).title).toBe("本期已有标题");
  });
});

describe("the link, kept and settled", () => {
  it("removing the article withdraws it; the submission is 处理中 again", async () => {
    const s = submit("要删掉的信息", "这一篇会被删掉。");
    const { draftId } = await adopt(s.id, { newIssue: true });
    editBody(draftId, () => "别的内容。");
    expect(adoptionsOf(draftId)).toMatchObject([{ state: "withdrawn" }]);
    const sub = getSubmission(m.d(), s.id)!;
    expect(sub).toMatchObject({ status: "processing", adoptionKind: null });
    const events = m.d().select().from(m.schema.submissionEvents).where(eq(m.schema.submissionEvents.submissionId, s.id)).all();
    expect(events.map((e) => e.kind)).toEqual(["submitted", "adopted", "unadopted"]);
    // Taken back, it may be adopted again.
    await adopt(s.id, { draftId });
    expect(getSubmission(m.d(), s.id)!.status).toBe("adopted");
  });

  it("a renamed heading with the byline kept keeps it; bylines are counted per article", async () => {
    const a = submit("第一篇原标题", "第一篇正文。");
    const b = submit("第二篇原标题", "第二篇正文。");
    const { draftId } = await adoptSubmissions(editor(), {
      items: [
        { submissionId: a.id, kind: "full" },
        { submissionId: b.id, kind: "full" },
      ],
      target: { newIssue: true },
      allowed: COMBINABLE,
    });
    editBody(draftId, (body) => body.replace("# 第一篇原标题", "# 第一篇改过的标题"));
    expect(adoptionsOf(draftId).map((x) => x.state)).toEqual(["pending", "pending"]);
    // Both bylines read （团长治市委供稿）: with the second heading and one byline gone, one article is missing.
    editBody(draftId, (body) => body.replace("# 第二篇原标题\n\n第二篇正文。\n\n<Byline>（团长治市委供稿）</Byline>", ""));
    expect(adoptionsOf(draftId).map((x) => x.state)).toEqual(["pending", "withdrawn"]);
    expect(getSubmission(m.d(), a.id)!.status).toBe("adopted");
    expect(getSubmission(m.d(), b.id)!.status).toBe("processing");
  });

  it("abandoning the draft withdraws its adoptions", async () => {
    const s = submit("放弃的稿件里的信息", "正文。");
    const { draftId } = await adopt(s.id, { newIssue: true });
    m.numbering.abandonDraft(m.d(), { draftId, actorId: editor().id });
    expect(adoptionsOf(draftId)).toMatchObject([{ state: "withdrawn" }]);
    expect(getSubmission(m.d(), s.id)!.status).toBe("processing");
    withdrawDraftAdoptions(m.d(), { draftId, actorId: editor().id, at: new Date() });
    expect(getSubmission(m.d(), s.id)!.status).toBe("processing");
  });

  it("publishing marks 已刊用 with the printed label, in the transaction that records the publication", async () => {
    const s = submit("刊用的信息", "正文。");
    const { draftId } = await adopt(s.id, { newIssue: true });
    const draft = draftOf(draftId);
    m.review.submitDraft(m.d(), { draftId, revisionId: draft.headRevisionId!, actorId: editor().id });
    m.review.approveDraft(m.d(), { draftId, revisionId: draft.headRevisionId!, actorId: reviewer });
    // A draft under a publication claim takes no adoption.
    const other = submit("晚到的信息", "正文。");
    const owner = "test:claim";
    const { claimPublication, releaseClaim } = await import("@/db/queries/studio/publish-claims");
    claimPublication(
      m.d(),
      {
        draftId,
        path: draft.path,
        owner,
        revisionId: draft.headRevisionId!,
        actorId: editor().id,
        actorEmail: "e@example.org",
        newHash: "x",
        oldHash: null,
        oldBytes: null,
        pictures: [],
      },
      new Date(),
    );
    await expect(adopt(other.id, { draftId })).rejects.toMatchObject({ code: "studio:publishing" });
    expect(getSubmission(m.d(), other.id)!.status).toBe("submitted");
    releaseClaim(m.d(), draftId, owner);

    recordPublished(m.d(), { draftId, actorId: editor().id });
    const sub = getSubmission(m.d(), s.id)!;
    expect(draftOf(draftId).status).toBe("published");
    expect(sub).toMatchObject({
      status: "published",
      publishedPath: draft.path,
      publishedLabel: `晋团要讯〔${draft.year}〕第${draft.number}期`,
    });
    expect(adoptionsOf(draftId)).toMatchObject([{ state: "published", submissionStatus: "published" }]);
  });

  it("a publication that fails to record leaves the adoption pending with the draft unpublished", async () => {
    const s = submit("回滚的信息", "正文。");
    const { draftId } = await adopt(s.id, { newIssue: true });
    const draft = draftOf(draftId);
    m.review.submitDraft(m.d(), { draftId, revisionId: draft.headRevisionId!, actorId: editor().id });
    m.review.approveDraft(m.d(), { draftId, revisionId: draft.headRevisionId!, actorId: reviewer });
    const { claimPublication, finishPublication } = await import("@/db/queries/studio/publish-claims");
    const owner = "test:fail";
    claimPublication(
      m.d(),
      {
        draftId,
        path: draft.path,
        owner,
        revisionId: draft.headRevisionId!,
        actorId: null,
        actorEmail: "定时发布",
        newHash: "x",
        oldHash: null,
        oldBytes: null,
        pictures: [],
      },
      new Date(),
    );
    // An audit entry the log refuses (a detail that is not JSON) fails the transaction after the adoptions were written.
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() =>
      finishPublication(m.d(), {
        draftId,
        owner,
        actorId: null,
        at: new Date(),
        pictures: [],
        label: "晋团要讯〔2026〕第99期",
        audit: { actorId: null, actorEmail: null, action: "issue.publish", target: draft.path, detail: circular },
      }),
    ).toThrow();
    expect(draftOf(draftId).status).toBe("approved");
    expect(adoptionsOf(draftId)).toMatchObject([{ state: "pending" }]);
    expect(getSubmission(m.d(), s.id)!.status).toBe("adopted");
  });

  it("a correction of a published issue can adopt too", async () => {
    const s = submit("补进更正稿的信息", "正文。");
    const d = newDraft("将被更正的一期");
    approve(d.draftId, d.revisionId);
    recordPublished(m.d(), { draftId: d.draftId, actorId: editor().id });
    const correction = m.numbering.createCorrection(m.d(), {
      seriesId: "jtyx",
      year: 2026,
      number: d.number,
      supplement: false,
      path: d.rel,
      baseHash: "x",
      source: draftOf(d.draftId).source,
      title: "将被更正的一期",
      authorId: editor().id,
    });
    await adopt(s.id, { draftId: correction.draftId });
    expect(adoptionsOf(correction.draftId)).toMatchObject([{ state: "pending" }]);
    approve(correction.draftId, draftOf(correction.draftId).headRevisionId!);
    recordPublished(m.d(), { draftId: correction.draftId, actorId: editor().id });
    expect(getSubmission(m.d(), s.id)).toMatchObject({ status: "published", publishedPath: d.rel });
  });
});

describe("综合", () => {
  it("makes one issue of several in the order given, each with its own byline; one already 已采用 keeps its first decision", async () => {
    const first = submit("综合第一篇", "第一篇正文。");
    const second = submit("综合第二篇", "第二篇正文。", { unit: otherUnitId });
    const used = submit("已采用过的一篇", "已采用的正文。");
    await adopt(used.id, { newIssue: true }, "excerpt");
    const decided = getSubmission(m.d(), used.id)!;
    const { draftId } = await adoptSubmissions(editor(), {
      items: [
        { submissionId: second.id, kind: "full" },
        { submissionId: first.id, kind: "combined" },
        { submissionId: used.id, kind: "combined" },
      ],
      target: { newIssue: true },
      allowed: COMBINABLE,
    });
    const body = m.source.splitSource(draftOf(draftId).source).body;
    expect(body.split("\n").filter((l) => l.startsWith("# ") || l.startsWith("<Byline>"))).toEqual([
      "# 综合第二篇",
      "<Byline>（共青团运城市委供稿）</Byline>",
      "# 综合第一篇",
      "<Byline>（团长治市委供稿）</Byline>",
      "# 已采用过的一篇",
      "<Byline>（团长治市委供稿）</Byline>",
    ]);
    expect(draftOf(draftId).title).toBe("综合第二篇");
    expect(adoptionsOf(draftId).map((a) => [a.submissionId, a.kind])).toEqual([
      [second.id, "full"],
      [first.id, "combined"],
      [used.id, "combined"],
    ]);
    expect(getSubmission(m.d(), first.id)).toMatchObject({ status: "adopted", adoptionKind: "combined" });
    expect(getSubmission(m.d(), used.id)).toMatchObject({ status: "adopted", adoptionKind: "excerpt", decidedAt: decided.decidedAt });
    // Of one series only; each at most once.
    const other = submit("另一刊物的稿件", "正文。");
    m.d().update(m.schema.submissions).set({ seriesId: "qnxx" }).where(eq(m.schema.submissions.id, other.id)).run();
    await expect(
      adoptSubmissions(editor(), {
        items: [
          { submissionId: first.id, kind: "full" },
          { submissionId: other.id, kind: "full" },
        ],
        target: { newIssue: true },
        allowed: COMBINABLE,
      }),
    ).rejects.toMatchObject({ code: "studio:invalid-input" });
    await expect(
      adoptSubmissions(editor(), {
        items: [
          { submissionId: first.id, kind: "full" },
          { submissionId: first.id, kind: "full" },
        ],
        target: { newIssue: true },
        allowed: COMBINABLE,
      }),
    ).rejects.toMatchObject({ code: "studio:invalid-input" });
  });
});

describe("who may adopt", () => {
  it("refuses an editor who does not work on the series, and a contributor", async () => {
    const s = submit("别人的刊物", "正文。", { unit: otherUnitId });
    await expect(
      adoptSubmissions({ ...editor(), seriesIds: ["qnxx"] }, { items: [{ submissionId: s.id, kind: "full" }], target: { newIssue: true } }),
    ).rejects.toMatchObject({
      code: "auth:forbidden",
    });
    await expect(
      adoptSubmissions(
        { id: contributor, email: "c@example.org", name: "报送员", role: "contributor", seriesIds: null, unitId },
        { items: [{ submissionId: s.id, kind: "full" }], target: { newIssue: true } },
      ),
    ).rejects.toMatchObject({ code: "auth:forbidden" });
    expect(getSubmission(m.d(), s.id)!.status).toBe("submitted");
  });

  it("refuses a draft of another series and a closed draft", async () => {
    const s = submit("错投的信息", "正文。");
    const d = newDraft("已放弃的一期");
    m.numbering.abandonDraft(m.d(), { draftId: d.draftId, actorId: editor().id });
    await expect(adopt(s.id, { draftId: d.draftId })).rejects.toMatchObject({ code: "studio:bad-transition" });
    expect(getSubmission(m.d(), s.id)!.status).toBe("submitted");
  });
});
