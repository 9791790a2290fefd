import type { Metadata } from "next";
import { ImportForm } from "@/components/studio/import-form";
import { NewIssueForm } from "@/components/studio/new-issue-form";
import { card } from "@/components/ui/card";
import { listSeries } from "@/db/queries/archive";
import { proposeNumber } from "@/db/queries/studio/numbering";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { todayInChina } from "@/lib/studio/new-draft";

export const metadata: Metadata = { title: "新建一期" };

export default async function NewIssuePage() {
  const user = await requirePageUser("editor", "/studio/new");
  const series = listSeries(db()).filter((s) => mayWorkOn(user, s.id));
  const year = Number(todayInChina().slice(0, 4));
  const first = series[0];
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-xl font-bold">新建一期</h1>
      {first ? (
        <>
          <NewIssueForm
            series={series.map((s) => ({ id: s.id, name: s.name }))}
            initial={{ seriesId: first.id, year, number: proposeNumber(db(), { seriesId: first.id, year, supplement: false }) }}
          />
          <ImportForm series={series.map((s) => ({ id: s.id, name: s.name }))} />
        </>
      ) : (
        <p className={`p-4 ${card}`}>您还没有负责的刊物。请管理员在「账号」中为您指定刊物。</p>
      )}
    </div>
  );
}
