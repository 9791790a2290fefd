// Where to find Chromium: CHROMIUM_PATH (which must then exist), else Debian's /usr/bin/chromium,
// else Playwright's own download. Without one, PDFs fail with a message saying how to install it.
import fs from "node:fs";
import { chromium } from "playwright-core";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const INSTALL_HINT =
  "安装方法：Debian/Ubuntu 执行 sudo apt-get install chromium；其他系统执行 npx playwright install chromium；或设置环境变量 CHROMIUM_PATH 指向 Chromium 可执行文件。";

export function findChromium(configured = env().CHROMIUM_PATH): string | undefined {
  if (configured) return isExecutable(configured) ? configured : undefined;
  for (const c of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (isExecutable(c)) return c;
  const bundled = chromium.executablePath();
  return bundled && isExecutable(bundled) ? bundled : undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(/*turbopackIgnore: true*/ file, fs.constants.X_OK);
    return fs.statSync(/*turbopackIgnore: true*/ file).isFile();
  } catch {
    return false;
  }
}

export function requireChromium(configured = env().CHROMIUM_PATH): string {
  const found = findChromium(configured);
  if (found) return found;
  const where = configured ? `CHROMIUM_PATH=${configured} 不存在或不是可执行文件。` : "服务器上没有找到 Chromium。";
  throw new AppError("pdf:unavailable", `暂时无法生成PDF：${where}${INSTALL_HINT}`);
}

/** Flags for a headless Chromium on a closed network (no background connections). */
export const RENDERER_ARGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** The same for tests and benchmarks, which run as whoever runs them (root in CI): no sandbox. */
export const CHROMIUM_ARGS = ["--no-sandbox", ...RENDERER_ARGS];
