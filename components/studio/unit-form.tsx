"use client";
// The unit form, for a new unit and for editing one in its row: the same fields, checked in the
// browser with the schema the server action checks again, and a refused form keeps what was typed.
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { UnitLevel } from "@/db/schema";
import { UNIT_LEVEL_LABEL } from "@/lib/vocabulary";
import { type UnitFields, unitFieldErrors, unitFields, unitFieldsFrom } from "@/lib/xinxi/unit-form";

/** A unit as the studio's unit pages show it (no timestamps cross to the client). */
export type UnitView = {
  id: number;
  name: string;
  shortName: string | null;
  parentId: number | null;
  level: UnitLevel;
  depth: number;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  disabled: boolean;
  contributors: number;
  deletable: boolean;
};

type Result = { ok: true } | { ok: false; error: { message: string; fields?: Record<string, string> } };

type Props = {
  label: string;
  units: UnitView[];
  unit?: UnitView;
  submit: string;
  onSave(fields: UnitFields): Promise<Result>;
  onCancel?(): void;
};

export const LEVEL_OPTIONS = (Object.entries(UNIT_LEVEL_LABEL) as [UnitLevel, string][]).map(([value, label]) => ({ value, label }));

/** The tree as select options: indented by depth with full-width spaces, which a select keeps. */
export const unitOptions = (units: UnitView[]) =>
  units.map((u) => ({ value: String(u.id), label: `${"　".repeat(u.depth)}${u.name}${u.disabled ? "（已停用）" : ""}` }));

export function UnitForm({ label, units, unit, submit, onSave, onCancel }: Props) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();

  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const input = unitFieldsFrom(new FormData(form));
    const checked = unitFields.safeParse(input);
    if (!checked.success) {
      setFields(unitFieldErrors(checked.error));
      setError("填写的内容有误，请检查标出的项目");
      return;
    }
    start(async () => {
      const r = await onSave(input);
      setFields(r.ok ? {} : (r.error.fields ?? {}));
      setError(r.ok ? undefined : r.error.message);
      if (r.ok && !unit) form.reset();
    });
  }

  return (
    <form aria-label={label} onSubmit={save} noValidate className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="名称" error={fields.name} className="block sm:col-span-2">
          <Input compact name="name" defaultValue={unit?.name} required maxLength={80} autoComplete="off" />
        </Field>
        <Field label="简称" error={fields.shortName}>
          <Input compact name="shortName" defaultValue={unit?.shortName ?? ""} maxLength={40} autoComplete="off" />
        </Field>
        <Field label="级别" error={fields.level}>
          <Select compact name="level" defaultValue={unit?.level ?? ""} options={LEVEL_OPTIONS}>
            <option value="">请选择</option>
          </Select>
        </Field>
        <Field label="上级单位" error={fields.parentId} className="block sm:col-span-2">
          <Select compact name="parentId" defaultValue={unit?.parentId ? String(unit.parentId) : ""} options={unitOptions(units)}>
            <option value="">（无，顶级单位）</option>
          </Select>
        </Field>
        <Field label="联系人" error={fields.contactName}>
          <Input compact name="contactName" defaultValue={unit?.contactName ?? ""} maxLength={40} autoComplete="off" />
        </Field>
        <Field label="电话" error={fields.contactPhone}>
          <Input compact name="contactPhone" defaultValue={unit?.contactPhone ?? ""} maxLength={40} autoComplete="off" />
        </Field>
        <Field label="邮箱" error={fields.contactEmail} className="block sm:col-span-2">
          <Input compact name="contactEmail" type="email" defaultValue={unit?.contactEmail ?? ""} maxLength={200} autoComplete="off" />
        </Field>
      </div>
      <Notice tone="error">{error}</Notice>
      <div className="space-x-2">
        <Button type="submit" disabled={pending} variant="primary">
          {pending ? "正在保存…" : submit}
        </Button>
        {onCancel ? <Button onClick={onCancel}>取消</Button> : null}
      </div>
    </form>
  );
}
