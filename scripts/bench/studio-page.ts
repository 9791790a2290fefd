// The studio benchmark's hands in the browser: sign in, open and fill drafts, and time one edit
// until the preview shows its page count and the autosave reports the new revision. Times are
// taken inside the page (performance.now, MutationObserver), where nothing polls.
import type { Browser, Page } from "playwright-core";

/** Milestones of one edit, in ms from the edit's input event (the editor's page's clock). */
export type EditRound = {
  /** the preview's request leaves the frame: the 600 ms debounce and the hand-over to the frame */
  sent: number;
  /** the first byte of the preview's server action's answer, and its last */
  firstByte: number;
  answered: number;
  /** the frame has committed the new render (`data-preview-seq` went up) */
  rendered: number;
  /** the new render is cut into sheets (`.jb-official[data-paginated=true]`) */
  paginated: number;
  /** the editor shows the page count and no longer 更新中 */
  reported: number;
  /** the autosave request leaves, and 已保存 · 第N版 shows the new revision */
  saveSent: number;
  saveAnswered: number;
  saved: number;
  /** preview requests the frame sent for this edit (1 if nothing else ran meanwhile) */
  previewRequests: number;
  sheets: number;
  revision: number;
  /** the same total, edit to page count, on the benchmark's own clock: a check on the in-page one */
  outsideMs: number;
  /** the server's CPU time from the edit to the page count, and from there to the save */
  previewCpu: number;
  saveCpu: number;
};

// In-page code is passed as source text: tsx (esbuild with keepNames) would wrap named inner
// functions in a `__name` helper that the page does not have.
const ARM = String.raw`(({ previewSeq, revision }) => {
  const now = () => performance.now();
  const iframe = document.querySelector("[data-testid=preview-iframe]");
  const fw = iframe.contentWindow, fd = iframe.contentDocument;
  fw.performance.setResourceTimingBufferSize(1000);
  fw.performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(1000);
  performance.clearResourceTimings();
  const m = { edit: null, rendered: null, paginated: null, reported: null, saved: null, sheets: 0, revision: 0 };
  const onInput = () => { if (m.edit === null) m.edit = now(); };
  document.addEventListener("beforeinput", onInput, true);
  document.addEventListener("input", onInput, true);
  document.addEventListener("paste", onInput, true);
  let resolvePreview, resolveSave;
  const preview = new Promise((r) => (resolvePreview = r));
  const save = new Promise((r) => (resolveSave = r));
  const check = () => {
    const frame = fd.querySelector("[data-testid=preview-frame]");
    if (m.rendered === null && Number(frame?.getAttribute("data-preview-seq") ?? 0) > previewSeq) m.rendered = now();
    if (m.rendered !== null && m.paginated === null) {
      const root = frame.querySelector(".jb-official[data-paginated=true]");
      if (root) { m.paginated = now(); m.sheets = root.querySelectorAll("[data-sheets] > .jb-sheet").length; }
    }
    if (m.paginated !== null && m.reported === null) {
      const pane = document.querySelector("section[aria-label='A4 预览']");
      if (document.querySelector("[data-testid=preview-pages]").textContent === "共 " + m.sheets + " 页" && !pane.textContent.includes("更新中")) {
        m.reported = now();
        resolvePreview();
      }
    }
    const saved = /^已保存 · 第(\d+)版/.exec(document.querySelector("[data-testid=save-state]").textContent);
    if (m.saved === null && saved && Number(saved[1]) > revision) { m.saved = now(); m.revision = Number(saved[1]); resolveSave(); }
  };
  const inFrame = new fw.MutationObserver(check);
  inFrame.observe(fd.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-preview-seq", "data-paginated"] });
  const inEditor = new MutationObserver(check);
  inEditor.observe(document.body, { subtree: true, childList: true, characterData: true });
  // Timing entries of this edit's requests: the preview's server action (a POST to the frame's
  // page) and the autosave's (a POST to the editor's page); the frame's clock is shifted onto ours.
  const shift = fw.performance.timeOrigin - performance.timeOrigin;
  const entries = (perf, offset, path) => perf.getEntriesByType("resource")
    .filter((e) => e.initiatorType === "fetch" && new URL(e.name).pathname === path && !e.name.includes("_rsc=") && e.startTime + offset >= m.edit)
    .map((e) => ({ start: e.startTime + offset, firstByte: e.responseStart + offset, end: e.responseEnd + offset }));
  const requests = () => ({ p: entries(fw.performance, shift, fw.location.pathname), s: entries(performance, 0, location.pathname) });
  window.__jbRound = {
    preview,
    done: Promise.all([preview, save]).then(async () => {
      inFrame.disconnect();
      inEditor.disconnect();
      document.removeEventListener("beforeinput", onInput, true);
      document.removeEventListener("input", onInput, true);
      document.removeEventListener("paste", onInput, true);
      // An entry is added once the response has been read to its end, which can be after its result was used.
      let r = requests();
      for (let waited = 0; (r.p.length === 0 || r.s.length === 0) && waited < 3000; waited += 20) {
        await new Promise((ok) => setTimeout(ok, 20));
        r = requests();
      }
      const none = { start: NaN, firstByte: NaN, end: NaN };
      const [p, s] = [r.p[r.p.length - 1] ?? none, r.s[r.s.length - 1] ?? none];
      const at = (t) => t - m.edit;
      return {
        sent: at(p.start), firstByte: at(p.firstByte), answered: at(p.end), rendered: at(m.rendered), paginated: at(m.paginated), reported: at(m.reported),
        saveSent: at(s.start), saveAnswered: at(s.end), saved: at(m.saved),
        previewRequests: r.p.length, sheets: m.sheets, revision: m.revision, editSeen: m.edit !== null,
      };
    }),
  };
})`;

