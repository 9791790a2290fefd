"use client";
// What can be done to a published issue: correct it through review, withdraw it, publish it again.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { correctIssue, republishIssue, withdrawIssue } from "@/app/(studio)/studio/issues/actions";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";

type Props = {
  issueId: number;
  status: "published" | "withdrawn";
  expectedHash: string | null;
  correctionId: number | null;
  reviewer: boolean;
};

export function IssueActions({ issueId, status, expectedHash, correctionId, reviewer }: Props) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const run = (call: () => Promise<{ ok: boolean; error?: { message: string } } | undefined>) =>
    start(async () => {
      const r = await call();
      if (r && !r.ok) setError(r.error?.message);
      else router.refresh();
    });
  return (
    <section className={`space-y-3 p-4 ${card}`}>
      <h2 className="font-bold">更正与撤回</h2>
      {correctionId ? (
        <p>
          这一期有一份正在进行的更正稿：
          <Link href={`/studio/drafts/${correctionId}`} className="text-brand underline">
            继续更正
          </Link>
          。在更正稿发布之前，公众看到的仍是目前发布的版本。
        </p>
      ) : (
        <div>
          <Button disabled={pending || !expectedHash} onClick={() => run(() => correctIssue({ issueId }))}>
            发起更正
          </Button>
          <p className="mt-1 text-stone-600">更正稿从磁盘上的文件开始，同样需要审核签发；发布前公众看到的仍是现在的版本。</p>
        </div>
      )}
      {reviewer && expectedHash ? (
        status === "published" ? (
          <div className="space-y-2 border-t border-stone-100 pt-3">
            <label className="block">
              <span className="mb-1 block">撤回原因（记入审计日志）</span>
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className="w-full rounded border border-stone-300 px-2 py-1"
              />
            </label>
            <button
              type="button"
              disabled={pending || !reason.trim()}
              onClick={() => run(() => withdrawIssue({ issueId, expectedHash, reason }))}
              className="rounded border border-red-700 px-3 py-1 text-red-800 disabled:opacity-50"
            >
              撤回这一期
            </button>
            <p className="text-stone-600">撤回后公众页面、PDF 和搜索中都不再出现，文件不会删除，可以恢复。</p>
          </div>
        ) : (
          <Button variant="primary" disabled={pending} onClick={() => run(() => republishIssue({ issueId, expectedHash }))}>
            恢复发布
          </Button>
        )
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
