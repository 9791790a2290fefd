// Brute force against sign-in, as an attacker would try it: many wrong passwords at once, from one
// address and from many, and the real user's right password meanwhile. Password checks are counted
// through the one function that runs scrypt.
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInFailures } from "@/db/schema";
import { clientAddress } from "@/lib/client-address.mjs";
import { auth, clock, signIn } from "./lib/sign-in";

const checks = { n: 0, fake: false };
vi.mock("@/lib/auth/password", async (original) => {
  const real = await original<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string) => {
      checks.n++;
      // The 10,000-failure run needs no real scrypt: only what happens around the check matters there.
      return checks.fake ? false : real.verifyPassword(password, stored);
    },
  };
});

const m = auth;

const RIGHT = "correct horse battery";
beforeAll(async () => {
  const hash = await m.password.hashPassword(RIGHT);
  for (const email of ["race@example.org", "victim@example.org", "spread@example.org", "xff@example.org", "flood@example.org"]) {
    m.users.createUser(m.db.db(), { email, name: email.split("@")[0]!, role: "editor", passwordHash: hash });
  }
}, 30_000);

const { at } = clock("2026-11-30T08:00:00Z");
/** The outcome of one attempt: "ok", "wrong" (checked and refused) or "refused" (throttled or locked). */
const attempt = (email: string, password: string, now: Date, ip: string) =>
  signIn(email, password, now, ip).then(
    (u) => (u ? "ok" : "wrong"),
    (e: Error) => `refused: ${e.message}`,
  );

describe("sign-in throttling under attack", () => {
  it("checks at most 8 of 50 simultaneous wrong passwords for one account, and then slows or locks it", async () => {
    checks.n = 0;
    const now = at(0);
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => attempt("race@example.org", "wrong guess", now, "203.0.113.50")));
    expect(checks.n).toBeLessThanOrEqual(8);
    expect(outcomes.filter((o) => o === "wrong").length).toBe(checks.n);
    expect(outcomes.filter((o) => o.startsWith("refused")).length).toBe(50 - checks.n);
    // The attacker's address must now wait, even with the right password.
    checks.n = 0;
    expect(await attempt("race@example.org", RIGHT, at(100), "203.0.113.50")).toMatch(/refused: .*(秒后再试|锁定)/);
    expect(checks.n).toBe(0);
  });

  it("locks the attacker's address out of an account but lets the real user in from theirs", async () => {
    const A = "198.51.100.66";
    let t = 10_000;
    let locked = false;
    for (let i = 0; i < 40 && !locked; i++) {
      const o = await attempt("victim@example.org", "wrong guess", at(t), A);
      locked = /锁定/.test(o);
      t += m.throttle.THROTTLE.maxDelayMs + 1;
    }
    expect(locked).toBe(true);
    // Still locked for the attacker, even with the right password…
    expect(await attempt("victim@example.org", RIGHT, at(t), A)).toMatch(/锁定/);
    // …while the editor, from their own address, signs in at once.
    expect(await attempt("victim@example.org", RIGHT, at(t + 1), "192.0.2.10")).toBe("ok");
    // And the attacker keeps failing: the lock does not lift by trying again.
    for (let i = 0; i < 10; i++) expect(await attempt("victim@example.org", "wrong guess", at((t += 60_000)), A)).toMatch(/锁定/);
  });

  it("slows a guess spread over many addresses for new addresses only: the user's usual address gets in", async () => {
    const home = "192.0.2.20";
    expect(await attempt("spread@example.org", RIGHT, at(0), home)).toBe("ok");
    let t = 1000;
    checks.n = 0;
    for (let a = 0; a < 20; a++)
      for (let i = 0; i < 3; i++) await attempt("spread@example.org", "wrong guess", at((t += 10)), `203.0.113.${100 + a}`);
    // 20 addresses × 3 tries would be 60 checks without a per-account limit across addresses.
    expect(checks.n).toBeLessThan(30);
    expect(await attempt("spread@example.org", RIGHT, at(t + 1), "198.51.100.200")).toMatch(/refused: .*秒后再试/);
    expect(await attempt("spread@example.org", RIGHT, at(t + 1), home)).toBe("ok");
  });

  it("keeps an attacker behind TRUST_PROXY=1 locked however they rotate X-Forwarded-For", async () => {
    // Each request claims a fresh address; the proxy (127.0.0.1) appends the real one.
    const from = (i: number) =>
      clientAddress({ socket: { remoteAddress: "127.0.0.1" }, headers: { "x-forwarded-for": `10.${i}.0.1, 203.0.113.77` } }, 1);
    let t = 5 * 86_400_000;
    const outcomes: string[] = [];
    checks.n = 0;
    for (let i = 0; i < 30; i++)
      outcomes.push(await attempt("xff@example.org", "wrong guess", at((t += m.throttle.THROTTLE.maxDelayMs + 1)), from(i)));
    expect(checks.n).toBe(m.throttle.THROTTLE.lockAfter);
    expect(outcomes.at(-1)).toMatch(/锁定/);
    expect(await attempt("xff@example.org", RIGHT, at(t + 1), from(99))).toMatch(/锁定/);
    const failed = m.audit
      .listAudit(m.db.db(), { page: 1, pageSize: 200, action: "auth.sign-in-failed" })
      .rows.filter((r) => r.actorEmail === "xff@example.org");
    expect(new Set(failed.map((r) => r.ip))).toEqual(new Set(["203.0.113.77"]));
  });

  it("keeps 10,000 failed sign-ins from growing the audit log and the failure table without bound", async () => {
    checks.fake = true;
    try {
      const d = m.db.db();
      const rows = () => m.audit.listAudit(d, { page: 1 }).total;
      const before = rows();
      let wrong = 0;
      let t = 86_400_000;
      for (let i = 0; i < 10_000; i++) {
        const email = i % 3 === 0 ? "flood@example.org" : `ghost${i}@example.org`;
        const o = await attempt(email, "wrong guess", at((t += 31_000)), `198.51.100.${i % 20}`);
        if (o !== "ok" && !o.startsWith("refused: 此网络地址")) wrong++;
      }
      expect(wrong).toBeGreaterThan(1000);
      // 10,000 × 31 s ≈ 3.6 days: at most one row per account × address (and per address for
      // unknown accounts) per day, locks included.
      expect(rows() - before).toBeLessThanOrEqual(300);
      const failed = m.audit.listAudit(d, { page: 1, pageSize: 200, action: "auth.sign-in-failed" }).rows;
      expect(failed.some((r) => Number(r.detail?.failures) > 10)).toBe(true);
      // Only counters still in their window (or locked) are kept.
      expect(d.select({ n: count() }).from(signInFailures).get()!.n).toBeLessThanOrEqual(200);
    } finally {
      checks.fake = false;
    }
  }, 120_000);
});

describe("the address a failure is counted against", () => {
  it("is an IPv6 client's /64 however the address is written, a dotted IPv4 tail included", () => {
    const { addressBucket } = m.throttle;
    expect(addressBucket(null)).toBe("unknown");
    expect(addressBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("2001:0DB8:0000:0000:ffff::2")).toBe("2001:db8:0:0::/64");
    // The last 32 bits written as IPv4 are two groups, not one: this is 0:0:1:2:3:4:506:708.
    expect(addressBucket("::1:2:3:4:5.6.7.8")).toBe("0:0:1:2::/64");
    expect(addressBucket("0:0:1:2:3:4:506:708")).toBe("0:0:1:2::/64");
  });
});
