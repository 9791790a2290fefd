// The PDF page pool seen from the requests it serves: a bounded number of renders at once, a
// bounded queue with a bounded wait, a slow or failing render that fails alone, one browser for
// everyone, a fresh browser after a crash or a failed start, pages reused then recycled.
// The driver is a fake: browsers and pages are plain objects, every call is counted.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { PagePool, type PoolDriver, type PoolOptions } from "@/lib/pdf/pool";

type FakeBrowser = { id: number; connected: boolean; onExit?: () => void };
type FakePage = { id: number; browser: FakeBrowser; closed: boolean };
type Driver = PoolDriver<FakeBrowser, FakePage>;

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeDriver() {
  const browsers: FakeBrowser[] = [];
  const pages: FakePage[] = [];
  /** Set to control the next launches; by default a browser starts at once. */
  const launches: Array<() => Promise<FakeBrowser>> = [];
  const start = (): FakeBrowser => {
    const b: FakeBrowser = { id: browsers.length + 1, connected: true };
    browsers.push(b);
    return b;
  };
  const driver = {
    launch: vi.fn<Driver["launch"]>(async () => (launches.shift() ?? (async () => start()))()),
    watch: vi.fn<Driver["watch"]>((b, onExit) => {
      b.onExit = onExit;
    }),
    isConnected: vi.fn<Driver["isConnected"]>((b) => b.connected),
    newPage: vi.fn<Driver["newPage"]>(async (b) => {
      const p: FakePage = { id: pages.length + 1, browser: b, closed: false };
      pages.push(p);
      return p;
    }),
    closePage: vi.fn<Driver["closePage"]>(async (p) => {
      p.closed = true;
    }),
    closeBrowser: vi.fn<Driver["closeBrowser"]>(async (b) => {
      b.connected = false;
    }),
  };
  /** Chromium dies: the connection drops and the exit event fires. */
  const crash = (b: FakeBrowser) => {
    b.connected = false;
    b.onExit?.();
  };
  return { driver, browsers, pages, launches, start, crash };
}

const options = (o: Partial<PoolOptions> = {}): PoolOptions => ({
  size: 2,
  maxQueue: 4,
  queueTimeoutMs: 5000,
  renderTimeoutMs: 5000,
  recycleAfter: 100,
  ...o,
});

