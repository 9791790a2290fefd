"use client";
// Restoring an old revision saves its text as a new revision: nothing in between is lost.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { restore } from "@/app/(studio)/studio/drafts/actions";

export function RestoreButton({
  draftId,
  revisionId,
  seq,
  baseRevisionId,
}: {
  draftId: number;
  revisionId: number;
  seq: number;
  baseRevisionId: number;
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await restore({ draftId, revisionId, baseRevisionId });
            if (r.ok) router.push(`/studio/drafts/${draftId}`);
            else setError(r.error.message);
          })
        }
        className="rounded border border-stone-300 px-2 py-0.5 text-xs hover:border-brand hover:text-brand"
      >
        恢复为第{seq}版
      </button>
      {error ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}
