// There is no built-in account or default password. On a start with no users the server prints
// a one-time link (valid 24 hours, until the next start, or until used) to create the first admin.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createSetupToken, usableSetupTokenHashes } from "@/db/queries/setup-tokens";
import { countUsers } from "@/db/queries/users";
import { db } from "@/lib/database";

export const SETUP_TTL_MS = 24 * 3_600_000;
export const hashSetupToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Whether `token` is the usable link's, compared in constant time. Checked before anything costly
 * (the password's scrypt): a guess must cost the server no more than a hash.
 */
export function setupTokenMatches(token: string, now = new Date()): boolean {
  const given = Buffer.from(hashSetupToken(token), "hex");
  let match = false;
  for (const stored of usableSetupTokenHashes(db(), now)) {
    const expected = Buffer.from(stored, "hex");
    if (expected.length === given.length && timingSafeEqual(expected, given)) match = true;
  }
  return match;
}

export function announceFirstAdminSetup(origin: string): string | null {
  const d = db();
  if (countUsers(d) > 0) return null;
  const token = randomBytes(24).toString("base64url");
  createSetupToken(d, hashSetupToken(token), new Date(), SETUP_TTL_MS);
  const link = `${origin.replace(/\/$/, "")}/studio/setup?token=${token}`;
  console.log(
    [
      "",
      "┌─ 简报编辑室：尚无任何账号 ─────────────────────────────",
      "│ 请在 24 小时内打开下面的一次性链接，创建第一位管理员：",
      `│ ${link}`,
      "│ （也可以用命令：npm run user:add -- --email … --name … --role admin）",
      "└────────────────────────────────────────────────────────",
      "",
    ].join("\n"),
  );
  return link;
}
