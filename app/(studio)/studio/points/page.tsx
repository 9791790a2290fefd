// /studio/points: a series' 积分办法, the rules in force today and every table with the day it
// took effect. Admins add a table from a day on; editors read what the statistics apply.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { PointsEditor } from "@/components/studio/points-editor";
import { card } from "@/components/ui/card";
import { FilterForm } from "@/components/ui/filter-form";
import { listSeries } from "@/db/queries/archive";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { todayInChina } from "@/lib/studio/new-draft";
import { pointsTimeline, rulesLine, rulesOn } from "@/lib/xinxi/points";

export const metadata: Metadata = { title: "积分办法" };

type Props = { searchParams: Promise<{ series?: string | string[] }> };

export default async function PointsPage({ searchParams }: Props) {
  const user = await requirePageUser("editor", "/studio/points");
  const asked = [(await searchParams).series].flat()[0];
  const all = listSeries(db());
  const mine = all.filter((s) => mayWorkOn(user, s.id));
  if (asked && !all.some((s) => s.id === asked)) notFound();
  if (asked && !mayWorkOn(user, asked)) forbidden();
  const current = mine.find((s) => s.id === asked) ?? mine[0];
  if (!current) return <p className={`mx-auto max-w-lg p-4 ${card}`}>您还没有负责的刊物。请管理员在「账号」中为您指定刊物。</p>;
  const today = todayInChina();
  const tables = pointsTimeline(db(), current.id);
  const inForce = rulesOn(tables, today);
  const upcoming = tables.filter((t) => t.validFrom > today);
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">积分办法</h1>
        <FilterForm
          action="/studio/points"
          id="points-series"
          name="series"
          label="刊物"
          defaultValue={current.id}
          options={mine.map((s) => ({ value: s.id, label: s.name }))}
          submit="切换"
        />
      </div>
      <p className="text-sm text-stone-600">
        「{current.name}」的信息报送积分按事件发生当天有效的积分办法计算：修改从所填日期起执行，已经过去的时段不受影响。
        <Link href={`/studio/stats?series=${encodeURIComponent(current.id)}`} className="ml-2 text-brand underline">
          查看统计
        </Link>
      </p>
      <section aria-labelledby="in-force-title" className={`space-y-2 p-4 ${card}`} data-testid="points-in-force">
        <h2 id="in-force-title" className="font-bold">
          现行办法（{inForce.validFrom ? `${inForce.validFrom}起执行` : "默认办法，尚未设置"}）
        </h2>
        <p>{rulesLine(inForce.rules)}</p>
        {upcoming.map((t) => (
          <p key={t.id} className="text-stone-700">
            将于 {t.validFrom} 起执行：{rulesLine(t.rules)}
          </p>
        ))}
      </section>
      {user.role === "admin" ? (
        <PointsEditor key={current.id} seriesId={current.id} today={today} rules={(upcoming.at(-1) ?? inForce).rules} />
      ) : null}
      <section aria-labelledby="history-title" className={`space-y-2 p-4 ${card}`}>
        <h2 id="history-title" className="font-bold">
          历次办法
        </h2>
        {tables.length === 0 ? (
          <p className="text-stone-600">还没有设置过，统计使用默认办法。</p>
        ) : (
          <table className="w-full text-left">
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-1 pr-3 font-medium">
                  起执行日期
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  办法
                </th>
                <th scope="col" className="py-1 font-medium">
                  说明
                </th>
              </tr>
            </thead>
            <tbody>
              {[...tables].reverse().map((t) => (
                <tr key={t.id} className="border-b border-stone-100 align-top" data-testid="points-history-row">
                  <td className="py-1 pr-3 whitespace-nowrap">{t.validFrom}</td>
                  <td className="py-1 pr-3">{rulesLine(t.rules)}</td>
                  <td className="py-1">{t.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
