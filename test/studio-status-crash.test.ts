// A withdrawal (撤回) and a republication (恢复发布) killed (SIGKILL) after each of their steps, in
// their own process as the server's would be, then reconciled as the next start does: the file is
// the old one or the new one; the index, the audit log and the claims agree with it; an issue left
// as it was can be withdrawn or republished again; and while one operation holds the issue, a
// publication, a withdrawal or a save of it is refused.
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withStatus } from "@/lib/studio/file-status";
import * as reconcile from "@/lib/studio/publish-reconcile";
import { approvedCorrection, SAMPLE_KEY, studio, studioSite } from "./lib/studio-site";
import { site } from "./lib/temp-site";

vi.mock("next/link", () => ({ default: () => null }));

const REL = "jtyx/2022/003.mdx";
const m = { ...studio, reconcile };
let reviewer: number;
let issueId: number;

beforeAll(async () => {
  ({ reviewer } = await studioSite([REL]));
  issueId = m
    .d()
    .select()
    .from(m.schema.issues)
    .all()
    .find((i) => i.path === REL)!.id;
}, 60_000);

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const file = () => path.join(site.contentDir, REL);
const reviewerUser = () => ({
  id: reviewer,
  email: "r@example.org",
  name: "李审核",
  role: "reviewer" as const,
  seriesIds: null,
  unitId: null,
});
type Target = "published" | "withdrawn";
const CHILD = path.resolve(import.meta.dirname, "lib/status-child.ts");

/** Runs the status change in a child process that kills itself after `step` (if given). */
function changeInChild(expectedHash: string, status: Target, step = ""): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = fork(CHILD, [String(issueId), expectedHash, status, String(reviewer)], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, JIANBAO_FAULT_AT: step },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

const change = async (status: Target) =>
  m.issueFiles.changePublication(reviewerUser(), { issueId, expectedHash: sha256(await fs.readFile(file())), status, reason: "测试" });

/** The status the file says (no status line: published). */
const fileStatus = (bytes: Buffer): Target => (/^status:\s*withdrawn/m.test(bytes.toString("utf8")) ? "withdrawn" : "published");

/** The file set to `status` first, if it is not already. */
async function ensure(status: Target) {
  if (fileStatus(await fs.readFile(file())) !== status) await change(status);
}

const auditCount = (action: string) =>
  m.audit.listAudit(m.d(), { page: 1, pageSize: 200, action }).rows.filter((r) => r.target === REL).length;
const audits = () => ({
  withdraw: auditCount("issue.withdraw"),
  restore: auditCount("issue.restore"),
  interrupted: auditCount("issue.status-interrupted"),
});

/** The status the index holds for the issue. */
const indexedStatus = () =>
  m
    .d()
    .select()
    .from(m.schema.issues)
    .all()
    .find((i) => i.path === REL)?.status;

/** The file, the index (the archive's query and the studio's row), the audit log and the claims agree. */
async function expectConsistent(c: { oldBytes: Buffer; newText: string; target: Target }, before: ReturnType<typeof audits>) {
  const bytes = await fs.readFile(file());
  const isNew = sha256(bytes) === sha256(c.newText);
  // Old or new, never partial, and no temporary file left beside it.
  if (!isNew) expect(bytes).toEqual(c.oldBytes);
  expect((await fs.readdir(path.dirname(file()))).filter((n) => n.startsWith(".publish-"))).toEqual([]);
  expect(m.d().select().from(m.schema.statusClaims).all()).toEqual([]);
  const status = fileStatus(bytes);
  expect(indexedStatus()).toBe(status);
  expect(m.archive.getPublicIssue(m.d(), SAMPLE_KEY) === undefined).toBe(status === "withdrawn");
  const after = audits();
  const done = c.target === "withdrawn" ? "withdraw" : "restore";
  expect(after[done] - before[done]).toBe(isNew ? 1 : 0);
  expect(after.interrupted - before.interrupted).toBe(isNew ? 0 : 1);
  return isNew;
}

const STEPS: Record<string, "old" | "new"> = {
  claimed: "old",
  "file-temp": "old",
  "file-written": "new",
  indexed: "new",
  recorded: "new",
};

for (const [kind, target] of [
  ["withdrawal", "withdrawn"],
  ["republication", "published"],
] as const) {
  describe(`a ${kind} killed after each step, then reconciled as a restart would`, () => {
    for (const [step, outcome] of Object.entries(STEPS)) {
      it(`killed after "${step}": ${outcome === "new" ? "finished" : "undone, and possible again"}`, async () => {
        await ensure(target === "withdrawn" ? "published" : "withdrawn");
        const oldBytes = await fs.readFile(file());
        const c = { oldBytes, newText: withStatus(oldBytes.toString("utf8"), target)!, target };
        const before = audits();
        expect(await changeInChild(sha256(oldBytes), target, step)).toEqual({ code: null, signal: "SIGKILL" });
        await m.reconcile.reconcilePublications();
        expect(await expectConsistent(c, before)).toBe(outcome === "new");
        if (outcome === "old") {
          await change(target);
          expect(await expectConsistent(c, { ...before, interrupted: before.interrupted + 1 })).toBe(true);
        }
      });
    }
  });
}

