// 信息报送 notices in the studio: a contributor whose submission was adopted and printed sees the
// count by their name and the notices on /studio/notices, and the count goes once they have looked.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_CONTENT, E2E_DATA } from "./lib/site";
import { ADMIN, ensureAdmin } from "./lib/studio";

const CONTRIBUTOR = { email: "changzhi-baosong@e2e.example.org", password: "e2e-contributor-password" };
const SHOTS = "/tmp/shots-notices";

test.beforeAll(() => ensureAdmin());

test("a contributor sees what happened to their submission, and the badge clears once seen", async ({ browser }) => {
  const title = `长治青年志愿服务${Date.now() % 100_000}`;
  const out = execFileSync(
    "npx",
    ["tsx", "--conditions=react-server", "e2e/lib/xinxi-notices-seed.ts", CONTRIBUTOR.email, CONTRIBUTOR.password, ADMIN.email, title],
    { env: { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: E2E_DATA }, encoding: "utf8" },
  );
  const { submissionId } = JSON.parse(out) as { submissionId: number };

  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Signed in to the account page (any studio page has the header), which counts what is new.
  await page.goto("/studio/sign-in?callbackUrl=%2Fstudio%2Faccount");
  await page.getByLabel("邮箱").fill(CONTRIBUTOR.email);
  await page.getByLabel("密码").fill(CONTRIBUTOR.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("studio-user")).toBeVisible();
  const badge = page.getByTestId("notice-badge");
  await expect(badge).toHaveText("2");
  await page.getByTestId("notice-link").click();
  await expect(page).toHaveURL(/\/studio\/notices$/);
  await expect(page.getByRole("heading", { name: "通知", level: 1 })).toBeVisible();
  const fresh = page.getByRole("list", { name: "新通知" });
  await expect(fresh.getByTestId("notice")).toHaveText([
    new RegExp(`《${title}》已刊用：晋团要讯〔2026〕第5期`),
    new RegExp(`团榆次区委的《${title}》已采用（全文）`),
  ]);
  await expect(fresh.getByRole("link", { name: `团榆次区委的《${title}》已采用（全文）` })).toHaveAttribute(
    "href",
    `/studio/submissions/${submissionId}`,
  );
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/notices-new.png`, fullPage: true });

  // Looked at: no count any more, and the same notices now below the divider.
  await page.reload();
  await expect(page.getByTestId("notice-badge")).toHaveCount(0);
  await expect(page.getByText("没有新通知")).toBeVisible();
  await expect(page.getByRole("list", { name: "以前的通知" }).getByTestId("notice")).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/notices-seen.png`, fullPage: true });
  await context.close();
});
