// Which page numbers a pager shows: the first, the last, and two either side of the current one.
export function pageWindow(page: number, pages: number): number[] {
  return [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
}

/** "?page=3" → 3; absent → 1; anything else (0, -1, 1e3, abc, repeated) → null. */
export function parsePage(raw: string | string[] | undefined): number | null {
  if (raw === undefined) return 1;
  return typeof raw === "string" && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}
