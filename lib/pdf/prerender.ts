// Renders the PDFs of public issues just published, corrected, republished or changed by a sync
// (the server's own at start, or a `content:sync` or import run beside it) in the background, so
// the first reader finds a cached file instead of waiting for Chromium.
// One render at a time: the background never holds more than one of the pool's pages, and it
// waits while readers queue for one. A reader asking for an issue being rendered here joins that
// render (issuePdf shares one render per issue version). Internal issues are left to their first
// reader: they are few and read by the studio's own people.
import "server-only";
import { getPublicIssue, type IssueDetail } from "@/db/queries/archive";
import { indexVersion, publicIssuesSyncedSince } from "@/db/queries/index-changes";
import { parseIssuePath } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { env } from "@/lib/env";

export type PrerenderStatus = { queued: number; running: string | null; done: number; failed: number; skipped: number; dropped: number };

/** More waiting than this and the oldest are dropped: their first reader renders them as before. */
export const PRERENDER_LIMIT = 200;

/**
 * A bounded, deduplicated FIFO of issue files (content-relative paths) rendered one at a time by
 * `render`. `yieldTo` is awaited before each render: it resolves when readers leave room. Then
 * `find` looks the file up as the turn comes: undefined skips it (never shown as running);
 * anything else is handed to `render`, so the file is looked up once.
 */
export class PrerenderQueue<T = true> {
  private readonly waiting = new Set<string>();
  private running: string | null = null;
  private loop: Promise<void> | null = null;
  private counts = { done: 0, failed: 0, skipped: 0, dropped: 0 };
  private droppedUnlogged = 0;

  constructor(
    private readonly render: (rel: string, found: T) => Promise<void>,
    private readonly limit = PRERENDER_LIMIT,
    private readonly yieldTo: () => Promise<void> = async () => {},
    private readonly find: (rel: string) => T | undefined = () => true as T,
  ) {}

  /** Queues the file; one already waiting keeps its place (one render covers both changes). */
  add(rel: string): void {
    if (this.waiting.has(rel)) return;
    this.waiting.add(rel);
    if (this.waiting.size > this.limit) {
      const oldest = this.waiting.values().next().value as string;
      this.waiting.delete(oldest);
      this.counts.dropped++;
      // One line per burst (a cold sync may add thousands), not one per file.
      if (this.droppedUnlogged++ === 0)
        queueMicrotask(() => {
          console.warn(`pdf:prerender-dropped ${this.droppedUnlogged} oldest issue(s) beyond the queue's limit of ${this.limit}`);
          this.droppedUnlogged = 0;
        });
    }
    this.loop ??= this.drain().finally(() => {
      this.loop = null;
    });
  }

  status(): PrerenderStatus {
    return { queued: this.waiting.size, running: this.running, ...this.counts };
  }

  /** Resolves once nothing waits and nothing runs (tests; a script that must not exit early). */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  private async drain(): Promise<void> {
    // Never inside the caller's stack (a sync's transaction, a publication's record).
    await new Promise((resolve) => setImmediate(resolve));
    for (let rel = this.next(); rel !== undefined; rel = this.next()) {
      try {
        await this.yieldTo();
        const found = this.find(rel);
        if (found === undefined) {
          this.counts.skipped++;
          continue;
        }
        this.running = rel;
        await this.render(rel, found);
        this.counts.done++;
      } catch (error) {
        this.counts.failed++;
        console.error("pdf:prerender-failed", rel, error);
      } finally {
        this.running = null;
      }
    }
  }

  private next(): string | undefined {
    const rel = this.waiting.values().next().value;
    if (rel !== undefined) this.waiting.delete(rel);
    return rel;
  }
}

// On globalThis: the studio's routes, the scheduler and /api/health share one queue per process.
const holder = globalThis as typeof globalThis & { __jianbaoPrerender?: PrerenderQueue<IssueDetail>; __jianbaoIndexWatch?: IndexWatch };

