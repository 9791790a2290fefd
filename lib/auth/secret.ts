// The key that signs session cookies. NEXTAUTH_SECRET when set; otherwise one generated on the
// first start and kept (mode 600) beside the database, so sessions survive restarts with no setup.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.NEXTAUTH_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const file = path.join(env().dataDir, "auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  cached = fs.readFileSync(file, "utf8").trim();
  if (cached.length < 32) throw new Error(`auth:secret-invalid — ${file} holds a key that is too short; delete it to generate a new one`);
  return cached;
}
