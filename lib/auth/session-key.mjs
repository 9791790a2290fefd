// @ts-check
// The key that signs session cookies, for the app (lib/auth/secret.ts) and for server.mjs's body
// gate, which cannot import TypeScript. NEXTAUTH_SECRET when set (its length is checked with the
// rest of the environment, lib/env-schema.mjs); otherwise one generated on the first start and kept
// (mode 600) beside the database, so sessions survive restarts with no setup.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A shorter key is refused, from the environment or the file: it could be guessed. */
export const MIN_KEY_LENGTH = 32;

/** @param {string} dataDir */
const keyFile = (dataDir) => path.join(dataDir, "auth-secret");

/** @param {string} file */
function readKeyFile(file) {
  const key = fs.readFileSync(file, "utf8").trim();
  if (key.length < MIN_KEY_LENGTH)
    throw new Error(`auth:secret-invalid — ${file} holds a key that is too short; delete it to generate a new one`);
  return key;
}

/**
 * The key, generating the file when there is none (the app, on its first sign-in page).
 * @param {{ configured: string | undefined, dataDir: string }} where
 */
export function sessionKey({ configured, dataDir }) {
  if (configured) return configured;
  const file = keyFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
  }
  return readKeyFile(file);
}

/**
 * The key if there is one yet, without creating it (server.mjs: until the app has made the file
 * there is no session to carry).
 * @param {{ configured: string | undefined, dataDir: string }} where
 * @returns {string | null}
 */
export function existingSessionKey({ configured, dataDir }) {
  if (configured) return configured;
  try {
    return readKeyFile(keyFile(dataDir));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") return null;
    throw error;
  }
}
