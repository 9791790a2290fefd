// 约稿 and 批示 as people use them: an editor calls for submissions from one unit; that unit's
// contributor finds the call with its deadline and a way to answer it, another unit's does not
// (and gets 404 for it); an editor records a leader's 批示 on a published issue.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { violations } from "./lib/axe";
import { E2E_CONTENT, E2E_DATA } from "./lib/site";
import { ADMIN, ensureAdmin, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });

const SHOTS = "/tmp/shots-calls";
const ASKED = { unit: "E2E共青团长治市委", email: "asked@e2e.example.org", password: "e2e-contributor-asked" };
const OTHER = { unit: "E2E共青团晋城市委", email: "other@e2e.example.org", password: "e2e-contributor-other" };
// Unique per run: the e2e site keeps its database between runs.
const TOPIC = `关于报送五四青年节活动信息的约稿 ${Date.now().toString(36)}`;
let callId = "";

/** For the screenshots only: the test machine has no Chinese system font, so lend the pages the bundled one. */
async function legible(page: Page): Promise<void> {
  await page.addStyleTag({
    content: "@font-face{font-family:E2EHei;src:url(/fonts/FandolHei-Regular.woff2)} *{font-family:E2EHei,sans-serif !important}",
  });
  await page.evaluate(() => document.fonts.ready);
}

/** Two units with a contributor each, made through the queries as the unit import would, once. */
function seedUnits(): void {
  const code = `Promise.all([import("@/lib/database"), import("@/db/queries/xinxi/units"), import("@/db/queries/users"), import("@/lib/auth/password")])
    .then(async ([{ db }, units, users, pw]) => {
      for (const who of ${JSON.stringify([ASKED, OTHER])}) {
        const unit = units.findUnitByName(db(), who.unit) ?? units.createUnit(db(), { name: who.unit, level: "city" });
        if (!users.findUserByEmail(db(), who.email))
          users.createUser(db(), { email: who.email, name: "报送员", role: "contributor", unitId: unit.id, passwordHash: await pw.hashPassword(who.password) });
      }
    });`;
  execFileSync("npx", ["tsx", "--conditions=react-server", "-e", code], {
    env: { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: E2E_DATA },
    encoding: "utf8",
  });
}

/** A contributor signed in straight to /studio/calls (their landing page, 信息报送, is another area's). */
async function contributorOnCalls(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto("/studio/sign-in?callbackUrl=%2Fstudio%2Fcalls");
  await page.getByLabel("邮箱").fill(who.email);
  await page.getByLabel("密码").fill(who.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "约稿" })).toBeVisible();
  return page;
}

test.beforeAll(() => {
  ensureAdmin();
  seedUnits();
  fs.mkdirSync(SHOTS, { recursive: true });
});

test("an editor calls for submissions from one unit", async ({ browser }) => {
  const editor = await signedIn(browser, ADMIN.email, ADMIN.password);
  await editor.goto("/studio/calls/new");
  const form = editor.getByRole("form", { name: "发布约稿" });
  await form.getByLabel("主题").fill(TOPIC);
  await form.getByLabel("约稿要求").fill("请报送本单位五四期间开展的主题团日活动。\n每篇不超过 1500 字。");
  await form.getByLabel("截止时间（北京时间）").fill("2099-06-30T18:00");
  await form.getByRole("radio", { name: /指定单位/ }).check();
  await form.getByRole("checkbox", { name: ASKED.unit }).check();
  await legible(editor);
  await editor.screenshot({ path: `${SHOTS}/call-new.png`, fullPage: true });
  await form.getByRole("button", { name: "发布约稿" }).click();
  await editor.waitForURL(/\/studio\/calls\/\d+$/);
  callId = editor.url().match(/(\d+)$/)?.[1] ?? "";
  await expect(editor.getByRole("heading", { name: TOPIC })).toBeVisible();
  await expect(editor.getByText("2099-06-30 18:00")).toBeVisible();
  await expect(editor.getByTestId("call-units").getByRole("row").filter({ hasText: ASKED.unit })).toContainText("尚未响应");
  await legible(editor);
  await editor.screenshot({ path: `${SHOTS}/call-detail.png`, fullPage: true });

  await editor.goto("/studio/calls");
  const row = editor.getByTestId("call-row").filter({ hasText: TOPIC });
  await expect(row).toContainText("进行中");
  await expect(row).toContainText("0 / 1");
  await legible(editor);
  await editor.screenshot({ path: `${SHOTS}/calls-editor.png`, fullPage: true });
  await editor.context().close();
});

