"use client";
// Runs the pagination once the page and its fonts are ready; marks the layout with
// data-paginated so tests and the PDF renderer know when the sheets are final.
import { useEffect, useRef } from "react";
import { FOLIO_TEMPLATE } from "@/lib/format";
import { colophonStep, paginate, planGridLine } from "@/lib/layout/paginate";

export function Paginator() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const root = marker.current?.closest<HTMLElement>(".jb-official");
    if (!root || root.dataset.paginated) return;
    paginate(root, FOLIO_TEMPLATE, colophonStep, planGridLine).catch((error: unknown) => {
      // The flowing layout stays in place and still prints through @page; say why in the console.
      console.error("layout:paginate-failed", error);
      root.dataset.paginated = "failed";
    });
  }, []);
  return <span ref={marker} hidden />;
}
