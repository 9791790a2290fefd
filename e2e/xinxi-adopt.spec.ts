// 采用 in the browser: a unit's 信息稿件 with a picture (seeded through the queries), adopted by
// an editor into 新建一期 on /studio/submissions/<id>/adopt; the draft editor holds the article with
// its 供稿 byline, the preview shows the picture, and the draft lists what it adopted.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_CONTENT, E2E_DATA } from "./lib/site";
import { ADMIN, ensureAdmin, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });
test.beforeAll(() => ensureAdmin());

const SHOTS = "/tmp/shots-adopt";
const TITLE = "团长治市委组织青年志愿者开展植树活动";
const BODY = "三月十二日，团长治市委组织三百余名青年志愿者在太行山脚下开展义务植树活动，共栽种树苗两千余株。";

function seed(title: string, body: string): { submissionId: number; picture: string } {
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/lib/xinxi-seed.ts", title, body], {
    env: { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: E2E_DATA },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

test("an editor adopts a submission into a new issue: the article, its byline and its picture are in the draft", async ({ browser }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const { submissionId, picture } = seed(TITLE, BODY);
  // A near-duplicate from the same unit, for the similarity hint.
  seed(`${TITLE}（续报）`, BODY.replace("两千余株", "两千三百株"));
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto(`/studio/submissions/${submissionId}/adopt`);
  await expect(page.getByTestId("adopt-heading")).toHaveText("采用信息稿件");
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  const hint = page.getByTestId("similar-hint");
  await expect(hint).toContainText("可能与以下内容相近");
  await expect(hint.getByRole("link", { name: `${TITLE}（续报）` })).toBeVisible();
  const form = page.getByRole("form", { name: "采用到" });
  await form.getByLabel("摘编采用").check();
  await expect(form.getByLabel("采用到")).toHaveValue("new");
  await page.screenshot({ path: `${SHOTS}/adopt-page.png`, fullPage: true });
  await form.getByRole("button", { name: "采用" }).click();

  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  const editor = page.getByTestId("mdx-editor").locator(".cm-content");
  await expect(editor).toContainText(`# ${TITLE}`);
  await expect(editor).toContainText("<Byline>（团长治市委供稿）</Byline>");
  await expect(editor).toContainText(new RegExp(`<Figure src="\\d{3}\\.media/${picture}" caption="活动现场" />`));
  const adopted = page.getByTestId("draft-adoptions");
  await expect(adopted).toContainText("本期采用的信息（1）");
  await adopted.locator("summary").click();
  await expect(adopted).toContainText(`${TITLE} · 共青团长治市委 · 摘编 · 待刊用`);

  const preview = page.frameLocator("[data-testid=preview-iframe]");
  const shown = preview.locator(".jb-official[data-paginated=true] .jb-sheet img").first();
  await expect(shown).toBeVisible();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(900);
  await expect(preview.locator(".jb-official[data-paginated=true]")).toContainText("（团长治市委供稿）");
  await page.screenshot({ path: `${SHOTS}/draft.png`, fullPage: true });

  // Back on the adopt page the submission is 已采用, with where it went.
  await page.goto(`/studio/submissions/${submissionId}/adopt`);
  await expect(page.getByTestId("adopt-panel")).toContainText("这篇稿件已采用");
  await expect(page.getByTestId("adoption-list")).toContainText("摘编 · 待刊用");
  // The submission's own page shows the same panel.
  await page.goto(`/studio/submissions/${submissionId}`);
  await expect(page.getByTestId("adopt-panel")).toContainText("这篇稿件已采用");
  await page.screenshot({ path: `${SHOTS}/submission-page.png`, fullPage: true });
  await page.context().close();
});

test("an editor combines two submissions into one issue: both articles, in the order ticked", async ({ browser }) => {
  const a = seed("团长治市委开展青年读书分享会", "团长治市委举办青年读书分享会，两百余名团员青年参加。");
  const b = seed("团长治市委启动青年夜校", "团长治市委启动青年夜校，首期开设书法、摄影等八门课程。");
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto("/studio/submissions/combine");
  const form = page.getByRole("form", { name: "综合成一期" });
  await form.getByRole("checkbox", { name: "选择《团长治市委启动青年夜校》" }).check();
  await form.getByRole("checkbox", { name: "选择《团长治市委开展青年读书分享会》" }).check();
  await form.getByLabel("《团长治市委开展青年读书分享会》的采用方式").selectOption({ label: "综合" });
  await page.screenshot({ path: `${SHOTS}/combine.png`, fullPage: true });
  await form.getByRole("button", { name: "综合成一期（已选 2 篇）" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  const editor = page.getByTestId("mdx-editor").locator(".cm-content");
  await expect(editor).toContainText("# 团长治市委启动青年夜校");
  await expect(editor).toContainText("# 团长治市委开展青年读书分享会");
  // Two articles: the preview's 本期要目 lists them, from their headings.
  const preview = page.frameLocator("[data-testid=preview-iframe]");
  await expect(preview.getByTestId("toc").first()).toContainText("团长治市委启动青年夜校");
  await page.getByTestId("draft-adoptions").locator("summary").click();
  await expect(page.getByTestId("draft-adoptions")).toContainText("团长治市委开展青年读书分享会 · 共青团长治市委 · 综合 · 待刊用");
  await page.screenshot({ path: `${SHOTS}/combined-draft.png`, fullPage: true });
  expect(a.submissionId).not.toBe(b.submissionId);
  await page.context().close();
});
