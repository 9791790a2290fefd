// Prints one issue's official layout (/print, the same page readers see and print) to PDF in a
// pooled Chromium page: load it, lay out the sheets once every face has loaded, then print with
// the CSS page size (A4) and finish the file's metadata and outline. The pooled page stays loaded
// between renders: a render swaps the new issue's body into it, so the styles stay parsed and,
// while the font subsets are the same, its fonts stay loaded.
import type { CDPSession, Page } from "playwright-core";
import { AppError } from "@/lib/errors";
import { FOLIO_TEMPLATE } from "@/lib/format";
import { colophonStep, paginate, planGridLine } from "@/lib/layout/paginate";
import { finishPdf, type PdfInfo } from "./metadata";
import { RENDER_HEADER } from "./render-access";
import { routeRenderRequests } from "./render-routes";

type Layout = { state: string | null; failedFonts: string[]; outline: PdfInfo["outline"] };

/** Milliseconds spent fetching the print page's HTML, writing it into the page (with its styles and fonts), paginating, printing, and finishing the file. */
export type RenderTimings = { html: number; load: number; paginate: number; print: number; finish: number };

export async function renderPdf(
  page: Page,
  url: string,
  secret: string,
  info: Omit<PdfInfo, "outline">,
): Promise<{ bytes: Uint8Array; timings: RenderTimings }> {
  const t0 = performance.now();
  await prepare(page, new URL(url).origin, secret);
  // The page's HTML is fetched here and written into the pooled page, which already sits on this
  // server's origin: no navigation (a new document, a process hop) per render. The render pass
  // never reaches the browser: the page's own requests are made by Node (render-routes.ts), which
  // adds it to this origin's only.
  // redirect: "manual": a redirect would carry the pass to wherever it points; it is a failure.
  const response = await fetch(url, { headers: { [RENDER_HEADER]: secret }, redirect: "manual" });
  if (response.status !== 200) {
    throw new AppError("pdf:render-failed", "生成PDF时无法打开该期的正式版式。", { cause: new Error(`GET ${url} → ${response.status}`) });
  }
  const html = await response.text();
  const fetched = performance.now();
  // The same issue's body swapped into the loaded page; a full load for another issue's fonts
  // (see swapIn), and when the page holds no print page yet or the site's styles changed.
  if (!(await page.evaluate(swapIn, html))) await page.setContent(html, { waitUntil: "domcontentloaded" });
  const loaded = performance.now();
  // The same pagination code the page runs after hydration, run at once (the app's scripts are blocked).
  const layout = await page.evaluate(
    async ([source, stepSource, gridSource, folio, read]) => {
      const root = document.querySelector<HTMLElement>(".jb-official");
      // Indirect eval, in the renderer's own page: the source is our paginator (the same code the
      // browser runs), never an author's; the page's CSP is bypassed for this context only.
      // biome-ignore lint/complexity/noCommaOperator: `(0, eval)` is indirect eval, global scope
      // biome-ignore lint/security/noGlobalEval: our own paginator's source, see above
      const paginate = (0, eval)(`(${source})`) as typeof import("@/lib/layout/paginate").paginate;
      // biome-ignore lint/complexity/noCommaOperator: indirect eval, as above
      // biome-ignore lint/security/noGlobalEval: our own paginator's 版记 decision, as above
      const colophonStep = (0, eval)(`(${stepSource})`) as typeof import("@/lib/layout/paginate").colophonStep;
      // biome-ignore lint/complexity/noCommaOperator: indirect eval, as above
      // biome-ignore lint/security/noGlobalEval: our own paginator's line-grid decision, as above
      const planGridLine = (0, eval)(`(${gridSource})`) as typeof import("@/lib/layout/paginate").planGridLine;
      if (root) {
        await paginate(root, folio, colophonStep, planGridLine).catch((error: unknown) => {
          console.error("layout:paginate-failed", error);
          root.dataset.paginated = "failed";
        });
      }
      // biome-ignore lint/complexity/noCommaOperator: indirect eval, as above
      // biome-ignore lint/security/noGlobalEval: our own layout reader's source, as above
      return ((0, eval)(`(${read})`) as () => Layout)();
    },
    [PAGINATE_SOURCE, COLOPHON_STEP_SOURCE, GRID_LINE_SOURCE, FOLIO_TEMPLATE, READ_LAYOUT_SOURCE] as const,
  );
  if (layout.state !== "true")
    throw new AppError("pdf:render-failed", "正式版式分页失败，无法生成PDF。", { cause: new Error(`paginate: ${layout.state}`) });
  // A face that failed to load would print in a fallback font (a Type 3 font in the PDF).
  if (layout.failedFonts.length > 0)
    throw new AppError("pdf:render-failed", "字体加载失败，无法生成PDF。", { cause: new Error(`fonts: ${layout.failedFonts.join(", ")}`) });
  const t1 = performance.now();
  const pdf = await print(sessions.get(page) ?? (await page.context().newCDPSession(page)));
  const t2 = performance.now();
  const bytes = await finishPdf(pdf, { ...info, outline: layout.outline });
  return {
    bytes,
    timings: { html: fetched - t0, load: loaded - fetched, paginate: t1 - loaded, print: t2 - t1, finish: performance.now() - t2 },
  };
}

