// From draft to content/ through the real services: scheduled publishing (and what happens when
// it cannot), corrections that leave the public version in place until they are published, and
// the refusal to overwrite a file edited by hand since the correction read it.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { draftFields, studioSite } from "./lib/studio-site";
import type { TempSite } from "./lib/temp-site";

vi.mock("next/navigation", () => ({ redirect: () => {}, forbidden: () => {}, notFound: () => {} }));
vi.mock("next/link", () => ({ default: () => null }));

let site: TempSite;
let editor: number;
let reviewer: number;
type M = {
  d: () => import("@/db/index").Db;
  numbering: typeof import("@/db/queries/studio/numbering");
  revisions: typeof import("@/db/queries/studio/revisions");
  review: typeof import("@/db/queries/studio/review");
  drafts: typeof import("@/db/queries/studio/drafts");
  archive: typeof import("@/db/queries/archive");
  audit: typeof import("@/db/queries/studio/audit");
  publish: typeof import("@/lib/studio/publish");
  scheduler: typeof import("@/lib/studio/scheduler");
  source: typeof import("@/lib/studio/source");
  issueFiles: typeof import("@/lib/studio/issue-files");
};
let m: M;

beforeAll(async () => {
  ({ site, editor, reviewer } = await studioSite(["jtyx/2022/003.mdx"]));
  const dbm = await import("@/lib/database");
  m = {
    d: dbm.db,
    numbering: await import("@/db/queries/studio/numbering"),
    revisions: await import("@/db/queries/studio/revisions"),
    review: await import("@/db/queries/studio/review"),
    drafts: await import("@/db/queries/studio/drafts"),
    archive: await import("@/db/queries/archive"),
    audit: await import("@/db/queries/studio/audit"),
    publish: await import("@/lib/studio/publish"),
    scheduler: await import("@/lib/studio/scheduler"),
    source: await import("@/lib/studio/source"),
    issueFiles: await import("@/lib/studio/issue-files"),
  };
}, 60_000);

afterAll(async () => {
  (await import("@/lib/database")).closeDb();
  await site.cleanup();
});

/** A new issue of jtyx 2026 taken through submit and sign-off by two different people. */
function approvedDraft(title: string): { draftId: number; number: number; rel: string } {
  const key = (number: number) => ({ series: "jtyx", year: 2026, number, supplement: false });
  const created = m.numbering.createDraft(m.d(), {
    seriesId: "jtyx",
    year: 2026,
    supplement: false,
    authorId: editor,
    compose: (n) => ({ source: m.source.composeSource(key(n), draftFields(title), `${title}的正文。`), title }),
    path: (n) => `jtyx/2026/${String(n).padStart(3, "0")}.mdx`,
  });
  m.review.submitDraft(m.d(), { draftId: created.draftId, revisionId: created.revisionId, actorId: editor });
  m.review.approveDraft(m.d(), { draftId: created.draftId, revisionId: created.revisionId, actorId: reviewer });
  return { draftId: created.draftId, number: created.number, rel: `jtyx/2026/${String(created.number).padStart(3, "0")}.mdx` };
}

const publicTitle = async (number: number, year = 2026) =>
  (await m.archive.getPublicIssue(m.d(), { series: "jtyx", year, number, supplement: false }))?.title;

describe("scheduled publishing", () => {
  it("publishes an approved draft when its time comes, as the system, and indexes it", async () => {
    const { draftId, number, rel } = approvedDraft("定时发布的一期");
    const now = new Date();
    m.review.scheduleDraft(m.d(), { draftId, actorId: reviewer, at: new Date(now.getTime() + 60_000) });
    expect(await m.scheduler.publishDue(now)).toBe(0);
    expect(await publicTitle(number)).toBeUndefined();
    expect(await m.scheduler.publishDue(new Date(now.getTime() + 61_000))).toBe(1);
    expect(await fs.readFile(path.join(site.contentDir, rel), "utf8")).toMatch(/^status: published$/m);
    expect(await publicTitle(number)).toBe("定时发布的一期");
    expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("published");
    expect(m.audit.listAudit(m.d(), { page: 1, action: "issue.publish" }).rows[0]).toMatchObject({ actorEmail: "定时发布", target: rel });
  });

  it("unschedules, and says why, when the file appeared meanwhile; the file is left alone", async () => {
    const { draftId, rel } = approvedDraft("撞号的一期");
    const now = new Date();
    // An hour ahead: scheduleDraft refuses a time already past by its own clock.
    m.review.scheduleDraft(m.d(), { draftId, actorId: reviewer, at: new Date(now.getTime() + 3_600_000) });
    await site.write(rel, "someone else's file");
    expect(await m.scheduler.publishDue(new Date(now.getTime() + 3_601_000))).toBe(0);
    const draft = m.drafts.getDraft(m.d(), draftId)!;
    expect(draft.status).toBe("approved");
    expect(draft.scheduledAt).toBeNull();
    expect(draft.events.at(-1)?.comment).toMatch(/^定时发布未能完成：content\/jtyx\/2026\/\d+\.mdx 已经存在/);
    expect(await fs.readFile(path.join(site.contentDir, rel), "utf8")).toBe("someone else's file");
  });
});

describe("corrections", () => {
  const reviewerUser = () => ({ id: reviewer, email: "r@example.org", name: "李审核", role: "reviewer" as const, seriesIds: null });
  const editorUser = () => ({ id: editor, email: "e@example.org", name: "王编辑", role: "editor" as const, seriesIds: null });

  async function correctTitle(newTitle: string) {
    const issue = m.archive.getPublicIssue(m.d(), { series: "jtyx", year: 2022, number: 3, supplement: false });
    const draftId = await m.issueFiles.startCorrection(editorUser(), (await issue)!.id);
    const draft = m.drafts.getDraft(m.d(), draftId)!;
    const split = m.source.splitSource(draft.source);
    const source = m.source.composeSource(
      { series: "jtyx", year: 2022, number: 3, supplement: false },
      { ...split.fields, titleLines: [newTitle] },
      split.body,
      { extra: split.extra },
    );
    const saved = m.revisions.saveRevision(m.d(), {
      draftId,
      baseRevisionId: draft.headRevisionId!,
      source,
      title: newTitle,
      authorId: editor,
      kind: "save",
    });
    if (!saved.ok) throw new Error("save refused");
    m.review.submitDraft(m.d(), { draftId, revisionId: saved.revision.id, actorId: editor });
    m.review.approveDraft(m.d(), { draftId, revisionId: saved.revision.id, actorId: reviewer });
    return draftId;
  }

  it("keeps the published version public until the correction is published", async () => {
    const before = await publicTitle(3, 2022);
    const draftId = await correctTitle("更正后的标题");
    expect(await publicTitle(3, 2022)).toBe(before);
    await m.publish.publishDraft(draftId, reviewerUser());
    expect(await publicTitle(3, 2022)).toBe("更正后的标题");
  });

  it("refuses to publish over a file edited by hand since the correction read it", async () => {
    const draftId = await correctTitle("不应写入的标题");
    const file = path.join(site.contentDir, "jtyx/2022/003.mdx");
    const handEdited = (await fs.readFile(file, "utf8")).replace("更正后的标题", "手工改过的标题");
    await fs.writeFile(file, handEdited);
    await expect(m.publish.publishDraft(draftId, reviewerUser())).rejects.toMatchObject({ code: "studio:file-changed" });
    expect(await fs.readFile(file, "utf8")).toBe(handEdited);
    expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("approved");
  });
});
