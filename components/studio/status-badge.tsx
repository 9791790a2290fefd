import type { DraftStatus } from "@/db/schema";
import { STATUS_LABEL, statusTone } from "@/lib/studio/labels";

export function StatusBadge({ status }: { status: DraftStatus | "withdrawn" }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${statusTone(status)}`}
      data-testid="status-badge"
    >
      {STATUS_LABEL[status]}
    </span>
  );
}
