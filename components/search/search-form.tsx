// The search page's form: the query and its filters (series with match counts, year range,
// issuing body, order). A plain GET form: every search is a URL a reader can share.
import type { SearchParams } from "@/lib/search/params";

type Option = { value: string; label: string };

const field = "rounded border border-stone-300 bg-white px-2 py-1.5 text-sm focus:border-brand focus:outline-none";

function Select({
  id,
  name,
  label,
  value,
  options,
  all,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  options: Option[];
  all: string;
}) {
  return (
    <label htmlFor={id} className="flex flex-col gap-1 text-sm text-stone-600">
      {label}
      <select id={id} name={name} defaultValue={value ?? ""} className={field}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SearchForm({
  params,
  series,
  years,
  organizations,
}: {
  params: SearchParams;
  series: { id: string; name: string; count?: number }[];
  years?: { min: number; max: number };
  organizations: { name: string; count: number }[];
}) {
  const yearOptions: Option[] = [];
  if (years) for (let y = years.max; y >= years.min; y--) yearOptions.push({ value: String(y), label: `${y}年` });
  const orgs =
    organizations.some((o) => o.name === params.org) || !params.org ? organizations : [{ name: params.org, count: 0 }, ...organizations];
  return (
    <form action="/search" method="get" className="rounded border border-stone-200 bg-stone-50 p-4">
      <div className="flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          搜索词
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={params.query.text}
          placeholder="输入关键词，如：长治、双减、2022年"
          maxLength={100}
          className={`${field} min-w-0 flex-1 text-base`}
        />
        <button type="submit" className="rounded bg-brand px-4 py-1.5 text-white hover:opacity-90">
          搜索
        </button>
      </div>
      <fieldset className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <legend className="sr-only">筛选</legend>
        <Select
          id="search-series"
          name="series"
          label="刊物"
          value={params.series}
          all="全部刊物"
          options={series.map((s) => ({ value: s.id, label: s.count === undefined ? s.name : `${s.name}（${s.count}）` }))}
        />
        <Select id="search-from" name="from" label="起始年份" value={params.from?.toString()} all="不限" options={yearOptions} />
        <Select id="search-to" name="to" label="截止年份" value={params.to?.toString()} all="不限" options={yearOptions} />
        <Select
          id="search-org"
          name="org"
          label="编发单位"
          value={params.org}
          all="全部单位"
          options={orgs.map((o) => ({ value: o.name, label: o.name }))}
        />
        <label htmlFor="search-sort" className="flex flex-col gap-1 text-sm text-stone-600">
          排序
          <select id="search-sort" name="sort" defaultValue={params.sort} className={field}>
            <option value="relevance">按相关度</option>
            <option value="date">按日期（新→旧）</option>
          </select>
        </label>
      </fieldset>
    </form>
  );
}
