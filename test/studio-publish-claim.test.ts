// Publishing as one claimed operation, and the file it writes as the reviewer signed it: an
// internal issue stays internal whatever its 编者按 holds, a draft over the loader's size limit
// is refused before anything is written, two publications of one draft at once publish it once
// (its picture survives), and a save landing during publication is held off instead of leaving
// a public file with no record.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { StudioUser } from "@/lib/auth/session";
import { pngOf } from "./lib/pictures";
import { draftFields, studioSite } from "./lib/studio-site";
import type { TempSite } from "./lib/temp-site";

let actor: StudioUser | null = null;
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({ unstable_rethrow: () => undefined, redirect: () => {}, forbidden: () => {}, notFound: () => {} }));
vi.mock("next/link", () => ({ default: () => null }));
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    mayWorkOn: () => true,
    requireUser: async () => {
      if (!actor) throw new AppError("auth:unauthenticated", "请先登录");
      return actor;
    },
    requireSeries: () => undefined,
  };
});

let site: TempSite;
let editor: number;
let reviewer: number;
type M = {
  d: () => import("@/db/index").Db;
  schema: typeof import("@/db/schema");
  numbering: typeof import("@/db/queries/studio/numbering");
  revisions: typeof import("@/db/queries/studio/revisions");
  review: typeof import("@/db/queries/studio/review");
  drafts: typeof import("@/db/queries/studio/drafts");
  media: typeof import("@/db/queries/studio/media");
  audit: typeof import("@/db/queries/studio/audit");
  archive: typeof import("@/db/queries/archive");
  picture: typeof import("@/lib/content/picture");
  publish: typeof import("@/lib/studio/publish");
  source: typeof import("@/lib/studio/source");
  actions: typeof import("@/app/(studio)/studio/drafts/actions");
};
let m: M;

beforeAll(async () => {
  ({ site, editor, reviewer } = await studioSite());
  const dbm = await import("@/lib/database");
  m = {
    d: dbm.db,
    schema: await import("@/db/schema"),
    numbering: await import("@/db/queries/studio/numbering"),
    revisions: await import("@/db/queries/studio/revisions"),
    review: await import("@/db/queries/studio/review"),
    drafts: await import("@/db/queries/studio/drafts"),
    media: await import("@/db/queries/studio/media"),
    audit: await import("@/db/queries/studio/audit"),
    archive: await import("@/db/queries/archive"),
    picture: await import("@/lib/content/picture"),
    publish: await import("@/lib/studio/publish"),
    source: await import("@/lib/studio/source"),
    actions: await import("@/app/(studio)/studio/drafts/actions"),
  };
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  (await import("@/lib/database")).closeDb();
  await site.cleanup();
});

const key = (number: number) => ({ series: "jtyx", year: 2026, number, supplement: false });
const relOf = (number: number) => `jtyx/2026/${String(number).padStart(3, "0")}.mdx`;
const abs = (rel: string) => path.join(site.contentDir, rel);
const editorUser = (): StudioUser => ({ id: editor, email: "e@example.org", name: "王编辑", role: "editor", seriesIds: null });
const reviewerUser = () => ({ id: reviewer, email: "r@example.org" });
const publishAudits = (rel: string) =>
  m.audit.listAudit(m.d(), { page: 1, pageSize: 200, action: "issue.publish" }).rows.filter((r) => r.target === rel);
const claims = () => m.d().select().from(m.schema.publishClaims).all();

function newDraft(title: string) {
  const created = m.numbering.createDraft(m.d(), {
    seriesId: "jtyx",
    year: 2026,
    supplement: false,
    authorId: editor,
    compose: (n) => ({ source: m.source.composeSource(key(n), draftFields(title), `${title}的正文。`), title }),
    path: (n) => relOf(n),
  });
  return { ...created, rel: relOf(created.number) };
}

function approve(draftId: number, revisionId: number) {
  m.review.submitDraft(m.d(), { draftId, revisionId, actorId: editor });
  m.review.approveDraft(m.d(), { draftId, revisionId, actorId: reviewer });
}

/** Saves through the studio's own action, as the editor's form does. */
async function saveThroughForm(
  draftId: number,
  fields: import("@/lib/studio/draft-fields").DraftFields,
  body: string,
  kind: "save" | "autosave" = "save",
) {
  actor = editorUser();
  const draft = m.drafts.getDraft(m.d(), draftId)!;
  return m.actions.saveDraft({ draftId, baseRevisionId: draft.headRevisionId!, fields, body, kind });
}

