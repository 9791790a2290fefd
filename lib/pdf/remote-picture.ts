// Fetches an author's picture from the internet for the PDF renderer, in Node rather than in
// Chromium, so that every hop is checked: the URL (address-rule.ts), every address its name
// resolves to (a custom `lookup`, so the address checked is the one connected to and DNS
// rebinding between check and connect cannot slip through), the socket's peer once connected,
// each redirect (followed by hand, a few at most), the type (raster images only) and the size.
import type { LookupAddress } from "node:dns";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { type AddressPolicy, checkPictureUrl, isPublicAddress } from "@/lib/net/address-rule";
import { MAX_PICTURE_BYTES } from "@/lib/pictures/limits";

export type RemotePicture = { status: number; contentType: string; body: Buffer };

export type RemoteOptions = {
  /** Which addresses may be connected to. Tests pass their own; production always uses the default. */
  policy?: AddressPolicy;
  maxRedirects?: number;
  maxBytes?: number;
  timeoutMs?: number;
};

export class RemoteRefused extends Error {
  readonly code = "pdf:remote-refused";
}

const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|avif)\b/i;

export async function fetchRemotePicture(raw: string, options: RemoteOptions = {}): Promise<RemotePicture> {
  const policy = options.policy ?? isPublicAddress;
  const maxRedirects = options.maxRedirects ?? 3;
  let current = raw;
  for (let hop = 0; ; hop++) {
    const verdict = checkPictureUrl(current, policy);
    if (!verdict.ok) throw new RemoteRefused(`${current}: ${verdict.reason}`);
    const res = await getOnce(verdict.url, policy, options);
    if (res.status >= 300 && res.status < 400 && res.location !== undefined) {
      if (hop >= maxRedirects) throw new RemoteRefused(`${raw}: more than ${maxRedirects} redirects`);
      current = new URL(res.location, verdict.url).href;
      continue;
    }
    if (res.status !== 200) throw new RemoteRefused(`${current}: HTTP ${res.status}`);
    if (!IMAGE_TYPES.test(res.contentType)) throw new RemoteRefused(`${current}: type ${res.contentType || "(none)"}`);
    return { status: res.status, contentType: res.contentType, body: res.body };
  }
}

/** dns.lookup, refusing the name when any address it resolves to is not allowed. */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.find((a) => !policy(a.address));
      if (refused || addresses.length === 0)
        return callback(
          Object.assign(new RemoteRefused(`${hostname} resolves to ${refused?.address ?? "nothing"}`), { code: "ENOTFOUND" }),
          "",
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

type Raw = { status: number; location?: string; contentType: string; body: Buffer };

function getOnce(url: URL, policy: AddressPolicy, options: RemoteOptions): Promise<Raw> {
  const maxBytes = options.maxBytes ?? MAX_PICTURE_BYTES;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Raw>((resolve, reject) => {
    const req = client.get(
      url,
      {
        lookup: guardedLookup(policy),
        agent: false, // no pooled socket from an earlier, differently resolved request
        timeout: options.timeoutMs ?? 10_000,
        // The socket timeout above is for silence; this bounds the whole hop, DNS included.
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        headers: { accept: "image/png,image/jpeg,image/gif,image/webp,image/*;q=0.8", "user-agent": "Jianbao-PDF" },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = status >= 300 && status < 400 ? res.headers.location : undefined;
        const contentType = String(res.headers["content-type"] ?? "");
        if (location !== undefined || status !== 200) {
          res.resume();
          return resolve({ status, location, contentType, body: Buffer.alloc(0) });
        }
        const declared = Number(res.headers["content-length"] ?? 0);
        if (declared > maxBytes) {
          req.destroy();
          return reject(new RemoteRefused(`${url.href}: ${declared} bytes`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const tooLarge = () => new RemoteRefused(`${url.href}: more than ${maxBytes} bytes`);
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy(tooLarge());
          else chunks.push(chunk);
        });
        // The whole body may already be in when the stream is stopped: 'end' can still follow.
        res.on("end", () => (size > maxBytes ? reject(tooLarge()) : resolve({ status, contentType, body: Buffer.concat(chunks) })));
        res.on("error", reject);
      },
    );
    // Belt and braces: the peer actually connected to must pass too (an IP literal skips lookup).
    req.on("socket", (socket) => {
      socket.on("connect", () => {
        const peer = socket.remoteAddress;
        if (!peer || !policy(peer)) req.destroy(new RemoteRefused(`${url.href}: connected to ${peer ?? "?"}`));
      });
    });
    req.on("timeout", () => req.destroy(new RemoteRefused(`${url.href}: timed out`)));
    req.on("error", reject);
  });
}
