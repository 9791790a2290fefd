"use client";
// The live A4 preview beside the editor: an iframe holding the /print layout at its true size,
// scaled down to the column. The editor's text is posted in, debounced; pages and problems come back.
import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftCheck } from "@/lib/studio/check-draft";
import type { DraftFields } from "@/lib/studio/draft-fields";
import type { PreviewReport, PreviewRequest } from "./preview-frame";

// A4 is 794 px wide at 96 px/in; wider than the print CSS's phone breakpoint (840 px), so sheets keep their true size.
const SHEET_PX = 860;
const DEBOUNCE_MS = 600;
// One sheet (297 mm = 1123 px) with the gaps around it: what "整页" fits into the pane's height.
const SHEET_HEIGHT_PX = 1123 + 60;

type Props = { draftId: number; fields: DraftFields; body: string; onCheck(check: DraftCheck): void };

export function PreviewPane({ draftId, fields, body, onCheck }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const seq = useRef(0);
  const [ready, setReady] = useState(false);
  const [pages, setPages] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fit, setFit] = useState<"width" | "page">("width");
  const [scale, setScale] = useState(0.6);
  const hello = useCallback(() => frame.current?.contentWindow?.postMessage({ type: "jianbao:hello" }, window.location.origin), []);
  const onCheckRef = useRef(onCheck);
  onCheckRef.current = onCheck;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // "整页" fits the part of the pane that is on screen, which is less than all of it before the page scrolls.
    const visibleHeight = () =>
      Math.max(200, Math.min(el.clientHeight, window.innerHeight - Math.max(0, el.getBoundingClientRect().top) - 8));
    const measure = () => setScale(Math.min(1, el.clientWidth / SHEET_PX, fit === "page" ? visibleHeight() / SHEET_HEIGHT_PX : 1));
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, [fit]);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin || event.source !== frame.current?.contentWindow) return;
      const data = event.data as PreviewReport | { type: "jianbao:ready" };
      if (data.type === "jianbao:ready") setReady(true);
      else if (data.seq !== seq.current) return;
      else if (data.type === "jianbao:pages") {
        setPages(data.pages);
        setBusy(false);
      } else if (data.type === "jianbao:check") {
        onCheckRef.current(data.check);
        setError(undefined);
      } else if (data.type === "jianbao:preview-error") {
        setError(data.message);
        setBusy(false);
      }
    }
    window.addEventListener("message", onMessage);
    // If the frame got ready before this listener existed, its message was lost: ask again.
    hello();
    return () => window.removeEventListener("message", onMessage);
  }, [hello]);

  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => {
      seq.current += 1;
      setBusy(true);
      frame.current?.contentWindow?.postMessage(
        { type: "jianbao:preview", seq: seq.current, fields, body } satisfies PreviewRequest,
        window.location.origin,
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [ready, fields, body]);

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
