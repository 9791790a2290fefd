// Takes screenshots of pages for the README and for looking at a change:
//   npx tsx scripts/screenshot.ts <url> <out.png> [width] [--full | --sheet N]
import { chromium } from "playwright-core";
import { findChromium } from "@/lib/pdf/chromium";

const [url, out, width = "1280"] = process.argv.slice(2);
if (!url || !out) throw new Error("usage: screenshot.ts <url> <out.png> [width] [--full | --sheet N]");
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const page = await browser.newPage({
  viewport: { width: Number(width), height: Number(width) < 600 ? 860 : 900 },
  deviceScaleFactor: Number(width) < 600 ? 2 : 1,
});
await page.goto(url, { waitUntil: "networkidle" });
await page.waitForFunction(
  () => !document.querySelector(".jb-official") || !!document.querySelector(".jb-official")?.getAttribute("data-paginated"),
  null,
  { timeout: 20000 },
);
await page.addStyleTag({ content: ".jb-print-toolbar { display: none !important; }" });
const nth = process.argv.indexOf("--sheet");
if (nth > 0)
  await page
    .locator(".jb-sheet")
    .nth(Number(process.argv[nth + 1]) - 1)
    .screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: process.argv.includes("--full") });
await browser.close();
