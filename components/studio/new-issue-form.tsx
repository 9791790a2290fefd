"use client";
// Picks series, year and sequence; shows the number the server proposes, which may be changed.
import { useState, useTransition } from "react";
import { createIssue, proposeIssueNumber } from "@/app/(studio)/studio/new/actions";

type Props = { series: { id: string; name: string }[]; initial: { seriesId: string; year: number; number: number } };

export function NewIssueForm({ series, initial }: Props) {
  const [slot, setSlot] = useState({ seriesId: initial.seriesId, year: initial.year, supplement: false });
  const [proposed, setProposed] = useState(initial.number);
  const [number, setNumber] = useState(String(initial.number));
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();

  function change(next: Partial<typeof slot>) {
    const s = { ...slot, ...next };
    setSlot(s);
    start(async () => {
      const r = await proposeIssueNumber(s);
      if (r.ok) {
        setProposed(r.data.number);
        setNumber(String(r.data.number));
        setError(undefined);
      } else setError(r.error.message);
    });
  }

  function create() {
    start(async () => {
      const asked = Number(number);
      const r = await createIssue({ ...slot, number: asked === proposed ? undefined : asked });
      // Success redirects to the new draft; only a refusal comes back here.
      if (r && !r.ok) setError(r.error.message);
    });
  }

  const field = "w-full rounded border border-stone-300 px-3 py-2";
  return (
    <form aria-label="新建一期" action={create} className="space-y-4 rounded border border-stone-200 bg-white p-5 text-sm">
      <label className="block">
        <span className="mb-1 block font-medium">刊物</span>
        <select name="seriesId" value={slot.seriesId} onChange={(e) => change({ seriesId: e.target.value })} className={field}>
          {series.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-4">
        <label className="block flex-1">
          <span className="mb-1 block font-medium">年份</span>
          <input
            name="year"
            type="number"
            min={1949}
            max={2100}
            value={slot.year}
            onChange={(e) => change({ year: Number(e.target.value) })}
            className={field}
          />
        </label>
        <label className="flex items-end gap-2 pb-2">
          <input type="checkbox" checked={slot.supplement} onChange={(e) => change({ supplement: e.target.checked })} />
          增刊（单独编号）
        </label>
      </div>
      <label className="block">
        <span className="mb-1 block font-medium">期号</span>
        <input
          name="number"
          type="number"
          min={1}
          max={999}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          className={field}
          aria-describedby="number-hint"
        />
        <span id="number-hint" className="mt-1 block text-stone-600" data-testid="proposed-number">
          建议期号：第{proposed}期（创建时为您保留，放弃草稿后可再用）
        </span>
      </label>
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 font-medium text-white disabled:opacity-60">
        创建草稿
      </button>
    </form>
  );
}
