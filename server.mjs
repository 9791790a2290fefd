// @ts-check
// The production server: Next's request handler behind the rendered-page cache (lib/page-cache.mjs).
// `npm start` / `npm run serve` run it instead of `next start`. PORT, and HOST to listen on one address only.
import fs from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { createBodyGate, sessionCookieChecker } from "./lib/body-gate.mjs";
import { parseTrustProxy, stampClientAddress } from "./lib/client-address.mjs";
import { createPageCache } from "./lib/page-cache.mjs";
import { applySecurityHeaders } from "./lib/security-headers.mjs";

// Before Next (and React) load: they pick their production builds from it.
Object.assign(process.env, { NODE_ENV: "production" });
const { default: next } = await import("next");
const port = Number(process.env.PORT || 3000);
// Not HOSTNAME: containers set that to their own name.
const hostname = process.env.HOST || undefined;
const dataDir = path.resolve(process.env.DATA_DIR || "./data");
const databaseFile = path.join(dataDir, "jianbao.sqlite");
// next-auth 4 builds its callback URLs, and decides on Secure cookies, from this origin.
process.env.NEXTAUTH_URL ||= process.env.SITE_URL || `http://localhost:${port}`;
// Sign-in throttling counts failures per client address. Only the proxies we were told to trust
// (TRUST_PROXY=N hops) may name the client; otherwise it is the socket's peer (lib/client-address.mjs).
const trustedHops = parseTrustProxy(process.env.TRUST_PROXY);

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
  if (process.env.PAGE_CACHE === "off") return null;
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
// (lib/body-gate.mjs). The key as lib/auth/secret.ts has it; until the app creates the file on
// its first sign-in page there is no session to carry.
/** @type {string | null} */
let sessionKey = process.env.NEXTAUTH_SECRET || null;
const { decode } = await import("next-auth/jwt");
const bodyGate = createBodyGate({
  hasSession: sessionCookieChecker({
    secret: () => {
      if (!sessionKey) {
        try {
          sessionKey = fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim() || null;
        } catch {
          return null;
        }
      }
      return sessionKey;
    },
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
