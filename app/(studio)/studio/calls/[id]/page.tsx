import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { CallCloseButton } from "@/components/xinxi/call-close-button";
import { AnswerBadge, CallStatusBadge } from "@/components/xinxi/call-status-badge";
import { getSeries } from "@/db/queries/archive";
import { listUnits } from "@/db/queries/xinxi/units";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { CALL_ALL_UNITS } from "@/lib/vocabulary";
import { callFor } from "@/lib/xinxi/call-access";
import { answerCounts, callAnswers, callStatus, timeLeft, type UnitAnswer } from "@/lib/xinxi/calls";

export const metadata: Metadata = { title: "约稿" };

type Props = { params: Promise<{ id: string }> };

function Submissions({ answer }: { answer: UnitAnswer }) {
  return (
    <ul>
      {answer.submissions.map((s) => (
        <li key={s.id}>
          <Link href={`/studio/submissions/${s.id}`} className="text-brand hover:underline">
            {s.title}
          </Link>
          <span className="ml-2 text-xs text-stone-600">{when(s.submittedAt)}</span>
        </li>
      ))}
    </ul>
  );
}

export default async function CallPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser("contributor", `/studio/calls/${id}`);
  const d = db();
  const call = orRefuse(() => callFor(d, user, idParam(id)));
  const now = new Date();
  const status = callStatus(call, now);
  const answers = callAnswers(d, [call], now).get(call.id) ?? [];
  const seriesName = getSeries(d, call.seriesId)?.name ?? call.seriesId;
  const contributor = user.role === "contributor";
  const units = listUnits(d);
  const order = new Map(units.map((u, i) => [u.id, i]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const shown = contributor ? answers.filter((a) => a.unitId === user.unitId) : answers;
  shown.sort((a, b) => Number(b.addressed) - Number(a.addressed) || (order.get(a.unitId) ?? 1e9) - (order.get(b.unitId) ?? 1e9));
  const n = answerCounts(answers);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link href="/studio/calls" className="text-sm text-stone-600 hover:underline">
        ← 约稿
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-bold">{call.topic}</h1>
        <CallStatusBadge status={status} />
        {contributor ? (
          call.closed ? null : (
            <Link href={`/studio/submissions/new?call=${call.id}`} className={buttonClass({ variant: "primary", className: "ml-auto" })}>
              响应约稿
            </Link>
          )
        ) : (
          <span className="ml-auto flex items-center gap-2">
            {call.closed ? null : (
              <Link href={`/studio/calls/${call.id}/edit`} className={buttonClass()}>
                修改
              </Link>
            )}
            <CallCloseButton callId={call.id} closed={call.closed} beforeDeadline={call.deadline.getTime() > now.getTime()} />
          </span>
        )}
      </div>
      <dl className={`grid grid-cols-[6em_1fr] gap-y-1 p-4 ${card}`}>
        <dt className="text-stone-600">所属刊物</dt>
        <dd>{seriesName}</dd>
        <dt className="text-stone-600">截止时间</dt>
        <dd>
          {when(call.deadline)}（{timeLeft(call.deadline, now)}）
        </dd>
        {contributor ? null : (
          <>
            <dt className="text-stone-600">对象</dt>
            <dd>{call.allUnits ? `${CALL_ALL_UNITS}（发出时的 ${n.addressed} 个单位）` : `${n.addressed} 个单位`}</dd>
            <dt className="text-stone-600">响应</dt>
            <dd>
              已响应 {n.answered} / {n.addressed}，其中逾期 {n.late}；未响应 {n.missed}
            </dd>
          </>
        )}
        <dt className="text-stone-600">约稿要求</dt>
        <dd className="whitespace-pre-wrap">{call.body}</dd>
      </dl>
      {contributor ? (
        <section aria-labelledby="mine-title" className={`space-y-2 p-4 ${card}`}>
          <h2 id="mine-title" className="font-bold">
            本单位的响应
          </h2>
          {shown[0] ? (
            <>
              <AnswerBadge state={shown[0].state} />
              <Submissions answer={shown[0]} />
            </>
          ) : (
            <p className="text-stone-600">尚未响应</p>
          )}
        </section>
      ) : (
        <section aria-labelledby="units-title" className={`overflow-x-auto ${card}`}>
          <h2 id="units-title" className="px-3 pt-3 font-bold">
            各单位响应情况
          </h2>
          <table className="w-full text-left" data-testid="call-units">
            <thead className="border-b border-stone-200 text-stone-600">
              <tr>
                <th className="px-3 py-2 font-normal">单位</th>
                <th className="px-3 py-2 font-normal">情况</th>
                <th className="px-3 py-2 font-normal">报送的信息</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {shown.map((a) => (
                <tr key={a.unitId}>
                  <td className="px-3 py-2">
                    {names.get(a.unitId) ?? `#${a.unitId}`}
                    {a.addressed ? null : <span className="ml-1 text-xs text-stone-600">（不在约稿对象中）</span>}
                  </td>
                  <td className="px-3 py-2">
                    <AnswerBadge state={a.state} />
                  </td>
                  <td className="px-3 py-2">
                    <Submissions answer={a} />
                  </td>
                </tr>
              ))}
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={3} className="px-3 py-6 text-center text-stone-600">
                    没有约稿单位
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
