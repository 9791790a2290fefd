import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/studio/sign-out-button";
import { currentUser } from "@/lib/auth/session";
import { ROLE_LABEL } from "@/lib/vocabulary";

// Every studio page reads the session and the database per request; nothing is prerendered.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "编辑室", template: "%s · 简报编辑室" }, robots: { index: false, follow: false } };

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
                <Link href="/studio" className="hover:text-brand hover:underline">
                  稿件
                </Link>
                <Link href="/studio/new" className="hover:text-brand hover:underline">
                  新建一期
                </Link>
                <Link href="/studio/presets" className="hover:text-brand hover:underline">
                  报送范围
                </Link>
                {user.role === "admin" ? (
                  <>
                    <Link href="/studio/users" className="hover:text-brand hover:underline">
                      账号
                    </Link>
                    <Link href="/studio/audit" className="hover:text-brand hover:underline">
                      审计日志
                    </Link>
                  </>
                ) : null}
                <Link href="/" className="text-stone-600 hover:text-brand hover:underline">
                  公开档案 ↗
                </Link>
              </nav>
              <div className="ml-auto flex items-center gap-3 text-sm">
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
