// /studio/submissions/new: 报送信息. A contributor sends for their own unit; an editor may register
// a submission on a unit's behalf (a text that came by mail or fax). ?call=ID preselects the 约稿
// it answers, when that call is one the unit may answer.
import type { Metadata } from "next";
import { SubmissionForm } from "@/components/xinxi/submission-form";
import { listSeries } from "@/db/queries/archive";
import { listUnits } from "@/db/queries/xinxi/units";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { answerableCalls } from "@/lib/xinxi/submit";

export const metadata: Metadata = { title: "报送信息" };

type Props = { searchParams: Promise<{ call?: string | string[] }> };

export default async function NewSubmissionPage({ searchParams }: Props) {
  const user = await requirePageUser("contributor", "/studio/submissions/new");
  const d = db();
  const contributor = user.role === "contributor";
  const series = listSeries(d)
    .filter((s) => contributor || mayWorkOn(user, s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  const calls = contributor && user.unitId ? answerableCalls(user.unitId) : [];
  const wanted = Number([(await searchParams).call].flat()[0]);
  const call = calls.find((c) => c.id === wanted);
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-xl font-bold">报送信息</h1>
      {series.length === 0 ? (
        <p className="text-sm text-stone-600">还没有可以报送的刊物。</p>
      ) : (
        <SubmissionForm
          series={series}
          units={contributor ? null : listUnits(d, { includeDisabled: false }).map((u) => ({ value: String(u.id), label: u.name }))}
          calls={calls.map((c) => ({ value: String(c.id), label: c.topic }))}
          held={[]}
          initial={{
            seriesId: call?.seriesId ?? series[0]!.value,
            unitId: "",
            callId: call ? String(call.id) : "",
            title: "",
            body: "",
            contactName: "",
            contactPhone: "",
            urgent: false,
          }}
        />
      )}
    </div>
  );
}
