"use client";
// Picks series, year and sequence; shows the number the server proposes, which may be changed.
import { useState, useTransition } from "react";
import { createIssue, proposeIssueNumber } from "@/app/(studio)/studio/new/actions";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

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

  return (
    <form aria-label="新建一期" action={create} className={`space-y-4 p-5 ${card}`}>
      <Field label="刊物" strong>
        <Select
          name="seriesId"
          value={slot.seriesId}
          onChange={(e) => change({ seriesId: e.target.value })}
          options={series.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Field>
      <div className="flex gap-4">
        <Field label="年份" strong className="block flex-1">
          <Input
            name="year"
            type="number"
            min={1949}
            max={2100}
            value={slot.year}
            onChange={(e) => change({ year: Number(e.target.value) })}
          />
        </Field>
        <label className="flex items-end gap-2 pb-2">
          <input type="checkbox" checked={slot.supplement} onChange={(e) => change({ supplement: e.target.checked })} />
          增刊（单独编号）
        </label>
      </div>
      <Field label="期号" strong>
        <Input
          name="number"
          type="number"
          min={1}
          max={999}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          aria-describedby="number-hint"
        />
        <span id="number-hint" className="mt-1 block text-stone-600" data-testid="proposed-number">
          建议期号：第{proposed}期（创建时为您保留，放弃草稿后可再用）
        </span>
      </Field>
      <Notice tone="error">{error}</Notice>
      <Button type="submit" disabled={pending} variant="primary" size="lg" className="font-medium">
        创建草稿
      </Button>
    </form>
  );
}
