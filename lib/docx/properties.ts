// What the printed page cannot say, written into the Word file's custom document properties so
// that importing the file gives back the issue it was exported from: the 总第N期 of a series that
// does not print it, the visibility and status, the title's exact lines. The importer
// (lib/import/stated.ts) trusts them only with this site's seal and where the visible masthead
// agrees with them; office files made elsewhere have no such property and are recognised from
// their layout alone.
import { seal } from "@/lib/auth/file-seal";
import type { DocxIssue } from "./issue";

/** The custom property's name; its value is JSON (see StatedFrontmatter in lib/import/stated.ts). */
export const STATED_PROPERTY = "JianbaoFrontmatter";
/** The property holding the value's seal (lib/auth/file-seal.ts). */
export const STATED_SEAL_PROPERTY = "JianbaoFrontmatterSeal";

export function statedProperties(issue: DocxIssue): { name: string; value: string }[] {
  const stated = {
    series: issue.seriesId,
    year: issue.year,
    number: issue.number,
    ...(issue.supplement ? { supplement: true } : {}),
    ...(issue.total ? { total: issue.total } : {}),
    date: issue.date,
    title: issue.titleLines.length === 1 ? issue.titleLines[0] : issue.titleLines,
    ...(issue.subtitle ? { subtitle: issue.subtitle } : {}),
    visibility: issue.visibility,
    status: issue.status,
  };
  const value = JSON.stringify(stated);
  return [
    { name: STATED_PROPERTY, value },
    { name: STATED_SEAL_PROPERTY, value: seal(value) },
  ];
}
