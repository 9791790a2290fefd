// The whole 信息报送 loop in the browser, as an office runs it: an admin adds a unit and its
// contributor; an editor posts a 约稿; the contributor answers it with a Word file holding a
// picture; the editor adopts it into a new issue, a reviewer signs it off and publishes it; the
// contributor sees 已刊用 with the link; the editor records a 批示; /studio/stats shows the points,
// the .xlsx read back holds the same numbers, and the 通报 it drafts is published with a PDF that
// passes the layout checks.
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import readXlsxFile from "read-excel-file/node";
import { DEFAULT_POINTS_RULES } from "@/lib/vocabulary";
import { docxOf } from "../test/lib/docx-fixtures";
import { pngOf } from "../test/lib/pictures";
import {
  checkFolios,
  checkFonts,
  checkLinesPerPage,
  checkMastheadAndColophon,
  checkPaper,
  checkTypeArea,
  checkTypography,
} from "./lib/pdf-checks";
import { measurePdf } from "./lib/pdf-measure";
import { E2E_RENDER_SECRET } from "./lib/site";
import { ADMIN, createAccount, ensureAdmin, SECOND_REVIEWER, signedIn } from "./lib/studio";

test.describe.configure({ mode: "serial" });
test.beforeAll(() => ensureAdmin());

// Unique per run: the e2e site keeps its database between runs.
const RUN = Date.now().toString(36);
const UNIT = { name: `共青团五台县委（${RUN}）`, short: `团五台县委${RUN}` };
const EDITOR = { email: `loop-editor-${RUN}@e2e.example.org`, name: "周编辑", password: "" };
const CONTRIBUTOR = { email: `loop-unit-${RUN}@e2e.example.org`, name: "五台报送员", password: "" };
const TOPIC = `关于报送冬季青年志愿服务信息的约稿（${RUN}）`;
const TITLE = `团五台县委组织青年志愿者开展冬季送温暖活动${RUN}`;
const SHOTS = "/tmp/shots-loop";

let callId = "";
let submissionUrl = "";
let issuePath = "";

/** The date in Beijing, as the office's forms and periods reckon it. */
const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function publishDraft(editor: Page, reviewer: Page, title: string): Promise<string> {
  await expect(editor.getByTestId("problem-count")).toHaveText("格式检查通过", { timeout: 15_000 });
  await expect(editor.getByTestId("save-state")).toContainText("已保存", { timeout: 15_000 });
  await editor.getByRole("button", { name: "提交审核" }).click();
  await expect(editor.getByTestId("status-badge").first()).toHaveText("待审");
  await reviewer.goto("/studio?tab=submitted");
  await reviewer.getByRole("link", { name: title }).first().click();
  await reviewer.getByRole("button", { name: "签发" }).click();
  await expect(reviewer.getByTestId("signer")).toContainText("签发人：");
  await reviewer.getByRole("button", { name: "立即发布" }).click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("已发布");
  return (await reviewer.getByRole("link", { name: "查看公开页面" }).getAttribute("href"))!;
}

test("an admin adds a unit and its contributor, and an editor", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await admin.goto("/studio/units");
  const add = admin.getByRole("form", { name: "新增单位" });
  await add.getByLabel("名称").fill(UNIT.name);
  await add.getByLabel("简称").fill(UNIT.short);
  await add.getByLabel("级别").selectOption({ label: "县级" });
  await add.getByRole("button", { name: "新增" }).click();
  await expect(admin.getByTestId("unit-row").filter({ hasText: UNIT.name })).toBeVisible();
  CONTRIBUTOR.password = await createAccount(admin, { ...CONTRIBUTOR, role: "报送员", unit: UNIT.short });
  EDITOR.password = await createAccount(admin, { ...EDITOR, role: "编辑" });
  await admin.context().close();
});

