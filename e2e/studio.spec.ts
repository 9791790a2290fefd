// The studio as people use it: an admin opens accounts, an editor drafts an issue with the live
// A4 preview and submits it, a reviewer signs it off and publishes it, and readers get the page
// and the PDF. Anonymous readers and too-low roles are refused everywhere.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { measurePdf } from "./lib/pdf-measure";
import { ADMIN, createAccount, ensureAdmin, ensureContributor, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });

const TITLE = "全省团干部培训班在太原开班";
const EDITOR = { email: "editor@e2e.example.org", name: "王编辑", password: "" };
const REVIEWER = { email: "reviewer@e2e.example.org", name: "李审核", password: "" };
let draftPath = "";
let publicPath = "";

const CONTRIBUTOR = { email: "contributor@e2e.example.org", name: "李报送", password: "e2e-contributor-password" };

test.beforeAll(() => {
  ensureAdmin();
  ensureContributor("共青团阳泉市委（e2e）", CONTRIBUTOR);
});

test("an admin opens accounts for an editor and a reviewer", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  EDITOR.password = await createAccount(admin, { ...EDITOR, role: "编辑" });
  REVIEWER.password = await createAccount(admin, { ...REVIEWER, role: "审核人" });
  await admin.context().close();
});

test("'all series' is its own choice: an editor whose last series is removed works on none", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await admin.goto("/studio/users");
  const form = admin.getByRole("form", { name: "新建账号" });
  await form.getByLabel("邮箱").fill("scoped@e2e.example.org");
  await form.getByLabel("姓名").fill("赵编辑");
  await form.getByRole("checkbox", { name: "晋团要讯" }).check();
  await form.getByRole("button", { name: "创建账号" }).click();
  const password = (await admin.getByTestId("new-password").textContent())?.match(/[A-Za-z2-9]{16}/)?.[0] ?? "";
  const row = admin.getByTestId("user-row").filter({ hasText: "scoped@e2e.example.org" });
  await expect(row.getByRole("cell", { name: "晋团要讯" })).toBeVisible();

  // Untick the last series: the account has none, not all.
  await row.getByRole("button", { name: "修改" }).click();
  const edit = row.getByRole("form", { name: "修改 scoped@e2e.example.org" });
  await edit.getByRole("checkbox", { name: "晋团要讯" }).uncheck();
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(row.getByRole("cell", { name: "（无）" })).toBeVisible();
  const scoped = await signedIn(browser, "scoped@e2e.example.org", password);
  await scoped.goto("/studio/account");
  await expect(scoped.getByText("（无，请联系管理员）")).toBeVisible();

  // 全部刊物 is ticked on purpose, and then the single boxes do not apply.
  await row.getByRole("button", { name: "修改" }).click();
  await edit.getByRole("checkbox", { name: /^全部刊物/ }).check();
  await expect(edit.getByRole("checkbox", { name: "晋团要讯" })).toBeDisabled();
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(row.getByRole("cell", { name: "全部刊物" })).toBeVisible();
  await scoped.reload();
  await expect(scoped.getByText("全部刊物")).toBeVisible();
  await scoped.context().close();
  await admin.context().close();
});