const PAGINATE_SOURCE = paginate.toString();
const COLOPHON_STEP_SOURCE = colophonStep.toString();
const GRID_LINE_SOURCE = planGridLine.toString();
const READ_LAYOUT_SOURCE = readLayout.toString();
const prepared = new WeakSet<Page>();
const sessions = new WeakMap<Page, CDPSession>();

/**
 * Prints with the CDP call page.pdf() makes, with the same options (preferCSSPageSize, printBackground,
 * no margins of its own, untagged, no outline), but the file comes back in the answer instead of as
 * a stream read in pieces.
 */
async function print(cdp: CDPSession): Promise<Uint8Array> {
  const { data } = await cdp.send("Page.printToPDF", {
    preferCSSPageSize: true,
    printBackground: true,
    paperWidth: 8.5,
    paperHeight: 11,
    marginTop: 0,
    marginBottom: 0,
    marginLeft: 0,
    marginRight: 0,
    generateTaggedPDF: false,
    generateDocumentOutline: false,
  });
  return Buffer.from(data, "base64");
}

/** Once per pooled page: sit on this server's origin (so the page's links resolve), without the app's scripts (React is not needed to print). */
async function prepare(page: Page, origin: string, secret: string): Promise<void> {
  if (prepared.has(page)) return;
  await routeRenderRequests(page, { origin, secret });
  const cdp = await page.context().newCDPSession(page);
  sessions.set(page, cdp);
  await cdp.send("Network.enable");
  await cdp.send("Network.setBlockedURLs", { urls: ["*/_next/static/chunks/*.js", "*/_next/static/*/_buildManifest.js", "*/icon.svg*"] });
  await page.goto(`${origin}/api/health`);
  prepared.add(page);
}

/**
 * Runs in the page: puts the body of `html` (a /print page) in place of the page's body when the
 * page already holds a print page with the same styles and the same @font-face rules (the same
 * issue's font subsets), so the styles stay parsed and the fonts stay loaded; false otherwise, and
 * the caller loads the page whole. Other fonts are not swapped in: two rules naming one file (JB
 * Fang bold and JB XBS) share one download, and so one embedded font, only while a document
 * loads; swapped in later, each rule fetched the file again and the PDF embedded it twice. The
 * page's scripts are left out, as the renderer blocks them anyway, and so is its <noscript>.
 */
function swapIn(html: string): boolean {
  const next = new DOMParser().parseFromString(html, "text/html");
  const styles = (d: Document) =>
    [...d.head.querySelectorAll("link[rel=stylesheet], style")].map((e) => e.getAttribute("href") ?? e.textContent).join("\n");
  const faces = (d: Document) => d.querySelector(".jb-official > style");
  const current = faces(document);
  const incoming = faces(next);
  if (!current || !incoming || incoming.textContent !== current.textContent || styles(next) !== styles(document)) return false;
  // DOMParser parses as if scripting were off: <noscript> content would become live (its @page margins).
  for (const inert of next.body.querySelectorAll("script, noscript")) inert.remove();
  incoming.replaceWith(current);
  document.title = next.title;
  document.body.replaceChildren(...[...next.body.childNodes].map((n) => document.adoptNode(n)));
  return true;
}

/** Runs in the page: pagination state, fonts that failed, and where each article title landed. */
function readLayout(): Layout {
  const root = document.querySelector<HTMLElement>(".jb-official");
  const failedFonts = [...document.fonts].filter((f) => f.status === "error").map((f) => `${f.family} ${f.weight}`);
  const outline: Layout["outline"] = [];
  document.querySelectorAll<HTMLElement>(".jb-sheet").forEach((sheet, i) => {
    const top = sheet.getBoundingClientRect().top;
    sheet.querySelectorAll<HTMLElement>(".jb-area h1:not(.jb-series-name)").forEach((h) => {
      outline.push({ title: (h.textContent ?? "").trim(), page: i + 1, top: h.getBoundingClientRect().top - top });
    });
  });
  return { state: root?.getAttribute("data-paginated") ?? null, failedFonts, outline };
}
