import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OfficialLayout } from "@/components/bulletin/official-layout";
import "@/components/bulletin/official.css";
import { PrintToolbar } from "@/components/bulletin/print-toolbar";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { issueLine } from "@/lib/format";
import { findPublicIssue } from "@/lib/route-params";

type Props = { params: Promise<{ series: string; year: string; number: string }>; searchParams: Promise<{ print?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const issue = await findPublicIssue(params);
  return issue ? { title: `${issue.series.name}${issueLine(issue)}（正式版式）`, robots: { index: false } } : {};
}

export default async function PrintPage({ params, searchParams }: Props) {
  const issue = await findPublicIssue(params);
  if (!issue) notFound();
  const url = issueUrl(keyOfRow(issue));
  const autoPrint = (await searchParams).print === "1";
  return (
    <>
      {/* Without script the flow prints through @page margins instead of the paginated sheets. */}
      <noscript>
        <style>{"@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"}</style>
      </noscript>
      <PrintToolbar autoPrint={autoPrint}>
        <Link href={url} className="jb-toolbar-link">
          ← 返回阅读
        </Link>
      </PrintToolbar>
      <OfficialLayout issue={issue} />
    </>
  );
}
