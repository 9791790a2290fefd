import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/studio/sign-in-form";
import { currentUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/studio/return-path";

export const metadata: Metadata = { title: "登录" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error } = await searchParams;
  const next = safeReturnPath(callbackUrl);
  if (await currentUser()) redirect(next);
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-bold">登录编辑室</h1>
      <p className="mb-5 text-sm text-stone-600">用管理员为您开设的账号登录。</p>
      <SignInForm callbackUrl={next} initialError={error && error !== "SessionRequired" ? "登录未完成，请重试" : undefined} />
    </div>
  );
}
