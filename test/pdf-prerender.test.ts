// The background PDF renders: the queue's own rules (one at a time, in order, each issue once,
// bounded, going on after a failure), and the hook-up: a publication, a correction, a sync and a
// sync run by another process queue their issues, and once the queue drains the first reader's
// PDF comes from the cache.
// Chromium is replaced by a fake page pool and render (no server for it to load pages from here).
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sha256 } from "@/lib/content/load";
import { issuePdf } from "@/lib/pdf/service";
import { approve, approvedCorrection, editorUser, key2026, newDraft, SAMPLE_KEY, studio, studioSite } from "./lib/studio-site";
import { site } from "./lib/temp-site";

vi.mock("next/link", () => ({ default: () => null }));

const rendered = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/pdf/render", () => ({
  renderPdf: async (_page: unknown, url: string) => {
    rendered.push(new URL(url).pathname);
    return { bytes: new TextEncoder().encode(`%PDF-fake ${url}`), timings: { html: 0, load: 0, paginate: 0, print: 0, finish: 0 } };
  },
}));
vi.mock("@/lib/pdf/pool", () => ({
  PagePool: class {
    waiting = 0;
    run<T>(work: (page: object) => Promise<T>): Promise<T> {
      return work({});
    }
  },
}));

// Before anything reads env() (test/setup.ts turns the renders off for every other file).
process.env.PDF_PRERENDER = "on";
const { PrerenderQueue, prerenderQueue, prerenderStatus } = await import("@/lib/pdf/prerender");
const { syncContent } = await import("@/lib/content/sync");
const { queuePdfPrerender, queueIndexChanges } = await import("@/lib/pdf/prerender");

/** A queue whose renders wait until released, recording the order they started in. */
function heldQueue(limit = 10) {
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const queue = new PrerenderQueue((rel) => {
    started.push(rel);
    if (rel.startsWith("bad")) return Promise.reject(new Error(`cannot render ${rel}`));
    return new Promise<void>((resolve) => release.set(rel, resolve));
  }, limit);
  /** Resolves once the render of `rel` has begun. */
  const begun = async (rel: string) => {
    while (!release.has(rel)) await new Promise((r) => setImmediate(r));
  };
  const finish = async (rel: string) => {
    await begun(rel);
    release.get(rel)!();
    release.delete(rel);
  };
  return { queue, started, begun, finish };
}

afterEach(() => vi.restoreAllMocks());

describe("the pre-render queue", () => {
  it("renders one at a time, oldest first, and counts what it did", async () => {
    const { queue, started, begun, finish } = heldQueue();
    queue.add("a");
    queue.add("b");
    queue.add("c");
    await begun("a");
    expect(started).toEqual(["a"]);
    expect(queue.status()).toMatchObject({ queued: 2, running: "a" });
    await finish("a");
    await finish("b");
    await finish("c");
    await queue.idle();
    expect(started).toEqual(["a", "b", "c"]);
    expect(queue.status()).toEqual({ queued: 0, running: null, done: 3, failed: 0, skipped: 0, dropped: 0 });
  });

  it("queues an issue once however often it is added while waiting, and again once its render has begun", async () => {
    const { queue, started, begun, finish } = heldQueue();
    queue.add("a");
    queue.add("b");
    queue.add("b");
    await finish("a");
    await begun("b");
    expect(queue.status()).toMatchObject({ queued: 0, running: "b" });
    // Changed again while its render runs: that render may have read the older version.
    queue.add("b");
    queue.add("b");
    expect(queue.status()).toMatchObject({ queued: 1, running: "b" });
    await finish("b");
    await finish("b");
    await queue.idle();
    expect(started).toEqual(["a", "b", "b"]);
  });

  it("drops the oldest waiting issues beyond its limit, with one log line for the burst", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { queue, started, finish } = heldQueue(2);
    for (const rel of ["a", "b", "c", "d", "e"]) queue.add(rel);
    expect(queue.status()).toMatchObject({ queued: 2, dropped: 3 });
    await Promise.resolve();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^pdf:prerender-dropped 3 /);
    await finish("d");
    await finish("e");
    await queue.idle();
    expect(started).toEqual(["d", "e"]);
  });

  it("logs a failed render with its code and goes on with the next", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { queue, started, finish } = heldQueue();
    queue.add("bad-1");
    queue.add("a");
    await finish("a");
    await queue.idle();
    expect(started).toEqual(["bad-1", "a"]);
    expect(queue.status()).toMatchObject({ done: 1, failed: 1 });
    expect(error).toHaveBeenCalledWith("pdf:prerender-failed", "bad-1", expect.any(Error));
  });

  it("skips, without showing it as running, a file refused when its turn comes", async () => {
    const started: string[] = [];
    const queue = new PrerenderQueue(
      async (rel) => {
        started.push(rel);
      },
      10,
      async () => {},
      (rel) => (rel === "internal" ? undefined : true),
    );
    queue.add("internal");
    queue.add("a");
    await queue.idle();
    expect(started).toEqual(["a"]);
    expect(queue.status()).toMatchObject({ done: 1, skipped: 1, running: null });
  });
});

