// @ts-check
// The security headers every response carries, set in one place: server.mjs applies them to each
// request before the page cache or Next answers it, so cached pages, Next's pages, route handlers
// and static files all have them. Plain JavaScript because server.mjs imports it directly.
//
// The Content-Security-Policy is one fixed string, not a per-request nonce: the page cache sends
// the same HTML to every reader, and a nonce repeated to everyone protects nothing. Next's App
// Router bootstraps every page with inline <script> tags whose contents (the page's data) differ
// per page, so scripts are 'self' plus 'unsafe-inline'. What keeps injected script out is that no
// text from content/ or a form ever reaches the page as HTML (MDX is compiled to React elements
// from a fixed set of components; unknown elements, {expressions}, import/export and unsafe URLs
// are refused: lib/content/mdx-rules.ts), and the policy locks down everything
// else: no plugins, no foreign scripts or styles, no <base> hijack, forms and fetches only to
// this origin, and no framing by other sites.

/** The one same-origin frame the site uses: the studio editor's A4 preview. */
const FRAMEABLE = /^\/studio\/drafts\/\d+\/preview(?:[?#]|$)/;

/** @param {{ frameable: boolean }} o */
export function contentSecurityPolicy({ frameable }) {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    // React style attributes, CodeMirror's injected style sheets, the per-issue @font-face rules.
    "style-src 'self' 'unsafe-inline'",
    // Authors' figures may come from any public http(s) address (the PDF renderer applies its
    // own address rules); pictures cannot run code.
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'self'",
    `frame-ancestors ${frameable ? "'self'" : "'none'"}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}

/** A year, with subdomains left alone: the operator decides about those (see deploy/Caddyfile). */
export const HSTS = "max-age=31536000";

/**
 * @param {{ url?: string; https: boolean }} request `https`: the request reached us over https
 * @returns {Record<string, string>}
 */
export function securityHeaders({ url = "/", https }) {
  const frameable = FRAMEABLE.test(url);
  /** @type {Record<string, string>} */
  const headers = {
    "content-security-policy": contentSecurityPolicy({ frameable }),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": frameable ? "SAMEORIGIN" : "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
  // Only over https: a browser ignores it over http anyway, and sending it there would claim
  // something about a connection we did not make.
  if (https) headers["strict-transport-security"] = HSTS;
  return headers;
}

/**
 * Whether the request came over https: a TLS socket (never, today: Node serves plain http), or
 * the trusted proxy's X-Forwarded-Proto when TRUST_PROXY names at least one proxy hop. The
 * proxy in front (Caddy) sets that header itself, replacing whatever the client sent.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} trustedHops
 */
export function servedOverHttps(req, trustedHops) {
  if (/** @type {{ encrypted?: boolean }} */ (req.socket).encrypted) return true;
  if (trustedHops < 1) return false;
  const proto = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")
    .at(-1)
    ?.trim()
    .toLowerCase();
  return proto === "https";
}

/**
 * Sets this request's security headers on the response, before anything answers it.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {number} trustedHops
 */
export function applySecurityHeaders(req, res, trustedHops) {
  for (const [name, value] of Object.entries(securityHeaders({ url: req.url, https: servedOverHttps(req, trustedHops) })))
    res.setHeader(name, value);
}