test("the editor drafts an issue with the live preview, leaves, comes back and submits it", async ({ browser }) => {
  const page = await signedIn(browser, EDITOR.email, EDITOR.password);
  await page.getByRole("link", { name: "新建一期" }).first().click();
  const create = page.getByRole("form", { name: "新建一期" });
  await create.getByLabel("刊物").selectOption({ label: "晋团要讯" });
  await expect(page.getByTestId("proposed-number")).toContainText("第1期");
  await create.getByRole("button", { name: "创建草稿" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  draftPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("draft-heading")).toContainText("晋团要讯〔");

  await page.getByLabel("标题第1行").fill(TITLE);
  await page.getByLabel("印数（份）").fill("120");
  await page.getByTestId("mdx-editor").locator(".cm-content").click();
  await page.keyboard.type("11月28日，全省团干部培训班在太原开班。\n\n");
  await page.getByRole("button", { name: "一级段首标题" }).click();
  await page.keyboard.type("一、提高政治站位。");

  // The preview is the /print layout of what was typed, with its page count.
  const preview = page.frameLocator("[data-testid=preview-iframe]");
  await expect(preview.locator(".jb-official[data-paginated=true]").getByText(TITLE).first()).toBeVisible();
  await expect(preview.locator(".jb-official[data-paginated=true] .jb-sheet")).toHaveCount(1);
  await expect(page.getByTestId("preview-pages")).toHaveText("共 1 页");

  // Long enough for a second page: the count follows.
  await page.getByTestId("mdx-editor").locator(".cm-content").press("End");
  for (let i = 1; i <= 14; i++)
    await page.keyboard.insertText(
      `\n\n第${i}段。培训班围绕学习贯彻全会精神，安排了专题辅导、分组研讨、现场教学等环节，参训学员普遍反映收获很大，表示要把学习成果转化为推动工作的实际成效。`,
    );
  await expect(page.getByTestId("preview-pages")).toHaveText(/共 [2-9] 页/);

  // An error shows at its line and the draft still saves.
  await page.keyboard.insertText("\n\n<script>alert(1)</script>");
  await expect(page.getByTestId("body-problems")).toContainText("正文第");
  await expect(page.getByTestId("save-state")).toContainText("已保存", { timeout: 15_000 });
  await expect(page.getByRole("button", { name: "提交审核" })).toBeDisabled();
  for (let i = 0; i < "<script>alert(1)</script>".length + 2; i++) await page.keyboard.press("Backspace");
  await expect(page.getByTestId("problem-count")).toHaveText("格式检查通过");
  await expect(page.getByTestId("save-state")).toContainText("已保存", { timeout: 15_000 });

  await page.goto("/studio?tab=draft");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByLabel("标题第1行")).toHaveValue(TITLE);
  await expect(page.getByLabel("印数（份）")).toHaveValue("120");
  // CodeMirror draws only the lines in view: read the returned body off the preview instead.
  await expect(
    page
      .frameLocator("[data-testid=preview-iframe]")
      .locator(".jb-official[data-paginated=true] .jb-sheet")
      .getByText(/^第14段/),
  ).toBeVisible();

  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("status-badge").first()).toHaveText("待审");
  // An editor has no sign-off.
  await expect(page.getByRole("button", { name: "签发" })).toHaveCount(0);
  await page.context().close();
});

