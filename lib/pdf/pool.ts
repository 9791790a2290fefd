// A small pool of browser pages over one long-lived browser. Requests beyond the pool wait in a
// bounded queue for a bounded time and are then refused (busy), never left hanging; a render
// that takes too long or crashes fails alone; a browser that dies is relaunched on next use.
import { AppError } from "@/lib/errors";

export type PoolDriver<B, P> = {
  launch(): Promise<B>;
  /** Called once per browser; `onExit` fires when it closes or crashes. */
  watch(browser: B, onExit: () => void): void;
  /** False once the browser is gone (which `onExit` may not have reported yet). */
  isConnected(browser: B): boolean;
  newPage(browser: B): Promise<P>;
  closePage(page: P): Promise<void>;
  closeBrowser(browser: B): Promise<void>;
};

export type PoolOptions = {
  /** Pages rendering at once. */
  size: number;
  /** Requests allowed to wait for a page; more are refused at once. */
  maxQueue: number;
  /** How long a request may wait for a page. */
  queueTimeoutMs: number;
  /** How long one render may take. */
  renderTimeoutMs: number;
  /** Pages are replaced after this many renders, so memory stays bounded. */
  recycleAfter: number;
};

type Waiter = { resolve: () => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };
type Slot<P> = { page: P; uses: number; generation: number };

export class PagePool<B, P> {
  private browser: Promise<B> | undefined;
  private generation = 0;
  private idle: Slot<P>[] = [];
  private active = 0;
  private queue: Waiter[] = [];
  private closed = false;
  readonly stats = { launches: 0, renders: 0, refused: 0, timeouts: 0, crashes: 0 };

  constructor(
    private readonly driver: PoolDriver<B, P>,
    private readonly options: PoolOptions,
  ) {}

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `work` on a pooled page. Throws AppError pdf:busy / pdf:timeout / pdf:render-failed. */
  async run<T>(work: (page: P) => Promise<T>): Promise<T> {
    if (this.closed) throw closing();
    await this.acquire();
    try {
      try {
        return await this.attempt(work);
      } catch (error) {
        // The browser died under this request (or before it, unnoticed): once more on a new one.
        if (error instanceof AppError || this.closed || (await this.browserAlive())) throw error;
        this.forgetBrowser();
        return await this.attempt(work);
      }
    } catch (error) {
      throw this.explain(error);
    } finally {
      this.release();
    }
  }

  private async attempt<T>(work: (page: P) => Promise<T>): Promise<T> {
    let slot: Slot<P> | undefined;
    let timedOut = false;
    try {
      // The time limit covers starting the browser and opening a page too, not only the work.
      const job = (async () => {
        const taken = await this.takePage();
        if (timedOut) {
          this.discard(taken);
          throw new Error("timed out before the page was ready");
        }
        slot = taken;
        return work(slot.page);
      })();
      const result = await this.withTimeout(job, () => {
        timedOut = true;
        if (slot) this.discard(slot); // closing the page also stops the stuck work
        slot = undefined;
      });
      if (!slot) throw new Error("page lost");
      slot.uses++;
      this.stats.renders++;
      this.giveBack(slot);
      slot = undefined;
      return result;
    } finally {
      if (slot) this.discard(slot);
    }
  }

  private async browserAlive(): Promise<boolean> {
    const browser = await this.browser?.catch(() => undefined);
    return !!browser && this.driver.isConnected(browser);
  }

  private forgetBrowser(): void {
    if (this.browser) this.stats.crashes++; // else its exit was already counted
    this.generation++;
    this.browser = undefined;
    this.idle = [];
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    for (const w of this.queue.splice(0)) {
      clearTimeout(w.timer);
      w.reject(closing());
    }
    if (browser) await browser.then((b) => this.driver.closeBrowser(b)).catch(() => undefined);
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.size) {
      this.active++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.options.maxQueue) {
      this.stats.refused++;
      return Promise.reject(busy());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.queue = this.queue.filter((w) => w !== waiter);
          this.stats.refused++;
          reject(busy());
        }, this.options.queueTimeoutMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(); // the slot passes straight to the next request
    } else {
      this.active--;
    }
  }

  private async takePage(): Promise<Slot<P>> {
    let browser = await this.ensureBrowser();
    if (!this.driver.isConnected(browser)) {
      this.forgetBrowser();
      browser = await this.ensureBrowser();
    }
    const ready = this.idle.pop();
    if (ready && ready.generation === this.generation) return ready;
    return { page: await this.driver.newPage(browser), uses: 0, generation: this.generation };
  }

  private ensureBrowser(): Promise<B> {
    if (this.closed) return Promise.reject(closing());
    if (!this.browser) {
      const generation = ++this.generation;
      this.idle = [];
      this.stats.launches++;
      const launching = this.driver.launch().catch((error: unknown) => {
        throw error instanceof AppError ? error : new AppError("pdf:render-failed", "PDF渲染器无法启动，请稍后再试。", { cause: error });
      });
      launching.then(
        (b) => {
          this.driver.watch(b, () => {
            if (this.generation !== generation) return;
            this.stats.crashes++;
            this.browser = undefined; // relaunched by the next request
            this.idle = [];
          });
        },
        () => {
          if (this.generation === generation) this.browser = undefined;
        },
      );
      this.browser = launching;
    }
    return this.browser;
  }

  private withTimeout<T>(work: Promise<T>, onTimeout: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stats.timeouts++;
        onTimeout();
        reject(new AppError("pdf:timeout", `生成PDF超时（超过${Math.round(this.options.renderTimeoutMs / 1000)}秒），请稍后再试。`));
      }, this.options.renderTimeoutMs);
    });
    work.catch(() => undefined);
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private giveBack(slot: Slot<P>): void {
    if (slot.generation === this.generation && this.browser && slot.uses < this.options.recycleAfter) this.idle.push(slot);
    else this.discard(slot);
  }

  private discard(slot: Slot<P>): void {
    this.idle = this.idle.filter((s) => s !== slot);
    this.driver.closePage(slot.page).catch(() => undefined);
  }

  private explain(error: unknown): unknown {
    if (error instanceof AppError) return error;
    return new AppError("pdf:render-failed", "生成PDF时出错，请稍后再试。", { cause: error });
  }
}

const busy = () => new AppError("pdf:busy", "PDF生成任务较多，请稍后再试。");
const closing = () => new AppError("pdf:busy", "PDF服务正在关闭，请稍后再试。");
