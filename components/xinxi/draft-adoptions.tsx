// 本期采用的信息 on a draft's page: the 信息稿件 its text took in, with unit, how used and where
// each stands, linked to the submission. Nothing when the draft adopted none.
import Link from "next/link";
import { adoptionsOfDraft } from "@/db/queries/xinxi/adoptions";
import { db } from "@/lib/database";
import { ADOPTION_KIND_SHORT, ADOPTION_STATE_LABEL } from "@/lib/vocabulary";

export function DraftAdoptions({ draftId }: { draftId: number }) {
  const rows = adoptionsOfDraft(db(), draftId);
  if (rows.length === 0) return null;
  return (
    <details className="rounded border border-stone-200 bg-white px-3 py-2 text-sm" data-testid="draft-adoptions">
      <summary className="cursor-pointer font-medium">本期采用的信息（{rows.filter((r) => r.state !== "withdrawn").length}）</summary>
      <ul className="mt-1 space-y-0.5">
        {rows.map((r) => (
          <li key={r.id} className={r.state === "withdrawn" ? "text-stone-500 line-through" : undefined}>
            <Link href={`/studio/submissions/${r.submissionId}`} className="text-brand hover:underline">
              {r.title}
            </Link>{" "}
            · {r.unitName} · {ADOPTION_KIND_SHORT[r.kind]} · {ADOPTION_STATE_LABEL[r.state]}
          </li>
        ))}
      </ul>
    </details>
  );
}
