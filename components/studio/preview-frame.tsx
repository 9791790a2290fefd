"use client";
// Inside the preview's iframe: takes the form and body the editor posts (same origin only),
// renders them through the server's OfficialLayout, and reports the page count once paginated.
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { previewDraft } from "@/app/(studio)/studio/drafts/actions";
import type { PreviewReport, PreviewRequest } from "@/lib/studio/preview-messages";

export function PreviewFrame({ draftId, unavailable, children }: { draftId: number; unavailable?: string; children: ReactNode }) {
  const [view, setView] = useState<{ seq: number; node: ReactNode; unavailable?: string }>({ seq: 0, node: children, unavailable });
  const latest = useRef(0);
  const box = useRef<HTMLDivElement>(null);

  // The last page count sent, to send again when the editor asks (see "hello" below).
  const lastReport = useRef<PreviewReport | null>(null);
  const report = useCallback((r: PreviewReport) => {
    if (r.type === "jianbao:pages") lastReport.current = r;
    window.parent.postMessage(r, window.location.origin);
  }, []);

  useEffect(() => {
    async function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin || event.source !== window.parent) return;
      // The frame can be ready before the editor around it listens (it is in the server's HTML and
      // may hydrate first): the editor then says hello, and the frame answers again.
      if ((event.data as { type?: unknown } | null)?.type === "jianbao:hello") {
        window.parent.postMessage({ type: "jianbao:ready" }, window.location.origin);
        if (lastReport.current) window.parent.postMessage(lastReport.current, window.location.origin);
        return;
      }
      const data = event.data as Partial<PreviewRequest> | null;
      if (data?.type !== "jianbao:preview" || typeof data.seq !== "number" || !data.fields || typeof data.body !== "string") return;
      latest.current = data.seq;
      const r = await previewDraft({ draftId, fields: data.fields, body: data.body });
      // A slower answer to an older request must not replace a newer one.
      if (data.seq !== latest.current) return;
      if (!r.ok) {
        window.parent.postMessage(
          { type: "jianbao:preview-error", seq: data.seq, message: r.error.message } satisfies PreviewReport,
          window.location.origin,
        );
        return;
      }
      window.parent.postMessage(
        { type: "jianbao:check", seq: data.seq, check: r.data.check } satisfies PreviewReport,
        window.location.origin,
      );
      const node = r.data.node as ReactNode;
      // A body that does not compile keeps the last good preview on screen, under a notice.
      const seq = data.seq;
      setView((v) => (node ? { seq, node, unavailable: r.data.unavailable } : { ...v, unavailable: r.data.unavailable }));
    }
    window.addEventListener("message", onMessage);
    window.parent.postMessage({ type: "jianbao:ready" }, window.location.origin);
    return () => window.removeEventListener("message", onMessage);
  }, [draftId]);

  // Report the page count when the new layout has been cut into sheets.
  useEffect(() => {
    const root = box.current?.querySelector<HTMLElement>(".jb-official");
    if (!root) {
      report({ type: "jianbao:pages", seq: view.seq, pages: 0 });
      return;
    }
    const reportPages = () => {
      if (!root.dataset.paginated) return false;
      const pages = root.querySelectorAll("[data-sheets] > .jb-sheet").length;
      report({ type: "jianbao:pages", seq: view.seq, pages });
      return true;
    };
    if (reportPages()) return;
    const observer = new MutationObserver(() => reportPages() && observer.disconnect());
    observer.observe(root, { attributes: true, attributeFilter: ["data-paginated"] });
    return () => observer.disconnect();
  }, [view, report]);

  return (
    <div ref={box} data-testid="preview-frame" data-preview-seq={view.seq}>
      {view.unavailable ? (
        <p role="status" style={{ margin: 16, padding: 12, background: "#fef3c7", fontFamily: "sans-serif" }}>
          {view.unavailable}
        </p>
      ) : null}
      <div key={view.seq}>{view.node}</div>
    </div>
  );
}