test("the unit's contributor sees the call with its deadline and a link to answer it", async ({ browser }) => {
  const page = await contributorOnCalls(browser, ASKED);
  const row = page.getByTestId("call-row").filter({ hasText: TOPIC });
  await expect(row).toContainText("截止 2099-06-30 18:00");
  await expect(row).toContainText(/剩余 \d+ 天/);
  await expect(row.getByRole("link", { name: "响应约稿" })).toHaveAttribute("href", `/studio/submissions/new?call=${callId}`);
  await legible(page);
  await page.screenshot({ path: `${SHOTS}/calls-contributor.png`, fullPage: true });
  // The submission form (another area's) opens with this call chosen.
  await row.getByRole("link", { name: "响应约稿" }).click();
  await expect(page.getByLabel("响应约稿")).toHaveValue(callId);
  await page.goto(`/studio/calls/${callId}`);
  await expect(page.getByText("每篇不超过 1500 字。")).toBeVisible();
  await page.context().close();
});

test("another unit's contributor neither sees the call nor can open it", async ({ browser }) => {
  const page = await contributorOnCalls(browser, OTHER);
  await expect(page.getByTestId("call-row").filter({ hasText: TOPIC })).toHaveCount(0);
  const response = await page.goto(`/studio/calls/${callId}`);
  expect(response?.status()).toBe(404);
  expect((await page.goto("/studio/calls/new"))?.status()).toBe(403);
  await page.context().close();
});

test("an editor records a leader's 批示 on a published issue", async ({ browser }) => {
  const editor = await signedIn(browser, ADMIN.email, ADMIN.password);
  await editor.goto("/studio?tab=published");
  await editor.getByTestId("studio-list").getByRole("listitem").filter({ hasText: "〔2022〕第3期" }).getByRole("link").first().click();
  await editor.waitForURL(/\/studio\/issues\/\d+$/);
  const form = editor.getByRole("form", { name: "登记批示" });
  await form.getByLabel("级别").selectOption({ label: "省级" });
  await form.getByLabel("批示领导").fill("省委副书记");
  await form.getByLabel("日期").fill("2022-04-02");
  await form.getByLabel("批示要点").fill("长治市少先队工作经验做法很好，请团省委总结推广。");
  await form.getByRole("button", { name: "登记批示" }).click();
  await expect(form.getByText("已登记批示")).toBeVisible();
  const listed = editor.getByTestId("instructions").getByRole("listitem").filter({ hasText: "长治市少先队工作经验做法很好" }).first();
  await expect(listed).toContainText("省级");
  await expect(listed).toContainText("省委副书记");
  await legible(editor);
  await editor.getByRole("region", { name: "批示" }).screenshot({ path: `${SHOTS}/instructions.png` });
  await editor.context().close();
});

test("the call pages and the 批示 section pass the accessibility checks", async ({ browser }) => {
  const editor = await signedIn(browser, ADMIN.email, ADMIN.password);
  await editor.goto("/studio?tab=published");
  await editor.getByTestId("studio-list").getByRole("listitem").filter({ hasText: "〔2022〕第3期" }).getByRole("link").first().click();
  await editor.waitForURL(/\/studio\/issues\/\d+$/);
  expect(await violations(editor), "issue page").toEqual([]);
  for (const url of ["/studio/calls", "/studio/calls/new", `/studio/calls/${callId}`, `/studio/calls/${callId}/edit`]) {
    await editor.goto(url);
    expect(await violations(editor), url).toEqual([]);
  }
  const page = await contributorOnCalls(browser, ASKED);
  for (const url of ["/studio/calls", `/studio/calls/${callId}`]) {
    await page.goto(url);
    expect(await violations(page), `${url} (contributor)`).toEqual([]);
  }
  await page.context().close();
  await editor.context().close();
});
