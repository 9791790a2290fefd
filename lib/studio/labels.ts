// The studio's words for states and times.
import type { DraftStatus } from "@/db/schema";

export const STATUS_LABEL: Record<DraftStatus | "withdrawn", string> = {
  draft: "草稿",
  submitted: "待审",
  approved: "已签发",
  published: "已发布",
  abandoned: "已放弃",
  withdrawn: "已撤回",
};

const STATUS_TONE: Record<DraftStatus | "withdrawn", string> = {
  draft: "bg-stone-200 text-stone-800",
  submitted: "bg-amber-100 text-amber-900",
  approved: "bg-sky-100 text-sky-900",
  published: "bg-green-100 text-green-900",
  abandoned: "bg-stone-100 text-stone-500",
  withdrawn: "bg-red-100 text-red-900",
};

export const statusTone = (s: DraftStatus | "withdrawn") => STATUS_TONE[s];

/** 2026-11-29 14:05 in Beijing time, whatever the server's zone. */
export function when(d: Date | null | undefined): string {
  if (!d) return "";
  const parts = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
