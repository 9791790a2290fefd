// The content sync: files under CONTENT_DIR are indexed into SQLite incrementally, a broken file
// is reported and skipped without taking the rest down, and the public archive queries serve
// exactly the published, public issues. The steps below run in order against one temp database.
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as archive from "@/db/queries/archive";
import * as schema from "@/db/schema";
import { formatProblem } from "@/lib/content/problem";
import * as sync from "@/lib/content/sync";
import * as dbModule from "@/lib/database";
import { env } from "@/lib/env";
import { REPO_CONTENT, site } from "./lib/temp-site";

let contentDir: string;
let dataDir: string;
let sample: string;
let seriesYml: string;

const key = (number: number, supplement = false) => ({ series: "jtyx", year: 2022, number, supplement });
const write = (rel: string, text: string) => site.write(rel, text);
const run = () => sync.syncContent({ root: contentDir });
/** The sample issue renumbered: number N in jtyx/2022/00N.mdx. */
const renumbered = (n: number, text = sample) => text.replace(/^number: 3$/m, `number: ${n}`);

beforeAll(async () => {
  ({ contentDir, dataDir } = site);
  expect(env().databaseFile.startsWith(dataDir)).toBe(true);

  seriesYml = await fs.readFile(path.join(REPO_CONTENT, "series/jtyx.yml"), "utf8");
  sample = await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8");
  await write("series/jtyx.yml", seriesYml);
  await write("jtyx/2022/003.mdx", sample);
});

