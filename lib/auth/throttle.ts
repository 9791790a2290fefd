// Sign-in throttling. Every attempt is counted before its password is checked (one transaction:
// reserve, then check, then settle), so simultaneous tries cannot all slip past the count.
// Three counters, each with its own purpose:
// - account × address: slows, then locks, one address guessing one account. The lock is per
//   address so that someone who knows only an editor's e-mail cannot lock the editor out;
// - address: locks an address guessing across many accounts (password spraying);
// - account, over all addresses: a capped slow-down against a guess spread over many addresses,
//   waived for the addresses the account recently signed in from, so the real user still gets in.
import "server-only";
import type { Db } from "@/db/index";
import {
  clearFailures,
  clearFailuresByPrefix,
  type FailureState,
  type FailureStates,
  forgetAddressesBefore,
  knownAddress,
  pruneFailures,
  rememberAddress,
  updateFailureStates,
} from "@/db/queries/sign-in-failures";
import { v6Groups } from "@/lib/net/address-rule";

export const THROTTLE = {
  /** Counters idle this long (since their last attempt) are forgotten. */
  windowMs: 15 * 60_000,
  /** From this many failures of one account at one address on, each try must wait: 2 s, 4 s, 8 s … up to maxDelayMs. */
  slowAfter: 3,
  maxDelayMs: 30_000,
  /** This many failures of one account at one address lock that pair for lockMs. */
  lockAfter: 8,
  lockMs: 15 * 60_000,
  /** Failures from one address, over all accounts, that lock the address. */
  addressLockAfter: 30,
  /** Failures of one account over all addresses after which new addresses wait 1 s, 2 s … up to accountMaxDelayMs. */
  accountSlowAfter: 10,
  accountMaxDelayMs: 15_000,
  /** A successful sign-in makes its address "known" to the account for this long (at most knownPerAccount of them). */
  knownForMs: 30 * 86_400_000,
  knownPerAccount: 20,
  /** A hard ceiling on stored counters: beyond it the oldest go first. */
  maxRows: 100_000,
} as const;

export type Attempt = { email: string; ip: string | null; now: Date };
export type Refusal = { code: "auth:locked"; message: string; retryAfterMs: number };

const normal = (email: string) => email.trim().toLowerCase();

