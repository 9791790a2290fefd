// The preview shows A4 sheets at their true size, scaled down to the pane: to its width, or so a
// whole sheet fits the part of the pane that is on screen ("整页").
import { type RefObject, useEffect, useState } from "react";

// A4 is 794 px wide at 96 px/in; wider than the print CSS's phone breakpoint (840 px), so sheets keep their true size.
export const SHEET_PX = 860;
// One sheet (297 mm = 1123 px) with the gaps around it: what "整页" fits into the pane's height.
export const SHEET_HEIGHT_PX = 1123 + 60;

export type Fit = "width" | "page";

/** The scale for a pane of this width and visible height: never larger than the true size. */
export const fitScale = (width: number, visibleHeight: number, fit: Fit) =>
  Math.min(1, width / SHEET_PX, fit === "page" ? visibleHeight / SHEET_HEIGHT_PX : 1);

export function useFitScale(box: RefObject<HTMLElement | null>, fit: Fit): number {
  const [scale, setScale] = useState(0.6);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // "整页" fits the part of the pane that is on screen, which is less than all of it before the page scrolls.
    const visibleHeight = () =>
      Math.max(200, Math.min(el.clientHeight, window.innerHeight - Math.max(0, el.getBoundingClientRect().top) - 8));
    const measure = () => setScale(fitScale(el.clientWidth, visibleHeight(), fit));
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, [box, fit]);
  return scale;
}
