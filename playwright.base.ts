// What the two e2e configs share (playwright.config.ts over HTTP, playwright.https.config.ts behind
// Caddy): one browser and one worker against a production server (`next build` first) started on a
// throwaway copy of content/ with its own database, and the same patience on a shared machine.
import fs from "node:fs";
import type { PlaywrightTestConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./lib/pdf/chromium";

type WebServer = Extract<NonNullable<PlaywrightTestConfig["webServer"]>, { command: string }>;

/** Runs once, in the runner (the config is evaluated again in each worker): a fresh copy of content/ and an empty data dir. */
export function prepareSite({ work, content, data }: { work: string; content: string; data: string }, more: () => void = () => {}): void {
  if (process.env.TEST_WORKER_INDEX) return;
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync("content", content, { recursive: true });
  fs.mkdirSync(data, { recursive: true });
  more();
}

/** The shared settings for a config whose specs live in `testDir` and whose pages are at `baseURL`. */
export function baseConfig(testDir: string, baseURL: string, use: PlaywrightTestConfig["use"] = {}): PlaywrightTestConfig {
  return {
    testDir,
    fullyParallel: false,
    workers: 1,
    retries: 0,
    forbidOnly: !!process.env.CI,
    reporter: [["list"]],
    // Waits, not speed limits: CI machines are shared, and a slow one must not fail a correct page.
    timeout: 90_000,
    expect: { timeout: 15_000 },
    use: { baseURL, locale: "zh-CN", launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS }, ...use },
  };
}

/** The production server (server.mjs) on `port`, waited for on its health URL, syncing content/ as it starts. */
export function jianbaoServer({
  port,
  content,
  data,
  env,
}: {
  port: number;
  content: string;
  data: string;
  env: Record<string, string>;
}): WebServer {
  return {
    command: "node server.mjs",
    // PDF_PRERENDER off: the start's sync would queue every fixture issue, and their renders would
    // compete with the specs for the machine and turn the PDF specs' first requests into cache hits.
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      CONTENT_DIR: content,
      DATA_DIR: data,
      PORT: String(port),
      SYNC_ON_START: "1",
      PDF_PRERENDER: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  };
}
