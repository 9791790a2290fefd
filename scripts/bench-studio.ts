// `npm run bench:studio [-- --write]`: what an editor feels in the studio. On a copy of content/
// and a fresh database, with an editor and a reviewer made by the CLI, drives the studio in
// Chromium: the live preview after an edit (the sample issue and a ~20,000-character one), the
// autosave, opening a draft, and submit → sign-off → publish; then the server's memory. Prints
// a table as it goes; --write puts it into BENCHMARKS.md ("## The studio"). Progress: stderr.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "@/lib/pdf/chromium";
import {
  type ClickRound,
  type EditRound,
  newDraft,
  paste,
  settle,
  signIn,
  timeClick,
  timeEdit,
  timeOpen,
  timeUpload,
  type UploadRound,
} from "./bench/studio-page";
import { type EditSummary, ms, reading, Table, writeSection } from "./bench/studio-report";
import { freePort, type LocalServer, startLocalServer } from "./lib/local-server";
import { pngOf } from "./lib/png";

const { values: opt } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    edits: { type: "string", default: "20" }, // timed edits per issue
    opens: { type: "string", default: "5" }, // timed openings of each draft
    publishes: { type: "string", default: "5" }, // new issues taken through review and published
  },
});
const count = (name: "edits" | "opens" | "publishes") => {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, not ${opt[name]}`);
  return n;
};
const [EDITS, OPENS, PUBLISHES] = [count("edits"), count("opens"), count("publishes")];
const PICTURES = 5;
const DEBOUNCE_MS = 600; // components/studio/preview-pane.tsx
const AUTOSAVE_MS = 2500; // components/studio/draft-editor.tsx
const step = (what: string) => console.error(`[bench:studio] ${new Date().toISOString().slice(11, 19)} ${what}`);

// The sample issue's body, and that body repeated to about 20,000 characters.
const SAMPLE = fs
  .readFileSync("content/jtyx/2022/003.mdx", "utf8")
  .replace(/^---\n[\s\S]*?\n---\n/, "")
  .trim();
const LONG = Array.from({ length: Math.ceil(20_000 / SAMPLE.length) }, () => SAMPLE).join("\n\n");
const sentence = (i: number) => `第${i + 1}次修改补充一句：基层团组织要把工作做到青年身边。`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-bench-studio-"));
const CONTENT_DIR = path.join(tmp, "content");
const DATA_DIR = path.join(tmp, "data");
const EDITOR = { email: "editor@bench.example.org", name: "王编辑", role: "editor", password: randomBytes(12).toString("hex") };
const REVIEWER = { email: "reviewer@bench.example.org", name: "李审核", role: "reviewer", password: randomBytes(12).toString("hex") };

let server: LocalServer | undefined;
let browser: Browser | undefined;
let cleaning: Promise<void> | undefined;
/** Once, whether the run ends, fails or is interrupted. */
const cleanup = () =>
  (cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
/** The server process's CPU time so far (user + system), in ms. */
function serverCpu(): number {
  const stat = fs.readFileSync(`/proc/${server?.process.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}
const procStatus = (key: string) =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${server?.process.pid}/status`, "utf8"))?.[1] ?? NaN);

function addUser(u: typeof EDITOR): void {
  execFileSync(
    "npx",
    [
      "tsx",
      "--conditions=react-server",
      "scripts/user.ts",
      "add",
      "--email",
      u.email,
      "--name",
      u.name,
      "--role",
      u.role,
      "--password-stdin",
    ],
    {
      env: { ...process.env, CONTENT_DIR, DATA_DIR },
      input: `${u.password}\n`,
      stdio: ["pipe", "ignore", "inherit"],
    },
  );
}

/** A new draft with `body` pasted in, then timed edits; and the draft opened again a few times. */
async function editRuns(table: Table, page: Page, name: string, body: string): Promise<EditSummary> {
  step(`${name}: a new draft, the body pasted in (${body.length.toLocaleString("en")} characters)`);
  const url = await newDraft(page, `基准测试稿件（${name}）`);
  const pasted = await timeEdit(page, () => paste(page, body), serverCpu);
  step(
    `${name}: the paste's preview after ${ms(pasted.reported)} ms (${pasted.sheets} pages), saved after ${ms(pasted.saved)} ms; ${EDITS} timed edits`,
  );
  const rounds: EditRound[] = [];
  for (let i = 0; i < EDITS; i++) {
    await page.keyboard.press("Control+End");
    rounds.push(await timeEdit(page, () => page.keyboard.insertText(sentence(i)), serverCpu));
  }
  const extra = rounds.filter((r) => r.previewRequests !== 1).length;
  if (extra) step(`${name}: ${extra} edits sent other than one preview request`);
  step(`${name}: opening the draft ${OPENS} times`);
  const opens: { ms: number; counted: boolean; connected: boolean }[] = [];
  for (let i = 0; i < OPENS; i++) opens.push(await timeOpen(page, url));
  const lost = opens.filter((o) => !o.connected).length;
  const uncounted = opens.filter((o) => !o.counted).length;
  if (lost)
    step(`${name}: in ${lost} of ${OPENS} openings the preview never sent a request, and in ${uncounted} the page count never showed`);

  const sheets = [...new Set(rounds.map((r) => r.sheets))].sort((a, b) => a - b);
  const label = `${name} (${body.length.toLocaleString("en")} characters, ${sheets.length > 1 ? `${sheets[0]}–${sheets.at(-1)}` : sheets[0]} pages)`;
  const of = (f: (r: EditRound) => number) => rounds.map(f);
  // Consecutive stretches of the time after the debounce: they add up to it.
  const parts = [
    {
      label: "the hand-over to the frame",
      xs: of((r) => r.sent - DEBOUNCE_MS),
      row: "… of which handing the text to the frame, past the debounce (edit → request sent − 600 ms)",
    },
    {
      label: "the server action until its first byte",
      xs: of((r) => r.firstByte - r.sent),
      row: "… of which the server action, request → first byte",
    },
    {
      label: "the rest of the answer and React's render in the frame",
      xs: of((r) => r.rendered - r.firstByte),
      row: "… of which the rest of the answer and React's render in the frame (→ `data-preview-seq` up)",
    },
    { label: "pagination", xs: of((r) => r.paginated - r.rendered), row: "… of which pagination into A4 sheets (→ `data-paginated`)" },
    { label: "showing the page count", xs: of((r) => r.reported - r.paginated), row: "… of which showing the page count in the editor" },
  ];
  const open = table.add(
    `${label}: open the draft, until its preview is cut into sheets`,
    opens.map((o) => o.ms),
  );
  const total = table.add(
    `${label}: preview, edit → page count shown`,
    of((r) => r.reported),
  );
  const after = table.add(
    `… after the ${DEBOUNCE_MS} ms debounce`,
    of((r) => r.reported - DEBOUNCE_MS),
  );
  const stats = parts.map((p) => ({ label: p.label, stat: table.add(p.row, p.xs) }));
  const server = table.add(
    "… the server action, request → last byte (overlaps the render)",
    of((r) => r.answered - r.sent),
  );
  const cpu = table.add(
    `… server CPU time meanwhile`,
    of((r) => r.previewCpu),
  );
  table.add(
    `${label}: autosave, edit → 已保存 · 第N版`,
    of((r) => r.saved),
  );
  const saveAfter = table.add(
    `… after the ${AUTOSAVE_MS / 1000} s wait`,
    of((r) => r.saved - AUTOSAVE_MS),
  );
  const saveServer = table.add(
    `… of which the server action, request → last byte`,
    of((r) => r.saveAnswered - r.saveSent),
  );
  console.error(
    `[bench:studio] ${name}: raw ${JSON.stringify({ pasted, rounds, opens }, (_, v: unknown) => (typeof v === "number" ? Math.round(v * 10) / 10 : v))}`,
  );
  return { name, chars: body.length, total, after, parts: stats, server, cpu, saveAfter, saveServer, open, opens: OPENS, lost, uncounted };
}

