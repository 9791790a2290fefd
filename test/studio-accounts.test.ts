// The admin's account actions and the presets actions against a real SQLite file, with the
// session faked: what each refuses, where its messages land, and what it records in the audit log.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as presets from "@/app/(studio)/studio/presets/actions";
import * as users from "@/app/(studio)/studio/users/actions";
import * as audit from "@/db/queries/studio/audit";
import { listPresets, savePreset } from "@/db/queries/studio/presets";
import * as q from "@/db/queries/users";
import * as schema from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import type { StudioUser } from "@/lib/auth/session";
import { reserveAttempt, settleFailure, THROTTLE } from "@/lib/auth/throttle";
import * as dbModule from "@/lib/database";

let actor: StudioUser | null = null;

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-jianbao-client-ip": "192.0.2.7" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  const rank = { contributor: 0, editor: 1, reviewer: 2, admin: 3 } as const;
  const mayWorkOn = (u: StudioUser, id: string) => u.seriesIds === null || u.seriesIds.includes(id);
  return {
    mayWorkOn,
    requireUser: async (role: StudioUser["role"] = "editor") => {
      if (!actor) throw new AppError("auth:unauthenticated", "请先登录");
      if (rank[actor.role] < rank[role]) throw new AppError("auth:forbidden", "权限不足");
      return actor;
    },
    requireSeries: (u: StudioUser, id: string) => {
      if (!mayWorkOn(u, id)) throw new AppError("auth:forbidden", "您不负责这份刊物");
    },
  };
});

let d: import("@/db/index").Db;
let admin: StudioUser;

