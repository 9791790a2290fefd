// The e2e run through HTTPS: Caddy (`tls internal`) in front of a production server started as
// deploy/ runs it (SITE_URL https, TRUST_PROXY=1, listening on loopback). Run after `next build`:
//   npx playwright test -c playwright.https.config.ts
import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { CADDY_DIR, CADDYFILE, CONTENT, caddyfile, DATA, ORIGIN, SERVER_PORT, WORK } from "./e2e-https/site";
import { baseConfig, jianbaoServer, prepareSite } from "./playwright.base";

prepareSite({ work: WORK, content: CONTENT, data: DATA }, () => {
  fs.mkdirSync(CADDY_DIR, { recursive: true });
  fs.writeFileSync(CADDYFILE, caddyfile());
});

export default defineConfig({
  // Caddy's own CA signed the certificate; the tests check headers and cookies, not the chain.
  ...baseConfig("e2e-https", ORIGIN, { ignoreHTTPSErrors: true }),
  webServer: [
    jianbaoServer({
      port: SERVER_PORT,
      content: CONTENT,
      data: DATA,
      env: { HOST: "127.0.0.1", SITE_URL: ORIGIN, NEXTAUTH_URL: ORIGIN, TRUST_PROXY: "1" },
    }),
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
