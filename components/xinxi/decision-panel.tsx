"use client";
// The editor's decisions on a 信息稿件 (开始处理, 未采用, 退回修改), as the status allows them
// (lib/xinxi/submission-status.ts decides again on the server).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { decide } from "@/app/(studio)/studio/submissions/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { EditorDecision } from "@/lib/xinxi/submission-status";

const LABEL: Record<EditorDecision, string> = { start: "开始处理", reject: "未采用", return: "退回修改" };

export function DecisionPanel({ submissionId, offered }: { submissionId: number; offered: EditorDecision[] }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (offered.length === 0) return null;
  async function run(decision: EditorDecision) {
    setBusy(true);
    const r = await decide({ submissionId, decision, reason: reason.trim() || undefined });
    setBusy(false);
    if (r.ok) {
      setReason("");
      setError(undefined);
      router.refresh();
    } else setError(r.error.fields?.reason ?? r.error.message);
  }
  return (
    <section aria-label="处理" className="space-y-2 rounded border border-stone-200 bg-white p-3 text-sm">
      <h2 className="font-medium">处理</h2>
      {offered.some((d) => d !== "start") ? (
        <Field label="原因（退回修改必填，未采用可选）" error={error}>
          <textarea
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            maxLength={1000}
            className="w-full rounded border border-stone-300 px-2 py-1.5"
          />
        </Field>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {offered.map((d) => (
          <Button key={d} variant={d === "start" ? "primary" : "secondary"} disabled={busy} onClick={() => void run(d)}>
            {LABEL[d]}
          </Button>
        ))}
      </div>
      {!offered.some((d) => d !== "start") ? <Notice tone="error">{error}</Notice> : null}
    </section>
  );
}
