// /studio/stats: a series' 信息报送 statistics for a month, a quarter, a year or any range: the
// table (sortable by every column, the choice in the URL), the ranking as a bar chart, and the
// way out to an .xlsx and to a 通报 draft. All three read the one unitStats().
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ReportButton } from "@/components/studio/report-button";
import { StatsChart } from "@/components/studio/stats-chart";
import { buttonClass } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { listSeries } from "@/db/queries/archive";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { todayInChina } from "@/lib/studio/new-draft";
import { periodLabel, periodQuery } from "@/lib/xinxi/period";
import { rulesLine } from "@/lib/xinxi/points";
import { reportTitle } from "@/lib/xinxi/report";
import { percent, STATS_COLUMNS, sortStats, unitStats } from "@/lib/xinxi/stats";
import { rulesHeading } from "@/lib/xinxi/stats-export";
import { readStatsQuery, statsSearch } from "@/lib/xinxi/stats-query";

export const metadata: Metadata = { title: "信息报送统计" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const KINDS = [
  { value: "month", label: "月" },
  { value: "quarter", label: "季" },
  { value: "year", label: "年" },
  { value: "range", label: "自定义范围" },
];

const input = "rounded border border-stone-300 bg-white px-2 py-1";

export default async function StatsPage({ searchParams }: Props) {
  const user = await requirePageUser("editor", "/studio/stats");
  const today = todayInChina();
  const q = readStatsQuery(await searchParams, today);
  const all = listSeries(db());
  const mine = all.filter((s) => mayWorkOn(user, s.id));
  if (q.seriesId && !all.some((s) => s.id === q.seriesId)) notFound();
  if (q.seriesId && !mayWorkOn(user, q.seriesId)) forbidden();
  const current = mine.find((s) => s.id === q.seriesId) ?? mine[0];
  if (!current) return <p className={`mx-auto max-w-lg p-4 ${card}`}>您还没有负责的刊物。请管理员在「账号」中为您指定刊物。</p>;
  const query = { ...q, seriesId: current.id };
  const stats = unitStats(db(), { seriesId: current.id, period: q.period, rollUp: q.rollUp });
  const rows = sortStats(stats.rows, q.sort, q.dir);
  const asked = periodQuery(q.period);
  const label = periodLabel(q.period);
  const totals = stats.rows.reduce((t, r) => ({ s: t.s + r.submitted, a: t.a + r.adopted, p: t.p + r.published }), { s: 0, a: 0, p: 0 });

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-xl font-bold">信息报送统计</h1>
      <form action="/studio/stats" className={`flex flex-wrap items-end gap-3 p-3 ${card}`} aria-label="统计条件">
        <label className="flex flex-col gap-1">
          刊物
          <select name="series" defaultValue={current.id} className={input}>
            {mine.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          统计周期
          <select name="kind" defaultValue={q.period.kind} className={input}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          月份（按月）
          <input type="month" name="month" defaultValue={asked.month ?? q.period.from.slice(0, 7)} className={input} />
        </label>
        <label className="flex flex-col gap-1">
          年份（按季、按年）
          <input type="number" name="year" min={2000} max={2100} defaultValue={q.period.from.slice(0, 4)} className={`${input} w-24`} />
        </label>
        <label className="flex flex-col gap-1">
          季度
          <select name="quarter" defaultValue={asked.quarter ?? String(Math.ceil(Number(q.period.from.slice(5, 7)) / 3))} className={input}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                第{n}季度
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          起始日期
          <input type="date" name="from" defaultValue={q.period.from} className={input} />
        </label>
        <label className="flex flex-col gap-1">
          截止日期
          <input type="date" name="to" defaultValue={q.period.to} className={input} />
        </label>
        <label className="flex items-center gap-1 self-center">
          <input type="checkbox" name="sub" value="1" defaultChecked={q.rollUp} />
          含下级单位
        </label>
        <button type="submit" className={buttonClass({ variant: "primary" })}>
          统计
        </button>
      </form>
      <Notice tone="error">{q.problem ? `${q.problem.message}；下面是本月的统计。` : undefined}</Notice>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-bold" data-testid="stats-heading">
          {current.name} · {label}
          {q.rollUp ? "（含下级单位）" : ""}
        </h2>
        <span className="text-sm text-stone-600">
          {q.period.from} 至 {q.period.to}：报送 {totals.s} 篇，采用 {totals.a} 篇，刊用 {totals.p} 篇
        </span>
        <span className="ml-auto flex items-center gap-2">
          <a href={`/studio/stats/export?${statsSearch(query)}`} className={buttonClass({ variant: "secondary" })} download>
            导出Excel
          </a>
          <ReportButton title={reportTitle(stats)} input={{ seriesId: current.id, ...asked, rollUp: q.rollUp }} />
        </span>
      </div>
      <section className={`overflow-x-auto ${card}`} aria-label="各单位统计">
        <table className="w-full text-right" data-testid="stats-table">
          <thead>
            <tr className="border-b border-stone-200 bg-stone-50">
              {STATS_COLUMNS.map((c) => {
                const active = q.sort === c.key;
                const next = active ? (q.dir === "asc" ? "desc" : "asc") : c.key === "rank" || c.key === "unit" ? "asc" : "desc";
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined}
                    className={`px-2 py-1.5 font-medium whitespace-nowrap ${c.key === "unit" ? "text-left" : ""}`}
                  >
                    <Link href={`/studio/stats?${statsSearch(query, { sort: c.key, dir: next })}`} className={active ? "text-brand" : ""}>
                      {c.label}
                      {active ? (q.dir === "asc" ? " ↑" : " ↓") : ""}
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unitId} className="border-b border-stone-100" data-testid="stats-row" data-unit={r.unit}>
                <td className="px-2 py-1">{r.rank}</td>
                <th
                  scope="row"
                  className="px-2 py-1 text-left font-normal"
                  style={{ paddingLeft: q.rollUp ? undefined : `${0.5 + r.depth}em` }}
                >
                  {r.unit}
                </th>
                <td className="px-2 py-1">{r.submitted}</td>
                <td className="px-2 py-1">{r.adopted}</td>
                <td className="px-2 py-1">{percent(r.rate)}</td>
                <td className="px-2 py-1">{r.published}</td>
                <td className="px-2 py-1">{r.instructions}</td>
                <td className="px-2 py-1">{r.callsOnTime}</td>
                <td className="px-2 py-1">{r.callsMissed}</td>
                <td className="px-2 py-1 font-medium">
                  {r.points}
                  {r.zeroed ? <span className="ml-1 text-xs text-red-800">（计零）</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="p-3 text-stone-600">单位库里还没有单位。</p> : null}
      </section>
      <section className={`space-y-2 p-4 ${card}`} aria-labelledby="chart-title">
        <h2 id="chart-title" className="font-bold">
          积分排名
        </h2>
        <StatsChart rows={stats.rows} caption={`${current.name}${label}各单位积分排名`} />
      </section>
      <section className={`space-y-1 p-4 text-stone-700 ${card}`} aria-labelledby="rules-title">
        <h2 id="rules-title" className="font-bold">
          本期适用的积分办法
          <Link href={`/studio/points?series=${encodeURIComponent(current.id)}`} className="ml-2 text-sm font-normal text-brand underline">
            查看积分办法
          </Link>
        </h2>
        {stats.rules.map((s) => (
          <p key={s.from}>
            {rulesHeading(s)}：{rulesLine(s.rules)}
          </p>
        ))}
        <p className="text-stone-600">
          报送数按首次报送日期、采用数按采用决定日期、刊用数按刊用日期、批示数按批示日期计入统计周期；约稿按截止日期计入，截止时没有按时报送的计为未响应。采用率
          = 采用数 ÷ 报送数。
        </p>
      </section>
    </div>
  );
}
