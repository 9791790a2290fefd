// Publishing from the studio into content/: a new issue never replaces a file, a correction never
// overwrites an edit made meanwhile, readers never see half a file, withdrawal changes only the
// status line, and each of these reaches the index (and the PDF cache) at once.
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as archive from "@/db/queries/archive";
import * as schema from "@/db/schema";
import * as sync from "@/lib/content/sync";
import * as syncOne from "@/lib/content/sync-one";
import * as dbModule from "@/lib/database";
import * as cache from "@/lib/pdf/cache";
import * as status from "@/lib/studio/file-status";
import * as publish from "@/lib/studio/publish-file";
import type { ReaderMessage, ReaderReport } from "./lib/publish-reader";
import { REPO_CONTENT, site } from "./lib/temp-site";

const contentDir = site.contentDir;
let sample: string;

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const key = (number: number, supplement = false) => ({ series: "jtyx", year: 2022, number, supplement });
const renumbered = (n: number, title: string) => sample.replace(/^number: 3$/m, `number: ${n}`).replace(/^title: .*$/m, `title: ${title}`);
const abs = (rel: string) => path.join(contentDir, rel);
/** Temporary files of a publication left in a folder (the sync would skip them, but they pile up). */
const leftovers = async (dir: string) => (await fs.readdir(dir)).filter((n) => n.startsWith(".publish-"));
const DIR = "jtyx/2022";
const indexRow = async (rel: string) => dbModule.db().select().from(schema.issues).where(eq(schema.issues.path, rel)).get();

