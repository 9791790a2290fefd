// The studio beyond the straight path: importing a Word or text bulletin, two people saving the
// same draft, comparing and restoring revisions, correcting and withdrawing a published issue.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { E2E_CONTENT } from "./lib/site";
import { ADMIN, ensureAdmin, SECOND_REVIEWER, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });
test.beforeAll(() => ensureAdmin());

const SAMPLE = fs.readFileSync("test/fixtures/jintuan-yaoxun-2022-03.txt", "utf8");
let draftUrl = "";

async function importText(page: Page, name: string, text: string) {
  await page.goto("/studio/new");
  const form = page.getByRole("form", { name: "导入文档" });
  await form.getByLabel("文件").setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
  await form.getByRole("button", { name: "导入为草稿" }).click();
}

test("importing a text bulletin makes a draft numbered from its masthead; an existing issue is refused", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await importText(page, "2022-03.txt", SAMPLE);
  await expect(page.getByRole("form", { name: "导入文档" }).getByRole("alert")).toContainText("已存在");

  await importText(page, "2022-09.txt", SAMPLE.replace("〔2022〕第3期", "〔2022〕第9期"));
  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  draftUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("draft-heading")).toHaveText(/晋团要讯〔2022〕第9期/);
  await expect(page.getByLabel("标题第1行")).toHaveValue(/团长治市委/);
  await expect(page.getByTestId("problem-count")).toHaveText("格式检查通过");
  await expect(page.getByTestId("preview-pages")).toHaveText(/共 [2-9] 页/);
  await page.context().close();
});

test("a save based on an older revision is refused and can be merged without losing either side", async ({ browser }) => {
  const a = await signedIn(browser, ADMIN.email, ADMIN.password);
  const b = await a
    .context()
    .browser()!
    .newContext({ locale: "zh-CN", viewport: { width: 1600, height: 1000 } })
    .then((c) => c.newPage());
  await b.goto("/studio/sign-in");
  await b.getByLabel("邮箱").fill(ADMIN.email);
  await b.getByLabel("密码").fill(ADMIN.password);
  await b.getByRole("button", { name: "登录" }).click();
  await expect(b.getByTestId("studio-user")).toBeVisible();
  await a.goto(draftUrl);
  await b.goto(draftUrl);

  await a.getByLabel("副标题").fill("甲改的副标题");
  await a.getByRole("button", { name: "保存", exact: true }).click();
  await expect(a.getByTestId("save-state")).toContainText("已保存 · 第2版");

  await b.getByLabel("印数（份）").fill("300");
  await b.getByRole("button", { name: "保存", exact: true }).click();
  const panel = b.getByTestId("conflict-panel");
  await expect(panel).toContainText("已把稿件保存为第2版");
  await panel.getByRole("button", { name: "合并双方的修改" }).click();
  await expect(b.getByLabel("副标题")).toHaveValue("甲改的副标题");
  await expect(b.getByLabel("印数（份）")).toHaveValue("300");
  await b.getByRole("button", { name: "保存", exact: true }).click();
  await expect(b.getByTestId("save-state")).toContainText("已保存 · 第3版");
  await b.context().close();
  await a.context().close();
});

test("revisions compare any two versions and restore an old one as a new revision", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto(`${draftUrl}/revisions`);
  await expect(page.getByTestId("revision-row")).toHaveCount(3);
  await page.getByLabel("从第1版").check();
  await page.getByLabel("到第3版").check();
  await page.getByRole("button", { name: "比较所选的两版" }).click();
  const diff = page.getByTestId("revision-diff");
  await expect(diff).toContainText("第1版 → 第3版");
  await expect(diff).toContainText("subtitle: 甲改的副标题");
  await expect(diff).toContainText("copies: 300");
  await page.getByRole("button", { name: "恢复为第1版" }).click();
  await expect(page).toHaveURL(draftUrl);
  await expect(page.getByTestId("save-state")).toContainText("第4版");
  await expect(page.getByLabel("副标题")).toHaveValue("");
  await page.context().close();
});

test("a draft over the loader's 512 KB limit is refused at save, naming 正文, and nothing is saved", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto(draftUrl);
  await expect(page.getByTestId("save-state")).toContainText("第4版");
  await page.getByTestId("mdx-editor").locator(".cm-content").press("Control+End");
  // 180,000 Han characters: 540 KB in UTF-8, under the old 1,000,000-character bound.
  await page.keyboard.insertText(`\n\n${"很长的正文。".repeat(30_000)}`);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("save-state")).toContainText(/保存失败：稿件有 5\d\d KB，超过一期简报的上限 512 KB：请删减正文/);
  await page.goto(`${draftUrl}/revisions`);
  await expect(page.getByTestId("revision-row")).toHaveCount(4);
  await page.context().close();
});

