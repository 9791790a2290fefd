// /studio/submissions/<id>: one 信息稿件. Its unit's contributors see the text, the earlier versions,
// the timeline and, when 退回修改, the reason and the form to send it again; editors of its series
// also decide on it (and adopt it: AdoptPanel). Opening a 已报送 submission changes nothing.
import type { Metadata } from "next";
import Link from "next/link";
import { AdoptPanel } from "@/components/xinxi/adopt-panel";
import { DecisionPanel } from "@/components/xinxi/decision-panel";
import { SimilarHint } from "@/components/xinxi/similar-hint";
import { SubmissionForm } from "@/components/xinxi/submission-form";
import { SubmissionText } from "@/components/xinxi/submission-text";
import { getSeries } from "@/db/queries/archive";
import { submissionEventsOf } from "@/db/queries/xinxi/inbox";
import { headVersion, submissionPictures, submissionVersionsOf } from "@/db/queries/xinxi/submissions";
import { getUnit } from "@/db/queries/xinxi/units";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { SUBMISSION_EVENT_LABEL, submissionStatusText } from "@/lib/vocabulary";
import { offeredDecisions } from "@/lib/xinxi/submission-status";
import { submissionFor } from "@/lib/xinxi/submit";

export const metadata: Metadata = { title: "信息稿件" };

type Props = { params: Promise<{ id: string }> };

export default async function SubmissionPage({ params }: Props) {
  const raw = (await params).id;
  const user = await requirePageUser("contributor", `/studio/submissions/${raw}`);
  const id = idParam(raw);
  const s = orRefuse(() => submissionFor(user, id));
  const d = db();
  const head = headVersion(d, s);
  const versions = submissionVersionsOf(d, id);
  const events = submissionEventsOf(d, id);
  const unit = getUnit(d, s.unitId);
  const editor = user.role !== "contributor";
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link href="/studio/submissions" className="underline">
          {editor ? "收件箱" : "本单位报送的信息"}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">{s.title}</h1>
        <span className="rounded bg-stone-100 px-2 py-0.5 text-sm" data-testid="submission-state">
          {submissionStatusText(s.status, s.adoptionKind)}
        </span>
        {s.urgent ? <span className="rounded bg-red-100 px-2 py-0.5 text-sm text-red-800">紧急</span> : null}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-stone-600">报送单位</dt>
        <dd>{unit?.name}</dd>
        <dt className="text-stone-600">报送到</dt>
        <dd>{getSeries(d, s.seriesId)?.name ?? s.seriesId}</dd>
        <dt className="text-stone-600">联系人</dt>
        <dd>
          {s.contactName}（{s.contactPhone}）
        </dd>
        <dt className="text-stone-600">报送时间</dt>
        <dd>{when(s.submittedAt)}</dd>
        {s.publishedLabel ? (
          <>
            <dt className="text-stone-600">刊用于</dt>
            <dd>{s.publishedLabel}</dd>
          </>
        ) : null}
      </dl>
      {s.decisionNote && (s.status === "returned" || s.status === "rejected") ? (
        <p role="note" data-testid="decision-note" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {s.status === "returned" ? "退回修改的原因" : "未采用的说明"}：{s.decisionNote}
        </p>
      ) : null}
      {editor ? (
        <>
          <DecisionPanel submissionId={id} offered={offeredDecisions(s.status)} />
          <AdoptPanel user={user} submissionId={id} />
          <SimilarHint user={user} submissionId={id} />
        </>
      ) : null}
      <section aria-label={`第 ${head.seq} 版`} className="space-y-2">
        <h2 className="font-medium">
          现在的稿件（第 {head.seq} 版）
          {head.originalBytes ? (
            <a href={`/studio/submissions/${id}/original/${head.seq}`} className="ml-3 text-sm font-normal underline">
              下载原 Word 文件
            </a>
          ) : null}
        </h2>
        <SubmissionText submissionId={id} title={head.title} body={head.body} />
      </section>
      {s.status === "returned" && (!editor || s.submittedBy === user.id) ? (
        <section aria-label="修改后重新报送" className="space-y-2 rounded border border-stone-200 bg-white p-3">
          <h2 className="font-medium">修改后重新报送</h2>
          <SubmissionForm
            submissionId={id}
            series={[{ value: s.seriesId, label: getSeries(d, s.seriesId)?.name ?? s.seriesId }]}
            units={null}
            calls={[]}
            held={submissionPictures(d, id).map((p) => p.name)}
            initial={{
              seriesId: s.seriesId,
              unitId: "",
              callId: "",
              title: head.title,
              body: head.body,
              contactName: s.contactName,
              contactPhone: s.contactPhone,
              urgent: s.urgent,
            }}
          />
        </section>
      ) : null}
      {versions.length > 1 ? (
        <section aria-label="此前的版本" className="space-y-3">
          <h2 className="font-medium">此前的版本</h2>
          {versions
            .filter((v) => v.id !== head.id)
            .map((v) => (
              <details key={v.id} data-testid="earlier-version" className="rounded border border-stone-200 bg-white p-2">
                <summary className="cursor-pointer text-sm">
                  第 {v.seq} 版 · {when(v.createdAt)}
                  {v.originalBytes ? (
                    <a href={`/studio/submissions/${id}/original/${v.seq}`} className="ml-3 underline">
                      下载原 Word 文件
                    </a>
                  ) : null}
                </summary>
                <SubmissionText submissionId={id} title={v.title} body={v.body} />
              </details>
            ))}
        </section>
      ) : null}
      <section aria-label="处理经过" className="space-y-1">
        <h2 className="font-medium">处理经过</h2>
        <ol className="space-y-1 text-sm" data-testid="timeline">
          {events.map((e) => (
            <li key={e.id}>
              <span className="text-stone-600">{when(e.at)}</span> {SUBMISSION_EVENT_LABEL[e.kind]}
              {typeof e.detail?.reason === "string" && e.kind !== "unadopted"
                ? `：${e.detail.reason}`
                : e.kind === "unadopted"
                  ? e.detail?.reason === "abandoned"
                    ? "：所在的稿件已放弃"
                    : "：已从稿件中移出"
                  : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
