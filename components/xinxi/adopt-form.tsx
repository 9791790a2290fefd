"use client";
// The 采用到… form: how the article is used (全文 / 摘编 / 综合) and where it goes (an open draft of
// its series, or 新建一期). Success opens the draft; a refusal is shown here.
import { useState, useTransition } from "react";
import { adoptSubmission } from "@/app/(studio)/studio/submissions/adopt-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { AdoptionKind } from "@/db/schema";
import { ADOPTION_KIND_LABEL } from "@/lib/vocabulary";
import { type DraftOption, DraftTargetField, draftTarget } from "./draft-target";

export function AdoptForm({ submissionId, drafts }: { submissionId: number; drafts: DraftOption[] }) {
  const [kind, setKind] = useState<AdoptionKind>("full");
  const [target, setTarget] = useState("new");
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> }>();
  const [pending, start] = useTransition();

  function adopt() {
    start(async () => {
      const r = await adoptSubmission({ submissionId, kind, target: draftTarget(target) });
      // Success redirects to the draft; only a refusal comes back here.
      if (r && !r.ok) setError({ message: r.error.message, fields: r.error.fields });
    });
  }

  return (
    <form aria-label="采用到" action={adopt} className="space-y-3">
      <fieldset>
        <legend className="mb-1 font-medium">采用方式</legend>
        <div className="flex flex-wrap gap-4">
          {(Object.keys(ADOPTION_KIND_LABEL) as AdoptionKind[]).map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {ADOPTION_KIND_LABEL[k]}
            </label>
          ))}
        </div>
        {error?.fields?.kind ? <span className="text-red-700">{error.fields.kind}</span> : null}
      </fieldset>
      <DraftTargetField label="采用到" drafts={drafts} value={target} onChange={setTarget} error={error?.fields?.target} />
      <Notice tone="error">{error?.message}</Notice>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "正在采用…" : "采用"}
      </Button>
    </form>
  );
}
