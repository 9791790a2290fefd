// Run by e2e/xinxi-notices.spec.ts with tsx against the e2e site's database (as scripts/user.ts is
// by ensureAdmin): a unit, a contributor of it who can sign in, and a submission of theirs that an
// admin adopts and then sees printed, written through the query layer as the studio writes them.
// Prints {"submissionId": …} on stdout.
import { immediate } from "@/db/queries/studio/common";
import { createUser, findUserByEmail } from "@/db/queries/users";
import { insertSubmission, setSubmissionStatus } from "@/db/queries/xinxi/submissions";
import { createUnit, findUnitByName } from "@/db/queries/xinxi/units";
import { hashPassword } from "@/lib/auth/password";
import { closeDb, db } from "@/lib/database";

async function main() {
  const [email, password, actorEmail, title] = process.argv.slice(2);
  if (!email || !password || !actorEmail || !title) throw new Error("usage: email password actor-email title");
  const d = db();
  const unit =
    findUnitByName(d, "共青团晋中市榆次区委（e2e通知）") ??
    createUnit(d, {
      name: "共青团晋中市榆次区委（e2e通知）",
      shortName: "团榆次区委",
      level: "county",
      contactEmail: "changzhi@e2e.example.org",
    });
  const contributor =
    findUserByEmail(d, email)?.id ??
    createUser(d, { email, name: "长治报送员", role: "contributor", passwordHash: await hashPassword(password), unitId: unit.id }).id;
  const actor = findUserByEmail(d, actorEmail);
  if (!actor) throw new Error(`no user ${actorEmail}`);
  const now = Date.now();
  const submission = immediate(d, (tx) => {
    const s = insertSubmission(tx, {
      unitId: unit.id,
      seriesId: "jtyx",
      callId: null,
      urgent: false,
      contactName: "长治报送员",
      contactPhone: "0355-1234567",
      version: { title, body: `${title}的正文。` },
      pictures: [],
      search: { titlePairs: "", bodyPairs: "" },
      actorId: contributor,
      at: new Date(now - 60_000),
    });
    setSubmissionStatus(tx, {
      submissionId: s.id,
      status: "adopted",
      event: "adopted",
      actorId: actor.id,
      at: new Date(now - 30_000),
      adoptionKind: "full",
      decided: true,
    });
    return setSubmissionStatus(tx, {
      submissionId: s.id,
      status: "published",
      event: "published",
      actorId: actor.id,
      at: new Date(now - 10_000),
      published: { path: "jtyx/2026/005.mdx", label: "晋团要讯〔2026〕第5期" },
    });
  });
  closeDb();
  process.stdout.write(JSON.stringify({ submissionId: submission.id }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