test("an editor posts a 约稿 to the unit", async ({ browser }) => {
  const editor = await signedIn(browser, EDITOR.email, EDITOR.password);
  await editor.goto("/studio/calls/new");
  const form = editor.getByRole("form", { name: "发布约稿" });
  await form.getByLabel("主题").fill(TOPIC);
  await form.getByLabel("约稿要求").fill("请报送本单位冬季志愿服务的做法和成效，附现场照片一张。");
  // Due within the hour: answered now, it is on time, and its deadline falls in today's statistics.
  const due = new Date(Date.now() + 60 * 60_000);
  const local = new Date(due.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
  await form.getByLabel("截止时间（北京时间）").fill(local);
  await form.getByRole("radio", { name: /指定单位/ }).check();
  await form.getByRole("checkbox", { name: UNIT.name }).check();
  await form.getByRole("button", { name: "发布约稿" }).click();
  await expect(editor.getByRole("heading", { name: TOPIC })).toBeVisible();
  callId = editor.url().match(/\/studio\/calls\/(\d+)/)![1]!;
  await editor.context().close();
});

test("the contributor answers it with a Word file holding a picture", async ({ browser }) => {
  const page = await signedIn(browser, CONTRIBUTOR.email, CONTRIBUTOR.password);
  await expect(page).toHaveURL(/\/studio\/submissions$/);
  await page.goto("/studio/calls");
  const row = page.getByTestId("call-row").filter({ hasText: TOPIC });
  await row.getByRole("link", { name: "响应约稿" }).click();
  await expect(page.getByLabel("响应约稿")).toHaveValue(callId);
  const word = await docxOf([
    "十二月以来，团五台县委组织六十余名青年志愿者走进全县十二个村，为留守老人和儿童送去棉衣、书籍和生活用品。",
    { image: pngOf(900, 600, [200, 40, 40]), alt: "志愿者入户走访" },
    "志愿者们还为老人清扫院落、检查取暖设施，讲解冬季用电用火安全知识，受到群众欢迎。",
  ]);
  await page.getByTestId("docx-input").setInputFiles({
    name: "冬季送温暖.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: word,
  });
  await page.getByLabel("标题").fill(TITLE);
  await page.getByLabel("联系人").fill("王报送");
  await page.getByLabel("联系电话").fill("0350-6521234");
  await page.getByRole("button", { name: "报送", exact: true }).click();
  await expect(page.getByTestId("submission-state")).toHaveText("已报送");
  await expect(page.getByTestId("submission-text").first()).toContainText("留守老人和儿童");
  const img = page.getByTestId("submission-text").first().locator("img");
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(900);
  submissionUrl = new URL(page.url()).pathname;
  await page.context().close();
});

test("the editor adopts it into a new issue; a reviewer signs it off and publishes it", async ({ browser }) => {
  const editor = await signedIn(browser, EDITOR.email, EDITOR.password);
  await editor.goto("/studio/submissions");
  await editor.getByTestId("submission-row").filter({ hasText: TITLE }).getByRole("link").first().click();
  await expect(editor.getByTestId("submission-state")).toHaveText("已报送");
  const form = editor.getByRole("form", { name: "采用到" });
  await form.getByLabel("全文采用").check();
  await expect(form.getByLabel("采用到")).toHaveValue("new");
  await form.getByRole("button", { name: "采用" }).click();
  await expect(editor).toHaveURL(/\/studio\/drafts\/\d+$/);
  const body = editor.getByTestId("mdx-editor").locator(".cm-content");
  await expect(body).toContainText(`# ${TITLE}`);
  await expect(body).toContainText(`<Byline>（${UNIT.short}供稿）</Byline>`);
  const reviewer = await signedIn(browser, SECOND_REVIEWER.email, SECOND_REVIEWER.password);
  issuePath = await publishDraft(editor, reviewer, TITLE);
  await reviewer.goto(issuePath);
  await expect(reviewer.getByText(`（${UNIT.short}供稿）`)).toBeVisible();
  await editor.context().close();
  await reviewer.context().close();
});

test("the contributor sees 已刊用 with the issue and its link", async ({ browser }) => {
  const page = await signedIn(browser, CONTRIBUTOR.email, CONTRIBUTOR.password);
  const row = page.getByTestId("submission-row").filter({ hasText: TITLE });
  await expect(row.getByTestId("submission-status")).toHaveText("已刊用");
  const link = row.getByRole("link", { name: /晋团要讯〔\d{4}〕第\d+期/ });
  await expect(link).toHaveAttribute("href", issuePath);
  await link.click();
  await expect(page.getByText(`（${UNIT.short}供稿）`)).toBeVisible();
  await page.goto(submissionUrl);
  await expect(page.getByTestId("submission-state")).toHaveText("已刊用");
  await page.context().close();
});

test("the editor records a 批示 on the published article, credited to the unit", async ({ browser }) => {
  const editor = await signedIn(browser, EDITOR.email, EDITOR.password);
  await editor.goto("/studio?tab=published");
  await editor.getByTestId("studio-list").getByRole("listitem").filter({ hasText: TITLE }).getByRole("link").first().click();
  const form = editor.getByRole("form", { name: "登记批示" });
  await form.getByLabel("级别").selectOption({ label: "省级" });
  await form.getByLabel("批示领导").fill("省委副书记");
  await form.getByLabel("日期").fill(beijingDay(new Date()));
  await form.getByLabel("批示要点").fill("五台县的做法很实在，请团省委总结推广。");
  // The issue's one article, taken from the unit's submission: credited to the unit by its adoption.
  await expect(form.getByLabel("批示的文章")).toHaveValue(TITLE);
  await expect(form.getByLabel("计入单位")).toContainText(`自动：${UNIT.name}`);
  await form.getByRole("button", { name: "登记批示" }).click();
  await expect(form.getByText("已登记批示")).toBeVisible();
  await expect(editor.getByTestId("instructions").getByRole("listitem").filter({ hasText: "五台县的做法很实在" })).toContainText(
    `计入：${UNIT.name}`,
  );
  await editor.context().close();
});

test("/studio/stats shows the unit's points, the .xlsx holds the same numbers, and the 通报 it drafts is published with a sound PDF", async ({
  browser,
  request,
}) => {
  const editor = await signedIn(browser, EDITOR.email, EDITOR.password);
  // Today and tomorrow in Beijing: the events of this test and the 约稿's deadline (due within the hour).
  const from = beijingDay(new Date());
  const to = beijingDay(new Date(Date.now() + 24 * 3_600_000));
  await editor.goto(`/studio/stats?series=jtyx&kind=range&from=${from}&to=${to}`);
  const row = editor.getByTestId("stats-row").filter({ hasText: UNIT.name });
  const cells = async () => (await row.locator("td, th").allTextContents()).map((t) => t.trim());
  // 报送 1, 全文采用 1, 刊用 1, 省级批示 1, 约稿 answered on time, by the points table in force today.
  const rules = DEFAULT_POINTS_RULES;
  const points = rules.submitted + rules.full + rules.published + rules.instruction.province + rules.callOnTime;
  const shown = await cells();
  expect(shown.slice(1)).toEqual([UNIT.name, "1", "1", "100.0%", "1", "1", "1", "0", String(points)]);
  await expect(editor.getByTestId("stats-chart")).toContainText(`${UNIT.name} ${points}分`);

  const [download] = await Promise.all([editor.waitForEvent("download"), editor.getByRole("link", { name: "导出Excel" }).click()]);
  const sheet = (await readXlsxFile(fs.readFileSync(await download.path())))[0]!.data;
  const xlsxRow = sheet.find((r) => r[1] === UNIT.name)!.map(String);
  expect(xlsxRow).toEqual(shown);

  await editor.getByRole("button", { name: "生成通报" }).click();
  await expect(editor).toHaveURL(/\/studio\/drafts\/\d+$/);
  const title = await editor.getByLabel("标题第1行").inputValue();
  expect(title).toMatch(/^关于.+信息报送采用情况的通报$/);
  const reviewer = await signedIn(browser, SECOND_REVIEWER.email, SECOND_REVIEWER.password);
  const report = await publishDraft(editor, reviewer, title);
  // Internal: the public gets 404; the renderer (as the PDF service asks) gets its PDF.
  expect((await request.get(`${report}/pdf`)).status()).toBe(404);
  const pdf = await request.get(`${report}/pdf`, { headers: { "x-jianbao-render": E2E_RENDER_SECRET } });
  expect(pdf.status()).toBe(200);
  const m = await measurePdf(await pdf.body());
  expect(m.runs.map((r) => r.text).join("")).toContain(UNIT.short);
  const problems = [
    ...checkPaper(m),
    ...checkTypeArea(m),
    ...checkLinesPerPage(m),
    ...checkFolios(m),
    ...checkMastheadAndColophon(m, { seriesName: "晋团要讯", organization: "共青团山西省委", articles: [], date: from }),
    ...checkTypography(m),
    ...checkFonts(m),
  ];
  expect(problems).toEqual([]);
  fs.mkdirSync(SHOTS, { recursive: true });
  await editor.context().close();
  await reviewer.context().close();
});
