import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/studio/sign-out-button";
import { NoticeBadge } from "@/components/xinxi/notice-badge";
import { roleAtLeast } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { currentUser } from "@/lib/auth/session";
import { ROLE_LABEL } from "@/lib/vocabulary";

// Every studio page reads the session and the database per request; nothing is prerendered.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "编辑室", template: "%s · 简报编辑室" }, robots: { index: false, follow: false } };

type NavItem = { href: string; label: string; from: Role; only?: Role };

// In the order shown. A contributor (报送员) sees only the 信息报送 pages of their unit.
const NAV: NavItem[] = [
  { href: "/studio", label: "稿件", from: "editor" },
  { href: "/studio/new", label: "新建一期", from: "editor" },
  { href: "/studio/submissions", label: "信息报送", from: "contributor" },
  { href: "/studio/calls", label: "约稿", from: "contributor" },
  { href: "/studio/stats", label: "报送统计", from: "editor" },
  { href: "/studio/presets", label: "报送范围", from: "editor" },
  { href: "/studio/units", label: "单位库", from: "admin" },
  { href: "/studio/users", label: "账号", from: "admin" },
  { href: "/studio/audit", label: "审计日志", from: "admin" },
];

const navFor = (role: Role) => NAV.filter((item) => roleAtLeast(role, item.from));

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <div className="min-h-screen flex flex-col bg-stone-100">
      <header className="border-b-4 border-brand bg-white">
        <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2.5">
          <Link href="/studio" className="text-xl font-bold tracking-widest text-brand">
            简报编辑室
          </Link>
          {user ? (
            <>
              <nav aria-label="编辑室" className="flex flex-wrap gap-4 text-sm">
                {navFor(user.role).map((item) => (
                  <Link key={item.href} href={item.href} className="hover:text-brand hover:underline">
                    {item.label}
                  </Link>
                ))}
                <Link href="/" className="text-stone-600 hover:text-brand hover:underline">
                  公开档案 ↗
                </Link>
              </nav>
              <div className="ml-auto flex items-center gap-3 text-sm">
                <NoticeBadge user={user} />
                <Link href="/studio/account" className="hover:underline" data-testid="studio-user">
                  {user.name}（{ROLE_LABEL[user.role]}）
                </Link>
                <SignOutButton />
              </div>
            </>
          ) : (
            <Link href="/" className="ml-auto text-sm text-stone-600 hover:text-brand hover:underline">
              公开档案
            </Link>
          )}
        </div>
      </header>
      <main className="mx-auto w-full max-w-[1600px] flex-1 px-4 py-5">{children}</main>
    </div>
  );
}
