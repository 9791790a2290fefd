// The thread an import runs on (import-worker.ts starts it). Plain JavaScript, loaded by path,
// so that the server's bundle never has to contain it: it loads the importer's TypeScript
// through tsx, as the scripts do, and runs one import, then ends.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { source, options, folder, kind } = workerData;
try {
  // A 信息稿件 (one article, article.ts) or a whole bulletin (import-file.ts).
  const result =
    kind === "article"
      ? await (await tsImport("./article.ts", import.meta.url)).importArticle(source, folder)
      : await (await tsImport("./import-file.ts", import.meta.url)).importFile(source, options);
  // Pictures go back as transferred buffers, not copies.
  const transfer = result.status === "failed" ? [] : [...new Set(result.pictures.map((p) => p.bytes.buffer))];
  parentPort.postMessage({ result }, transfer);
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
