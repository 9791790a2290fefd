"use client";
// 综合: tick several 信息稿件 of one series, say how each is used, and make one issue of them (a
// new one or an open draft); the articles go in the order ticked. Success opens the draft.
import Link from "next/link";
import { useState, useTransition } from "react";
import { combineSubmissions } from "@/app/(studio)/studio/submissions/adopt-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { AdoptionKind } from "@/db/schema";
import { ADOPTION_KIND_SHORT } from "@/lib/vocabulary";
import { type DraftOption, DraftTargetField, draftTarget } from "./draft-target";

export type CombineRow = { id: number; title: string; unitName: string; statusLabel: string; submitted: string; urgent: boolean };

export function CombineForm({ rows, drafts }: { rows: CombineRow[]; drafts: DraftOption[] }) {
  // Ticked ids in the order ticked, and each one's use.
  const [picked, setPicked] = useState<number[]>([]);
  const [kinds, setKinds] = useState<Record<number, AdoptionKind>>({});
  const [target, setTarget] = useState("new");
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> }>();
  const [pending, start] = useTransition();

  const toggle = (id: number, on: boolean) => setPicked((p) => (on ? [...p.filter((x) => x !== id), id] : p.filter((x) => x !== id)));

  function combine() {
    start(async () => {
      const items = picked.map((submissionId) => ({ submissionId, kind: kinds[submissionId] ?? ("full" as const) }));
      const r = await combineSubmissions({ items, target: draftTarget(target) });
      if (r && !r.ok) setError({ message: r.error.message, fields: r.error.fields });
    });
  }

  return (
    <form aria-label="综合成一期" action={combine} className="space-y-3">
      <table className="w-full text-left">
        <thead className="text-stone-600">
          <tr>
            <th className="w-8 py-1">选</th>
            <th className="py-1">标题</th>
            <th className="py-1">单位</th>
            <th className="py-1">状态</th>
            <th className="py-1">报送</th>
            <th className="py-1">采用方式</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const n = picked.indexOf(r.id);
            return (
              <tr key={r.id} className="border-t border-stone-100">
                <td className="py-1">
                  <input
                    type="checkbox"
                    aria-label={`选择《${r.title}》`}
                    checked={n >= 0}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                  />
                </td>
                <td className="py-1">
                  {n >= 0 ? <span className="mr-1 text-brand">{n + 1}.</span> : null}
                  <Link href={`/studio/submissions/${r.id}/adopt`} className="hover:underline">
                    {r.title}
                  </Link>
                  {r.urgent ? <span className="ml-1 text-red-700">急</span> : null}
                </td>
                <td className="py-1">{r.unitName}</td>
                <td className="py-1">{r.statusLabel}</td>
                <td className="py-1">{r.submitted}</td>
                <td className="py-1">
                  <select
                    aria-label={`《${r.title}》的采用方式`}
                    className="rounded border border-stone-300 px-1 py-0.5"
                    value={kinds[r.id] ?? "full"}
                    onChange={(e) => setKinds((k) => ({ ...k, [r.id]: e.target.value as AdoptionKind }))}
                  >
                    {(Object.keys(ADOPTION_KIND_SHORT) as AdoptionKind[]).map((k) => (
                      <option key={k} value={k}>
                        {ADOPTION_KIND_SHORT[k]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error?.fields?.items ? <p className="text-red-700">{error.fields.items}</p> : null}
      <DraftTargetField label="综合到" drafts={drafts} value={target} onChange={setTarget} error={error?.fields?.target} />
      <Notice tone="error">{error?.message}</Notice>
      <Button type="submit" variant="primary" disabled={pending || picked.length < 2}>
        {pending ? "正在综合…" : `综合成一期（已选 ${picked.length} 篇）`}
      </Button>
    </form>
  );
}
