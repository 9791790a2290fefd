"use client";
// A series' saved 报/送/发 presets: the list on one side, the preset being edited (or a new one)
// on the other. Unit names are suggested from the series' default lists and the 单位库.
import { type FormEvent, useState, useTransition } from "react";
import { deletePresetAction, savePresetAction } from "@/app/(studio)/studio/presets/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { Distribution } from "@/lib/content/schema";
import { DISTRIBUTION_KINDS, DISTRIBUTION_LABEL } from "@/lib/vocabulary";
import { TagInput } from "./tag-input";

export type PresetView = { id: number; name: string } & Distribution;
/** `units`: the 单位库's names (名称 and 简称), suggested after the series' own defaults. */
type Props = { seriesId: string; presets: PresetView[]; defaults: Distribution; units?: string[] };

const blank = (): Omit<PresetView, "id"> & { id?: number } => ({ name: "", report: [], send: [], issue: [] });

export function PresetsEditor({ seriesId, presets, defaults, units = [] }: Props) {
  const [form, setForm] = useState(blank);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> }>();
  const [saved, setSaved] = useState<string>();
  const [pending, start] = useTransition();
  // A unit often moves between lists, so every default is offered in each, its own list first.
  const suggest = (key: keyof Distribution) => [
    ...new Set([...defaults[key], ...defaults.report, ...defaults.send, ...defaults.issue, ...units]),
  ];

  function pick(next: ReturnType<typeof blank>) {
    setForm(next);
    setError(undefined);
    setSaved(undefined);
  }

  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const r = await savePresetAction({ seriesId, ...form });
      if (r.ok) {
        setForm({ ...form, id: r.data.id, name: r.data.name });
        setError(undefined);
        setSaved(`已保存「${r.data.name}」`);
      } else setError({ message: r.error.message, fields: r.error.fields ?? {} });
    });
  }

  function remove(p: PresetView) {
    if (!window.confirm(`删除预设「${p.name}」？已用它填好的稿件不受影响。`)) return;
    start(async () => {
      const r = await deletePresetAction({ id: p.id });
      if (!r.ok) return setError({ message: r.error.message, fields: {} });
      if (form.id === p.id) pick(blank());
      setSaved(`已删除「${p.name}」`);
    });
  }

  const button = buttonClass({ variant: "tool", size: "sm" });
  return (
    <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
      <section aria-labelledby="presets-title" className={`space-y-2 p-3 ${card}`}>
        <h2 id="presets-title" className="font-bold">
          已保存的预设
        </h2>
        <ul className="divide-y divide-stone-100">
          {presets.map((p) => (
            <li
              key={p.id}
              data-testid="preset-row"
              className={`flex items-center gap-1.5 py-1.5 ${form.id === p.id ? "font-medium text-brand" : ""}`}
            >
              <span className="flex-1 truncate">{p.name}</span>
              <button type="button" className={button} onClick={() => pick({ ...p })} aria-label={`编辑「${p.name}」`}>
                编辑
              </button>
              <button type="button" className={button} disabled={pending} onClick={() => remove(p)} aria-label={`删除「${p.name}」`}>
                删除
              </button>
            </li>
          ))}
          {presets.length === 0 ? <li className="py-2 text-stone-600">还没有预设</li> : null}
        </ul>
        <Button variant="outline" onClick={() => pick(blank())}>
          新建预设
        </Button>
      </section>
      <form aria-label={form.id ? `编辑预设「${form.name}」` : "新建预设"} onSubmit={save} noValidate className={`space-y-3 p-4 ${card}`}>
        <h2 className="font-bold">{form.id ? "编辑预设" : "新建预设"}</h2>
        <Field label="预设名称" error={error?.fields.name}>
          <Input
            compact
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            maxLength={30}
            placeholder="例如：全省共青团系统"
          />
        </Field>
        {DISTRIBUTION_KINDS.map((k) => (
          <TagInput
            key={k}
            name={k}
            label={DISTRIBUTION_LABEL[k]}
            value={form[k]}
            onChange={(v) => setForm({ ...form, [k]: v })}
            suggestions={suggest(k)}
            max={200}
          />
        ))}
        <p className="text-stone-600">同一刊物的预设不能重名；改名保存后，旧名称不再保留。</p>
        <Notice tone="error">{error?.message}</Notice>
        {saved ? (
          <p role="status" className="text-green-800">
            {saved}
          </p>
        ) : null}
        <Button type="submit" disabled={pending} variant="primary" size="lg">
          {pending ? "正在保存…" : "保存预设"}
        </Button>
      </form>
    </div>
  );
}
