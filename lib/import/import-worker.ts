// Runs an import on a worker thread, so that reading a Word or text file (mammoth's XML, the
// recogniser) never holds the server's event loop: readers keep being answered while it runs.
// The thread has its own bounded heap (a file that needs more is refused, and only the thread
// dies) and a deadline after which it is terminated. Imports take their turn: a few run at once
// and a few wait; beyond that the studio is told to try again, rather than queue without bound.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ArticleResult } from "./article";
import type { ImportOptions, ImportResult } from "./import-file";

export const IMPORT_TIMEOUT_MS = 60_000;
export const IMPORT_HEAP_MB = 512;
const RUNNING = 1;
const WAITING = 4;

let running = 0;
const queue: (() => void)[] = [];

export type WorkerOptions = { timeoutMs?: number; heapMb?: number };

export async function importInWorker(source: string, options: ImportOptions, limits: WorkerOptions = {}): Promise<ImportResult> {
  const fail = (code: "import:busy" | "import:timeout" | "import:crashed", message: string): ImportResult => ({
    status: "failed",
    source,
    code,
    message,
  });
  return inTurn({ source, options }, limits, fail);
}

/** A Word 信息稿件 read into an MDX body (article.ts), on the same threads and in the same turns as imports. */
export async function articleInWorker(source: string, folder: string, limits: WorkerOptions = {}): Promise<ArticleResult> {
  return inTurn({ source, folder, kind: "article" }, limits, (code, message) => ({ status: "failed", code, message }));
}

async function inTurn<R>(
  data: { source: string; options?: ImportOptions; folder?: string; kind?: "article" },
  limits: WorkerOptions,
  fail: (code: "import:busy" | "import:timeout" | "import:crashed", message: string) => R,
): Promise<R> {
  if (running < RUNNING) running++;
  else {
    if (queue.length >= WAITING) return fail("import:busy", "正在处理的导入太多，请稍后再试");
    // Woken with the slot already ours (see finally), as lib/pdf/pool.ts hands its pages on: no
    // caller arriving in between can take it, so never more than RUNNING imports at once.
    await new Promise<void>((resolve) => queue.push(resolve));
  }
  try {
    return await runOnce(data, limits, fail);
  } finally {
    const next = queue.shift();
    if (next) next();
    else running--;
  }
}

function runOnce<R>(
  data: { source: string; options?: ImportOptions; folder?: string; kind?: "article" },
  limits: WorkerOptions,
  fail: (code: "import:timeout" | "import:crashed", message: string) => R,
): Promise<R> {
  const { source } = data;
  const timeoutMs = limits.timeoutMs ?? IMPORT_TIMEOUT_MS;
  const heapMb = limits.heapMb ?? IMPORT_HEAP_MB;
  return new Promise((resolve) => {
    let settled = false;
    // By path from the project root (where the server runs, as for db/migrations): the entry is
    // plain JavaScript that loads the importer through tsx, outside the server's bundle. The
    // bundler is told not to follow the path (it would bundle tsx's loader), as for the font worker.
    const worker = new Worker(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "import", "import-worker-entry.mjs"), {
      workerData: data,
      execArgv: ["--conditions=react-server"],
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    const settle = (result: R) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => {
      console.error("import:timeout", source, `${timeoutMs} ms`);
      settle(fail("import:timeout", `导入超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，已停止（文件可能过大或已损坏）`));
    }, timeoutMs);
    worker.on("message", (m: { result?: R; error?: string }) => {
      if (m.result) settle(m.result);
      else {
        console.error("import:crashed", source, m.error);
        settle(fail("import:crashed", "导入时出错，文件可能已损坏"));
      }
    });
    worker.on("error", (error: NodeJS.ErrnoException) => {
      console.error("import:crashed", source, error);
      settle(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? fail("import:crashed", `读取这个文件需要超过 ${heapMb} MB 内存，已停止（文件可能过大或已损坏）`)
          : fail("import:crashed", "导入时出错，文件可能已损坏"),
      );
    });
    worker.on("exit", (code) => settle(fail("import:crashed", `导入进程意外退出（${code}）`)));
  });
}
