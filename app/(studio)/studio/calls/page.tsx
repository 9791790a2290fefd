import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { AnswerBadge, CallStatusBadge } from "@/components/xinxi/call-status-badge";
import { listSeries } from "@/db/queries/archive";
import { callsAddressedTo, callUnitIds, listCalls } from "@/db/queries/xinxi/calls";
import { getUnit, unitsByIds } from "@/db/queries/xinxi/units";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { CALL_ALL_UNITS } from "@/lib/vocabulary";
import { answerCounts, callAnswers, callStatus, timeLeft } from "@/lib/xinxi/calls";

export const metadata: Metadata = { title: "约稿" };

// A contributor sees the calls of the last half year besides the open ones.
const RECENT_DAYS = 180;

export default async function CallsPage() {
  const user = await requirePageUser("contributor", "/studio/calls");
  const d = db();
  const now = new Date();
  const names = new Map(listSeries(d).map((s) => [s.id, s.name]));

  if (user.role === "contributor") {
    const unitId = user.unitId ?? 0;
    const unit = getUnit(d, unitId);
    const list = callsAddressedTo(d, unitId, { since: new Date(now.getTime() - RECENT_DAYS * 86_400_000) });
    const answers = callAnswers(d, list, now);
    return (
      <div className="mx-auto max-w-4xl space-y-4">
        <h1 className="text-xl font-bold">约稿</h1>
        <p className="text-sm text-stone-600">
          向{unit?.name ?? "本单位"}发出的约稿（含近半年已截止的）。响应约稿即按约稿要求报送一篇信息。
        </p>
        <ul className={`divide-y divide-stone-200 ${card}`} data-testid="calls-list">
          {list.map((call) => {
            const status = callStatus(call, now);
            const mine = answers.get(call.id)?.find((a) => a.unitId === unitId);
            return (
              <li key={call.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2.5" data-testid="call-row">
                <CallStatusBadge status={status} />
                <Link href={`/studio/calls/${call.id}`} className="font-medium hover:text-brand hover:underline">
                  {call.topic}
                </Link>
                <span className="text-stone-600">{names.get(call.seriesId) ?? call.seriesId}</span>
                <span>
                  截止 {when(call.deadline)}（{timeLeft(call.deadline, now)}）
                </span>
                {mine ? <AnswerBadge state={mine.state} /> : null}
                {call.closed ? null : (
                  <Link
                    href={`/studio/submissions/new?call=${call.id}`}
                    className={buttonClass({ variant: "outline", size: "sm", className: "ml-auto" })}
                  >
                    响应约稿
                  </Link>
                )}
              </li>
            );
          })}
          {list.length === 0 ? <li className="px-4 py-6 text-center text-stone-600">目前没有向本单位发出的约稿</li> : null}
        </ul>
      </div>
    );
  }

  const list = listCalls(d, { seriesIds: user.seriesIds });
  const answers = callAnswers(d, list, now);
  const named = new Map(list.filter((c) => !c.allUnits).map((c) => [c.id, callUnitIds(d, c.id)]));
  const unitNames = new Map(unitsByIds(d, [...new Set([...named.values()].flat())]).map((u) => [u.id, u.shortName || u.name]));
  const addressees = (callId: number) => {
    const ids = named.get(callId);
    if (!ids) return CALL_ALL_UNITS;
    const shown = ids.slice(0, 3).map((id) => unitNames.get(id) ?? `#${id}`);
    return ids.length > 3 ? `${shown.join("、")}等 ${ids.length} 个单位` : shown.join("、");
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">约稿</h1>
        <Link href="/studio/calls/new" className={buttonClass({ variant: "primary" })}>
          发布约稿
        </Link>
      </div>
      <div className={`overflow-x-auto ${card}`}>
        <table className="w-full text-left" data-testid="calls-table">
          <thead className="border-b border-stone-200 text-stone-600">
            <tr>
              <th className="px-3 py-2 font-normal">主题</th>
              <th className="px-3 py-2 font-normal">刊物</th>
              <th className="px-3 py-2 font-normal">截止时间</th>
              <th className="px-3 py-2 font-normal">对象</th>
              <th className="px-3 py-2 font-normal">状态</th>
              <th className="px-3 py-2 font-normal">已响应 / 约稿单位</th>
              <th className="px-3 py-2 font-normal">逾期</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {list.map((call) => {
              const n = answerCounts(answers.get(call.id) ?? []);
              return (
                <tr key={call.id} data-testid="call-row">
                  <td className="px-3 py-2">
                    <Link href={`/studio/calls/${call.id}`} className="font-medium hover:text-brand hover:underline">
                      {call.topic}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-stone-600">{names.get(call.seriesId) ?? call.seriesId}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{when(call.deadline)}</td>
                  <td className="px-3 py-2">{addressees(call.id)}</td>
                  <td className="px-3 py-2">
                    <CallStatusBadge status={callStatus(call, now)} />
                  </td>
                  <td className="px-3 py-2">
                    {n.answered} / {n.addressed}
                  </td>
                  <td className="px-3 py-2">{n.late}</td>
                </tr>
              );
            })}
            {list.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-stone-600">
                  还没有约稿
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
