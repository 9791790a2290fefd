// The server's PDF service: one long-lived Chromium per process with a small page pool, a disk
// cache keyed by content and layout, and one render at a time per issue version.
import "server-only";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { IssueDetail } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { env, servedPort } from "@/lib/env";
import { issueLine } from "@/lib/format";
import { cacheEntry, readCached, storeCached } from "./cache";
import { RENDERER_ARGS, requireChromium } from "./chromium";
import { layoutVersion } from "./layout-version";
import { PagePool } from "./pool";
import { type RenderTimings, renderPdf } from "./render";
import { renderSecret } from "./render-access";
import { rendererSandbox } from "./sandbox";

export type PdfResult = { bytes: Uint8Array; etag: string; cached: boolean; timings?: RenderTimings & { wait: number } };

// Marks the renderer's browser among the machine's processes (tests and operators look for it).
export const RENDERER_FLAG = "--jianbao-pdf-renderer";

type Rendered = { bytes: Uint8Array; timings: RenderTimings & { wait: number } };
type Holder = { pool?: PagePool<Browser, Page>; inFlight: Map<string, Promise<Rendered>> };
// On globalThis: one browser per server process, whichever route bundle asks first.
const holder: Holder = ((globalThis as typeof globalThis & { __jianbaoPdf?: Holder }).__jianbaoPdf ??= { inFlight: new Map() });

export function pdfPool(): PagePool<Browser, Page> {
  if (!holder.pool) {
    const e = env();
    holder.pool = new PagePool<Browser, Page>(
      {
        launch: async () => {
          const { sandbox } = rendererSandbox(e.CHROMIUM_SANDBOX);
          // Playwright adds --no-sandbox unless chromiumSandbox is set: it is, whenever the kernel allows.
          return chromium.launch({
            executablePath: requireChromium(e.CHROMIUM_PATH),
            chromiumSandbox: sandbox,
            args: [...RENDERER_ARGS, RENDERER_FLAG, offline()],
          });
        },
        watch: (browser, onExit) => browser.on("disconnected", onExit),
        isConnected: (browser) => browser.isConnected(),
        newPage: async (browser) => (await contextOf(browser)).newPage(),
        closePage: (page) => page.close(),
        closeBrowser: (browser) => browser.close(),
      },
      {
        size: e.PDF_POOL_SIZE,
        maxQueue: e.PDF_QUEUE_LIMIT,
        queueTimeoutMs: e.PDF_QUEUE_TIMEOUT_MS,
        renderTimeoutMs: e.PDF_RENDER_TIMEOUT_MS,
        recycleAfter: 200,
      },
    );
  }
  return holder.pool;
}

// One context per browser: its pages share the HTTP cache, so a second page finds the fonts
// and stylesheets the first one loaded.
const contexts = new WeakMap<Browser, Promise<BrowserContext>>();
function contextOf(browser: Browser): Promise<BrowserContext> {
  let context = contexts.get(browser);
  if (!context) {
    // bypassCSP: the renderer runs the pagination code in the page itself (render.ts evaluates its
    // source), which the site's Content-Security-Policy (no 'unsafe-eval') rightly refuses to
    // readers' browsers. What this Chromium may reach is limited by the renderer, not by the CSP.
    context = browser.newContext({ viewport: { width: 900, height: 1200 }, bypassCSP: true });
    contexts.set(browser, context);
  }
  return context;
}

export async function issuePdf(issue: IssueDetail): Promise<PdfResult> {
  const key = keyOfRow(issue);
  const entry = cacheEntry(key, issue.contentHash, await layoutVersion());
  const useCache = env().PDF_CACHE === "on";
  if (useCache) {
    const hit = await readCached(entry);
    if (hit) return { bytes: hit, etag: entry.etag, cached: true };
  }
  let job = useCache ? holder.inFlight.get(entry.file) : undefined;
  if (!job) {
    job = (async () => {
      const queued = performance.now();
      let started = queued;
      const { bytes, timings } = await pdfPool().run((page) => {
        started = performance.now();
        return renderPdf(page, `${internalOrigin()}${issueUrl(key)}/print`, renderSecret(), infoOf(issue));
      });
      if (useCache) await storeCached(entry, bytes).catch((error: unknown) => console.error("pdf:cache-write-failed", entry.file, error));
      return { bytes, timings: { ...timings, wait: started - queued } };
    })().finally(() => holder.inFlight.delete(entry.file));
    if (useCache) holder.inFlight.set(entry.file, job);
  }
  const { bytes, timings } = await job;
  return { bytes, etag: entry.etag, cached: false, timings };
}

function infoOf(issue: IssueDetail) {
  const line = issueLine({ ...issue, showTotal: issue.series.showTotal });
  return {
    title: `${issue.series.name}${line} ${issue.title}`,
    author: issue.organization,
    subject: issue.title,
    keywords: [issue.series.name, line, ...issue.articles],
    created: new Date(),
  };
}

/** Chromium itself never goes to the network: every request is made by Node under the address
 *  rule (render-routes.ts). Should one slip past it, no host name but this server's resolves. */
function offline(): string {
  return `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${new URL(internalOrigin()).hostname}`;
}

function internalOrigin(): string {
  const e = env();
  return e.INTERNAL_ORIGIN ?? `http://127.0.0.1:${servedPort()}`;
}
