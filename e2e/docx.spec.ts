// The Word download as readers meet it: the 下载Word buttons beside 下载PDF on the issue page and
// in the print view, the file's Chinese name, and internal issues' files (with their pictures)
// for signed-in users only. The file's layout is checked in test/docx-*.test.ts.
import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { ADMIN, ensureAdmin, signedIn } from "./lib/studio";

test("readers download the Word file from the issue page and from the print view, under its Chinese name", async ({ page }) => {
  await page.goto("/jtyx/2022/3");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载Word" }).click()]);
  expect(download.suggestedFilename()).toBe("晋团要讯〔2022〕第3期.docx");
  const zip = await JSZip.loadAsync(await (await import("node:fs/promises")).readFile((await download.path())!));
  expect(await zip.file("word/document.xml")!.async("string")).toContain("团长治市委认真履行全团带队职责");

  await page.goto("/jtyx/2023/zk1/print");
  const [second] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载Word" }).click()]);
  expect(second.suggestedFilename()).toBe("晋团要讯〔2023〕增刊第1期.docx");
});

test("an internal issue's Word file is for signed-in users only, and carries its picture", async ({ browser, request }) => {
  expect((await request.get("/jtyx/2021/7/docx")).status()).toBe(404); // internal fixture
  expect((await request.get("/jtyx/2023/6/docx")).status()).toBe(404); // internal sample
  ensureAdmin();
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  const res = await admin.request.get("/jtyx/2021/7/docx");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("private, no-store");
  const zip = await JSZip.loadAsync(await res.body());
  expect(Object.keys(zip.files).filter((name) => name.startsWith("word/media/"))).toHaveLength(1);
  await admin.context().close();
});
