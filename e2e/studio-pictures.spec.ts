// Pictures in the studio as an editor meets them: 图片 in the toolbar opens the file chooser, a
// screenshot pasted into the text uploads too, the preview shows both, a file that is no picture
// is refused by name, an unused picture can be removed; once published, readers get the picture on
// the page and in the PDF, and nobody outside the studio gets a draft's picture.
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { pngOf } from "../test/lib/pictures";
import { violations } from "./lib/axe";
import { measurePdf } from "./lib/pdf-measure";
import { ADMIN, ensureAdmin, SECOND_REVIEWER, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });
test.beforeAll(() => ensureAdmin());

// A title of its own: the sample's title (with 长治 in it) must keep naming one published issue for
// the reader specs (search ranking, the series page) and for studio-editing, whatever ran first.
const SAMPLE = fs
  .readFileSync("test/fixtures/jintuan-yaoxun-2022-03.txt", "utf8")
  .replace("〔2022〕第3期", "〔2022〕第12期")
  .replace("团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展", "团员青年志愿服务活动图片新闻");
const PHOTO = Buffer.from(pngOf(1200, 800, [200, 60, 40]));
const SMALL = pngOf(400, 300, [30, 150, 60]);
let draftUrl = "";
let mediaUrl = "";

const body = (page: Page) => page.getByTestId("mdx-editor").locator(".cm-content");

test("an editor uploads a picture from the toolbar and pastes another; the preview shows them", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto("/studio/new");
  const form = page.getByRole("form", { name: "导入文档" });
  await form.getByLabel("文件").setInputFiles({ name: "2022-12.txt", mimeType: "text/plain", buffer: Buffer.from(SAMPLE) });
  await form.getByRole("button", { name: "导入为草稿" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  draftUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("problem-count")).toHaveText("格式检查通过");

  // 图片 in the toolbar opens the file chooser; the picture goes in where the cursor is.
  await body(page).click();
  await page.keyboard.press("Control+End");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("toolbar", { name: "插入排版元素" }).getByRole("button", { name: "图片" }).click();
  await (await chooser).setFiles({ name: "活动现场.png", mimeType: "image/png", buffer: PHOTO });
  const item = page.getByTestId("picture-item").filter({ hasText: "活动现场.png" });
  await expect(item).toContainText("1200×800 像素");
  await expect(item).toContainText("正文中已使用");
  await expect(item.getByRole("button", { name: "删除" })).toBeDisabled();
  await expect(body(page)).toContainText(/<Figure src="012\.media\/[0-9a-f]{16}\.png" caption="" \/>/);
  await page.keyboard.type("团员青年在活动现场");
  await expect(body(page)).toContainText('caption="团员青年在活动现场"');

  // The preview, in its frame, loads the picture from the studio.
  const preview = page.frameLocator("[data-testid=preview-iframe]");
  const shown = preview.locator(".jb-official[data-paginated=true] .jb-sheet img").first();
  await expect(shown).toBeVisible();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
  await expect(preview.locator(".jb-sheet figcaption").first()).toHaveText("团员青年在活动现场");
  mediaUrl = (await shown.getAttribute("src"))!;
  expect(mediaUrl).toMatch(new RegExp(`^${draftUrl}/media/[0-9a-f]{16}\\.png$`));

  // A screenshot pasted into the text is uploaded, and a small one gets a word about print.
  await body(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await body(page).evaluate(
    (el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], "截图.png", { type: "image/png" }));
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [...SMALL],
  );
  const pasted = page.getByTestId("picture-item").filter({ hasText: "截图.png" });
  await expect(pasted).toContainText("400×300 像素");
  await expect(pasted).toContainText("宽 400 像素，通栏印出来会发虚");
  await expect(page.getByRole("status").filter({ hasText: "「截图.png」宽 400 像素" })).toBeVisible();
  await expect(preview.locator(".jb-official[data-paginated=true] .jb-sheet img")).toHaveCount(2);

  // Undoing the insertion leaves the picture unused: now it can be removed.
  await body(page).click();
  await page.keyboard.press("Control+z");
  await expect(pasted).toContainText("未使用");
  await pasted.getByRole("button", { name: "删除" }).click();
  await expect(page.getByTestId("picture-item")).toHaveCount(1);

  // Not a picture: refused by name, nothing added.
  await page.getByTestId("picture-input").setInputFiles({
    name: "标志.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await expect(page.getByRole("status").filter({ hasText: "「标志.svg」不是 PNG、JPEG、GIF 或 WebP 图片" })).toBeVisible();
  await expect(page.getByTestId("picture-item")).toHaveCount(1);

  await expect(page.getByTestId("save-state")).toContainText("已保存", { timeout: 20_000 });
  await expect(page.getByTestId("problem-count")).toHaveText("格式检查通过");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("status-badge").first()).toHaveText("待审");
  await page.context().close();
});

