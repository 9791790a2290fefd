// The first text of a new issue: the form filled from the series' defaults, dated today.
import "server-only";
import type { SeriesDefinition } from "@/lib/content/schema";
import { type DraftFields, draftFieldsSchema } from "./draft-fields";

/** Today in Beijing, YYYY-MM-DD: bulletins are dated where they are issued. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function initialFields(def: SeriesDefinition, year: number, now = new Date()): DraftFields {
  const today = todayInChina(now);
  return draftFieldsSchema.parse({
    titleLines: [""],
    date: today.startsWith(String(year)) ? today : `${year}-01-01`,
    organization: def.organization,
    marking: def.marking ?? "",
    editor: def.editor ?? "",
    visibility: "public",
    distribution: { report: def.distribution.report, send: def.distribution.send, issue: def.distribution.issue },
  });
}
