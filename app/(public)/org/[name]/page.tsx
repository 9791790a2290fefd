// /org/<单位>: which public issues a body issued, which were sent to it (报/送/发), and which
// mention it in their text.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IssueList } from "@/components/archive/issue-list";
import { issuesOfOrganization, type OrgIssue } from "@/db/queries/archive";
import { orgUrl } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { OPEN_GRAPH_SITE, SITE_FEEDS } from "@/lib/feeds/origin";
import { parseQuery } from "@/lib/search/text";
import { DISTRIBUTION_LABEL } from "@/lib/vocabulary";

type Props = { params: Promise<{ name: string }> };

function nameOf(raw: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
  return name.length > 0 && name.length <= 80 && !/[\u0000-\u001f]/.test(name) ? name : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const name = nameOf((await params).name);
  if (!name) return {};
  return {
    title: name,
    description: `档案中${name}编印、收到和提及的简报。`,
    alternates: { canonical: orgUrl(name), types: SITE_FEEDS },
    openGraph: { ...OPEN_GRAPH_SITE, type: "website", title: name, url: orgUrl(name) },
  };
}

function List({ title, issues, testId }: { title: string; issues: OrgIssue[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <section className="mt-8" aria-labelledby={`${testId}-h`} data-testid={testId}>
      <h2 id={`${testId}-h`} className="border-b border-stone-300 pb-2 text-lg font-bold">
        {title}（{issues.length}期）
      </h2>
      <IssueList issues={issues.map((i) => ({ ...i, note: i.kinds.map((k) => DISTRIBUTION_LABEL[k]).join("、") || undefined }))} />
    </section>
  );
}

export default async function OrganizationPage({ params }: Props) {
  const name = nameOf((await params).name);
  if (!name) notFound();
  const { issued, received, mentioned } = issuesOfOrganization(db(), { name, terms: parseQuery(name).terms });
  if (issued.length + received.length + mentioned.length === 0) notFound();
  return (
    <div>
      <h1 className="text-2xl font-bold">{name}</h1>
      <List title="编印的简报" issues={issued} testId="org-issued" />
      <List title="报送到该单位的简报" issues={received} testId="org-received" />
      <List title="正文提到该单位的简报" issues={mentioned} testId="org-mentioned" />
    </div>
  );
}
