// Acceptance: the real 晋团要讯〔2022〕第3期, as text copied out of its PDF, imports to the
// project's own hand-made content/jtyx/2022/003.mdx: the same frontmatter field by field and the
// same body once both are rendered to plain text. The imported file then passes content:check.
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content/check";
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { compileBody } from "@/lib/content/mdx";
import { importFile } from "@/lib/import/import-file";
import { listFiles, REPO, SAMPLE_TXT, tempContent } from "./lib/import-env";

const OWN = path.join(REPO, "content/jtyx/2022/003.mdx");

async function parts(text: string) {
  const split = splitFrontmatter("x.mdx", text);
  if (!split.ok) throw new Error("no frontmatter");
  const compiled = await compileBody(split.value.body);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.violations));
  return { frontmatter: split.value.data as Record<string, unknown>, text: compiled.value.text };
}

describe("importing the sample issue (jintuan-yaoxun-2022-03.txt)", () => {
  let env: Awaited<ReturnType<typeof tempContent>>;
  let result: Awaited<ReturnType<typeof importFile>>;
  beforeAll(async () => {
    env = await tempContent();
    result = await importFile(SAMPLE_TXT, { contentDir: env.dir, series: env.series });
  });

  it("is recognised without anything left to review", () => {
    expect(result.status).toBe("imported");
    if (result.status === "failed") return;
    expect(result.target).toBe("jtyx/2022/003.mdx");
    expect(result.notes.filter((n) => n.review)).toEqual([]);
  });

  it("yields frontmatter equal, field by field, to content/jtyx/2022/003.mdx", async () => {
    const imported = await parts(await fs.readFile(path.join(env.dir, "jtyx/2022/003.mdx"), "utf8"));
    const own = await parts(await fs.readFile(OWN, "utf8"));
    expect(Object.keys(imported.frontmatter)).toEqual(Object.keys(own.frontmatter));
    for (const key of Object.keys(own.frontmatter)) expect.soft(imported.frontmatter[key], key).toEqual(own.frontmatter[key]);
  });

  it("yields the same body text once both are rendered to plain text", async () => {
    const imported = await parts(await fs.readFile(path.join(env.dir, "jtyx/2022/003.mdx"), "utf8"));
    const own = await parts(await fs.readFile(OWN, "utf8"));
    expect(imported.text).toBe(own.text);
    // Joined across the page breaks, with no space left between Chinese and digits.
    expect(imported.text).toContain("市教育局牵头负责");
    expect(imported.text).toContain("在684所中小学");
    expect(imported.text).not.toMatch(/[\u4e00-\u9fff] [0-9\u4e00-\u9fff]/);
  });

  it("marks the run-in headings and the 一是/二是/三是 the way the hand-made file does", async () => {
    const mdx = await fs.readFile(path.join(env.dir, "jtyx/2022/003.mdx"), "utf8");
    expect(mdx.match(/<RunIn>[一二三四]、[^<]+。<\/RunIn>/g)).toHaveLength(4);
    // The text bolds them in section 二 only; every section gets them.
    expect(mdx.match(/\*\*[一二三]是\*\*/g)).toHaveLength(9);
    expect(mdx).toBe(await fs.readFile(OWN, "utf8"));
  });

  it("writes only the issue file, which passes content:check", async () => {
    expect(await listFiles(env.dir)).toEqual(["jtyx/2022/003.mdx", "series/jtyx.yml", "series/qnxx.yml"]);
    const check = await checkContent(env.dir);
    expect(check.problems).toEqual([]);
    expect(check.issues.map((i) => i.path)).toEqual(["jtyx/2022/003.mdx"]);
  });

  it("refuses to import the same issue twice and leaves the first file as it was", async () => {
    const before = await fs.readFile(path.join(env.dir, "jtyx/2022/003.mdx"));
    const again = await importFile(SAMPLE_TXT, { contentDir: env.dir, series: env.series });
    expect(again).toMatchObject({ status: "failed", code: "import:exists" });
    expect(again.status === "failed" && again.message).toContain("jtyx/2022/003.mdx 已存在");
    expect(await fs.readFile(path.join(env.dir, "jtyx/2022/003.mdx"))).toEqual(before);
    expect(await listFiles(env.dir)).toHaveLength(3);
  });
});
