// A child process of the numbering race in studio-numbering.test.ts: opens the shared database,
// says it is ready, and on the parent's "go" creates one draft and reports the number it got.
import path from "node:path";
import { openDb } from "@/db/index";
import { createDraft } from "@/db/queries/studio/numbering";
import { isAppError } from "@/lib/errors";

export type ChildInit = { file: string; authorId: number; seriesId: string; year: number };
export type ChildReply = { ready: true } | { number: number } | { error: string };

let init: ChildInit | undefined;

// The parent migrated the database already: a pre-migration copy never happens here.
const open = (file: string) => openDb(file, { backupDir: path.dirname(file) });

/** Sends a reply; after the last one the IPC channel closes so the process can exit. */
function reply(message: ChildReply, last = true) {
  process.send?.(message, () => {
    if (last) process.disconnect();
  });
}

process.on("message", (message: { init: ChildInit } | "go") => {
  if (message !== "go") {
    init = message.init;
    // Opened (and migrated) before the start signal, so the race is only over the numbers.
    open(init.file);
    reply({ ready: true }, false);
    return;
  }
  if (!init) return reply({ error: "go before init" });
  const { file, authorId, seriesId, year } = init;
  try {
    const { number } = createDraft(open(file), {
      seriesId,
      year,
      supplement: false,
      authorId,
      compose: (n) => ({ source: `---\nseries: ${seriesId}\nyear: ${year}\nnumber: ${n}\ntitle: 第${n}期\n---\n`, title: `第${n}期` }),
      path: (n) => `${seriesId}/${year}/${String(n).padStart(3, "0")}.mdx`,
    });
    reply({ number });
  } catch (e) {
    reply({ error: isAppError(e) ? e.code : String(e) });
  }
});
