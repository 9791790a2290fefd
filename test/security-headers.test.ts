// Security headers on every response, cached pages included: the policy the site is tested
// under (e2e/security-headers.spec.ts), and HSTS exactly when this request came over https,
// whichever request first put the page in the cache.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPageCache } from "@/lib/page-cache.mjs";
import { applySecurityHeaders, contentSecurityPolicy, securityHeaders, servedOverHttps } from "@/lib/security-headers.mjs";

let server: Server;
let base: string;
let renders = 0;

beforeAll(async () => {
  const cache = createPageCache({ version: () => "1" });
  server = createServer((req, res) => {
    applySecurityHeaders(req, res, 1);
    cache.handle(req, res, () => {
      renders++;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end("<p>页面</p>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(base + path, { headers });
  await res.text();
  return res.headers;
};

describe("security headers", () => {
  it("are on a rendered page and on the same page served from the cache; HSTS follows each request's scheme", async () => {
    const viaHttps = { "x-forwarded-proto": "https" };
    const first = await get("/jtyx/2022/3", viaHttps);
    const again = await get("/jtyx/2022/3", viaHttps);
    const plain = await get("/jtyx/2022/3");
    const plainAgain = await get("/jtyx/2022/3");
    // The cache keeps one copy per scheme (its key includes X-Forwarded-Proto).
    expect(renders).toBe(2);
    expect([first, again, plain, plainAgain].map((h) => h.get("x-jianbao-cache"))).toEqual(["miss", "hit", "miss", "hit"]);
    for (const h of [first, again, plain, plainAgain]) {
      expect(h.get("content-security-policy")).toBe(contentSecurityPolicy({ frameable: false }));
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(h.get("x-frame-options")).toBe("DENY");
    }
    expect(first.get("strict-transport-security")).toBe("max-age=31536000");
    expect(again.get("strict-transport-security")).toBe("max-age=31536000");
    expect(plain.get("strict-transport-security")).toBeNull();
    expect(plainAgain.get("strict-transport-security")).toBeNull();
  });

  it("lets only the studio's preview be framed, and only by this site", () => {
    expect(securityHeaders({ url: "/studio/drafts/12/preview", https: false })).toMatchObject({ "x-frame-options": "SAMEORIGIN" });
    expect(securityHeaders({ url: "/studio/drafts/12/preview", https: false })["content-security-policy"]).toContain(
      "frame-ancestors 'self'",
    );
    for (const url of ["/", "/studio/drafts/12", "/studio/drafts/12/preview/../../../x", "/x/studio/drafts/1/preview"]) {
      expect(securityHeaders({ url, https: false })["content-security-policy"], url).toContain("frame-ancestors 'none'");
    }
  });

  it("locks down what the policy does not need", () => {
    const csp = contentSecurityPolicy({ frameable: false });
    for (const d of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'"])
      expect(csp).toContain(d);
    expect(csp).not.toMatch(/unsafe-eval|\*/);
  });

  it("trusts X-Forwarded-Proto only behind a configured proxy", () => {
    const req = (proto?: string) =>
      ({ socket: {}, headers: proto ? { "x-forwarded-proto": proto } : {} }) as unknown as Parameters<typeof servedOverHttps>[0];
    expect(servedOverHttps(req("https"), 0)).toBe(false);
    expect(servedOverHttps(req(), 1)).toBe(false);
    expect(servedOverHttps(req("https"), 1)).toBe(true);
    expect(servedOverHttps(req("http"), 1)).toBe(false);
  });
});
