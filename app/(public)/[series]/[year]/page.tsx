import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IssueList } from "@/components/archive/issue-list";
import { getSeries, issuesOfSeries } from "@/db/queries/archive";
import { db } from "@/lib/database";
import { OPEN_GRAPH_SITE, SITE_FEEDS } from "@/lib/feeds/origin";
import { parseSeriesId, parseYear } from "@/lib/route-params";
import { viewerMayReadInternal } from "@/lib/viewer";

type Props = { params: Promise<{ series: string; year: string }> };

async function load(params: Props["params"]) {
  const p = await params;
  const id = parseSeriesId(p.series);
  const year = parseYear(p.year);
  const s = id && year ? getSeries(db(), id) : undefined;
  return s && year ? { s, year } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load(params);
  if (!found) return {};
  const title = `${found.s.name} ${found.year}年`;
  const url = `/${found.s.id}/${found.year}`;
  return {
    title,
    description: `${found.s.organization}编印的${found.s.name}${found.year}年各期。`,
    alternates: { canonical: url, types: SITE_FEEDS },
    openGraph: { ...OPEN_GRAPH_SITE, type: "website", title, url },
  };
}

export default async function YearPage({ params }: Props) {
  const found = await load(params);
  if (!found) notFound();
  const { s, year } = found;
  const issues = issuesOfSeries(db(), { seriesId: s.id, year, includeInternal: await viewerMayReadInternal() });
  if (issues.length === 0) notFound();
  return (
    <div>
      <p className="text-sm">
        <Link href={`/${s.id}`} className="text-brand hover:underline">
          {s.name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">
        {s.name} · {year}年（{issues.length}期）
      </h1>
      <IssueList issues={issues} showTotal={s.showTotal} />
    </div>
  );
}
