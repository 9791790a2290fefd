// The PDF renderer's network, in a real Chromium against loopback servers only:
// - an internal issue's own picture (served only with the render pass) is in the PDF;
// - a <Figure src> at a loopback address or `localhost` is never fetched (its server counts 0 hits);
// - a redirect from an allowed host to loopback is refused, and the render pass is sent to the
//   site's own origin only, never to another host or on a redirect.
// The third needs a host that counts as "public": the test passes its own address policy to
// routeRenderRequests (the seam production never uses) that admits 127.0.0.2 alone.
import http from "node:http";
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "@/lib/net/address-rule";
import { CHROMIUM_ARGS, requireChromium } from "@/lib/pdf/chromium";
import { renderPdf } from "@/lib/pdf/render";
import { routeRenderRequests } from "@/lib/pdf/render-routes";
import { pngOf } from "./lib/pictures";

const SECRET = "test-render-pass-0123456789abcdef";
const PNG = pngOf(40, 30, [200, 40, 40]);
// The ports given to this suite (3110-3119), on distinct loopback addresses.
const SITE = { host: "127.0.0.1", port: 3111 };
const PUBLIC = { host: "127.0.0.2", port: 3112 };
const PRIVATE = { host: "127.0.0.1", port: 3113 };

type Hit = { path: string; pass: string | undefined };
const hits = { site: [] as Hit[], public: [] as Hit[], private: [] as Hit[] };
const servers: http.Server[] = [];
let browser: Browser;

function serve(where: { host: string; port: number }, log: Hit[], handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const server = http.createServer((req, res) => {
    log.push({ path: req.url ?? "", pass: req.headers["x-jianbao-render"] as string | undefined });
    handler(req, res);
  });
  servers.push(server);
  return new Promise<void>((resolve) => server.listen(where.port, where.host, () => resolve()));
}

const png = (res: http.ServerResponse) => res.writeHead(200, { "content-type": "image/png" }).end(PNG);

const page = (figures: string[]) => `<!doctype html><html><head><meta charset="utf-8"><style>
  .jb-sheet { width: 210mm; height: 297mm; } .jb-area { height: 225mm; } img { width: 40mm; }
</style></head><body><div class="jb-official"><div data-flow><p>内部图片：</p>${figures.map((src) => `<figure><img src="${src}" alt=""></figure>`).join("")}</div><div data-sheets></div></div></body></html>`;

beforeAll(async () => {
  await serve(SITE, hits.site, (req, res) => {
    const authorised = req.headers["x-jianbao-render"] === SECRET;
    if (req.url === "/api/health") return res.end("ok");
    if (req.url === "/print") {
      return res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(
          page([
            "/jtyx/2021/7/media/image-1.png",
            `http://${PRIVATE.host}:${PRIVATE.port}/literal.png`,
            `http://localhost:${PRIVATE.port}/name.png`,
            `http://0x7f000001:${PRIVATE.port}/hex.png`,
            `http://${PUBLIC.host}:${PUBLIC.port}/to-private`,
          ]),
        );
    }
    // Like the media route: an internal issue's picture only for the renderer.
    if (req.url === "/jtyx/2021/7/media/image-1.png") return authorised ? png(res) : res.writeHead(404).end();
    if (req.url === "/moved/print") return res.writeHead(302, { location: `http://${PUBLIC.host}:${PUBLIC.port}/print` }).end();
    if (req.url === "/bounce") return res.writeHead(302, { location: `http://${PUBLIC.host}:${PUBLIC.port}/fine.png` }).end();
    res.writeHead(404).end();
  });
  await serve(PUBLIC, hits.public, (req, res) => {
    if (req.url === "/to-private") return res.writeHead(302, { location: `http://${PRIVATE.host}:${PRIVATE.port}/redirected.png` }).end();
    if (req.url === "/to-public") return res.writeHead(301, { location: "/fine.png" }).end();
    if (req.url === "/fine.png") return png(res);
    res.writeHead(404).end();
  });
  await serve(PRIVATE, hits.private, (_req, res) => png(res));
  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await new Promise((r) => s.close(r));
});

const siteUrl = `http://${SITE.host}:${SITE.port}`;

