// Seals what Jianbao writes into a file it hands out and later reads back (the Word export's
// stated frontmatter): an HMAC under a key derived from this site's session key. A file's claim
// to have come from this site is believed only with its seal, so a hand-made file cannot state
// a status, 总第N期 or title lines the importer would take on trust.
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "./secret";

// Derived, not the session key itself: a seal must never be usable as, or reveal, a session signature.
const sealKey = () => createHmac("sha256", authSecret()).update("jianbao:file-seal:v1").digest();

export function seal(value: string): string {
  return createHmac("sha256", sealKey()).update(value, "utf8").digest("base64url");
}

export function sealHolds(value: string, mac: string): boolean {
  const want = Buffer.from(seal(value));
  const got = Buffer.from(mac);
  return got.length === want.length && timingSafeEqual(got, want);
}
