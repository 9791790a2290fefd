// Accessibility of the studio: axe-core finds no serious or critical violation on the screens
// editors, reviewers and admins work in (sign-in, lists, the editor with its preview, accounts).
import { expect, test } from "@playwright/test";
import { violations } from "./lib/axe";
import { ADMIN, ensureAdmin, signedIn } from "./lib/studio";

test.beforeAll(() => ensureAdmin());

test("the sign-in page", async ({ page }) => {
  await page.goto("/studio/sign-in");
  expect(await violations(page)).toEqual([]);
});

test("the studio's lists, the editor, revisions, presets, accounts and the audit log", async ({ browser }) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  // A draft of its own, in a series the other studio specs do not number.
  await page.goto("/studio/new");
  const create = page.getByRole("form", { name: "新建一期" });
  await create.getByLabel("刊物").selectOption({ label: "青年工作信息" });
  await create.getByRole("button", { name: "创建草稿" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  const draft = new URL(page.url()).pathname;
  await expect(page.getByTestId("preview-pages")).toHaveText(/共 \d+ 页/);
  for (const url of [
    "/studio",
    "/studio/new",
    draft,
    `${draft}/revisions`,
    "/studio/presets",
    "/studio/users",
    "/studio/audit",
    "/studio/account",
  ]) {
    await page.goto(url);
    expect(await violations(page), url).toEqual([]);
  }
  await page.context().close();
});
