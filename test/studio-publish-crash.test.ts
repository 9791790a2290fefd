// A publication killed (SIGKILL, as a power cut or the OOM killer would) after each of its steps,
// in its own process as the server's would be, then reconciled as the next start does: the file
// is the old one or the new one, never partial; the pictures match it; the draft, the index and
// the audit log agree with the disk; and a draft left unpublished can be published again.
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pngOf } from "./lib/pictures";
import { draftFields, studioSite } from "./lib/studio-site";
import type { TempSite } from "./lib/temp-site";

vi.mock("next/navigation", () => ({ redirect: () => {}, forbidden: () => {}, notFound: () => {} }));
vi.mock("next/link", () => ({ default: () => null }));

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
  reconcile: typeof import("@/lib/studio/publish-reconcile");
  steps: typeof import("@/lib/studio/publish-steps");
  source: typeof import("@/lib/studio/source");
  issueFiles: typeof import("@/lib/studio/issue-files");
};
let m: M;

beforeAll(async () => {
  ({ site, editor, reviewer } = await studioSite(["jtyx/2022/003.mdx"]));
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
    reconcile: await import("@/lib/studio/publish-reconcile"),
    steps: await import("@/lib/studio/publish-steps"),
    source: await import("@/lib/studio/source"),
    issueFiles: await import("@/lib/studio/issue-files"),
  };
}, 60_000);

afterAll(async () => {
  (await import("@/lib/database")).closeDb();
  await site.cleanup();
});

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const abs = (rel: string) => path.join(site.contentDir, rel);
const mediaDir = (rel: string) => rel.replace(/\.mdx$/, ".media");
const readOrNull = (file: string) => fs.readFile(file).catch(() => null);
const listOrEmpty = (dir: string) => fs.readdir(dir).catch(() => [] as string[]);
const key = (rel: string) => {
  const [series, year, file] = rel.split("/") as [string, string, string];
  return { series, year: Number(year), number: Number(file.replace(".mdx", "")), supplement: false };
};
const CHILD = path.resolve(import.meta.dirname, "lib/publish-child.ts");

/** Runs the publication in a child process that kills itself after `step` (if given); resolves with how it ended. */
function publishInChild(draftId: number, step = ""): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = fork(CHILD, [String(draftId), String(reviewer), "r@example.org"], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, JIANBAO_FAULT_AT: step },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** A new issue of jtyx 2026 with one picture, signed off; what it will publish. */
function approvedWithPicture(title: string) {
  const created = m.numbering.createDraft(m.d(), {
    seriesId: "jtyx",
    year: 2026,
    supplement: false,
    authorId: editor,
    compose: (n) => ({
      source: m.source.composeSource(key(`jtyx/2026/${String(n).padStart(3, "0")}.mdx`), draftFields(title), "x"),
      title,
    }),
    path: (n) => `jtyx/2026/${String(n).padStart(3, "0")}.mdx`,
  });
  const rel = `jtyx/2026/${String(created.number).padStart(3, "0")}.mdx`;
  const bytes = pngOf(12, 12, [created.number * 20, 80, 160]);
  const picture = m.picture.readPicture(bytes, "a.png");
  m.media.addDraftPicture(m.d(), { draftId: created.draftId, picture, originalName: "a.png", bytes, actorId: editor });
  const body = `${title}的正文。\n\n<Figure src="${path.basename(mediaDir(rel))}/${picture.name}" caption="现场" />`;
  const saved = m.revisions.saveRevision(m.d(), {
    draftId: created.draftId,
    baseRevisionId: created.revisionId,
    source: m.source.composeSource(key(rel), draftFields(title), body),
    title,
    authorId: editor,
    kind: "save",
  });
  if (!saved.ok) throw new Error("save refused");
  m.review.submitDraft(m.d(), { draftId: created.draftId, revisionId: saved.revision.id, actorId: editor });
  m.review.approveDraft(m.d(), { draftId: created.draftId, revisionId: saved.revision.id, actorId: reviewer });
  const draft = m.drafts.getDraft(m.d(), created.draftId)!;
  return {
    draftId: created.draftId,
    rel,
    pictures: [{ name: picture.name, bytes }],
    newSource: m.publish.publishedSource(key(rel), draft.source),
  };
}