export function prerenderQueue(): PrerenderQueue<IssueDetail> {
  holder.__jianbaoPrerender ??= new PrerenderQueue(renderInBackground, PRERENDER_LIMIT, readersFirst, findPublic);
  return holder.__jianbaoPrerender;
}

/**
 * Queues the PDF of the issue file at `rel` (content-relative) for a background render, when
 * PDF_PRERENDER and the PDF cache are on (without the cache a render would be thrown away).
 */
export function queuePdfPrerender(rel: string): void {
  const e = env();
  if (e.PDF_PRERENDER !== "on" || e.PDF_CACHE !== "on" || !parseIssuePath(rel)) return;
  prerenderQueue().add(rel);
}

export function prerenderStatus(): PrerenderStatus {
  return holder.__jianbaoPrerender?.status() ?? { queued: 0, running: null, done: 0, failed: 0, skipped: 0, dropped: 0 };
}

/**
 * Looked up when its turn comes: an issue withdrawn, made internal or deleted since is skipped,
 * and an internal issue's path never shows in /api/health's public answer.
 */
function findPublic(rel: string): IssueDetail | undefined {
  const key = parseIssuePath(rel);
  return key ? getPublicIssue(db(), key) : undefined;
}

async function renderInBackground(_rel: string, issue: IssueDetail): Promise<void> {
  // Loaded here, not at the top: /api/health reads the status without loading the renderer.
  const { issuePdf } = await import("./service");
  await issuePdf(issue);
}

/** Waits while readers queue for a page of the renderer's pool: they always go first. */
async function readersFirst(): Promise<void> {
  const { pdfPool } = await import("./service");
  while (pdfPool().waiting > 0) await new Promise((resolve) => setTimeout(resolve, 500));
}

// Another process writing the index (`npm run content:sync` after a git pull, `npm run import`)
// cannot reach this server's queue: the server looks at the index every WATCH_EVERY_MS instead.
// A sync stamps the rows it writes with the time it started, so a look reaches LOOKBACK_MS
// further back than the previous one (a longer sync's early rows are left to their first reader).
const WATCH_EVERY_MS = 30_000;
const LOOKBACK_MS = 15 * 60_000;

/** `seen`: path → content hash of what the watch queued already, so a look never queues it twice. */
type IndexWatch = { version: number | null; lookedAt: number; seen: Map<string, string>; timer?: NodeJS.Timeout };
const indexWatch = (): IndexWatch => (holder.__jianbaoIndexWatch ??= { version: null, lookedAt: Date.now(), seen: new Map() });

/**
 * When the index changed since the last look (its change counter moved, whichever process wrote),
 * queues the public issues written since then that this look has not queued before; returns how
 * many. Changes the server made itself come by too: they were queued already, and a render whose
 * PDF is cached by then is a cache hit.
 */
export function queueIndexChanges(now = Date.now()): number {
  const e = env();
  if (e.PDF_PRERENDER !== "on" || e.PDF_CACHE !== "on") return 0;
  const w = indexWatch();
  const version = indexVersion(db());
  if (version === w.version) return 0;
  const since = new Date(w.lookedAt - LOOKBACK_MS);
  w.version = version;
  w.lookedAt = now;
  let queued = 0;
  for (const { path, contentHash } of publicIssuesSyncedSince(db(), since)) {
    if (w.seen.get(path) === contentHash) continue;
    w.seen.set(path, contentHash);
    queuePdfPrerender(path);
    queued++;
  }
  // Bounded: forgetting only means a later look may queue an issue again (a cache hit).
  if (w.seen.size > 10 * PRERENDER_LIMIT) w.seen.clear();
  return queued;
}

/** Starts the look at the index (once per process); the first one also covers the LOOKBACK_MS before the start. */
export function startIndexWatch(): void {
  const w = indexWatch();
  if (w.timer) return;
  w.timer = setInterval(() => {
    try {
      queueIndexChanges();
    } catch (error) {
      console.error("pdf:index-watch-failed", error);
    }
  }, WATCH_EVERY_MS);
  w.timer.unref();
}
