// The PDF page pool under load and failure: bounded concurrency and queue, timeouts that fail
// one request only, one browser for many requests, relaunch after a crash, page recycling.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { PagePool, type PoolDriver, type PoolOptions } from "@/lib/pdf/pool";

type FakeBrowser = { id: number; exit?: () => void; dead?: boolean };
type FakePage = { id: number; browser: number; closed: boolean };

function fakeDriver(opts: { failLaunch?: number } = {}) {
  const state = { launches: 0, pages: [] as FakePage[], closedBrowsers: 0, failLaunch: opts.failLaunch ?? 0, browsers: [] as FakeBrowser[] };
  const driver: PoolDriver<FakeBrowser, FakePage> = {
    launch: async () => {
      state.launches++;
      if (state.failLaunch > 0) {
        state.failLaunch--;
        throw new Error("no chromium");
      }
      const b = { id: state.launches };
      state.browsers.push(b);
      return b;
    },
    watch: (b, onExit) => {
      b.exit = onExit;
    },
    isConnected: (b) => !b.dead,
    newPage: async (b) => {
      const p = { id: state.pages.length + 1, browser: b.id, closed: false };
      state.pages.push(p);
      return p;
    },
    closePage: async (p) => {
      p.closed = true;
    },
    closeBrowser: async () => {
      state.closedBrowsers++;
    },
  };
  return { driver, state };
}

const options = (o: Partial<PoolOptions> = {}): PoolOptions => ({ size: 2, maxQueue: 2, queueTimeoutMs: 1000, renderTimeoutMs: 1000, recycleAfter: 100, ...o });
const deferred = () => {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
};
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

afterEach(() => vi.useRealTimers());

describe("PagePool", () => {
  it("runs at most `size` renders at once and the rest in order as pages free up", async () => {
    const { driver } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 2, maxQueue: 5 }));
    const gates = [deferred(), deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const jobs = gates.map((g, i) =>
      pool.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        const v = await g.promise;
        running--;
        return v;
      }),
    );
    await vi.waitFor(() => expect(started).toEqual([0, 1]));
    expect(pool.waiting).toBe(2);
    gates.forEach((g, i) => g.resolve(`r${i}`));
    expect(await Promise.all(jobs)).toEqual(["r0", "r1", "r2", "r3"]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
  });

  it("refuses at once, with pdf:busy (503), a request beyond the queue limit; the others still finish", async () => {
    const { driver } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, maxQueue: 1 }));
    const gate = deferred();
    const first = pool.run(() => gate.promise);
    const second = pool.run(async () => "second");
    const third = pool.run(async () => "third").catch((e: unknown) => e);
    const refused = await third;
    expect(code(refused)).toBe("pdf:busy");
    expect((refused as AppError).status).toBe(503);
    gate.resolve("first");
    expect(await first).toBe("first");
    expect(await second).toBe("second");
  });

  it("gives up on a request that waited longer than queueTimeoutMs, and never runs it later", async () => {
    vi.useFakeTimers();
    const { driver } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, maxQueue: 4, queueTimeoutMs: 500 }));
    const gate = deferred();
    const first = pool.run(() => gate.promise);
    let ran = false;
    const waiting = pool.run(async () => (ran = true)).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(501);
    expect(code(await waiting)).toBe("pdf:busy");
    gate.resolve("done");
    await first;
    await vi.advanceTimersByTimeAsync(10);
    expect(ran).toBe(false);
    expect(pool.waiting).toBe(0);
  });

  it("fails a render that takes too long with pdf:timeout, closes its page, and serves the next request", async () => {
    vi.useFakeTimers();
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, renderTimeoutMs: 300 }));
    const stuck = pool.run(() => new Promise<string>(() => undefined)).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(301);
    expect(code(await stuck)).toBe("pdf:timeout");
    expect(state.pages[0]!.closed).toBe(true);
    const next = await pool.run(async (page) => page.id);
    expect(next).toBe(2);
  });

  it("turns an ordinary error into pdf:render-failed for that request only, keeping the cause", async () => {
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options());
    const boom = new Error("Target page crashed");
    const failed = await pool.run(async () => Promise.reject(boom)).catch((e: unknown) => e);
    expect(code(failed)).toBe("pdf:render-failed");
    expect((failed as AppError).cause).toBe(boom);
    expect(state.pages[0]!.closed).toBe(true); // a page that failed is not reused
    expect(await pool.run(async (p) => `page ${p.id}`)).toBe("page 2");
  });

  it("launches one browser for many simultaneous requests", async () => {
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 3, maxQueue: 10 }));
    await Promise.all(Array.from({ length: 8 }, (_, i) => pool.run(async () => i)));
    expect(state.launches).toBe(1);
    expect(state.pages.length).toBeLessThanOrEqual(3);
  });

  it("starts a new browser after a crash and does not reuse the old browser's pages", async () => {
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options());
    await pool.run(async () => "warm");
    state.browsers[0]!.exit!(); // Chromium died
    const page = await pool.run(async (p) => p);
    expect(state.launches).toBe(2);
    expect(page.browser).toBe(2);
    expect(pool.stats.crashes).toBe(1);
  });

  it("notices a browser that died without saying so, and serves the next request from a new one", async () => {
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options());
    await pool.run(async () => "warm");
    state.browsers[0]!.dead = true; // killed; the exit event has not arrived yet
    expect(await pool.run(async (p) => p.browser)).toBe(2);
  });

  it("retries once on a new browser when the browser dies during a render", async () => {
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options());
    let calls = 0;
    const result = await pool.run(async (page) => {
      calls++;
      if (page.browser === 1) {
        state.browsers[0]!.dead = true;
        throw new Error("Target page, context or browser has been closed");
      }
      return `on browser ${page.browser}`;
    });
    expect(result).toBe("on browser 2");
    expect(calls).toBe(2);
  });

  it("fails the request when the browser cannot start, and tries again on the next one", async () => {
    const { driver, state } = fakeDriver({ failLaunch: 1 });
    const pool = new PagePool(driver, options());
    expect(code(await pool.run(async () => "x").catch((e: unknown) => e))).toBe("pdf:render-failed");
    expect(await pool.run(async () => "ok")).toBe("ok");
    expect(state.launches).toBe(2);
  });

  it("keeps an AppError's own code and message (e.g. no Chromium installed)", async () => {
    const { driver } = fakeDriver();
    driver.launch = async () => {
      throw new AppError("pdf:unavailable", "暂时无法生成PDF");
    };
    const pool = new PagePool(driver, options());
    const e = await pool.run(async () => "x").catch((err: unknown) => err);
    expect(code(e)).toBe("pdf:unavailable");
  });

  it("reuses pages between requests and replaces one after recycleAfter uses", async () => {
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, recycleAfter: 3 }));
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await pool.run(async (p) => p.id));
    expect(ids).toEqual([1, 1, 1, 2, 2]);
    expect(state.pages[0]!.closed).toBe(true);
  });

  it("on close, refuses waiting requests and closes the browser", async () => {
    const { driver, state } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, maxQueue: 3 }));
    const gate = deferred();
    const first = pool.run(() => gate.promise);
    const waiting = pool.run(async () => "never").catch((e: unknown) => e);
    await vi.waitFor(() => expect(state.launches).toBe(1));
    await pool.close();
    expect(code(await waiting)).toBe("pdf:busy");
    expect(state.closedBrowsers).toBe(1);
    gate.resolve("done");
    await first.catch(() => undefined);
  });
});
