// The HTTPS e2e site: Jianbao on plain http on loopback, Caddy in front of it with `tls internal`,
// the way deploy/Caddyfile runs it in production. Ports follow E2E_PORT: Caddy https on +1, its
// http on +2, the server on +3 (E2E_PORT itself belongs to the plain e2e site).
import os from "node:os";
import path from "node:path";

const BASE = Number(process.env.E2E_PORT ?? 3100);
export const HTTPS_PORT = BASE + 1;
export const CADDY_HTTP_PORT = BASE + 2;
export const SERVER_PORT = BASE + 3;
/** SITE_URL and NEXTAUTH_URL of the server: the address readers use. */
export const ORIGIN = `https://127.0.0.1:${HTTPS_PORT}`;
export const WORK = path.join(os.tmpdir(), `jianbao-e2e-https-${BASE}`);
export const CONTENT = path.join(WORK, "content");
export const DATA = path.join(WORK, "data");
export const CADDY_DIR = path.join(WORK, "caddy");
export const CADDYFILE = path.join(CADDY_DIR, "Caddyfile");

/**
 * Whether this machine has IPv6 loopback (some containers do not): the client-address test
 * reaches Caddy over ::1 so that the address Caddy reports differs from Caddy's own 127.0.0.1.
 */
export const IPV6_LOOPBACK = Object.values(os.networkInterfaces()).some((list) => list?.some((i) => i.address === "::1"));

/** deploy/Caddyfile's `tls internal` variant, on loopback ports, with no admin API and no trust-store install. */
export function caddyfile(): string {
  return `{
	admin off
	skip_install_trust
	storage file_system ${path.join(CADDY_DIR, "storage")}
	http_port ${CADDY_HTTP_PORT}
	https_port ${HTTPS_PORT}
}
localhost:${HTTPS_PORT}, 127.0.0.1:${HTTPS_PORT}${IPV6_LOOPBACK ? `, [::1]:${HTTPS_PORT}` : ""} {
	bind 127.0.0.1${IPV6_LOOPBACK ? " ::1" : ""}
	tls internal
	reverse_proxy 127.0.0.1:${SERVER_PORT}
}
`;
}
