// /issues?page=N: every public issue of every series, newest first, 50 to a page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IssueList } from "@/components/archive/issue-list";
import { Pager } from "@/components/archive/pager";
import { allPublicIssues } from "@/db/queries/archive";
import { db } from "@/lib/database";
import { OPEN_GRAPH_SITE, SITE_FEEDS } from "@/lib/feeds/origin";
import { parsePage } from "@/lib/pagination";

const PER_PAGE = 50;

type Props = { searchParams: Promise<{ page?: string | string[] }> };

const hrefOf = (page: number) => (page === 1 ? "/issues" : `/issues?page=${page}`);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const page = parsePage((await searchParams).page) ?? 1;
  const title = page === 1 ? "全部简报" : `全部简报（第${page}页）`;
  return {
    title,
    description: "各刊物全部公开期刊，按日期从新到旧排列。",
    alternates: { canonical: hrefOf(page), types: SITE_FEEDS },
    openGraph: { ...OPEN_GRAPH_SITE, type: "website", title, url: hrefOf(page) },
  };
}

export default async function AllIssuesPage({ searchParams }: Props) {
  const page = parsePage((await searchParams).page);
  if (page === null) notFound();
  const { total, issues } = allPublicIssues(db(), { page, perPage: PER_PAGE });
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (page > pages) notFound();
  return (
    <div>
      <h1 className="text-2xl font-bold">全部简报</h1>
      <p className="mt-1 text-sm text-stone-500">
        共 {total} 期 · 第 {page} / {pages} 页
      </p>
      <div className="mt-4">
        <IssueList issues={issues} />
      </div>
      <Pager page={page} pages={pages} hrefOf={hrefOf} />
    </div>
  );
}
