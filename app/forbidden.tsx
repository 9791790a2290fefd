// Next renders this, with status 403, wherever forbidden() is called: a studio page opened by a
// signed-in user whose role is too low for it. Next adds the noindex tag itself.
import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">无权访问</h1>
      <p className="mt-3 text-stone-600">无权访问：您的账号没有打开这个页面的权限。</p>
      <p className="mt-2 text-sm text-stone-500">如需此权限，请联系管理员。</p>
      <p className="mt-6">
        <Link href="/studio" className="text-brand underline">
          返回编辑室
        </Link>
      </p>
    </main>
  );
}