/** A signed-off correction of jtyx 2022/003 (a new title); what it will publish and what is there now. */
async function approvedCorrection(title: string) {
  const rel = "jtyx/2022/003.mdx";
  const issue = await m.archive.getPublicIssue(m.d(), key(rel));
  const editorUser = { id: editor, email: "e@example.org", name: "王编辑", role: "editor" as const, seriesIds: null };
  const draftId = await m.issueFiles.startCorrection(editorUser, issue!.id);
  const draft = m.drafts.getDraft(m.d(), draftId)!;
  const split = m.source.splitSource(draft.source);
  const source = m.source.composeSource(key(rel), { ...split.fields, titleLines: [title] }, split.body, { extra: split.extra });
  const saved = m.revisions.saveRevision(m.d(), {
    draftId,
    baseRevisionId: draft.headRevisionId!,
    source,
    title,
    authorId: editor,
    kind: "save",
  });
  if (!saved.ok) throw new Error("save refused");
  m.review.submitDraft(m.d(), { draftId, revisionId: saved.revision.id, actorId: editor });
  m.review.approveDraft(m.d(), { draftId, revisionId: saved.revision.id, actorId: reviewer });
  return {
    draftId,
    rel,
    pictures: [] as { name: string; bytes: Uint8Array }[],
    newSource: m.publish.publishedSource(key(rel), m.drafts.getDraft(m.d(), draftId)!.source),
    oldBytes: (await fs.readFile(abs(rel)))!,
  };
}

/** Everything that must agree with the disk after a crash and the reconciliation that follows it. */
async function expectConsistent(
  c: { draftId: number; rel: string; pictures: { name: string; bytes: Uint8Array }[]; newSource: string; oldBytes?: Buffer },
  auditsBefore: number,
) {
  const bytes = await readOrNull(abs(c.rel));
  const isNew = bytes !== null && sha256(bytes) === sha256(c.newSource);
  // Old or new, never partial: a new issue's file is absent or new; a correction's is old or new.
  if (!isNew) expect(bytes === null ? null : sha256(bytes)).toBe(c.oldBytes ? sha256(c.oldBytes) : null);
  // No temporary file left beside the issue or among its pictures.
  for (const dir of [path.dirname(abs(c.rel)), abs(mediaDir(c.rel))])
    expect((await listOrEmpty(dir)).filter((n) => n.startsWith(".publish-"))).toEqual([]);
  // The pictures are there exactly when the file that shows them is.
  for (const p of c.pictures) {
    const found = await readOrNull(path.join(abs(mediaDir(c.rel)), p.name));
    expect(found === null ? null : sha256(found)).toBe(isNew ? sha256(p.bytes) : null);
  }
  // The draft, the claim, the index and the audit log.
  const draft = m.drafts.getDraft(m.d(), c.draftId)!;
  expect(draft.status).toBe(isNew ? "published" : "approved");
  expect(m.d().select().from(m.schema.publishClaims).all()).toEqual([]);
  const row = m
    .d()
    .select()
    .from(m.schema.issues)
    .all()
    .find((i) => i.path === c.rel);
  expect(row?.title ?? null).toBe(bytes === null ? null : m.source.splitSource(bytes.toString("utf8")).fields.titleLines.join(" "));
  const audits = m.audit
    .listAudit(m.d(), { page: 1, pageSize: 200, action: "issue.publish" })
    .rows.filter((r) => r.target === c.rel).length;
  expect(audits - auditsBefore).toBe(isNew ? 1 : 0);
  return isNew;
}

const auditsOf = (rel: string) =>
  m.audit.listAudit(m.d(), { page: 1, pageSize: 200, action: "issue.publish" }).rows.filter((r) => r.target === rel).length;

