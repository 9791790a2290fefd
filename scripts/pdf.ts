// `npm run pdf -- <series>/<year>/<number> [--out FILE]` writes one issue's PDF;
// `npm run pdf -- --all [--out-dir DIR]` exports every published issue (internal ones too).
// The PDFs come from the site's own renderer (a local server on a free port), so they are the
// same files readers download, and they fill the same cache.
import fs from "node:fs";
import path from "node:path";
import { listPublishedIssues } from "@/db/queries/archive";
import { type IssueKey, issueUrl, keyOfRow } from "@/lib/content/paths";
import { syncContent } from "@/lib/content/sync";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { pdfFileName } from "@/lib/pdf/filename";
import { RENDER_HEADER } from "@/lib/pdf/render-access";
import { exitWith, exportArgs } from "./lib/export-args";
import { type LocalServer, startLocalServer } from "./lib/local-server";

const args = exportArgs("pdf");

await syncContent({ root: env().contentDir });
const issues = listPublishedIssues(db());
type Job = { key: IssueKey; name: string; out: string };
let jobs: Job[];
if (args.all) {
  const dir = path.resolve(args.outDir ?? "pdf");
  jobs = issues.map((i) => {
    const key = keyOfRow(i);
    const name = pdfFileName({ ...key, seriesName: i.seriesName });
    return { key, name, out: path.join(dir, key.series, String(key.year), name) };
  });
  if (jobs.length === 0) exitWith("没有已发布的简报可导出。");
} else {
  const key = args.key;
  const found = issues.find(
    (i) => i.seriesId === key.series && i.year === key.year && i.number === key.number && i.supplement === key.supplement,
  );
  const name = found ? pdfFileName({ ...key, seriesName: found.seriesName }) : `${key.series}-${key.year}-${key.number}.pdf`;
  // Unknown issues still go to the server, which says why (not found, or which lines are wrong).
  jobs = [{ key, name, out: path.resolve(args.out ?? name) }];
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
      } else if (!args.all) {
        progress.log(`已写入 ${job.out}`);
      }
      progress.tick(job.name);
    }
  };
  await Promise.all([worker(), worker()]);
  progress.done();
  if (args.all)
    console.error(
      `导出完成：${jobs.length - failed} 份成功${failed ? `，${failed} 份失败` : ""}，目录 ${path.resolve(args.outDir ?? "pdf")}`,
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
