// `npm run pdf -- <series>/<year>/<number> [--out FILE]` writes one issue's PDF;
// `npm run pdf -- --all [--out-dir DIR]` exports every published issue (internal ones too).
// The PDFs come from the site's own renderer (a local server on a free port), so they are the
// same files readers download, and they fill the same cache.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { listPublishedIssues } from "@/db/queries/archive";
import { type IssueKey, issueUrl, keyOfRow } from "@/lib/content/paths";
import { syncContent } from "@/lib/content/sync";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { pdfFileName } from "@/lib/pdf/filename";
import { RENDER_HEADER } from "@/lib/pdf/render-access";
import { parseIssueParams } from "@/lib/route-params";
import { type LocalServer, startLocalServer } from "./lib/local-server";

const USAGE =
  "用法：npm run pdf -- <简报代号>/<年份>/<期号> [--out 文件]\n      npm run pdf -- --all [--out-dir 目录]\n例如：npm run pdf -- jtyx/2022/3";

const { values, positionals } = parseArgs({
  options: { out: { type: "string" }, "out-dir": { type: "string" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});
if (values.help || (!values.all && positionals.length !== 1) || (values.all && positionals.length > 0)) fail(USAGE);

await syncContent({ root: env().contentDir });
const issues = listPublishedIssues(db());
type Job = { key: IssueKey; name: string; out: string };
let jobs: Job[];
if (values.all) {
  const dir = path.resolve(values["out-dir"] ?? "pdf");
  jobs = issues.map((i) => {
    const key = keyOfRow(i);
    const name = pdfFileName({ ...key, seriesName: i.seriesName });
    return { key, name, out: path.join(dir, key.series, String(key.year), name) };
  });
  if (jobs.length === 0) fail("没有已发布的简报可导出。");
} else {
  const key = parseKey(positionals[0]!);
  const found = issues.find(
    (i) => i.seriesId === key.series && i.year === key.year && i.number === key.number && i.supplement === key.supplement,
  );
  const name = found ? pdfFileName({ ...key, seriesName: found.seriesName }) : `${key.series}-${key.year}-${key.number}.pdf`;
  // Unknown issues still go to the server, which says why (not found, or which lines are wrong).
  jobs = [{ key, name, out: path.resolve(values.out ?? name) }];
}

const server = await startLocalServer();
let failed = 0;
try {
  const progress = bar(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const error = await exportOne(server, job);
      if (error) {
        failed++;
        progress.log(`✗ ${job.name}：${error}`);
      } else if (!values.all) {
        progress.log(`已写入 ${job.out}`);
      }
      progress.tick(job.name);
    }
  };
  await Promise.all([worker(), worker()]);
  progress.done();
  if (values.all)
    console.error(
      `导出完成：${jobs.length - failed} 份成功${failed ? `，${failed} 份失败` : ""}，目录 ${path.resolve(values["out-dir"] ?? "pdf")}`,
    );
} finally {
  await server.stop();
}
process.exit(failed > 0 ? 1 : 0);

async function exportOne(s: LocalServer, job: Job): Promise<string | undefined> {
  const res = await fetch(`${s.origin}${issueUrl(job.key)}/pdf`, { headers: { [RENDER_HEADER]: s.secret }, redirect: "manual" }).catch(
    (e: unknown) => e as Error,
  );
  if (res instanceof Error) return `服务器无响应（${res.message}）`;
  if (!res.ok) return (await res.text()).trim() || `HTTP ${res.status}`;
  fs.mkdirSync(path.dirname(job.out), { recursive: true });
  const tmp = `${job.out}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await res.arrayBuffer()));
  fs.renameSync(tmp, job.out);
  return undefined;
}

/** jtyx/2022/3 as in the URL; the file's number form (jtyx/2022/003, zk001) is accepted too. */
function parseKey(raw: string): IssueKey {
  const [series = "", year = "", number = "", ...rest] = raw.replace(/^\/+|\/+$/g, "").split("/");
  const key = rest.length ? null : parseIssueParams({ series, year, number: number.replace(/^(zk)?0+(?=\d)/, "$1") });
  return key ?? fail(`无法识别期号“${raw}”。\n${USAGE}`);
}

function bar(total: number) {
  const tty = process.stderr.isTTY && total > 1;
  let done = 0;
  const draw = (label: string) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r\x1b[K[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total} ${label}`);
  };
  return {
    tick(label: string) {
      done++;
      if (tty) draw(label);
      else if (total > 1) console.error(`${done}/${total} ${label}`);
    },
    log(line: string) {
      if (tty) process.stderr.write("\r\x1b[K");
      console.error(line);
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
