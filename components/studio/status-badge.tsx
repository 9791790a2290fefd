// A draft's status as a coloured word, in the lists and on the draft's page.
import type { DraftStatus } from "@/db/schema";
import { STATUS_LABEL } from "@/lib/vocabulary";

const STATUS_TONE: Record<DraftStatus | "withdrawn", string> = {
  draft: "bg-stone-200 text-stone-800",
  submitted: "bg-amber-100 text-amber-900",
  approved: "bg-sky-100 text-sky-900",
  published: "bg-green-100 text-green-900",
  abandoned: "bg-stone-100 text-stone-500",
  withdrawn: "bg-red-100 text-red-900",
};

export function StatusBadge({ status }: { status: DraftStatus | "withdrawn" }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[status]}`}
      data-testid="status-badge"
    >
      {STATUS_LABEL[status]}
    </span>
  );
}
