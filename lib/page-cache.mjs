// @ts-check
// The rendered-page cache in front of Next (server.mjs). Rendering an issue page costs 15-40 ms of
// one JavaScript thread (React, SQLite reads), which caps a 2-core server near 30-70 pages a
// second; the archive changes only when content is synced or published. So a public page is
// rendered once per content version and served from memory after that.
//
// What is cached: GET/HEAD of pages and feeds, answered 200 without Set-Cookie, for requests that
// carry no session cookie, no authorisation, no PDF-renderer secret and none of Next's client
// navigation headers. Whenever the content version changes (any commit to the SQLite index by
// any process: a sync, a publication), the whole cache is dropped. Plain JavaScript: the server
// entry runs it without a build step.

/** Paths never cached: APIs, the studio, Next's own assets, files, PDFs and Word files (cached elsewhere or made per request). */
export const SKIP_PATH = /^\/(?:api|studio|_next|font-subsets)(?:\/|$)|\/(?:pdf|docx|media\/[^/]+)$/;
/**
 * The routes of app/ the cache is meant to serve (route groups left out), besides those SKIP_PATH
 * leaves to Next: pages and feeds that are the same for every reader without a session. The cache
 * itself goes by SKIP_PATH; this list is the decision written down, and test/page-cache-routes.test.ts
 * fails on a route of app/ that is in neither, so a new route is cached (or not) on purpose.
 */
export const CACHEABLE_ROUTES = [
  "/",
  "/issues",
  "/search",
  "/org/[name]",
  "/[series]",
  "/[series]/[year]",
  "/[series]/[year]/[number]",
  "/[series]/[year]/[number]/print",
  "/[series]/atom.xml",
  "/[series]/feed.xml",
  "/atom.xml",
  "/feed.xml",
  "/sitemap.xml",
  "/sitemap/[part]",
  "/robots.txt",
  "/icon.svg",
];
/** Request headers that make a response personal or a different kind of response. */
const SKIP_HEADERS = [
  "authorization",
  "x-jianbao-render",
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];
/** Cookies that mean a signed-in reader (next-auth), who may see internal issues. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-|__Host-)?next-auth\./;

/**
 * @param {{ headers: Record<string, string | string[] | undefined>; method?: string; url?: string }} req
 * @returns {string | null} the cache key, or null when the request must not be served from cache
 */
export function cacheKey(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "/";
  const path = url.split("?")[0] ?? "/";
  if (SKIP_PATH.test(path) || /[?&]_rsc=/.test(url)) return null;
  const h = req.headers;
  if (SKIP_HEADERS.some((name) => h[name] !== undefined)) return null;
  const cookie = h.cookie;
  if (cookie && SESSION_COOKIE.test(Array.isArray(cookie) ? cookie.join("; ") : cookie)) return null;
  // Pages print absolute URLs from the Host the reader used, and Next compresses per request.
  const one = (/** @type {string | string[] | undefined} */ v) => (Array.isArray(v) ? v.join(",") : (v ?? ""));
  return [one(h["x-forwarded-proto"]), one(h["x-forwarded-host"]), one(h.host), url, one(h["accept-encoding"]).toLowerCase()].join("\n");
}

/**
 * @typedef {{ status: number; headers: import("node:http").OutgoingHttpHeaders; body: Buffer }} Entry
 * @param {{ version: () => string | null; maxBytes?: number; maxEntryBytes?: number }} options
 *   version: the content version; null turns caching off (no database yet).
 */
