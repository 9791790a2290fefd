// Prints one issue's official layout (/print, the same page readers see and print) to PDF in a
// pooled Chromium page: load it, wait until the sheets are laid out and every face is loaded,
// then print with the CSS page size (A4) and finish the file's metadata and outline.
import type { Page } from "playwright-core";
import { AppError } from "@/lib/errors";
import { finishPdf, type PdfInfo } from "./metadata";
import { RENDER_HEADER } from "./render-access";


type Layout = { state: string | null; failedFonts: string[]; outline: PdfInfo["outline"] };

export async function renderPdf(page: Page, url: string, secret: string, info: Omit<PdfInfo, "outline">): Promise<Uint8Array> {
  await page.setExtraHTTPHeaders({ [RENDER_HEADER]: secret });
  const response = await page.goto(url, { waitUntil: "domcontentloaded" });
  if (!response || response.status() !== 200) {
    throw new AppError("pdf:render-failed", "生成PDF时无法打开该期的正式版式。", { cause: new Error(`GET ${url} → ${response?.status()}`) });
  }
  await page.waitForFunction(() => document.querySelector(".jb-official")?.getAttribute("data-paginated"), null, { polling: 10 });
  const layout = await page.evaluate(readLayout);
  if (layout.state !== "true") throw new AppError("pdf:render-failed", "正式版式分页失败，无法生成PDF。", { cause: new Error(`paginate: ${layout.state}`) });
  // A face that failed to load would print in a fallback font (a Type 3 font in the PDF).
  if (layout.failedFonts.length > 0) throw new AppError("pdf:render-failed", "字体加载失败，无法生成PDF。", { cause: new Error(`fonts: ${layout.failedFonts.join(", ")}`) });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  return finishPdf(pdf, { ...info, outline: layout.outline });
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
