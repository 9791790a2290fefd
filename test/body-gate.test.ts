// What an anonymous caller can make the server hold: requests with bodies against a real HTTP
// server on loopback, with the gate server.mjs puts in front of Next and a handler standing in
// for Next that reads (and counts) whatever body reaches it.
import { createServer, type Server } from "node:http";
import net from "node:net";
import { Readable } from "node:stream";
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS_BODY_LIMIT, createBodyGate, SIGNED_IN_BODY_LIMIT, sessionCookieChecker } from "@/lib/body-gate.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3120) + 1;
const SECRET = "a-test-secret-of-more-than-thirty-two-characters";
let server: Server;
/** Body bytes the stand-in for Next has read, over all requests. */
let read = 0;
let reached = 0;

beforeAll(async () => {
  const gate = createBodyGate({ hasSession: sessionCookieChecker({ secret: () => SECRET, decode }), log: () => {} });
  server = createServer(async (req, res) => {
    if (await gate(req, res)) return;
    reached++;
    let n = 0;
    req.on("data", (c: Buffer) => {
      n += c.length;
      read += c.length;
    });
    req.on("end", () => res.end(String(n)));
    req.on("error", () => {});
  });
  await new Promise<void>((r) => server.listen(PORT, "127.0.0.1", r));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sends the head and then `body` (if any) on a raw socket; resolves with the status line's code
 * as soon as one arrives (or 0 when the server closes without answering). */
function raw(head: string[], body?: (socket: net.Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1", () => {
      socket.write(`${head.join("\r\n")}\r\n\r\n`);
      body?.(socket);
    });
    let got = "";
    socket.on("data", (d) => {
      got += d.toString("latin1");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m) {
        resolve(Number(m[1]));
        socket.destroy();
      }
    });
    socket.on("error", () => resolve(0));
    socket.on("close", () => resolve(0));
  });
}

const post = (path: string, headers: string[]) => [`POST ${path} HTTP/1.1`, "Host: 127.0.0.1", ...headers];
const validCookie = async () => `next-auth.session-token=${await encode({ token: { uid: 1, epoch: 0 }, secret: SECRET })}`;

describe("request bodies before any session check", () => {
  it("refuses an anonymous 20 MB server-action body with 413 before reading any of it", async () => {
    read = 0;
    reached = 0;
    // Only the head is sent: the answer must come without the server waiting for (or reading) the body.
    const status = await raw(
      post("/studio/new", ["Next-Action: 0123456789abcdef", "Content-Type: multipart/form-data; boundary=x", "Content-Length: 20000000"]),
    );
    expect(status).toBe(413);
    expect(reached).toBe(0);
    expect(read).toBe(0);
  });

  it("refuses an anonymous body just over the small limit, on any route, and one without a length", async () => {
    reached = 0;
    expect(
      await raw(
        post("/api/auth/callback/credentials", [
          `Content-Length: ${ANONYMOUS_BODY_LIMIT + 1}`,
          "Content-Type: application/x-www-form-urlencoded",
        ]),
      ),
    ).toBe(413);
    expect(await raw(["GET /jtyx HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 10000000"])).toBe(413);
    const chunked = await raw(post("/api/auth/callback/credentials", ["Transfer-Encoding: chunked"]), (s) =>
      s.write(`400\r\n${"a".repeat(1024)}\r\n`),
    );
    expect(chunked).toBe(411);
    expect(reached).toBe(0);
  });

  it("treats a forged or garbled session cookie as anonymous", async () => {
    const forged = await encode({ token: { uid: 1, epoch: 0 }, secret: "someone-elses-secret-also-long-enough-123" });
    for (const cookie of [
      `next-auth.session-token=${forged}`,
      "next-auth.session-token=garbage",
      `__Secure-next-auth.session-token.0=${"x".repeat(100)}`,
    ]) {
      expect(await raw(post("/studio/new", [`Cookie: ${cookie}`, "Content-Length: 2000000"]))).toBe(413);
    }
  });

  it("lets a sign-in form through, and a signed-in user's 2 MB upload in full", async () => {
    read = 0;
    const form = "email=a%40example.org&password=x";
    const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/callback/credentials`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await res.text()).toBe(String(form.length));
    const upload = await fetch(`http://127.0.0.1:${PORT}/studio/drafts/1`, {
      method: "POST",
      body: new Uint8Array(2_000_000),
      headers: { cookie: await validCookie(), "next-action": "x" },
    });
    expect(upload.status).toBe(200);
    expect(await upload.text()).toBe("2000000");
  });

  it("bounds a signed-in body too: by its declared length, or as it streams", async () => {
    const cookie = await validCookie();
    expect(await raw(post("/studio/new", [`Cookie: ${cookie}`, `Content-Length: ${SIGNED_IN_BODY_LIMIT + 1}`]))).toBe(413);
    read = 0;
    const chunk = `100000\r\n${"a".repeat(0x100000)}\r\n`;
    const status = await raw(post("/studio/new", [`Cookie: ${cookie}`, "Transfer-Encoding: chunked"]), (s) => {
      const more = () => {
        // 40 MB offered, one MiB at a time, while the server keeps the connection.
        for (let i = 0; i < 40 && !s.destroyed; i++) if (!s.write(chunk)) return void s.once("drain", more);
      };
      more();
    });
    expect([0, 413]).toContain(status);
    expect(read).toBeGreaterThan(1_000_000);
    expect(read).toBeLessThanOrEqual(SIGNED_IN_BODY_LIMIT);
  });
});

