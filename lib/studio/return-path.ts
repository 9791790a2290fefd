// Where to go after signing in: only a path inside the studio, never another site.
export function safeReturnPath(raw: string | undefined, fallback = "/studio"): string {
  if (!raw) return fallback;
  let candidate = raw;
  try {
    // next-auth passes an absolute URL of this site; keep only its path.
    if (/^https?:\/\//i.test(raw)) {
      const url = new URL(raw);
      candidate = url.pathname + url.search;
    }
  } catch {
    return fallback;
  }
  return /^\/studio(\/|\?|$)/.test(candidate) && !candidate.startsWith("//") && !candidate.includes("\\") ? candidate : fallback;
}