const STATE = String.raw`(() => {
  const frame = document.querySelector("[data-testid=preview-iframe]").contentDocument.querySelector("[data-testid=preview-frame]");
  const saved = /^已保存 · 第(\d+)版/.exec(document.querySelector("[data-testid=save-state]").textContent);
  return { previewSeq: Number(frame?.getAttribute("data-preview-seq") ?? 0), revision: saved ? Number(saved[1]) : -1 };
})()`;

async function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms)),
  );
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

// The editor's state, read in the page: the frame's layout cut into sheets, the page count shown,
// the preview updating (更新中), the draft saved, and how many previews the frame has rendered.
const PAGINATED = `!!document.querySelector("[data-testid=preview-iframe]")?.contentDocument?.querySelector(".jb-official[data-paginated=true]")`;
const COUNTED = `/^共 \\d+ 页$/.test(document.querySelector("[data-testid=preview-pages]")?.textContent ?? "")`;
const BUSY = `(document.querySelector("section[aria-label='A4 预览']")?.textContent ?? "更新中").includes("更新中")`;
const SAVED = `/^已保存/.test(document.querySelector("[data-testid=save-state]")?.textContent ?? "")`;
const PREVIEW_SEQ = `Number(document.querySelector("[data-testid=preview-iframe]")?.contentDocument?.querySelector("[data-testid=preview-frame]")?.getAttribute("data-preview-seq") ?? 0)`;
const CONNECTED = `(${PREVIEW_SEQ} >= 1 && ${COUNTED} && !${BUSY} && ${SAVED})`;

async function waitFor(page: Page, expression: string, timeout: number): Promise<void> {
  await page.waitForFunction(expression, undefined, { timeout }).catch(async (error: unknown) => {
    const state = await page
      .evaluate(
        `[...document.querySelectorAll("[data-testid=save-state], [data-testid=preview-pages], [data-testid=problem-count], [role=alert]")].map((e) => e.textContent).join(" | ") + " | preview seq " + ${PREVIEW_SEQ}`,
      )
      .catch(() => "?");
    throw new Error(`the editor did not settle (${page.url()}: ${String(state)})`, { cause: error });
  });
}

/**
 * Waits until the editor is quiet (the draft saved, the preview laid out and not updating) and
 * says whether the preview is connected: whether it has answered a request since the page
 * opened and shown its page count. The editor sends the first request 600 ms after the frame
 * reports that it is ready; on some loads the frame's messages come before the editor listens,
 * and then no request ever comes (edits leave the preview as it was) and, if the page count was
 * lost too, 排版中… stays. `graceMs` of quiet with no request means that.
 */