describe("syncContent", () => {
  it("indexes the sample issue on the first sync and serves it with its distribution lists", async () => {
    const report = await run();
    expect(report).toMatchObject({ added: 1, updated: 0, unchanged: 0, removed: 0, failed: 0, problems: [] });

    const issue = await archive.getPublicIssue(dbModule.db(), key(3));
    expect(issue).toBeDefined();
    expect(issue!.title).toBe("团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展");
    expect(issue!.titleLines).toEqual(["团长治市委认真履行全团带队职责", "多措并举推动少先队工作高质量发展"]);
    expect(issue!.date).toBe("2022-03-25");
    expect(issue!.editor).toBe("赵坚");
    expect(issue!.organization).toBe("共青团山西省委");
    expect(issue!.series).toMatchObject({ id: "jtyx", name: "晋团要讯", color: "#E60012" });
    expect(issue!.distribution).toEqual({
      report: ["省委办公厅", "省人大办公厅", "省政府办公厅", "省政协办公厅", "团中央办公厅"],
      send: ["省直有关单位", "各市党委政府", "团省委班子成员"],
      issue: ["市级团委", "团省委机关各部门、直属事业单位"],
    });
    expect(issue!.bodyText).toContain("交出新时代少先队工作的“长治答卷”。");
    expect(await archive.countPublicIssues(dbModule.db())).toBe(1);
  });

  it("skips an unchanged file on the second sync", async () => {
    const report = await run();
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 1, removed: 0, failed: 0 });
    expect(await archive.countPublicIssues(dbModule.db())).toBe(1);
  });

  it("skips a file touched on disk whose bytes are the same, and then skips it by its stamp", async () => {
    const file = path.join(contentDir, "jtyx/2022/003.mdx");
    // Older than the stamp's settling time: a stamp is trusted only for files not just modified.
    const later = new Date(Date.now() - 60_000);
    await fs.utimes(file, later, later);
    expect(await run()).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    const row = dbModule
      .db()
      .select()
      .from(schema.contentFiles)
      .all()
      .find((f) => f.path === "jtyx/2022/003.mdx");
    expect(row?.stamp).toContain(`|${(await fs.stat(file, { bigint: true })).mtimeNs}|`);
    expect(await run()).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
  });

  it("re-indexes an edit that keeps the file's size", async () => {
    const file = path.join(contentDir, "jtyx/2022/003.mdx");
    const before = await fs.readFile(file, "utf8");
    await fs.writeFile(file, before.replace("交出新时代少先队工作", "交出新时代少先队事业"));
    expect((await fs.stat(file)).size).toBe(Buffer.byteLength(before));
    expect(await run()).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await archive.getPublicIssue(dbModule.db(), key(3)))!.bodyText).toContain("交出新时代少先队事业");
    await fs.writeFile(file, before);
    expect(await run()).toMatchObject({ updated: 1 });
  });

  it("re-indexes an edit made in the same clock tick as the last sync, with the same size and time", async () => {
    // A coarse file system clock (or an edit within one tick) leaves size, time and inode as they
    // were: the stamp of a file synced just after it was written must not be trusted later.
    const file = path.join(contentDir, "jtyx/2022/003.mdx");
    const before = await fs.readFile(file, "utf8");
    const tick = new Date(Math.floor(Date.now() / 1000) * 1000);
    await fs.writeFile(file, before.replace("交出新时代少先队工作", "交出新时代少先队任务"));
    await fs.utimes(file, tick, tick);
    expect(await run()).toMatchObject({ updated: 1 });
    await fs.writeFile(file, before.replace("交出新时代少先队工作", "交出新时代少先队答卷"));
    await fs.utimes(file, tick, tick);
    expect(await run()).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await archive.getPublicIssue(dbModule.db(), key(3)))!.bodyText).toContain("交出新时代少先队答卷");
    await fs.writeFile(file, before);
    expect(await run()).toMatchObject({ updated: 1 });
  });

  it("re-indexes a changed file and serves the new title", async () => {
    await write("jtyx/2022/003.mdx", sample.replace(/^title: .*$/m, "title: 团长治市委推动少先队改革 取得新成效"));
    const report = await run();
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 0, removed: 0, failed: 0 });
    const issue = await archive.getPublicIssue(dbModule.db(), key(3));
    expect(issue!.title).toBe("团长治市委推动少先队改革 取得新成效");
    expect(issue!.titleLines).toEqual(["团长治市委推动少先队改革", "取得新成效"]);
    expect(await archive.countPublicIssues(dbModule.db())).toBe(1);
  });

  it("adds a second issue file", async () => {
    await write("jtyx/2022/004.mdx", renumbered(4).replace(/^date: .*$/m, "date: 2022-04-08"));
    const report = await run();
    expect(report).toMatchObject({ added: 1, updated: 0, unchanged: 1, failed: 0 });
    expect((await archive.getPublicIssue(dbModule.db(), key(4)))?.date).toBe("2022-04-08");
    expect((await archive.issuesOfSeries(dbModule.db(), { seriesId: "jtyx", year: 2022 })).map((i) => i.number)).toEqual([4, 3]);
  });

  it("reports a broken file with path:line and keeps serving the others", async () => {
    await write("jtyx/2022/005.mdx", renumbered(5).replace(/^date: .*$/m, "date: 2022-02-30"));
    const report = await run();
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 2, failed: 1 });
    expect(report.problems).toEqual([
      expect.objectContaining({ path: "jtyx/2022/005.mdx", line: 5, field: "date", code: "content:invalid-frontmatter" }),
    ]);
    expect(formatProblem(report.problems[0]!)).toMatch(/^jtyx\/2022\/005\.mdx:5: date: /);

    expect(await archive.countPublicIssues(dbModule.db())).toBe(2);
    expect(await archive.getPublicIssue(dbModule.db(), key(3))).toBeDefined();
    expect(await archive.getPublicIssue(dbModule.db(), key(4))).toBeDefined();
    expect(await archive.getPublicIssue(dbModule.db(), key(5))).toBeUndefined();
    // The site can tell editors that a file was skipped.
    expect(await archive.countContentProblems(dbModule.db())).toBe(1);
  });

  it("still counts the broken file as failed while it is unchanged, and indexes it once fixed", async () => {
    const again = await run();
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, failed: 1 });
    expect(await archive.countContentProblems(dbModule.db())).toBe(1);

    await write("jtyx/2022/005.mdx", renumbered(5).replace(/^date: .*$/m, "date: 2022-05-06"));
    const fixed = await run();
    expect(fixed).toMatchObject({ updated: 1, unchanged: 2, failed: 0, problems: [] });
    expect((await archive.getPublicIssue(dbModule.db(), key(5)))?.date).toBe("2022-05-06");
    expect(await archive.countContentProblems(dbModule.db())).toBe(0);
    expect(await archive.countPublicIssues(dbModule.db())).toBe(3);
  });

  it("removes a deleted file from the index", async () => {
    await fs.rm(path.join(contentDir, "jtyx/2022/005.mdx"));
    const report = await run();
    expect(report).toMatchObject({ added: 0, updated: 0, removed: 1, failed: 0 });
    expect(await archive.getPublicIssue(dbModule.db(), key(5))).toBeUndefined();
    expect(await archive.countPublicIssues(dbModule.db())).toBe(2);
  });

  it("indexes an internal issue but never serves it publicly", async () => {
    await write("jtyx/2022/006.mdx", renumbered(6).replace(/^visibility: public$/m, "visibility: internal"));
    const report = await run();
    expect(report).toMatchObject({ added: 1, failed: 0 });

    const row = dbModule.db().select().from(schema.issues).where(eq(schema.issues.path, "jtyx/2022/006.mdx")).get();
    expect(row).toMatchObject({ number: 6, visibility: "internal" });

    expect(await archive.getPublicIssue(dbModule.db(), key(6))).toBeUndefined();
    expect((await archive.issuesOfSeries(dbModule.db(), { seriesId: "jtyx" })).map((i) => i.number)).toEqual([4, 3]);
    expect((await archive.issuesOfSeries(dbModule.db(), { seriesId: "jtyx", year: 2022 })).map((i) => i.number)).not.toContain(6);
    expect(await archive.yearsOfSeries(dbModule.db(), "jtyx")).toEqual([{ year: 2022, count: 2 }]);
    const latest = await archive.latestIssuesBySeries(dbModule.db());
    expect(latest.flatMap((s) => s.issues.map((i) => i.number))).not.toContain(6);
    expect(await archive.countPublicIssues(dbModule.db())).toBe(2);
  });

  it("refuses a second file with the same number and keeps serving the original", async () => {
    await write("jtyx/2022/3.mdx", sample.replace(/^title: .*$/m, "title: 重复的一期"));
    const report = await run();
    expect(report.added).toBe(0);
    expect(report.failed).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({ path: "jtyx/2022/3.mdx", line: 1, field: "number", code: "content:duplicate-issue" }),
    ]);
    expect(report.problems[0]!.message).toContain("jtyx/2022/003.mdx");
    const issue = await archive.getPublicIssue(dbModule.db(), key(3));
    expect(issue!.path).toBe("jtyx/2022/003.mdx");
    expect(issue!.title).toBe("团长治市委推动少先队改革 取得新成效");

    // Still refused on the next sync (duplicates are re-checked every time).
    const again = await run();
    expect(again.problems).toEqual([expect.objectContaining({ path: "jtyx/2022/3.mdx", code: "content:duplicate-issue" })]);
    expect((await archive.getPublicIssue(dbModule.db(), key(3)))!.path).toBe("jtyx/2022/003.mdx");
  });

  it("serves the remaining file as soon as the original of a duplicate is deleted", async () => {
    await fs.rm(path.join(contentDir, "jtyx/2022/003.mdx"));
    const report = await run();
    expect(report).toMatchObject({ removed: 1, failed: 0 });
    const issue = await archive.getPublicIssue(dbModule.db(), key(3));
    expect(issue?.path).toBe("jtyx/2022/3.mdx");
    expect(issue?.title).toBe("重复的一期");
    // Back to the canonical file name for the steps that follow.
    await fs.rm(path.join(contentDir, "jtyx/2022/3.mdx"));
    await write("jtyx/2022/003.mdx", sample);
    const back = await run();
    expect(back).toMatchObject({ failed: 0 });
    expect((await archive.getPublicIssue(dbModule.db(), key(3)))?.path).toBe("jtyx/2022/003.mdx");
  });

  it("keeps serving an issue whose file is renamed, from the first sync after the rename", async () => {
    const text = await fs.readFile(path.join(contentDir, "jtyx/2022/004.mdx"), "utf8");
    await fs.rm(path.join(contentDir, "jtyx/2022/004.mdx"));
    await write("jtyx/2022/4.mdx", text);
    const report = await run();
    expect(report).toMatchObject({ added: 1, removed: 1, failed: 0, problems: [] });
    expect((await archive.getPublicIssue(dbModule.db(), key(4)))?.path).toBe("jtyx/2022/4.mdx");
    await fs.rm(path.join(contentDir, "jtyx/2022/4.mdx"));
    await write("jtyx/2022/004.mdx", text);
    expect(await run()).toMatchObject({ added: 1, removed: 1, failed: 0 });
    expect((await archive.getPublicIssue(dbModule.db(), key(4)))?.path).toBe("jtyx/2022/004.mdx");
  });

  it("re-indexes the issues when the series file changes, and applies its new defaults", async () => {
    // Issue 4 sets its own organization; issue 3 takes the series'.
    await write("jtyx/2022/004.mdx", renumbered(4).replace(/^date: .*$/m, "date: 2022-04-08\norganization: 团长治市委"));
    await run();
    expect((await archive.getPublicIssue(dbModule.db(), key(4)))?.organization).toBe("团长治市委");

    await write("series/jtyx.yml", seriesYml.replace(/^organization: .*$/m, "organization: 共青团山西省委员会"));
    const report = await run();
    // 003, 004 and the internal 006 all depend on the series.
    expect(report).toMatchObject({ added: 0, updated: 3, unchanged: 0, failed: 0 });
    expect((await archive.getSeries(dbModule.db(), "jtyx"))?.organization).toBe("共青团山西省委员会");
    expect((await archive.getPublicIssue(dbModule.db(), key(3)))?.organization).toBe("共青团山西省委员会");
    expect((await archive.getPublicIssue(dbModule.db(), key(4)))?.organization).toBe("团长治市委");
  });

  it("takes the distribution lists from the series when an issue gives none", async () => {
    const withoutLists = sample.replace(/^distribution:\n(?: .*\n)+/m, "");
    expect(withoutLists).not.toContain("distribution:");
    await write("jtyx/2022/007.mdx", renumbered(7, withoutLists));
    const report = await run();
    expect(report).toMatchObject({ added: 1, failed: 0 });
    const issue = await archive.getPublicIssue(dbModule.db(), key(7));
    expect(issue?.distribution.report).toEqual(["省委办公厅", "省人大办公厅", "省政府办公厅", "省政协办公厅", "团中央办公厅"]);
    expect(issue?.distribution.issue).toEqual(["市级团委", "团省委机关各部门、直属事业单位"]);
  });
});
