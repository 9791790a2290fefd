// From draft to content/ through the real services: scheduled publishing (and what happens when
// it cannot), corrections that leave the public version in place until they are published, and
// the refusal to overwrite a file edited by hand since the correction read it.
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as scheduler from "@/lib/studio/scheduler";
import { approve, approvedCorrection as correctTitle, newDraft, studio, studioSite } from "./lib/studio-site";
import { site } from "./lib/temp-site";

vi.mock("next/link", () => ({ default: () => null }));

let reviewer: number;
const m = { ...studio, scheduler };

beforeAll(async () => {
  ({ reviewer } = await studioSite(["jtyx/2022/003.mdx"]));
}, 60_000);

/** A new issue of jtyx 2026 taken through submit and sign-off by two different people. */
function approvedDraft(title: string): { draftId: number; number: number; rel: string } {
  const created = newDraft(title);
  approve(created.draftId, created.revisionId);
  return { draftId: created.draftId, number: created.number, rel: created.rel };
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
  const reviewerUser = () => ({
    id: reviewer,
    email: "r@example.org",
    name: "李审核",
    role: "reviewer" as const,
    seriesIds: null,
    unitId: null,
  });

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
