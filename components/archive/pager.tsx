// Page links for a long list: previous/next, the first and last page, and two either side.
import Link from "next/link";
import { pageWindow } from "@/lib/pagination";

const linkClass = "rounded border border-stone-300 bg-white px-3 py-1.5 hover:border-brand hover:text-brand";

export function Pager({ page, pages, hrefOf }: { page: number; pages: number; hrefOf: (page: number) => string }) {
  if (pages <= 1) return null;
  const window = pageWindow(page, pages);
  return (
    <nav aria-label="分页" className="mt-6 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 ? (
        <Link href={hrefOf(page - 1)} rel="prev" className={linkClass}>
          上一页
        </Link>
      ) : null}
      {window.map((p, k) => (
        <span key={p} className="flex items-center gap-2">
          {k > 0 && p - window[k - 1]! > 1 ? <span className="text-stone-400">…</span> : null}
          {p === page ? (
            <span aria-current="page" className="rounded bg-brand px-3 py-1.5 text-white">
              {p}
            </span>
          ) : (
            <Link href={hrefOf(p)} className={linkClass}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pages ? (
        <Link href={hrefOf(page + 1)} rel="next" className={linkClass}>
          下一页
        </Link>
      ) : null}
    </nav>
  );
}
