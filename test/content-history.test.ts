// Content history against a real git repository (content/) and a real bare remote: each
// publication, correction, withdrawal and republication is one commit of just the files it wrote,
// authored by whoever answered for it, pushed when CONTENT_GIT_PUSH is set; a remote that refuses
// never fails a publication, shows in /api/health's status and is retried once fixed.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as healthGet } from "@/app/api/health/route";
import { sha256 } from "@/lib/content/load";
import * as history from "@/lib/content-history";
import { validRemote } from "@/lib/content-history";
import { commitMessage, safePerson } from "@/lib/content-history/message";
import { pngOf } from "./lib/pictures";
import { approvedCorrection, approvedWithPicture as approvedWithPictureDraft, studio, studioSite } from "./lib/studio-site";
import { site } from "./lib/temp-site";

vi.mock("next/link", () => ({ default: () => null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-jianbao-client-ip": "127.0.0.1" }) }));

let reviewer: number;
let remoteDir: string;
let hookRan: string;
const m = { ...studio, history };

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" } });
/** The newest commit's author, committer, message and files, as git records them. */
const lastCommit = (cwd: string, ref = "HEAD") => {
  const [author, committer, ...message] = git(cwd, "log", "-1", "--format=%an <%ae>%n%cn%n%B", ref).trimEnd().split("\n");
  const files = git(cwd, "show", "--name-only", "--format=", ref).trim().split("\n").filter(Boolean).sort();
  return { author, committer, message: message.join("\n"), subject: message[0], files };
};
const commitCount = (cwd: string, ref = "HEAD") => Number(git(cwd, "rev-list", "--count", ref).trim());
const reviewerUser = () => ({
  id: reviewer,
  email: "r@example.org",
  name: "李审核",
  role: "reviewer" as const,
  seriesIds: null,
  unitId: null,
});

beforeAll(async () => {
  remoteDir = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-remote-"));
  process.env.CONTENT_GIT_PUSH = remoteDir;
  ({ reviewer } = await studioSite(["jtyx/2022/003.mdx"]));
  // The operator's set-up: content/ made a repository with what is already there, a remote.
  const c = site.contentDir;
  git(c, "init", "-q", "-b", "main");
  git(c, "-c", "user.name=Operator", "-c", "user.email=op@example.org", "add", "-A");
  git(c, "-c", "user.name=Operator", "-c", "user.email=op@example.org", "commit", "-q", "-m", "content as it was");
  git(remoteDir, "init", "-q", "--bare", "-b", "main");
  // Author-supplied code in content/.git must never run as the server.
  hookRan = path.join(remoteDir, "..", `hook-ran-${path.basename(remoteDir)}`);
  for (const hook of ["pre-commit", "post-commit", "commit-msg", "pre-push"]) {
    await fs.writeFile(path.join(c, ".git/hooks", hook), `#!/bin/sh\ntouch '${hookRan}'\n`, { mode: 0o755 });
  }
}, 60_000);

afterAll(async () => {
  delete process.env.CONTENT_GIT_PUSH;
  await fs.rm(remoteDir, { recursive: true, force: true });
  await fs.rm(hookRan, { force: true });
});

/** A new 2026 issue showing one picture, signed off by the reviewer. */
async function approvedWithPicture(title: string) {
  const created = approvedWithPictureDraft(
    title,
    () => ({ bytes: pngOf(40, 30), name: "照片.png" }),
    (src) => `正文。\n\n<Figure src="${src}" caption="现场" />\n`,
  );
  return {
    draftId: created.draftId,
    number: created.number,
    rel: created.rel,
    picture: `jtyx/2026/${created.folder}/${created.picture.name}`,
  };
}

describe("content history", () => {
  it("commits a publication as the reviewer who signed it off, with only its files, and pushes it", async () => {
    // Someone's unrelated edit in content/ stays out of the studio's commit.
    await site.write("jtyx/2022/stray.txt", "not the studio's");
    const { draftId, number, rel, picture } = await approvedWithPicture("入库的一期");
    const before = commitCount(site.contentDir);
    await m.publish.publishDraft(draftId, reviewerUser());
    await m.history.drainContentHistory();

    expect(commitCount(site.contentDir)).toBe(before + 1);
    const c = lastCommit(site.contentDir);
    expect(c.author).toBe("李审核 <r@example.org>");
    expect(c.committer).toBe("Jianbao");
    expect(c.subject).toBe(`晋团要讯〔2026〕第${number}期 发布`);
    expect(c.message).toMatch(/^签发人: 李审核$/m);
    expect(c.files).toEqual([rel, picture].sort());
    expect(git(site.contentDir, "status", "--porcelain")).toContain("?? jtyx/2022/stray.txt");
    // Arrived in the bare remote.
    expect(git(remoteDir, "rev-parse", "main").trim()).toBe(git(site.contentDir, "rev-parse", "HEAD").trim());
    expect(m.history.contentHistoryStatus()).toMatchObject({ enabled: true, pending: 0, push: true, lastError: null });
    // No hook in content/.git ran.
    await expect(fs.access(hookRan)).rejects.toThrow();
  });

  it("commits a withdrawal and a republication as the person who made them, with the reason", async () => {
    const issue = (await m.archive.getPublicIssue(m.d(), { series: "jtyx", year: 2022, number: 3, supplement: false }))!;
    const file = path.join(site.contentDir, issue.path);
    const hash = async () => sha256(await fs.readFile(file));
    await m.issueFiles.changePublication(reviewerUser(), {
      issueId: issue.id,
      expectedHash: await hash(),
      status: "withdrawn",
      reason: "内容有误\n# 待核实",
    });
    await m.history.drainContentHistory();
    let c = lastCommit(site.contentDir);
    expect(c.subject).toBe("晋团要讯〔2022〕第3期 撤回");
    expect(c.author).toBe("李审核 <r@example.org>");
    expect(c.message).toContain("撤回原因: 内容有误 # 待核实");
    expect(c.message).toMatch(/^操作人: 李审核$/m);
    expect(c.files).toEqual(["jtyx/2022/003.mdx"]);

    await m.issueFiles.changePublication(reviewerUser(), { issueId: issue.id, expectedHash: await hash(), status: "published" });
    await m.history.drainContentHistory();
    c = lastCommit(site.contentDir);
    expect(c.subject).toBe("晋团要讯〔2022〕第3期 重新发布");
    expect(lastCommit(remoteDir, "main").subject).toBe("晋团要讯〔2022〕第3期 重新发布");
  });

  it("commits a correction as 更正", async () => {
    const draftId = await approvedCorrection("更正后的标题");
    await m.publish.publishDraft(draftId, null); // as the scheduler would: the author is still the signer
    await m.history.drainContentHistory();
    const c = lastCommit(site.contentDir);
    expect(c.subject).toBe("晋团要讯〔2022〕第3期 更正");
    expect(c.author).toBe("李审核 <r@example.org>");
    expect(git(site.contentDir, "show", "HEAD:jtyx/2022/003.mdx")).toContain("更正后的标题");
  });

  it("publishes despite a broken remote, reports it, keeps it across a restart and pushes once the remote is fixed", async () => {
    const broken = `${remoteDir}-moved`;
    await fs.rename(remoteDir, broken);
    const pushedBefore = commitCount(broken, "main");
    const { draftId, number, rel } = await approvedWithPicture("远端故障时发布");
    await expect(m.publish.publishDraft(draftId, reviewerUser())).resolves.toEqual({ path: rel });
    await m.history.drainContentHistory();
    expect(await m.archive.getPublicIssue(m.d(), { series: "jtyx", year: 2026, number, supplement: false })).toBeTruthy();
    // Committed locally, not pushed, and visible as such.
    expect(lastCommit(site.contentDir).subject).toBe(`晋团要讯〔2026〕第${number}期 发布`);
    const status = m.history.contentHistoryStatus();
    expect(status).toMatchObject({ enabled: true, pending: 1, lastError: { code: "content-history:push-failed" } });
    expect(status.lastError?.message).toMatch(/git push/);
    // As /api/health reports it.
    const health = await (await healthGet()).json();
    expect(health).toMatchObject({
      status: "ok",
      contentHistory: { enabled: true, pending: 1, push: true, lastError: { code: "content-history:push-failed" } },
    });

    // A restart: the process's history state (kept on globalThis) gone, the next call finds the
    // pending push on disk in the same data directory.
    const again = m.history;
    (globalThis as Record<symbol, Map<string, unknown>>)[Symbol.for("jianbao.contentHistory")]!.clear();
    expect(again.contentHistoryStatus().pending).toBe(1);

    await fs.rename(broken, remoteDir);
    await again.drainContentHistory();
    expect(again.contentHistoryStatus()).toMatchObject({ pending: 0, lastError: null });
    expect(commitCount(remoteDir, "main")).toBe(pushedBefore + 1);
    expect(lastCommit(remoteDir, "main").subject).toBe(`晋团要讯〔2026〕第${number}期 发布`);
  });

  it("commits what a failed commit left pending once git works again, folding a later operation on the same issue into it", async () => {
    // The index locked by someone else: commits fail until the lock goes.
    const lock = path.join(site.contentDir, ".git/index.lock");
    await fs.writeFile(lock, "");
    const before = commitCount(site.contentDir);
    const { draftId, number, rel, picture } = await approvedWithPicture("提交受阻时发布");
    await m.publish.publishDraft(draftId, reviewerUser());
    await history.drainContentHistory();
    expect(history.contentHistoryStatus()).toMatchObject({ pending: 1, lastError: { code: "content-history:commit-failed" } });
    expect(history.contentHistoryStatus().lastError?.message).toMatch(/index\.lock/);
    // Withdrawn before git works again: the file on disk is the withdrawn one, so one commit
    // carries both operations, and says so.
    const issue = (await m.archive.getPublicIssue(m.d(), { series: "jtyx", year: 2026, number, supplement: false }))!;
    await m.issueFiles.changePublication(reviewerUser(), {
      issueId: issue.id,
      expectedHash: sha256(await fs.readFile(path.join(site.contentDir, rel))),
      status: "withdrawn",
    });
    await history.drainContentHistory();
    expect(history.contentHistoryStatus().pending).toBe(1);
    expect(commitCount(site.contentDir)).toBe(before);

    await fs.rm(lock);
    await history.drainContentHistory();
    expect(history.contentHistoryStatus()).toMatchObject({ pending: 0, lastError: null });
    expect(commitCount(site.contentDir)).toBe(before + 1);
    const c = lastCommit(site.contentDir);
    expect(c.subject).toBe(`晋团要讯〔2026〕第${number}期 撤回`);
    expect(c.message).toMatch(/此前的发布（.*李审核）未能单独提交，已并入本次提交/);
    expect(c.files).toEqual([rel, picture].sort());
    expect(git(site.contentDir, "show", `HEAD:${rel}`)).toMatch(/^status: withdrawn$/m);
    expect(lastCommit(remoteDir, "main").subject).toBe(c.subject);
  });

  it("refuses a push remote that git would read as an option", async () => {
    expect(validRemote("origin")).toBe(true);
    expect(validRemote("/srv/git/content.git")).toBe(true);
    expect(validRemote("--receive-pack=touch /tmp/x")).toBe(false);
    expect(validRemote("origin main")).toBe(false);
  });
});

describe("content history: messages and identities from hostile input", () => {
  it("keeps a form's line breaks, angle brackets and comment marks out of the commit's structure", async () => {
    expect(safePerson({ name: "张三\nSigned-off-by: x", email: "a@b.org>\n<evil@x" })).toEqual({
      name: "张三 Signed-off-by: x",
      email: "a@b.orgevil@x",
    });
    expect(safePerson({ name: "<>", email: "a@b.org" })).toBeNull();
    const message = commitMessage({
      op: "withdraw",
      rel: "jtyx/2022/zk001.mdx",
      seriesName: "晋团要讯",
      person: { name: "李\r\n审核", email: "r@example.org" },
      reason: `第一行\n签发人: 冒充者\n${"长".repeat(600)}`,
    });
    const lines = message.trimEnd().split("\n");
    expect(lines[0]).toBe("晋团要讯〔2022〕增刊第1期 撤回");
    // One reason line, bounded; the only trailer is the real one, last.
    expect(lines.filter((l) => l.startsWith("撤回原因: "))).toHaveLength(1);
    expect([...lines.find((l) => l.startsWith("撤回原因: "))!].length).toBeLessThanOrEqual(506 + 1);
    expect(lines.at(-1)).toBe("操作人: 李 审核");
    expect(lines.filter((l) => /^(签发人|操作人):/.test(l))).toEqual(["操作人: 李 审核"]);
  });
});
