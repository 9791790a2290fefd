// The editor's side of the live preview: posts the text into the preview iframe a moment after
// typing stops, and follows what the frame reports back (page count, the check's problems, errors).
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import type { DraftCheck } from "@/lib/studio/check-draft";
import type { DraftFields } from "@/lib/studio/draft-fields";
import type { PreviewReady, PreviewReport, PreviewRequest } from "@/lib/studio/preview-messages";

export const DEBOUNCE_MS = 600;

export type PreviewView = { ready: boolean; pages: number | null; busy: boolean; error?: string };

/** A report answering an older request than the last one sent: a newer one is on its way. */
export const isStale = (data: PreviewReport | PreviewReady, lastSent: number) => data.type !== "jianbao:ready" && data.seq !== lastSent;

/** What a (current) message from the frame changes on screen. */
export function viewAfter(view: PreviewView, data: PreviewReport | PreviewReady): PreviewView {
  switch (data.type) {
    case "jianbao:ready":
      return { ...view, ready: true };
    case "jianbao:pages":
      return { ...view, pages: data.pages, busy: false };
    case "jianbao:check":
      return { ...view, error: undefined };
    case "jianbao:preview-error":
      return { ...view, error: data.message, busy: false };
    default:
      return view;
  }
}

type Options = { frame: RefObject<HTMLIFrameElement | null>; fields: DraftFields; body: string; onCheck(check: DraftCheck): void };

export function usePreviewFrame({ frame, fields, body, onCheck }: Options) {
  const seq = useRef(0);
  const [view, setView] = useState<PreviewView>({ ready: false, pages: null, busy: false });
  const hello = useCallback(() => frame.current?.contentWindow?.postMessage({ type: "jianbao:hello" }, window.location.origin), [frame]);
  const onCheckRef = useRef(onCheck);
  onCheckRef.current = onCheck;

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin || event.source !== frame.current?.contentWindow) return;
      const data = event.data as PreviewReport | PreviewReady;
      if (isStale(data, seq.current)) return;
      if (data.type === "jianbao:check") onCheckRef.current(data.check);
      setView((v) => viewAfter(v, data));
    }
    window.addEventListener("message", onMessage);
    // If the frame got ready before this listener existed, its message was lost: ask again.
    hello();
    return () => window.removeEventListener("message", onMessage);
  }, [hello, frame]);

  useEffect(() => {
    if (!view.ready) return;
    const timer = setTimeout(() => {
      seq.current += 1;
      setView((v) => ({ ...v, busy: true }));
      frame.current?.contentWindow?.postMessage(
        { type: "jianbao:preview", seq: seq.current, fields, body } satisfies PreviewRequest,
        window.location.origin,
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [view.ready, fields, body, frame]);

  return { ...view, hello };
}
