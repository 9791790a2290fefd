"use client";
import { Button } from "@/components/ui/button";
import { when } from "@/lib/format";
// Shown when a save was refused because someone else saved first: who and when, and two ways
// on — merge both sides' changes into the editor, or take the other version as it is.
import type { Conflict } from "@/lib/studio/conflict";

export function ConflictPanel({ conflict, onMerge, onTakeTheirs }: { conflict: Conflict; onMerge(): void; onTakeTheirs(): void }) {
  const { head, base } = conflict;
  return (
    <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="conflict-panel">
      <p className="font-medium">
        保存未成功：{head.authorName} 于 {when(new Date(head.createdAt))} 已把稿件保存为第{head.seq}版，而您的修改是在第{base.seq}版上做的。
      </p>
      <p className="mt-1 text-stone-700">为免互相覆盖，自动保存已暂停。您的修改还在编辑器里，没有丢失。</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button variant="primary" onClick={onMerge}>
          合并双方的修改
        </Button>
        <button type="button" onClick={onTakeTheirs} className="rounded border border-stone-400 bg-white px-3 py-1">
          放弃我的修改，载入第{head.seq}版
        </button>
      </div>
    </div>
  );
}
