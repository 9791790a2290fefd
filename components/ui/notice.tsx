// A message in a tinted box: a refusal (read out at once), a success, or a piece of information.
// Nothing at all when there is no message, so a form can always place its notice.
import type { ReactNode } from "react";

const TONE = {
  error: "bg-red-50 text-red-800",
  success: "bg-green-50 text-green-900",
  info: "bg-sky-50 text-sky-900",
} as const;

export function Notice({ tone, className, children }: { tone: keyof typeof TONE; className?: string; children: ReactNode }) {
  if (children === undefined || children === null || children === "") return null;
  return (
    <p role={tone === "error" ? "alert" : "status"} className={["rounded px-3 py-2", TONE[tone], className].filter(Boolean).join(" ")}>
      {children}
    </p>
  );
}
