// A child process of the restore drill in backup.test.ts: an editor saving one draft over and
// over (as autosave does) on the shared database while a backup runs in another process.
// Replies with how many saves it has made when asked; stops on "stop".
import path from "node:path";
import { openDb } from "@/db/index";
import { getDraft } from "@/db/queries/studio/drafts";
import { saveRevision } from "@/db/queries/studio/revisions";

export type SaverInit = { file: string; draftId: number; authorId: number; header: string };
export type SaverReply = { ready: true } | { saved: number } | { error: string };

// The parent migrated the database already: a pre-migration copy never happens here.
const open = (file: string) => openDb(file, { backupDir: path.dirname(file) });

let saved = 0;
let stopping = false;
let failure: string | null = null;

function loop(file: string, draftId: number, authorId: number, header: string) {
  const d = open(file);
  const step = () => {
    if (stopping || failure) return;
    try {
      const head = getDraft(d, draftId)!.headRevisionId!;
      const r = saveRevision(d, {
        draftId,
        baseRevisionId: head,
        source: `${header}第${saved + 1}次保存的正文。\n`,
        title: "循环保存",
        authorId,
        kind: "autosave",
      });
      if (!r.ok) throw new Error("stale revision");
      saved++;
    } catch (e) {
      failure = String(e);
      return;
    }
    setImmediate(step);
  };
  step();
}

process.on("message", (message: { init: SaverInit } | "count" | "stop") => {
  if (message === "count") return void process.send?.(failure ? { error: failure } : { saved });
  if (message === "stop") {
    stopping = true;
    process.send?.(failure ? { error: failure } : { saved }, () => process.disconnect());
    return;
  }
  open(message.init.file);
  process.send?.({ ready: true });
  loop(message.init.file, message.init.draftId, message.init.authorId, message.init.header);
});
