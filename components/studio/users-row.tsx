"use client";
// One account in the users table, with its edit form folded below it in the same row group so
// everything about the account sits inside one `user-row`.
import { type FormEvent, useState, useTransition } from "react";
import { resetAccountPassword, setAccountDisabled, updateAccount } from "@/app/(studio)/studio/users/actions";
import { buttonClass } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { Role } from "@/db/schema";
import { ALL_SERIES_LABEL, ROLE_LABEL, worksOnEverySeries } from "@/lib/vocabulary";
import { formRole, formUnit, RoleSelect, SeriesChecks, type SeriesOption, type UnitOption } from "./account-fields";

export type AccountRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  seriesIds: string[];
  allSeries: boolean;
  disabled: boolean;
  lastSignIn: string;
  /** A 报送员's unit (所属单位), shown next to the role. */
  unitId: number | null;
  unitName: string | null;
};

type Props = {
  account: AccountRow;
  series: SeriesOption[];
  units: UnitOption[];
  self: boolean;
  onPassword(p: { email: string; password: string }): void;
};

export function AccountRowView({ account: a, series, units, self, onPassword }: Props) {
  const [editing, setEditing] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  // Shown inside the row, so a refusal sits next to the account it is about.
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const names = new Map(series.map((s) => [s.id, s.name]));
  const seriesText = worksOnEverySeries(a)
    ? ALL_SERIES_LABEL
    : a.seriesIds.length
      ? a.seriesIds.map((id) => names.get(id) ?? id).join("、")
      : "（无）";

  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    start(async () => {
      const r = await updateAccount({
        id: a.id,
        name: String(data.get("name") ?? ""),
        role: formRole(data.get("role")),
        seriesIds: data.getAll("seriesIds").map(String),
        allSeries: data.get("allSeries") === "on",
        unitId: formUnit(data.get("unitId")),
      });
      setFields(r.ok ? {} : (r.error.fields ?? {}));
      setError(r.ok ? undefined : r.error.message);
      if (r.ok) setEditing(false);
    });
  }

  function toggleDisabled() {
    if (!a.disabled && !window.confirm(`停用 ${a.email}？其所有已登录的会话会立即退出，之后无法登录，直到重新启用。`)) return;
    start(async () => {
      const r = await setAccountDisabled({ id: a.id, disabled: !a.disabled });
      setError(r.ok ? undefined : r.error.message);
    });
  }

  function resetPassword() {
    if (!window.confirm(`为 ${a.email} 重设密码？旧密码立即失效，其所有已登录的会话都会退出。`)) return;
    start(async () => {
      const r = await resetAccountPassword({ id: a.id });
      setError(r.ok ? undefined : r.error.message);
      if (r.ok) onPassword(r.data);
    });
  }

  const button = buttonClass({ variant: "tool", size: "sm" });
  return (
    <tbody
      data-testid="user-row"
      className={`border-t border-stone-200 ${a.disabled ? "text-stone-600" : ""}`}
      aria-busy={pending || undefined}
    >
      <tr>
        <td className="px-3 py-2 font-medium">
          {a.name}
          {self ? <span className="ml-1 text-xs text-stone-600">（我）</span> : null}
        </td>
        <td className="px-3 py-2">{a.email}</td>
        <td className="px-3 py-2">
          {ROLE_LABEL[a.role]}
          {a.unitName ? <span className="ml-1 text-stone-600">（{a.unitName}）</span> : null}
        </td>
        <td className="px-3 py-2">{seriesText}</td>
        <td className="px-3 py-2">{a.disabled ? <span className="text-red-700">已停用</span> : "启用"}</td>
        <td className="px-3 py-2 text-stone-600">{a.lastSignIn}</td>
        <td className="space-x-1.5 whitespace-nowrap px-3 py-2">
          <button
            type="button"
            className={button}
            aria-expanded={editing}
            onClick={() => {
              setEditing(!editing);
              setFields({});
              setError(undefined);
            }}
          >
            修改
          </button>
          <button type="button" className={button} disabled={pending} onClick={toggleDisabled}>
            {a.disabled ? "启用" : "停用"}
          </button>
          <button type="button" className={button} disabled={pending} onClick={resetPassword}>
            重设密码
          </button>
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={7} className="px-3 pb-2">
            <p role="alert" className="rounded bg-red-50 px-3 py-1.5 text-red-800">
              {error}
            </p>
          </td>
        </tr>
      ) : null}
      {editing ? (
        <tr>
          <td colSpan={7} className="bg-stone-50 px-3 py-3">
            <form aria-label={`修改 ${a.email}`} onSubmit={save} noValidate className="space-y-3">
              <div className="grid max-w-2xl gap-3 sm:grid-cols-2">
                <Field label="姓名" error={fields.name}>
                  <Input compact name="name" defaultValue={a.name} required maxLength={40} />
                </Field>
                <RoleSelect defaultValue={a.role} error={fields.role} units={units} unitId={a.unitId} unitError={fields.unitId} />
              </div>
              <SeriesChecks series={series} selected={a.seriesIds} all={a.allSeries} />
              <div className="space-x-2">
                <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-white disabled:opacity-60">
                  保存
                </button>
                <button type="button" onClick={() => setEditing(false)} className="rounded border border-stone-300 bg-white px-3 py-1.5">
                  取消
                </button>
              </div>
            </form>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