export function createPageCache({ version, maxBytes = 64 * 1024 * 1024, maxEntryBytes = 2 * 1024 * 1024 }) {
  /** @type {Map<string, Entry>} */
  const entries = new Map();
  /**
   * Pages being rendered, with who waits for them: a burst of readers of a page not yet cached
   * (a new issue, or the first minutes after a sync) makes one render, not one each.
   * @type {Map<string, ((entry: Entry | null) => void)[]>}
   */
  const rendering = new Map();
  let bytes = 0;
  let current = /** @type {string | null} */ (null);
  const stats = { hits: 0, misses: 0, bypassed: 0, flushes: 0, coalesced: 0 };

  const clear = () => {
    entries.clear();
    bytes = 0;
  };
  /** @param {string} key @param {Entry} entry */
  const store = (key, entry) => {
    const old = entries.get(key);
    if (old) bytes -= old.body.length;
    entries.delete(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    // Least recently used first: Map keeps insertion order, and a hit re-inserts its entry.
    for (const [k, e] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.body.length;
    }
  };

  /**
   * Serves the request from the cache, or hands it to `next` and keeps what it answers.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {() => unknown} next
   */
  function handle(req, res, next) {
    const key = cacheKey(req);
    const v = key === null ? null : version();
    if (key === null || v === null) {
      stats.bypassed++;
      return next();
    }
    if (v !== current) {
      if (current !== null) stats.flushes++;
      clear();
      current = v;
    }
    const hit = entries.get(key);
    if (hit) {
      stats.hits++;
      entries.delete(key);
      entries.set(key, hit);
      return send(req, res, hit, "hit");
    }
    const waiters = rendering.get(key);
    if (waiters) {
      // Someone is rendering this page: wait for it; if it could not be kept, render as usual.
      stats.coalesced++;
      waiters.push((entry) => (entry ? send(req, res, entry, "coalesced") : next()));
      return;
    }
    stats.misses++;
    res.setHeader("x-jianbao-cache", "miss");
    if (req.method !== "GET") return next();
    /** @type {((entry: Entry | null) => void)[]} */
    const queue = [];
    rendering.set(key, queue);
    let settled = false;
    const settle = (/** @type {Entry | null} */ entry) => {
      if (settled) return;
      settled = true;
      rendering.delete(key);
      // Only if the content did not change while this page was rendering.
      const keep = entry && version() === v ? entry : null;
      if (keep) store(key, keep);
      for (const w of queue) w(keep);
    };
    capture(res, settle);
    res.once("close", () => settle(null));
    return next();
  }

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {Entry} entry
   * @param {string} how
   */
  function send(req, res, entry, how) {
    res.writeHead(entry.status, { ...entry.headers, "content-length": entry.body.length, "x-jianbao-cache": how });
    res.end(req.method === "HEAD" ? undefined : entry.body);
  }

  /**
   * Collects the response as it is written; hands it over if it can be cached.
   * @param {import("node:http").ServerResponse} res
   * @param {(entry: Entry | null) => void} done called once the response ends: null if it cannot be kept
   */
  function capture(res, done) {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let tooBig = false;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    /** @param {unknown} chunk @param {unknown} [encoding] */
    const keep = (chunk, encoding) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buf =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8")
          : Buffer.from(/** @type {Uint8Array} */ (chunk));
      size += buf.length;
      if (size > maxEntryBytes) {
        tooBig = true;
        chunks.length = 0;
      } else chunks.push(buf);
    };
    res.write = /** @type {typeof res.write} */ (
      (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ cb) => {
        keep(chunk, encoding);
        return write(chunk, encoding, cb);
      }
    );
    res.end = /** @type {typeof res.end} */ (
      (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ cb) => {
        keep(chunk, encoding);
        const result = end(chunk, encoding, cb);
        const headers = res.getHeaders();
        if (!tooBig && res.statusCode === 200 && headers["set-cookie"] === undefined) {
          delete headers["x-jianbao-cache"];
          // A hit is sent whole, with its own length.
          delete headers["transfer-encoding"];
          delete headers["content-length"];
          done({ status: 200, headers, body: Buffer.concat(chunks) });
        } else done(null);
        return result;
      }
    );
  }

  return { handle, stats, size: () => ({ entries: entries.size, bytes }) };
}
