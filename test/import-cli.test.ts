// `npm run import` on a folder as an office would run it: progress per file, a summary of
// imported / needs review / failed, the exit code, the files written and the index updated.
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { colophon, docxOf, masthead } from "./lib/docx-fixtures";
import { listFiles, REPO, SAMPLE_TXT, tempContent } from "./lib/import-env";

const TSX = path.join(REPO, "node_modules/.bin/tsx");

function runImport(args: string[], contentDir: string, dataDir: string) {
  const run = spawnSync(TSX, ["--conditions=react-server", path.join(REPO, "scripts/import.ts"), ...args], {
    cwd: REPO,
    env: { ...process.env, CONTENT_DIR: contentDir, DATA_DIR: dataDir, NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("npm run import -- <folder>", () => {
  let contentDir: string;
  let dataDir: string;
  let folder: string;
  let dry: ReturnType<typeof runImport>;
  let real: ReturnType<typeof runImport>;
  let afterDryRun: string[];

  beforeAll(async () => {
    contentDir = (await tempContent()).dir;
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-import-data-"));
    folder = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-import-folder-"));
    await fs.mkdir(path.join(folder, "2023"));
    await fs.copyFile(SAMPLE_TXT, path.join(folder, "2022年第3期.txt"));
    // Internal marking: imported, but as a draft for review.
    await fs.writeFile(
      path.join(folder, "2023", "第12期.docx"),
      await docxOf([
        "内部资料　注意保存",
        ...masthead("〔2023〕第12期", "2023年12月1日"),
        "关于团干部队伍建设情况的通报",
        "现将全省团干部队伍建设情况通报如下。",
        ...colophon,
      ]),
    );
    await fs.writeFile(path.join(folder, "2023", "第2期.docx"), "not a word file");
    await fs.writeFile(path.join(folder, "2023", "~$第12期.docx"), "Word's lock file");
    await fs.writeFile(path.join(folder, "说明.pdf"), "%PDF");
    dry = runImport([folder, "--dry-run"], contentDir, dataDir);
    afterDryRun = await listFiles(contentDir);
    real = runImport([folder], contentDir, dataDir);
  }, 120_000);

  it("a dry run reports the same but writes nothing", async () => {
    expect(dry.err).toBe("");
    expect(dry.out).toContain("试运行（没有写入任何文件）：共 3 个文件，已导入 1，待核对 1，失败 1");
    expect(dry.code).toBe(1);
    expect(afterDryRun).toEqual(["series/jtyx.yml", "series/qnxx.yml"]);
  });

  it("prints progress in natural order, what it recognised, and why a file failed", () => {
    const lines = real.out.split("\n");
    const progress = lines.filter((l) => /^\[\d\/3\]/.test(l));
    expect(progress.map((l) => path.relative(folder, l.replace(/^\[\d\/3\] /, "")))).toEqual([
      "2022年第3期.txt",
      "2023/第2期.docx",
      "2023/第12期.docx",
    ]);
    expect(real.out).toContain(
      "已导入为 jtyx/2022/003.mdx：晋团要讯〔2022〕第3期，2022-03-25，「团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展」，报5/送3/发2",
    );
    expect(real.out).toContain("失败：这不是 Word 文档（.docx 文件应是一个 zip 压缩包）");
    expect(real.out).toContain("已导入为 jtyx/2023/012.mdx（草稿，待核对）");
    expect(real.out).toContain("待核对：标注为「内部资料　注意保存」，可见范围设为 internal（仅内部）");
  });

  it("ends with the summary and exit code 1 because one file failed", () => {
    expect(real.out).toContain("导入完成：共 3 个文件，已导入 1，待核对 1，失败 1");
    expect(real.code).toBe(1);
  });

  it("writes the two issues, the draft as a draft, and indexes them", async () => {
    expect(await listFiles(contentDir)).toEqual(["jtyx/2022/003.mdx", "jtyx/2023/012.mdx", "series/jtyx.yml", "series/qnxx.yml"]);
    expect(await fs.readFile(path.join(contentDir, "jtyx/2023/012.mdx"), "utf8")).toMatch(/visibility: internal\nstatus: draft\n/);
    expect(real.out).toContain("索引已更新：新增 2");
    const db = new Database(path.join(dataDir, "jianbao.sqlite"), { readonly: true });
    const rows = db.prepare("select year, number, status from issues order by year").all();
    db.close();
    expect(rows).toEqual([
      { year: 2022, number: 3, status: "published" },
      { year: 2023, number: 12, status: "draft" },
    ]);
  });

  it("says how to use it when given nothing", () => {
    const run = runImport([], contentDir, dataDir);
    expect(run.code).toBe(2);
    expect(run.err).toContain("用法：npm run import -- <文件或文件夹>");
  });
});