describe("a signed-in stream cut at the limit", () => {
  // What the parser had already taken off the socket keeps arriving until the 413 is flushed and
  // the socket destroyed; seen under load as 35 KB past the limit reaching Next. Driven by hand so
  // that the late chunks arrive every time.
  it("hands nothing on after the cut, not even the end of the body", async () => {
    const req = Object.assign(new Readable({ read() {} }), {
      headers: { "transfer-encoding": "chunked", cookie: "x" },
      method: "POST",
      url: "/studio/new",
      socket: { destroy() {} },
    });
    const answered: number[] = [];
    const res = { headersSent: false, writeHead: (status: number) => answered.push(status), end: () => {} };
    const gate = createBodyGate({ hasSession: async () => true, signedInLimit: 1000, log: () => {} });
    expect(await gate(req as never, res as never)).toBe(false);
    let got = 0;
    let ended = false;
    req.on("data", (c: Buffer) => {
      got += c.length;
    });
    req.on("end", () => {
      ended = true;
    });
    req.push(Buffer.alloc(600));
    req.push(Buffer.alloc(600));
    req.push(Buffer.alloc(600));
    req.push(null);
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toEqual([413]);
    expect(got).toBe(600);
    expect(ended).toBe(false);
  });

  it("counts what arrived while a slow session check ran: nothing past the limit reaches the app", async () => {
    // A session check that takes a while (a loaded machine): the parser keeps filling the
    // request's buffer meanwhile, and those bytes count against the limit like the later ones.
    const LIMIT = 16 * 1024;
    const slowGate = createBodyGate({
      hasSession: () => new Promise((r) => setTimeout(() => r(true), 300)),
      signedInLimit: LIMIT,
      log: () => {},
    });
    let got = 0;
    const slow = createServer(async (req, res) => {
      if (await slowGate(req, res)) return;
      req.on("data", (c: Buffer) => {
        got += c.length;
      });
      req.on("end", () => res.end(String(got)));
      req.on("error", () => {});
    });
    await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
    const port = (slow.address() as net.AddressInfo).port;
    try {
      const status = await new Promise<number>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.write(`POST /studio/new HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n`);
          for (let i = 0; i < 16; i++) socket.write(`10000\r\n${"a".repeat(0x10000)}\r\n`);
        });
        let answer = "";
        socket.on("data", (d) => {
          answer += d.toString("latin1");
          const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
          if (m) {
            resolve(Number(m[1]));
            socket.destroy();
          }
        });
        socket.on("error", () => resolve(0));
        socket.on("close", () => resolve(0));
      });
      expect([0, 413]).toContain(status);
      expect(got).toBeLessThanOrEqual(LIMIT);
    } finally {
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });
});
