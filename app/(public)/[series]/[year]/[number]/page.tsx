import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BulletinBody } from "@/components/bulletin/bulletin-body";
import { DistributionBlock } from "@/components/bulletin/distribution-block";
import { ArticleList, IssueTitle, Preface } from "@/components/bulletin/issue-front";
import { Masthead } from "@/components/bulletin/masthead";
import "@/components/bulletin/reading.css";
import { IssueNeighbours } from "@/components/archive/issue-neighbours";
import { neighbours } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { OPEN_GRAPH_SITE, SITE_FEEDS } from "@/lib/feeds/origin";
import { issueLine } from "@/lib/format";
import { findIssueForViewer, viewerMayReadInternal } from "@/lib/viewer";

type Props = { params: Promise<{ series: string; year: string; number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const issue = await findIssueForViewer(params);
  if (!issue) return {};
  const url = issueUrl(keyOfRow(issue));
  const title = `${issue.title} · ${issue.series.name}${issueLine(issue)}`;
  const description = issue.bodyText.replace(/\s+/g, " ").slice(0, 120);
  return {
    title,
    description,
    alternates: { canonical: url, types: SITE_FEEDS },
    openGraph: {
      ...OPEN_GRAPH_SITE,
      type: "article",
      title,
      description,
      url,
      publishedTime: `${issue.date}T00:00:00+08:00`,
      section: issue.series.name,
      authors: [issue.organization],
    },
  };
}

export default async function IssuePage({ params }: Props) {
  const issue = await findIssueForViewer(params);
  if (!issue) notFound();
  const url = issueUrl(keyOfRow(issue));
  const { previous, next } = neighbours(db(), issue, { includeInternal: await viewerMayReadInternal() });
  return (
    <article className="jb-reading" aria-labelledby="issue-title">
      <nav aria-label="位置" className="mb-4 text-sm text-stone-500">
        <Link href={`/${issue.seriesId}`} className="text-brand hover:underline">
          {issue.series.name}
        </Link>
        {" / "}
        <Link href={`/${issue.seriesId}/${issue.year}`} className="text-brand hover:underline">
          {issue.year}年
        </Link>
      </nav>
      <div className="mb-6 flex flex-wrap gap-2 print:hidden">
        <Link href={`${url}/print`} className="rounded bg-brand px-3 py-1.5 text-sm text-white hover:opacity-90">
          正式版式
        </Link>
        <Link
          href={`${url}/print?print=1`}
          className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:border-brand hover:text-brand"
        >
          打印
        </Link>
        <a href={`${url}/pdf`} className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:border-brand hover:text-brand">
          下载PDF
        </a>
        <a
          href={`${url}/docx`}
          className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:border-brand hover:text-brand"
        >
          下载Word
        </a>
      </div>
      <div className="jb-paper">
        <Masthead issue={issue} />
        <Preface text={issue.preface} />
        <ArticleList articles={issue.articles} />
        <IssueTitle issue={issue} id="issue-title" />
        {issue.subtitle ? <p className="jb-subtitle">{issue.subtitle}</p> : null}
        <div className="jb-body" data-testid="issue-body">
          <BulletinBody tree={issue.bodyTree} issueUrl={url} />
        </div>
        <DistributionBlock distribution={issue.distribution} editor={issue.editor} copies={issue.copies} linkBodies />
      </div>
      <IssueNeighbours previous={previous} next={next} />
    </article>
  );
}
