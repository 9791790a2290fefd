// Prints one issue's official layout (/print, the same page readers see and print) to PDF in a
// pooled Chromium page: load it, wait until the sheets are laid out and every face is loaded,
// then print with the CSS page size (A4) and finish the file's metadata and outline.
import type { Page } from "playwright-core";
import { paginate } from "@/components/bulletin/paginate";
import { AppError } from "@/lib/errors";
import { FOLIO_TEMPLATE } from "@/lib/format";
import { finishPdf, type PdfInfo } from "./metadata";
import { RENDER_COOKIE } from "./render-access";


type Layout = { state: string | null; failedFonts: string[]; outline: PdfInfo["outline"] };

/** Milliseconds spent loading and laying out the page, printing it, and finishing the file. */
export type RenderTimings = { layout: number; print: number; finish: number };

export async function renderPdf(page: Page, url: string, secret: string, info: Omit<PdfInfo, "outline">): Promise<{ bytes: Uint8Array; timings: RenderTimings }> {
  const t0 = performance.now();
  await prepare(page, url, secret);
  const response = await page.goto(url, { waitUntil: "domcontentloaded" });
  if (!response || response.status() !== 200) {
    throw new AppError("pdf:render-failed", "生成PDF时无法打开该期的正式版式。", { cause: new Error(`GET ${url} → ${response?.status()}`) });
  }
  // The same pagination code the page runs after hydration, run at once (the app's scripts are blocked).
  await page.evaluate(
    async ([source, folio]) => {
      const root = document.querySelector<HTMLElement>(".jb-official");
      if (!root) return;
      const run = (0, eval)(`(${source})`) as (root: HTMLElement, folio: string) => Promise<number>;
      await run(root, folio).catch((error: unknown) => {
        console.error("layout:paginate-failed", error);
        root.dataset.paginated = "failed";
      });
    },
    [PAGINATE_SOURCE, FOLIO_TEMPLATE] as const,
  );
  const layout = await page.evaluate(readLayout);
  if (layout.state !== "true") throw new AppError("pdf:render-failed", "正式版式分页失败，无法生成PDF。", { cause: new Error(`paginate: ${layout.state}`) });
  // A face that failed to load would print in a fallback font (a Type 3 font in the PDF).
  if (layout.failedFonts.length > 0) throw new AppError("pdf:render-failed", "字体加载失败，无法生成PDF。", { cause: new Error(`fonts: ${layout.failedFonts.join(", ")}`) });
  const t1 = performance.now();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const t2 = performance.now();
  const bytes = await finishPdf(pdf, { ...info, outline: layout.outline });
  return { bytes, timings: { layout: t1 - t0, print: t2 - t1, finish: performance.now() - t2 } };
}

const PAGINATE_SOURCE = paginate.toString();
const prepared = new WeakSet<Page>();

/** Once per pooled page: the render pass (a cookie for this server only), and no app scripts (React is not needed to print). */
async function prepare(page: Page, url: string, secret: string): Promise<void> {
  if (prepared.has(page)) return;
  await page.context().addCookies([{ name: RENDER_COOKIE, value: secret, url: new URL(url).origin, httpOnly: true, sameSite: "Strict" }]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setBlockedURLs", { urls: ["*/_next/static/chunks/*.js", "*/_next/static/*/_buildManifest.js", "*/icon.svg*"] });
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
