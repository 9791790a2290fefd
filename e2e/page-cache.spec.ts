// Pages are rendered once and then served from the server's cache, yet a reader sees a new issue
// as soon as `content:sync` (another process) has indexed it: the cache follows the index.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_CONTENT, E2E_DATA } from "./lib/site";

const NEW_ISSUE = path.join(E2E_CONTENT, "jtyx/2021/011.mdx");

function sync() {
  const r = spawnSync("npm", ["run", "--silent", "content:sync"], {
    env: { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: E2E_DATA },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
}

test.afterAll(() => {
  if (fs.existsSync(NEW_ISSUE)) {
    fs.rmSync(NEW_ISSUE);
    sync();
  }
});

test("a cached page shows a newly synced issue at once, and drops it once its file is gone", async ({ page, request }) => {
  test.setTimeout(120_000);
  await request.get("/jtyx/2021");
  const cached = await request.get("/jtyx/2021");
  expect(cached.headers()["x-jianbao-cache"]).toBe("hit");
  expect(await cached.text()).not.toContain("缓存测试");

  fs.writeFileSync(
    NEW_ISSUE,
    "---\nseries: jtyx\nyear: 2021\nnumber: 11\ndate: 2021-12-20\ntitle: 缓存测试：年终工作简报\n---\n\n全省各级团组织认真总结全年工作。\n",
  );
  sync();
  await page.goto("/jtyx/2021");
  await expect(page.getByRole("link", { name: /缓存测试：年终工作简报/ })).toBeVisible();
  await page.getByRole("link", { name: /缓存测试：年终工作简报/ }).click();
  await expect(page).toHaveURL(/\/jtyx\/2021\/11$/);
  await expect(page.getByTestId("issue-title")).toContainText("缓存测试");

  fs.rmSync(NEW_ISSUE);
  sync();
  expect((await request.get("/jtyx/2021/11")).status()).toBe(404);
  await page.goto("/jtyx/2021");
  await expect(page.getByRole("link", { name: /缓存测试/ })).toHaveCount(0);
});

test("the PDF renderer and client navigation never get a cached page", async ({ request }) => {
  await request.get("/jtyx/2022/3");
  expect((await request.get("/jtyx/2022/3")).headers()["x-jianbao-cache"]).toBe("hit");
  expect((await request.get("/jtyx/2022/3", { headers: { rsc: "1" } })).headers()["x-jianbao-cache"]).toBeUndefined();
  expect(
    (await request.get("/jtyx/2022/3", { headers: { cookie: "next-auth.session-token=x" } })).headers()["x-jianbao-cache"],
  ).toBeUndefined();
  expect((await request.get("/api/health")).headers()["x-jianbao-cache"]).toBeUndefined();
});
