// 信息报送 statistics as an editor uses them: last month's table with known numbers, sorted by a
// column, downloaded as .xlsx and read back with the same numbers, then 生成通报, which lands on
// a new internal draft whose print preview shows the ranking as a table inside the type area.
// And the 积分办法: an admin adds a table from tomorrow, an editor reads it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import readXlsxFile from "read-excel-file/node";
import { violations } from "./lib/axe";
import { AREA, checkPaper, checkTypeArea } from "./lib/pdf-checks";
import { MM, measurePdf } from "./lib/pdf-measure";
import { E2E_CONTENT, E2E_DATA } from "./lib/site";
import { ADMIN, createAccount, ensureAdmin, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });

const SHOTS = "/tmp/shots-stats";
const EDITOR = { email: "stats-editor@e2e.example.org", name: "统计编辑", password: "" };
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString();
const today = beijing(new Date()).slice(0, 10);
const lastMonth = (() => {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
})();
const STATS_URL = `/studio/stats?series=jtyx&kind=month&month=${lastMonth}`;

// 甲: 3 sent (1) + full (10) + excerpt (5) + province 批示 (30); 乙: 2 sent + combined (3) + 约稿 on
// time (5); 丙: 1 sent − 约稿 missed (5), under the default points table.
const EXPECTED = [
  ["1", "共青团甲市委", "3", "2", "66.7%", "1", "1", "0", "0", "48"],
  ["2", "共青团乙市委", "2", "1", "50.0%", "0", "0", "1", "0", "10"],
  ["3", "共青团甲市丙县委", "1", "0", "0.0%", "0", "0", "0", "1", "-4"],
];

test.beforeAll(() => {
  ensureAdmin();
  fs.mkdirSync(SHOTS, { recursive: true });
});

// Other specs share the e2e site, and every enabled unit appears in the table (with zeros): these
// checks read this spec's own three units, ranked first, second and last (−4 is the lowest score).
const OURS = EXPECTED.map((r) => r[1]!);
const ours = (rows: string[][]) => rows.filter((r) => OURS.includes(r[1]!));
const ranked = (rows: string[][]) => {
  const mine = ours(rows);
  expect(mine.map((r) => r[0])).toEqual(["1", "2", String(rows.length)]);
  return mine.map((r) => r.slice(1));
};
const EXPECTED_CELLS = EXPECTED.map((r) => r.slice(1));

async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId("stats-row")
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("td, th")].map((c) => (c.textContent ?? "").replace(/（计零）$/, "").trim())),
    );
}

test("an admin opens an editor's account; the data is seeded through the queries", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  EDITOR.password = await createAccount(admin, { ...EDITOR, role: "编辑" });
  await admin.context().close();
  execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/lib/seed-xinxi.ts", lastMonth], {
    env: { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: E2E_DATA },
    encoding: "utf8",
  });
});