test("nobody outside the studio gets a draft's picture", async ({ request }) => {
  const anonymous = await request.get(mediaUrl, { maxRedirects: 0 });
  expect(anonymous.status()).not.toBe(200);
  expect(anonymous.headers()["content-type"] ?? "").not.toMatch(/^image\//);
});

test("published, the picture is on the public page and in the PDF, inside the type area", async ({ browser }) => {
  const reviewer = await signedIn(browser, SECOND_REVIEWER.email, SECOND_REVIEWER.password);
  await reviewer.goto(draftUrl);
  await reviewer.getByRole("button", { name: "签发" }).click();
  await expect(reviewer.getByTestId("signer")).toContainText("签发人：赵审核");
  await reviewer.getByRole("button", { name: "立即发布" }).click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("已发布");
  await reviewer.context().close();

  const reader = await browser.newPage();
  await reader.goto("/jtyx/2022/12");
  const img = reader.locator("figure.jb-figure img").first();
  await expect(img).toHaveAttribute("src", /^\/jtyx\/2022\/12\/media\/[0-9a-f]{16}\.png$/);
  // The picture closes a five-page text and loads lazily: Chromium fetches it only within a
  // distance of the viewport that it sets from its estimate of the connection's speed. A
  // reader scrolls to it; without that, the test passed or failed with the machine's load.
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1200);
  await expect(reader.locator("figure.jb-figure figcaption").first()).toHaveText("团员青年在活动现场");

  const pdf = await reader.request.get("/jtyx/2022/12/pdf");
  expect(pdf.status()).toBe(200);
  const measured = await measurePdf(await pdf.body());
  expect(measured.images).toHaveLength(1);
  const [picture] = measured.images;
  const MM = 72 / 25.4;
  // Within the 156 mm type area, between the 28 mm margin on the left and 184 mm.
  expect(picture!.x0).toBeGreaterThanOrEqual(28 * MM - 1);
  expect(picture!.x1).toBeLessThanOrEqual(184 * MM + 1);
  expect(picture!.x1 - picture!.x0).toBeGreaterThan(50 * MM);
  await reader.close();
});

test("a correction lists the published picture, shows it in the preview, and can add another", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto("/studio?tab=published");
  await page.getByTestId("studio-list").getByRole("listitem").filter({ hasText: "〔2022〕第12期" }).getByRole("link").first().click();
  await page.getByRole("button", { name: "发起更正" }).click();
  await expect(page.getByTestId("draft-heading")).toContainText("〔2022〕第12期 更正稿");
  const published = page.getByTestId("picture-item").filter({ hasText: "已发布" });
  await expect(published).toHaveCount(1);
  await expect(published).toContainText("1200×800 像素");
  await expect(published).toContainText("正文中已使用");
  await expect(published.getByRole("button", { name: "删除" })).toHaveCount(0);
  const preview = page.frameLocator("[data-testid=preview-iframe]");
  const shown = preview.locator(".jb-official[data-paginated=true] .jb-sheet img").first();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);

  await page
    .getByTestId("picture-input")
    .setInputFiles({ name: "补充图片.png", mimeType: "image/png", buffer: Buffer.from(pngOf(900, 600)) });
  await expect(page.getByTestId("picture-item")).toHaveCount(2);
  await expect(page.getByTestId("picture-item").filter({ hasText: "补充图片.png" })).toContainText("正文中已使用");
  await expect(preview.locator(".jb-official[data-paginated=true] .jb-sheet img")).toHaveCount(2);
  // The picture list, with a published and an uploaded picture, is as accessible as the rest of the studio.
  expect(await violations(page)).toEqual([]);
  await page.context().close();
});
