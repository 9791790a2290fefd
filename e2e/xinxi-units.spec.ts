// 单位库 (issue 15): an admin imports the office's unit list on /studio/units and sees the tree,
// adds a unit, makes a 报送员 bound to 团长治市委, who lands on 信息报送 and is refused the 单位库.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { violations } from "./lib/axe";
import { ADMIN, createAccount, ensureAdmin, signedIn } from "./lib/studio";

test.beforeAll(() => ensureAdmin());

const SAMPLE = path.resolve(import.meta.dirname, "../test/fixtures/units-shanxi.csv");

test("an admin imports the 单位库, adds a unit, and makes a 报送员 who cannot open it", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await admin.goto("/studio/units");
  await expect(admin.getByRole("heading", { name: "单位库", level: 1 })).toBeVisible();

  const upload = admin.getByRole("form", { name: "导入单位库" });
  await upload.getByLabel("文件").setInputFiles({ name: "units-shanxi.csv", mimeType: "text/csv", buffer: fs.readFileSync(SAMPLE) });
  await upload.getByRole("button", { name: "导入" }).click();
  await expect(upload.getByRole("status")).toContainText(/导入完成：新增 \d+、更新 \d+、未变 \d+/);

  // 共青团长治市委 one level in, its 12 counties right after it, one level deeper.
  const rows = admin.getByTestId("unit-row");
  await expect(rows.filter({ hasText: "共青团长治市沁源县委" })).toBeVisible();
  const names = (await rows.locator("th").allTextContents()).map((t) => t.replace("└", "").trim());
  const depths = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-depth"))));
  const changzhi = names.indexOf("共青团长治市委");
  expect(depths[names.indexOf("共青团山西省委")]).toBe(0);
  expect(depths[changzhi]).toBe(1);
  const counties = names.slice(changzhi + 1, changzhi + 13);
  expect(counties).toHaveLength(12);
  expect(counties.every((n) => n.startsWith("共青团长治市"))).toBe(true);
  expect(depths.slice(changzhi + 1, changzhi + 13)).toEqual(Array(12).fill(2));

  // A bad file is refused line by line, and nothing changes.
  await upload
    .getByLabel("文件")
    .setInputFiles({ name: "坏.csv", mimeType: "text/csv", buffer: Buffer.from("名称,简称,上级,级别\n某单位,,不存在的单位,县级\n") });
  await upload.getByRole("button", { name: "导入" }).click();
  await expect(admin.getByTestId("import-problems")).toContainText("坏.csv:2: 上级 — 找不到上级单位「不存在的单位」");

  const suffix = Math.random().toString(36).slice(2, 6);
  const name = `共青团长治市测试${suffix}委`;
  const add = admin.getByRole("form", { name: "新增单位" });
  await add.getByLabel("名称").fill(name);
  await add.getByLabel("级别").selectOption({ label: "县级" });
  await add.getByLabel("上级单位").selectOption({ label: "　共青团长治市委" });
  await add.getByRole("button", { name: "新增" }).click();
  await expect(rows.filter({ hasText: name })).toHaveAttribute("data-depth", "2");

  // Moving 共青团长治市委 under one of its own counties is refused at the field.
  await admin.getByRole("button", { name: "修改「共青团长治市委」" }).click();
  const edit = admin.getByRole("form", { name: "修改「共青团长治市委」" });
  await edit.getByLabel("上级单位").selectOption({ label: "　　共青团长治市潞州区委" });
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit.getByText("上级单位不能是它自己或它的下级单位")).toBeVisible();
  await edit.getByRole("button", { name: "取消" }).click();

  expect(await violations(admin), "/studio/units").toEqual([]);
  fs.mkdirSync("/tmp/shots-units", { recursive: true });
  await admin.screenshot({ path: "/tmp/shots-units/studio-units.png", fullPage: true });

  // The 报/送/发 inputs suggest the 单位库's names, full and short.
  await admin.goto("/studio/presets");
  await expect(admin.locator('datalist option[value="团长治市委"]').first()).toBeAttached();
  await expect(admin.locator('datalist option[value="共青团长治市潞州区委"]').first()).toBeAttached();

  const email = `baosong-${suffix}@e2e.example.org`;
  const password = await createAccount(admin, { email, name: "长治报送员", role: "报送员", unit: "团长治市委" });
  await expect(admin.getByTestId("user-row").filter({ hasText: email })).toContainText("报送员（共青团长治市委）");
  // The new-account form starts again from 编辑, without a 所属单位.
  await expect(admin.getByRole("form", { name: "新建账号" }).getByLabel("所属单位")).toHaveCount(0);
  expect(await violations(admin), "/studio/users").toEqual([]);
  await admin.screenshot({ path: "/tmp/shots-units/studio-users.png", fullPage: true });
  await admin.context().close();

  const context = await browser.newContext({ locale: "zh-CN" });
  const contributor = await context.newPage();
  await contributor.goto("/studio/sign-in");
  await contributor.getByLabel("邮箱").fill(email);
  await contributor.getByLabel("密码").fill(password);
  await contributor.getByRole("button", { name: "登录" }).click();
  // 信息报送 is their home (the page itself is another part of issue 15).
  await expect(contributor).toHaveURL(/\/studio\/submissions$/);
  const refused = await contributor.goto("/studio/units");
  expect(refused?.status()).toBe(403);
  await context.close();
});
