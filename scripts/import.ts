// `npm run import -- <file.docx|file.txt|folder>... [--series ID] [--dry-run] [--show]`
// Converts bulletins offices already have (Word files, text copied out of PDFs) into issue MDX
// files in content/, says what it recognised and what needs a person's eye, then indexes them.
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadAllSeries } from "@/lib/content/check";
import { formatProblem } from "@/lib/content/problem";
import { scanContent } from "@/lib/content/scan";
import { syncContent } from "@/lib/content/sync";
import { env } from "@/lib/env";
import { describeIssue } from "@/lib/import/describe";
import { type ImportResult, importFile } from "@/lib/import/import-file";

const USAGE = `用法：npm run import -- <文件或文件夹>... [--series 刊物代号] [--dry-run] [--show]
  导入 Word 文档（.docx）或纯文本（.txt）格式的简报，写入 content/<刊物>/<年份>/<期号>.mdx
  --series ID   按指定刊物导入（报头中的刊物名称须与之一致）
  --dry-run     只识别和检查，不写入任何文件
  --show        显示生成的 MDX
  --no-sync     写入后不更新索引（默认会运行 content:sync）
例如：npm run import -- ~/简报/2022年第3期.docx
      npm run import -- ~/简报存档/ --series jtyx --dry-run`;

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        series: { type: "string" },
        "dry-run": { type: "boolean" },
        show: { type: "boolean" },
        "no-sync": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
})();
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length === 0) usage("请给出要导入的文件或文件夹");

const contentDir = env().contentDir;
const scanned = await scanContent(contentDir);
const { series, problems } = await loadAllSeries(contentDir, scanned.series);
for (const p of problems) console.error(formatProblem(p));
if (series.size === 0) {
  console.error(`${contentDir}/series/ 中没有定义任何刊物：请先定义刊物（如 series/jtyx.yml），再导入。`);
  process.exit(1);
}
if (values.series && !series.has(values.series)) {
  console.error(`未知的刊物代号「${values.series}」。已定义：${[...series.keys()].join("、")}`);
  process.exit(2);
}

const files: string[] = [];
for (const arg of positionals) {
  const stat = await fs.stat(arg).catch(() => null);
  if (!stat)
    files.push(arg); // reported as missing by importFile, in order
  else if (stat.isDirectory()) files.push(...(await importable(arg)));
  else files.push(arg);
}
if (files.length === 0) usage(`${positionals.join("、")} 中没有 .docx 或 .txt 文件`);

const dryRun = Boolean(values["dry-run"]);
const counts = { imported: 0, review: 0, failed: 0 };
const targets = new Map<string, string>();
const width = String(files.length).length;
for (const [n, file] of files.entries()) {
  const prefix = `[${String(n + 1).padStart(width)}/${files.length}] ${file}`;
  let result: ImportResult = await importFile(file, { contentDir, series, seriesId: values.series, dryRun });
  // Two files of one batch naming the same issue: in a dry run nothing on disk says so yet.
  if (result.status !== "failed" && dryRun && targets.has(result.target)) {
    result = {
      status: "failed",
      source: file,
      code: "import:exists",
      message: `与 ${targets.get(result.target)} 是同一期（${result.target}）`,
    };
  }
  if (result.status === "failed") {
    counts.failed++;
    const where = result.line ? `（第${result.line}${result.unit ?? "行"}）` : "";
    console.log(`${prefix}\n    失败${where}：${result.message}`);
    continue;
  }
  targets.set(result.target, file);
  counts[result.status]++;
  const verb = dryRun ? "可导入为" : "已导入为";
  console.log(
    `${prefix}\n    ${verb} ${result.target}${result.status === "review" ? "（草稿，待核对）" : ""}：${describeIssue(result.issue)}`,
  );
  for (const m of result.media) console.log(`    图片 ${m}`);
  for (const note of result.notes) {
    const where = note.line ? `第${note.line}${result.unit}：` : "";
    console.log(`    ${note.review ? "待核对" : "说明"}：${where}${note.message}`);
  }
  if (values.show) console.log(result.mdx.replace(/^/gm, "    │ "));
}

console.log(
  `\n${dryRun ? "试运行（没有写入任何文件）" : "导入完成"}：共 ${files.length} 个文件，已导入 ${counts.imported}，待核对 ${counts.review}，失败 ${counts.failed}`,
);
if (counts.review > 0) console.log("待核对的期次以草稿（status: draft）写入，不会公开；核对无误后改为 status: published。");
if (!dryRun && !values["no-sync"] && counts.imported + counts.review > 0) {
  const report = await syncContent({ root: contentDir });
  console.log(`索引已更新：新增 ${report.added}，更新 ${report.updated}，有问题 ${report.failed}`);
}
process.exit(counts.failed > 0 ? 1 : 0);

/** Word and text files under a folder, in natural order (第2期 before 第10期); Word's ~$ lock files skipped. */
async function importable(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      if (e.name.startsWith(".") || e.name.startsWith("~$")) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.(docx|txt|doc|wps)$/i.test(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out.sort(new Intl.Collator("zh-CN", { numeric: true }).compare);
}

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}
