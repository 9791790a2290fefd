// @ts-check
// How much of a request body the server will take, decided in server.mjs before Next sees the
// request. Next buffers a server action's body up to its bodySizeLimit (16 MB, for pictures and
// Word files) before any action code can check the session, and a route handler's formData()
// has no limit at all; so an anonymous caller could make the server hold 16 MB (or more) per
// request. Here: without a valid session cookie a body may be at most ANONYMOUS_BODY_LIMIT (the
// sign-in and first-admin forms are a few hundred bytes); with one, SIGNED_IN_BODY_LIMIT. A body
// must declare its length, or (signed in only) is counted as it streams and cut at the limit.

/** Sign-in, sign-out, the first-admin form: far below this. */
export const ANONYMOUS_BODY_LIMIT = 64 * 1024;
/** next.config.mjs's serverActions.bodySizeLimit (16 MB) plus room for the multipart framing. */
export const SIGNED_IN_BODY_LIMIT = 17 * 1024 * 1024;

/**
 * @typedef {import("node:http").IncomingMessage} Req
 * @typedef {import("node:http").ServerResponse} Res
 */

/** Answers and closes the connection without reading what is left of the body. */
function refuse(/** @type {Res} */ res, /** @type {Req} */ req, /** @type {number} */ status, /** @type {string} */ message) {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close", "content-length": Buffer.byteLength(message) });
  res.end(message, () => req.socket.destroy());
}

/**
 * @param {{ hasSession(req: Req): Promise<boolean>, anonymousLimit?: number, signedInLimit?: number, log?: (line: string) => void }} options
 * @returns {(req: Req, res: Res) => Promise<boolean>} true when the request was refused (answered)
 */
export function createBodyGate({
  hasSession,
  anonymousLimit = ANONYMOUS_BODY_LIMIT,
  signedInLimit = SIGNED_IN_BODY_LIMIT,
  log = console.warn,
}) {
  return async function gate(req, res) {
    const chunked = req.headers["transfer-encoding"] !== undefined;
    const declared = req.headers["content-length"] === undefined ? 0 : Number(req.headers["content-length"]);
    if (!chunked && declared === 0) return false;
    // Node has already refused a malformed Content-Length, or one beside Transfer-Encoding.
    // Within the anonymous limit anyone may send it: no need to decode the session cookie.
    if (!chunked && declared <= anonymousLimit) return false;
    const signedIn = await hasSession(req);
    const limit = signedIn ? signedInLimit : anonymousLimit;
    const where = `${req.method} ${String(req.url).slice(0, 100)}`;
    if (!Number.isFinite(declared) || declared > limit) {
      log(`http:body-too-large — ${where}: ${declared} bytes declared, limit ${limit} (${signedIn ? "signed in" : "anonymous"})`);
      refuse(res, req, 413, signedIn ? "上传的内容太大（上限 16 MB）" : "请求内容太大，请先登录");
      return true;
    }
    if (!chunked) return false; // Node reads exactly Content-Length bytes: the declared size is the bound.
    if (!signedIn) {
      log(`http:length-required — ${where}: anonymous body without Content-Length`);
      refuse(res, req, 411, "请求须注明内容长度");
      return true;
    }
    // A signed-in stream without a length: counted as Node's parser hands it over, cut past the limit.
    // Once past the limit nothing more is handed on, not even the end: the parser keeps pushing
    // what the socket had already delivered until the 413 is flushed and the socket destroyed, and
    // an end after a cut body would pass it off as whole.
    // What the parser pushed while the session was being checked is already buffered in the
    // request: it counts too, or a slow check would let that much past the limit.
    let seen = req.readableLength;
    let cut = false;
    const tooLarge = () => {
      cut = true;
      log(`http:body-too-large — ${where}: streamed body past ${limit} bytes`);
      refuse(res, req, 413, "上传的内容太大（上限 16 MB）");
    };
    if (seen > limit) {
      tooLarge();
      return true;
    }
    const push = req.push.bind(req);
    req.push = (chunk, encoding) => {
      if (cut) return false;
      if (chunk) seen += chunk.length;
      if (seen > limit) {
        tooLarge();
        return false;
      }
      return push(chunk, encoding);
    };
    return false;
  };
}

/**
 * Whether a request carries a session cookie that next-auth itself would accept (signed with our
 * key, not expired). Whether the user is still enabled is for the app to decide; this only keeps
 * strangers from sending large bodies.
 * @param {{ secret(): string | null, decode(params: { token: string, secret: string }): Promise<unknown> }} options
 */
export function sessionCookieChecker({ secret, decode }) {
  return async function hasSession(/** @type {Req} */ req) {
    const key = secret();
    const cookie = req.headers.cookie;
    if (!key || !cookie || cookie.length > 16_384) return false;
    /** @type {Record<string, string>} */
    const jar = {};
    for (const part of cookie.split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0) jar[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    for (const name of ["__Secure-next-auth.session-token", "next-auth.session-token"]) {
      // next-auth splits a large token into name.0, name.1 …
      let token = jar[name];
      if (token === undefined && jar[`${name}.0`] !== undefined) {
        token = "";
        for (let i = 0; jar[`${name}.${i}`] !== undefined && i < 10; i++) token += jar[`${name}.${i}`];
      }
      if (!token) continue;
      try {
        if (await decode({ token, secret: key })) return true;
      } catch {
        // A forged, expired or truncated cookie: anonymous.
      }
    }
    return false;
  };
}
