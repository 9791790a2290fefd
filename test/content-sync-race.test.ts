// A sync never writes a state older than the index holds (issue 13, item 9). A content:sync of
// 2,000 issues runs in another process and is stopped at exact steps (a test seam, not timing):
// after its scan, a new issue is published; after it has loaded an issue and before it writes
// it, that issue is withdrawn through the studio's own file and index writes. When the sync goes
// on, the withdrawn issue stays withdrawn and the new one stays in the index.
import { fork } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { syncContent } from "@/lib/content/sync";
import { syncIssueFile } from "@/lib/content/sync-one";
import { db } from "@/lib/database";
import { readIssueFile, setIssueFileStatus } from "@/lib/studio/file-status";
import { writeIssueFile } from "@/lib/studio/publish-file";
import { REPO } from "./lib/import-env";
import { REPO_CONTENT, site } from "./lib/temp-site";

const COUNT = 2000;
const TARGET = "jtyx/2000/001.mdx";

let sample: string;
const issueText = (year: number, n: number, title = `第${n}期的标题`) =>
  sample
    .replace(/^year: .*$/m, `year: ${year}`)
    .replace(/^number: .*$/m, `number: ${n}`)
    .replace(/^date: .*$/m, `date: ${year}-03-25`)
    .replace(/^title: .*$/m, `title: ${title}`);

beforeAll(async () => {
  sample = await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8");
  await site.write("series/jtyx.yml", await fs.readFile(path.join(REPO_CONTENT, "series/jtyx.yml"), "utf8"));
});

type Step = { step: "scanned" | "write" | "done"; report?: unknown };

it("a withdrawal and a publication made while a 2,000-issue sync runs in another process survive it", async () => {
  const root = site.contentDir;

  // The index holds the issue as first published; then it is corrected on disk (a new title),
  // and 1,999 more issues arrive: the next sync has all of them, the corrected one first, to load.
  await site.write(TARGET, issueText(2000, 1, "初版标题"));
  await syncContent({ root });
  await site.write(TARGET, issueText(2000, 1, "更正后的标题"));
  for (let k = 1; k < COUNT; k++) {
    const year = 2000 + Math.floor(k / 100);
    const n = (k % 100) + 1;
    await site.write(`jtyx/${year}/${String(n).padStart(3, "0")}.mdx`, issueText(year, n));
  }

  const child = fork(path.join(REPO, "test/lib/sync-race-child.ts"), [], {
    cwd: REPO,
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, CONTENT_DIR: root, DATA_DIR: site.dataDir, SYNC_RACE_TARGET: TARGET },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const steps: Step[] = [];
  let wake: (() => void) | undefined;
  child.on("message", (m: Step) => {
    steps.push(m);
    wake?.();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const next = async (): Promise<Step> => {
    while (steps.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return steps.shift()!;
  };

  try {
    // 1. Scanned, nothing written yet: a new issue is published (file, then its index rows).
    expect((await next()).step).toBe("scanned");
    const published = "jtyx/2030/001.mdx";
    await writeIssueFile({ root, rel: published, source: issueText(2030, 1, "扫描之后发布的一期"), expectedHash: null });
    expect(await syncIssueFile({ root, rel: published })).toMatchObject({ ok: true });
    child.send("go");

    // 2. The batch holding the corrected issue is loaded (as published) and not yet written: a
    //    reviewer withdraws the issue, as changePublication does, and a second issue is published.
    expect((await next()).step).toBe("write");
    const file = await readIssueFile(root, TARGET);
    await setIssueFileStatus({ root, rel: TARGET, status: "withdrawn", expectedHash: file!.hash });
    expect(await syncIssueFile({ root, rel: TARGET })).toMatchObject({ ok: true });
    const second = "jtyx/2030/002.mdx";
    await writeIssueFile({ root, rel: second, source: issueText(2030, 2, "写入之前发布的一期"), expectedHash: null });
    expect(await syncIssueFile({ root, rel: second })).toMatchObject({ ok: true });
    child.send("go");

    const done = await next();
    expect(done.step).toBe("done");
    // The sync saw that the issue's row had moved on and left it as the studio indexed it.
    expect(done.report).toMatchObject({ superseded: 1 });
    expect(await exited).toBe(0);
  } finally {
    child.kill();
  }

  const rows = db()
    .$client.prepare("SELECT path, status, title FROM issues WHERE path IN (?, ?, ?) ORDER BY path")
    .all(TARGET, "jtyx/2030/001.mdx", "jtyx/2030/002.mdx");
  expect(rows).toEqual([
    { path: TARGET, status: "withdrawn", title: "更正后的标题" },
    { path: "jtyx/2030/001.mdx", status: "published", title: "扫描之后发布的一期" },
    { path: "jtyx/2030/002.mdx", status: "published", title: "写入之前发布的一期" },
  ]);
  expect(db().$client.prepare("SELECT count(*) AS n FROM issues").get()).toEqual({ n: COUNT + 2 });

  // And a sync run afterwards, with nothing changing meanwhile, agrees with what is on disk.
  const again = await syncContent({ root });
  expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, failed: 0 });
  expect(db().$client.prepare("SELECT status FROM issues WHERE path = ?").get(TARGET)).toEqual({ status: "withdrawn" });
}, 600_000);

it("the studio's single-file sync indexes the newer file when the file changes while it loads", async () => {
  const root = site.contentDir;
  const rel = "jtyx/2031/001.mdx";
  await writeIssueFile({ root, rel, source: issueText(2031, 1, "第一版"), expectedHash: null });
  let changed = false;
  const result = await syncIssueFile({
    root,
    rel,
    // Loaded as 第一版; before its rows are written, another process replaces the file.
    loaded: async () => {
      if (changed) return;
      changed = true;
      const file = await readIssueFile(root, rel);
      await writeIssueFile({ root, rel, source: issueText(2031, 1, "第二版"), expectedHash: file!.hash });
    },
  });
  expect(result).toMatchObject({ ok: true });
  expect(db().$client.prepare("SELECT title FROM issues WHERE path = ?").get(rel)).toEqual({ title: "第二版" });
});
