// Counters of failed sign-ins per account and per address; the policy lives in lib/auth/throttle.ts.
import "server-only";
import { eq, lt } from "drizzle-orm";
import type { Db } from "../index";
import { signInFailures } from "../schema";

export type FailureState = { failures: number; firstAt: Date; lastAt: Date; lockedUntil: Date | null };

export function failureState(d: Db, key: string): FailureState | undefined {
  return d.select().from(signInFailures).where(eq(signInFailures.key, key)).get();
}

export function saveFailureState(d: Db, key: string, state: FailureState): void {
  d.insert(signInFailures).values({ key, ...state }).onConflictDoUpdate({ target: signInFailures.key, set: state }).run();
}

export function clearFailures(d: Db, key: string): void {
  d.delete(signInFailures).where(eq(signInFailures.key, key)).run();
}

/** Drops counters idle since `before`, so the table does not grow with every address ever seen. */
export function pruneFailures(d: Db, before: Date): void {
  d.delete(signInFailures).where(lt(signInFailures.lastAt, before)).run();
}
