// "可能与以下内容相近": the submissions and issues of the series that share most of this
// submission's distinctive words (lib/xinxi/similar.ts), with the share found, so an editor sees a
// duplicate or news already printed before adopting it. Editors only, who may read internal issues.
import Link from "next/link";
import { card } from "@/components/ui/card";
import { getSeries } from "@/db/queries/archive";
import { roleAtLeast } from "@/db/queries/users";
import { getSubmission } from "@/db/queries/xinxi/submissions";
import { mayWorkOn, type StudioUser } from "@/lib/auth/session";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { issueLine } from "@/lib/format";
import { SUBMISSION_STATUS_LABEL } from "@/lib/vocabulary";
import { findSimilar } from "@/lib/xinxi/similar";

const percent = (score: number) => `${Math.round(score * 100)}%`;

export async function SimilarHint({ user, submissionId }: { user: StudioUser; submissionId: number }) {
  const submission = getSubmission(db(), submissionId);
  if (!submission || !roleAtLeast(user.role, "editor") || !mayWorkOn(user, submission.seriesId)) return null;
  const found = findSimilar(user, submissionId);
  if (found.submissions.length === 0 && found.issues.length === 0) return null;
  const seriesName = getSeries(db(), submission.seriesId)?.name ?? submission.seriesId;
  return (
    <section aria-labelledby="similar-heading" className={`space-y-2 p-4 ${card}`} data-testid="similar-hint">
      <h2 id="similar-heading" className="font-bold">
        可能与以下内容相近
      </h2>
      <ul className="space-y-1">
        {found.submissions.map((s) => (
          <li key={`s${s.id}`}>
            <span className="mr-2 rounded bg-amber-50 px-1 text-amber-900">重合 {percent(s.score)}</span>
            <Link href={`/studio/submissions/${s.id}`} className="text-brand hover:underline">
              {s.title}
            </Link>
            <span className="text-stone-600">
              {" "}
              · {s.unitName} · {SUBMISSION_STATUS_LABEL[s.status]}
            </span>
          </li>
        ))}
        {found.issues.map((i) => (
          <li key={`i${i.id}`}>
            <span className="mr-2 rounded bg-amber-50 px-1 text-amber-900">重合 {percent(i.score)}</span>
            <Link href={issueUrl(keyOfRow(i))} className="text-brand hover:underline">
              {seriesName}
              {issueLine(i)} {i.title}
            </Link>
            <span className="text-stone-600">
              {i.visibility === "internal" ? " · 内部" : ""}
              {i.status === "withdrawn" ? " · 已撤回" : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
