import type { Metadata } from "next";
import Link from "next/link";
import { IssueActions } from "@/components/studio/issue-actions";
import { StatusBadge } from "@/components/studio/status-badge";
import { card } from "@/components/ui/card";
import { InstructionsSection } from "@/components/xinxi/instructions-section";
import { openCorrectionFor } from "@/db/queries/studio/numbering";
import { requirePageUser } from "@/lib/auth/session";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { issueLine, when } from "@/lib/format";
import { readIssueFile } from "@/lib/studio/file-status";
import { issueFor } from "@/lib/studio/issue-files";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { VISIBILITY_LABEL } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "已发布的一期" };

type Props = { params: Promise<{ id: string }> };

export default async function StudioIssuePage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser("editor", `/studio/issues/${id}`);
  const issueId = idParam(id);
  const issue = orRefuse(() => issueFor(user, issueId));
  const file = await readIssueFile(env().contentDir, issue.path);
  const correction = openCorrectionFor(db(), issue.path);
  const url = issueUrl(keyOfRow(issue));
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/studio?tab=published" className="text-sm text-stone-600 hover:underline">
        ← 已发布
      </Link>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-bold">
          {issue.seriesName}
          {issueLine(issue)}
        </h1>
        <StatusBadge status={issue.status === "withdrawn" ? "withdrawn" : "published"} />
        {issue.visibility === "internal" ? <span className="text-sm text-amber-800">{VISIBILITY_LABEL.internal}</span> : null}
      </div>
      <p className="text-xl">{issue.title}</p>
      <dl className={`grid grid-cols-[7em_1fr] gap-y-1 p-4 ${card}`}>
        <dt className="text-stone-600">日期</dt>
        <dd>{issue.date}</dd>
        <dt className="text-stone-600">编印单位</dt>
        <dd>{issue.organization}</dd>
        <dt className="text-stone-600">责任编辑</dt>
        <dd>{issue.editor}</dd>
        <dt className="text-stone-600">文件</dt>
        <dd>
          <code>content/{issue.path}</code>
          {file ? null : <span className="ml-2 text-red-700">（文件已不在磁盘上）</span>}
        </dd>
        <dt className="text-stone-600">索引时间</dt>
        <dd>{when(issue.syncedAt)}</dd>
      </dl>
      <p className="flex flex-wrap gap-4 text-sm">
        {issue.status === "published" ? (
          <>
            <a href={url} className="text-brand underline">
              公开页面
            </a>
            <a href={`${url}/print`} className="text-brand underline">
              正式版式
            </a>
            <a href={`${url}/pdf?inline=1`} className="text-brand underline">
              PDF
            </a>
          </>
        ) : (
          <span className="text-stone-600">已撤回：公众看不到这一期，文件仍保留在 content/ 中。</span>
        )}
      </p>
      <IssueActions
        issueId={issue.id}
        status={issue.status === "withdrawn" ? "withdrawn" : "published"}
        expectedHash={file?.hash ?? null}
        correctionId={correction ?? null}
        reviewer={user.role !== "editor"}
      />
      <InstructionsSection issue={issue} />
    </div>
  );
}