describe("what queues a render", () => {
  let reviewer: number;
  beforeAll(async () => {
    ({ reviewer } = await studioSite(["jtyx/2022/003.mdx"]));
  }, 60_000);

  it("publishing queues the new issue, and its first reader gets the cached PDF", async () => {
    const created = newDraft("预先生成PDF的一期");
    approve(created.draftId, created.revisionId);
    const before = prerenderStatus().done;
    await studio.publish.publishDraft(created.draftId, editorUser());
    await prerenderQueue().idle();
    expect(prerenderStatus().done).toBe(before + 1);
    const issue = (await studio.archive.getPublicIssue(studio.d(), key2026(created.number)))!;
    const renders = rendered.length;
    expect((await issuePdf(issue)).cached).toBe(true);
    expect(rendered.length).toBe(renders);
  });

  it("a correction queues the corrected issue, whose new PDF is then cached", async () => {
    const draftId = await approvedCorrection("更正后预先生成");
    await studio.publish.publishDraft(draftId, editorUser());
    await prerenderQueue().idle();
    const issue = (await studio.archive.getPublicIssue(studio.d(), SAMPLE_KEY))!;
    expect(issue.title).toBe("更正后预先生成");
    expect((await issuePdf(issue)).cached).toBe(true);
  });

  it("a withdrawal queues nothing; a republication queues the issue again, whose PDF is then cached", async () => {
    const issue = (await studio.archive.getPublicIssue(studio.d(), SAMPLE_KEY))!;
    const hash = async () => sha256(await fs.readFile(path.join(site.contentDir, issue.path)));
    const reviewerUser = { id: reviewer, email: "r@example.org", name: "李审核", role: "reviewer" as const, seriesIds: null, unitId: null };
    const { done, skipped } = prerenderStatus();
    await studio.issueFiles.changePublication(reviewerUser, {
      issueId: issue.id,
      expectedHash: await hash(),
      status: "withdrawn",
      reason: "待核实",
    });
    await prerenderQueue().idle();
    expect(prerenderStatus()).toMatchObject({ done, skipped });
    await studio.issueFiles.changePublication(reviewerUser, { issueId: issue.id, expectedHash: await hash(), status: "published" });
    await prerenderQueue().idle();
    expect(prerenderStatus()).toMatchObject({ done: done + 1, skipped });
    expect((await issuePdf((await studio.archive.getPublicIssue(studio.d(), SAMPLE_KEY))!)).cached).toBe(true);
  });

  it("a sync names the issue files it added or changed, not the unchanged ones", async () => {
    const seen: string[] = [];
    await syncContent({ root: site.contentDir, onIndexed: (rel) => seen.push(rel) });
    expect(seen).toEqual([]);
    const file = "jtyx/2022/003.mdx";
    const text = await fs.readFile(path.join(site.contentDir, file), "utf8");
    await site.write(file, text.replace("更正后预先生成", "同步改过的标题"));
    await syncContent({ root: site.contentDir, onIndexed: (rel) => seen.push(rel) });
    expect(seen).toEqual([file]);
  });

  it("a sync in another process (content:sync after a git pull, an import) is noticed: the issue it changed is queued, once", async () => {
    // The first look covers what was indexed before it, this file's own syncs included.
    queueIndexChanges();
    await prerenderQueue().idle();
    expect(queueIndexChanges()).toBe(0); // the index has not changed since
    const file = "jtyx/2022/003.mdx";
    const text = await fs.readFile(path.join(site.contentDir, file), "utf8");
    await site.write(file, text.replace("同步改过的标题", "命令行同步改过的标题"));
    // As `npm run content:sync` does: no hook into this process's queue.
    await syncContent({ root: site.contentDir });
    const { done } = prerenderStatus();
    expect(queueIndexChanges()).toBe(1);
    await prerenderQueue().idle();
    expect(prerenderStatus().done).toBe(done + 1);
    const issue = (await studio.archive.getPublicIssue(studio.d(), SAMPLE_KEY))!;
    expect(issue.title).toBe("命令行同步改过的标题");
    const renders = rendered.length;
    expect((await issuePdf(issue)).cached).toBe(true);
    expect(rendered.length).toBe(renders);
    // An unchanged sync moves nothing; a later look queues nothing again.
    await syncContent({ root: site.contentDir });
    expect(queueIndexChanges()).toBe(0);
  });

  it("skips an issue that is not public when its turn comes, never showing it as running", async () => {
    const { done, skipped } = prerenderStatus();
    const renders = rendered.length;
    queuePdfPrerender("jtyx/2030/001.mdx");
    await prerenderQueue().idle();
    expect(prerenderStatus()).toMatchObject({ done, skipped: skipped + 1, failed: 0 });
    expect(rendered.length).toBe(renders);
  });
});
