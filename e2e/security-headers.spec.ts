// The site works under its own Content-Security-Policy: public pages, the print page, sign-in and
// the studio editor (CodeMirror and the live A4 preview in its frame) load without a single
// policy violation, and every response carries the security headers.
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { ADMIN, ensureAdmin, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });
test.beforeAll(() => ensureAdmin());

/** Violations the page (and any frame in it) reports, from the DOM event and from the console. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => seen.push(`pageerror: ${e.message}`));
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${location.pathname}`,
      );
    });
  });
  return seen;
}

const SECURITY = ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"];

test("public pages, the print page and sign-in load with no policy violation and carry the headers", async ({ page }) => {
  const seen = watchViolations(page);
  // A picture page, a plain issue, its print layout (fonts, the pagination script), search, sign-in.
  for (const url of ["/", "/jtyx", "/jtyx/2021/10", "/jtyx/2022/3", "/jtyx/2022/3/print", "/search?q=%E5%9B%A2", "/studio/sign-in"]) {
    // Twice: the second answer of a public page comes from the page cache, not from Next.
    for (const round of [1, 2]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      const headers = res!.headers();
      for (const h of SECURITY) expect(headers[h], `${h} on ${url} (${round})`).toBeTruthy();
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      // Plain http: no HSTS.
      expect(headers["strict-transport-security"], url).toBeUndefined();
      await page.waitForLoadState("networkidle");
    }
  }
  await expect(page.locator("body")).toBeVisible();
  expect(seen).toEqual([]);
});

test("assets, feeds and API answers carry them too", async ({ request }) => {
  for (const url of ["/feed.xml", "/sitemap.xml", "/api/health", "/jtyx/2021/10/media/image-1.png", "/robots.txt"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    for (const h of SECURITY) expect(res.headers()[h], `${h} on ${url}`).toBeTruthy();
  }
});

test("the studio editor, with CodeMirror and the live preview frame, runs with no policy violation", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  const seen = watchViolations(page);
  await page.goto("/studio/new");
  const sample = fs.readFileSync("test/fixtures/jintuan-yaoxun-2022-03.txt", "utf8").replace("〔2022〕第3期", "〔2022〕第15期");
  const form = page.getByRole("form", { name: "导入文档" });
  await form.getByLabel("文件").setInputFiles({ name: "2022-15.txt", mimeType: "text/plain", buffer: Buffer.from(sample) });
  await form.getByRole("button", { name: "导入为草稿" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  const draft = new URL(page.url()).pathname;
  // Reload so the init script watches the editor page from its first byte.
  const res = await page.goto(draft);
  expect(res!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await page.getByTestId("mdx-editor").locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("\n\n安全策略下输入的一段。");
  const preview = page.frameLocator("[data-testid=preview-iframe]");
  await expect(preview.getByText("安全策略下输入的一段。").first()).toBeVisible();
  await expect(page.getByTestId("preview-pages")).toHaveText(/共 \d+ 页/);
  // The preview is the one page this site frames, and only itself.
  const frame = await page.request.get(`${draft}/preview`);
  expect(frame.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect(frame.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("save-state")).toContainText("已保存");
  expect(seen).toEqual([]);
  await page.context().close();
});
