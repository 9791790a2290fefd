"use client";
// The issue's frontmatter as a form: title lines, date, issuing body, marking, visibility, editor,
// print run, 编者按 and the 报/送/发 lists (from the series' defaults and saved presets).
// Problems the loader found show under the field they belong to.
import type { Distribution } from "@/lib/content/schema";
import type { DraftFields } from "@/lib/studio/draft-fields";
import { DISTRIBUTION_KINDS, DISTRIBUTION_LABEL, VISIBILITY_LABEL } from "@/lib/vocabulary";
import { TagInput } from "./tag-input";

export type Preset = { id: number; name: string } & Distribution;

type Props = {
  fields: DraftFields;
  onChange(next: DraftFields): void;
  errors: Partial<Record<keyof DraftFields, string[]>>;
  readOnly: boolean;
  suggestions: string[];
  presets: Preset[];
  seriesDefaults: { organization: string; editor: string; distribution: DraftFields["distribution"] };
};

const input =
  "w-full rounded border border-stone-300 bg-white px-2 py-1.5 text-sm disabled:bg-stone-100 aria-[invalid=true]:border-red-600";

function Errors({ id, list }: { id: string; list?: string[] }) {
  if (!list?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-red-700" data-testid={`field-error-${id.replace(/^err-/, "")}`}>
      {list.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

type Part = Props & { part: "head" | "tail" };

/** The form in two parts around the body editor: what every issue fills in (head), and the
 * rarer 副标题, 编者按 and 报送范围 (tail), so the body is in view without scrolling. */
export function IssueForm({ fields, onChange, errors, readOnly, suggestions, presets, seriesDefaults, part }: Part) {
  const set = <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => onChange({ ...fields, [key]: value });
  const text = (
    key: "date" | "organization" | "marking" | "editor" | "copies" | "total" | "subtitle",
    label: string,
    extra: { placeholder?: string; inputMode?: "numeric"; type?: string } = {},
  ) => (
    <label className="block text-sm">
      <span className="mb-0.5 block font-medium">{label}</span>
      <input
        name={key}
        value={fields[key]}
        onChange={(e) => set(key, e.target.value)}
        disabled={readOnly}
        aria-invalid={errors[key]?.length ? true : undefined}
        aria-describedby={errors[key]?.length ? `err-${key}` : undefined}
        className={input}
        {...extra}
      />
      <Errors id={`err-${key}`} list={errors[key]} />
    </label>
  );
  const lines = fields.titleLines.length ? fields.titleLines : [""];
  if (part === "head") {
    return (
      <fieldset className="space-y-3" disabled={readOnly}>
        <legend className="sr-only">期刊信息</legend>
        <div>
          <span className="mb-0.5 block text-sm font-medium">标题（每行一栏，最多 4 行）</span>
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the title lines are controlled inputs whose position is their identity (line 1, line 2…)
            <div key={i} className="mb-1 flex gap-1">
              <input
                aria-label={`标题第${i + 1}行`}
                value={line}
                onChange={(e) =>
                  set(
                    "titleLines",
                    lines.map((l, j) => (j === i ? e.target.value : l)),
                  )
                }
                aria-invalid={errors.titleLines?.length ? true : undefined}
                className={input}
              />
              {lines.length > 1 ? (
                <button
                  type="button"
                  aria-label={`删除第${i + 1}行标题`}
                  onClick={() =>
                    set(
                      "titleLines",
                      lines.filter((_, j) => j !== i),
                    )
                  }
                  className="rounded border border-stone-300 px-2 text-stone-600"
                >
                  ×
                </button>
              ) : null}
            </div>
          ))}
          {lines.length < 4 && !readOnly ? (
            <button type="button" onClick={() => set("titleLines", [...lines, ""])} className="text-xs text-brand underline">
              加一行标题
            </button>
          ) : null}
          <Errors id="err-titleLines" list={errors.titleLines} />
        </div>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-3">
          {text("date", "日期", { type: "date" })}
          {text("editor", "责任编辑", { placeholder: seriesDefaults.editor })}
          {text("organization", "编印单位", { placeholder: seriesDefaults.organization })}
          {text("marking", "密级或标注", { placeholder: "如：内部资料 注意保存" })}
          {text("copies", "印数（份）", { inputMode: "numeric" })}
          <label className="block text-sm">
            <span className="mb-0.5 block font-medium">可见范围</span>
            <select
              name="visibility"
              value={fields.visibility}
              onChange={(e) => set("visibility", e.target.value === "internal" ? "internal" : "public")}
              className={input}
            >
              <option value="public">{VISIBILITY_LABEL.public}</option>
              <option value="internal">{VISIBILITY_LABEL.internal}（仅登录用户可见）</option>
            </select>
          </label>
        </div>
      </fieldset>
    );
  }
  return (
    <fieldset className="space-y-3" disabled={readOnly}>
      <legend className="sr-only">副标题、编者按与报送范围</legend>
      {text("subtitle", "副标题")}
      <label className="block text-sm">
        <span className="mb-0.5 block font-medium">编者按</span>
        <textarea
          name="preface"
          rows={3}
          value={fields.preface}
          onChange={(e) => set("preface", e.target.value)}
          aria-invalid={errors.preface?.length ? true : undefined}
          className={input}
        />
        <Errors id="err-preface" list={errors.preface} />
      </label>
      <div className="space-y-2 rounded border border-stone-200 bg-stone-50 p-3">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">报送范围</span>
          {!readOnly ? (
            <>
              <button
                type="button"
                onClick={() => set("distribution", seriesDefaults.distribution)}
                className="rounded border border-stone-300 bg-white px-2 py-0.5 text-xs"
              >
                用刊物默认
              </button>
              {presets.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  onClick={() => set("distribution", { report: p.report, send: p.send, issue: p.issue })}
                  className="rounded border border-stone-300 bg-white px-2 py-0.5 text-xs"
                  title="套用这个常用范围"
                >
                  套用「{p.name}」
                </button>
              ))}
            </>
          ) : null}
        </div>
        {DISTRIBUTION_KINDS.map((kind) => (
          <TagInput
            key={kind}
            name={`distribution.${kind}`}
            label={DISTRIBUTION_LABEL[kind]}
            value={fields.distribution[kind]}
            onChange={(v) => set("distribution", { ...fields.distribution, [kind]: v })}
            suggestions={suggestions}
          />
        ))}
        <Errors id="err-distribution" list={errors.distribution} />
      </div>
    </fieldset>
  );
}
