// /studio/notices: what changed for the user in 信息报送 (lib/xinxi/notices.ts), newest first, the
// ones since their last visit above a divider. Opening the page marks everything it read as seen.
import type { Metadata } from "next";
import Link from "next/link";
import { card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { markSeen, type Notice, noticesFor } from "@/lib/xinxi/notices";

export const metadata: Metadata = { title: "通知" };

function NoticeList({ notices, label }: { notices: Notice[]; label: string }) {
  return (
    <ul aria-label={label} className={`${card} divide-y divide-stone-200`}>
      {notices.map((n) => (
        <li key={n.key} data-testid="notice" className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-2.5">
          <Link
            href={n.href}
            className={n.fresh ? "font-medium hover:text-brand hover:underline" : "text-stone-700 hover:text-brand hover:underline"}
          >
            {n.text}
          </Link>
          <span className="ml-auto whitespace-nowrap text-xs text-stone-500">{when(n.at)}</span>
        </li>
      ))}
    </ul>
  );
}

export default async function NoticesPage() {
  const user = await requirePageUser("contributor", "/studio/notices");
  const now = new Date();
  const d = db();
  const { notices } = noticesFor(d, user, now);
  // Seen up to when the list was read: what happens after it stays new for the next visit.
  markSeen(d, user.id, now);
  const fresh = notices.filter((n) => n.fresh);
  const older = notices.filter((n) => !n.fresh);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">通知</h1>
      {fresh.length ? (
        <NoticeList notices={fresh} label="新通知" />
      ) : (
        <p className={`${card} px-4 py-6 text-center text-stone-600`}>没有新通知</p>
      )}
      {older.length ? (
        <>
          <h2 className="flex items-center gap-3 text-xs font-normal text-stone-500">
            <span aria-hidden="true" className="h-px flex-1 bg-stone-300" />
            以前的通知
            <span aria-hidden="true" className="h-px flex-1 bg-stone-300" />
          </h2>
          <NoticeList notices={older} label="以前的通知" />
        </>
      ) : null}
    </div>
  );
}
