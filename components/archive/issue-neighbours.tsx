// 上一期 / 下一期 links at the foot of an issue, within its series.
import Link from "next/link";
import type { Neighbour } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { issueLine } from "@/lib/format";

function Item({ issue, label, align }: { issue?: Neighbour; label: string; align: "left" | "right" }) {
  if (!issue) return <span />;
  return (
    <Link
      href={issueUrl(keyOfRow(issue))}
      rel={label === "上一期" ? "prev" : "next"}
      className={`group block min-w-0 rounded border border-stone-200 bg-white px-3 py-2 hover:border-brand ${align === "right" ? "text-right" : ""}`}
    >
      <span className="block text-xs text-stone-500">
        {label} · {issueLine({ ...issue, showTotal: false })}
      </span>
      <span className="block truncate text-sm group-hover:text-brand">{issue.title}</span>
    </Link>
  );
}

export function IssueNeighbours({ previous, next }: { previous?: Neighbour; next?: Neighbour }) {
  if (!previous && !next) return null;
  return (
    <nav aria-label="上一期和下一期" className="mt-6 grid grid-cols-2 gap-3 print:hidden">
      <Item issue={previous} label="上一期" align="left" />
      <Item issue={next} label="下一期" align="right" />
    </nav>
  );
}
