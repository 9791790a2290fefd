// `npm run docx -- <series>/<year>/<number> [--out FILE]` writes one issue as a Word file;
// `npm run docx -- --all [--out-dir DIR]` exports every published issue (internal ones too).
// Made from the content files directly (no server, no browser): the same document the site's
// /docx route hands out.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkContent } from "@/lib/content/check";
import type { LoadedIssue, LoadedSeries } from "@/lib/content/load";
import { issuePath } from "@/lib/content/paths";
import { docxFileName } from "@/lib/docx/filename";
import { fromLoaded } from "@/lib/docx/issue";
import { publishedIssueDocx } from "@/lib/docx/service";
import { env } from "@/lib/env";
import { parseIssueParams } from "@/lib/route-params";

const USAGE =
  "用法：npm run docx -- <简报代号>/<年份>/<期号> [--out 文件]\n      npm run docx -- --all [--out-dir 目录]\n例如：npm run docx -- jtyx/2022/3";

const { values, positionals } = parseArgs({
  options: { out: { type: "string" }, "out-dir": { type: "string" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});
if (values.help || (!values.all && positionals.length !== 1) || (values.all && positionals.length > 0)) fail(USAGE);

const content = await checkContent(env().contentDir);
const seriesOf = new Map(content.series.map((s) => [s.definition.id, s]));
const published = content.issues.filter((i) => i.frontmatter.status === "published");
type Job = { issue: LoadedIssue; series: LoadedSeries; out: string };
let jobs: Job[];
if (values.all) {
  const dir = path.resolve(values["out-dir"] ?? "docx");
  jobs = published.map((issue) => {
    const series = seriesOf.get(issue.key.series)!;
    return {
      issue,
      series,
      out: path.join(dir, issue.key.series, String(issue.key.year), docxFileName({ ...issue.key, seriesName: series.definition.name })),
    };
  });
  if (jobs.length === 0) fail("没有已发布的简报可导出。");
} else {
  const raw = positionals[0]!;
  const [series = "", year = "", number = "", ...rest] = raw.replace(/^\/+|\/+$/g, "").split("/");
  // jtyx/2022/3 as in the URL; the file's number form (jtyx/2022/003, zk001) is accepted too.
  const key = rest.length ? null : parseIssueParams({ series, year, number: number.replace(/^(zk)?0+(?=\d)/, "$1") });
  if (!key) fail(`无法识别期号“${raw}”。\n${USAGE}`);
  const issue = published.find(
    (i) => i.key.series === key.series && i.key.year === key.year && i.key.number === key.number && i.key.supplement === key.supplement,
  );
  if (!issue) {
    const wrong = content.problems.filter((p) => p.path === issuePath(key));
    fail(
      wrong.length > 0
        ? `这一期简报的内容有错误，无法生成Word文档：\n${wrong.map((p) => `${p.path}:${p.line}: ${p.field}: ${p.message}`).join("\n")}`
        : "没有找到这一期简报。",
      1,
    );
  }
  const s = seriesOf.get(issue.key.series)!;
  jobs = [{ issue, series: s, out: path.resolve(values.out ?? docxFileName({ ...issue.key, seriesName: s.definition.name })) }];
}

let failed = 0;
for (const job of jobs) {
  try {
    const bytes = await publishedIssueDocx(fromLoaded(job.issue, job.series));
    fs.mkdirSync(path.dirname(job.out), { recursive: true });
    fs.writeFileSync(`${job.out}.tmp`, bytes);
    fs.renameSync(`${job.out}.tmp`, job.out);
    if (!values.all) console.error(`已写入 ${job.out}`);
  } catch (error) {
    failed++;
    console.error(`✗ ${job.issue.path}：${(error as Error).message}`);
  }
}
if (values.all)
  console.error(
    `导出完成：${jobs.length - failed} 份成功${failed ? `，${failed} 份失败` : ""}，目录 ${path.resolve(values["out-dir"] ?? "docx")}`,
  );
process.exit(failed > 0 ? 1 : 0);

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}
