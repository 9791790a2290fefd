// /studio/submissions/<id>/adopt: 采用 a 信息稿件 on a page of its own — the text as the unit sent
// it, where it may go (AdoptPanel) and what it resembles (SimilarHint). Editors of its series.
import type { Metadata } from "next";
import Link from "next/link";
import { card } from "@/components/ui/card";
import { AdoptPanel } from "@/components/xinxi/adopt-panel";
import { SimilarHint } from "@/components/xinxi/similar-hint";
import { headVersion, loadSubmission } from "@/db/queries/xinxi/submissions";
import { getUnit } from "@/db/queries/xinxi/units";
import { requirePageUser, requireSeries } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { SUBMISSION_STATUS_LABEL } from "@/lib/vocabulary";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "采用信息稿件" };

export default async function AdoptPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser("editor", `/studio/submissions/${id}/adopt`);
  const submissionId = idParam(id);
  const { submission, version } = orRefuse(() => {
    const s = loadSubmission(db(), submissionId);
    requireSeries(user, s.seriesId);
    return { submission: s, version: headVersion(db(), s) };
  });
  const unit = getUnit(db(), submission.unitId);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href={`/studio/submissions/${submission.id}`} className="text-sm text-stone-600 hover:underline">
          ← 稿件详情
        </Link>
        <h1 className="text-lg font-bold" data-testid="adopt-heading">
          采用信息稿件
        </h1>
      </div>
      <article className={`space-y-2 p-4 ${card}`} aria-labelledby="submission-title">
        <h2 id="submission-title" className="text-base font-bold">
          {version.title}
        </h2>
        <p className="text-stone-600">
          {unit?.name ?? "（单位不明）"} · {SUBMISSION_STATUS_LABEL[submission.status]} · 报送于 {when(submission.submittedAt)}
          {submission.urgent ? " · 急件" : ""}
        </p>
        <div className="max-h-80 overflow-auto whitespace-pre-wrap border-t border-stone-100 pt-2 leading-relaxed">{version.body}</div>
      </article>
      <div className="grid gap-4 lg:grid-cols-2">
        <AdoptPanel user={user} submissionId={submission.id} />
        <SimilarHint user={user} submissionId={submission.id} />
      </div>
    </div>
  );
}