/** Settles to the value, or to the error a rejection carried. */
const settle = <T>(p: Promise<T>): Promise<T | unknown> => p.catch((e: unknown) => e);
/** Whether `p` has settled once all pending work (microtasks and zero-delay timers) has run. */
async function isSettled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
  return done;
}
const codeOf = (e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`);

afterEach(() => {
  vi.useRealTimers();
});

describe("PagePool concurrency and queue", () => {
  it("runs at most `size` renders at once; the others wait and then run in arrival order", async () => {
    const { driver } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 2, maxQueue: 10 }));
    const gates = Array.from({ length: 5 }, () => deferred<string>());
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const jobs = gates.map((gate, i) =>
      pool.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        try {
          return await gate.promise;
        } finally {
          running--;
        }
      }),
    );

    await vi.waitFor(() => expect(started).toEqual([0, 1]));
    expect(pool.waiting).toBe(3);

    gates[1]!.resolve("r1"); // one page frees up: exactly one waiter gets it, the first in line
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2]));
    expect(pool.waiting).toBe(2);

    gates.forEach((g, i) => {
      g.resolve(`r${i}`);
    });
    expect(await Promise.all(jobs)).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(pool.waiting).toBe(0);
  });

  it("refuses at once with pdf:busy (503) a request beyond maxQueue, and still completes the earlier ones", async () => {
    const { driver } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, maxQueue: 2 }));
    const gate = deferred<string>();
    const first = pool.run(() => gate.promise);
    const second = pool.run(async () => "second");
    const third = pool.run(async () => "third");
    await vi.waitFor(() => expect(pool.waiting).toBe(2));

    const extraWork = vi.fn(async () => "extra");
    const extra = settle(pool.run(extraWork));
    expect(await isSettled(extra)).toBe(true); // refused while the first render still holds the page
    const refused = await extra;
    expect(refused).toBeInstanceOf(AppError);
    expect(codeOf(refused)).toBe("pdf:busy");
    expect((refused as AppError).status).toBe(503);
    expect(extraWork).not.toHaveBeenCalled();
    expect(pool.stats.refused).toBe(1);

    gate.resolve("first");
    expect(await Promise.all([first, second, third])).toEqual(["first", "second", "third"]);
  });

  it("refuses with pdf:busy a request that waited longer than queueTimeoutMs, and never runs it afterwards", async () => {
    vi.useFakeTimers();
    const { driver } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, maxQueue: 4, queueTimeoutMs: 100 }));
    const gate = deferred<string>();
    const first = pool.run(() => gate.promise);
    const lateWork = vi.fn(async () => "late");
    const late = settle(pool.run(lateWork));

    await vi.advanceTimersByTimeAsync(99);
    expect(await isSettledFake(late)).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(codeOf(await late)).toBe("pdf:busy");
    expect(pool.waiting).toBe(0);

    gate.resolve("first");
    expect(await first).toBe("first");
    await vi.advanceTimersByTimeAsync(1000);
    expect(lateWork).not.toHaveBeenCalled();
    // The refused waiter did not take the page with it: later requests still run, one at a time.
    expect(await pool.run(async () => "next")).toBe("next");
    expect(await pool.run(async () => "and the next")).toBe("and the next");
  });
});

/** isSettled for tests on fake timers: flush microtasks through the fake clock. */
async function isSettledFake(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe("PagePool failures of one render", () => {
  it("fails a render that exceeds renderTimeoutMs with pdf:timeout, closes its page, and serves the next request on a working page", async () => {
    vi.useFakeTimers();
    const { driver, pages } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, renderTimeoutMs: 200 }));
    const hung = deferred<string>();
    const stuck = settle(pool.run(() => hung.promise));

    await vi.advanceTimersByTimeAsync(199);
    expect(await isSettledFake(stuck)).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    const error = await stuck;
    expect(codeOf(error)).toBe("pdf:timeout");
    expect((error as AppError).status).toBe(503);
    expect(driver.closePage).toHaveBeenCalledWith(pages[0]);
    expect(pages[0]!.closed).toBe(true);
    expect(pool.stats.timeouts).toBe(1);

    hung.resolve("too late"); // the stuck render finishing afterwards must not hand its page back
    await vi.advanceTimersByTimeAsync(0);
    const next = await pool.run(async (page) => page);
    expect(next).not.toBe(pages[0]);
    expect(next.closed).toBe(false);
    expect(driver.launch).toHaveBeenCalledTimes(1); // a slow render is not a reason to restart Chromium
  });

  it("turns an ordinary error into pdf:render-failed for that request only, keeping the original as cause", async () => {
    const { driver, pages } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 2 }));
    const boom = new Error("page.pdf: Protocol error");
    const gate = deferred<string>();
    const failing = vi.fn(async (): Promise<string> => {
      await gate.promise;
      throw boom;
    });
    const bad = settle(pool.run(failing));
    const good = pool.run(async () => {
      await gate.promise;
      return "fine";
    });
    gate.resolve("");

    const error = await bad;
    expect(codeOf(error)).toBe("pdf:render-failed");
    expect((error as AppError).status).toBe(500);
    expect((error as AppError).cause).toBe(boom);
    expect(await good).toBe("fine"); // its neighbour rendering at the same time is unaffected
    expect(failing).toHaveBeenCalledTimes(1); // the browser is alive, so no retry

    const failedPage = pages.find((p) => p.closed);
    expect(failedPage).toBeDefined(); // the page that failed is closed, not pooled again
    const used: FakePage[] = [];
    for (let i = 0; i < 4; i++) used.push(await pool.run(async (p) => p));
    expect(used).not.toContain(failedPage);
    expect(used.every((p) => !p.closed)).toBe(true);
  });
});

describe("PagePool browser lifecycle", () => {
  it("launches one browser for five requests that start together, even while it is still starting", async () => {
    const { driver, launches, start, browsers } = fakeDriver();
    const starting = deferred<FakeBrowser>();
    launches.push(() => starting.promise);
    const pool = new PagePool(driver, options({ size: 5, maxQueue: 0 }));
    const jobs = Array.from({ length: 5 }, (_, i) => pool.run(async (page) => ({ i, browser: page.browser.id })));

    await vi.waitFor(() => expect(driver.launch).toHaveBeenCalledTimes(1));
    expect(await isSettled(Promise.race(jobs))).toBe(false);
    starting.resolve(start());

    const results = await Promise.all(jobs);
    expect(results.map((r) => r.i)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(results.map((r) => r.browser))).toEqual(new Set([1]));
    expect(driver.launch).toHaveBeenCalledTimes(1);
    expect(driver.watch).toHaveBeenCalledTimes(1);
    expect(browsers).toHaveLength(1);
    await pool.run(async () => "later");
    expect(driver.launch).toHaveBeenCalledTimes(1);
  });

  it("after the browser crashes, the next request launches a new one and succeeds, without the old browser's pages", async () => {
    const { driver, browsers, crash } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 2 }));
    // Warm up two pages on the first browser, both left idle in the pool.
    const gate = deferred();
    const hold = async (p: FakePage) => {
      await gate.promise;
      return p;
    };
    const warming = [pool.run(hold), pool.run(hold)];
    await vi.waitFor(() => expect(driver.newPage).toHaveBeenCalledTimes(2));
    gate.resolve();
    const oldPages = new Set(await Promise.all(warming));
    expect(oldPages.size).toBe(2);

    crash(browsers[0]!);
    const used: FakePage[] = [];
    for (let i = 0; i < 3; i++) used.push(await pool.run(async (p) => p));

    expect(driver.launch).toHaveBeenCalledTimes(2);
    expect(used.every((p) => p.browser === browsers[1])).toBe(true);
    expect(used.some((p) => oldPages.has(p))).toBe(false);
    expect(pool.stats.crashes).toBe(1);
  });

  it("notices a browser that is gone before its exit event arrives, and serves the request from a new one", async () => {
    const { driver, browsers } = fakeDriver();
    const pool = new PagePool(driver, options());
    await pool.run(async () => "warm");
    browsers[0]!.connected = false; // killed; onExit not called yet
    const page = await pool.run(async (p) => p);
    expect(page.browser).toBe(browsers[1]);
    expect(driver.launch).toHaveBeenCalledTimes(2);
  });

  it("retries once on a new browser when the browser dies during a render, but not endlessly", async () => {
    const { driver, browsers, crash } = fakeDriver();
    const pool = new PagePool(driver, options());
    const work = vi.fn(async (page: FakePage) => {
      if (page.browser.id < 3) {
        crash(page.browser);
        throw new Error("Target page, context or browser has been closed");
      }
      return "ok";
    });
    const first = await settle(pool.run(work));
    expect(codeOf(first)).toBe("pdf:render-failed"); // died on browser 1, then again on browser 2
    expect(work).toHaveBeenCalledTimes(2);
    expect(await pool.run(work)).toBe("ok");
    expect(browsers).toHaveLength(3);
  });

  it("fails the request when the browser cannot be launched, and launches again on the next request", async () => {
    const { driver, launches } = fakeDriver();
    const noChromium = new Error("spawn /usr/bin/chromium ENOENT");
    launches.push(() => Promise.reject(noChromium));
    const pool = new PagePool(driver, options());

    const error = await settle(pool.run(async () => "never"));
    expect(codeOf(error)).toBe("pdf:render-failed");
    expect((error as AppError).cause).toBe(noChromium);

    expect(await pool.run(async (p) => p.browser.id)).toBe(1);
    expect(driver.launch).toHaveBeenCalledTimes(2);
  });

  it("passes on a launch error that is already an AppError (pdf:unavailable with install hint) unchanged", async () => {
    const { driver, launches } = fakeDriver();
    const unavailable = new AppError("pdf:unavailable", "暂时无法生成PDF：服务器上没有找到 Chromium。");
    launches.push(() => Promise.reject(unavailable));
    const pool = new PagePool(driver, options());
    expect(await settle(pool.run(async () => "never"))).toBe(unavailable);
  });

  it("reuses pages between requests and replaces a page after recycleAfter renders", async () => {
    const { driver, pages } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, recycleAfter: 3 }));
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await pool.run(async (p) => p.id));
    expect(ids).toEqual([1, 1, 1, 2, 2, 2, 3]);
    expect(driver.newPage).toHaveBeenCalledTimes(3);
    expect(pages.map((p) => p.closed)).toEqual([true, true, false]);
    expect(driver.launch).toHaveBeenCalledTimes(1);
  });

  it("on close(), refuses the waiting requests with pdf:busy and closes the browser", async () => {
    const { driver, browsers } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1, maxQueue: 3 }));
    const gate = deferred<string>();
    const first = settle(pool.run(() => gate.promise));
    const waitingWork = vi.fn(async () => "never");
    const waiting = [settle(pool.run(waitingWork)), settle(pool.run(waitingWork))];
    await vi.waitFor(() => expect(pool.waiting).toBe(2));

    await pool.close();
    for (const w of waiting) expect(codeOf(await w)).toBe("pdf:busy");
    expect(pool.waiting).toBe(0);
    expect(driver.closeBrowser).toHaveBeenCalledTimes(1);
    expect(driver.closeBrowser).toHaveBeenCalledWith(browsers[0]);

    gate.resolve("done");
    await first;
    expect(waitingWork).not.toHaveBeenCalled();
  });

  it("after close(), a render that fails does not start a new browser, and new requests are refused", async () => {
    const { driver } = fakeDriver();
    const pool = new PagePool(driver, options({ size: 1 }));
    const started = deferred();
    const running = settle(
      pool.run(async (page) => {
        started.resolve();
        await vi.waitFor(() => expect(page.browser.connected).toBe(false));
        throw new Error("Target page, context or browser has been closed");
      }),
    );
    await started.promise;
    await pool.close();
    expect(codeOf(await running)).toBe("pdf:render-failed");
    expect(driver.launch).toHaveBeenCalledTimes(1);
    expect(codeOf(await settle(pool.run(async () => "late")))).toBe("pdf:busy");
    expect(driver.launch).toHaveBeenCalledTimes(1);
  });
});

describe("PagePool limits the whole request, not only the work", () => {
  it("fails with pdf:timeout when opening a page never finishes, and frees the slot", async () => {
    const { driver } = fakeDriver();
    driver.newPage.mockImplementationOnce(() => new Promise(() => undefined));
    const pool = new PagePool(driver, options({ size: 1, renderTimeoutMs: 50 }));
    expect(codeOf(await settle(pool.run(async () => "never")))).toBe("pdf:timeout");
    expect(await pool.run(async (page) => `page ${page.id}`)).toBe("page 1");
  });

  it("counts one crash once, even when the exit event and the failed render both report it", async () => {
    const { driver, browsers, crash } = fakeDriver();
    const pool = new PagePool(driver, options());
    await pool.run(async () => "warm");
    const result = await pool.run(async (page) => {
      if (page.browser.id === 1) {
        crash(browsers[0]!);
        throw new Error("Target page, context or browser has been closed");
      }
      return "again";
    });
    expect(result).toBe("again");
    expect(pool.stats.crashes).toBe(1);
  });
});