async function imagesIn(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf);
  return doc.context
    .enumerateIndirectObjects()
    .filter(
      ([, o]) => (o instanceof PDFRawStream ? o.dict : o instanceof PDFDict ? o : null)?.get(PDFName.of("Subtype")) === PDFName.of("Image"),
    ).length;
}

describe("renderPdf", () => {
  it("prints an internal issue's own picture, and fetches nothing from loopback or localhost", async () => {
    const p = await (await browser.newContext()).newPage();
    const { bytes } = await renderPdf(p, `${siteUrl}/print`, SECRET, {
      title: "t",
      author: "a",
      subject: "s",
      keywords: [],
      created: new Date(0),
    });
    // With the production rule 127.0.0.2 is loopback too: not even the first hop is made.
    expect({
      images: await imagesIn(bytes),
      internalPicture: hits.site.filter((h) => h.path === "/jtyx/2021/7/media/image-1.png").map((h) => h.pass),
      privateHits: hits.private.map((h) => h.path),
      publicHits: hits.public.map((h) => h.path),
    }).toEqual({ images: 1, internalPicture: [SECRET], privateHits: [], publicHits: [] });
    await p.context().close();
  });
});

describe("renderPdf's own request for the print page", () => {
  it("does not follow a redirect, so the render pass never leaves the site", async () => {
    const p = await (await browser.newContext()).newPage();
    hits.public.length = 0;
    await expect(
      renderPdf(p, `${siteUrl}/moved/print`, SECRET, { title: "t", author: "a", subject: "s", keywords: [], created: new Date(0) }),
    ).rejects.toMatchObject({ code: "pdf:render-failed" });
    expect(hits.public).toEqual([]);
    await p.context().close();
  });
});

describe("routeRenderRequests with a test host admitted as public", () => {
  let p: Page;
  beforeAll(async () => {
    p = await (await browser.newContext()).newPage();
    await routeRenderRequests(p, { origin: siteUrl, secret: SECRET, policy: (a) => a === PUBLIC.host || isPublicAddress(a) });
    await p.goto(`${siteUrl}/api/health`);
  });

  const load = async (srcs: string[]) => {
    hits.site.length = hits.public.length = hits.private.length = 0;
    await p.setContent(page(srcs));
    return p.evaluate(() =>
      Promise.all(
        [...document.images].map((img) =>
          img.complete ? img.naturalWidth : new Promise<number>((r) => (img.onload = img.onerror = () => r(img.naturalWidth))),
        ),
      ),
    );
  };

  it("fetches an allowed host's picture and follows its redirect within allowed hosts, without the render pass", async () => {
    expect(await load([`http://${PUBLIC.host}:${PUBLIC.port}/fine.png`, `http://${PUBLIC.host}:${PUBLIC.port}/to-public`])).toEqual([
      40, 40,
    ]);
    expect(hits.public.map((h) => h.pass)).toEqual([undefined, undefined, undefined]);
  });

  it("refuses a redirect from an allowed host to loopback: the loopback server counts 0 hits", async () => {
    expect(await load([`http://${PUBLIC.host}:${PUBLIC.port}/to-private`])).toEqual([0]);
    expect(hits.public.map((h) => h.path)).toEqual(["/to-private"]);
    expect(hits.private).toEqual([]);
  });

  it("never follows a redirect from the site's own origin, so the pass is not carried to another host", async () => {
    expect(await load([`${siteUrl}/bounce`])).toEqual([0]);
    expect(hits.site.map((h) => [h.path, h.pass])).toEqual([["/bounce", SECRET]]);
    expect(hits.public).toEqual([]);
  });

  it("refuses loopback in every spelling, and a site-relative picture goes to the site with the pass", async () => {
    const spelled = [
      "127.0.0.1",
      "localhost",
      "0x7f000001",
      "2130706433",
      "0177.0.0.1",
      "127.1",
      "[::1]",
      "[::ffff:127.0.0.1]",
      "0.0.0.0",
    ].map((h) => `http://${h}:${PRIVATE.port}/x.png`);
    expect(await load([...spelled, "/jtyx/2021/7/media/image-1.png"])).toEqual([...spelled.map(() => 0), 40]);
    expect(hits.private).toEqual([]);
    expect(hits.site.map((h) => h.pass)).toEqual([SECRET]);
  });
});
