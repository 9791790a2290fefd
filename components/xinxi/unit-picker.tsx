"use client";
// 约稿对象: every unit, or some picked from the unit tree. Ticking a unit ticks the units under it
// too (a city committee and its counties are usually asked together); each can still be unticked.
import { useMemo } from "react";
import { CALL_ALL_UNITS } from "@/lib/vocabulary";

export type PickableUnit = { id: number; name: string; parentId: number | null; depth: number };

type Props = {
  units: PickableUnit[];
  allUnits: boolean;
  picked: number[];
  onChange: (next: { allUnits: boolean; picked: number[] }) => void;
  error?: string;
};

export function UnitPicker({ units, allUnits, picked, onChange, error }: Props) {
  const children = useMemo(() => {
    const m = new Map<number, number[]>();
    for (const u of units) if (u.parentId !== null) m.set(u.parentId, [...(m.get(u.parentId) ?? []), u.id]);
    return m;
  }, [units]);
  const below = (id: number): number[] => {
    const out = [id];
    for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
    return out;
  };
  const chosen = new Set(picked);
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    for (const u of below(id)) on ? next.add(u) : next.delete(u);
    onChange({ allUnits, picked: units.map((u) => u.id).filter((u) => next.has(u)) });
  };
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "unit-picker-error" : undefined}>
      <legend className="mb-1">对象</legend>
      <div className="flex gap-4">
        <label className="flex items-center gap-1">
          <input type="radio" name="call-to" checked={allUnits} onChange={() => onChange({ allUnits: true, picked })} />
          {CALL_ALL_UNITS}
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="call-to" checked={!allUnits} onChange={() => onChange({ allUnits: false, picked })} />
          指定单位（已选 {picked.length} 个）
        </label>
      </div>
      {allUnits ? null : units.length === 0 ? (
        <p className="text-stone-600">单位库里还没有单位。</p>
      ) : (
        <ul className="max-h-80 overflow-y-auto rounded border border-stone-200 p-2" data-testid="unit-picker">
          {units.map((u) => (
            <li key={u.id} style={{ paddingLeft: `${u.depth * 1.25}rem` }}>
              <label className="flex items-center gap-1">
                <input type="checkbox" checked={chosen.has(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
                {u.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p id="unit-picker-error" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
