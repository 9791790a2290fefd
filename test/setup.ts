// Runs before every test file (vitest.config.ts setupFiles), in that file's own module registry:
// the file gets a temporary site (CONTENT_DIR, DATA_DIR) before any app module reads env(), so tests
// import the app's modules at the top like any other code; and Next's navigation functions throw
// as they do in a real request, so a redirect or a 404 a test did not expect fails it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, vi } from "vitest";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-test-"));
// content/ in a folder of its own: a test that checks nothing was written beside the content root
// (a "../" path) must see only it there.
process.env.CONTENT_DIR = path.join(home, "site", "content");
process.env.DATA_DIR = path.join(home, "data");
fs.mkdirSync(process.env.CONTENT_DIR, { recursive: true });
fs.mkdirSync(process.env.DATA_DIR);
// The outer shell's settings must not leak into a test (a developer's BACKUP_DIR, a push remote).
for (const name of ["BACKUP_DIR", "CONTENT_GIT_PUSH", "CONTENT_HISTORY", "SITE_URL", "JIANBAO_FAULT_AT"]) delete process.env[name];
// No background PDF renders: a test that publishes has no server for Chromium to load the issue
// from. test/pdf-prerender.test.ts turns them on for itself.
process.env.PDF_PRERENDER = "off";
// next.config.mjs enables experimental.authInterrupts; Next's build passes it to forbidden() this way.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

// The real server build of next/navigation (redirect, notFound, forbidden, unstable_rethrow, all
// throwing Next's own digests): `next/navigation` itself resolves to the client build, whose hooks
// need the App Router's React context. The hooks get a router that goes nowhere.
vi.mock("next/navigation", async () => {
  const server = await vi.importActual<typeof import("next/dist/client/components/navigation.react-server")>(
    "next/dist/client/components/navigation.react-server",
  );
  const router = { push() {}, replace() {}, refresh() {}, back() {}, forward() {}, prefetch() {} };
  return {
    ...server,
    useRouter: () => router,
    usePathname: () => "/",
    useSearchParams: () => new server.ReadonlyURLSearchParams(),
    useParams: () => ({}),
    useSelectedLayoutSegment: () => null,
    useSelectedLayoutSegments: () => [],
  };
});

afterAll(async () => {
  // After the file's tests, so loading the client here cannot come before a file's own mocks.
  (await import("@/lib/database")).closeDb();
  fs.rmSync(home, { recursive: true, force: true });
});
