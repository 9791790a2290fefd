"use client";
// Where adopted text goes, for 采用 and 综合 alike: 新建一期 (the next number) or one of the open
// drafts of the series, and the value the actions take for it.
import { Field, Select } from "@/components/ui/field";

export type DraftOption = { id: number; label: string };

/** The select's value as the adopt actions take it: "new", or a draft's id. */
export const draftTarget = (value: string): "new" | number => (value === "new" ? "new" : Number(value));

export function DraftTargetField({
  label,
  drafts,
  value,
  onChange,
  error,
}: {
  label: string;
  drafts: DraftOption[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field label={label} strong error={error}>
      <Select
        name="target"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        options={[{ value: "new", label: "新建一期（下一个期号）" }, ...drafts.map((d) => ({ value: String(d.id), label: d.label }))]}
      />
    </Field>
  );
}
