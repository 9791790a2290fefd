// Loads issue files on worker threads, so a cold sync of thousands of files uses every core:
// compiling MDX is most of a sync's work, and the main thread is left with hashing and writing.
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Loaded, LoadedIssue, LoadedSeries } from "./load";

export type IssueLoader = (rel: string) => Promise<Loaded<LoadedIssue>>;
export type LoadPool = { load: IssueLoader; size: number; close(): Promise<void> };

type Reply = { id: number; result?: Loaded<LoadedIssue>; error?: string };

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(8, os.availableParallelism()));
}

export function createLoadPool(root: string, series: Iterable<LoadedSeries>, size = defaultPoolSize()): LoadPool {
  const workerData = { root, series: [...series] };
  const waiting = new Map<number, { resolve: (r: Loaded<LoadedIssue>) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>();
  let nextId = 0;
  const workers = Array.from({ length: size }, () => {
    const w = new Worker(new URL("./load-worker.mjs", import.meta.url), { workerData });
    w.on("message", ({ id, result, error }: Reply) => {
      load.set(w, (load.get(w) ?? 1) - 1);
      const p = waiting.get(id);
      waiting.delete(id);
      if (!p) return;
      if (result) p.resolve(result);
      else p.reject(new Error(`content:load-worker failed: ${error}`));
    });
    w.on("error", (e) => {
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
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
        w.postMessage({ id, rel });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Runs `fn` over `items` with up to `ahead` in flight, yielding results in the items' order. */
export async function* inOrder<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, ahead: number): AsyncGenerator<[T, R]> {
  const started: (Promise<R> | undefined)[] = [];
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    while (next < items.length && next < i + ahead) {
      const p = fn(items[next]!);
      // Rejections are observed when their turn comes; don't let them count as unhandled before.
      p.catch(() => {});
      started[next++] = p;
    }
    const result = await started[i]!;
    started[i] = undefined;
    yield [items[i]!, result];
  }
}
