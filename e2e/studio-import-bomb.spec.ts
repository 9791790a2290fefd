// A Word zip bomb uploaded through the studio (issue 13, item 12): the person importing it is
// told plainly which part is too large, and the site's /api/health keeps answering while the
// server refuses it (the import runs on a worker thread, never on the server's event loop).
import { expect, test } from "@playwright/test";
import { skeleton, zeros, zipOf } from "../test/lib/zip-bomb";
import { ADMIN, ensureAdmin, signedIn } from "./lib/studio";

test.beforeAll(() => ensureAdmin());

test("a .docx whose document.xml inflates to 2 GB is refused, naming the part, while the site answers", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto("/studio/new");
  const form = page.getByRole("form", { name: "导入文档" });
  const bomb = zipOf([...skeleton(), zeros("word/document.xml", 2 * 1024 * 1024 * 1024)]);
  await form.getByLabel("文件").setInputFiles({
    name: "炸弹.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: bomb,
  });

  const api = await playwright.request.newContext({ baseURL });
  let done = false;
  let answered = 0;
  let failed = 0;
  const poll = (async () => {
    while (!done)
      (await api.get("/api/health").then(
        (r) => r.status(),
        () => 0,
      )) === 200
        ? answered++
        : failed++;
  })();
  await form.getByRole("button", { name: "导入为草稿" }).click();
  await expect(form.getByRole("alert")).toContainText("「word/document.xml」解压后有 2048 MB，超过单个部件的上限 32 MB");
  done = true;
  await poll;
  expect(failed).toBe(0);
  expect(answered).toBeGreaterThan(0);
  await expect(page).toHaveURL(/\/studio\/new$/);
  await api.dispose();
  await page.context().close();
});
