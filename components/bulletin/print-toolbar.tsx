"use client";
// The bar above the sheets: back to the reading view, print. With ?print=1 it opens the print
// dialog once the sheets are laid out.
import { type ReactNode, useEffect } from "react";

export function PrintToolbar({
  children,
  autoPrint,
  pdfHref,
  docxHref,
}: {
  children: ReactNode;
  autoPrint: boolean;
  pdfHref: string;
  docxHref: string;
}) {
  useEffect(() => {
    if (!autoPrint) return;
    const root = document.querySelector<HTMLElement>(".jb-official");
    if (!root) return;
    const observer = new MutationObserver(() => {
      if (root.dataset.paginated) {
        observer.disconnect();
        window.print();
      }
    });
    observer.observe(root, { attributes: true, attributeFilter: ["data-paginated"] });
    return () => observer.disconnect();
  }, [autoPrint]);
  return (
    <div className="jb-print-toolbar sticky top-0 z-10 flex items-center gap-3 border-b border-stone-300 bg-white/95 px-4 py-2 text-sm shadow-sm">
      {children}
      <span className="flex-1" />
      <a href={pdfHref} className="rounded border border-stone-300 bg-white px-3 py-1.5 hover:border-brand hover:text-brand">
        下载PDF
      </a>
      <a href={docxHref} className="rounded border border-stone-300 bg-white px-3 py-1.5 hover:border-brand hover:text-brand">
        下载Word
      </a>
      <button type="button" onClick={() => window.print()} className="rounded bg-brand px-3 py-1.5 text-white hover:opacity-90">
        打印
      </button>
    </div>
  );
}