beforeAll(async () => {
  sample = await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8");
  await site.write("series/jtyx.yml", await fs.readFile(path.join(REPO_CONTENT, "series/jtyx.yml"), "utf8"));
  await site.write("jtyx/2022/003.mdx", sample);
  // The server syncs everything at start; the studio's publications come after.
  expect(await sync.syncContent({ root: contentDir })).toMatchObject({ added: 1, failed: 0 });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("writeIssueFile: a new issue", () => {
  const rel = "jtyx/2022/010.mdx";
  const first = () => renumbered(10, "新发布的一期");

  it("writes the file, indexes it at once, and the next full sync has nothing left to do", async () => {
    const { hash } = await publish.writeIssueFile({ root: contentDir, rel, source: first(), expectedHash: null });
    expect(hash).toBe(sha256(first()));
    expect(await fs.readFile(abs(rel), "utf8")).toBe(first());

    const indexed = await syncOne.syncIssueFile({ root: contentDir, rel });
    expect(indexed.ok).toBe(true);
    const issue = await archive.getPublicIssue(dbModule.db(), key(10));
    expect(issue?.title).toBe("新发布的一期");
    expect(indexed.ok && indexed.issueId).toBe(issue?.id);
    expect((await archive.issuesOfSeries(dbModule.db(), { seriesId: "jtyx", year: 2022 })).map((i) => i.number)).toEqual([10, 3]);

    // A file written just now is indexed without a stamp (an edit within the same clock tick
    // could keep its size and time): the full sync hashes it, finds it unchanged, writes nothing.
    const ledger = dbModule
      .db()
      .select()
      .from(schema.contentFiles)
      .all()
      .find((f) => f.path === rel);
    expect(ledger).toMatchObject({ kind: "issue", ok: true, retry: false, stamp: null });
    expect(await sync.syncContent({ root: contentDir })).toMatchObject({ added: 0, updated: 0, unchanged: 2, removed: 0, failed: 0 });
    expect(
      dbModule
        .db()
        .select()
        .from(schema.contentFiles)
        .all()
        .find((f) => f.path === rel),
    ).toEqual(ledger);
    expect(await leftovers(abs(DIR))).toEqual([]);
  });

  it("refuses a second new issue at the same place and leaves the first file as it was", async () => {
    const attempt = publish.writeIssueFile({ root: contentDir, rel, source: renumbered(10, "抢先发布的另一期"), expectedHash: null });
    await expect(attempt).rejects.toMatchObject({ code: "studio:file-exists", status: 409 });
    await expect(attempt).rejects.toHaveProperty(
      "publicMessage",
      "content/jtyx/2022/010.mdx 已经存在：可能有人刚刚发布了同一期，请刷新后再试",
    );
    expect(await fs.readFile(abs(rel))).toEqual(Buffer.from(first()));
    expect(await leftovers(abs(DIR))).toEqual([]);
  });

  it("creates the folders of a new year", async () => {
    const rel2023 = "jtyx/2023/001.mdx";
    const text = renumbered(1, "新一年的第一期")
      .replace(/^year: 2022$/m, "year: 2023")
      .replace(/^date: .*$/m, "date: 2023-01-06");
    await publish.writeIssueFile({ root: contentDir, rel: rel2023, source: text, expectedHash: null });
    expect(await syncOne.syncIssueFile({ root: contentDir, rel: rel2023 })).toMatchObject({ ok: true });
    expect((await archive.getPublicIssue(dbModule.db(), { ...key(1), year: 2023 }))?.title).toBe("新一年的第一期");
  });

  it("refuses a place that is not an issue's", async () => {
    for (const rel of ["../escape/2022/001.mdx", "jtyx/2022/../../x.mdx", "series/jtyx.yml", "jtyx/2022/003.md"]) {
      await expect(publish.writeIssueFile({ root: contentDir, rel, source: "x", expectedHash: null })).rejects.toMatchObject({
        code: "studio:invalid-input",
      });
    }
    // The content root's parent is the test's own folder (test/setup.ts): only the root is in it.
    expect(await fs.readdir(path.dirname(contentDir))).toEqual(["content"]);
  });

  it("reports a failed write plainly and leaves neither the file nor a temporary one", async () => {
    vi.spyOn(fs, "link").mockRejectedValueOnce(Object.assign(new Error("EIO: i/o error, link"), { code: "EIO" }));
    const attempt = publish.writeIssueFile({
      root: contentDir,
      rel: "jtyx/2022/011.mdx",
      source: renumbered(11, "写入失败的一期"),
      expectedHash: null,
    });
    await expect(attempt).rejects.toMatchObject({ code: "studio:write-failed" });
    await expect(attempt).rejects.toHaveProperty("publicMessage", expect.not.stringContaining("EIO"));
    await expect(fs.stat(abs("jtyx/2022/011.mdx"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await leftovers(abs(DIR))).toEqual([]);
  });
});

describe("writeIssueFile: a correction", () => {
  const rel = "jtyx/2022/010.mdx";

  it("replaces the file when it is still the one the editor started from, and re-indexes it", async () => {
    const before = await status.readIssueFile(contentDir, rel);
    expect(before?.hash).toBe(sha256(await fs.readFile(abs(rel))));
    const corrected = before!.text.replace(/^title: .*$/m, "title: 更正后的标题");
    const { hash } = await publish.writeIssueFile({ root: contentDir, rel, source: corrected, expectedHash: before!.hash });
    expect(hash).toBe(sha256(corrected));
    expect(await fs.readFile(abs(rel), "utf8")).toBe(corrected);
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: true });
    expect((await archive.getPublicIssue(dbModule.db(), key(10)))?.title).toBe("更正后的标题");
    expect(await leftovers(abs(DIR))).toEqual([]);
  });

  it("refuses when the file was edited by hand meanwhile, and leaves the hand edit in place", async () => {
    const start = await status.readIssueFile(contentDir, rel);
    const handEdited = start!.text.replace(/^title: .*$/m, "title: 有人直接改了文件");
    await fs.writeFile(abs(rel), handEdited);
    const attempt = publish.writeIssueFile({
      root: contentDir,
      rel,
      source: start!.text.replace(/^title: .*$/m, "title: 工作室里的更正"),
      expectedHash: start!.hash,
    });
    await expect(attempt).rejects.toMatchObject({ code: "studio:file-changed", status: 409 });
    await expect(attempt).rejects.toHaveProperty(
      "publicMessage",
      expect.stringContaining("content/jtyx/2022/010.mdx 在您开始修改后已被改动"),
    );
    expect(await fs.readFile(abs(rel), "utf8")).toBe(handEdited);
    expect(await leftovers(abs(DIR))).toEqual([]);
  });

  it("refuses when a hand edit lands while the new text is being written", async () => {
    const start = await status.readIssueFile(contentDir, rel);
    const handEdited = start!.text.replace(/^title: .*$/m, "title: 写入途中被人改动");
    const open = fs.open.bind(fs);
    // The temporary file is opened with "wx" after the first check: the hand edit lands then.
    vi.spyOn(fs, "open").mockImplementation(async (file, flags, mode) => {
      if (flags === "wx") await fs.writeFile(abs(rel), handEdited);
      return open(file, flags, mode);
    });
    const attempt = publish.writeIssueFile({
      root: contentDir,
      rel,
      source: start!.text.replace(/^title: .*$/m, "title: 工作室里的更正"),
      expectedHash: start!.hash,
    });
    await expect(attempt).rejects.toMatchObject({ code: "studio:file-changed" });
    expect(await fs.readFile(abs(rel), "utf8")).toBe(handEdited);
    expect(await leftovers(abs(DIR))).toEqual([]);
  });

  it("refuses when the file was deleted meanwhile, without bringing it back", async () => {
    await site.write("jtyx/2022/012.mdx", renumbered(12, "将被删除的一期"));
    const start = await status.readIssueFile(contentDir, "jtyx/2022/012.mdx");
    await fs.rm(abs("jtyx/2022/012.mdx"));
    const attempt = publish.writeIssueFile({ root: contentDir, rel: "jtyx/2022/012.mdx", source: start!.text, expectedHash: start!.hash });
    await expect(attempt).rejects.toMatchObject({ code: "studio:file-changed" });
    await expect(fs.stat(abs("jtyx/2022/012.mdx"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await status.readIssueFile(contentDir, "jtyx/2022/012.mdx")).toBeNull();
  });

  it("keeps the old file whole when the final rename fails", async () => {
    const start = await status.readIssueFile(contentDir, rel);
    vi.spyOn(fs, "rename").mockRejectedValueOnce(Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" }));
    const attempt = publish.writeIssueFile({ root: contentDir, rel, source: `${start!.text}\n追加的一段。\n`, expectedHash: start!.hash });
    await expect(attempt).rejects.toMatchObject({ code: "studio:write-failed" });
    expect(await fs.readFile(abs(rel), "utf8")).toBe(start!.text);
    expect(await leftovers(abs(DIR))).toEqual([]);
  });
});

describe("writeIssueFile: atomic replacement", () => {
  it("never lets a reader in another process see an empty, partial or mixed file", async () => {
    const rel = "jtyx/2022/020.mdx";
    // Two versions of the same length (~300 KB), different in every character of the body.
    const version = (ch: string) => `${renumbered(20, "原子写入")}\n${`${ch.repeat(99)}\n`.repeat(1000)}`;
    const versions = [version("甲"), version("乙")];
    expect(Buffer.byteLength(versions[0]!)).toBeGreaterThan(300_000);
    expect(Buffer.byteLength(versions[0]!)).toBe(Buffer.byteLength(versions[1]!));
    let current = (await publish.writeIssueFile({ root: contentDir, rel, source: versions[0]!, expectedHash: null })).hash;

    const reader = fork(path.join(import.meta.dirname, "lib/publish-reader.ts"), [abs(rel), ...versions.map(sha256)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const progress: (() => void)[] = [];
    const done = new Promise<ReaderReport>((resolve, reject) => {
      reader.on("message", (m: ReaderMessage) => {
        if ("done" in m) resolve(m.done);
        else for (const wake of progress.splice(0)) wake();
      });
      reader.on("error", reject);
      reader.on("exit", (code) => reject(new Error(`reader exited with ${code} before reporting`)));
    });
    const readerRan = () => new Promise<void>((resolve) => progress.push(resolve));
    try {
      await readerRan();
      for (let i = 1; i <= 50; i++) {
        current = (await publish.writeIssueFile({ root: contentDir, rel, source: versions[i % 2]!, expectedHash: current })).hash;
        // Two reports after the write: the reader read the new version too before the next one.
        await readerRan();
        await readerRan();
      }
    } finally {
      reader.send("stop");
    }
    const report = await done;
    expect(report.bad).toEqual([]);
    expect(report.badCount).toBe(0);
    expect(report.reads).toBeGreaterThan(50 * 5);
    expect(await fs.readFile(abs(rel), "utf8")).toBe(versions[0]);
    expect(await leftovers(abs(DIR))).toEqual([]);
    await fs.rm(abs(rel));
  }, 60_000);
});

describe("setIssueFileStatus", () => {
  it("withdraws an issue from the public and restores it, changing only its status line", async () => {
    const rel = "jtyx/2022/003.mdx";
    const original = await fs.readFile(abs(rel));
    expect(original.toString()).toContain("\nstatus: published\n");
    const opened = await status.readIssueFile(contentDir, rel);

    const withdrawn = await status.setIssueFileStatus({ root: contentDir, rel, status: "withdrawn", expectedHash: opened!.hash });
    const onDisk = await fs.readFile(abs(rel));
    expect(onDisk.toString()).toBe(original.toString().replace("\nstatus: published\n", "\nstatus: withdrawn\n"));
    expect(withdrawn.hash).toBe(sha256(onDisk));
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: true });
    expect((await indexRow(rel))?.status).toBe("withdrawn");
    expect(await archive.getPublicIssue(dbModule.db(), key(3))).toBeUndefined();
    expect(await archive.getPublishedIssue(dbModule.db(), key(3), { includeInternal: true })).toBeUndefined();
    expect((await archive.issuesOfSeries(dbModule.db(), { seriesId: "jtyx", year: 2022 })).map((i) => i.number)).not.toContain(3);

    const restored = await status.setIssueFileStatus({ root: contentDir, rel, status: "published", expectedHash: withdrawn.hash });
    expect(await fs.readFile(abs(rel))).toEqual(original);
    expect(restored.hash).toBe(sha256(original));
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: true });
    expect((await archive.getPublicIssue(dbModule.db(), key(3)))?.path).toBe(rel);
    expect(await leftovers(abs(DIR))).toEqual([]);
  });

  it("adds the status line where there is none, keeping a byte-order mark, CRLF line ends and comments", async () => {
    const rel = "jtyx/2022/013.mdx";
    const lf = renumbered(13, "没有状态行的一期").replace("status: published\n", "").replace("editor: 赵坚", "editor: 赵坚 # 责任编辑");
    expect(lf).not.toContain("status:");
    const crlf = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    await site.write(rel, crlf);
    const original = await fs.readFile(abs(rel));
    expect([...original.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const { hash } = await status.setIssueFileStatus({ root: contentDir, rel, status: "withdrawn", expectedHash: sha256(original) });
    expect((await fs.readFile(abs(rel))).toString()).toBe(
      crlf.replace("visibility: public\r\n---\r\n", "visibility: public\r\nstatus: withdrawn\r\n---\r\n"),
    );
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: true });
    expect((await indexRow(rel))?.status).toBe("withdrawn");
    expect(await archive.getPublicIssue(dbModule.db(), key(13))).toBeUndefined();

    await status.setIssueFileStatus({ root: contentDir, rel, status: "published", expectedHash: hash });
    expect((await fs.readFile(abs(rel))).toString()).toBe(
      crlf.replace("visibility: public\r\n---\r\n", "visibility: public\r\nstatus: published\r\n---\r\n"),
    );
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: true });
    expect((await archive.getPublicIssue(dbModule.db(), key(13)))?.editor).toBe("赵坚");
  });

  it("refuses a stale hash and frontmatter it cannot edit safely, leaving the file as it was", async () => {
    const rel = "jtyx/2022/013.mdx";
    const before = await fs.readFile(abs(rel));
    await expect(
      status.setIssueFileStatus({ root: contentDir, rel, status: "withdrawn", expectedHash: sha256("an older version") }),
    ).rejects.toMatchObject({ code: "studio:file-changed" });
    expect(await fs.readFile(abs(rel))).toEqual(before);

    // A frontmatter written as one flow mapping has no line of its own for status.
    const flow = "---\n{ series: jtyx, year: 2022, number: 14, date: 2022-05-01, title: 一行写成的元数据, editor: 赵坚 }\n---\n\n正文。\n";
    await site.write("jtyx/2022/014.mdx", flow);
    await expect(
      status.setIssueFileStatus({ root: contentDir, rel: "jtyx/2022/014.mdx", status: "withdrawn", expectedHash: sha256(flow) }),
    ).rejects.toMatchObject({ code: "studio:draft-invalid" });
    expect(await fs.readFile(abs("jtyx/2022/014.mdx"), "utf8")).toBe(flow);
    await fs.rm(abs("jtyx/2022/014.mdx"));
  });
});

describe("syncIssueFile", () => {
  it("records a broken file's problems instead of serving it, and forgets a deleted file", async () => {
    const rel = "jtyx/2022/015.mdx";
    await site.write(rel, renumbered(15, "日期有误的一期").replace(/^date: .*$/m, "date: 2022-02-30"));
    const result = await syncOne.syncIssueFile({ root: contentDir, rel });
    expect(result).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ path: rel, field: "date", code: "content:invalid-frontmatter" })],
    });
    expect((await archive.problemsOfFile(dbModule.db(), rel)).map((p) => p.field)).toEqual(["date"]);
    expect(await indexRow(rel)).toBeUndefined();

    await site.write(rel, renumbered(15, "日期已改正的一期"));
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: true });
    expect(await archive.problemsOfFile(dbModule.db(), rel)).toEqual([]);
    expect((await archive.getPublicIssue(dbModule.db(), key(15)))?.title).toBe("日期已改正的一期");

    await fs.rm(abs(rel));
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: false, removed: true });
    expect(await indexRow(rel)).toBeUndefined();
    const ledger = dbModule.db().select().from(schema.contentFiles).all();
    expect(ledger.map((f) => f.path)).not.toContain(rel);
  });

  it("refuses a duplicate number as the full sync does, unless the other file is gone", async () => {
    const rel = "jtyx/2022/10.mdx";
    await site.write(rel, renumbered(10, "重复的第十期"));
    const dup = await syncOne.syncIssueFile({ root: contentDir, rel });
    expect(dup).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: "content:duplicate-issue" })] });
    expect((await archive.getPublicIssue(dbModule.db(), key(10)))?.path).toBe("jtyx/2022/010.mdx");

    // The original was deleted by hand and the index has not heard yet.
    const original = await fs.readFile(abs("jtyx/2022/010.mdx"));
    await fs.rm(abs("jtyx/2022/010.mdx"));
    expect(await syncOne.syncIssueFile({ root: contentDir, rel })).toMatchObject({ ok: true });
    expect((await archive.getPublicIssue(dbModule.db(), key(10)))?.title).toBe("重复的第十期");

    await fs.rm(abs(rel));
    await fs.writeFile(abs("jtyx/2022/010.mdx"), original);
    expect(await sync.syncContent({ root: contentDir })).toMatchObject({ failed: 0, problems: [] });
    expect((await archive.getPublicIssue(dbModule.db(), key(10)))?.path).toBe("jtyx/2022/010.mdx");
  });
});

