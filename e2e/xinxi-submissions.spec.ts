// 信息报送 end to end: a unit's contributor sends a 信息稿件 with a picture from the drafts' MDX
// editor; an editor finds it in the inbox by a word of its text and returns it with a reason; the
// contributor sees 退回修改 and the reason and sends it again; the editor sees version 2 and
// version 1. The unit and the contributor are made with the app's queries (e2e/lib/xinxi-setup.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { pngOf } from "../test/lib/pictures";
import { E2E_CONTENT, E2E_DATA } from "./lib/site";
import { ADMIN, ensureAdmin, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });

const CONTRIBUTOR = { email: "baosong@e2e.example.org", password: "e2e-contributor-password", name: "刘报送" };
const UNIT = "共青团晋城市委（e2e）";
// A word no other spec's text has, for the inbox's search.
const WORD = "蓝鲸夜校";
const SHOTS = "/tmp/shots-submissions";
let url = "";

test.beforeAll(() => {
  ensureAdmin();
  execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/lib/xinxi-setup.ts", UNIT, CONTRIBUTOR.email, CONTRIBUTOR.name], {
    env: { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: E2E_DATA },
    input: `${CONTRIBUTOR.password}\n`,
    encoding: "utf8",
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

const body = (page: Page) => page.getByTestId("mdx-editor").locator(".cm-content");

test("a contributor sends a submission with a picture", async ({ browser }) => {
  const page = await signedIn(browser, CONTRIBUTOR.email, CONTRIBUTOR.password);
  await page.goto("/studio");
  await expect(page).toHaveURL(/\/studio\/submissions$/);
  await page.getByRole("link", { name: "报送信息" }).click();
  await expect(page).toHaveURL(/\/studio\/submissions\/new$/);
  await page.getByLabel("标题").fill(`晋城市${WORD}开课`);
  await body(page).click();
  await page.keyboard.type(`${WORD}第一期开课，120 名青年参加。`);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("toolbar", { name: "插入排版元素" }).getByRole("button", { name: "图片" }).click();
  await (await chooser).setFiles({ name: "现场.png", mimeType: "image/png", buffer: Buffer.from(pngOf(900, 600, [30, 90, 160])) });
  await expect(body(page)).toContainText(/<Figure src="submission\.media\/[0-9a-f]{16}\.png"/);
  // The body is checked as drafts are, with the problem at its line.
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("<Script>x</Script>");
  await expect(page.getByTestId("body-problems")).toContainText("正文第 5 行");
  for (let i = 0; i < "<Script>x</Script>".length; i++) await page.keyboard.press("Backspace");
  await expect(page.getByTestId("body-problems")).toHaveCount(0);

  await page.getByLabel("联系人").fill("刘报送");
  await page.getByLabel("联系电话").fill("0356-2021234");
  await page.getByRole("button", { name: "报送", exact: true }).click();
  await expect(page).toHaveURL(/\/studio\/submissions\/\d+$/);
  url = new URL(page.url()).pathname;
  await expect(page.getByTestId("submission-state")).toHaveText("已报送");
  const img = page.getByTestId("submission-text").locator("img");
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(900);
  await page.context().close();
});

test("an editor finds it by a word of its text and returns it with a reason", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto(`/studio/submissions?q=${encodeURIComponent(WORD)}`);
  await expect(page.getByRole("searchbox")).toHaveValue(WORD);
  const row = page.getByTestId("submission-row").filter({ hasText: `晋城市${WORD}开课` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(UNIT);
  await page.screenshot({ path: `${SHOTS}/inbox.png`, fullPage: true });
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  // Opening it changes nothing by itself.
  await expect(page.getByTestId("submission-state")).toHaveText("已报送");
  await page.getByRole("button", { name: "开始处理" }).click();
  await expect(page.getByTestId("submission-state")).toHaveText("处理中");
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByText("退回修改请写明原因")).toBeVisible();
  await page.getByLabel(/原因/).fill("请补充参加人数的来源和下一步安排");
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByTestId("submission-state")).toHaveText("退回修改");
  await page.context().close();
});

test("the contributor sees 退回修改 and the reason, and sends it again", async ({ browser }) => {
  const page = await signedIn(browser, CONTRIBUTOR.email, CONTRIBUTOR.password);
  await page.goto("/studio/submissions");
  const row = page.getByTestId("submission-row").filter({ hasText: `晋城市${WORD}开课` });
  await expect(row.getByTestId("submission-status")).toHaveText("退回修改");
  await page.screenshot({ path: `${SHOTS}/contributor-list.png`, fullPage: true });
  await row.getByRole("link").click();
  await expect(page.getByTestId("decision-note")).toContainText("请补充参加人数的来源和下一步安排");
  const form = page.getByRole("region", { name: "修改后重新报送" });
  await form.getByLabel("标题").fill(`晋城市${WORD}开课（修改稿）`);
  await form.getByTestId("mdx-editor").locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("人数据团市委统计，下一期将于12月开课。");
  await form.getByRole("button", { name: "修改后重新报送" }).click();
  await expect(page.getByTestId("submission-state")).toHaveText("已报送");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`晋城市${WORD}开课（修改稿）`);
  await page.screenshot({ path: `${SHOTS}/contributor-detail.png`, fullPage: true });
  await page.context().close();
});

test("the editor sees version 2 and version 1", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto(url);
  await expect(page.getByRole("heading", { name: /现在的稿件（第 2 版）/ })).toBeVisible();
  await expect(page.getByTestId("submission-text").first()).toContainText("下一期将于12月开课");
  const earlier = page.getByTestId("earlier-version");
  await expect(earlier).toHaveCount(1);
  await expect(earlier).toContainText("第 1 版");
  await earlier.locator("summary").click();
  await expect(earlier.getByTestId("submission-text")).toContainText(`晋城市${WORD}开课`);
  await expect(earlier.getByTestId("submission-text")).not.toContainText("下一期");
  await expect(page.getByTestId("timeline")).toContainText("退回修改：请补充参加人数的来源和下一步安排");
  await expect(page.getByTestId("timeline")).toContainText("修改后重新报送");
  await page.screenshot({ path: `${SHOTS}/editor-detail.png`, fullPage: true });
  await page.context().close();
});
