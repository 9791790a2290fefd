// The 单位库 in the studio and on the command line: moving a unit never cuts a branch off the tree
// (not under itself, not under its own descendants), a unit with a history is disabled but never
// deleted, a disabled unit leaves the suggestions, the import action answers as the CLI does, and
// 报送员 accounts are bound to a unit from /studio/users and from `user:add --unit`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as unitActions from "@/app/(studio)/studio/units/actions";
import * as userActions from "@/app/(studio)/studio/users/actions";
import * as audit from "@/db/queries/studio/audit";
import { createUser, findUserByEmail, getUser } from "@/db/queries/users";
import * as q from "@/db/queries/xinxi/units";
import type { StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { withDepth } from "@/lib/xinxi/unit-tree";

let actor: StudioUser | null = null;

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-jianbao-client-ip": "192.0.2.7" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  const rank = { contributor: 0, editor: 1, reviewer: 2, admin: 3 } as const;
  return {
    requireUser: async (role: StudioUser["role"] = "editor") => {
      if (!actor) throw new AppError("auth:unauthenticated", "请先登录");
      if (rank[actor.role] < rank[role]) throw new AppError("auth:forbidden", "权限不足");
      return actor;
    },
  };
});

const REPO = path.resolve(import.meta.dirname, "..");
const SAMPLE = path.join(REPO, "test/fixtures/units-shanxi.csv");
let admin: StudioUser;
const byName = (name: string) => q.listUnits(db()).find((u) => u.name === name)!;
const lastAudit = () => audit.listAudit(db(), { page: 1 }).rows[0];
const must = <T>(r: { ok: true; data: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(`expected success, got ${r.error.message}`);
  return r.data;
};
const csvFile = (name: string, text: string) => {
  const form = new FormData();
  form.set("file", new File([text], name, { type: "text/csv" }));
  return form;
};

beforeAll(async () => {
  const row = createUser(db(), { email: "root@example.cn", name: "管理员", role: "admin", passwordHash: "x" });
  admin = { id: row.id, email: row.email, name: row.name, role: "admin", seriesIds: null, unitId: null };
  actor = admin;
  const r = must(await unitActions.importUnitsAction(csvFile("units-shanxi.csv", fs.readFileSync(SAMPLE, "utf8"))));
  expect(r).toEqual({ ok: true, added: 24, updated: 0, unchanged: 0 });
});

beforeEach(() => {
  actor = admin;
});

describe("the unit tree", () => {
  it("is read in tree order with depths: the 12 counties right under 共青团长治市委", () => {
    const tree = withDepth(q.listUnits(db()));
    const changzhi = tree.findIndex((u) => u.name === "共青团长治市委");
    expect(tree[0]).toMatchObject({ name: "共青团山西省委", depth: 0 });
    expect(tree[changzhi]!.depth).toBe(1);
    expect(tree.slice(changzhi + 1, changzhi + 13).every((u) => u.depth === 2 && u.parentId === tree[changzhi]!.id)).toBe(true);
    expect(lastAudit()).toMatchObject({ action: "unit.import", target: "units-shanxi.csv", detail: { added: 24 } });
  });

  it("refuses to move a unit under itself or under one of its descendants, at the 上级单位 field", async () => {
    const province = byName("共青团山西省委");
    const county = byName("共青团长治市潞州区委");
    expect(() => q.updateUnit(db(), province.id, { parentId: county.id })).toThrow(/不能把单位移到它自己或它的下级单位之下/);
    for (const parentId of [province.id, county.id]) {
      const r = await unitActions.updateUnitAction({ id: province.id, name: province.name, level: "province", parentId });
      expect(r.ok || r.error.fields).toEqual({ parentId: "上级单位不能是它自己或它的下级单位" });
    }
    expect(byName("共青团山西省委").parentId).toBeNull();
    // A move to another branch is fine, and goes last among its new siblings.
    const taiyuan = byName("共青团太原市委");
    must(
      await unitActions.updateUnitAction({ id: county.id, name: county.name, level: "county", parentId: taiyuan.id, shortName: "团潞州" }),
    );
    expect(byName("共青团长治市潞州区委")).toMatchObject({ parentId: taiyuan.id, shortName: "团潞州" });
    expect(lastAudit()).toMatchObject({
      action: "unit.update",
      target: county.name,
      detail: { parentId: taiyuan.id, shortName: "团潞州" },
    });
  });

  it("adds a unit, and keeps the typed values when a field is refused", async () => {
    const made = must(
      await unitActions.createUnitAction({ name: "共青团长治市新区委", level: "county", parentId: byName("共青团长治市委").id }),
    );
    expect(q.getUnit(db(), made.id)).toMatchObject({ name: "共青团长治市新区委", level: "county" });
    expect(lastAudit()).toMatchObject({ action: "unit.create", target: "共青团长治市新区委" });
    const dup = await unitActions.createUnitAction({ name: "共青团长治市新区委", level: "county", contactEmail: "not-an-email" });
    expect(dup.ok || dup.error.fields).toEqual({ contactEmail: "请填写有效的邮箱地址，例如 tuanwei@example.cn" });
    const taken = await unitActions.createUnitAction({ name: "共青团长治市新区委", level: "county" });
    expect(taken.ok || taken.error.fields).toEqual({ name: "单位名称已存在" });
  });

  it("deletes only an unused unit; one with an account is disabled instead, and leaves the suggestions", async () => {
    const unused = byName("共青团长治市新区委");
    must(await unitActions.deleteUnitAction({ id: unused.id }));
    expect(q.getUnit(db(), unused.id)).toBeUndefined();
    const qinyuan = byName("共青团长治市沁源县委");
    createUser(db(), { email: "qy@example.cn", name: "沁源报送员", role: "contributor", passwordHash: "x", unitId: qinyuan.id });
    const refused = await unitActions.deleteUnitAction({ id: qinyuan.id });
    expect(refused.ok || refused.error.message).toMatch(/已有账号，不能删除/);
    const parent = await unitActions.deleteUnitAction({ id: byName("共青团长治市委").id });
    expect(parent.ok || parent.error.message).toMatch(/下级单位/);
    expect(q.unitNameSuggestions(db())).toEqual(expect.arrayContaining(["共青团长治市沁源县委", "团沁源县委"]));
    must(await unitActions.setUnitDisabledAction({ id: qinyuan.id, disabled: true }));
    expect(q.getUnit(db(), qinyuan.id)?.disabled).toBe(true);
    expect(q.unitNameSuggestions(db())).not.toContain("共青团长治市沁源县委");
    expect(q.unitNameSuggestions(db())).not.toContain("团沁源县委");
    expect(q.unitUserCounts(db()).get(qinyuan.id)).toBe(1);
    must(await unitActions.setUnitDisabledAction({ id: qinyuan.id, disabled: false }));
  });

  it("imports through the studio with the CLI's problems, writing nothing", async () => {
    const before = q.listUnits(db()).length;
    const r = must(await unitActions.importUnitsAction(csvFile("新.csv", "名称,简称,上级,级别\n甲,,共青团山西省委,县级\n乙,,丙,县级\n")));
    expect(r).toEqual({ ok: false, problems: ["新.csv:3: 上级 — 找不到上级单位「丙」：它既不在本文件中，也不在单位库里"] });
    expect(q.listUnits(db()).length).toBe(before);
    const none = await unitActions.importUnitsAction(new FormData());
    expect(none.ok || none.error.fields).toEqual({ file: "请选择文件" });
  });

  it("is for admins only", async () => {
    for (const role of ["contributor", "editor", "reviewer"] as const) {
      actor = { ...admin, role };
      const r = await unitActions.createUnitAction({ name: "某单位", level: "other" });
      expect(r.ok || r.error.code).toBe("auth:forbidden");
    }
  });
});

describe("报送员 accounts", () => {
  it("need a 所属单位 on /studio/users, an enabled one, and keep it when edited", async () => {
    const changzhi = byName("共青团长治市委");
    const missing = await userActions.createAccount({ email: "bs@example.cn", name: "报送员", role: "contributor", seriesIds: [] });
    expect(missing.ok || missing.error.fields).toEqual({ unitId: "请选择报送员所属的单位" });
    const made = must(
      await userActions.createAccount({ email: "bs@example.cn", name: "报送员", role: "contributor", seriesIds: [], unitId: changzhi.id }),
    );
    const user = findUserByEmail(db(), made.email)!;
    expect(user).toMatchObject({ role: "contributor", unitId: changzhi.id });
    expect(lastAudit()).toMatchObject({ action: "user.create", detail: { role: "contributor", unitId: changzhi.id } });
    const datong = byName("共青团大同市委");
    must(await userActions.updateAccount({ id: user.id, name: "报送员", role: "contributor", seriesIds: [], unitId: datong.id }));
    expect(getUser(db(), user.id)?.unitId).toBe(datong.id);
    expect(lastAudit()).toMatchObject({ action: "user.update", detail: { unitId: datong.id } });
    q.updateUnit(db(), changzhi.id, { disabled: true });
    const retired = await userActions.updateAccount({
      id: user.id,
      name: "报送员",
      role: "contributor",
      seriesIds: [],
      unitId: changzhi.id,
    });
    expect(retired.ok || retired.error.fields).toEqual({ unitId: "请选择一个启用的单位" });
    q.updateUnit(db(), changzhi.id, { disabled: false });
    // Another role belongs to no unit, whatever the form sent.
    must(await userActions.updateAccount({ id: user.id, name: "报送员", role: "editor", seriesIds: [], unitId: datong.id }));
    expect(getUser(db(), user.id)?.unitId).toBeNull();
  });
});

describe("npm run user:add -- --role contributor --unit", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-user-unit-"));
  fs.mkdirSync(path.join(dir, "content"));
  fs.mkdirSync(path.join(dir, "data"));
  const env = { ...process.env, CONTENT_DIR: path.join(dir, "content"), DATA_DIR: path.join(dir, "data") };
  const tsx = (script: string, args: string[]) => {
    const r = spawnSync(path.join(REPO, "node_modules/.bin/tsx"), ["--conditions=react-server", `scripts/${script}`, ...args], {
      cwd: REPO,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const add = (...extra: string[]) =>
    tsx("user.ts", ["add", "--email", "cz@example.cn", "--name", "长治报送员", "--role", "contributor", "--generate", ...extra]);

  it("refuses a missing or unknown unit, takes a unique 简称, and lists the unit", () => {
    expect(tsx("units-import.ts", [SAMPLE]).code).toBe(0);
    const missing = add();
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("报送员必须用 --unit 指定所属单位");
    const unknown = add("--unit", "团北京市委");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("单位库里找不到「团北京市委」");
    const editor = tsx("user.ts", [
      "add",
      "--email",
      "ed@example.cn",
      "--name",
      "编辑",
      "--role",
      "editor",
      "--unit",
      "团长治市委",
      "--generate",
    ]);
    expect(editor.err).toContain("--unit 只用于报送员");
    const made = add("--unit", "团长治市委");
    expect(made.err).toBe("");
    expect(made.code).toBe(0);
    expect(made.out).toContain("已创建账号 cz@example.cn（长治报送员，contributor，单位 共青团长治市委）");
    expect(tsx("user.ts", ["list"]).out).toContain("cz@example.cn\t长治报送员\tcontributor\t单位 共青团长治市委");
  }, 120_000);
});
