// Which addresses the PDF renderer may fetch an author's picture from: public unicast only. The
// server's Chromium sits inside the office network, next to the site itself, a cloud metadata
// service (169.254.169.254) and whatever else listens on loopback or a private range; an author's
// <Figure src> must not be able to make it reach any of them. Pure functions, tested exhaustively.
import net from "node:net";

/** Decides on one IP address (as connected to, after DNS): true when it may be fetched. */
export type AddressPolicy = (address: string) => boolean;

// [first, last] of each IPv4 range that is not public unicast (RFC 6890 and friends).
const V4_BLOCKED: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // RFC 1918
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // RFC 1918
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // RFC 1918
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

const v4Int = (ip: string) => ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
const V4_RANGES = V4_BLOCKED.map(([base, bits]) => {
  const size = 2 ** (32 - bits);
  const first = v4Int(base);
  return [first, first + size - 1] as const;
});

export function isPublicIPv4(ip: string): boolean {
  if (!net.isIPv4(ip)) return false;
  const n = v4Int(ip);
  return !V4_RANGES.some(([first, last]) => n >= first && n <= last);
}

/** "::ffff:127.0.0.1" → 8 numbers; null when not an IPv6 address. Also sign-in throttling's
 *  parser (lib/auth/throttle.ts), which counts an IPv6 client by its /64. */
export function v6Groups(ip: string): number[] | null {
  if (!net.isIPv6(ip)) return null;
  let text = ip.split("%")[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4Int(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const a = parse(head);
  const b = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? a : [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

export function isPublicIPv6(ip: string): boolean {
  const g = v6Groups(ip);
  if (!g) return false;
  const [a, b] = g as [number, number, ...number[]];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96),
  // 6to4 (2002:AABB:CCDD::) — judged as the IPv4 address they carry.
  if (zeros(0, 5) && g[5] === 0xffff) return isPublicIPv4(v4Of(g[6]!, g[7]!));
  if (zeros(0, 6)) return false; // ::, ::1, and the deprecated IPv4-compatible form
  if (a === 0x64 && b === 0xff9b && zeros(2, 6)) return isPublicIPv4(v4Of(g[6]!, g[7]!));
  if (a === 0x2002) return isPublicIPv4(v4Of(b, g[2]!));
  if ((a & 0xe000) !== 0x2000) return false; // only global unicast 2000::/3 (fc00::/7, fe80::/10, ff00::/8… are outside)
  if (a === 0x2001 && b === 0) return false; // Teredo tunnels to an arbitrary IPv4
  if (a === 0x2001 && b === 0xdb8) return false; // documentation
  if (a === 0x2001 && b < 0x200) return false; // IETF protocol assignments (ORCHID, benchmarking…)
  return true;
}

/** The production policy: public unicast IPv4 or IPv6, nothing else. */
export const isPublicAddress: AddressPolicy = (address) => (net.isIPv4(address) ? isPublicIPv4(address) : isPublicIPv6(address));

export type UrlVerdict = { ok: true; url: URL; host: string; literal: boolean } | { ok: false; reason: string };

/**
 * Whether a picture URL may be fetched at all: http(s), no credentials, and a host that is either
 * a public IP literal or a name (to be resolved and checked again, address by address, at connect
 * time). The WHATWG parser first turns 0x7f000001, 2130706433 or 0177.0.0.1 into 127.0.0.1.
 */
export function checkPictureUrl(raw: string, policy: AddressPolicy = isPublicAddress): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: `scheme ${url.protocol}` };
  if (url.username || url.password) return { ok: false, reason: "credentials in URL" };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (net.isIP(host)) return policy(host) ? { ok: true, url, host, literal: true } : { ok: false, reason: `address ${host}` };
  const name = host.replace(/\.$/, "");
  if (name === "" || name === "localhost" || name.endsWith(".localhost") || !name.includes("."))
    return { ok: false, reason: `host ${host}` };
  return { ok: true, url, host, literal: false };
}
