// Symlinks under the content root are never followed: content:check and the sync refuse a linked
// issue file, series file, folder or picture at its path with content:symlink, and go on serving
// every other issue. The reading helper itself refuses links anywhere on the path.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublishedIssue } from "@/db/queries/archive";
import { checkContent } from "@/lib/content/check";
import { sha256 } from "@/lib/content/load";
import { openContentFile, readContentFile } from "@/lib/content/safe-file";
import { syncContent } from "@/lib/content/sync";
import { syncIssueFile } from "@/lib/content/sync-one";
import { db } from "@/lib/database";
import { writeIssueFile } from "@/lib/studio/publish-file";
import { placeIssueMedia } from "@/lib/studio/publish-pictures";
import { pngOf } from "./lib/pictures";
import { REPO_CONTENT, site } from "./lib/temp-site";

let root: string;
let outside: string;
const SECRET = "s3cret-session-key-that-must-never-be-served";

const issue = (year: number, number: number, body = "正文。") =>
  `---\nseries: jtyx\nyear: ${year}\nnumber: ${number}\ndate: ${year}-03-01\ntitle: 第${number}期\n---\n\n${body}\n`;

beforeAll(async () => {
  root = site.contentDir;
  outside = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-outside-"));
  await fs.writeFile(path.join(outside, "auth-secret"), SECRET);
  await fs.writeFile(path.join(outside, "evil.yml"), await fs.readFile(path.join(REPO_CONTENT, "series/jtyx.yml")));
  await fs.mkdir(path.join(outside, "2024"));
  await fs.writeFile(path.join(outside, "2024/001.mdx"), issue(2024, 1));
  await fs.writeFile(path.join(outside, "002.mdx"), issue(2022, 2));

  await site.write("series/jtyx.yml", await fs.readFile(path.join(REPO_CONTENT, "series/jtyx.yml"), "utf8"));
  await fs.symlink(path.join(outside, "evil.yml"), path.join(root, "series/evil.yml"));
  await site.write("jtyx/2022/001.mdx", issue(2022, 1));
  await fs.symlink(path.join(outside, "002.mdx"), path.join(root, "jtyx/2022/002.mdx"));
  await site.write("jtyx/2022/003.mdx", issue(2022, 3, '<Figure src="003.media/a.png" caption="图" />'));
  await fs.mkdir(path.join(root, "jtyx/2022/003.media"));
  await fs.symlink(path.join(outside, "auth-secret"), path.join(root, "jtyx/2022/003.media/a.png"));
  await fs.symlink(path.join(outside, "2024"), path.join(root, "jtyx/2024"));
}, 60_000);

afterAll(async () => {
  await fs.rm(outside, { recursive: true, force: true });
});

describe("content:check", () => {
  it("refuses a symlinked issue file, series file, folder and picture at their paths, and loads the rest", async () => {
    const result = await checkContent(root);
    const symlinks = result.problems.filter((p) => p.code === "content:symlink");
    expect(symlinks.map((p) => p.path).sort()).toEqual([
      "jtyx/2022/002.mdx",
      "jtyx/2022/003.mdx",
      "jtyx/2022/003.media/a.png",
      "jtyx/2024",
      "series/evil.yml",
    ]);
    const picture = symlinks.find((p) => p.path === "jtyx/2022/003.mdx")!;
    expect(picture.line).toBe(9);
    expect(picture.message).toContain("003.media/a.png");
    expect(result.issues.map((i) => i.path)).toEqual(["jtyx/2022/001.mdx"]);
    expect(result.series.map((s) => s.path)).toEqual(["series/jtyx.yml"]);
  });

  it("prints each refusal with its path and code from `npm run content:check`", () => {
    let out = "";
    try {
      execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/content-check.ts", root], {
        cwd: path.resolve(import.meta.dirname, ".."),
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      out = String((error as { stderr: string }).stderr);
    }
    expect(out).toMatch(/^jtyx\/2022\/002\.mdx:1: file: .*\[content:symlink\]$/m);
    expect(out).toMatch(/^jtyx\/2024:1: file: .*\[content:symlink\]$/m);
    expect(out).toMatch(/^series\/evil\.yml:1: file: .*\[content:symlink\]$/m);
    expect(out).not.toContain(SECRET);
  });
});