describe("a withdrawal or republication holds the issue", () => {
  it("puts the old file back when it fails after writing (no crash: the undo path)", async () => {
    await ensure("published");
    const oldBytes = await fs.readFile(file());
    const before = audits();
    process.env.JIANBAO_FAULT_AT = "throw:indexed";
    try {
      await expect(change("withdrawn")).rejects.toThrow("fault injected after indexed");
    } finally {
      delete process.env.JIANBAO_FAULT_AT;
    }
    expect(await fs.readFile(file())).toEqual(oldBytes);
    expect(m.d().select().from(m.schema.statusClaims).all()).toEqual([]);
    expect(indexedStatus()).toBe("published");
    expect(audits()).toEqual(before);
  });

  it("withdraws once when two server processes withdraw the same issue at the same moment", async () => {
    await ensure("published");
    const hash = sha256(await fs.readFile(file()));
    const before = audits();
    const ends = await Promise.all([changeInChild(hash, "withdrawn"), changeInChild(hash, "withdrawn")]);
    expect(ends.map((e) => e.code).sort()).toEqual([0, 4]);
    expect(await m.reconcile.reconcilePublications()).toEqual([]);
    expect(audits().withdraw - before.withdraw).toBe(1);
    expect(fileStatus(await fs.readFile(file()))).toBe("withdrawn");
  });

  it("refuses a publication, a withdrawal and a save of the issue while a live process withdraws it, and reconciles nothing", async () => {
    await ensure("published");
    const draftId = await approvedCorrection("撤回时的更正");
    const bytes = await fs.readFile(file());
    m.d()
      .insert(m.schema.statusClaims)
      .values({
        path: REL,
        kind: "withdraw",
        owner: `${os.hostname()}:${process.ppid}:x`,
        step: "claimed",
        actorId: reviewer,
        actorEmail: "r@example.org",
        reason: null,
        newHash: sha256(withStatus(bytes.toString("utf8"), "withdrawn")!),
        oldHash: sha256(bytes),
        oldBytes: bytes,
        startedAt: new Date(),
        updatedAt: new Date(),
      })
      .run();
    try {
      expect(await m.reconcile.reconcilePublications()).toEqual([]);
      const refused = { code: "studio:publishing" };
      await expect(m.publish.publishDraft(draftId, { id: reviewer, email: "r@example.org" })).rejects.toMatchObject(refused);
      await expect(change("withdrawn")).rejects.toMatchObject(refused);
      const draft = m.drafts.getDraft(m.d(), draftId)!;
      expect(() =>
        m.revisions.saveRevision(m.d(), {
          draftId,
          baseRevisionId: draft.headRevisionId!,
          source: draft.source,
          title: "改",
          authorId: reviewer,
          kind: "save",
        }),
      ).toThrow(expect.objectContaining(refused));
      expect(await fs.readFile(file())).toEqual(bytes);
    } finally {
      m.d().delete(m.schema.statusClaims).run();
    }
    // Let go: the correction publishes, and the issue is there for the next tests as before.
    await m.publish.publishDraft(draftId, { id: reviewer, email: "r@example.org" });
  });

  it("refuses a withdrawal while a live process publishes a correction of the issue", async () => {
    await ensure("published");
    const draftId = await approvedCorrection("发布时撤回");
    const bytes = await fs.readFile(file());
    const draft = m.drafts.getDraft(m.d(), draftId)!;
    m.d()
      .insert(m.schema.publishClaims)
      .values({
        draftId,
        path: REL,
        owner: `${os.hostname()}:${process.ppid}:x`,
        step: "claimed",
        revisionId: draft.headRevisionId!,
        actorId: reviewer,
        actorEmail: "r@example.org",
        newHash: sha256("x"),
        oldHash: sha256(bytes),
        oldBytes: bytes,
        pictures: [],
        startedAt: new Date(),
        updatedAt: new Date(),
      })
      .run();
    try {
      await expect(change("withdrawn")).rejects.toMatchObject({ code: "studio:publishing" });
      expect(await fs.readFile(file())).toEqual(bytes);
      expect(m.d().select().from(m.schema.statusClaims).all()).toEqual([]);
    } finally {
      m.d().delete(m.schema.publishClaims).run();
    }
  });
});
