// The e2e run through HTTPS: Caddy (`tls internal`) in front of a production server started as
// deploy/ runs it (SITE_URL https, TRUST_PROXY=1, listening on loopback). Run after `next build`:
//   npx playwright test -c playwright.https.config.ts
import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { CADDY_DIR, CADDYFILE, CONTENT, caddyfile, DATA, ORIGIN, SERVER_PORT, WORK } from "./e2e-https/site";
import { CHROMIUM_ARGS, chromiumPath } from "./scripts/lib/chromium-path";

if (!process.env.TEST_WORKER_INDEX) {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.cpSync("content", CONTENT, { recursive: true });
  fs.mkdirSync(DATA, { recursive: true });
  fs.mkdirSync(CADDY_DIR, { recursive: true });
  fs.writeFileSync(CADDYFILE, caddyfile());
}

export default defineConfig({
  testDir: "e2e-https",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: ORIGIN,
    // Caddy's own CA signed the certificate; the tests check headers and cookies, not the chain.
    ignoreHTTPSErrors: true,
    locale: "zh-CN",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: "node server.mjs",
      url: `http://127.0.0.1:${SERVER_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        CONTENT_DIR: CONTENT,
        DATA_DIR: DATA,
        HOST: "127.0.0.1",
        PORT: String(SERVER_PORT),
        SITE_URL: ORIGIN,
        NEXTAUTH_URL: ORIGIN,
        TRUST_PROXY: "1",
        SYNC_ON_START: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      command: `caddy run --adapter caddyfile --config ${CADDYFILE}`,
      url: `${ORIGIN}/api/health`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      // Caddy keeps nothing outside the test's directory.
      env: { HOME: CADDY_DIR, XDG_DATA_HOME: CADDY_DIR, XDG_CONFIG_HOME: CADDY_DIR },
    },
  ],
});
