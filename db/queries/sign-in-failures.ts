// Counters of sign-in attempts per key (account × address, address, account) and the addresses
// each account signed in from; the policy lives in lib/auth/throttle.ts.
import "server-only";
import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../index";
import { signInAddresses, signInFailures } from "../schema";

export type FailureState = { failures: number; firstAt: Date; lastAt: Date; lockedUntil: Date | null };
export type FailureStates = Record<string, FailureState | undefined>;

/**
 * Reads the states of `keys`, lets `decide` return the ones to write (null deletes) and a result,
 * and writes them, all in one immediate transaction: two processes cannot both pass a check
 * that only one of them should.
 */
export function updateFailureStates<T>(
  d: Db,
  keys: string[],
  decide: (states: FailureStates) => { writes: Record<string, FailureState | null>; result: T },
): T {
  return d.transaction(
    (tx) => {
      const rows = tx.select().from(signInFailures).where(inArray(signInFailures.key, keys)).all();
      const states: FailureStates = {};
      for (const { key, ...state } of rows) states[key] = state;
      const { writes, result } = decide(states);
      for (const [key, state] of Object.entries(writes)) {
        if (state === null) tx.delete(signInFailures).where(eq(signInFailures.key, key)).run();
        else
          tx.insert(signInFailures)
            .values({ key, ...state })
            .onConflictDoUpdate({ target: signInFailures.key, set: state })
            .run();
      }
      return result;
    },
    { behavior: "immediate" },
  );
}

export function clearFailures(d: Db, key: string): void {
  d.delete(signInFailures).where(eq(signInFailures.key, key)).run();
}

/** Deletes every counter whose key starts with `prefix` (all of an account's per-address counters). */
export function clearFailuresByPrefix(d: Db, prefix: string): void {
  d.delete(signInFailures)
    // SQLite's substr counts characters, not UTF-16 units.
    .where(sql`substr(${signInFailures.key}, 1, ${[...prefix].length}) = ${prefix}`)
    .run();
}

/** Drops counters idle since `before` and not locked at `now`; then the oldest beyond `maxRows`. */
export function pruneFailures(d: Db, before: Date, now: Date, maxRows?: number): void {
  d.delete(signInFailures)
    .where(and(lt(signInFailures.lastAt, before), or(isNull(signInFailures.lockedUntil), lt(signInFailures.lockedUntil, now))))
    .run();
  if (maxRows !== undefined) {
    const keep = d.select({ key: signInFailures.key }).from(signInFailures).orderBy(desc(signInFailures.lastAt)).limit(maxRows);
    d.delete(signInFailures).where(sql`${signInFailures.key} NOT IN ${keep}`).run();
  }
}

export function knownAddress(d: Db, email: string, address: string, since: Date): boolean {
  return Boolean(
    d
      .select({ a: signInAddresses.address })
      .from(signInAddresses)
      .where(and(eq(signInAddresses.email, email), eq(signInAddresses.address, address), gt(signInAddresses.lastSuccessAt, since)))
      .get(),
  );
}

/** Remembers a successful sign-in's address, keeping the `keep` most recent per account. */
export function rememberAddress(d: Db, email: string, address: string, at: Date, keep: number): void {
  d.transaction((tx) => {
    tx.insert(signInAddresses)
      .values({ email, address, lastSuccessAt: at })
      .onConflictDoUpdate({ target: [signInAddresses.email, signInAddresses.address], set: { lastSuccessAt: at } })
      .run();
    const recent = tx
      .select({ a: signInAddresses.address })
      .from(signInAddresses)
      .where(eq(signInAddresses.email, email))
      .orderBy(desc(signInAddresses.lastSuccessAt))
      .limit(keep);
    tx.delete(signInAddresses)
      .where(and(eq(signInAddresses.email, email), sql`${signInAddresses.address} NOT IN ${recent}`))
      .run();
  });
}

export function forgetAddressesBefore(d: Db, before: Date): void {
  d.delete(signInAddresses).where(lt(signInAddresses.lastSuccessAt, before)).run();
}
