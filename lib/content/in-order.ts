// Bounded concurrency that keeps order: the sync loads files ahead but writes them in sequence.
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

/** `fn` over `items`, at most `limit` at once; results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
