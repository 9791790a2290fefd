// The publication of the crash test (test/studio-publish-crash.test.ts), in its own process as
// the server's would be: publishes one draft and exits, unless JIANBAO_FAULT_AT kills it first.
// Arguments: the draft's id, then the publishing reviewer's id and e-mail. Exits 0 when it
// published, 4 when it was refused because the draft was being (or had been) published, else 3.
import { isAppError } from "@/lib/errors";
import { publishDraft } from "@/lib/studio/publish";

const [draftId, actorId, email] = process.argv.slice(2);
publishDraft(Number(draftId), { id: Number(actorId), email: email! }).then(
  () => process.exit(0),
  (error: unknown) => {
    if (isAppError(error) && (error.code === "studio:publishing" || error.code === "studio:bad-transition")) process.exit(4);
    console.error(error);
    process.exit(3);
  },
);
