// `npm run docx -- <series>/<year>/<number> [--out FILE]` writes one issue as a Word file;
// `npm run docx -- --all [--out-dir DIR]` exports every published issue (internal ones too).
// Made from the content files directly (no server, no browser): the same document the site's
// /docx route hands out.
import fs from "node:fs";
import path from "node:path";
import { checkContent } from "@/lib/content/check";
import type { LoadedIssue, LoadedSeries } from "@/lib/content/load";
import { issuePath } from "@/lib/content/paths";
import { docxFileName } from "@/lib/docx/filename";
import { fromLoaded } from "@/lib/docx/issue";
import { publishedIssueDocx } from "@/lib/docx/service";
import { env } from "@/lib/env";
import { exitWith, exportArgs } from "./lib/export-args";

const args = exportArgs("docx");

const content = await checkContent(env().contentDir);
const seriesOf = new Map(content.series.map((s) => [s.definition.id, s]));
const published = content.issues.filter((i) => i.frontmatter.status === "published");
type Job = { issue: LoadedIssue; series: LoadedSeries; out: string };
let jobs: Job[];
if (args.all) {
  const dir = path.resolve(args.outDir ?? "docx");
  jobs = published.map((issue) => {
    const series = seriesOf.get(issue.key.series)!;
    return {
      issue,
      series,
      out: path.join(dir, issue.key.series, String(issue.key.year), docxFileName({ ...issue.key, seriesName: series.definition.name })),
    };
  });
  if (jobs.length === 0) exitWith("没有已发布的简报可导出。");
} else {
  const key = args.key;
  const issue = published.find(
    (i) => i.key.series === key.series && i.key.year === key.year && i.key.number === key.number && i.key.supplement === key.supplement,
  );
  if (!issue) {
    const wrong = content.problems.filter((p) => p.path === issuePath(key));
    exitWith(
      wrong.length > 0
        ? `这一期简报的内容有错误，无法生成Word文档：\n${wrong.map((p) => `${p.path}:${p.line}: ${p.field}: ${p.message}`).join("\n")}`
        : "没有找到这一期简报。",
      1,
    );
  }
  const s = seriesOf.get(issue.key.series)!;
  jobs = [{ issue, series: s, out: path.resolve(args.out ?? docxFileName({ ...issue.key, seriesName: s.definition.name })) }];
}

let failed = 0;
for (const job of jobs) {
  try {
    const bytes = await publishedIssueDocx(fromLoaded(job.issue, job.series));
    fs.mkdirSync(path.dirname(job.out), { recursive: true });
    fs.writeFileSync(`${job.out}.tmp`, bytes);
    fs.renameSync(`${job.out}.tmp`, job.out);
    if (!args.all) console.error(`已写入 ${job.out}`);
  } catch (error) {
    failed++;
    console.error(`✗ ${job.issue.path}：${(error as Error).message}`);
  }
}
if (args.all)
  console.error(
    `导出完成：${jobs.length - failed} 份成功${failed ? `，${failed} 份失败` : ""}，目录 ${path.resolve(args.outDir ?? "docx")}`,
  );
process.exit(failed > 0 ? 1 : 0);
