import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { CallForm } from "@/components/xinxi/call-form";
import { listSeries } from "@/db/queries/archive";
import { callUnitIds } from "@/db/queries/xinxi/calls";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { callFor } from "@/lib/xinxi/call-access";
import { pickableUnits } from "@/lib/xinxi/calls";

export const metadata: Metadata = { title: "修改约稿" };

type Props = { params: Promise<{ id: string }> };

export default async function EditCallPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser("editor", `/studio/calls/${id}/edit`);
  const d = db();
  const call = orRefuse(() => callFor(d, user, idParam(id)));
  const unitIds = call.allUnits ? [] : callUnitIds(d, call.id);
  const series = listSeries(d)
    .filter((s) => mayWorkOn(user, s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/studio/calls/${call.id}`} className="text-sm text-stone-600 hover:underline">
        ← {call.topic}
      </Link>
      <h1 className="text-xl font-bold">修改约稿</h1>
      {call.closed ? (
        <Notice tone="info">这个约稿已关闭；要修改，请先在约稿页面重新开启。</Notice>
      ) : (
        <CallForm
          initial={{
            id: call.id,
            seriesId: call.seriesId,
            topic: call.topic,
            body: call.body,
            // when() is Beijing time, YYYY-MM-DD HH:mm: the datetime-local value with a T.
            deadline: when(call.deadline).replace(" ", "T"),
            allUnits: call.allUnits,
            unitIds,
          }}
          series={series}
          units={pickableUnits(d, unitIds)}
        />
      )}
    </div>
  );
}
