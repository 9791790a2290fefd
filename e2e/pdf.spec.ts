// The PDFs, measured from the files themselves (pdfjs-dist): GB/T 9704 geometry, page numbers,
// masthead and 版记, fonts, metadata, for the sample and for every issue in content/; then what
// a reader does with them (download buttons) and how the service behaves when things go wrong.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { checkContent } from "@/lib/content/check";
import { issueUrl } from "@/lib/content/paths";
import {
  AREA,
  checkCharactersPerLine,
  checkFolios,
  checkFonts,
  checkInfo,
  checkLinesPerPage,
  checkMastheadAndColophon,
  checkPaper,
  checkTypeArea,
  checkTypography,
  type IssueFacts,
  isFolio,
  pagesOf,
} from "./lib/pdf-checks";
import { linesOf, MM, measurePdf } from "./lib/pdf-measure";
import { E2E_CONTENT, E2E_DATA, E2E_RENDER_SECRET } from "./lib/site";

const content = await checkContent(E2E_CONTENT);
const seriesName = new Map(content.series.map((s) => [s.definition.id, s.definition.name]));
const issues = content.issues.filter((i) => (i.frontmatter.status ?? "published") === "published");
const asRenderer = { "x-jianbao-render": E2E_RENDER_SECRET };

async function pdfOf(request: import("@playwright/test").APIRequestContext, url: string) {
  const res = await request.get(`${url}/pdf`, { headers: asRenderer });
  expect(res.status(), await res.text().catch(() => "")).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  return measurePdf(await res.body());
}

for (const issue of issues) {
  const url = issueUrl(issue.key);
  test(`PDF of ${issue.path} measures up to GB/T 9704`, async ({ request }) => {
    const m = await pdfOf(request, url);
    const facts: IssueFacts = {
      seriesName: seriesName.get(issue.key.series)!,
      organization: issue.resolved.organization,
      articles: issue.body.articles,
      date: issue.frontmatter.date,
    };
    const chars = checkCharactersPerLine(m);
    const problems = [
      ...checkPaper(m),
      ...checkTypeArea(m),
      ...checkLinesPerPage(m),
      ...chars.violations,
      ...checkFolios(m),
      ...checkMastheadAndColophon(m, facts),
      ...checkTypography(m),
      ...checkFonts(m),
      ...checkInfo(m, facts),
    ];
    // Among them: every full line of body text on the 28-cell grid (chars.violations).
    expect(problems).toEqual([]);
    expect(chars.exact).toBe(chars.full);
  });
}

test("the sample's PDF: 4 pages as printed, 版记 set closer at the foot of page 4, text that copies out as written", async ({
  request,
}) => {
  const m = await pdfOf(request, "/jtyx/2022/3");
  const pages = pagesOf(m);
  expect(m.pages).toHaveLength(4);
  // With every line on the grid the text ends higher on page 4 and the block (56 mm as set)
  // stays there, whole, at its foot (before, set closer; as printed in the original, 4 pages).
  expect(pages[3]!.map((l) => l.text.replace(/\s/g, ""))).toEqual(
    expect.arrayContaining(["送：省直有关单位，各市党委政府，团省委班子成员", "责任编辑：赵坚"]),
  );
  expect(pages[3]!.some((l) => l.text.startsWith("报："))).toBe(true);
  // Its rules as before: thick (0.35 mm) first and last, the last on the type area's foot, thin (0.25 mm) between rows.
  const rules = colophonRules(m, 4);
  expect(rules.map((r) => Math.round(((r.y1 - r.y0) / MM) * 100) / 100)).toEqual([0.35, 0.25, 0.25, 0.25, 0.35]);
  expect(Math.abs(rules.at(-1)!.y1 - AREA.bottom)).toBeLessThan(0.5 * MM);
  // Wrapped 报 lines keep their leading (1.6 × 14 pt = 22.4 pt; the second tightening step, 1.4,
  // would be 19.6). Baselines land on the 0.75 pt pixel grid, hence the range.
  const report = pages[3]!.filter((l) => Math.abs(l.size - 14) < 0.1 && l.baseline > rules[0]!.y0 && l.baseline < rules[1]!.y0);
  expect(report).toHaveLength(2);
  expect(report[1]!.baseline - report[0]!.baseline).toBeGreaterThan(21);
  expect(m.info.Title).toBe("晋团要讯〔2022〕第3期 团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展");
  expect(m.info.Author).toBe("共青团山西省委");
  expect(m.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
    "FandolFang-Regular",
    "FandolHei-Regular",
    "FandolSong-Bold",
    "FandolSong-Regular",
  ]);
  // Copying the first paragraph out of the PDF gives the paragraph.
  const text = linesOf(m.runs)
    .filter((l) => !isFolio(l))
    .map((l) => l.text)
    .join("");
  expect(text).toContain(
    "《中共中央关于全面加强新时代少先队工作的意见》（以下简称《意见》）和《中共山西省委关于全面加强新时代少先队工作的实施方案》（以下简称《实施方案》）出台后，团长治市委以高度的政治自觉和强烈的责任担当，把深入贯彻落实中央和省委要求，同少先队改革有机结合，交出新时代少先队工作的“长治答卷”。",
  );
  expect(text).toContain("在684所中小学积极开展“红领巾奖章”争章活动");
});

