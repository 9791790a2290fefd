// Loads issue files in child processes, so a cold sync of thousands of files uses every core:
// compiling MDX is most of a sync's work, and the main process is left with hashing and writing.
// Processes, not worker threads: MDX compiling allocates heavily, and two worker threads on this
// 2-core machine compiled slower together than one thread alone (V8's heaps in one process share
// its garbage-collector threads); two processes ran 1.6 times as fast as one.
import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { Loaded, LoadedIssue, LoadedSeries } from "./load";

export type IssueLoader = (rel: string) => Promise<Loaded<LoadedIssue>>;
export type LoadPool = { load: IssueLoader; size: number; close(): Promise<void> };

type Reply = { id: number; result?: Loaded<LoadedIssue>; treeJson?: string; error?: string };

/** A loaded issue whose tree arrived as JSON: parsed only if something reads it. */
function withTreeJson(result: Loaded<LoadedIssue>, treeJson: string | undefined): Loaded<LoadedIssue> {
  if (!result.ok || treeJson === undefined) return result;
  const body = result.value.body;
  let tree: LoadedIssue["body"]["tree"] | undefined;
  Object.defineProperty(body, "tree", { enumerable: true, get: () => (tree ??= JSON.parse(treeJson) as LoadedIssue["body"]["tree"]) });
  body.treeJson = treeJson;
  return result;
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(8, os.availableParallelism()));
}

export function createLoadPool(root: string, series: Iterable<LoadedSeries>, size = defaultPoolSize()): LoadPool {
  const init = { root, series: [...series] };
  const waiting = new Map<number, { resolve: (r: Loaded<LoadedIssue>) => void; reject: (e: Error) => void }>();
  const load = new Map<ChildProcess, number>();
  let nextId = 0;
  const entry = fileURLToPath(new URL("./load-child.ts", import.meta.url));
  const workers = Array.from({ length: size }, () => {
    // The child loads TypeScript through tsx, as the content:sync command does.
    const w = fork(entry, [], {
      execArgv: ["--import", "tsx", "--conditions=react-server"],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    w.send({ init });
    w.on("message", ({ id, result, treeJson, error }: Reply) => {
      load.set(w, (load.get(w) ?? 1) - 1);
      const p = waiting.get(id);
      waiting.delete(id);
      if (!p) return;
      if (result) p.resolve(withTreeJson(result, treeJson));
      else p.reject(new Error(`content:load-worker failed: ${error}`));
    });
    const fail = (e: Error) => {
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => {
      if (code !== 0 && waiting.size > 0) fail(new Error(`content:load-child exited with ${code}`));
    });
    load.set(w, 0);
    return w;
  });
  return {
    size,
    load: (rel) =>
      new Promise((resolve, reject) => {
        // The least busy worker takes the file.
        const w = workers.reduce((a, b) => (load.get(b)! < load.get(a)! ? b : a));
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        load.set(w, load.get(w)! + 1);
        w.send({ id, rel });
      }),
    close: async () => {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.exitCode !== null) return resolve();
              w.once("exit", () => resolve());
              w.disconnect();
            }),
        ),
      );
    },
  };
}
