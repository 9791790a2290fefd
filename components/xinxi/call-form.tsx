"use client";
// The 约稿 form, new or edited: series, topic, what is wanted, the deadline in Beijing time (as
// scheduled publishing takes it) and the addressees. Saving goes to the call's page.
import { type FormEvent, useState, useTransition } from "react";
import { saveCall } from "@/app/(studio)/studio/calls/actions";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { type PickableUnit, UnitPicker } from "./unit-picker";

export type CallFormValues = {
  id?: number;
  seriesId: string;
  topic: string;
  body: string;
  /** YYYY-MM-DDTHH:mm, Beijing time, as a datetime-local input holds it. */
  deadline: string;
  allUnits: boolean;
  unitIds: number[];
};

type Props = { initial: CallFormValues; series: { value: string; label: string }[]; units: PickableUnit[] };

export function CallForm({ initial, series, units }: Props) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> }>();
  const [pending, start] = useTransition();
  const set = <K extends keyof CallFormValues>(key: K, value: CallFormValues[K]) => setForm((f) => ({ ...f, [key]: value }));

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const r = await saveCall({ ...form, deadline: form.deadline ? `${form.deadline}:00+08:00` : "" });
      // On success the action goes to the call's page.
      if (r && !r.ok) setError({ message: r.error.message, fields: r.error.fields ?? {} });
    });
  }

  const f = error?.fields ?? {};
  return (
    <form onSubmit={submit} aria-label={initial.id ? "修改约稿" : "发布约稿"} className={`space-y-3 p-4 ${card}`}>
      <Field label="所属刊物" error={f.seriesId}>
        <Select value={form.seriesId} onChange={(e) => set("seriesId", e.target.value)} options={series} />
      </Field>
      <Field label="主题" error={f.topic}>
        <Input value={form.topic} onChange={(e) => set("topic", e.target.value)} maxLength={100} />
      </Field>
      <Field label="约稿要求" error={f.body}>
        <textarea
          value={form.body}
          onChange={(e) => set("body", e.target.value)}
          rows={6}
          className="w-full rounded border border-stone-300 px-3 py-2"
          aria-invalid={f.body ? true : undefined}
        />
      </Field>
      <Field label="截止时间（北京时间）" error={f.deadline}>
        <Input type="datetime-local" value={form.deadline} onChange={(e) => set("deadline", e.target.value)} className="max-w-64" />
      </Field>
      <UnitPicker
        units={units}
        allUnits={form.allUnits}
        picked={form.unitIds}
        onChange={(next) => setForm((v) => ({ ...v, allUnits: next.allUnits, unitIds: next.picked }))}
        error={f.unitIds}
      />
      <Notice tone="error">{error?.message}</Notice>
      <Button type="submit" variant="primary" disabled={pending}>
        {initial.id ? "保存修改" : "发布约稿"}
      </Button>
    </form>
  );
}