describe("content sync", () => {
  it("indexes the real issues and records the linked one as refused", async () => {
    const report = await syncContent({ root });
    expect(
      report.problems
        .filter((p) => p.code === "content:symlink")
        .map((p) => p.path)
        .sort(),
    ).toEqual(["jtyx/2022/002.mdx", "jtyx/2022/003.mdx", "jtyx/2022/003.media/a.png", "jtyx/2024", "series/evil.yml"]);
    const found = async (number: number) =>
      !!(await getPublishedIssue(db(), { series: "jtyx", year: 2022, number, supplement: false }, { includeInternal: true }));
    expect([await found(1), await found(2), await found(3)]).toEqual([true, false, false]);
  });

  it("the studio's single-file sync refuses a linked issue file at its path, as the full sync does", async () => {
    const result = await syncIssueFile({ root, rel: "jtyx/2022/002.mdx" });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([["jtyx/2022/002.mdx", "content:symlink"]]);
  });
});

describe("openContentFile", () => {
  it("reads a real file, also when the root itself is reached through a link", async () => {
    const linkRoot = path.join(outside, "root-link");
    await fs.symlink(root, linkRoot);
    expect((await readContentFile(linkRoot, "jtyx/2022/001.mdx")).bytes.toString()).toContain("第1期");
  });

  it("refuses a link as the file, as a folder on the way, and a path that climbs out", async () => {
    await expect(openContentFile(root, "jtyx/2022/003.media/a.png")).rejects.toMatchObject({ code: "content:symlink" });
    await expect(openContentFile(root, "jtyx/2024/001.mdx")).rejects.toMatchObject({ code: "content:symlink" });
    await expect(openContentFile(root, "jtyx/../../auth-secret")).rejects.toMatchObject({ code: "content:not-a-file" });
    await expect(openContentFile(root, "/etc/passwd")).rejects.toMatchObject({ code: "content:not-a-file" });
  });

  it("refuses a folder and a FIFO without blocking on it", async () => {
    execFileSync("mkfifo", [path.join(root, "jtyx/2022/003.media/b.png")]);
    await expect(openContentFile(root, "jtyx/2022/003.media/b.png")).rejects.toMatchObject({ code: "content:not-a-file" });
    await expect(openContentFile(root, "jtyx/2022")).rejects.toMatchObject({ code: "content:not-a-file" });
    await fs.rm(path.join(root, "jtyx/2022/003.media/b.png"));
  });
});

describe("the studio's writes", () => {
  it("refuses to publish a new issue, or its pictures, into a folder that is a link out of the root", async () => {
    await expect(writeIssueFile({ root, rel: "jtyx/2024/002.mdx", source: issue(2024, 2), expectedHash: null })).rejects.toMatchObject({
      code: "studio:file-changed",
    });
    await expect(placeIssueMedia(root, "jtyx/2024/003.mdx", [{ name: "a.png", bytes: pngOf(1, 1) }])).rejects.toMatchObject({
      code: "studio:file-changed",
    });
    expect(await fs.readdir(path.join(outside, "2024"))).toEqual(["001.mdx"]);
  });

  it("refuses to correct a published file that is a link", async () => {
    const hash = sha256(await fs.readFile(path.join(outside, "002.mdx")));
    await expect(
      writeIssueFile({ root, rel: "jtyx/2022/002.mdx", source: issue(2022, 2, "改了"), expectedHash: hash }),
    ).rejects.toMatchObject({ code: "studio:file-changed" });
    expect(await fs.readFile(path.join(outside, "002.mdx"), "utf8")).toBe(issue(2022, 2));
  });
});
