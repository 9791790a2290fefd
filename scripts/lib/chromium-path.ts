// Where to find Chromium: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own.
import fs from "node:fs";
import { chromium } from "playwright-core";

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  const bundled = chromium.executablePath();
  return bundled && fs.existsSync(bundled) ? bundled : undefined;
}
