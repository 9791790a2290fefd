"use client";
// 单位库 for admins: the new-unit form, 导入单位库, and the tree as an indented table whose rows
// fold out their edit form, like the accounts page.
import { useState, useTransition } from "react";
import {
  createUnitAction,
  deleteUnitAction,
  importUnitsAction,
  setUnitDisabledAction,
  updateUnitAction,
} from "@/app/(studio)/studio/units/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { UNIT_LEVEL_LABEL } from "@/lib/vocabulary";
import { UnitForm, type UnitView } from "./unit-form";

export type { UnitView };

export function UnitsAdmin({ units }: { units: UnitView[] }) {
  const [added, setAdded] = useState<string>();
  return (
    <>
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="new-unit-title" className={`space-y-3 p-4 ${card}`}>
          <h2 id="new-unit-title" className="font-bold">
            新增单位
          </h2>
          <UnitForm
            label="新增单位"
            units={units.filter((u) => !u.disabled)}
            submit="新增"
            onSave={async (fields) => {
              const r = await createUnitAction(fields);
              setAdded(r.ok ? `已新增「${fields.name.trim()}」` : undefined);
              return r;
            }}
          />
          <Notice tone="success">{added}</Notice>
        </section>
        <ImportUnitsForm />
      </div>
      <div className="overflow-x-auto rounded border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">单位库</caption>
          <thead className="bg-stone-50 text-stone-600">
            <tr>
              {["名称", "简称", "级别", "联系人", "电话", "邮箱", "报送员", "状态", "操作"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          {units.map((u) => (
            <UnitRowView key={u.id} unit={u} units={units} />
          ))}
        </table>
        {units.length === 0 ? <p className="px-3 py-4 text-stone-600">单位库还是空的：新增单位，或导入单位库文件。</p> : null}
      </div>
    </>
  );
}

function ImportUnitsForm() {
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [summary, setSummary] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <form
      aria-label="导入单位库"
      action={(form) =>
        start(async () => {
          const r = await importUnitsAction(form);
          setError(r.ok ? undefined : r.error.message);
          setProblems(r.ok && !r.data.ok ? r.data.problems : []);
          setSummary(r.ok && r.data.ok ? `导入完成：新增 ${r.data.added}、更新 ${r.data.updated}、未变 ${r.data.unchanged}` : undefined);
        })
      }
      className={`space-y-3 p-4 ${card}`}
    >
      <h2 className="font-bold">导入单位库</h2>
      <p className="text-stone-600">
        上传 .csv 或 .xlsx，表头须有 名称、简称、上级、级别（可另有
        联系人、电话、邮箱）。按名称更新已有单位、新增其余单位；文件有任何问题则一条也不导入。
      </p>
      <Field label="文件" strong>
        <input name="file" type="file" required accept=".csv,.xlsx,text/csv" className="block w-full text-sm" />
      </Field>
      <Notice tone="error">{error}</Notice>
      {problems.length ? (
        <div role="alert" className="space-y-1 rounded bg-red-50 px-3 py-2 text-red-800">
          <p>文件有 {problems.length} 处问题，单位库没有任何改动：</p>
          <ul className="list-inside list-disc font-mono text-xs" data-testid="import-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Notice tone="success">{summary}</Notice>
      <Button type="submit" disabled={pending} variant="outline">
        {pending ? "正在导入…" : "导入"}
      </Button>
    </form>
  );
}

function UnitRowView({ unit: u, units }: { unit: UnitView; units: UnitView[] }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const button = buttonClass({ variant: "tool", size: "sm" });

  function toggle() {
    if (!u.disabled && !window.confirm(`停用「${u.name}」？停用后不再出现在表单和单位建议中，已有记录保留。`)) return;
    start(async () => {
      const r = await setUnitDisabledAction({ id: u.id, disabled: !u.disabled });
      setError(r.ok ? undefined : r.error.message);
    });
  }

  function remove() {
    if (!window.confirm(`删除「${u.name}」？`)) return;
    start(async () => {
      const r = await deleteUnitAction({ id: u.id });
      setError(r.ok ? undefined : r.error.message);
    });
  }

  return (
    <tbody
      data-testid="unit-row"
      data-depth={u.depth}
      className={`border-t border-stone-200 ${u.disabled ? "text-stone-500" : ""}`}
      aria-busy={pending || undefined}
    >
      <tr>
        <th scope="row" className="px-3 py-2 font-medium" style={{ paddingLeft: `${0.75 + u.depth * 1.5}rem` }}>
          {u.depth ? <span className="mr-1 text-stone-400">└</span> : null}
          {u.name}
        </th>
        <td className="px-3 py-2">{u.shortName ?? ""}</td>
        <td className="whitespace-nowrap px-3 py-2">{UNIT_LEVEL_LABEL[u.level]}</td>
        <td className="px-3 py-2">{u.contactName ?? ""}</td>
        <td className="px-3 py-2">{u.contactPhone ?? ""}</td>
        <td className="px-3 py-2">{u.contactEmail ?? ""}</td>
        <td className="px-3 py-2 text-right tabular-nums">{u.contributors}</td>
        <td className="whitespace-nowrap px-3 py-2">{u.disabled ? <span className="text-red-700">已停用</span> : "启用"}</td>
        <td className="space-x-1.5 whitespace-nowrap px-3 py-2">
          <button
            type="button"
            className={button}
            aria-expanded={editing}
            aria-label={`修改「${u.name}」`}
            onClick={() => {
              setEditing(!editing);
              setError(undefined);
            }}
          >
            修改
          </button>
          <button type="button" className={button} disabled={pending} onClick={toggle}>
            {u.disabled ? "启用" : "停用"}
          </button>
          {u.deletable ? (
            <button type="button" className={button} disabled={pending} onClick={remove}>
              删除
            </button>
          ) : null}
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={9} className="px-3 pb-2">
            <p role="alert" className="rounded bg-red-50 px-3 py-1.5 text-red-800">
              {error}
            </p>
          </td>
        </tr>
      ) : null}
      {editing ? (
        <tr>
          <td colSpan={9} className="bg-stone-50 px-3 py-3">
            <UnitForm
              label={`修改「${u.name}」`}
              units={units.filter((o) => !o.disabled || o.id === u.parentId)}
              unit={u}
              submit="保存"
              onSave={async (fields) => {
                const r = await updateUnitAction({ id: u.id, ...fields });
                if (r.ok) setEditing(false);
                return r;
              }}
              onCancel={() => setEditing(false)}
            />
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
