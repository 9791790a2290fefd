// Sign-in throttling: after a few wrong passwords an account must wait longer and longer between
// tries, then is locked for a while; an address guessing across many accounts is locked too.
import "server-only";
import type { Db } from "@/db/index";
import { clearFailures, failureState, pruneFailures, saveFailureState, type FailureState } from "@/db/queries/sign-in-failures";

export const THROTTLE = {
  /** Failures older than this (since the last one) are forgotten. */
  windowMs: 15 * 60_000,
  /** From this many failures on, each try must wait: 2 s, 4 s, 8 s … up to maxDelayMs. */
  slowAfter: 3,
  maxDelayMs: 30_000,
  /** This many failures lock the account for lockMs. */
  lockAfter: 8,
  lockMs: 15 * 60_000,
  /** Failures from one address, over all accounts, that lock the address. */
  addressLockAfter: 30,
} as const;

export type Refusal = { code: "auth:locked"; message: string; retryAfterMs: number };

const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `ip:${ip}`;

const hhmm = (d: Date) => d.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" });

function current(state: FailureState | undefined, now: Date): FailureState | undefined {
  if (!state) return undefined;
  if (state.lockedUntil && state.lockedUntil > now) return state;
  return now.getTime() - state.lastAt.getTime() > THROTTLE.windowMs ? undefined : state;
}

export function delayFor(failures: number): number {
  if (failures < THROTTLE.slowAfter) return 0;
  return Math.min(THROTTLE.maxDelayMs, 2000 * 2 ** (failures - THROTTLE.slowAfter));
}

/** Why this attempt may not even be checked now, or null when it may. */
export function checkThrottle(d: Db, { email, ip, now }: { email: string; ip: string | null; now: Date }): Refusal | null {
  const account = current(failureState(d, accountKey(email)), now);
  if (account?.lockedUntil && account.lockedUntil > now) {
    return { code: "auth:locked", retryAfterMs: account.lockedUntil.getTime() - now.getTime(), message: `该账号因多次密码错误已暂时锁定，请在 ${hhmm(account.lockedUntil)} 之后再试，或请管理员重设密码` };
  }
  if (ip) {
    const address = current(failureState(d, addressKey(ip)), now);
    if (address?.lockedUntil && address.lockedUntil > now) {
      return { code: "auth:locked", retryAfterMs: address.lockedUntil.getTime() - now.getTime(), message: `此网络地址登录失败次数过多，已暂时锁定，请在 ${hhmm(address.lockedUntil)} 之后再试` };
    }
  }
  if (account) {
    const wait = account.lastAt.getTime() + delayFor(account.failures) - now.getTime();
    if (wait > 0) return { code: "auth:locked", retryAfterMs: wait, message: `密码错误次数较多，请 ${Math.ceil(wait / 1000)} 秒后再试` };
  }
  return null;
}

function bump(d: Db, key: string, now: Date, lockAfter: number): FailureState {
  const before = current(failureState(d, key), now);
  const failures = (before?.failures ?? 0) + 1;
  const state: FailureState = {
    failures,
    firstAt: before?.firstAt ?? now,
    lastAt: now,
    lockedUntil: failures >= lockAfter ? new Date(now.getTime() + THROTTLE.lockMs) : null,
  };
  saveFailureState(d, key, state);
  return state;
}

/** Counts a wrong password; returns whether this failure locked the account. */
export function recordFailure(d: Db, { email, ip, now }: { email: string; ip: string | null; now: Date }): { locked: boolean; failures: number } {
  const account = bump(d, accountKey(email), now, THROTTLE.lockAfter);
  if (ip) bump(d, addressKey(ip), now, THROTTLE.addressLockAfter);
  if (Math.random() < 0.05) pruneFailures(d, new Date(now.getTime() - 24 * 3_600_000));
  return { locked: account.lockedUntil !== null, failures: account.failures };
}

export function recordSuccess(d: Db, { email }: { email: string }): void {
  clearFailures(d, accountKey(email));
}

/** An admin's password reset also lifts a lock. */
export const unlockAccount = (d: Db, email: string) => clearFailures(d, accountKey(email));
