// Publishing as one claimed operation, and the file it writes as the reviewer signed it: an
// internal issue stays internal whatever its 编者按 holds, a draft over the loader's size limit
// is refused before anything is written, two publications of one draft at once publish it once
// (its picture survives), and a save landing during publication is held off instead of leaving
// a public file with no record.
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as actions from "@/app/(studio)/studio/drafts/actions";
import type { StudioUser } from "@/lib/auth/session";
import { pngOf } from "./lib/pictures";
import { approve, approvedWithPicture, draftFields, editorUser, key2026 as key, newDraft, studio, studioSite } from "./lib/studio-site";
import { site } from "./lib/temp-site";

let actor: StudioUser | null = null;
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
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

let reviewer: number;
const m = { ...studio, actions };

beforeAll(async () => {
  ({ reviewer } = await studioSite());
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

const abs = (rel: string) => path.join(site.contentDir, rel);
const reviewerUser = () => ({ id: reviewer, email: "r@example.org" });
const publishAudits = (rel: string) =>
  m.audit.listAudit(m.d(), { page: 1, pageSize: 200, action: "issue.publish" }).rows.filter((r) => r.target === rel);
const claims = () => m.d().select().from(m.schema.publishClaims).all();

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
    const { draftId, rel } = approvedWithPicture(
      "旧的超长稿",
      () => ({ bytes: pngOf(8, 8, [200, 10, 10]), name: "a.png" }),
      (src) => `<Figure src="${src}" />\n\n${huge}`,
    );
    await expect(m.publish.publishDraft(draftId, reviewerUser())).rejects.toMatchObject({ code: "studio:too-large" });
    await expect(fs.stat(abs(rel))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(fs.stat(abs(rel.replace(/\.mdx$/, ".media")))).rejects.toMatchObject({ code: "ENOENT" });
    expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("approved");
    expect(claims()).toEqual([]);
  });
});

describe("one publication at a time", () => {
  it("publishes a draft once when two publications start together, and its picture survives", async () => {
    const { draftId, rel, picture, bytes } = approvedWithPicture(
      "双击发布",
      () => ({ bytes: pngOf(16, 16, [10, 200, 10]), name: "p.png" }),
      (src) => `正文。\n\n<Figure src="${src}" />`,
    );

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
    const link = fs.link.bind(fs);
    let autosave: unknown;
    // The moment the new file is linked into place, the editor's open tab autosaves.
    vi.spyOn(fs, "link").mockImplementation(async (from, to) => {
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
      const { draftId, rel, picture, bytes } = approvedWithPicture(
        `失败于${step}`,
        (number) => ({ bytes: pngOf(10, 10, [number * 7, 30, 90]), name: "f.png" }),
        (src) => `正文。\n\n<Figure src="${src}" />`,
      );
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
