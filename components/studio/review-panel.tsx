"use client";
// The draft's way through review: its history (submissions, comments, returns, 签发) and the
// actions open to this user now. The server checks every one of them again.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  abandon,
  approve,
  cancelSchedule,
  commentOnDraft,
  publishNow,
  returnToEditor,
  schedulePublish,
} from "@/app/(studio)/studio/drafts/actions";
import { card } from "@/components/ui/card";
import type { DraftStatus, Role } from "@/db/schema";
import { when } from "@/lib/format";
import type { ActionResult } from "@/lib/studio/action";
import { isOpen } from "@/lib/vocabulary";

export type ReviewEvent = { id: number; action: string; comment: string | null; actorName: string; createdAt: string };

const ACTION_LABEL: Record<string, string> = {
  submit: "提交审核",
  comment: "意见",
  return: "退回修改",
  approve: "签发",
  publish: "发布",
  schedule: "定时发布",
  unschedule: "取消定时",
  abandon: "放弃",
};

type Props = {
  draftId: number;
  status: DraftStatus;
  role: Role;
  isCreator: boolean;
  approvedByName: string | null;
  approvedAt: string | null;
  scheduledAt: string | null;
  events: ReviewEvent[];
  headRevisionId: number;
  publicHref: string | null;
};

export function ReviewPanel(p: Props) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [at, setAt] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string }>();
  const [pending, start] = useTransition();
  const reviewer = p.role !== "editor";

  function run(label: string, call: () => Promise<ActionResult<unknown>>, after?: () => void) {
    start(async () => {
      const r = await call();
      if (r.ok) {
        setMessage({ tone: "ok", text: `已${label}` });
        after?.();
        router.refresh();
      } else setMessage({ tone: "error", text: r.error.message });
    });
  }

  const btn = "rounded px-3 py-1 text-sm disabled:opacity-50";
  return (
    <section aria-label="审核" className={`space-y-3 p-3 ${card}`}>
      <h2 className="font-bold">审核与发布</h2>
      {p.approvedByName ? (
        <p data-testid="signer">
          签发人：{p.approvedByName}（{when(p.approvedAt ? new Date(p.approvedAt) : null)}）
        </p>
      ) : null}
      {p.scheduledAt ? <p>定于 {when(new Date(p.scheduledAt))} 发布</p> : null}
      <ol className="max-h-56 space-y-1.5 overflow-auto" data-testid="review-events">
        {p.events.map((e) => (
          <li key={e.id} className="border-l-2 border-stone-300 pl-2">
            <span className="font-medium">{e.actorName}</span> {ACTION_LABEL[e.action] ?? e.action}{" "}
            <span className="text-xs text-stone-600">{when(new Date(e.createdAt))}</span>
            {e.comment ? <p className="whitespace-pre-wrap text-stone-700">{e.comment}</p> : null}
          </li>
        ))}
        {p.events.length === 0 ? <li className="text-stone-600">尚未提交审核。</li> : null}
      </ol>
      {isOpen(p.status) ? (
        <>
          <label className="block">
            <span className="sr-only">意见</span>
            <textarea
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={2}
              placeholder="写下意见（退回时必填）"
              className="w-full rounded border border-stone-300 px-2 py-1"
            />
          </label>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              disabled={pending || !comment.trim()}
              onClick={() =>
                run(
                  "发表意见",
                  () => commentOnDraft({ draftId: p.draftId, comment }),
                  () => setComment(""),
                )
              }
              className={`${btn} border border-stone-300`}
            >
              发表意见
            </button>
            {reviewer && p.status !== "draft" ? (
              <button
                type="button"
                disabled={pending}
                onClick={() =>
                  run(
                    "退回",
                    () => returnToEditor({ draftId: p.draftId, comment }),
                    () => setComment(""),
                  )
                }
                className={`${btn} border border-amber-600 text-amber-800`}
              >
                退回修改
              </button>
            ) : null}
            {reviewer && p.status === "submitted" ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => run("签发", () => approve({ draftId: p.draftId, revisionId: p.headRevisionId }))}
                className={`${btn} bg-sky-700 text-white`}
              >
                签发
              </button>
            ) : null}
            {reviewer && p.status === "approved" ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => run("发布", () => publishNow({ draftId: p.draftId }))}
                className={`${btn} bg-brand text-white`}
              >
                立即发布
              </button>
            ) : null}
            {p.status === "draft" && (p.isCreator || reviewer) ? (
              <button
                type="button"
                disabled={pending}
                onClick={() =>
                  confirm("放弃后稿件不再可编辑，期号将释放。确定放弃？") &&
                  run("放弃", () => abandon({ draftId: p.draftId, comment: comment || undefined }))
                }
                className={`${btn} border border-stone-300 text-stone-600`}
              >
                放弃稿件
              </button>
            ) : null}
          </div>
          {reviewer && p.status === "approved" ? (
            <div className="flex flex-wrap items-end gap-2">
              <label className="block">
                <span className="block text-xs text-stone-600">定时发布（北京时间）</span>
                <input
                  type="datetime-local"
                  value={at}
                  onChange={(e) => setAt(e.target.value)}
                  className="rounded border border-stone-300 px-2 py-1"
                />
              </label>
              <button
                type="button"
                disabled={pending || !at}
                onClick={() => run("设定定时发布", () => schedulePublish({ draftId: p.draftId, at: `${at}:00+08:00` }))}
                className={`${btn} border border-stone-300`}
              >
                定时发布
              </button>
              {p.scheduledAt ? (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => run("取消定时", () => cancelSchedule({ draftId: p.draftId }))}
                  className={`${btn} border border-stone-300`}
                >
                  取消定时
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
      {p.publicHref ? (
        <p>
          <a href={p.publicHref} className="text-brand underline">
            查看公开页面
          </a>
        </p>
      ) : null}
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-red-700" : "text-green-800"}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
