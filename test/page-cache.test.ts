// The rendered-page cache in front of Next: a public page is rendered once per content version;
// anything personal, non-page or failed is never stored or served from it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, createPageCache } from "@/lib/page-cache.mjs";

let server: Server;
let base: string;
let version: string | null = "1";
let renders = 0;
const cache = createPageCache({ version: () => version, maxBytes: 10_000, maxEntryBytes: 4_000 });

/**
 * Renders of pages asked for with ?hold wait here until the test opens the gate: a burst is then
 * a burst however late the test process gets the CPU back (a render on a timer could finish
 * before the last readers of the burst had even connected, and they would count as hits).
 */
let gate = Promise.resolve();

// Stands in for Next: writes the page in pieces, as streaming rendering does.
function render(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.searchParams.has("hold")) {
    url.searchParams.delete("hold");
    void gate.then(() => draw(url, res));
  } else draw(url, res);
}

/** Closes the gate; returns what opens it. */
function holdRenders(): () => void {
  let open!: () => void;
  gate = new Promise<void>((resolve) => (open = resolve));
  return open;
}

/** Until `count()` reaches `n`: counted, not timed (the test's timeout is the only bound). */
async function until(count: () => number, n: number) {
  while (count() < n) await new Promise((resolve) => setTimeout(resolve, 5));
}

function draw(url: URL, res: ServerResponse) {
  renders++;
  const status = Number(url.searchParams.get("status") ?? 200);
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  if (url.searchParams.has("cookie")) res.setHeader("set-cookie", "a=1");
  res.write(`<p>第${renders}次渲染 `);
  res.write(Buffer.from(`${url.pathname}</p>`));
  res.end(url.searchParams.has("big") ? "x".repeat(5_000) : "");
}

const get = async (path: string, headers: Record<string, string> = {}, method = "GET") => {
  const res = await fetch(base + path, { headers, method });
  return { status: res.status, cache: res.headers.get("x-jianbao-cache"), body: await res.text(), type: res.headers.get("content-type") };
};

beforeAll(async () => {
  server = createServer((req, res) => cache.handle(req, res, () => render(req, res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("page cache", () => {
  it("renders a page once and serves the same bytes and headers after that", async () => {
    const first = await get("/jtyx/2022/3");
    const second = await get("/jtyx/2022/3");
    expect(first).toMatchObject({ status: 200, cache: "miss" });
    expect(second).toEqual({ ...first, cache: "hit" });
    expect(second.body).toBe("<p>第1次渲染 /jtyx/2022/3</p>");
    expect(second.type).toBe("text/html; charset=utf-8");
    const head = await get("/jtyx/2022/3", {}, "HEAD");
    expect(head).toMatchObject({ status: 200, cache: "hit", body: "" });
  });

  it("renders again once the content changed", async () => {
    const before = renders;
    version = "2";
    expect(await get("/jtyx/2022/3")).toMatchObject({ cache: "miss", body: `<p>第${before + 1}次渲染 /jtyx/2022/3</p>` });
    expect((await get("/jtyx/2022/3")).cache).toBe("hit");
    expect(cache.stats.flushes).toBeGreaterThanOrEqual(1);
  });

  it("never serves a signed-in reader, the PDF renderer or a client navigation from the cache", async () => {
    await get("/jtyx");
    const personal: Record<string, string>[] = [
      { cookie: "theme=dark; next-auth.session-token=abc" },
      { cookie: "__Secure-next-auth.session-token=abc" },
      { authorization: "Bearer x" },
      { "x-jianbao-render": "secret" },
      { rsc: "1" },
      { "next-router-prefetch": "1" },
    ];
    for (const headers of personal) {
      expect((await get("/jtyx", headers)).cache, JSON.stringify(headers)).toBeNull();
    }
    expect((await get("/jtyx", { cookie: "theme=dark" })).cache).toBe("hit");
    for (const path of [
      "/api/health",
      "/studio",
      "/studio/issues/1",
      "/_next/static/x.js",
      "/jtyx/2022/3/pdf",
      "/jtyx/2022/3/docx",
      "/jtyx/2022/3/media/a.png",
      "/jtyx?_rsc=abc",
    ]) {
      expect(cacheKey({ method: "GET", url: path, headers: {} }), path).toBeNull();
    }
    expect(cacheKey({ method: "POST", url: "/jtyx", headers: {} })).toBeNull();
  });

  it("keeps apart what differs by host and by compression", () => {
    const k = (headers: Record<string, string>) => cacheKey({ method: "GET", url: "/feed.xml", headers });
    expect(k({ host: "a.example" })).not.toBe(k({ host: "b.example" }));
    expect(k({ host: "a.example", "accept-encoding": "gzip" })).not.toBe(k({ host: "a.example" }));
    expect(k({ host: "a.example", "x-forwarded-proto": "https" })).not.toBe(k({ host: "a.example" }));
  });

  it("does not keep errors, responses that set cookies, or pages over the size limit", async () => {
    for (const q of ["status=404", "status=500", "cookie=1", "big=1"]) {
      await get(`/x?${q}`);
      expect((await get(`/x?${q}`)).cache, q).toBe("miss");
    }
  });

  it("drops the least recently used pages past its size", async () => {
    for (let i = 0; i < 400; i++) await get(`/p/${i}`);
    expect(cache.size().bytes).toBeLessThanOrEqual(10_000);
    expect((await get("/p/399")).cache).toBe("hit");
    expect((await get("/p/0")).cache).toBe("miss");
  });

  it("renders a page once for a burst of readers who ask for it at the same moment", async () => {
    const before = renders;
    const coalesced = cache.stats.coalesced;
    let open = holdRenders();
    const burst = Promise.all(Array.from({ length: 20 }, () => get("/burst?hold")));
    // The first reader's render is held; the other nineteen have arrived once they wait for it.
    await until(() => cache.stats.coalesced - coalesced, 19);
    open();
    const pages = await burst;
    expect(renders - before).toBe(1);
    expect(new Set(pages.map((r) => r.body)).size).toBe(1);
    expect(pages.filter((r) => r.cache === "miss")).toHaveLength(1);
    expect(pages.filter((r) => r.cache === "coalesced")).toHaveLength(19);
    // A page that cannot be kept (an error) is rendered for each waiting reader instead.
    const failedBefore = renders;
    open = holdRenders();
    const failing = Promise.all(Array.from({ length: 5 }, () => get("/gone?hold&status=404")));
    await until(() => cache.stats.coalesced - coalesced, 19 + 4);
    open();
    const failed = await failing;
    expect(failed.every((r) => r.status === 404)).toBe(true);
    expect(renders - failedBefore).toBe(5);
  });

  it("passes everything through while there is no content version (no database yet)", async () => {
    version = null;
    expect((await get("/jtyx/2022/3")).cache).toBeNull();
    expect((await get("/jtyx/2022/3")).cache).toBeNull();
    version = "3";
  });
});
