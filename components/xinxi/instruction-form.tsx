"use client";
// Recording a 批示 on a published issue, and deleting a mistaken one. The credit defaults to the
// unit whose submission the chosen article came from, which the form names before saving.
import { type FormEvent, useState, useTransition } from "react";
import { addInstruction, deleteInstruction } from "@/app/(studio)/studio/issues/instruction-actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { InstructionLevel } from "@/db/schema";
import { INSTRUCTION_LEVEL_LABEL } from "@/lib/vocabulary";

type Props = {
  issueId: number;
  issueDate: string;
  articles: { heading: string; autoUnit: string | null }[];
  units: { value: string; label: string }[];
};

const LEVELS = (Object.keys(INSTRUCTION_LEVEL_LABEL) as InstructionLevel[]).map((value) => ({
  value,
  label: INSTRUCTION_LEVEL_LABEL[value],
}));
const WHOLE = "";

export function InstructionForm({ issueId, issueDate, articles, units }: Props) {
  // An issue of one article: a 批示 on the issue is on that article, and credits its unit.
  const only = articles.length === 1 ? articles[0]!.heading : WHOLE;
  const blank = { level: "city" as InstructionLevel, leader: "", date: "", gist: "", article: only, credit: "auto" };
  const [form, setForm] = useState(blank);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> }>();
  const [saved, setSaved] = useState<string>();
  const [pending, start] = useTransition();
  const set = (key: keyof typeof blank, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const auto = articles.find((a) => a.heading === form.article)?.autoUnit ?? null;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const r = await addInstruction({
        issueId,
        level: form.level,
        leader: form.leader,
        date: form.date,
        gist: form.gist,
        article: form.article === WHOLE ? null : form.article,
        credit: form.credit === "auto" || form.credit === "none" ? form.credit : Number(form.credit),
      });
      if (r.ok) {
        setForm(blank);
        setError(undefined);
        setSaved("已登记批示");
      } else {
        setError({ message: r.error.message, fields: r.error.fields ?? {} });
        setSaved(undefined);
      }
    });
  }

  const f = error?.fields ?? {};
  return (
    <form onSubmit={submit} aria-label="登记批示" className="space-y-3 border-t border-stone-200 pt-3">
      <h3 className="font-medium">登记批示</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="级别" error={f.level}>
          <Select compact value={form.level} onChange={(e) => set("level", e.target.value)} options={LEVELS} />
        </Field>
        <Field label="批示领导" error={f.leader}>
          <Input compact value={form.leader} onChange={(e) => set("leader", e.target.value)} maxLength={60} />
        </Field>
        <Field label="日期" error={f.date}>
          <Input compact type="date" min={issueDate} value={form.date} onChange={(e) => set("date", e.target.value)} />
        </Field>
      </div>
      <Field label="批示要点" error={f.gist}>
        <textarea
          value={form.gist}
          onChange={(e) => set("gist", e.target.value)}
          rows={3}
          className="w-full rounded border border-stone-300 px-2 py-1.5"
          aria-invalid={f.gist ? true : undefined}
        />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="批示的文章" error={f.article}>
          <Select
            compact
            value={form.article}
            onChange={(e) => set("article", e.target.value)}
            options={articles.map((a) => ({ value: a.heading, label: a.heading }))}
          >
            <option value={WHOLE}>（整期）</option>
          </Select>
        </Field>
        <Field label="计入单位" error={f.credit}>
          <Select compact value={form.credit} onChange={(e) => set("credit", e.target.value)} options={units}>
            <option value="auto">{auto ? `自动：${auto}（按采用记录）` : "自动（按采用记录；本篇无则不计入）"}</option>
            <option value="none">不计入单位（整期）</option>
          </Select>
        </Field>
      </div>
      <Notice tone="error">{error?.message}</Notice>
      <Notice tone="success">{saved}</Notice>
      <Button type="submit" variant="primary" disabled={pending}>
        登记批示
      </Button>
    </form>
  );
}

export function InstructionDelete({ issueId, instructionId, leader }: { issueId: number; instructionId: number; leader: string }) {
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <>
      <Button
        size="sm"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`删除${leader}的这条批示？删除会记入审计日志。`)) return;
          start(async () => {
            const r = await deleteInstruction({ issueId, instructionId });
            setError(r.ok ? undefined : r.error.message);
          });
        }}
      >
        删除
      </Button>
      <Notice tone="error">{error}</Notice>
    </>
  );
}
