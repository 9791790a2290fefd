// A content:sync in its own process, as `npm run content:sync` runs it (on a pool of compiling
// processes), that stops at the steps the parent test names and waits for it to say "go": after
// the scan, and before writing the batch that holds a given file. See content-sync-race.test.ts.
import { createLoadPool } from "@/lib/content/load-pool";
import { syncContent } from "@/lib/content/sync";

const target = process.env.SYNC_RACE_TARGET!;
const waitForGo = () => new Promise<void>((resolve) => process.once("message", () => resolve()));

const report = await syncContent({
  root: process.env.CONTENT_DIR!,
  pool: (root, series) => createLoadPool(root, series, 2),
  pause: async (step, rels) => {
    if (step === "scanned" || rels.includes(target)) {
      process.send!({ step });
      await waitForGo();
    }
  },
});
process.send!({ step: "done", report });
process.disconnect();
