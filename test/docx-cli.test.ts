// `npm run docx` as an operator uses it: one issue to a file (the URL's or the file's number
// form), the whole archive to a folder (internal issues too), and a plain message for an issue
// that does not exist.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { REPO } from "./lib/import-env";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-docx-cli-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const run = (args: string[]) =>
  spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/docx.ts", ...args], {
    cwd: REPO,
    env: { ...process.env, CONTENT_DIR: path.join(REPO, "content"), DATA_DIR: out },
    encoding: "utf8",
    timeout: 120_000,
  });

it("writes one issue, and --all every published issue under its Chinese name", () => {
  const one = run(["jtyx/2022/003", "--out", path.join(out, "sample.docx")]);
  expect(one.status, one.stderr).toBe(0);
  expect(fs.readFileSync(path.join(out, "sample.docx")).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

  const all = run(["--all", "--out-dir", path.join(out, "all")]);
  expect(all.status, all.stderr).toBe(0);
  expect(all.stderr).toMatch(/导出完成：\d+ 份成功/);
  const files = fs.readdirSync(path.join(out, "all"), { recursive: true }).map(String);
  expect(files).toEqual(
    expect.arrayContaining([
      path.join("jtyx", "2022", "晋团要讯〔2022〕第3期.docx"),
      path.join("jtyx", "2023", "晋团要讯〔2023〕第6期.docx"),
    ]),
  );
}, 180_000);

it("reports an unknown issue and a malformed one, writing nothing", () => {
  const unknown = run(["jtyx/2022/99", "--out", path.join(out, "never.docx")]);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain("没有找到这一期简报");
  const malformed = run(["jtyx/22"]);
  expect(malformed.status).toBe(2);
  expect(malformed.stderr).toContain("无法识别期号");
  expect(fs.existsSync(path.join(out, "never.docx"))).toBe(false);
}, 120_000);