test("an editor reads last month's statistics, sorts them and downloads the same numbers as .xlsx", async ({ browser }) => {
  const page = await signedIn(browser, EDITOR.email, EDITOR.password);
  await page.goto(STATS_URL);
  await expect(page.getByTestId("stats-heading")).toContainText("晋团要讯");
  expect(ranked(await tableRows(page))).toEqual(EXPECTED_CELLS);
  await expect(page.getByTestId("stats-chart")).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/stats.png`, fullPage: true });

  // Sorted by 报送数 ascending after two clicks; the choice is in the URL and survives a reload.
  const header = page.getByRole("columnheader", { name: /报送数/ });
  await header.getByRole("link").click();
  await expect(page).toHaveURL(/sort=submitted&dir=desc/);
  await page
    .getByRole("columnheader", { name: /报送数/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=submitted&dir=asc/);
  await page.reload();
  await expect(page.getByRole("columnheader", { name: /报送数/ })).toHaveAttribute("aria-sort", "ascending");
  expect(ours(await tableRows(page)).map((r) => r[1])).toEqual(["共青团甲市丙县委", "共青团乙市委", "共青团甲市委"]);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出Excel" }).click()]);
  expect(download.suggestedFilename()).toBe(
    `晋团要讯信息报送统计（${Number(lastMonth.slice(0, 4))}年${Number(lastMonth.slice(5))}月）.xlsx`,
  );
  const sheet = (await readXlsxFile(fs.readFileSync(await download.path())))[0]!.data;
  const titles = sheet.findIndex((r) => r[0] === "排名");
  expect(sheet[titles]).toEqual(["排名", "单位", "报送数", "采用数", "采用率", "刊用数", "批示数", "约稿按时", "约稿未响应", "积分"]);
  expect(ranked(sheet.slice(titles + 1).map((r) => r.map(String)))).toEqual(EXPECTED_CELLS);
  await page.context().close();
});

test("生成通报 makes a new internal draft whose preview shows the table within the type area", async ({ browser }) => {
  const page = await signedIn(browser, EDITOR.email, EDITOR.password);
  await page.goto(STATS_URL);
  await page.getByRole("button", { name: "生成通报" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\d+$/);
  const title = `关于${Number(lastMonth.slice(0, 4))}年${Number(lastMonth.slice(5))}月份信息报送采用情况的通报`;
  await expect(page.getByLabel("标题第1行")).toHaveValue(title);
  await expect(page.getByTestId("problem-count")).toHaveText("格式检查通过");
  const preview = page.frameLocator("[data-testid=preview-iframe]");
  const table = preview.locator(".jb-official[data-paginated=true] .jb-sheet table").first();
  await expect(table).toBeVisible();
  // Every unit is in the 通报's table, ranked: this spec's first unit leads it.
  expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
  await expect(table.locator("tbody tr").first()).toContainText("团甲市委");
  // Within the 156 mm type area of the 210 mm sheet, whatever the preview's scale.
  // The preview cuts the sheets again as it settles (a long table spans pages): measure until it has.
  await expect(async () => {
    const fit = await table.evaluate((t) => {
      const sheet = t.closest(".jb-sheet")!.getBoundingClientRect();
      const box = t.getBoundingClientRect();
      return { width: box.width / sheet.width, left: (box.left - sheet.left) / sheet.width, right: (box.right - sheet.left) / sheet.width };
    });
    expect(fit.width).toBeGreaterThan(0.5);
    expect(fit.width).toBeLessThanOrEqual(156 / 210 + 0.005);
    expect(fit.left).toBeGreaterThanOrEqual(28 / 210 - 0.005);
    expect(fit.right).toBeLessThanOrEqual(184 / 210 + 0.005);
  }).toPass();
  await page.screenshot({ path: `${SHOTS}/report-draft.png`, fullPage: true });

  // The print preview on its own, printed to PDF by Chromium: A4 pages, everything in the type area.
  await page.goto(`${new URL(page.url()).pathname}/preview`);
  await expect(page.locator(".jb-official[data-paginated=true] .jb-sheet table").first()).toBeVisible();
  const printed = await measurePdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  // Printed from the screen's fonts, the folio (— 1 —, below the type area by design) comes out as
  // separate runs (dashes, digits, spacing) that checkTypeArea's folio rule does not recognise: runs
  // below the type area without a letter are left out here.
  const measured = { ...printed, runs: printed.runs.filter((r) => !(r.baseline > AREA.bottom && !/\p{L}/u.test(r.text))) };
  expect(checkPaper(measured)).toEqual([]);
  expect(checkTypeArea(measured)).toEqual([]);
  // The table's rules (drawn shapes, not the sheets' white backgrounds) stay inside the type area too.
  const ink = measured.shapes.filter((r) => r.color !== "#ffffff");
  expect(ink.length).toBeGreaterThan(0);
  expect(ink.filter((r) => r.x0 < AREA.left - MM || r.x1 > AREA.right + MM)).toEqual([]);
  expect(measured.runs.map((r) => r.text).join("")).toContain("团甲市委");
  await page.context().close();
});

test("an admin adds a points table from tomorrow; an editor reads it and cannot change it", async ({ browser }) => {
  const tomorrow = beijing(new Date(Date.now() + 86_400_000)).slice(0, 10);
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await admin.goto("/studio/points?series=jtyx");
  await expect(admin.getByTestId("points-in-force")).toContainText("默认办法");
  await admin.getByLabel("全文采用（分）").fill("12");
  await admin.getByLabel("从哪天起执行").fill(tomorrow);
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByText(`新的积分办法自 ${tomorrow} 起执行`)).toBeVisible();
  await expect(admin.getByTestId("points-history-row").first()).toContainText(tomorrow);
  // A day already past is refused, named at its field.
  await admin.getByLabel("从哪天起执行").evaluate((el: HTMLInputElement) => el.removeAttribute("min"));
  await admin.getByLabel("从哪天起执行").fill("2020-01-01");
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByText("执行日期不能早于今天")).toBeVisible();
  await admin.screenshot({ path: `${SHOTS}/points.png`, fullPage: true });
  expect(await violations(admin)).toEqual([]);
  await admin.context().close();

  const editor = await signedIn(browser, EDITOR.email, EDITOR.password);
  await editor.goto("/studio/points?series=jtyx");
  await expect(editor.getByTestId("points-in-force")).toContainText(`将于 ${tomorrow} 起执行`);
  await expect(editor.getByRole("button", { name: "保存" })).toHaveCount(0);
  await editor.context().close();
});
