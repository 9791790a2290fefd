import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { PresetsEditor } from "@/components/studio/presets-editor";
import { card } from "@/components/ui/card";
import { FilterForm } from "@/components/ui/filter-form";
import { listSeries } from "@/db/queries/archive";
import { listPresets } from "@/db/queries/studio/presets";
import { unitNameSuggestions } from "@/db/queries/xinxi/units";
import { mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { type Distribution, seriesSchema } from "@/lib/content/schema";
import { db } from "@/lib/database";
import { DISTRIBUTION_KINDS, DISTRIBUTION_LABEL } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "常用报送范围" };

type Props = { searchParams: Promise<{ series?: string | string[] }> };

export default async function PresetsPage({ searchParams }: Props) {
  const user = await requirePageUser("editor", "/studio/presets");
  const asked = [(await searchParams).series].flat()[0];
  const all = listSeries(db());
  const mine = all.filter((s) => mayWorkOn(user, s.id));
  if (asked && !all.some((s) => s.id === asked)) notFound();
  if (asked && !mayWorkOn(user, asked)) forbidden();
  const current = mine.find((s) => s.id === asked) ?? mine[0];
  if (!current) {
    return <p className={`mx-auto max-w-lg p-4 ${card}`}>您还没有负责的刊物。请管理员在「账号」中为您指定刊物。</p>;
  }
  const parsed = seriesSchema.safeParse(current.definition);
  const defaults: Distribution = parsed.success ? parsed.data.distribution : { report: [], send: [], issue: [] };
  const presets = listPresets(db(), current.id).map((p) => ({ id: p.id, name: p.name, report: p.report, send: p.send, issue: p.issue }));
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">常用报送范围</h1>
        <FilterForm
          action="/studio/presets"
          id="preset-series"
          name="series"
          label="刊物"
          defaultValue={current.id}
          options={mine.map((s) => ({ value: s.id, label: s.name }))}
          submit="切换"
        />
      </div>
      <p className="text-sm text-stone-600">为「{current.name}」保存几组常用的报、送、发单位，编辑稿件时可一次选用，不必逐个输入。</p>
      <PresetsEditor key={current.id} seriesId={current.id} presets={presets} defaults={defaults} units={unitNameSuggestions(db())} />
      <section aria-labelledby="defaults-title" className={`space-y-2 p-4 ${card}`}>
        <h2 id="defaults-title" className="font-bold">
          刊物定义中的默认报送范围（只读）
        </h2>
        {parsed.success ? null : <p className="text-red-800">这份刊物的定义文件有错误，暂时读不出默认范围。</p>}
        <dl className="grid grid-cols-[2em_1fr] gap-y-1">
          {DISTRIBUTION_KINDS.map((k) => (
            <div key={k} className="contents">
              <dt className="text-stone-600">{DISTRIBUTION_LABEL[k]}</dt>
              <dd>{defaults[k].length ? defaults[k].join("、") : <span className="text-stone-600">（无）</span>}</dd>
            </div>
          ))}
        </dl>
        <p className="text-stone-600">默认范围写在刊物的定义文件里，需要修改请联系维护内容仓库的同事。</p>
      </section>
    </div>
  );
}
