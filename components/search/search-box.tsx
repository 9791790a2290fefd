// The header's search box: a plain GET form, so it works before (and without) any JavaScript.
export function SearchBox({ defaultValue }: { defaultValue?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a GET form with role="search" is the search landmark itself; <search> would only wrap it
    <form role="search" action="/search" method="get" className="flex min-w-0 items-center">
      <label htmlFor="site-search" className="sr-only">
        搜索简报
      </label>
      <input
        id="site-search"
        type="search"
        name="q"
        defaultValue={defaultValue}
        placeholder="搜索简报"
        maxLength={100}
        className="w-32 min-w-0 rounded-l border border-r-0 border-stone-300 px-2 py-1 text-sm focus:border-brand focus:outline-none sm:w-48"
      />
      <button type="submit" className="rounded-r border border-brand bg-brand px-3 py-1 text-sm text-white hover:opacity-90">
        搜索
      </button>
    </form>
  );
}
