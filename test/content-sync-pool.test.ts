// A large sync compiles on a pool of child processes; what it writes must be exactly what the
// in-process sync writes, in the same order (so duplicate numbers resolve the same way).
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { createLoadPool } from "@/lib/content/load-pool";
import { syncContent } from "@/lib/content/sync";
import { closeDb, db } from "@/lib/database";
import { freshDatabase, REPO_CONTENT, site } from "./lib/temp-site";

let contentDir: string;

beforeAll(async () => {
  contentDir = site.contentDir;
  await fs.mkdir(path.join(contentDir, "series"), { recursive: true });
  await fs.copyFile(path.join(REPO_CONTENT, "series/jtyx.yml"), path.join(contentDir, "series/jtyx.yml"));
  const sample = await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8");
  for (let n = 1; n <= 80; n++) {
    const year = 2000 + (n % 4);
    const text = sample
      .replace(/^year: .*$/m, `year: ${year}`)
      .replace(/^number: .*$/m, `number: ${n}`)
      .replace(/^date: .*$/m, `date: ${year}-03-25`)
      .replace("长治", `长治${n}号`);
    await fs.mkdir(path.join(contentDir, `jtyx/${year}`), { recursive: true });
    await fs.writeFile(path.join(contentDir, `jtyx/${year}/${String(n).padStart(3, "0")}.mdx`), text);
  }
  // A broken file and a duplicate number among them.
  await fs.writeFile(
    path.join(contentDir, "jtyx/2001/900.mdx"),
    sample
      .replace(/^number: .*$/m, "number: 900")
      .replace(/^year: .*$/m, "year: 2001")
      .replace(/^date: .*$/m, "date: 2001-02-30"),
  );
  await fs.copyFile(path.join(contentDir, "jtyx/2001/001.mdx"), path.join(contentDir, "jtyx/2001/1.mdx"));
});

async function syncWith(workers: number) {
  await freshDatabase();
  const report = await syncContent({
    root: contentDir,
    pool: workers > 1 ? (root, series) => createLoadPool(root, series, workers) : undefined,
  });
  const client = db().$client;
  const rows = client
    .prepare(
      "SELECT path, title, b.text, b.tree, articles, organization FROM issues JOIN issue_bodies b ON b.issue_id = issues.id ORDER BY path",
    )
    .all();
  const search = client.prepare("SELECT count(*) AS n FROM issue_search WHERE issue_search MATCH '\"长治 治4 42 2号\"'").get();
  const problems = client.prepare("SELECT path, field, code FROM content_problems ORDER BY path").all();
  closeDb();
  return { report: { ...report, ms: 0 }, rows, search, problems };
}

it("writes the same index on a pool of processes as in-process", async () => {
  const inProcess = await syncWith(1);
  const pooled = await syncWith(2);
  expect(inProcess.report).toMatchObject({ added: 80, failed: 2 });
  expect(inProcess.rows).toHaveLength(80);
  expect(inProcess.problems).toEqual([
    { path: "jtyx/2001/1.mdx", field: "number", code: "content:duplicate-issue" },
    { path: "jtyx/2001/900.mdx", field: "date", code: "content:invalid-frontmatter" },
  ]);
  expect(inProcess.search).toEqual({ n: 1 });
  expect(pooled).toEqual(inProcess);
}, 120_000);
