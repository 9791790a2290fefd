// The official layout (/print) measured in a real Chromium: A4 sheets, the GB/T 9704 type area,
// 22 lines × 28 characters, masthead on page 1 only, page numbers, and the distribution block
// at the foot of the last page.
import { expect, type Page, test } from "@playwright/test";
import { checkCharactersPerLine, gridCells, onGrid } from "./lib/pdf-checks";
import { measurePdf } from "./lib/pdf-measure";

const MM = 96 / 25.4; // CSS px per millimetre

async function openPrint(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId("official-layout")).toHaveAttribute("data-paginated", "true");
  return page.getByTestId("sheet");
}

test("the sample issue prints as A4 sheets with the masthead on the first only", async ({ page }) => {
  const sheets = await openPrint(page, "/jtyx/2022/3/print");
  const count = await sheets.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i++) {
    const box = (await sheets.nth(i).boundingBox())!;
    expect(box.width / MM).toBeCloseTo(210, 0);
    expect(box.height / MM).toBeCloseTo(297, 0);
  }
  await expect(page.getByTestId("masthead")).toHaveCount(1);
  await expect(sheets.first().getByTestId("masthead")).toBeVisible();
  await expect(sheets.first().getByTestId("series-name")).toHaveText("晋团要讯");
  await expect(sheets.first().getByTestId("issue-line")).toHaveText("〔2022〕第3期");

  // Page numbers: — N — with em dashes, odd pages right, even pages left.
  for (let i = 0; i < count; i++) {
    const folio = sheets.nth(i).getByTestId("page-number");
    await expect(folio).toHaveText(`— ${i + 1} —`);
    const sheet = (await sheets.nth(i).boundingBox())!;
    const f = (await folio.boundingBox())!;
    const mid = f.x + f.width / 2 - sheet.x;
    if (i % 2 === 0) expect(mid).toBeGreaterThan(sheet.width / 2);
    else expect(mid).toBeLessThan(sheet.width / 2);
    expect((f.y - sheet.y) / MM).toBeGreaterThan(37 + 225 + 5);
  }
});

test("the type area sits at 37 mm / 28 mm and holds 22 lines of 28 characters", async ({ page }) => {
  const sheets = await openPrint(page, "/jtyx/2022/3/print");
  const m = await sheets.nth(1).evaluate((sheet) => {
    const area = sheet.querySelector(".jb-area")!.getBoundingClientRect();
    const s = sheet.getBoundingClientRect();
    // Every character's line, from its glyph box.
    const lines = new Map<number, { text: string; left: number; right: number; squeezed: number }>();
    const walker = document.createTreeWalker(sheet.querySelector(".jb-area")!, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
      const t = walker.currentNode as Text;
      for (let i = 0; i < t.length; i++) {
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getClientRects()[0];
        if (!r || r.width === 0) continue;
        const key = Math.round(r.top + r.height / 2);
        const line = lines.get(key) ?? { text: "", left: r.left, right: r.right, squeezed: 0 };
        line.text += t.data[i];
        if (t.parentElement?.classList.contains("jb-sq")) line.squeezed++;
        line.left = Math.min(line.left, r.left);
        line.right = Math.max(line.right, r.right);
        lines.set(key, line);
      }
    }
    const sorted = [...lines.entries()].sort((a, b) => a[0] - b[0]);
    return {
      top: area.top - s.top,
      left: area.left - s.left,
      width: area.width,
      height: area.height,
      lines: sorted.map(([y, l]) => ({
        y: y - area.top,
        text: l.text,
        left: l.left - area.left,
        right: area.right - l.right,
        squeezed: l.squeezed,
      })),
    };
  });
  expect(m.top / MM).toBeCloseTo(37, 0);
  expect(m.left / MM).toBeCloseTo(28, 0);
  expect(m.width / MM).toBeCloseTo(156, 0);
  expect(m.height / MM).toBeCloseTo(225, 0);
  // Page 2 is a full page of body text: exactly 22 lines, all inside the type area.
  expect(m.lines).toHaveLength(22);
  for (const l of m.lines) expect(l.y).toBeLessThan(m.height);
  // Every full line of body text holds 28 cells (26 after the indent), its punctuation squeezed
  // where a closing mark may not start the next line (…“双减”，) rather than its characters spread.
  const cell = m.width / 28;
  const full = m.lines.filter((l) => l.right < 3 && [0, 2].includes(Math.round(l.left / cell)));
  expect(full.length).toBeGreaterThan(15);
  for (const l of full) expect(onGrid(l.text, Math.round(l.left / cell)), l.text).toBe(true);
  // Exactly: the marks actually squeezed (half a cell each) bring what the line carries to 28
  // cells; a squeeze that made no room would leave the line spread by half a cell.
  expect(full.some((l) => l.squeezed > 0)).toBe(true);
  for (const l of full) {
    const g = gridCells(l.text);
    expect(Math.abs(g.cells + Math.round(l.left / cell) - l.squeezed / 2 - 28), l.text).toBeLessThanOrEqual(g.tolerance);
  }
  // No line starts with closing punctuation, none ends with an opening mark.
  for (const l of m.lines) expect(l.text, l.text).not.toMatch(/^[，。、；：？！”’）》〕」』]/);
  for (const l of m.lines) expect(l.text, l.text).not.toMatch(/[“‘（《〔「『]$/);
});