describe("an internal issue whose 编者按 holds a --- line", () => {
  it("stays internal after save, reload and publication", async () => {
    const { draftId, number, rel } = newDraft("内部通报");
    const fields = {
      ...draftFields("内部通报"),
      preface: "第一段按语。\n---\n第二段按语。",
      marking: "内部资料",
      editor: "赵坚",
      copies: "30",
      visibility: "internal" as const,
    };
    const saved = await saveThroughForm(draftId, fields, "内部的正文。");
    expect(saved).toMatchObject({ ok: true, data: { saved: true } });
    // Reload: the form shows what was saved, every field after the 编者按 included.
    const reloaded = m.source.splitSource(m.drafts.getDraft(m.d(), draftId)!.source);
    expect(reloaded.fields).toMatchObject({
      preface: "第一段按语。\n---\n第二段按语。",
      marking: "内部资料",
      editor: "赵坚",
      copies: "30",
      visibility: "internal",
    });
    expect(reloaded.body).toBe("内部的正文。");
    const draft = m.drafts.getDraft(m.d(), draftId)!;
    approve(draftId, draft.headRevisionId!);
    await m.publish.publishDraft(draftId, reviewerUser());
    const file = await fs.readFile(abs(rel), "utf8");
    expect(file).toMatch(/^visibility: internal$/m);
    expect(m.source.splitSource(file).body).toBe("内部的正文。");
    // Indexed as internal: not on the public archive.
    expect(await m.archive.getPublicIssue(m.d(), key(number))).toBeUndefined();
    const row = m
      .d()
      .select()
      .from(m.schema.issues)
      .all()
      .find((i) => i.path === rel);
    expect(row?.visibility).toBe("internal");
  });
});

describe("the loader's limits, before anything is written", () => {
  const huge = "很长的正文。".repeat(40_000); // 720 KB in UTF-8, under 512 K characters

  it("refuses to save a draft whose file would be over 512 KB, naming 正文, and saves nothing", async () => {
    const { draftId, revisionId } = newDraft("超长的一期");
    const result = await saveThroughForm(draftId, draftFields("超长的一期"), huge);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "studio:too-large", fields: { body: expect.stringContaining("超过一期简报的上限 512 KB") } },
    });
    expect(m.drafts.getDraft(m.d(), draftId)?.headRevisionId).toBe(revisionId);
    expect(m.revisions.listRevisions(m.d(), draftId)).toHaveLength(1);
  });

  it("refuses to publish an over-limit draft (saved before the limit existed) before writing its file or pictures", async () => {
    const { draftId, revisionId, number, rel } = newDraft("旧的超长稿");
    const bytes = pngOf(8, 8, [200, 10, 10]);
    const picture = m.picture.readPicture(bytes, "a.png");
    m.media.addDraftPicture(m.d(), { draftId, picture, originalName: "a.png", bytes, actorId: editor });
    const body = `<Figure src="${String(number).padStart(3, "0")}.media/${picture.name}" />\n\n${huge}`;
    const saved = m.revisions.saveRevision(m.d(), {
      draftId,
      baseRevisionId: revisionId,
      source: m.source.composeSource(key(number), draftFields("旧的超长稿"), body),
      title: "旧的超长稿",
      authorId: editor,
      kind: "save",
    });
    if (!saved.ok) throw new Error("save refused");
    approve(draftId, saved.revision.id);
    await expect(m.publish.publishDraft(draftId, reviewerUser())).rejects.toMatchObject({ code: "studio:too-large" });
    await expect(fs.stat(abs(rel))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(fs.stat(abs(rel.replace(/\.mdx$/, ".media")))).rejects.toMatchObject({ code: "ENOENT" });
    expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("approved");
    expect(claims()).toEqual([]);
  });
});

