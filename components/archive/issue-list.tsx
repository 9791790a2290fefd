// A list of issues as the archive shows them: [series] 〔2022〕第3期 · date [· note] · title.
import Link from "next/link";
import type { IssueSummary } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { dateZh, issueLine } from "@/lib/format";
import { VISIBILITY_LABEL } from "@/lib/vocabulary";

/** `seriesName` is shown where the list mixes series; `note` adds e.g. which of 报/送/发. */
export type ListedIssue = IssueSummary & { seriesName?: string; showTotal?: boolean; note?: string };

export function IssueList({
  issues,
  showTotal = false,
  empty = "暂无公开的期刊。",
}: {
  issues: ListedIssue[];
  showTotal?: boolean;
  empty?: string;
}) {
  if (issues.length === 0) return <p className="text-stone-500">{empty}</p>;
  return (
    <ul className="divide-y divide-stone-200" data-testid="issue-list">
      {issues.map((i) => (
        <li key={i.id} className="py-3">
          <Link href={issueUrl(keyOfRow(i))} className="group block">
            <span className="text-sm text-stone-500">
              {i.seriesName ?? ""}
              {issueLine({ ...i, showTotal: i.showTotal ?? showTotal })} · {dateZh(i.date)}
              {i.note ? ` · ${i.note}` : ""}
              {/* Only signed-in studio users are ever shown an internal issue. */}
              {i.visibility === "internal" ? (
                <span data-testid="internal-badge" className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">
                  {VISIBILITY_LABEL.internal}
                </span>
              ) : null}
            </span>
            <span className="mt-0.5 block font-serif text-lg group-hover:text-brand group-hover:underline">{i.title}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
