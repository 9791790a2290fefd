"use client";
// The live A4 preview beside the editor: an iframe holding the /print layout at its true size,
// scaled down to the column. The editor's text is posted in, debounced; pages and problems come back.
import { useRef, useState } from "react";
import { type Fit, SHEET_PX, useFitScale } from "@/hooks/use-fit-scale";
import { usePreviewFrame } from "@/hooks/use-preview-frame";
import type { DraftCheck } from "@/lib/studio/check-draft";
import type { DraftFields } from "@/lib/studio/draft-fields";

type Props = { draftId: number; fields: DraftFields; body: string; onCheck(check: DraftCheck): void };

export function PreviewPane({ draftId, fields, body, onCheck }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<Fit>("width");
  const scale = useFitScale(box, fit);
  const { pages, busy, error, hello } = usePreviewFrame({ frame, fields, body, onCheck });

  return (
    <section aria-label="A4 预览" className="flex h-full flex-col">
      <div className="mb-1 flex items-center gap-3 text-sm">
        <span className="font-medium">A4 预览</span>
        <span data-testid="preview-pages" aria-live="polite" className="text-stone-600">
          {pages === null ? "排版中…" : `共 ${pages} 页`}
        </span>
        {busy ? <span className="text-xs text-stone-600">更新中…</span> : null}
        {error ? (
          <span role="alert" className="text-xs text-red-700">
            {error}
          </span>
        ) : null}
        {/* biome-ignore lint/a11y/useSemanticElements: a toggle of two buttons, not a form's fieldset */}
        <span className="ml-auto inline-flex overflow-hidden rounded border border-stone-300 text-xs" role="group" aria-label="预览大小">
          {(["width", "page"] as const).map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={fit === f}
              onClick={() => setFit(f)}
              className={`px-2 py-0.5 ${fit === f ? "bg-stone-700 text-white" : "bg-white"}`}
            >
              {f === "width" ? "适合宽度" : "整页"}
            </button>
          ))}
        </span>
      </div>
      <div ref={box} className="relative flex-1 overflow-auto rounded border border-stone-300 bg-stone-400/40">
        <iframe
          ref={frame}
          title="A4 预览"
          src={`/studio/drafts/${draftId}/preview`}
          data-testid="preview-iframe"
          onLoad={hello}
          style={{
            width: SHEET_PX,
            height: `calc(${100 / scale}% - 2px)`,
            transform: `scale(${scale})`,
            transformOrigin: fit === "page" ? "50% 0" : "0 0",
            marginLeft: fit === "page" ? `calc(50% - ${SHEET_PX / 2}px)` : 0,
            border: 0,
            background: "#e7e5e4",
          }}
        />
      </div>
    </section>
  );
}