describe("one publication at a time", () => {
  it("publishes a draft once when two publications start together, and its picture survives", async () => {
    const { draftId, revisionId, number, rel } = newDraft("双击发布");
    const bytes = pngOf(16, 16, [10, 200, 10]);
    const picture = m.picture.readPicture(bytes, "p.png");
    m.media.addDraftPicture(m.d(), { draftId, picture, originalName: "p.png", bytes, actorId: editor });
    const body = `正文。\n\n<Figure src="${String(number).padStart(3, "0")}.media/${picture.name}" />`;
    const saved = m.revisions.saveRevision(m.d(), {
      draftId,
      baseRevisionId: revisionId,
      source: m.source.composeSource(key(number), draftFields("双击发布"), body),
      title: "双击发布",
      authorId: editor,
      kind: "save",
    });
    if (!saved.ok) throw new Error("save refused");
    approve(draftId, saved.revision.id);

    const results = await Promise.allSettled([
      m.publish.publishDraft(draftId, reviewerUser()),
      m.publish.publishDraft(draftId, reviewerUser()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toMatchObject({
      code: expect.stringMatching(/^studio:(publishing|bad-transition)$/),
    });
    expect(await fs.readFile(abs(path.join(rel.replace(/\.mdx$/, ".media"), picture.name)))).toEqual(Buffer.from(bytes));
    expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("published");
    expect(publishAudits(rel)).toHaveLength(1);
    expect(claims()).toEqual([]);
  });

  it("holds off an autosave that lands during publication: the issue is published and recorded", async () => {
    const { draftId, revisionId, rel } = newDraft("发布中自动保存");
    approve(draftId, revisionId);
    const fsp = (await import("node:fs/promises")).default;
    const link = fsp.link.bind(fsp);
    let autosave: unknown;
    // The moment the new file is linked into place, the editor's open tab autosaves.
    vi.spyOn(fsp, "link").mockImplementation(async (from, to) => {
      if (String(to).endsWith(rel))
        autosave = await saveThroughForm(draftId, draftFields("发布中自动保存（改）"), "改过的正文。", "autosave");
      return link(from, to);
    });
    await m.publish.publishDraft(draftId, reviewerUser());
    expect(autosave).toMatchObject({ ok: false, error: { code: "studio:publishing", message: expect.stringContaining("正在发布") } });
    expect(await fs.readFile(abs(rel), "utf8")).toMatch(/^title: 发布中自动保存$/m);
    expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("published");
    expect(publishAudits(rel)).toHaveLength(1);
    expect(claims()).toEqual([]);
  });
});

describe("a publication that fails part-way", () => {
  afterEach(() => {
    delete process.env.JIANBAO_FAULT_AT;
  });

  for (const step of ["claimed", "picture-placed", "file-temp", "file-written", "indexed"]) {
    it(`fails after "${step}" and leaves content/, the draft, the index and the audit log as before`, async () => {
      const { draftId, revisionId, number, rel } = newDraft(`失败于${step}`);
      const bytes = pngOf(10, 10, [number * 7, 30, 90]);
      const picture = m.picture.readPicture(bytes, "f.png");
      m.media.addDraftPicture(m.d(), { draftId, picture, originalName: "f.png", bytes, actorId: editor });
      const body = `正文。\n\n<Figure src="${String(number).padStart(3, "0")}.media/${picture.name}" />`;
      const saved = m.revisions.saveRevision(m.d(), {
        draftId,
        baseRevisionId: revisionId,
        source: m.source.composeSource(key(number), draftFields(`失败于${step}`), body),
        title: "t",
        authorId: editor,
        kind: "save",
      });
      if (!saved.ok) throw new Error("save refused");
      approve(draftId, saved.revision.id);
      process.env.JIANBAO_FAULT_AT = `throw:${step}`;
      await expect(m.publish.publishDraft(draftId, reviewerUser())).rejects.toThrow();
      await expect(fs.stat(abs(rel))).rejects.toMatchObject({ code: "ENOENT" });
      await expect(fs.stat(abs(rel.replace(/\.mdx$/, ".media")))).rejects.toMatchObject({ code: "ENOENT" });
      expect((await fs.readdir(path.dirname(abs(rel)))).filter((n) => n.startsWith(".publish-"))).toEqual([]);
      expect(
        m
          .d()
          .select()
          .from(m.schema.issues)
          .all()
          .find((i) => i.path === rel),
      ).toBeUndefined();
      expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("approved");
      expect(publishAudits(rel)).toHaveLength(0);
      expect(claims()).toEqual([]);
      // And it can be published again, picture and all.
      delete process.env.JIANBAO_FAULT_AT;
      await m.publish.publishDraft(draftId, reviewerUser());
      expect(await fs.readFile(abs(path.join(rel.replace(/\.mdx$/, ".media"), picture.name)))).toEqual(Buffer.from(bytes));
      expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("published");
      expect(publishAudits(rel)).toHaveLength(1);
    });
  }
});