test("the reviewer signs it off and publishes it; readers get the page and the PDF", async ({ browser }) => {
  const page = await signedIn(browser, REVIEWER.email, REVIEWER.password);
  await page.goto("/studio?tab=submitted");
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByRole("button", { name: "签发" }).click();
  await expect(page.getByTestId("signer")).toContainText("签发人：李审核");
  await page.getByRole("button", { name: "立即发布" }).click();
  await expect(page.getByTestId("status-badge").first()).toHaveText("已发布");
  publicPath = (await page.getByRole("link", { name: "查看公开页面" }).getAttribute("href"))!;
  await page.context().close();

  const reader = await browser.newPage();
  await reader.goto(publicPath);
  await expect(reader.getByRole("heading", { name: TITLE })).toBeVisible();
  const pdf = await reader.request.get(`${publicPath}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const measured = await measurePdf(await pdf.body());
  expect(measured.runs.map((r) => r.text).join("")).toContain("全省团干部培训班");
  await reader.close();
});

test("anonymous readers cannot open the studio or any draft", async ({ page }) => {
  for (const url of ["/studio", draftPath, `${draftPath}/revisions`, `${draftPath}/preview`, "/studio/users"]) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/studio\/sign-in\?callbackUrl=/);
  }
});

// Every studio page, found from the files under app/: anonymous → sign-in; too low a role → 403.
type PageRole = "contributor" | "editor" | "reviewer" | "admin";

function studioPages(): { url: string; role: PageRole }[] {
  const roots = ["app/(studio)", "app/(studio-frame)"];
  const pages: { url: string; role: PageRole }[] = [];
  for (const root of roots) {
    for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (path.basename(file) !== "page.tsx") continue;
      const source = fs.readFileSync(path.join(root, file), "utf8");
      const url = `/${path.dirname(file).split(path.sep).join("/")}`;
      const role = /requirePageUser\("(contributor|editor|reviewer|admin)"/.exec(source)?.[1] as PageRole | undefined;
      if (url === "/studio/sign-in" || url === "/studio/setup") continue;
      expect(role, `${file} must call requirePageUser first`).toBeTruthy();
      pages.push({ url, role: role! });
    }
  }
  return pages;
}

test("the server refuses a stranger's large body before Next reads it, and takes a signed-in one", async ({ browser, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const big = Buffer.alloc(2_000_000, 0x61);
  const action = await anonymous.post("/studio/new", {
    headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
    data: big,
  });
  expect(action.status()).toBe(413);
  const auth = await anonymous.post("/api/auth/callback/credentials", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: big,
  });
  expect(auth.status()).toBe(413);
  await anonymous.dispose();
  // The same body with a real session reaches Next (which answers the unknown action itself).
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  const signedInPost = await admin.request.post("/studio/new", {
    headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
    data: big,
  });
  expect(signedInPost.status()).not.toBe(413);
  await admin.context().close();
});

test("every studio page refuses the anonymous and too-low roles", async ({ browser, page }) => {
  const draftId = draftPath.split("/").pop()!;
  const fill = (url: string) => url.replace("/drafts/[id]", `/drafts/${draftId}`).replace(/\/(issues|calls|submissions)\/\[id\]/, "/$1/1");
  const pages = studioPages();
  expect(pages.length).toBeGreaterThanOrEqual(20);
  for (const p of pages) {
    await page.goto(fill(p.url));
    await expect(page, p.url).toHaveURL(/\/studio\/sign-in\?callbackUrl=/);
  }
  // Each signed-in role is refused every page above it; a contributor (报送员) every page of the
  // studio proper, from the drafts to the statistics, while /studio sends them to 信息报送.
  const contributor = await signedIn(browser, CONTRIBUTOR.email, CONTRIBUTOR.password);
  const editor = await signedIn(browser, EDITOR.email, EDITOR.password);
  for (const [who, allowed] of [
    [contributor, ["contributor"]],
    [editor, ["contributor", "editor"]],
  ] as const) {
    for (const p of pages.filter((x) => !(allowed as readonly string[]).includes(x.role))) {
      const response = await who.goto(fill(p.url));
      expect(response?.status(), `${p.url} as ${allowed.at(-1)}`).toBe(403);
      await expect(who.getByRole("heading", { name: "无权访问" })).toBeVisible();
    }
  }
  await contributor.goto("/studio");
  await expect(contributor).toHaveURL(/\/studio\/submissions$/);
  await contributor.context().close();
  await editor.context().close();
});

test("signed-in editors read internal issues; anonymous readers and contributors do not", async ({ browser, page }) => {
  const internal = "/jtyx/2021/7";
  expect((await page.goto(internal))?.status()).toBe(404);
  // A unit's contributor is signed in, but reads only what the public reads.
  const contributor = await signedIn(browser, CONTRIBUTOR.email, CONTRIBUTOR.password);
  expect((await contributor.goto(internal))?.status()).toBe(404);
  expect((await contributor.request.get(`${internal}/pdf`)).status()).toBe(404);
  await contributor.context().close();
  const editor: Page = await signedIn(browser, EDITOR.email, EDITOR.password);
  expect((await editor.goto(internal))?.status()).toBe(200);
  expect((await editor.request.get(`${internal}/pdf`)).status()).toBe(200);
  // …and find them in the series' lists, marked as internal; anonymous lists never show them.
  const title = "关于团干部队伍建设情况的内部通报";
  await editor.goto("/jtyx/2021");
  await expect(editor.getByTestId("issue-list").getByRole("link").filter({ hasText: title }).getByTestId("internal-badge")).toBeVisible();
  await page.goto("/jtyx/2021");
  await expect(page.getByTestId("issue-list").getByRole("link").filter({ hasText: title })).toHaveCount(0);
  await editor.context().close();
});

test("a wrong password is refused plainly; 在所有设备上退出 ends the user's other sessions", async ({ browser, page }) => {
  await page.goto("/studio/sign-in");
  await page.getByLabel("邮箱").fill(EDITOR.email);
  await page.getByLabel("密码").fill("not the password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("邮箱或密码不正确");

  const laptop = await signedIn(browser, EDITOR.email, EDITOR.password);
  const phone = await signedIn(browser, EDITOR.email, EDITOR.password);
  await laptop.goto("/studio/account");
  await laptop.getByRole("button", { name: "在所有设备上退出" }).click();
  await expect(laptop).toHaveURL(/\/studio\/sign-in/);
  await phone.goto("/studio");
  await expect(phone).toHaveURL(/\/studio\/sign-in/);
  await laptop.context().close();
  await phone.context().close();
});
