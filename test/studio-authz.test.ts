// Every studio server action, found by walking app/(studio): each is wrapped with its required
// role, refuses the anonymous, a disabled or signed-out-everywhere user, and a user whose role is
// too low — checked through the real session code, with only next-auth's cookie reading replaced.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createUser, findUserByEmail, updateUser } from "@/db/queries/users";
import { createUnit } from "@/db/queries/xinxi/units";
import { currentUser, mayWorkOn, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { expectForbidden, expectNotFound, expectRedirect } from "./lib/navigation";

const session: { current: { uid: number; epoch: number } | null } = { current: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => session.current),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/link", () => ({ default: () => null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

// The required role of every action. A new action must be added here, deliberately.
const EXPECTED: Record<string, "contributor" | "editor" | "reviewer" | "admin"> = {
  "account/changeOwnPassword": "contributor",
  "account/signOutEverywhere": "contributor",
  "new/proposeIssueNumber": "editor",
  "new/createIssue": "editor",
  "new/importIssue": "editor",
  "drafts/saveDraft": "editor",
  "drafts/previewDraft": "editor",
  "drafts/submitForReview": "editor",
  "drafts/commentOnDraft": "editor",
  "drafts/abandon": "editor",
  "drafts/restore": "editor",
  "drafts/returnToEditor": "reviewer",
  "drafts/approve": "reviewer",
  "drafts/publishNow": "reviewer",
  "drafts/schedulePublish": "reviewer",
  "drafts/cancelSchedule": "reviewer",
  "drafts/uploadPicture": "editor",
  "drafts/removePicture": "editor",
  "issues/correctIssue": "editor",
  "issues/withdrawIssue": "reviewer",
  "issues/republishIssue": "reviewer",
  "presets/savePresetAction": "editor",
  "presets/deletePresetAction": "editor",
  "submissions/submitNew": "contributor",
  "submissions/resubmit": "contributor",
  "submissions/checkBody": "contributor",
  "submissions/checkPicture": "contributor",
  "submissions/decide": "editor",
  "submissions/adoptSubmission": "editor",
  "submissions/combineSubmissions": "editor",
  "calls/saveCall": "editor",
  "calls/closeCall": "editor",
  "calls/reopenCall": "editor",
  "issues/addInstruction": "editor",
  "issues/deleteInstruction": "editor",
  "units/createUnitAction": "admin",
  "units/updateUnitAction": "admin",
  "units/setUnitDisabledAction": "admin",
  "units/deleteUnitAction": "admin",
  "units/importUnitsAction": "admin",
  "points/savePointsAction": "admin",
  "stats/generateReportAction": "editor",
};
// Open to the anonymous by design: the one-time link printed on the first start is the credential.
const OPEN = new Set(["setup/createFirstAdmin"]);

const studioDir = path.resolve(import.meta.dirname, "../app/(studio)/studio");
// Every module of server actions, whatever its name: a file that starts with "use server".
const actionFiles = (fs.readdirSync(studioDir, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f) && /^\s*["']use server["']/.test(fs.readFileSync(path.join(studioDir, f), "utf8")))
  .map((f) => path.join(studioDir, f));

type Action = ((input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>) & { requiredRole?: string };
const actions: { name: string; fn: Action }[] = [];
const users: Record<string, { id: number; epoch: number }> = {};

beforeAll(async () => {
  const unit = createUnit(db(), { name: "共青团长治市委", shortName: "团长治市委", level: "city" });
  for (const role of ["contributor", "editor", "reviewer", "admin"] as const) {
    const u = createUser(db(), {
      email: `${role}@example.org`,
      name: role,
      role,
      passwordHash: "scrypt$x",
      unitId: role === "contributor" ? unit.id : null,
    });
    users[role] = { id: u.id, epoch: u.sessionEpoch };
  }
  const off = createUser(db(), { email: "off@example.org", name: "off", role: "admin", passwordHash: "scrypt$x" });
  const disabled = updateUser(db(), off.id, { disabled: true });
  users.disabled = { id: disabled.id, epoch: disabled.sessionEpoch };
  for (const file of actionFiles) {
    const mod = (await import(file)) as Record<string, unknown>;
    const group = path.relative(studioDir, path.dirname(file)).split(path.sep).join("/");
    for (const [name, fn] of Object.entries(mod)) actions.push({ name: `${group}/${name}`, fn: fn as Action });
  }
}, 60_000);

const as = (who: string | null, epochShift = 0) =>
  (session.current = who ? { uid: users[who]!.id, epoch: users[who]!.epoch + epochShift } : null);
const below = { contributor: null, editor: "contributor", reviewer: "editor", admin: "reviewer" } as const;

describe("studio server actions", () => {
  it("finds the actions of every studio area", () => {
    const groups = new Set(actions.map((a) => a.name.split("/")[0]));
    for (const g of ["account", "new", "drafts", "issues", "users", "presets", "setup"]) expect(groups, g).toContain(g);
    expect(actions.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
  });

  it("wraps every exported action with the role it is expected to require", () => {
    for (const { name, fn } of actions) {
      expect(typeof fn, name).toBe("function");
      if (OPEN.has(name)) continue;
      const expected = EXPECTED[name] ?? (name.startsWith("users/") ? "admin" : undefined);
      expect(expected, `${name} is not in the expected-roles table`).toBeDefined();
      expect(fn.requiredRole, name).toBe(expected);
    }
  });

  it("refuses every action to the anonymous, before reading its input", async () => {
    as(null);
    for (const { name, fn } of actions.filter((a) => !OPEN.has(a.name))) {
      const r = await fn({});
      expect(r.ok, name).toBe(false);
      expect(r.error?.code, name).toBe("auth:unauthenticated");
    }
  });

  it("refuses a disabled user and a session from before 'sign out everywhere'", async () => {
    for (const { name, fn } of actions.filter((a) => !OPEN.has(a.name))) {
      as("disabled");
      expect((await fn({})).error?.code, name).toBe("auth:unauthenticated");
      as("admin", -1);
      expect((await fn({})).error?.code, name).toBe("auth:unauthenticated");
    }
  });

  it("refuses a user whose role is below the action's", async () => {
    let checked = 0;
    for (const { name, fn } of actions.filter((a) => !OPEN.has(a.name))) {
      const lower = below[fn.requiredRole as keyof typeof below];
      if (!lower) continue;
      as(lower);
      const r = await fn({});
      expect(r.error?.code, `${name} as ${lower}`).toBe("auth:forbidden");
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it("lets the right role through to input validation", async () => {
    for (const { name, fn } of actions.filter((a) => !OPEN.has(a.name) && a.name !== "account/signOutEverywhere")) {
      as(fn.requiredRole!);
      const r = await fn({ nonsense: true });
      expect(r.error?.code, name).toBe("studio:invalid-input");
    }
  });

  it("gives a user whose last series was removed no series at all; every series only when chosen", async () => {
    const u = createUser(db(), {
      email: "scoped@example.org",
      name: "scoped",
      role: "editor",
      passwordHash: "scrypt$x",
      seriesIds: ["jtyx"],
    });
    session.current = { uid: u.id, epoch: u.sessionEpoch };
    expect((await currentUser())?.seriesIds).toEqual(["jtyx"]);
    updateUser(db(), u.id, { seriesIds: [] });
    const none = (await currentUser())!;
    expect(none.seriesIds).toEqual([]);
    expect(mayWorkOn(none, "jtyx")).toBe(false);
    updateUser(db(), u.id, { allSeries: true });
    const all = (await currentUser())!;
    expect(all.seriesIds).toBeNull();
    expect(mayWorkOn(all, "any-series")).toBe(true);
  });

  it("keeps the first-admin setup closed without a valid one-time token", async () => {
    as(null);
    const setup = actions.find((a) => a.name === "setup/createFirstAdmin")!;
    const r = await setup.fn({
      token: "x".repeat(40),
      email: "new@example.org",
      name: "新管理员",
      password: "a-long-password",
      confirm: "a-long-password",
    });
    expect(r.ok).toBe(false);
    expect(findUserByEmail(db(), "new@example.org")).toBeUndefined();
  });
});

describe("studio pages", () => {
  it("send the anonymous to sign-in and back, and answer 403 to too low a role and 404 to a bad id", async () => {
    as(null);
    await expectRedirect(requirePageUser("editor", "/studio/drafts/7"), "/studio/sign-in?callbackUrl=%2Fstudio%2Fdrafts%2F7");
    as("editor");
    await expectForbidden(requirePageUser("admin", "/studio/users"));
    expect((await requirePageUser("editor", "/studio")).id).toBe(users.editor!.id);
    await expectNotFound(() => idParam("0"));
    await expectNotFound(() => idParam("7x"));
    expect(idParam("7")).toBe(7);
    await expectNotFound(() =>
      orRefuse(() => {
        throw new AppError("studio:not-found", "x");
      }),
    );
    await expectForbidden(() =>
      orRefuse(() => {
        throw new AppError("auth:forbidden", "x");
      }),
    );
  });
});
