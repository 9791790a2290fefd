// Studio helpers for e2e: the first admin made with the CLI (as on a real server), and signing in.
import { execFileSync } from "node:child_process";
import { type Browser, expect, type Page } from "@playwright/test";
import { E2E_CONTENT, E2E_DATA } from "./site";

export const ADMIN = { email: "admin@e2e.example.org", password: "e2e-admin-password" };
export const SECOND_REVIEWER = { email: "reviewer2@e2e.example.org", password: "e2e-reviewer-password" };

/** Creates the first admin (and a second reviewer) through `npm run user:add` against the e2e
 * site's database, once, as an administrator would on a server. */
export function ensureAdmin(): void {
  const env = { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: E2E_DATA };
  const cli = (args: string[], input?: string) =>
    execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/user.ts", ...args], { env, encoding: "utf8", input });
  const list = cli(["list"]);
  if (!list.includes(ADMIN.email))
    cli(["add", "--email", ADMIN.email, "--name", "系统管理员", "--role", "admin", "--password-stdin"], `${ADMIN.password}\n`);
  if (!list.includes(SECOND_REVIEWER.email))
    cli(
      ["add", "--email", SECOND_REVIEWER.email, "--name", "赵审核", "--role", "reviewer", "--password-stdin"],
      `${SECOND_REVIEWER.password}\n`,
    );
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/studio/sign-in");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("studio-user")).toBeVisible();
}

export async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/**
 * Creates an account on /studio/users as the signed-in admin; returns the password shown once.
 * A 报送员 needs `unit`: a unit's 名称 or 简称, picked from the 所属单位 select.
 */
export async function createAccount(
  admin: Page,
  who: { email: string; name: string; role: "编辑" | "审核人" | "管理员" | "报送员"; unit?: string },
): Promise<string> {
  await admin.goto("/studio/users");
  const form = admin.getByRole("form", { name: "新建账号" });
  await form.getByLabel("邮箱").fill(who.email);
  await form.getByLabel("姓名").fill(who.name);
  await form.getByLabel("角色").selectOption({ label: who.role });
  if (who.unit) {
    // Options read "　　共青团长治市委（团长治市委）": indented by depth, the 简称 in brackets.
    const select = form.getByLabel("所属单位");
    const labels = (await select.locator("option").allTextContents()).map((t) => t.trim());
    const index = labels.findIndex((l) => l === who.unit || l.startsWith(`${who.unit}（`) || l.endsWith(`（${who.unit}）`));
    expect(index, `a 所属单位 option for ${who.unit}`).toBeGreaterThan(0);
    await select.selectOption({ index });
  }
  // Every series is an explicit choice: an account with none ticked works on none.
  await form.getByRole("checkbox", { name: /^全部刊物/ }).check();
  await form.getByRole("button", { name: "创建账号" }).click();
  const shown = admin.getByTestId("new-password");
  await expect(shown).toBeVisible();
  const password = (await shown.textContent())?.match(/[A-Za-z2-9]{16}/)?.[0];
  expect(password, "the generated password is shown once").toBeTruthy();
  await expect(admin.getByTestId("user-row").filter({ hasText: who.email })).toBeVisible();
  return password!;
}
