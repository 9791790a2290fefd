"use client";
// The admin's form for a new 积分办法: every value of the table, and the day it takes effect
// (从哪天起执行, today unless changed). Saving adds a table from that day; the tables that scored
// the days before it stay as they were.
import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { savePointsAction } from "@/app/(studio)/studio/points/actions";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { InstructionLevel, PointsRules } from "@/db/schema";
import { INSTRUCTION_LEVEL_LABEL, POINTS_RULE_LABEL } from "@/lib/vocabulary";

const PLAIN = ["submitted", "full", "excerpt", "combined", "published", "callOnTime", "callMissed"] as const;
const LEVELS = Object.keys(INSTRUCTION_LEVEL_LABEL) as InstructionLevel[];

type Props = { seriesId: string; today: string; rules: PointsRules };

export function PointsEditor({ seriesId, today, rules }: Props) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; fields: Record<string, string> }>();
  const [saved, setSaved] = useState<string>();
  const [pending, start] = useTransition();

  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const value = (name: string) => String(f.get(name) ?? "");
    const zero = value("zeroAfterMissedCalls").trim();
    const input = {
      seriesId,
      validFrom: value("validFrom"),
      note: value("note"),
      rules: {
        ...Object.fromEntries(PLAIN.map((k) => [k, value(k)])),
        instruction: Object.fromEntries(LEVELS.map((l) => [l, value(`instruction.${l}`)])),
        zeroAfterMissedCalls: zero === "" ? null : zero,
      },
    };
    start(async () => {
      const r = await savePointsAction(input as never);
      if (r.ok) {
        setError(undefined);
        setSaved(`已保存：新的积分办法自 ${r.data.validFrom} 起执行${r.data.replaced ? "（替换了同日起执行的办法）" : ""}`);
        router.refresh();
      } else {
        setSaved(undefined);
        setError({ message: r.error.message, fields: r.error.fields ?? {} });
      }
    });
  }

  const err = (name: string) => error?.fields[`rules.${name}`] ?? error?.fields[name];
  return (
    <form onSubmit={save} className={`space-y-3 p-4 ${card}`} aria-labelledby="points-edit-title">
      <h2 id="points-edit-title" className="font-bold">
        修改积分办法
      </h2>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {PLAIN.map((k) => (
          <Field key={k} label={`${POINTS_RULE_LABEL[k]}（分）`} error={err(k)}>
            <Input compact name={k} type="number" step="0.5" defaultValue={rules[k]} required />
          </Field>
        ))}
        {LEVELS.map((l) => (
          <Field key={l} label={`${INSTRUCTION_LEVEL_LABEL[l]}批示（分）`} error={err(`instruction.${l}`)}>
            <Input compact name={`instruction.${l}`} type="number" step="0.5" defaultValue={rules.instruction[l]} required />
          </Field>
        ))}
      </div>
      <Field label={`${POINTS_RULE_LABEL.zeroAfterMissedCalls}（留空表示不设此规则）`} error={err("zeroAfterMissedCalls")}>
        <Input
          compact
          name="zeroAfterMissedCalls"
          type="number"
          min={1}
          step={1}
          defaultValue={rules.zeroAfterMissedCalls ?? ""}
          className="max-w-32"
        />
      </Field>
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <Field label="从哪天起执行" error={err("validFrom")}>
          <Input compact name="validFrom" type="date" min={today} defaultValue={today} required />
        </Field>
        <Field label="说明（可不填）" error={err("note")}>
          <Input compact name="note" maxLength={200} placeholder="例如：根据2027年信息工作要点调整" />
        </Field>
      </div>
      <Notice tone="error">{error?.message}</Notice>
      <Notice tone="success">{saved}</Notice>
      <Button type="submit" variant="primary" disabled={pending}>
        保存
      </Button>
    </form>
  );
}
