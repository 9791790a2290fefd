// @ts-check
// The client's address for throttling and the audit log, decided by server.mjs for every request
// (plain ESM: server.mjs cannot import TypeScript). With TRUST_PROXY=N the N proxies in front of
// the server each append their peer to X-Forwarded-For; everything left of what they wrote came
// from the client and is worthless, so the address is the entry N hops from the right, counting
// the socket's peer as the last hop. Without TRUST_PROXY it is the socket's peer, whatever the
// headers say.
import { isIP } from "node:net";

/** At most this many proxies in a chain: more is a misconfiguration, not a deployment. TRUST_PROXY,
 *  the hop count, is read and checked with the rest of the environment (lib/env-schema.mjs). */
export const MAX_HOPS = 10;

/** One address in its plain form ("203.0.113.9", "2001:db8::1"), or null for anything else. */
export function normalizeAddress(/** @type {string | undefined} */ raw) {
  if (!raw) return null;
  let a = raw.trim();
  if (a.length > 64) return null;
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d{1,5})?$/.exec(a);
  if (bracketed) a = bracketed[1] ?? "";
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  const v4mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (v4mapped) a = v4mapped[1] ?? "";
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind === 6) return a.toLowerCase();
  return null;
}

/**
 * @param {{ socket: { remoteAddress?: string | undefined }, headers: Record<string, string | string[] | undefined> }} req
 * @param {number} trustedHops
 */
export function clientAddress(req, trustedHops) {
  const socket = normalizeAddress(req.socket.remoteAddress) ?? "";
  if (trustedHops <= 0) return socket;
  const header = req.headers["x-forwarded-for"];
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  // Only the right-most entries matter; a huge header is cut before it is split.
  const entries = text
    .slice(-4096)
    .split(",")
    .slice(-(MAX_HOPS + 1));
  const chain = [...entries.map((e) => e.trim()), socket];
  // Fewer entries than hops: the left-most, which a trusted proxy wrote (or the proxy itself).
  const start = Math.max(0, chain.length - 1 - trustedHops);
  // An entry that is no address (a proxy writing "unknown"): the next one towards the server.
  for (let i = start; i < chain.length; i++) {
    const a = normalizeAddress(chain[i]);
    if (a) return a;
  }
  return socket;
}

/** The header the app reads the address from (CLIENT_IP_HEADER in lib/auth/client-ip.ts). */
export const CLIENT_IP_HEADER = "x-jianbao-client-ip";

/**
 * Writes the client's address into the request for the app, replacing whatever a client sent
 * under that name, in the parsed headers and in the raw list alike.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} trustedHops
 */
export function stampClientAddress(req, trustedHops) {
  const address = clientAddress(req, trustedHops);
  req.headers[CLIENT_IP_HEADER] = address;
  const raw = req.rawHeaders;
  /** @type {string[]} */
  const kept = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    if ((raw[i] ?? "").toLowerCase() !== CLIENT_IP_HEADER) kept.push(raw[i] ?? "", raw[i + 1] ?? "");
  kept.push(CLIENT_IP_HEADER, address);
  req.rawHeaders = kept;
  return address;
}
