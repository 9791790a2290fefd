// Which address a request comes from, as server.mjs decides it: the socket's peer, or with
// TRUST_PROXY=N the entry N hops from the right of X-Forwarded-For, never one the client wrote.
import { describe, expect, it } from "vitest";
import { clientAddress, stampClientAddress } from "@/lib/client-address.mjs";
import { readEnv } from "@/lib/env-schema.mjs";

/** TRUST_PROXY as server.mjs and the app read it: through the environment's one schema. */
const parseTrustProxy = (value: string | undefined) => readEnv({ TRUST_PROXY: value }).TRUST_PROXY;

const req = (socket: string, ...xff: string[]) => ({
  socket: { remoteAddress: socket },
  headers: xff.length ? { "x-forwarded-for": xff.length === 1 ? xff[0] : xff } : {},
});

describe("client address", () => {
  it("uses the socket's peer when no proxy is trusted, whatever the headers claim", () => {
    expect(clientAddress(req("203.0.113.9", "1.2.3.4"), 0)).toBe("203.0.113.9");
    expect(clientAddress(req("::ffff:203.0.113.9"), 0)).toBe("203.0.113.9");
  });

  it("takes the entry one hop from the right behind one proxy, ignoring what the client prepended", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy at 127.0.0.1 appended the real peer.
    expect(clientAddress(req("127.0.0.1", "6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddress(req("127.0.0.1", "203.0.113.9"), 1)).toBe("203.0.113.9");
    // Several header lines are one list.
    expect(clientAddress(req("127.0.0.1", "6.6.6.6", "7.7.7.7, 203.0.113.9"), 1)).toBe("203.0.113.9");
  });

  it("takes the entry two hops from the right behind two proxies", () => {
    expect(clientAddress(req("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1"), 2)).toBe("203.0.113.9");
    // Fewer entries than hops: the left-most, which a trusted proxy wrote.
    expect(clientAddress(req("10.0.0.2", "203.0.113.9"), 2)).toBe("203.0.113.9");
  });

  it("never lets garbage or a port through: falls back towards the trusted side", () => {
    expect(clientAddress(req("127.0.0.1", "6.6.6.6, not-an-ip"), 1)).toBe("127.0.0.1");
    expect(clientAddress(req("127.0.0.1", "6.6.6.6, 203.0.113.9:4711"), 1)).toBe("203.0.113.9");
    expect(clientAddress(req("127.0.0.1", "6.6.6.6, [2001:DB8::1]:443"), 1)).toBe("2001:db8::1");
    expect(clientAddress(req("127.0.0.1", "x".repeat(5000)), 1)).toBe("127.0.0.1");
    // No header at all behind a proxy: the proxy's own address, the same for everyone, not a guess.
    expect(clientAddress(req("127.0.0.1"), 1)).toBe("127.0.0.1");
  });

  it("reads TRUST_PROXY as a hop count and refuses anything else", () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy("")).toBe(0);
    expect(parseTrustProxy("0")).toBe(0);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("-1")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("99")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("1.5")).toThrow(/^env:invalid/);
  });
});

describe("the address header the app reads", () => {
  it("is overwritten, never taken from the client, in parsed and raw headers alike", async () => {
    const r = {
      socket: { remoteAddress: "203.0.113.9" },
      headers: { "x-jianbao-client-ip": "6.6.6.6, 7.7.7.7", "x-forwarded-for": "8.8.8.8" } as Record<string, string>,
      rawHeaders: ["X-Jianbao-Client-IP", "6.6.6.6", "Host", "x", "x-jianbao-client-ip", "7.7.7.7", "X-Forwarded-For", "8.8.8.8"],
    };
    expect(stampClientAddress(r as unknown as import("node:http").IncomingMessage, 0)).toBe("203.0.113.9");
    expect(r.headers["x-jianbao-client-ip"]).toBe("203.0.113.9");
    expect(r.rawHeaders).toEqual(["Host", "x", "X-Forwarded-For", "8.8.8.8", "x-jianbao-client-ip", "203.0.113.9"]);
  });
});
