// A worker thread of the load pool (load-pool.ts): reads, parses and compiles issue files for
// the sync, which writes the results. Plain JavaScript because Node 20 does not carry tsx's
// loader into worker threads: the TypeScript loader is imported through tsx's API instead.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { loadIssue } = await tsImport("./load.ts", import.meta.url);
const { root, series } = workerData;
const byId = new Map(series.map((s) => [s.definition.id, s]));

parentPort.on("message", async ({ id, rel }) => {
  try {
    parentPort.postMessage({ id, result: await loadIssue(root, rel, byId) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
