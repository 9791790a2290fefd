// The pooled page stays loaded between renders (lib/pdf/render.ts): in a real Chromium against a
// loopback server, a second render of the same issue swaps its body into the loaded page (the
// document stays, with its styles and fonts) and prints the same file as the first; an issue
// with other @font-face rules is loaded whole; and the <noscript> fallback of the print page
// (its own @page rule) stays inert when the body is swapped in, as it is in a loaded page.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PDFDocument } from "pdf-lib";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, requireChromium } from "@/lib/pdf/chromium";
import { renderPdf } from "@/lib/pdf/render";

const SECRET = "test-render-pass-0123456789abcdef";
const INFO = { title: "t", author: "a", subject: "s", keywords: [], created: new Date(0) };
let browser: Browser;
let server: http.Server;
let origin = "";

// A print page as /print serves it: the site's stylesheet in the head, the issue's @font-face
// rules first in .jb-official, a <noscript> @page for readers without script, scripts in the body.
const printPage = (issue: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<link rel="stylesheet" href="/site.css"><title>${issue}</title></head><body>
<noscript><style>@page { size: A5; margin: 30mm; }</style></noscript>
<div class="jb-official"><style>@font-face{font-family:"JB Test";src:local("DejaVu Sans");font-display:block} /* ${issue === "b" ? "other subsets" : "subsets"} */</style>
<div data-flow><h1>第${issue}期</h1><p>正文：${issue.repeat(40)}</p></div><div data-sheets></div></div>
<script>self.__next_f = (self.__next_f || []).concat([1]);</script></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/api/health") return res.end("ok");
    if (req.url === "/site.css") {
      return res
        .writeHead(200, { "content-type": "text/css" })
        .end(
          "@page { size: A4; margin: 0 } .jb-sheet { width: 210mm; height: 297mm; } .jb-area { height: 225mm; } p { font-family: 'JB Test'; }",
        );
    }
    const m = /^\/(a|b)\/print$/.exec(req.url ?? "");
    if (m && req.headers["x-jianbao-render"] === SECRET)
      return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(printPage(m[1]!));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

/** Each page's size in whole points: A4 is 595 × 842 (A5, the <noscript> page size, 420 × 595). */
const sizes = async (pdf: Uint8Array) => [
  ...new Set((await PDFDocument.load(pdf)).getPages().map((p) => `${Math.floor(p.getWidth())} × ${Math.floor(p.getHeight())}`)),
];

describe("renderPdf on a page kept loaded", () => {
  it("swaps the same issue's body in, loads another issue's page whole, and keeps <noscript> inert", async () => {
    const page = await (await browser.newContext()).newPage();
    const render = async (issue: string) => (await renderPdf(page, `${origin}/${issue}/print`, SECRET, INFO)).bytes;
    // A mark on the document element survives a swap and goes with a new load (a new document).
    const mark = () => page.evaluate(() => (document.documentElement.dataset.mark = "kept"));
    const marked = () => page.evaluate(() => document.documentElement.dataset.mark === "kept");
    const first = await render("a");
    await mark();
    const again = await render("a");
    expect(await marked()).toBe(true);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(await sizes(again)).toEqual(["594 × 841"]);
    await render("b");
    expect(await marked()).toBe(false); // other @font-face rules: the page was loaded whole
    await mark();
    const back = await render("a");
    expect(await marked()).toBe(false);
    expect(Buffer.from(back).equals(Buffer.from(first))).toBe(true);
    await page.context().close();
  });
});
