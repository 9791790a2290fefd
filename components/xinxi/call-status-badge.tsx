// A 约稿's state, and a unit's answer to one, as coloured words on the call pages.

import { CALL_ANSWER_LABEL, CALL_STATUS_LABEL } from "@/lib/vocabulary";
import type { AnswerState, CallStatus } from "@/lib/xinxi/calls";

const STATUS_TONE: Record<CallStatus, string> = {
  open: "bg-green-100 text-green-900",
  past: "bg-amber-100 text-amber-900",
  closed: "bg-stone-200 text-stone-700",
};

const ANSWER_TONE: Record<AnswerState, string> = {
  "on-time": "bg-green-100 text-green-900",
  late: "bg-amber-100 text-amber-900",
  missed: "bg-red-100 text-red-900",
  open: "bg-stone-100 text-stone-700",
  void: "bg-stone-100 text-stone-500",
};

const badge = "inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium";

export function CallStatusBadge({ status }: { status: CallStatus }) {
  return <span className={`${badge} ${STATUS_TONE[status]}`}>{CALL_STATUS_LABEL[status]}</span>;
}

export function AnswerBadge({ state }: { state: AnswerState }) {
  return <span className={`${badge} ${ANSWER_TONE[state]}`}>{CALL_ANSWER_LABEL[state]}</span>;
}
