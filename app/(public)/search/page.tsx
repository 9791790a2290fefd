// /search?q=…: full-text search across every series, with filters and pages of 20 hits.
import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/archive/pager";
import { SearchForm } from "@/components/search/search-form";
import { SearchHits } from "@/components/search/search-hits";
import { listSeries } from "@/db/queries/archive";
import { searchableOrganizations, searchableYears, searchIssues } from "@/db/queries/search";
import { db } from "@/lib/database";
import { OPEN_GRAPH_SITE, SITE_FEEDS } from "@/lib/feeds/origin";
import { parseSearchParams, searchHref } from "@/lib/search/params";
import { MAX_QUERY_CHARS } from "@/lib/search/text";
import { viewerMayReadInternal } from "@/lib/viewer";

const PER_PAGE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const p = parseSearchParams(await searchParams);
  const title = p.query.text ? `搜索：${p.query.text}` : "搜索";
  return {
    title,
    description: "在全部公开简报中搜索，可按刊物、年份和编发单位筛选。",
    // Result pages are endless combinations of a query: let crawlers follow, not index them.
    robots: p.query.text ? { index: false, follow: true } : undefined,
    alternates: { canonical: "/search", types: SITE_FEEDS },
    openGraph: { ...OPEN_GRAPH_SITE, type: "website", title, url: "/search" },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  const p = parseSearchParams(await searchParams);
  const includeInternal = await viewerMayReadInternal();
  const allSeries = listSeries(db());
  const years = searchableYears(db(), includeInternal);
  const organizations = searchableOrganizations(db(), includeInternal);
  const filters = { series: p.series, yearFrom: p.from, yearTo: p.to, organization: p.org };
  const result = searchIssues(db(), { ...filters, terms: p.query.terms, page: p.page, perPage: PER_PAGE, sort: p.sort, includeInternal });
  const pages = Math.max(1, Math.ceil(result.total / PER_PAGE));
  const searched = p.query.terms.length > 0;
  const counts = new Map(result.bySeries.map((s) => [s.seriesId, s.count]));
  const filtered = Boolean(p.series || p.from !== undefined || p.to !== undefined || p.org);
  const hrefOf = (page: number) => searchHref({ ...p, q: p.query.text, page });

  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">搜索简报</h1>
      <SearchForm
        params={p}
        series={allSeries.map((s) => ({ id: s.id, name: s.name, count: searched ? (counts.get(s.id) ?? 0) : undefined }))}
        years={years}
        organizations={organizations}
      />
      <div className="mt-4" aria-live="polite">
        {p.query.truncated ? <p className="mb-2 text-sm text-amber-800">搜索词过长，只按前 {MAX_QUERY_CHARS} 个字搜索。</p> : null}
        {!searched ? (
          <p className="text-stone-600" data-testid="search-summary">
            {p.query.text
              ? "搜索词中没有可搜索的文字，请输入汉字、字母或数字。"
              : "输入关键词，在全部公开简报的标题和正文中搜索。一个字、一个词或一句话都可以，例如：团、长治、双减、2022年。"}
          </p>
        ) : result.total === 0 ? (
          <p className="text-stone-600" data-testid="search-summary">
            没有找到与「{p.query.text}」相关的简报。
            {filtered ? (
              <Link href={searchHref({ q: p.query.text, sort: p.sort })} className="ml-1 text-brand underline">
                去掉筛选条件再搜
              </Link>
            ) : null}
          </p>
        ) : (
          <p className="text-sm text-stone-600" data-testid="search-summary">
            找到 {result.total} 期与「{p.query.text}」相关的简报{pages > 1 ? ` · 第 ${Math.min(p.page, pages)} / ${pages} 页` : ""}
          </p>
        )}
      </div>
      {result.hits.length > 0 ? <SearchHits hits={result.hits} terms={p.query.terms} /> : null}
      {searched && result.total > 0 && result.hits.length === 0 ? (
        <p className="mt-4 text-stone-600">
          没有第 {p.page} 页了。
          <Link href={hrefOf(1)} className="text-brand underline">
            回到第 1 页
          </Link>
        </p>
      ) : null}
      <Pager page={p.page} pages={pages} hrefOf={hrefOf} />
    </div>
  );
}