/** Opens a published issue from the studio's list by its issue line: a title may be shared. */
async function openPublished(page: Page, issueLine: string) {
  await page.goto("/studio?tab=published");
  await page.getByTestId("studio-list").getByRole("listitem").filter({ hasText: issueLine }).getByRole("link").first().click();
}

const SAMPLE_LINE = "晋团要讯〔2022〕第3期";

test("a correction goes through review while the public keeps the published version", async ({ browser, page: reader }) => {
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await openPublished(admin, SAMPLE_LINE);
  await admin.getByRole("button", { name: "发起更正" }).click();
  await expect(admin.getByTestId("draft-heading")).toContainText("〔2022〕第3期 更正稿");
  await admin.getByLabel("副标题").fill("（更正稿）");
  await admin.getByRole("button", { name: "提交审核" }).click();
  await expect(admin.getByTestId("status-badge").first()).toHaveText("待审");
  const correctionUrl = admin.url();
  // Whoever submitted may not sign off.
  await admin.getByRole("button", { name: "签发" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "不能签发自己" })).toBeVisible();
  await admin.context().close();

  await reader.goto("/jtyx/2022/3");
  await expect(reader.getByText("（更正稿）")).toHaveCount(0);

  const reviewer = await signedIn(browser, SECOND_REVIEWER.email, SECOND_REVIEWER.password);
  await reviewer.goto(correctionUrl);
  await reviewer.getByRole("button", { name: "签发" }).click();
  await expect(reviewer.getByTestId("signer")).toContainText("签发人：赵审核");
  await reviewer.getByRole("button", { name: "立即发布" }).click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("已发布");
  await reviewer.context().close();

  await reader.goto("/jtyx/2022/3");
  await expect(reader.getByText("（更正稿）").first()).toBeVisible();
});

test("a file edited by hand after a correction started is never overwritten", async ({ browser }) => {
  const file = path.join(E2E_CONTENT, "jtyx/2022/003.mdx");
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await openPublished(admin, SAMPLE_LINE);
  await admin.getByRole("button", { name: "发起更正" }).click();
  await admin.getByLabel("副标题").fill("（第二次更正）");
  await admin.getByRole("button", { name: "提交审核" }).click();
  await expect(admin.getByTestId("status-badge").first()).toHaveText("待审");
  const correctionUrl = admin.url();
  await admin.context().close();

  const handEdited = fs.readFileSync(file, "utf8").replace("（更正稿）", "（手工修改）");
  fs.writeFileSync(file, handEdited);

  const reviewer = await signedIn(browser, SECOND_REVIEWER.email, SECOND_REVIEWER.password);
  await reviewer.goto(correctionUrl);
  await reviewer.getByRole("button", { name: "签发" }).click();
  await expect(reviewer.getByTestId("signer")).toBeVisible();
  await reviewer.getByRole("button", { name: "立即发布" }).click();
  await expect(reviewer.getByRole("alert").filter({ hasText: "在您开始修改后已被改动" })).toBeVisible();
  expect(fs.readFileSync(file, "utf8")).toBe(handEdited);
  await reviewer.getByPlaceholder("写下意见（退回时必填）").fill("文件已被手工修改，请在最新内容上重新更正");
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("草稿");
  await reviewer.context().close();
});

test("withdrawing hides an issue from the public without deleting it; it can be published again", async ({ browser, page: reader }) => {
  const file = path.join(E2E_CONTENT, "jtyx/2022/003.mdx");
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await openPublished(admin, SAMPLE_LINE);
  await admin.getByLabel("撤回原因（记入审计日志）").fill("内容需要核实");
  await admin.getByRole("button", { name: "撤回这一期" }).click();
  await expect(admin.getByTestId("status-badge").first()).toHaveText("已撤回");
  expect((await reader.goto("/jtyx/2022/3"))?.status()).toBe(404);
  expect(fs.readFileSync(file, "utf8")).toMatch(/^status: withdrawn$/m);
  await admin.getByRole("button", { name: "恢复发布" }).click();
  await expect(admin.getByTestId("status-badge").first()).toHaveText("已发布");
  expect((await reader.goto("/jtyx/2022/3"))?.status()).toBe(200);
  await admin.goto("/studio/audit");
  await expect(admin.getByTestId("audit-row").filter({ hasText: "撤回简报" }).first()).toContainText("内容需要核实");
  await admin.context().close();
});
