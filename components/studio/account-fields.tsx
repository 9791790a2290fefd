"use client";
// Form parts shared by the new-account form and a user's edit row: role, series, field errors,
// and the box that shows a generated password once.
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { Role } from "@/db/schema";
import { ALL_SERIES_LABEL, ROLE_OPTIONS } from "@/lib/vocabulary";

export type SeriesOption = { id: string; name: string };
/** An enabled unit a 报送员 may belong to, its label indented by its depth in the tree. */
export type UnitOption = { value: string; label: string };

/** The role a form's select posted; the server validates it again. */
export const formRole = (v: FormDataEntryValue | null): Role => ROLE_OPTIONS.find((r) => r.value === v)?.value ?? "editor";

/** The unit a form's select posted, or null (the server requires one for a 报送员). */
export const formUnit = (v: FormDataEntryValue | null): number | null => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** The role, and for a 报送员 the unit they report for (所属单位), which only then is asked. */
export function RoleSelect({
  defaultValue = "editor",
  error,
  units,
  unitId,
  unitError,
}: {
  defaultValue?: Role;
  error?: string;
  units: UnitOption[];
  unitId?: number | null;
  unitError?: string;
}) {
  const [role, setRole] = useState<Role>(defaultValue);
  return (
    <>
      <Field label="角色" error={error}>
        <Select compact name="role" value={role} onChange={(e) => setRole(formRole(e.target.value))} options={ROLE_OPTIONS} />
      </Field>
      {role === "contributor" ? (
        <Field label="所属单位" error={unitError}>
          <Select compact name="unitId" defaultValue={unitId ? String(unitId) : ""} options={units} required>
            <option value="">请选择单位</option>
          </Select>
        </Field>
      ) : null}
    </>
  );
}

/** "All series" is a choice of its own (users.allSeries): ticking none means none. */
export function SeriesChecks({ series, selected = [], all = false }: { series: SeriesOption[]; selected?: string[]; all?: boolean }) {
  const [every, setEvery] = useState(all);
  return (
    <fieldset className="space-y-1">
      <legend className="mb-1">
        负责刊物<span className="text-stone-600">（一份也不勾选即不负责任何刊物；管理员总是负责全部刊物）</span>
      </legend>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" name="allSeries" checked={every} onChange={(e) => setEvery(e.target.checked)} />
        {ALL_SERIES_LABEL}
        <span className="text-stone-600">（包括以后新增的刊物）</span>
      </label>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {series.map((s) => (
          <label key={s.id} className="flex items-center gap-1.5">
            <input type="checkbox" name="seriesIds" value={s.id} defaultChecked={selected.includes(s.id)} disabled={every} />
            {s.name}
          </label>
        ))}
        {series.length === 0 ? <span className="text-stone-600">还没有刊物</span> : null}
      </div>
    </fieldset>
  );
}

export function OneTimePassword({ email, password, onDone }: { email: string; password: string; onDone(): void }) {
  const box = useRef<HTMLElement>(null);
  // Move focus (and the screen reader) to the password once, when a new one arrives.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `password` is the trigger, not an input: a new password replacing the shown one (another account created or reset while the box is open) must take focus again.
  useEffect(() => box.current?.focus(), [password]);
  return (
    <section
      ref={box}
      tabIndex={-1}
      aria-labelledby="new-password-title"
      className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4 text-sm outline-none"
    >
      <h2 id="new-password-title" className="font-bold">
        {email} 的密码
      </h2>
      <code
        data-testid="new-password"
        className="block w-fit select-all rounded border border-stone-300 bg-white px-3 py-2 font-mono text-lg tracking-wider"
      >
        {password}
      </code>
      <p className="text-amber-900">只显示这一次，请转交本人并提醒其登录后修改。</p>
      <Button onClick={onDone}>已转交，关闭</Button>
    </section>
  );
}
