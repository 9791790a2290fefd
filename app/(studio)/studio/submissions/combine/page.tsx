// /studio/submissions/combine: 综合 — several 信息稿件 of one series made into one issue. Editors,
// for the series they work on (?series=…, the first of theirs by default).
import type { Metadata } from "next";
import Link from "next/link";
import { card } from "@/components/ui/card";
import { CombineForm } from "@/components/xinxi/combine-form";
import { listSeries } from "@/db/queries/archive";
import { listDrafts } from "@/db/queries/studio/drafts";
import { combinableSubmissions } from "@/db/queries/xinxi/adoptions";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { issueLine, when } from "@/lib/format";
import { OPEN_STATUSES, STATUS_LABEL, SUBMISSION_STATUS_LABEL } from "@/lib/vocabulary";
import { COMBINABLE } from "@/lib/xinxi/adopt";

type Props = { searchParams: Promise<{ series?: string | string[] }> };

export const metadata: Metadata = { title: "综合成一期" };

/** The newest this many are offered; older ones are rarely combined. */
const SHOWN = 200;

export default async function CombinePage({ searchParams }: Props) {
  const user = await requirePageUser("editor", "/studio/submissions/combine");
  const mine = listSeries(db()).filter((s) => mayWorkOn(user, s.id));
  const asked = (await searchParams).series;
  const series = mine.find((s) => s.id === asked) ?? mine[0];
  if (!series) return <p className="text-stone-600">您还没有负责的刊物。</p>;
  const rows = combinableSubmissions(db(), { seriesId: series.id, statuses: COMBINABLE, limit: SHOWN }).map((r) => ({
    id: r.id,
    title: r.title,
    unitName: r.unitName,
    statusLabel: SUBMISSION_STATUS_LABEL[r.status],
    submitted: when(r.submittedAt),
    urgent: r.urgent,
  }));
  const drafts = listDrafts(db(), { seriesIds: [series.id], statuses: [...OPEN_STATUSES], limit: 50 }).map((d) => ({
    id: d.id,
    label: `${issueLine(d)}${d.kind === "correction" ? " 更正稿" : ""} ${d.title || "（未定标题）"} · ${STATUS_LABEL[d.status]}`,
  }));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/studio/submissions" className="text-sm text-stone-600 hover:underline">
          ← 信息报送
        </Link>
        <h1 className="text-lg font-bold">综合成一期</h1>
        {mine.length > 1 ? (
          <nav aria-label="刊物" className="flex gap-2 text-sm">
            {mine.map((s) => (
              <Link
                key={s.id}
                href={`/studio/submissions/combine?series=${encodeURIComponent(s.id)}`}
                aria-current={s.id === series.id ? "page" : undefined}
                className={s.id === series.id ? "font-bold text-brand" : "text-stone-600 hover:underline"}
              >
                {s.name}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
      <p className="text-sm text-stone-600">
        勾选{series.name}
        的几篇信息稿件（按勾选的先后排列），每篇以标题和供稿单位写入同一期；一期有两篇以上文章时，本期要目按各篇标题自动生成。
      </p>
      <div className={`p-4 ${card}`}>
        {rows.length === 0 ? <p className="text-stone-600">没有可以综合的信息稿件。</p> : <CombineForm rows={rows} drafts={drafts} />}
      </div>
    </div>
  );
}