export async function settle(page: Page, graceMs = 5000): Promise<boolean> {
  await waitFor(page, `${PAGINATED} && !${BUSY} && ${SAVED}`, 60_000);
  if (
    await page.waitForFunction(CONNECTED, undefined, { timeout: graceMs }).then(
      () => true,
      () => false,
    )
  )
    return true;
  // Slow rather than lost: a request on its way, or answered since.
  if (!(await page.evaluate(`${BUSY} || ${PREVIEW_SEQ} >= 1`))) return false;
  await waitFor(page, CONNECTED, 60_000);
  return true;
}

/** Settles, reloading the page (up to 3 times) until the preview is connected; returns the reloads. */
export async function settleConnected(page: Page): Promise<number> {
  for (let reloads = 0; ; reloads++) {
    if (await settle(page)) return reloads;
    if (reloads === 3) throw new Error(`the preview did not connect in 4 loads of ${page.url()}`);
    await page.reload();
  }
}

/**
 * One edit as `change` makes it (insertText, a paste), timed until the preview has re-rendered
 * and shown its page count, then until the autosave has stored it. The editor must be settled.
 * `cpu` reads the server's CPU time (ms): read before, at the preview and at the save.
 */
export async function timeEdit(page: Page, change: () => Promise<void>, cpu: () => number): Promise<EditRound> {
  const before = (await page.evaluate(STATE)) as { previewSeq: number; revision: number };
  if (before.revision < 0) throw new Error("the draft is not saved before the edit");
  await page.evaluate(`${ARM}(${JSON.stringify(before)})`);
  const cpu0 = cpu();
  const t0 = performance.now();
  await change();
  await withTimeout("the preview after an edit", 60_000, page.evaluate("window.__jbRound.preview"));
  const outsideMs = performance.now() - t0;
  const cpu1 = cpu();
  const round = (await withTimeout("the autosave after an edit", 60_000, page.evaluate("window.__jbRound.done"))) as Omit<
    EditRound,
    "outsideMs" | "previewCpu" | "saveCpu"
  > & { editSeen: boolean };
  if (!round.editSeen) throw new Error("the edit raised no input or paste event in the editor");
  return { ...round, outsideMs, previewCpu: cpu1 - cpu0, saveCpu: cpu() - cpu1 };
}

/** A page signed in to the studio, in its own context (its own session cookie). */
export async function signIn(browser: Browser, origin: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin, locale: "zh-CN", viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto("/studio/sign-in");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByTestId("studio-user").waitFor();
  return page;
}

/** 新建一期 in 晋团要讯, with a title; returns the draft's path once the editor is quiet. */
export async function newDraft(page: Page, title: string): Promise<string> {
  await page.goto("/studio");
  await page.getByRole("link", { name: "新建一期" }).first().click();
  const create = page.getByRole("form", { name: "新建一期" });
  await create.getByLabel("刊物").selectOption({ label: "晋团要讯" });
  await create.getByRole("button", { name: "创建草稿" }).click();
  await page.waitForURL(/\/studio\/drafts\/\d+$/);
  const reloads = await settleConnected(page);
  if (reloads) console.error(`[bench:studio] ${page.url()}: the preview connected after ${reloads} reload(s)`);
  await page.getByLabel("标题第1行").fill(title);
  await page.waitForFunction(`!/^已保存/.test(document.querySelector("[data-testid=save-state]")?.textContent ?? "")`);
  await settle(page);
  return new URL(page.url()).pathname;
}

/** A paste into the body editor, as CodeMirror receives one from the clipboard. */
export async function paste(page: Page, text: string): Promise<void> {
  const content = page.getByTestId("mdx-editor").locator(".cm-content");
  await content.click();
  await page.keyboard.press("Control+End");
  await page.evaluate(`(() => { const data = new DataTransfer(); data.setData("text/plain", ${JSON.stringify(text)});
    document.querySelector("[data-testid=mdx-editor] .cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })); })()`);
}

export type ClickRound = { total: number; action: number; refresh: number; fetches: string[] };

