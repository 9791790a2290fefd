// e2e tests run against a production build (`next build` first) served from a temporary copy
// of content/ plus fixtures (an internal issue, a broken file), on its own SQLite database.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_CONTENT as contentDir, E2E_DATA as dataDir, E2E_RENDER_SECRET, E2E_PORT as PORT, E2E_WORK as work } from "./e2e/lib/site";
import { CHROMIUM_ARGS, chromiumPath } from "./scripts/lib/chromium-path";

// The config is evaluated again in each worker; only the runner prepares the site.
if (!process.env.TEST_WORKER_INDEX) {
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync("content", contentDir, { recursive: true });
  for (const f of fs.readdirSync("e2e/fixtures/content", { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const rel = path.relative("e2e/fixtures/content", path.join(f.parentPath, f.name));
    fs.mkdirSync(path.dirname(path.join(contentDir, rel)), { recursive: true });
    fs.copyFileSync(path.join("e2e/fixtures/content", rel), path.join(contentDir, rel));
  }
  fs.mkdirSync(dataDir, { recursive: true });
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  // Waits, not speed limits: CI machines are shared, and a slow one must not fail a correct page.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node server.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      CONTENT_DIR: contentDir,
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      SYNC_ON_START: "1",
      BACKUP_EVERY: "off",
      PORT: String(PORT),
      JIANBAO_RENDER_SECRET: E2E_RENDER_SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    },
  },
});
