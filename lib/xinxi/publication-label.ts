// The printed name of an issue as a 信息稿件 is 已刊用 in (晋团要讯〔2026〕第5期): written on the
// submission when the issue is published, and shown to its unit as it was printed.
import "server-only";
import type { Conn } from "@/db/index";
import { getSeries } from "@/db/queries/archive";
import { parseIssuePath } from "@/lib/content/paths";
import { issueLine } from "@/lib/format";

/** The series' name and the issue line of the file at `rel`; the path itself for a path that names no issue. */
export function publicationLabel(c: Conn, rel: string): string {
  const key = parseIssuePath(rel);
  if (!key) return rel;
  const name = getSeries(c, key.series)?.name ?? key.series;
  return `${name}${issueLine(key)}`;
}
