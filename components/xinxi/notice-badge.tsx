// The studio header's 通知 link with the number of notices new since the user last opened
// /studio/notices (lib/xinxi/notices.ts). A server component: counted per request, nothing cached.
import Link from "next/link";
import type { StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { freshNoticeCount, NOTICE_LIMIT } from "@/lib/xinxi/notices";

export function NoticeBadge({ user }: { user: StudioUser }) {
  let count = 0;
  try {
    count = freshNoticeCount(db(), user);
  } catch (error) {
    // The header must render even if the count cannot be had: the page itself will say what is wrong.
    console.error("xinxi:notice-count-failed", error);
  }
  const shown = count >= NOTICE_LIMIT ? `${NOTICE_LIMIT}+` : String(count);
  return (
    <Link
      href="/studio/notices"
      className="inline-flex items-center gap-1 hover:text-brand hover:underline"
      aria-label={count ? `通知（${shown}条新通知）` : "通知"}
      data-testid="notice-link"
    >
      通知
      {count ? (
        <span className="rounded-full bg-brand px-1.5 text-xs leading-5 font-medium text-white" data-testid="notice-badge">
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
