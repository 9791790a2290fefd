// @ts-check
// The production server: Next's request handler behind the rendered-page cache (lib/page-cache.mjs).
// `npm start` / `npm run serve` run it instead of `next start`. PORT, and HOST to listen on one address only.
import fs from "node:fs";
import { createServer } from "node:http";
import Database from "better-sqlite3";
import { existingSessionKey } from "./lib/auth/session-key.mjs";
import { createBodyGate, sessionCookieChecker } from "./lib/body-gate.mjs";
import { stampClientAddress } from "./lib/client-address.mjs";
import { readEnv } from "./lib/env-schema.mjs";
import { createPageCache } from "./lib/page-cache.mjs";
import { applySecurityHeaders } from "./lib/security-headers.mjs";

// Before Next (and React) load: they pick their production builds from it.
Object.assign(process.env, { NODE_ENV: "production" });
// The environment checked as the app checks it (lib/env-schema.mjs): a bad value stops the start
// here, with the same env:invalid message, rather than at some later request.
/** @type {ReturnType<typeof readEnv>} */
let e;
try {
  e = readEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const { default: next } = await import("next");
const { PORT: port, HOST: hostname, dataDir, databaseFile } = e;
// next-auth 4 reads its origin from the environment itself: NEXTAUTH_URL, else SITE_URL, else localhost.
process.env.NEXTAUTH_URL = e.authUrl;
// Sign-in throttling counts failures per client address. Only the proxies we were told to trust
// (TRUST_PROXY=N hops) may name the client; otherwise it is the socket's peer (lib/client-address.mjs).
const trustedHops = e.TRUST_PROXY;

/**
 * The version of the published index: a counter that triggers move whenever an issue or series
 * row changes (migration 0006), whoever commits it: the server's own sync and publications, or a
 * content:sync run beside it. Studio writes (autosaves, sign-ins) leave it alone, so they do not
 * empty the cache. Until the database and the counter exist there is nothing to cache.
 * @type {Database.Database | undefined}
 */
let watcher;
/** @type {Database.Statement | undefined} */
let readVersion;
function contentVersion() {
  if (e.PAGE_CACHE === "off") return null;
  if (!watcher) {
    if (!fs.existsSync(databaseFile)) return null;
    watcher = new Database(databaseFile, { readonly: true, fileMustExist: true });
  }
  if (!readVersion) {
    try {
      readVersion = watcher.prepare("SELECT version FROM index_version WHERE id = 1").pluck();
    } catch {
      return null; // not migrated yet
    }
  }
  return String(readVersion.get());
}

// Request bodies: small unless the request carries a session cookie signed with our key
// (lib/body-gate.mjs). The key as the app has it (lib/auth/session-key.mjs); until the app creates
// the file on its first sign-in page there is no session to carry.
/** @type {string | null} */
let sessionKey = null;
const { decode } = await import("next-auth/jwt");
const bodyGate = createBodyGate({
  hasSession: sessionCookieChecker({
    secret: () => (sessionKey ??= existingSessionKey({ configured: e.NEXTAUTH_SECRET, dataDir })),
    decode,
  }),
});

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const cache = createPageCache({ version: contentVersion });

// A search link of 2,000 Chinese characters is an 18 KB request line; Node's default limit is 16 KB.
const server = createServer({ maxHeaderSize: 64 * 1024 }, async (req, res) => {
  try {
    stampClientAddress(req, trustedHops);
    // Here, before the gate, the cache or Next answers: every response has them, cached pages included.
    applySecurityHeaders(req, res, trustedHops);
    if (await bodyGate(req, res)) return;
  } catch (error) {
    console.error("http:gate-failed", error);
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end("服务器内部错误");
    return;
  }
  cache.handle(req, res, () => handle(req, res));
});
server.listen(port, hostname, () => {
  console.log(`jianbao: ready on http://${hostname ?? "localhost"}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    watcher?.close();
    process.exit(0);
  });
}
