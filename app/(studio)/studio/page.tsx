import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { listSeries } from "@/db/queries/archive";
import { countByStatus, listDrafts } from "@/db/queries/studio/drafts";
import { countIndexedIssues, listIndexedIssues } from "@/db/queries/studio/published";
import type { DraftStatus } from "@/db/schema";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { issueLine, when } from "@/lib/format";
import { OPEN_LABEL, OPEN_STATUSES, STATUS_LABEL, VISIBILITY_LABEL } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "稿件" };

const TABS = [
  { id: "open", label: OPEN_LABEL, statuses: OPEN_STATUSES },
  { id: "draft", label: STATUS_LABEL.draft, statuses: ["draft"] },
  { id: "submitted", label: STATUS_LABEL.submitted, statuses: ["submitted"] },
  { id: "approved", label: STATUS_LABEL.approved, statuses: ["approved"] },
  { id: "published", label: STATUS_LABEL.published, statuses: [] },
  { id: "withdrawn", label: STATUS_LABEL.withdrawn, statuses: [] },
] as const satisfies readonly { id: string; label: string; statuses: readonly DraftStatus[] }[];

type Props = { searchParams: Promise<{ tab?: string; q?: string }> };

export default async function StudioHome({ searchParams }: Props) {
  // A unit's contributor has no drafts: their studio is 信息报送.
  if ((await requirePageUser("contributor", "/studio")).role === "contributor") redirect("/studio/submissions");
  const user = await requirePageUser("editor", "/studio");
  const sp = await searchParams;
  const tab = TABS.find((t) => t.id === sp.tab) ?? TABS[0];
  const q = typeof sp.q === "string" ? sp.q.slice(0, 50) : "";
  const d = db();
  const counts = countByStatus(d, { seriesIds: user.seriesIds });
  const indexed = countIndexedIssues(d, { seriesIds: user.seriesIds });
  const count = (id: string) =>
    id === "open"
      ? OPEN_STATUSES.reduce((n, s) => n + counts[s], 0)
      : id === "published"
        ? indexed.published
        : id === "withdrawn"
          ? indexed.withdrawn
          : counts[id as DraftStatus];
  const names = new Map(listSeries(db()).map((s) => [s.id, s.name]));
  const isIndex = tab.id === "published" || tab.id === "withdrawn";
  const rows = isIndex ? [] : listDrafts(d, { seriesIds: user.seriesIds, statuses: [...tab.statuses], q, limit: 200 });
  const issues = isIndex
    ? listIndexedIssues(d, { seriesIds: user.seriesIds, status: tab.id === "withdrawn" ? "withdrawn" : "published", q, limit: 200 })
    : [];
  const href = (t: string) => `/studio?tab=${t}${q ? `&q=${encodeURIComponent(q)}` : ""}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">稿件</h1>
        <Link href="/studio/new" className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white">
          新建一期
        </Link>
        {/* biome-ignore lint/a11y/useSemanticElements: a GET form with role="search" is the search landmark itself; <search> would only wrap it */}
        <form role="search" className="ml-auto flex gap-2" action="/studio">
          <input type="hidden" name="tab" value={tab.id} />
          <label className="sr-only" htmlFor="studio-q">
            搜索稿件
          </label>
          <input
            id="studio-q"
            name="q"
            defaultValue={q}
            placeholder="标题或期号"
            className="w-56 rounded border border-stone-300 px-2 py-1 text-sm"
          />
          <Button type="submit" className="text-sm">
            搜索
          </Button>
        </form>
      </div>
      <nav aria-label="按状态" className="flex flex-wrap gap-1 border-b border-stone-300 text-sm">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={href(t.id)}
            aria-current={t.id === tab.id ? "page" : undefined}
            className={`-mb-px rounded-t border px-3 py-1.5 ${t.id === tab.id ? "border-stone-300 border-b-white bg-white font-medium" : "border-transparent text-stone-600 hover:text-brand"}`}
          >
            {t.label} <span className="text-stone-600">{count(t.id)}</span>
          </Link>
        ))}
      </nav>
      <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white" data-testid="studio-list">
        {rows.map((r) => (
          <li key={`d${r.id}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2.5">
            <StatusBadge status={r.status} />
            <span className="text-sm text-stone-600">
              {names.get(r.seriesId) ?? r.seriesId}
              {issueLine(r)}
              {r.kind === "correction" ? "（更正）" : ""}
            </span>
            <Link href={`/studio/drafts/${r.id}`} className="font-medium hover:text-brand hover:underline">
              {r.title || "（无标题）"}
            </Link>
            <span className="ml-auto text-xs text-stone-600">
              {r.createdByName} · 第{r.headSeq ?? 1}版 · {when(r.updatedAt)}
              {r.scheduledAt ? ` · 定时 ${when(r.scheduledAt)}` : ""}
            </span>
          </li>
        ))}
        {issues.map((i) => (
          <li key={`i${i.id}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2.5">
            <StatusBadge status={i.status === "withdrawn" ? "withdrawn" : "published"} />
            <span className="text-sm text-stone-600">
              {i.seriesName}
              {issueLine(i)}
            </span>
            <Link href={`/studio/issues/${i.id}`} className="font-medium hover:text-brand hover:underline">
              {i.title}
            </Link>
            {i.visibility === "internal" ? <span className="text-xs text-amber-800">{VISIBILITY_LABEL.internal}</span> : null}
            {i.correctionId ? (
              <Link href={`/studio/drafts/${i.correctionId}`} className="text-xs text-brand underline">
                更正中
              </Link>
            ) : null}
            <span className="ml-auto text-xs text-stone-600">{i.date}</span>
          </li>
        ))}
        {rows.length + issues.length === 0 ? (
          <li className="px-4 py-6 text-center text-sm text-stone-600">{q ? `没有与「${q}」相符的稿件` : "这里还没有稿件"}</li>
        ) : null}
      </ul>
    </div>
  );
}
