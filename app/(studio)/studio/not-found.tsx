// notFound() anywhere under /studio (an unknown draft, issue or series) lands here, inside the
// studio's own header rather than the public archive's.
import Link from "next/link";

export default function StudioNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold">找不到这份稿件或页面</h1>
      <p className="mt-3 text-stone-600">它可能已被放弃或删除，或者链接有误。</p>
      <p className="mt-6">
        <Link href="/studio" className="text-brand underline">
          返回稿件列表
        </Link>
      </p>
    </div>
  );
}
