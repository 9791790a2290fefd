import type { Metadata } from "next";
import Link from "next/link";
import { card } from "@/components/ui/card";
import { CallForm } from "@/components/xinxi/call-form";
import { listSeries } from "@/db/queries/archive";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { pickableUnits } from "@/lib/xinxi/calls";

export const metadata: Metadata = { title: "发布约稿" };

export default async function NewCallPage() {
  const user = await requirePageUser("editor", "/studio/calls/new");
  const d = db();
  const series = listSeries(d)
    .filter((s) => mayWorkOn(user, s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  if (series.length === 0) return <p className={`mx-auto max-w-lg p-4 ${card}`}>您还没有负责的刊物。请管理员在「账号」中为您指定刊物。</p>;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/studio/calls" className="text-sm text-stone-600 hover:underline">
        ← 约稿
      </Link>
      <h1 className="text-xl font-bold">发布约稿</h1>
      <CallForm
        initial={{ seriesId: series[0]!.value, topic: "", body: "", deadline: "", allUnits: false, unitIds: [] }}
        series={series}
        units={pickableUnits(d)}
      />
    </div>
  );
}
