// The first-start setup link is the only studio action open to the anonymous: a wrong token
// must cost the server nothing (no scrypt), and the right one creates the admin once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TempSite, tempSite } from "./lib/temp-site";

const hashes = { n: 0 };
vi.mock("@/lib/auth/password", async (original) => {
  const real = await original<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    hashPassword: async (password: string) => {
      hashes.n++;
      return real.hashPassword(password);
    },
  };
});
vi.mock("next/navigation", () => ({ redirect: () => {}, forbidden: () => {}, notFound: () => {}, unstable_rethrow: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-jianbao-client-ip": "192.0.2.1" }) }));

let site: TempSite;
beforeAll(async () => {
  site = await tempSite();
});
afterAll(async () => {
  (await import("@/lib/database")).closeDb();
  await site.cleanup();
});

const form = (token: string) => ({
  token,
  email: "admin@example.org",
  name: "管理员",
  password: "a long admin password",
  confirm: "a long admin password",
});

describe("first-admin setup action", () => {
  it("hashes nothing for a wrong token, and creates the admin with the right one", async () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    const { announceFirstAdminSetup } = await import("@/lib/auth/first-admin");
    const link = announceFirstAdminSetup("http://127.0.0.1:3120")!;
    spy.mockRestore();
    const token = new URL(link).searchParams.get("token")!;
    const { createFirstAdmin } = await import("@/app/(studio)/studio/setup/actions");
    hashes.n = 0;
    for (const wrong of ["x".repeat(32), `${token.slice(0, -1)}A`, token.toUpperCase()]) {
      const r = await createFirstAdmin(form(wrong));
      expect(r.ok).toBe(false);
    }
    expect(hashes.n).toBe(0);
    const r = await createFirstAdmin(form(token));
    expect(r).toMatchObject({ ok: true, data: { email: "admin@example.org" } });
    expect(hashes.n).toBe(1);
    // Used: the same link now fails, again without hashing.
    expect((await createFirstAdmin({ ...form(token), email: "second@example.org" })).ok).toBe(false);
    expect(hashes.n).toBe(1);
  });
});
