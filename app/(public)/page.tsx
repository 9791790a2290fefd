import type { Metadata } from "next";
import Link from "next/link";
import { IssueList } from "@/components/archive/issue-list";
import { latestIssuesBySeries } from "@/db/queries/archive";
import { db } from "@/lib/database";
import { OPEN_GRAPH_SITE, SITE_FEEDS } from "@/lib/feeds/origin";
import { viewerMayReadInternal } from "@/lib/viewer";

export const metadata: Metadata = {
  alternates: { canonical: "/", types: SITE_FEEDS },
  openGraph: { ...OPEN_GRAPH_SITE, type: "website", title: "简报 · 公开简报档案", url: "/" },
};

export default async function HomePage() {
  const groups = latestIssuesBySeries(db(), 5, { includeInternal: await viewerMayReadInternal() });
  return (
    <div className="space-y-10">
      <h1 className="sr-only">最新简报</h1>
      {groups.length === 0 ? <p className="text-stone-500">档案中还没有刊物。</p> : null}
      {groups.map(({ series, issues }) => (
        <section key={series.id} aria-labelledby={`series-${series.id}`}>
          <div className="flex items-baseline justify-between border-b border-stone-300 pb-2">
            <h2 id={`series-${series.id}`} className="text-xl font-bold" style={{ color: series.color }}>
              <Link href={`/${series.id}`}>{series.name}</Link>
            </h2>
            <span className="text-sm text-stone-500">{series.organization}</span>
          </div>
          <IssueList issues={issues} showTotal={series.showTotal} />
          <p className="mt-2 text-right text-sm">
            <Link href={`/${series.id}`} className="text-brand hover:underline">
              全部{series.name} →
            </Link>
          </p>
        </section>
      ))}
    </div>
  );
}
