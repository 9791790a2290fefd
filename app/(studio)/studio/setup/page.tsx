import type { Metadata } from "next";
import Link from "next/link";
import { SetupForm } from "@/components/studio/setup-form";
import { setupTokenMatches } from "@/lib/auth/first-admin";

export const metadata: Metadata = { title: "创建第一位管理员" };

type Props = { searchParams: Promise<{ token?: string }> };

export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const valid = typeof token === "string" && token.length <= 200 && setupTokenMatches(token);
  return (
    <div className="mx-auto mt-12 max-w-md rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-xl font-bold">创建第一位管理员</h1>
      {valid ? (
        <>
          <p className="mb-5 text-sm text-stone-600">编辑室还没有任何账号。这位管理员可以再为编辑和审核人开设账号。此链接只能使用一次。</p>
          <SetupForm token={token} />
        </>
      ) : (
        <p role="alert" className="text-sm text-stone-700">
          这个设置链接无效或已失效（已用过、已过期，或已有账号）。请
          <Link href="/studio/sign-in" className="text-brand underline">
            登录
          </Link>
          ； 如果还没有任何账号，重启服务会打印新的链接，也可以在服务器上运行 <code>npm run user:add</code>。
        </p>
      )}
    </div>
  );
}
