// The series as the index holds them, in the loader's shape: what an issue is checked against
// outside a full sync (one file indexed after a publication, a draft, an import).
import { listSeries } from "@/db/queries/archive";
import { db } from "@/lib/database";
import type { LoadedSeries } from "./load";
import { seriesSchema } from "./schema";

export async function indexedSeries(): Promise<Map<string, LoadedSeries>> {
  const out = new Map<string, LoadedSeries>();
  for (const row of listSeries(db())) {
    // Stored as validated, but parsed again: the column is JSON, and the schema may have moved on.
    const definition = seriesSchema.safeParse(row.definition);
    if (definition.success) out.set(row.id, { path: row.path, hash: row.contentHash, definition: definition.data });
  }
  return out;
}