const lastAudit = () => audit.listAudit(d, { page: 1 }).rows[0];
const must = <T>(r: { ok: true; data: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(`expected success, got ${r.error.message}`);
  return r.data;
};

beforeAll(async () => {
  d = dbModule.db();
  for (const id of ["jtyx", "qnxx"]) {
    const distribution = { report: ["团省委"], send: ["各市团委"], issue: [] };
    d.insert(schema.series)
      .values({
        id,
        name: id,
        organization: "团省委",
        color: "#E60012",
        definition: { id, name: id, organization: "团省委", distribution },
        path: `series/${id}.yml`,
        contentHash: "x",
        syncedAt: new Date(),
      })
      .run();
  }
  const row = q.createUser(d, { email: "root@example.cn", name: "管理员", role: "admin", passwordHash: "x" });
  admin = { id: row.id, email: row.email, name: row.name, role: "admin", seriesIds: null, unitId: null };
});

beforeEach(() => {
  actor = admin;
});

describe("account actions", () => {
  it("are all wrapped and need an admin; presets need an editor", () => {
    for (const a of Object.values(users)) expect(a.requiredRole).toBe("admin");
    for (const a of Object.values(presets)) expect(a.requiredRole).toBe("editor");
  });

  it("creates an account with a generated password shown once, and puts refusals at the fields", async () => {
    const made = must(await users.createAccount({ email: " Wang@Example.cn ", name: "王编辑", role: "editor", seriesIds: ["jtyx"] }));
    expect(made.email).toBe("wang@example.cn");
    expect(made.password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(lastAudit()).toMatchObject({ action: "user.create", actorEmail: "root@example.cn", target: "wang@example.cn", ip: "192.0.2.7" });
    const again = await users.createAccount({ email: "WANG@example.cn", name: "", role: "editor", seriesIds: [] });
    expect(again.ok || again.error.fields).toEqual({ email: "已有使用 wang@example.cn 的账号", name: "请填写姓名" });
    const bad = await users.createAccount({ email: "wang", name: "很".repeat(41), role: "editor", seriesIds: [] });
    expect(bad.ok || Object.keys(bad.error.fields ?? {})).toEqual(["email", "name"]);
    const unknown = await users.createAccount({ email: "li@example.cn", name: "李", role: "editor", seriesIds: ["nope"] });
    expect(unknown.ok || unknown.error.message).toBe("没有刊物「nope」");
    actor = { ...admin, role: "reviewer" };
    const refused = await users.createAccount({ email: "zhao@example.cn", name: "赵", role: "editor", seriesIds: [] });
    expect(refused.ok || refused.error.code).toBe("auth:forbidden");
  });

  it("refuses to demote or disable oneself, and records role and detail changes separately", async () => {
    const self = await users.updateAccount({ id: admin.id, name: "管理员", role: "editor", seriesIds: [] });
    expect(self.ok || self.error.message).toMatch(/不能降低自己的角色/);
    const off = await users.setAccountDisabled({ id: admin.id, disabled: true });
    expect(off.ok || off.error.message).toMatch(/不能停用自己的账号/);
    const wang = q.findUserByEmail(d, "wang@example.cn")!;
    must(await users.updateAccount({ id: wang.id, name: "王审核", role: "reviewer", seriesIds: ["jtyx", "qnxx"] }));
    const [update, role] = audit.listAudit(d, { page: 1 }).rows;
    expect(role).toMatchObject({ action: "user.role", detail: { from: "editor", to: "reviewer" } });
    expect(update).toMatchObject({ action: "user.update", detail: { name: "王审核", seriesIds: ["jtyx", "qnxx"] } });
    must(await users.setAccountDisabled({ id: wang.id, disabled: true }));
    expect(q.getUser(d, wang.id)?.disabled).toBe(true);
    expect(lastAudit()?.action).toBe("user.disable");
  });

  it("makes 'all series' a choice of its own: removing the last series leaves none", async () => {
    const made = must(
      await users.createAccount({ email: "liu@example.cn", name: "刘编辑", role: "editor", seriesIds: ["jtyx"], allSeries: false }),
    );
    const liu = q.findUserByEmail(d, made.email)!;
    must(await users.updateAccount({ id: liu.id, name: "刘编辑", role: "editor", seriesIds: [], allSeries: false }));
    expect(q.getUser(d, liu.id)).toMatchObject({ seriesIds: [], allSeries: false });
    must(await users.updateAccount({ id: liu.id, name: "刘编辑", role: "editor", seriesIds: ["qnxx"], allSeries: true }));
    // "All" stands alone: the ticked series are not kept beside it.
    expect(q.getUser(d, liu.id)).toMatchObject({ seriesIds: [], allSeries: true });
    expect(lastAudit()).toMatchObject({ action: "user.update", detail: { allSeries: true } });
  });

  it("resets a password: ends the sessions, lifts a lock, and is audited", async () => {
    const wang = q.findUserByEmail(d, "wang@example.cn")!;
    let now = new Date();
    for (let i = 0; i < 8; i++) {
      now = new Date(now.getTime() + THROTTLE.maxDelayMs + 1);
      expect(reserveAttempt(d, { email: wang.email, ip: "192.0.2.1", now })).toBeNull();
      settleFailure(d, { email: wang.email, ip: "192.0.2.1", now });
    }
    expect(reserveAttempt(d, { email: wang.email, ip: "192.0.2.1", now })?.message).toMatch(/锁定/);
    const { password } = must(await users.resetAccountPassword({ id: wang.id }));
    const after = q.findUserByEmail(d, wang.email)!;
    expect(await verifyPassword(password, after.passwordHash)).toBe(true);
    expect(after.sessionEpoch).toBeGreaterThan(wang.sessionEpoch);
    expect(reserveAttempt(d, { email: wang.email, ip: "192.0.2.1", now })).toBeNull();
    expect(lastAudit()).toMatchObject({ action: "user.password", target: wang.email });
  });
});

describe("preset actions", () => {
  it("save, rename and delete only within the user's series", async () => {
    actor = { id: admin.id, email: "e@example.cn", name: "编辑", role: "editor", seriesIds: ["jtyx"], unitId: null };
    const lists = { report: ["团省委"], send: [], issue: ["各市团委"] };
    const other = await presets.savePresetAction({ seriesId: "qnxx", name: "全省", ...lists });
    expect(other.ok || other.error.code).toBe("auth:forbidden");
    const first = must(await presets.savePresetAction({ seriesId: "jtyx", name: "全省", ...lists }));
    const twin = await presets.savePresetAction({ seriesId: "jtyx", name: "全省", ...lists });
    expect(twin.ok || twin.error.message).toMatch(/已有名为「全省」的预设/);
    const renamed = must(await presets.savePresetAction({ seriesId: "jtyx", id: first.id, name: "全省团系统", ...lists }));
    expect(listPresets(d, "jtyx").map((p) => p.name)).toEqual(["全省团系统"]);
    const foreign = savePreset(d, { seriesId: "qnxx", name: "外刊", ...lists, actorId: admin.id });
    const steal = await presets.deletePresetAction({ id: foreign.id });
    expect(steal.ok || steal.error.code).toBe("auth:forbidden");
    const moved = await presets.savePresetAction({ seriesId: "jtyx", id: foreign.id, name: "外刊", ...lists });
    expect(moved.ok || moved.error.code).toBe("studio:not-found");
    must(await presets.deletePresetAction({ id: renamed.id }));
    expect(listPresets(d, "jtyx")).toEqual([]);
  });
});

describe("the migration adding users.all_series", () => {
  it("keeps the meaning of existing users: no series meant every series, and says so explicitly", async () => {
    const dir = path.resolve(import.meta.dirname, "../db/migrations");
    const sqlite = new Database(":memory:");
    const run = (file: string) => {
      for (const stmt of fs.readFileSync(path.join(dir, file), "utf8").split("--> statement-breakpoint"))
        if (stmt.trim()) sqlite.exec(stmt);
    };
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    // Found by what it does, not its number: migrations may be renumbered when branches merge.
    const at = files.findIndex((f) => fs.readFileSync(path.join(dir, f), "utf8").includes("ADD `all_series`"));
    expect(at).toBeGreaterThan(0);
    for (const f of files.slice(0, at)) run(f);
    const add = sqlite.prepare(
      "INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'editor', 'x', 0, 0)",
    );
    const all = Number(add.run("all@example.cn", "a").lastInsertRowid);
    const one = Number(add.run("one@example.cn", "b").lastInsertRowid);
    sqlite.prepare("INSERT INTO user_series (user_id, series_id) VALUES (?, 'jtyx')").run(one);
    run(files[at]!);
    const flag = (id: number) => sqlite.prepare("SELECT all_series AS a FROM users WHERE id = ?").get(id) as { a: number };
    expect(flag(all).a).toBe(1);
    expect(flag(one).a).toBe(0);
    sqlite.close();
  });
});
