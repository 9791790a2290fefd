import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IssueList } from "@/components/archive/issue-list";
import { getSeries, issuesOfSeries, yearsOfSeries } from "@/db/queries/archive";
import { db } from "@/lib/database";
import { OPEN_GRAPH_SITE } from "@/lib/feeds/origin";
import { parseSeriesId } from "@/lib/route-params";
import { viewerMayReadInternal } from "@/lib/viewer";

type Props = { params: Promise<{ series: string }> };

const SERIES_PAGE_ISSUES = 60;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseSeriesId((await params).series);
  const s = id ? getSeries(db(), id) : undefined;
  if (!s) return {};
  const description = `${s.organization}编印的${s.name}，按年份浏览全部公开期刊。`;
  return {
    title: s.name,
    description,
    alternates: {
      canonical: `/${s.id}`,
      types: {
        "application/rss+xml": [{ url: `/${s.id}/feed.xml`, title: `${s.name} · RSS` }],
        "application/atom+xml": [{ url: `/${s.id}/atom.xml`, title: `${s.name} · Atom` }],
      },
    },
    openGraph: { ...OPEN_GRAPH_SITE, type: "website", title: s.name, description, url: `/${s.id}` },
  };
}

export default async function SeriesPage({ params }: Props) {
  const id = parseSeriesId((await params).series);
  const s = id ? getSeries(db(), id) : undefined;
  if (!s) notFound();
  // A series of decades has thousands of issues: the page shows the newest, the year pages the rest.
  const access = { includeInternal: await viewerMayReadInternal() };
  const years = yearsOfSeries(db(), s.id, access);
  const issues = issuesOfSeries(db(), { seriesId: s.id, limit: SERIES_PAGE_ISSUES, ...access });
  const countOf = new Map(years.map((y) => [y.year, y.count]));
  const byYear = new Map<number, typeof issues>();
  for (const i of issues) byYear.set(i.year, [...(byYear.get(i.year) ?? []), i]);
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-widest" style={{ color: s.color }}>
        {s.name}
      </h1>
      <p className="mt-1 text-stone-600">{s.organization}</p>
      <nav aria-label="年份" className="mt-4 flex flex-wrap gap-2 text-sm">
        {years.map((y) => (
          <Link
            key={y.year}
            href={`/${s.id}/${y.year}`}
            className="rounded border border-stone-300 px-2 py-1 hover:border-brand hover:text-brand"
          >
            {y.year}年（{y.count}期）
          </Link>
        ))}
      </nav>
      {years.length === 0 ? <p className="mt-6 text-stone-500">暂无公开的期刊。</p> : null}
      {[...byYear.entries()].map(([year, list]) => (
        <section key={year} className="mt-8" aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`} className="border-b border-stone-300 pb-1 text-lg font-bold">
            <Link href={`/${s.id}/${year}`}>{year}年</Link>
          </h2>
          <IssueList issues={list} showTotal={s.showTotal} />
          {list.length < (countOf.get(year) ?? 0) ? (
            <p className="mt-2 text-sm">
              <Link href={`/${s.id}/${year}`} className="text-brand hover:underline">
                查看{year}年全部 {countOf.get(year)} 期
              </Link>
            </p>
          ) : null}
        </section>
      ))}
      {issues.length < years.reduce((n, y) => n + y.count, 0) ? (
        <p className="mt-8 text-sm text-stone-600">以上是最近 {issues.length} 期；更早的期刊请按上方的年份浏览。</p>
      ) : null}
    </div>
  );
}