/** The unit an address is counted in: an IPv6 client controls its whole /64, so that is one address. */
export function addressBucket(ip: string | null): string {
  if (!ip) return "unknown";
  const groups = v6Groups(ip);
  if (!groups) return ip;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

const keys = ({ email, ip }: Attempt) => {
  const e = normal(email);
  const a = addressBucket(ip);
  return { pair: `pair:${e}\n${a}`, address: `ip:${a}`, account: `email:${e}`, email: e, bucket: a };
};

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

export function accountDelayFor(failures: number): number {
  if (failures < THROTTLE.accountSlowAfter) return 0;
  return Math.min(THROTTLE.accountMaxDelayMs, 1000 * 2 ** (failures - THROTTLE.accountSlowAfter));
}

const pairLocked = (until: Date): Refusal => ({
  code: "auth:locked",
  retryAfterMs: 0,
  message: `该账号在此网络地址上密码错误次数过多，已暂时锁定，请在 ${hhmm(until)} 之后再试，或请管理员重设密码`,
});
const addressLocked = (until: Date): Refusal => ({
  code: "auth:locked",
  retryAfterMs: 0,
  message: `此网络地址登录失败次数过多，已暂时锁定，请在 ${hhmm(until)} 之后再试`,
});
const wait = (ms: number): Refusal => ({
  code: "auth:locked",
  retryAfterMs: ms,
  message: `密码错误次数较多，请 ${Math.ceil(ms / 1000)} 秒后再试`,
});

function refusal(states: FailureStates, k: ReturnType<typeof keys>, known: boolean, now: Date): Refusal | null {
  const pair = current(states[k.pair], now);
  const address = current(states[k.address], now);
  const account = current(states[k.account], now);
  const t = now.getTime();
  const withRetry = (r: Refusal, until: Date) => ({ ...r, retryAfterMs: until.getTime() - t });
  if (pair?.lockedUntil && pair.lockedUntil > now) return withRetry(pairLocked(pair.lockedUntil), pair.lockedUntil);
  if (address?.lockedUntil && address.lockedUntil > now) return withRetry(addressLocked(address.lockedUntil), address.lockedUntil);
  // Attempts still being checked count as failures: the lock is reached before they settle.
  if (pair && pair.failures >= THROTTLE.lockAfter)
    return withRetry(pairLocked(new Date(t + THROTTLE.lockMs)), new Date(t + THROTTLE.lockMs));
  if (address && address.failures >= THROTTLE.addressLockAfter)
    return withRetry(addressLocked(new Date(t + THROTTLE.lockMs)), new Date(t + THROTTLE.lockMs));
  if (pair) {
    const ms = pair.lastAt.getTime() + delayFor(pair.failures) - t;
    if (ms > 0) return wait(ms);
  }
  if (account && !known) {
    const ms = account.lastAt.getTime() + accountDelayFor(account.failures) - t;
    if (ms > 0) return wait(ms);
  }
  return null;
}

const bumped = (s: FailureState | undefined, now: Date): FailureState => ({
  failures: (s?.failures ?? 0) + 1,
  firstAt: s?.firstAt ?? now,
  lastAt: now,
  lockedUntil: s?.lockedUntil ?? null,
});

/**
 * Claims the right to check one password: refuses (nothing is counted) or counts the attempt as a
 * failure in advance, atomically. Settle it with settleFailure or settleSuccess.
 */
export function reserveAttempt(d: Db, attempt: Attempt): Refusal | null {
  const k = keys(attempt);
  const { now } = attempt;
  const known = knownAddress(d, k.email, k.bucket, new Date(now.getTime() - THROTTLE.knownForMs));
  return updateFailureStates(d, [k.pair, k.address, k.account], (states) => {
    const refused = refusal(states, k, known, now);
    if (refused) return { writes: {}, result: refused };
    const writes: Record<string, FailureState> = {};
    for (const key of [k.pair, k.address, k.account]) writes[key] = bumped(current(states[key], now), now);
    return { writes, result: null };
  });
}

let settled = 0;

/**
 * The password was wrong: the attempt stays counted; a pair or address at its limit is locked.
 * `lock` is the refusal to show when this failure locked the account at this address.
 */
export function settleFailure(d: Db, attempt: Attempt): { lock: Refusal | null; failures: number } {
  const k = keys(attempt);
  const { now } = attempt;
  const until = new Date(now.getTime() + THROTTLE.lockMs);
  const outcome = updateFailureStates(d, [k.pair, k.address], (states) => {
    const writes: Record<string, FailureState> = {};
    const pair = states[k.pair];
    const address = states[k.address];
    let lock: Refusal | null = null;
    if (pair && pair.failures >= THROTTLE.lockAfter && !(pair.lockedUntil && pair.lockedUntil > now)) {
      writes[k.pair] = { ...pair, lockedUntil: until };
      lock = { ...pairLocked(until), retryAfterMs: THROTTLE.lockMs };
    }
    if (address && address.failures >= THROTTLE.addressLockAfter && !(address.lockedUntil && address.lockedUntil > now)) {
      writes[k.address] = { ...address, lockedUntil: until };
    }
    return { writes, result: { lock, failures: pair?.failures ?? 1 } };
  });
  // Idle counters go on every failure (an index range, usually empty); the ceiling now and then.
  const sweep = ++settled % 100 === 0;
  pruneFailures(d, new Date(now.getTime() - THROTTLE.windowMs), now, sweep ? THROTTLE.maxRows : undefined);
  if (sweep) forgetAddressesBefore(d, new Date(now.getTime() - THROTTLE.knownForMs));
  return outcome;
}

/** The password was right: the pair's failures are forgotten, the address becomes known to the account. */
export function settleSuccess(d: Db, attempt: Attempt, { remember = true } = {}): void {
  const k = keys(attempt);
  const { now } = attempt;
  updateFailureStates(d, [k.pair, k.address, k.account], (states) => {
    const undo = (s: FailureState | undefined) =>
      s && s.failures > 1 ? { ...s, failures: s.failures - 1 } : s?.lockedUntil ? { ...s, failures: 0 } : null;
    return { writes: { [k.pair]: null, [k.address]: undo(states[k.address]), [k.account]: undo(states[k.account]) }, result: undefined };
  });
  if (remember) rememberAddress(d, k.email, k.bucket, now, THROTTLE.knownPerAccount);
}

/** An admin's password reset also lifts every lock and slow-down of the account. */
export function unlockAccount(d: Db, email: string): void {
  clearFailures(d, `email:${normal(email)}`);
  clearFailuresByPrefix(d, `pair:${normal(email)}\n`);
}
