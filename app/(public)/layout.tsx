import Link from "next/link";
import { SearchBox } from "@/components/search/search-box";

// Pages read the SQLite index per request (sub-millisecond); nothing is frozen at build time,
// so a sync shows up without a rebuild.
export const dynamic = "force-dynamic";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen flex flex-col">
      <header className="border-b-4 border-brand bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-2xl font-bold text-brand tracking-widest">
            简报
          </Link>
          <span className="text-sm text-stone-500">公开简报档案</span>
          <nav aria-label="档案" className="ml-auto text-sm">
            <Link href="/issues" className="text-stone-600 hover:text-brand hover:underline">
              全部简报
            </Link>
          </nav>
          <SearchBox />
        </div>
      </header>
      <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-6">{children}</main>
      <footer className="border-t border-stone-200 py-4 text-center text-xs text-stone-500">简报 · Jianbao</footer>
    </div>
  );
}
