// The first-start link: a token (stored hashed) that lets its holder create the first admin,
// once, and only while there is no user at all.
import "server-only";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../index";
import { setupTokens, users } from "../schema";

export function createSetupToken(d: Db, tokenHash: string, now: Date, ttlMs: number): void {
  d.transaction((tx) => {
    // One link at a time: a restart prints a new one and the old stops working.
    tx.delete(setupTokens).where(isNull(setupTokens.usedAt)).run();
    tx.insert(setupTokens)
      .values({ tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) })
      .run();
  });
}

export function setupTokenValid(d: Db, tokenHash: string, now: Date): boolean {
  const row = d
    .select({ h: setupTokens.tokenHash })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now)))
    .get();
  return Boolean(row) && (d.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
}

/** The hashes of the links still usable at `now` (at most one, normally), while no user exists. */
export function usableSetupTokenHashes(d: Db, now: Date): string[] {
  if ((d.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return [];
  return d
    .select({ h: setupTokens.tokenHash })
    .from(setupTokens)
    .where(and(isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now)))
    .limit(10)
    .all()
    .map((r) => r.h);
}

/** Runs `create` (which inserts the admin) only if the token is still good; all or nothing. */
export function consumeSetupToken<T>(d: Db, tokenHash: string, now: Date, create: () => T): T | null {
  return d.transaction(
    () => {
      if (!setupTokenValid(d, tokenHash, now)) return null;
      d.update(setupTokens).set({ usedAt: now }).where(eq(setupTokens.tokenHash, tokenHash)).run();
      return create();
    },
    { behavior: "immediate" },
  );
}
