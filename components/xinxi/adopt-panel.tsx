// 采用到… on a submission: the form while it may still be adopted (已报送, 处理中), and where it
// has been put (each adoption with its draft and state). Rendered for editors on the submission's
// pages; the form itself is a client part (adopt-form.tsx).
import Link from "next/link";
import { card } from "@/components/ui/card";
import { getSeries } from "@/db/queries/archive";
import { listDrafts } from "@/db/queries/studio/drafts";
import { roleAtLeast } from "@/db/queries/users";
import { adoptionsOfSubmission } from "@/db/queries/xinxi/adoptions";
import { getSubmission } from "@/db/queries/xinxi/submissions";
import { mayWorkOn, type StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { issueLine } from "@/lib/format";
import { ADOPTION_KIND_SHORT, ADOPTION_STATE_LABEL, OPEN_STATUSES, STATUS_LABEL, SUBMISSION_STATUS_LABEL } from "@/lib/vocabulary";
import { ADOPTABLE } from "@/lib/xinxi/adopt";
import { AdoptForm } from "./adopt-form";

export async function AdoptPanel({ user, submissionId }: { user: StudioUser; submissionId: number }) {
  const submission = getSubmission(db(), submissionId);
  if (!submission || !roleAtLeast(user.role, "editor") || !mayWorkOn(user, submission.seriesId)) return null;
  const seriesName = getSeries(db(), submission.seriesId)?.name ?? submission.seriesId;
  const adoptions = adoptionsOfSubmission(db(), submission.id);
  const open = ADOPTABLE.includes(submission.status);
  const drafts = open
    ? listDrafts(db(), { seriesIds: [submission.seriesId], statuses: [...OPEN_STATUSES], limit: 50 }).map((d) => ({
        id: d.id,
        label: `${issueLine(d)}${d.kind === "correction" ? " 更正稿" : ""} ${d.title || "（未定标题）"} · ${STATUS_LABEL[d.status]}`,
      }))
    : [];
  return (
    <section aria-labelledby="adopt-heading" className={`space-y-3 p-4 ${card}`} data-testid="adopt-panel">
      <h2 id="adopt-heading" className="font-bold">
        采用到{seriesName}
      </h2>
      {open ? (
        <AdoptForm submissionId={submission.id} drafts={drafts} />
      ) : (
        <p className="text-stone-600">
          这篇稿件{SUBMISSION_STATUS_LABEL[submission.status]}
          {submission.publishedLabel ? `（${submission.publishedLabel}）` : ""}，不能再采用。
        </p>
      )}
      {adoptions.length > 0 ? (
        <div>
          <h3 className="mb-1 font-medium">采用记录</h3>
          <ul className="space-y-1" data-testid="adoption-list">
            {adoptions.map((a) => (
              <li key={a.id}>
                <Link href={`/studio/drafts/${a.draftId}`} className="text-brand hover:underline">
                  {seriesName}
                  {issueLine({ year: a.draftYear, number: a.draftNumber, supplement: a.draftSupplement })}
                </Link>{" "}
                {ADOPTION_KIND_SHORT[a.kind]} · {ADOPTION_STATE_LABEL[a.state]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