test("a 版记 that cannot fit even set closer moves whole to a page of its own, as set", async ({ request }) => {
  // Fixture qnxx/2024/3: a long distribution list under a body that fills most of page 2.
  const m = await pdfOf(request, "/qnxx/2024/3");
  const pages = pagesOf(m);
  expect(m.pages).toHaveLength(3);
  const last = pages[2]!.filter((l) => !isFolio(l));
  expect(last[0]!.text).toMatch(/^报：团中央办公厅/);
  expect(last.every((l) => Math.abs(l.size - 14) < 0.1)).toBe(true);
  expect(pages[1]!.some((l) => !isFolio(l) && Math.abs(l.size - 14) < 0.1)).toBe(false);
  const rules = colophonRules(m, 3);
  expect(rules.map((r) => Math.round(((r.y1 - r.y0) / MM) * 100) / 100)).toEqual([0.35, 0.25, 0.25, 0.25, 0.35]);
  expect(Math.abs(rules.at(-1)!.y1 - AREA.bottom)).toBeLessThan(0.5 * MM);
  // Untightened: wrapped lines 1.6 × 14 pt = 22.4 pt apart (19.6 at the tightest), on the 0.75 pt pixel grid.
  const report = last.filter((l) => l.baseline > rules[0]!.y0 && l.baseline < rules[1]!.y0);
  expect(report.length).toBeGreaterThan(2);
  for (let i = 1; i < report.length; i++) expect(report[i]!.baseline - report[i - 1]!.baseline).toBeGreaterThan(21);
});

/** The 版记's rules on a page, top to bottom: black, across the type area, thinner than 1 mm. */
function colophonRules(m: Awaited<ReturnType<typeof measurePdf>>, page: number) {
  return m.shapes
    .filter((s) => s.page === page && s.color === "#000000" && s.x1 - s.x0 > 150 * MM && s.y1 - s.y0 < 1 * MM)
    .sort((a, b) => a.y0 - b.y0);
}

test("poppler agrees: A4, every font embedded and subset, none Type 3", async ({ request }) => {
  test.skip(!hasPoppler(), "poppler-utils (pdfinfo, pdffonts) is not installed");
  const res = await request.get("/jtyx/2023/5/pdf");
  const file = path.join(E2E_DATA, "check-2023-5.pdf");
  fs.writeFileSync(file, await res.body());
  expect(execSync(`pdfinfo ${file}`).toString()).toMatch(/Page size:\s+594\.9\d x 841\.9\d pts \(A4\)/);
  const fonts = execSync(`pdffonts ${file}`).toString().trim().split("\n").slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  for (const row of fonts) expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
});

test("readers download the PDF from the issue page and from the print view, under its Chinese name", async ({ page }) => {
  await page.goto("/jtyx/2022/3");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载PDF" }).click()]);
  expect(download.suggestedFilename()).toBe("晋团要讯〔2022〕第3期.pdf");
  expect(
    fs
      .readFileSync((await download.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");

  await page.goto("/jtyx/2023/zk1/print");
  const [second] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载PDF" }).click()]);
  expect(second.suggestedFilename()).toBe("晋团要讯〔2023〕增刊第1期.pdf");
});

test("an unchanged issue is served from the disk cache, and revalidates with its ETag", async ({ request }) => {
  const first = await request.get("/qnxx/2024/1/pdf");
  expect(first.status()).toBe(200);
  const again = await request.get("/qnxx/2024/1/pdf");
  expect(again.headers()["x-pdf-cache"]).toBe("hit");
  expect(again.headers().etag).toBe(first.headers().etag);
  expect(Buffer.compare(await again.body(), await first.body())).toBe(0);
  const notModified = await request.get("/qnxx/2024/1/pdf", { headers: { "if-none-match": first.headers().etag! } });
  expect(notModified.status()).toBe(304);
});

test("internal and unknown issues have no public PDF; a broken file gets a 422 naming the line", async ({ request }) => {
  expect((await request.get("/jtyx/2021/7/pdf")).status()).toBe(404); // internal fixture
  expect((await request.get("/jtyx/2023/6/pdf")).status()).toBe(404); // internal sample
  expect((await request.get("/jtyx/1999/1/pdf")).status()).toBe(404);
  const broken = await request.get("/jtyx/2021/8/pdf");
  expect(broken.status()).toBe(422);
  const body = await broken.text();
  expect(body).toContain("jtyx/2021/008.mdx:");
  expect(body).toContain("date");
});

test("an internal issue's PDF prints with its picture (the renderer's picture requests carry the render pass)", async ({ request }) => {
  const m = await pdfOf(request, "/jtyx/2021/7"); // internal fixture with <Figure src="007.media/image-1.png">
  // The picture is 64×64 px, 48 pt wide; a picture that failed to load prints as a 12 pt broken-image icon.
  expect(m.images.map((i) => Math.round(i.x1 - i.x0))).toEqual([48]);
});

test("a crashed renderer fails no later request: the browser is started again", async ({ request }) => {
  expect((await request.get("/qnxx/2024/2/pdf")).status()).toBe(200);
  killRenderer();
  fs.rmSync(path.join(E2E_DATA, "cache", "pdf"), { recursive: true, force: true });
  const res = await request.get("/qnxx/2024/2/pdf");
  expect(res.status()).toBe(200);
  expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

/** Kills the test server's Chromium (found by its flag and the test server's DATA_DIR), not anyone else's. */
function killRenderer() {
  const pids = execSync("pgrep -f -- --jianbao-pdf-renderer || true").toString().split("\n").filter(Boolean);
  let killed = 0;
  for (const pid of pids) {
    let environ: string[];
    try {
      environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    } catch {
      continue; // gone already (pgrep's own shell, say)
    }
    if (!environ.includes(`DATA_DIR=${E2E_DATA}`)) continue;
    process.kill(Number(pid), "SIGKILL");
    killed++;
  }
  expect(killed).toBeGreaterThan(0);
}

function hasPoppler(): boolean {
  try {
    execSync("pdffonts -v", { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
