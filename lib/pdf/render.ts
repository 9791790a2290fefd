// Prints one issue's official layout (/print, the same page readers see and print) to PDF in a
// pooled Chromium page: load it, lay out the sheets once every face has loaded, then print with
// the CSS page size (A4) and finish the file's metadata and outline.
import type { Page } from "playwright-core";
import { AppError } from "@/lib/errors";
import { FOLIO_TEMPLATE } from "@/lib/format";
import { colophonStep, paginate, planGridLine } from "@/lib/layout/paginate";
import { finishPdf, type PdfInfo } from "./metadata";
import { RENDER_HEADER } from "./render-access";
import { routeRenderRequests } from "./render-routes";

type Layout = { state: string | null; failedFonts: string[]; outline: PdfInfo["outline"] };

/** Milliseconds spent loading the page, paginating it, printing it, and finishing the file. */
export type RenderTimings = { load: number; paginate: number; print: number; finish: number };

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
  await page.setContent(await response.text(), { waitUntil: "domcontentloaded" });
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
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const t2 = performance.now();
  const bytes = await finishPdf(pdf, { ...info, outline: layout.outline });
  return { bytes, timings: { load: loaded - t0, paginate: t1 - loaded, print: t2 - t1, finish: performance.now() - t2 } };
}

const PAGINATE_SOURCE = paginate.toString();
const COLOPHON_STEP_SOURCE = colophonStep.toString();
const GRID_LINE_SOURCE = planGridLine.toString();
const READ_LAYOUT_SOURCE = readLayout.toString();
const prepared = new WeakSet<Page>();

/** Once per pooled page: sit on this server's origin (so the page's links resolve), without the app's scripts (React is not needed to print). */
async function prepare(page: Page, origin: string, secret: string): Promise<void> {
  if (prepared.has(page)) return;
  await routeRenderRequests(page, { origin, secret });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setBlockedURLs", { urls: ["*/_next/static/chunks/*.js", "*/_next/static/*/_buildManifest.js", "*/icon.svg*"] });
  await page.goto(`${origin}/api/health`);
  prepared.add(page);
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
