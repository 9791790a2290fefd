import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OfficialLayout } from "@/components/bulletin/official-layout";
import "@/components/bulletin/official.css";
import { PrintToolbar } from "@/components/bulletin/print-toolbar";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { issueCharset } from "@/lib/fonts/charset";
import { registerCharset } from "@/lib/fonts/subset-store";
import { issueLine } from "@/lib/format";
import { isRenderRequest } from "@/lib/pdf/render-access";
import { findIssue } from "@/lib/route-params";
import { viewerMayReadInternal } from "@/lib/viewer";

type Props = { params: Promise<{ series: string; year: string; number: string }>; searchParams: Promise<{ print?: string }> };

// Readers see public issues; signed-in studio users and the PDF renderer (which sends the server's
// render secret) also internal ones.
const findForViewer = async (params: Props["params"]) =>
  findIssue(params, { includeInternal: isRenderRequest(await headers()) || (await viewerMayReadInternal()) });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const issue = await findForViewer(params);
  return issue
    ? {
        title: `${issue.series.name}${issueLine(issue)}（正式版式）`,
        robots: { index: false },
        alternates: { canonical: issueUrl(keyOfRow(issue)) },
      }
    : {};
}

export default async function PrintPage({ params, searchParams }: Props) {
  const issue = await findForViewer(params);
  if (!issue) notFound();
  const url = issueUrl(keyOfRow(issue));
  const autoPrint = (await searchParams).print === "1";
  const fontSubsetKey = await registerCharset(issueCharset(issue));
  return (
    <>
      {/* Without script the flow prints through @page margins instead of the paginated sheets. */}
      <noscript>
        <style>{"@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"}</style>
      </noscript>
      <PrintToolbar autoPrint={autoPrint} pdfHref={`${url}/pdf`} docxHref={`${url}/docx`}>
        <Link href={url} className="jb-toolbar-link">
          ← 返回阅读
        </Link>
      </PrintToolbar>
      <OfficialLayout issue={issue} fontSubsetKey={fontSubsetKey} />
    </>
  );
}
