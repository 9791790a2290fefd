// e2e tests run against a production build (`next build` first) served from a temporary copy
// of content/ plus fixtures (an internal issue, a broken file), on its own SQLite database.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_CONTENT as contentDir, E2E_DATA as dataDir, E2E_RENDER_SECRET, E2E_PORT as PORT, E2E_WORK as work } from "./e2e/lib/site";
import { baseConfig, jianbaoServer, prepareSite } from "./playwright.base";

prepareSite({ work, content: contentDir, data: dataDir }, () => {
  for (const f of fs.readdirSync("e2e/fixtures/content", { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const rel = path.relative("e2e/fixtures/content", path.join(f.parentPath, f.name));
    fs.mkdirSync(path.dirname(path.join(contentDir, rel)), { recursive: true });
    fs.copyFileSync(path.join("e2e/fixtures/content", rel), path.join(contentDir, rel));
  }
});

export default defineConfig({
  ...baseConfig("e2e", `http://127.0.0.1:${PORT}`),
  webServer: jianbaoServer({
    port: PORT,
    content: contentDir,
    data: dataDir,
    env: { BACKUP_EVERY: "off", JIANBAO_RENDER_SECRET: E2E_RENDER_SECRET, NEXTAUTH_URL: `http://127.0.0.1:${PORT}` },
  }),
});
