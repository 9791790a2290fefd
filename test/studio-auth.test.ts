// Sign-in as people meet it: right and wrong passwords, the slow-down and the lock after
// repeated failures (per account and per address), disabled accounts, and the one-time setup link.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TempSite, tempSite } from "./lib/temp-site";

vi.mock("next/navigation", () => ({ redirect: () => {}, forbidden: () => {}, notFound: () => {} }));

let site: TempSite;
let m: {
  db: typeof import("@/lib/database");
  users: typeof import("@/db/queries/users");
  authorize: typeof import("@/lib/auth/authorize");
  password: typeof import("@/lib/auth/password");
  throttle: typeof import("@/lib/auth/throttle");
  audit: typeof import("@/db/queries/studio/audit");
  setup: typeof import("@/db/queries/setup-tokens");
};

beforeAll(async () => {
  site = await tempSite();
  m = {
    db: await import("@/lib/database"),
    users: await import("@/db/queries/users"),
    authorize: await import("@/lib/auth/authorize"),
    password: await import("@/lib/auth/password"),
    throttle: await import("@/lib/auth/throttle"),
    audit: await import("@/db/queries/studio/audit"),
    setup: await import("@/db/queries/setup-tokens"),
  };
  const d = m.db.db();
  m.users.createUser(d, {
    email: "Editor@Example.org",
    name: "王编辑",
    role: "editor",
    passwordHash: await m.password.hashPassword("correct horse battery"),
  });
  m.users.createUser(d, {
    email: "other@example.org",
    name: "其他",
    role: "editor",
    passwordHash: await m.password.hashPassword("another long secret"),
  });
}, 30_000);

afterAll(async () => {
  m.db.closeDb();
  await site.cleanup();
});

const T0 = new Date("2026-11-29T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const signIn = (email: string, password: string, now: Date, ip = "10.0.0.1") =>
  m.authorize.authorizeCredentials({ email, password }, ip, m.db.db(), now);

describe("passwords", () => {
  it("hashes with scrypt and a salt, and verifies only the right password", async () => {
    const a = await m.password.hashPassword("密码也可以是中文的句子");
    const b = await m.password.hashPassword("密码也可以是中文的句子");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await m.password.verifyPassword("密码也可以是中文的句子", a)).toBe(true);
    expect(await m.password.verifyPassword("密码也可以是中文的句", a)).toBe(false);
    expect(await m.password.verifyPassword("anything", "not-a-hash")).toBe(false);
  });

  it("generates 16 unambiguous characters and refuses weak new passwords", () => {
    const p = m.password.generatePassword();
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(m.password.passwordProblem("short")).toMatch(/至少 10/);
    expect(m.password.passwordProblem("aaaaaaaaaaaa")).toMatch(/同一个字符/);
    expect(m.password.passwordProblem("a good long one")).toBeNull();
  });
});

describe("sign-in and throttling", () => {
  it("signs in with the right password, whatever the e-mail's case, and records it", async () => {
    const user = await signIn("editor@EXAMPLE.org", "correct horse battery", T0);
    expect(user).toMatchObject({ email: "editor@example.org", name: "王编辑", role: "editor" });
    const log = m.audit.listAudit(m.db.db(), { page: 1 });
    expect(log.rows[0]).toMatchObject({ action: "auth.sign-in", actorEmail: "editor@example.org", ip: "10.0.0.1" });
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    expect(await signIn("editor@example.org", "wrong", at(1000))).toBeNull();
    expect(await signIn("nobody@example.org", "wrong", at(1000))).toBeNull();
  });

  it("slows down after three failures and locks the account after eight, then lets it in again", async () => {
    m.throttle.unlockAccount(m.db.db(), "editor@example.org");
    let t = 10_000;
    for (let i = 0; i < 3; i++) expect(await signIn("editor@example.org", "wrong", at((t += 1)))).toBeNull();
    // Even the right password must wait now.
    await expect(signIn("editor@example.org", "correct horse battery", at((t += 500)))).rejects.toThrow(/秒后再试/);
    for (let i = 3; i < 7; i++) {
      t += m.throttle.delayFor(i) + 1;
      expect(await signIn("editor@example.org", "wrong", at(t))).toBeNull();
    }
    t += m.throttle.delayFor(7) + 1;
    await expect(signIn("editor@example.org", "wrong", at(t))).rejects.toThrow(/锁定/);
    await expect(signIn("editor@example.org", "correct horse battery", at(t + 60_000))).rejects.toThrow(/锁定.*之后再试/);
    // Another account from the same address is not locked with it.
    expect(await signIn("other@example.org", "another long secret", at(t + 60_000))).toMatchObject({ email: "other@example.org" });
    expect(await signIn("editor@example.org", "correct horse battery", at(t + m.throttle.THROTTLE.lockMs + 1000))).toMatchObject({
      email: "editor@example.org",
    });
    const actions = m.audit.listAudit(m.db.db(), { page: 1, action: "auth.locked" });
    expect(actions.total).toBe(1);
  });

  it("locks an address that guesses across many accounts", async () => {
    const ip = "192.0.2.7";
    let t = 3_600_000;
    for (let i = 0; i < m.throttle.THROTTLE.addressLockAfter; i++)
      expect(await signIn(`guess${i}@example.org`, "wrong", at((t += 10)), ip)).toBeNull();
    await expect(signIn("other@example.org", "another long secret", at(t + 10), ip)).rejects.toThrow(/网络地址/);
    expect(await signIn("other@example.org", "another long secret", at(t + 10), "192.0.2.8")).toMatchObject({ email: "other@example.org" });
  });

  it("refuses a disabled account with a clear message", async () => {
    const d = m.db.db();
    const u = m.users.findUserByEmail(d, "other@example.org")!;
    m.users.updateUser(d, u.id, { disabled: true });
    await expect(signIn("other@example.org", "another long secret", at(7_200_000))).rejects.toThrow(/停用/);
  });
});

describe("first-admin setup link", () => {
  it("works once, and only while there is no user", async () => {
    const s = await tempSite();
    try {
      const d = (await import("@/lib/database")).db();
      const setup = await import("@/db/queries/setup-tokens");
      const users = await import("@/db/queries/users");
      setup.createSetupToken(d, "h1", T0, 3_600_000);
      expect(setup.setupTokenValid(d, "h1", at(1000))).toBe(true);
      expect(setup.setupTokenValid(d, "h1", at(3_600_001))).toBe(false);
      const create = () => users.createUser(d, { email: "admin@example.org", name: "管理员", role: "admin", passwordHash: "scrypt$x" });
      expect(setup.consumeSetupToken(d, "h1", at(1000), create)?.email).toBe("admin@example.org");
      expect(setup.consumeSetupToken(d, "h1", at(2000), create)).toBeNull();
      setup.createSetupToken(d, "h2", at(3000), 3_600_000);
      expect(setup.setupTokenValid(d, "h2", at(4000))).toBe(false);
      (await import("@/lib/database")).closeDb();
    } finally {
      await s.cleanup();
    }
  });
});
