// A page of 信息稿件 as a table: the contributor's own list and the editors' inbox share it.
import Link from "next/link";
import type { InboxRow } from "@/db/queries/xinxi/inbox";
import { issueUrl, parseIssuePath } from "@/lib/content/paths";
import { when } from "@/lib/format";
import { submissionStatusText } from "@/lib/vocabulary";

/** The issue a 已刊用 submission was printed in, as a link (/jtyx/2026/5) named as printed. */
function Published({ path, label }: { path: string | null; label: string | null }) {
  const key = path ? parseIssuePath(path) : null;
  if (!key || !label) return null;
  return (
    <Link href={issueUrl(key)} className="underline">
      {label}
    </Link>
  );
}

export function SubmissionTable({ rows, showUnit, empty }: { rows: InboxRow[]; showUnit: boolean; empty: string }) {
  const heads = ["标题", ...(showUnit ? ["报送单位"] : []), "状态", "约稿", "报送时间", "刊用"];
  return (
    <div className="overflow-x-auto rounded border border-stone-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">信息稿件，最新的在前</caption>
        <thead className="bg-stone-50 text-stone-600">
          <tr>
            {heads.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {rows.map((r) => (
            <tr key={r.id} data-testid="submission-row">
              <td className="px-3 py-2">
                {r.urgent ? <span className="mr-1 rounded bg-red-100 px-1 text-xs text-red-800">紧急</span> : null}
                <Link href={`/studio/submissions/${r.id}`} className="hover:underline">
                  {r.title}
                </Link>
              </td>
              {showUnit ? <td className="px-3 py-2">{r.unitName}</td> : null}
              <td className="whitespace-nowrap px-3 py-2" data-testid="submission-status">
                {submissionStatusText(r.status, r.adoptionKind)}
              </td>
              <td className="px-3 py-2 text-stone-600">{r.callTopic}</td>
              <td className="whitespace-nowrap px-3 py-2 text-stone-600">{when(r.submittedAt)}</td>
              <td className="px-3 py-2">
                <Published path={r.publishedPath} label={r.publishedLabel} />
              </td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={heads.length} className="px-3 py-6 text-center text-stone-600">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export function Pager({ page, pages, total, href }: { page: number; pages: number; total: number; href: (p: number) => string }) {
  const pager = "rounded border border-stone-300 bg-white px-3 py-1 hover:border-brand hover:text-brand";
  return (
    <nav aria-label="翻页" className="flex items-center justify-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(Math.min(page - 1, pages))} className={pager}>
          上一页
        </Link>
      ) : null}
      <span className="text-stone-600">
        第 {page} / {pages} 页，共 {total} 篇
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={pager}>
          下一页
        </Link>
      ) : null}
    </nav>
  );
}
