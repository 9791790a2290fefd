"use client";
// 关闭 / 重新开启 a call: a closed call is offered to no unit; one closed before its deadline
// counts as called off (no unit misses it), which the confirmation says.
import { useState, useTransition } from "react";
import { closeCall, reopenCall } from "@/app/(studio)/studio/calls/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function CallCloseButton({ callId, closed, beforeDeadline }: { callId: number; closed: boolean; beforeDeadline: boolean }) {
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const run = () => {
    if (
      !closed &&
      !window.confirm(
        beforeDeadline
          ? "截止时间未到。提前关闭即取消这次约稿，未响应的单位不计未响应。确定关闭？"
          : "关闭后各单位不能再响应这个约稿。确定关闭？",
      )
    )
      return;
    start(async () => {
      const r = await (closed ? reopenCall({ callId }) : closeCall({ callId }));
      setError(r.ok ? undefined : r.error.message);
    });
  };
  return (
    <>
      <Button onClick={run} disabled={pending}>
        {closed ? "重新开启" : "关闭约稿"}
      </Button>
      <Notice tone="error">{error}</Notice>
    </>
  );
}