describe("clearIssuePdfs", () => {
  it("removes every cached PDF of one issue and leaves the others", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7 test");
    const mine = cache.cacheEntry(key(3), "a".repeat(64), "layout1");
    await cache.storeCached(mine, pdf);
    // A version from an older layout, left by another process.
    const older = cache.cacheEntry(key(3), "b".repeat(64), "layout0");
    await fs.writeFile(older.file, pdf);
    const others = [
      cache.cacheEntry(key(4), "c".repeat(64), "layout1"),
      cache.cacheEntry(key(3, true), "d".repeat(64), "layout1"),
      cache.cacheEntry(key(13), "e".repeat(64), "layout1"),
    ];
    for (const e of others) await cache.storeCached(e, pdf);
    const inFlight = `${cache.cacheEntry(key(3), "f".repeat(64), "layout1").file}.123.abc.tmp`;
    await fs.writeFile(inFlight, pdf);

    expect(await cache.clearIssuePdfs(key(3))).toBe(2);
    expect(await cache.readCached(mine)).toBeUndefined();
    expect(await cache.readCached(older)).toBeUndefined();
    for (const e of others) expect(Buffer.from((await cache.readCached(e))!)).toEqual(Buffer.from(pdf));
    await expect(fs.stat(inFlight)).resolves.toBeDefined();
    expect(await cache.clearIssuePdfs(key(3))).toBe(0);
    expect(await cache.clearIssuePdfs({ ...key(1), year: 1999 })).toBe(0);
  });
});
