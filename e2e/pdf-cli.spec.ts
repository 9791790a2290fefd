// `npm run pdf` as an operator uses it: one issue to a file, the whole archive to a folder, and
// a clear message (not a stack trace) when the machine has no Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { measurePdf } from "./lib/pdf-measure";
import { E2E_CONTENT } from "./lib/site";

test.describe.configure({ timeout: 180_000 });

function runPdf(args: string[], env: Record<string, string> = {}) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-cli-"));
  const result = spawnSync("npm", ["run", "--silent", "pdf", "--", ...args], {
    env: { ...process.env, CONTENT_DIR: E2E_CONTENT, DATA_DIR: data, ...env },
    encoding: "utf8",
    timeout: 170_000,
  });
  fs.rmSync(data, { recursive: true, force: true });
  return result;
}

test("npm run pdf writes one issue, and --all exports every published issue (internal ones too)", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-cli-out-"));
  const one = runPdf(["jtyx/2022/003", "--out", path.join(out, "sample.pdf")]);
  expect(one.status, one.stderr).toBe(0);
  const m = await measurePdf(fs.readFileSync(path.join(out, "sample.pdf")));
  expect(m.pages).toHaveLength(4);
  expect(m.info.Author).toBe("共青团山西省委");

  const all = runPdf(["--all", "--out-dir", path.join(out, "all")]);
  // The broken fixture has no PDF to export; everything else does.
  const files = fs
    .readdirSync(path.join(out, "all"), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".pdf"));
  expect(files).toEqual(
    expect.arrayContaining([
      path.join("jtyx", "2022", "晋团要讯〔2022〕第3期.pdf"),
      path.join("jtyx", "2023", "晋团要讯〔2023〕第6期.pdf"),
      path.join("jtyx", "2021", "晋团要讯〔2021〕第7期.pdf"),
    ]),
  );
  expect(all.stderr).toMatch(/导出完成：\d+ 份成功/);
  fs.rmSync(out, { recursive: true, force: true });
});

test("without Chromium, npm run pdf says how to install it and exits 1", () => {
  const r = runPdf(["jtyx/2022/3", "--out", path.join(os.tmpdir(), "never.pdf")], { CHROMIUM_PATH: "/nonexistent/chromium" });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("CHROMIUM_PATH=/nonexistent/chromium 不存在");
  expect(r.stderr).toContain("apt-get install chromium");
  expect(r.stderr).not.toMatch(/at \S+ \(/); // no stack trace
});

test("an unknown issue number is reported, not written", () => {
  const r = runPdf(["jtyx/2022/99"]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("没有找到这一期简报");
});