/**
 * Clicks `button` and waits for `testId` to contain `text` (ms on the benchmark's clock); with
 * the requests it made to the page: the server action (a POST) and the router's refresh (`_rsc`).
 */
export async function timeClick(page: Page, button: string, testId: string, text: string): Promise<ClickRound> {
  await page.evaluate("performance.setResourceTimingBufferSize(1000), performance.clearResourceTimings()");
  const t0 = performance.now();
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.waitForFunction(
    `[...document.querySelectorAll("[data-testid=${testId}]")].some((e) => e.textContent.includes(${JSON.stringify(text)}))`,
    undefined,
    { timeout: 60_000 },
  );
  const total = performance.now() - t0;
  const fetches = (await page.evaluate(
    `performance.getEntriesByType("resource").filter((e) => e.initiatorType === "fetch").map((e) => ({ url: e.name, ms: e.responseEnd - e.startTime }))`,
  )) as { url: string; ms: number }[];
  // Only this page's requests: the router also prefetches the pages it links to.
  const path = new URL(page.url()).pathname;
  const sum = (rsc: boolean) =>
    fetches.filter((f) => new URL(f.url).pathname === path && f.url.includes("_rsc=") === rsc).reduce((s, f) => s + f.ms, 0);
  return {
    total,
    action: sum(false),
    refresh: sum(true),
    fetches: fetches.map((f) => `${new URL(f.url).pathname}${new URL(f.url).search ? "?…" : ""} ${Math.round(f.ms)} ms`),
  };
}

/**
 * Opens a draft and waits for its preview to be laid out in sheets (ms on the benchmark's clock);
 * then whether the page count showed within 5 s, and whether the preview connected (see `settle`).
 */
export async function timeOpen(page: Page, url: string): Promise<{ ms: number; counted: boolean; connected: boolean }> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await waitFor(page, PAGINATED, 60_000);
  const ms = performance.now() - t0;
  const counted = await page.waitForFunction(COUNTED, undefined, { timeout: 5000 }).then(
    () => true,
    () => false,
  );
  return { ms, counted, connected: await settle(page) };
}

export type UploadRound = { transfer: number; listed: number; action: number; shown: number; bytes: number };

/**
 * Chooses a picture in the editor's file input and times it in the page, from the input's change
 * event (the moment a person's choice lands): until it is in the picture list, and until the
 * preview's sheets show one more picture (its Figure written at the cursor, then the debounced
 * preview). `transfer` is Playwright handing the file to the browser, which a person never waits
 * for; `action` is the upload's request, from resource timing.
 */
export async function timeUpload(page: Page, name: string, bytes: Uint8Array, before: number): Promise<UploadRound> {
  await page.evaluate(`performance.setResourceTimingBufferSize(1000), performance.clearResourceTimings(), window.__chosen = undefined,
    document.querySelector("[data-testid=picture-input]").addEventListener("change", () => { window.__chosen = performance.now() }, { once: true, capture: true })`);
  const t0 = performance.now();
  await page.getByTestId("picture-input").setInputFiles({ name, mimeType: "image/png", buffer: Buffer.from(bytes) });
  const transfer = performance.now() - t0;
  const since = (ready: string) =>
    page
      .waitForFunction(`window.__chosen !== undefined && (${ready}) && performance.now() - window.__chosen`, undefined, {
        timeout: 60_000,
        polling: "raf",
      })
      .then((h) => h.jsonValue() as Promise<number>);
  const listed = await since(`document.querySelectorAll("[data-testid=picture-item]").length > ${before}`);
  const shown = await since(
    `document.querySelector("[data-testid=preview-iframe]")?.contentDocument?.querySelectorAll(".jb-official[data-paginated=true] .jb-sheet img").length > ${before}`,
  );
  const fetches = (await page.evaluate(
    `performance.getEntriesByType("resource").filter((e) => e.initiatorType === "fetch").map((e) => ({ url: e.name, ms: e.responseEnd - e.startTime }))`,
  )) as { url: string; ms: number }[];
  const path = new URL(page.url()).pathname;
  const action = fetches.find((f) => new URL(f.url).pathname === path && !f.url.includes("_rsc="))?.ms ?? NaN;
  return { transfer, listed, action, shown, bytes: bytes.byteLength };
}
