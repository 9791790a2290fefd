// Jianbao behind Caddy with HTTPS, as deploy/ runs it: the session cookie is Secure, the client
// address the studio records is the one Caddy reports (not the proxy's socket, not what the
// client claims), links use SITE_URL whatever Host was asked for, and every response carries
// the security headers, with HSTS on https.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Page, request, test } from "@playwright/test";
import Database from "better-sqlite3";
import { CONTENT, DATA, HTTPS_PORT, IPV6_LOOPBACK, ORIGIN, SERVER_PORT } from "./site";

const ADMIN = { email: "admin@https.example.org", password: "https-admin-password" };

test.describe.configure({ mode: "serial" });
test.beforeAll(() => {
  const env = { ...process.env, CONTENT_DIR: CONTENT, DATA_DIR: DATA };
  const cli = (args: string[], input?: string) =>
    execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/user.ts", ...args], { env, encoding: "utf8", input });
  if (!cli(["list"]).includes(ADMIN.email))
    cli(["add", "--email", ADMIN.email, "--name", "系统管理员", "--role", "admin", "--password-stdin"], `${ADMIN.password}\n`);
});

/** The newest audit rows of an action for an e-mail, read from the server's database. */
function auditRows(action: string, email: string): { ip: string | null }[] {
  const db = new Database(path.join(DATA, "jianbao.sqlite"), { readonly: true, fileMustExist: true });
  try {
    // An e-mail that is no account is counted on its address's row, named among the samples tried.
    return db
      .prepare("SELECT ip FROM audit_log WHERE action = ? AND (actor_email = ? OR instr(detail, ?) > 0) ORDER BY id DESC")
      .all(action, email, JSON.stringify(email)) as { ip: string | null }[];
  } finally {
    db.close();
  }
}

function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy|Mixed Content/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test("signing in over https sets a Secure session cookie; the pages run under the policy", async ({ page }) => {
  const seen = watchViolations(page);
  await page.goto("/studio/sign-in");
  await page.getByLabel("邮箱").fill(ADMIN.email);
  await page.getByLabel("密码").fill(ADMIN.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("studio-user")).toBeVisible();
  const session = (await page.context().cookies()).filter((c) => /next-auth\.session-token/.test(c.name));
  expect(session).toHaveLength(1);
  expect(session[0]).toMatchObject({ name: "__Secure-next-auth.session-token", secure: true, httpOnly: true, sameSite: "Lax" });
  // Chromium reached Caddy from 127.0.0.1, and that is what the sign-in was recorded under.
  expect(auditRows("auth.sign-in", ADMIN.email)[0]?.ip).toBe("127.0.0.1");
  for (const url of ["/", "/jtyx/2022/3", "/jtyx/2022/3/print"]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
  }
  expect(seen).toEqual([]);
});

test("the client address recorded is the one Caddy reports, not Caddy's own nor the client's claim", async () => {
  test.skip(!IPV6_LOOPBACK, "needs IPv6 loopback (::1): over 127.0.0.1 the address Caddy reports and Caddy's own are the same");
  // Over IPv6 loopback to Caddy: Caddy reports ::1, while the server's socket peer is Caddy at
  // 127.0.0.1. The client's own X-Forwarded-For is a lie Caddy discards.
  const client = await request.newContext({
    baseURL: `https://[::1]:${HTTPS_PORT}`,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.23" },
  });
  try {
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const email = `nobody-${Date.now()}@https.example.org`;
    const res = await client.post("/api/auth/callback/credentials", {
      form: { email, password: "wrong-password", csrfToken, json: "true" },
      maxRedirects: 0,
    });
    expect(res.status()).toBeLessThan(500);
    const rows = auditRows("auth.sign-in-failed", email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ip).toBe("::1");
  } finally {
    await client.dispose();
  }
});

test("links use SITE_URL, whatever Host the reader used", async () => {
  // Caddy also answers as localhost: canonical, feed and sitemap links still name SITE_URL.
  const other = await request.newContext({ baseURL: `https://localhost:${HTTPS_PORT}`, ignoreHTTPSErrors: true });
  try {
    const html = await (await other.get("/jtyx/2022/3")).text();
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/jtyx/2022/3"/>`);
    expect(html).toMatch(new RegExp(`<link rel="alternate" type="application/rss\\+xml"[^>]*href="${ORIGIN.replace(/\./g, "\\.")}/`));
    expect(html).not.toContain(`localhost:${HTTPS_PORT}`);
    const feed = await (await other.get("/feed.xml")).text();
    expect(feed).toContain(`<link>${ORIGIN}/</link>`);
    expect(feed).toContain(`${ORIGIN}/jtyx/`);
    expect(feed).not.toContain("localhost");
    const sitemap = await (await other.get("/sitemap.xml")).text();
    expect(sitemap).toContain(`<loc>${ORIGIN}/`);
    expect(sitemap).not.toContain("localhost");
  } finally {
    await other.dispose();
  }
});

test("every response over https carries the security headers and HSTS; the server's own http port sends no HSTS", async ({
  request: https,
}) => {
  for (const url of ["/", "/jtyx/2022/3", "/jtyx/2022/3", "/studio/sign-in", "/feed.xml", "/api/health"]) {
    const res = await https.get(url);
    expect(res.status(), url).toBe(200);
    const h = res.headers();
    expect(h["strict-transport-security"], url).toBe("max-age=31536000");
    expect(h["content-security-policy"], url).toContain("default-src 'self'");
    expect(h["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"], url).toBe("DENY");
  }
  // What the PDF renderer uses, and what anyone could reach if the port were exposed: plain http,
  // so no HSTS, and a client's X-Forwarded-Proto alone does not make it https... unless it
  // claims to be the trusted proxy, which is why HOST=127.0.0.1 keeps the port off the network.
  const direct = await request.newContext({ baseURL: `http://127.0.0.1:${SERVER_PORT}` });
  try {
    const res = await direct.get("/");
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
    expect(res.headers()["content-security-policy"]).toContain("default-src 'self'");
  } finally {
    await direct.dispose();
  }
});
