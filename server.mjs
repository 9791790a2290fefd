// @ts-check
// The production server: Next's request handler behind the rendered-page cache (lib/page-cache.mjs).
// `npm start` / `npm run serve` run it instead of `next start`. PORT, and HOST to listen on one address only.
import fs from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { createPageCache } from "./lib/page-cache.mjs";

// Before Next (and React) load: they pick their production builds from it.
Object.assign(process.env, { NODE_ENV: "production" });
const { default: next } = await import("next");
const port = Number(process.env.PORT || 3000);
// Not HOSTNAME: containers set that to their own name.
const hostname = process.env.HOST || undefined;
const databaseFile = path.join(path.resolve(process.env.DATA_DIR || "./data"), "jianbao.sqlite");

/**
 * SQLite's data_version changes when any other connection commits (the server's own sync and
 * publications, or a content:sync run beside it), so a connection of our own sees every change.
 * Until the database exists there is nothing to cache.
 * @type {Database.Database | undefined}
 */
let watcher;
function contentVersion() {
  if (process.env.PAGE_CACHE === "off") return null;
  if (!watcher) {
    if (!fs.existsSync(databaseFile)) return null;
    watcher = new Database(databaseFile, { readonly: true, fileMustExist: true });
  }
  return String(watcher.pragma("data_version", { simple: true }));
}

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const cache = createPageCache({ version: contentVersion });

// A search link of 2,000 Chinese characters is an 18 KB request line; Node's default limit is 16 KB.
const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
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
