// A list of issues as the archive shows them: 〔2022〕第3期 · date · title.
import Link from "next/link";
import type { IssueSummary } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { dateZh, issueLine } from "@/lib/format";

export function IssueList({ issues, showTotal = false }: { issues: IssueSummary[]; showTotal?: boolean }) {
  if (issues.length === 0) return <p className="text-stone-500">暂无公开的期刊。</p>;
  return (
    <ul className="divide-y divide-stone-200" data-testid="issue-list">
      {issues.map((i) => (
        <li key={i.id} className="py-3">
          <Link href={issueUrl(keyOfRow(i))} className="group block">
            <span className="text-sm text-stone-500">
              {issueLine({ ...i, showTotal })} · {dateZh(i.date)}
            </span>
            <span className="mt-0.5 block font-serif text-lg group-hover:text-brand group-hover:underline">{i.title}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
