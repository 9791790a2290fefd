// Where the e2e site lives (a temporary copy of content/ plus fixtures) and the render secret
// the test server shares with the tests, so they can also fetch internal issues' PDFs.
import os from "node:os";
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_WORK = path.join(os.tmpdir(), `jianbao-e2e-${E2E_PORT}`);
export const E2E_CONTENT = path.join(E2E_WORK, "content");
export const E2E_DATA = path.join(E2E_WORK, "data");
export const E2E_RENDER_SECRET = "e2e-render-secret-0123456789abcdef0123";
