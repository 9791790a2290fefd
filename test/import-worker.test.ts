// The studio's imports run on a worker thread (issue 13, item 12): a server on loopback, in this
// process, keeps answering health requests while a 2 GB zip bomb is being refused; the thread
// has a bounded heap and a deadline, and imports beyond a few at once are turned away.
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "@/lib/import/import-file";
import { importInWorker } from "@/lib/import/import-worker";
import { SAMPLE_TXT, tempContent } from "./lib/import-env";
import { skeleton, zeros, zipOf } from "./lib/zip-bomb";

const PORT = Number(process.env.E2E_PORT ?? 3140) + 1;
let env: Awaited<ReturnType<typeof tempContent>>;
let server: http.Server;
let bomb: string;

beforeAll(async () => {
  env = await tempContent();
  bomb = path.join(env.dir, "bomb.docx");
  await fs.writeFile(bomb, zipOf([...skeleton(), zeros("word/document.xml", 2 * 1024 * 1024 * 1024)]));
  server = http.createServer((_req, res) => res.end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await fs.rm(env.dir, { recursive: true, force: true });
});

const health = () =>
  new Promise<boolean>((resolve) => {
    http
      .get({ host: "127.0.0.1", port: PORT, path: "/api/health", agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 200));
      })
      .on("error", () => resolve(false));
  });

/** Health requests one after another until `work` settles: how many were answered meanwhile. */
async function answersDuring<T>(work: Promise<T>): Promise<{ result: T; answered: number; failed: number }> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  let answered = 0;
  let failed = 0;
  while (!settled) (await health()) ? answered++ : failed++;
  return { result: await done, answered, failed };
}

describe("an import on a worker thread", () => {
  it("refuses a 2 GB document.xml while the server keeps answering", async () => {
    const { result, answered, failed } = await answersDuring(
      importInWorker(bomb, { contentDir: env.dir, series: env.series, dryRun: true }),
    );
    expect(result).toMatchObject({ status: "failed", code: "import:too-large" });
    if (result.status === "failed") expect(result.message).toMatch(/「word\/document\.xml」解压后有 2048 MB，超过单个部件的上限 32 MB/);
    // The request loop runs on this thread: it only gets answers if the import is elsewhere.
    expect(failed).toBe(0);
    expect(answered).toBeGreaterThanOrEqual(10);
  });

  it("gives what the importer gives in-process", async () => {
    const options = { contentDir: env.dir, series: env.series, dryRun: true };
    const [inWorker, inProcess] = await Promise.all([importInWorker(SAMPLE_TXT, options), importFile(SAMPLE_TXT, options)]);
    expect(inWorker).toEqual(inProcess);
    expect(inWorker.status).toBe("imported");
  });

  it("is stopped at its deadline, and when its heap runs out", async () => {
    const options = { contentDir: env.dir, series: env.series, dryRun: true };
    expect(await importInWorker(SAMPLE_TXT, options, { timeoutMs: 1 })).toMatchObject({
      status: "failed",
      code: "import:timeout",
      message: expect.stringMatching(/已停止/),
    });
    expect(await importInWorker(SAMPLE_TXT, options, { heapMb: 4 })).toMatchObject({ status: "failed", code: "import:crashed" });
    // And the next import runs normally.
    expect(await importInWorker(SAMPLE_TXT, options)).toMatchObject({ status: "imported" });
  });

  it("turns imports away beyond one running and four waiting", async () => {
    const options = { contentDir: env.dir, series: env.series, dryRun: true };
    const results = await Promise.all(Array.from({ length: 6 }, () => importInWorker(SAMPLE_TXT, options, { timeoutMs: 1 })));
    expect(results.map((r) => (r.status === "failed" ? r.code : r.status))).toEqual([...Array(5).fill("import:timeout"), "import:busy"]);
  });
});
