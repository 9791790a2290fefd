// The names a content-history commit is written under: who signed off, and the series' name.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../index";
import { series, users } from "../schema";

export function personForHistory(d: Db, userId: number): { name: string; email: string } | undefined {
  return d.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get();
}

export function seriesNameForHistory(d: Db, seriesId: string): string | undefined {
  return d.select({ name: series.name }).from(series).where(eq(series.id, seriesId)).get()?.name;
}