describe("a publication killed after each step, then reconciled as a restart would", () => {
  const expected: Record<string, "new" | "old"> = {
    claimed: "old",
    "picture-placed": "old",
    "file-temp": "old",
    "file-written": "new",
    indexed: "new",
    recorded: "new",
  };

  it("names every step of a publication here", () => {
    expect(Object.keys(expected).sort()).toEqual([...m.steps.PUBLISH_STEPS].sort());
  });

  for (const [step, outcome] of Object.entries(expected)) {
    it(`a new issue with a picture, killed after "${step}": ${outcome === "new" ? "finished" : "undone, and publishable again"}`, async () => {
      const c = approvedWithPicture(`崩溃于${step}`);
      const before = auditsOf(c.rel);
      expect(await publishInChild(c.draftId, step)).toEqual({ code: null, signal: "SIGKILL" });
      await m.reconcile.reconcilePublications();
      expect(await expectConsistent(c, before)).toBe(outcome === "new");
      if (outcome === "old") {
        // Not stuck: the reviewer publishes it again, and it is all there.
        await m.publish.publishDraft(c.draftId, { id: reviewer, email: "r@example.org" });
        expect(await expectConsistent(c, before)).toBe(true);
      }
    });
  }

  for (const step of ["claimed", "file-temp", "file-written", "indexed"] as const) {
    it(`a correction, killed after "${step}": the old file or the new one`, async () => {
      const c = await approvedCorrection(`更正崩溃于${step}`);
      const before = auditsOf(c.rel);
      expect(await publishInChild(c.draftId, step)).toEqual({ code: null, signal: "SIGKILL" });
      await m.reconcile.reconcilePublications();
      const isNew = await expectConsistent(c, before);
      expect(isNew).toBe(expected[step] === "new");
      if (!isNew) expect(await fs.readFile(abs(c.rel))).toEqual(c.oldBytes);
      if (!isNew) {
        await m.publish.publishDraft(c.draftId, { id: reviewer, email: "r@example.org" });
        expect(await expectConsistent(c, before)).toBe(true);
      }
    });
  }

  it("a correction that fails after its file replaced the old one puts the old bytes back (no crash: the undo path)", async () => {
    const c = await approvedCorrection("更正失败后复原");
    const before = auditsOf(c.rel);
    process.env.JIANBAO_FAULT_AT = "throw:indexed";
    try {
      await expect(m.publish.publishDraft(c.draftId, { id: reviewer, email: "r@example.org" })).rejects.toThrow(
        "fault injected after indexed",
      );
    } finally {
      delete process.env.JIANBAO_FAULT_AT;
    }
    expect(await fs.readFile(abs(c.rel))).toEqual(c.oldBytes);
    expect(await expectConsistent(c, before)).toBe(false);
    await m.publish.publishDraft(c.draftId, { id: reviewer, email: "r@example.org" });
    expect(await expectConsistent(c, before)).toBe(true);
  });

  it("publishes once when two server processes publish the same draft at the same moment, and the picture survives", async () => {
    const c = approvedWithPicture("两个进程同时发布");
    const before = auditsOf(c.rel);
    const ends = await Promise.all([publishInChild(c.draftId), publishInChild(c.draftId)]);
    expect(ends.map((e) => e.code).sort()).toEqual([0, 4]);
    expect(await m.reconcile.reconcilePublications()).toEqual([]);
    expect(await expectConsistent(c, before)).toBe(true);
  });

  it("leaves a live claim alone: only a dead process's publication is reconciled", async () => {
    const c = approvedWithPicture("另一进程正在发布");
    m.d()
      .insert(m.schema.publishClaims)
      .values({
        draftId: c.draftId,
        path: c.rel,
        owner: `${(await import("node:os")).hostname()}:${process.ppid}:x`,
        step: "claimed",
        revisionId: m.drafts.getDraft(m.d(), c.draftId)!.headRevisionId!,
        actorId: reviewer,
        actorEmail: "r@example.org",
        newHash: sha256(c.newSource),
        oldHash: null,
        oldBytes: null,
        pictures: [],
        startedAt: new Date(),
        updatedAt: new Date(),
      })
      .run();
    expect(await m.reconcile.reconcilePublications()).toEqual([]);
    await expect(m.publish.publishDraft(c.draftId, { id: reviewer, email: "r@example.org" })).rejects.toMatchObject({
      code: "studio:publishing",
    });
    await expect(fs.stat(abs(c.rel))).rejects.toMatchObject({ code: "ENOENT" });
    m.d().delete(m.schema.publishClaims).run();
  });
});
