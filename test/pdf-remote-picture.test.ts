// Fetching an author's picture for the PDF, against loopback servers only: a name is refused when
// it resolves to a refused address (checked at connect time), and an admitted host (the test's own
// policy admits 127.0.0.2) is still held to redirects, types and sizes.

import type { LookupAddress } from "node:dns";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "@/lib/net/address-rule";
import { fetchRemotePicture, guardedLookup } from "@/lib/pdf/remote-picture";
import { pngOf } from "./lib/pictures";

const HOST = "127.0.0.2";
const PORT = 3114;
const base = `http://${HOST}:${PORT}`;
const admit = (a: string) => a === HOST || isPublicAddress(a);
const PNG = pngOf(10, 10);
let server: http.Server;
let loopbackHits = 0;
let loopback: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/a.png") return res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    if (req.url === "/page") return res.writeHead(200, { "content-type": "text/html" }).end("<p>hi</p>");
    if (req.url === "/svg") return res.writeHead(200, { "content-type": "image/svg+xml" }).end("<svg/>");
    if (req.url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
    if (req.url === "/to-localhost") return res.writeHead(302, { location: "http://localhost:3115/x.png" }).end();
    if (req.url === "/to-metadata") return res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    res.writeHead(404).end();
  });
  loopback = http.createServer((_req, res) => {
    loopbackHits++;
    res.writeHead(200, { "content-type": "image/png" }).end(PNG);
  });
  await new Promise<void>((r) => server.listen(PORT, HOST, () => r()));
  await new Promise<void>((r) => loopback.listen(3115, "127.0.0.1", () => r()));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await new Promise((r) => loopback.close(r));
});

describe("guardedLookup", () => {
  const lookup = (policy: (a: string) => boolean, all: boolean) =>
    new Promise<{ error: Error | null; address: string | LookupAddress[] }>((resolve) => {
      guardedLookup(policy)("localhost", { all }, (error: Error | null, address: string | LookupAddress[]) => resolve({ error, address }));
    });

  it("refuses a name that resolves to loopback, whichever form of lookup the socket asks for", async () => {
    for (const all of [true, false]) expect((await lookup(isPublicAddress, all)).error?.message, String(all)).toMatch(/resolves to/);
  });

  it("answers as dns.lookup does when every address is admitted", async () => {
    expect((await lookup(() => true, false)).address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(Array.isArray((await lookup(() => true, true)).address)).toBe(true);
  });
});

describe("fetchRemotePicture from an admitted host", () => {
  it("fetches a picture", async () => {
    const r = await fetchRemotePicture(`${base}/a.png`, { policy: admit });
    expect(Buffer.compare(r.body, Buffer.from(PNG))).toBe(0);
  });

  it.each([
    ["/page", /type text\/html/],
    ["/svg", /type image\/svg/],
    ["/loop", /more than 3 redirects/],
    ["/to-localhost", /host localhost/],
    ["/to-metadata", /address 169\.254\.169\.254/],
    ["/missing", /HTTP 404/],
  ])("refuses %s", async (path, reason) => {
    await expect(fetchRemotePicture(`${base}${path}`, { policy: admit })).rejects.toThrow(reason);
    expect(loopbackHits).toBe(0);
  });

  it("refuses a picture past the size limit while it streams", async () => {
    await expect(fetchRemotePicture(`${base}/a.png`, { policy: admit, maxBytes: 10 })).rejects.toThrow(/bytes/);
  });

  it("refuses the admitted host itself under the production rule", async () => {
    await expect(fetchRemotePicture(`${base}/a.png`)).rejects.toThrow(/address 127\.0\.0\.2/);
  });
});
