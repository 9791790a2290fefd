// e2e tests run against a production build (`next build` first) served from a temporary copy
// of content/ plus fixtures (an internal issue, a broken file), on its own SQLite database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./scripts/lib/chromium-path";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const work = path.join(os.tmpdir(), `jianbao-e2e-${PORT}`);
const contentDir = path.join(work, "content");
const dataDir = path.join(work, "data");

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
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { CONTENT_DIR: contentDir, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", SYNC_ON_START: "1" },
  },
});