for (const url of ["/jtyx/2022/3", "/jtyx/2023/5"]) {
  test(`the browser's print of ${url} keeps every full line on the 28-cell grid`, async ({ page }) => {
    await openPrint(page, `${url}/print`);
    // What the reader's 打印 produces: this Chromium printing the page it shows (print media).
    const m = await measurePdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const chars = checkCharactersPerLine(m);
    expect(chars.violations).toEqual([]);
    expect(chars.full).toBeGreaterThan(40);
  });
}

test("the distribution block sits at the foot of the last page, whole", async ({ page }) => {
  const sheets = await openPrint(page, "/jtyx/2022/3/print");
  const last = sheets.last();
  const block = last.getByTestId("distribution");
  await expect(block).toBeVisible();
  await expect(page.getByTestId("distribution")).toHaveCount(1);
  await expect(block.getByTestId("distribution-report")).toContainText("报：省委办公厅");
  await expect(block.getByTestId("editor")).toHaveText("责任编辑：赵\u3000坚");
  const area = (await last.locator(".jb-area").boundingBox())!;
  const b = (await block.boundingBox())!;
  expect(Math.abs(b.y + b.height - (area.y + area.height))).toBeLessThan(2);
  expect(b.y).toBeGreaterThan(area.y);
});

test("the 版记 is set closer to stay on the last page, or moves whole to a page of its own", async ({ page }) => {
  // The fixture's one page is short of room for the block as set: its rows lose their padding.
  let sheets = await openPrint(page, "/jtyx/2021/9/print");
  await expect(sheets).toHaveCount(1);
  await expect(sheets.nth(0).getByTestId("distribution")).toHaveAttribute("data-tighten", "1");
  // The sample's text, on the grid, leaves page 4 room for the block as set.
  sheets = await openPrint(page, "/jtyx/2022/3/print");
  await expect(sheets).toHaveCount(4);
  await expect(sheets.nth(3).getByTestId("distribution")).not.toHaveAttribute("data-tighten", /.*/);
  // The fixture's list is too long even set closest: a sheet of its own, as set.
  sheets = await openPrint(page, "/qnxx/2024/3/print");
  await expect(sheets).toHaveCount(3);
  const block = sheets.nth(2).getByTestId("distribution");
  await expect(block).toBeVisible();
  await expect(block).not.toHaveAttribute("data-tighten", /.*/);
  await expect(sheets.nth(2).locator(".jb-area > *")).toHaveCount(1);
});

test("nothing in the official layout spills out of the type area", async ({ page }) => {
  const sheets = await openPrint(page, "/jtyx/2022/3/print");
  const overflow = await sheets.evaluateAll((all) =>
    all.flatMap((sheet, i) => {
      const area = sheet.querySelector(".jb-area")!.getBoundingClientRect();
      return [...sheet.querySelectorAll(".jb-area *")]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.height > 0 && (r.bottom > area.bottom + 1 || r.top < area.top - 1))
        .map((r) => `page ${i + 1}: ${r.top}-${r.bottom} outside ${area.top}-${area.bottom}`);
    }),
  );
  expect(overflow).toEqual([]);
});