try {
  // startLocalServer would build the site if there were no build; here that could race a build
  // someone else has running in the same tree, so the benchmark asks for one instead.
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build in .next: run `npx next build` first");
  const loadStart = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  fs.cpSync("content", CONTENT_DIR, { recursive: true });
  fs.mkdirSync(DATA_DIR);
  step("creating an editor and a reviewer with the CLI");
  addUser(EDITOR);
  addUser(REVIEWER);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  step(`starting the server at ${origin}`);
  server = await startLocalServer({ CONTENT_DIR, DATA_DIR, NEXTAUTH_URL: origin, TMPDIR: tmp }, { port });
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found: set CHROMIUM_PATH");
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const editor = await signIn(browser, origin, EDITOR.email, EDITOR.password);
  const reviewer = await signIn(browser, origin, REVIEWER.email, REVIEWER.password);

  const table = new Table();
  const sample = await editRuns(table, editor, "sample", SAMPLE);
  const long = await editRuns(table, editor, "long", LONG);

  step(`${PUBLISHES} new issues: submitted, signed off and published`);
  const files = () => fs.readdirSync(CONTENT_DIR, { recursive: true }).filter((f) => String(f).endsWith(".mdx")).length;
  const before = files();
  const runs: { submit: ClickRound; approve: ClickRound; publish: ClickRound }[] = [];
  for (let i = 0; i < PUBLISHES; i++) {
    const url = await newDraft(editor, `基准测试发布第${i + 1}期`);
    await paste(editor, SAMPLE);
    await editor.waitForFunction(`!/^已保存/.test(document.querySelector("[data-testid=save-state]")?.textContent ?? "")`);
    await settle(editor);
    const submit = await timeClick(editor, "提交审核", "status-badge", "待审");
    await reviewer.goto(url);
    await settle(reviewer);
    const approve = await timeClick(reviewer, "签发", "signer", "签发人");
    const publish = await timeClick(reviewer, "立即发布", "status-badge", "已发布");
    runs.push({ submit, approve, publish });
    step(`published ${url}: ${ms(publish.total)} ms (${publish.fetches.join(", ")})`);
  }
  if (files() !== before + PUBLISHES) throw new Error(`expected ${PUBLISHES} new files in content/, found ${files() - before}`);
  table.add(
    "submit: 提交审核 → 待审",
    runs.map((r) => r.submit.total),
  );
  table.add(
    "sign off: 签发 → 签发人 shown",
    runs.map((r) => r.approve.total),
  );
  const publish = {
    total: table.add(
      "publish: 立即发布 → 已发布",
      runs.map((r) => r.publish.total),
    ),
    action: table.add(
      "… of which the server action (write the file, index it)",
      runs.map((r) => r.publish.action),
    ),
    refresh: table.add(
      "… of which the page's refresh",
      runs.map((r) => r.publish.refresh),
    ),
  };

  step(`${PICTURES} photo-sized pictures uploaded into one draft, which is then published`);
  const pictureDraft = await newDraft(editor, "基准测试图片");
  await paste(editor, SAMPLE);
  await settle(editor);
  const uploads: UploadRound[] = [];
  for (let i = 0; i < PICTURES; i++) {
    await editor.getByTestId("mdx-editor").locator(".cm-content").click();
    await editor.keyboard.press("Control+End");
    await editor.keyboard.press("Enter");
    uploads.push(await timeUpload(editor, `photo-${i + 1}.png`, pngOf(1400, 1000, [120 + i, 140, 160], 40), i));
    const u = uploads.at(-1)!;
    step(
      `picture ${i + 1}: handed to the browser in ${ms(u.transfer)} ms; then listed after ${ms(u.listed)} ms (action ${ms(u.action)} ms), in the preview after ${ms(u.shown)} ms`,
    );
  }
  await editor.waitForFunction(`/^已保存/.test(document.querySelector("[data-testid=save-state]")?.textContent ?? "")`, undefined, {
    timeout: 60_000,
  });
  await timeClick(editor, "提交审核", "status-badge", "待审");
  await reviewer.goto(pictureDraft);
  await settle(reviewer);
  await timeClick(reviewer, "签发", "signer", "签发人");
  const withPictures = await timeClick(reviewer, "立即发布", "status-badge", "已发布");
  const megabytes = (uploads.reduce((s, u) => s + u.bytes, 0) / uploads.length / 1048576).toFixed(1);
  const pictures = {
    megabytes,
    listed: table.add(
      `picture (1400×1000 PNG, ${megabytes} MB): chosen (the input's change event) → in the picture list`,
      uploads.map((u) => u.listed),
    ),
    action: table.add(
      "… of which the upload's server action (read, hash, store in SQLite)",
      uploads.map((u) => u.action),
    ),
    shown: table.add(
      "picture: chosen → in the preview's sheets (its Figure at the cursor, then the 600 ms debounce)",
      uploads.map((u) => u.shown),
    ),
    publish: table.add(`publish with ${PICTURES} pictures: 立即发布 → 已发布`, [withPictures.total]),
    publishAction: table.add("… of which the server action (write the pictures and the file, index it)", [withPictures.action]),
  };

  const rss = Math.round(procStatus("VmRSS") / 1024);
  const hwm = Math.round(procStatus("VmHWM") / 1024);
  const memory = `Server memory after the runs (\`/proc/<pid>/status\` of the \`server.mjs\` process): VmRSS ${rss} MB, peak (VmHWM) ${hwm} MB.`;
  console.log(`\n${memory}`);

  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
  const machine = `${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} · Node ${process.version} · Chromium ${browser.version()} (headless) · commit ${commit} · load average at start ${loadStart}, at end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
  const section = `## The studio (\`npm run bench:studio\`)

${machine}

The script copies \`content/\` to a temporary directory, starts the production server (\`server.mjs\`) on a fresh database, creates an editor and a reviewer with the CLI, and drives the studio in headless Chromium (playwright-core) as an editor would: a new 晋团要讯 draft, its body pasted in once (the sample issue \`jtyx/2022/3\`, or that body repeated to about 20,000 characters), then ${EDITS} edits each inserting one sentence at the end (\`insertText\`), each waited out until the preview shows its page count and the autosave has stored it, and the draft opened ${OPENS} times; then ${PUBLISHES} new issues submitted by the editor and signed off and published by the reviewer with the buttons; then ${PICTURES} photo-sized pictures (1400×1000 PNGs with grain, ${pictures.megabytes} MB each) chosen one by one in a draft's file input (timed in the page from the input's change event, so not counting Playwright handing the file to the browser), and that draft published. The edit figures are measured in the page, from the edit's input event, with MutationObservers on the preview frame (\`data-preview-seq\`, \`data-paginated\`) and the editor (the page count, 已保存 · 第N版) and the browser's resource timing for the requests; opening and the buttons are timed from the benchmark's side, to the text they wait for; CPU time is the server process's, from \`/proc\`.

${table.text()}

${memory} This machine has 2 cores, shared: the figures are noisy, and the server, the browser and the benchmark run on the same cores.

Reading the figures:

${reading(sample, long, publish, rss)}
- **Pictures.** A ${pictures.megabytes} MB picture is in the list ${ms(pictures.listed.median)} ms after it is chosen (median; the upload's action ${ms(pictures.action.median)} ms) and in the preview's sheets after ${ms(pictures.shown.median)} ms, which includes the 600 ms debounce. Publishing the issue with its ${PICTURES} pictures took ${ms(pictures.publish.median)} ms (the action ${ms(pictures.publishAction.median)} ms), against ${ms(publish.total.median)} ms without pictures.
`;
  if (opt.write) {
    writeSection("BENCHMARKS.md", section);
    step("BENCHMARKS.md: the studio section written");
  } else console.log(`\n${section}`);
} finally {
  await cleanup();
}
