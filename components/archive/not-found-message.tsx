// What a reader sees for an unknown series, year or issue (or one not public).
import Link from "next/link";

export function NotFoundMessage() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-bold">没有找到这一页</h1>
      <p className="mt-3 text-stone-600">您要找的刊物或期号不存在，或尚未公开。</p>
      <p className="mt-6">
        <Link href="/" className="text-brand underline">
          返回首页
        </Link>
      </p>
    </div>
  );
}
