// Word files that inflate to far more than they weigh (issue 13, item 12). Every part of the
// archive is checked, by what it declares and by what it really inflates to, before mammoth
// inflates anything whole; a bomb is refused with a message naming the part. The bombs are real:
// gigabytes of zeros deflated to a few megabytes, and parts that lie about their size.
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readDocx } from "@/lib/import/docx-source";
import { checkZip, DOCX_LIMITS } from "@/lib/import/zip-check";
import { docxOf } from "./lib/docx-fixtures";
import { REPO, tempContent } from "./lib/import-env";
import { skeleton, text, zeros, zipOf } from "./lib/zip-bomb";

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>晋团要讯</w:t></w:r></w:p></w:body></w:document>`;

const BOMBS: [string, () => Buffer, RegExp][] = [
  [
    "document.xml of 2 GB of zeros",
    () => zipOf([...skeleton(), zeros("word/document.xml", 2 * GB)]),
    /「word\/document\.xml」解压后有 2048 MB，超过单个部件的上限 32 MB/,
  ],
  // The header says 1 KB; the data inflates to 256 MB. Stopped one byte past the 1 KB.
  [
    "document.xml that declares 1 KB and inflates to 256 MB",
    () => zipOf([...skeleton(), zeros("word/document.xml", 256 * MB, 1024)]),
    /「word\/document\.xml」解压后的大小与它声明的 1 KB 不符（实际更大）/,
  ],
  [
    "a picture of 1 GB of zeros",
    () => zipOf([...skeleton(), text("word/document.xml", DOCUMENT), zeros("word/media/image1.png", GB)]),
    /「word\/media\/image1\.png」解压后有 1024 MB，超过一张图片的上限 10 MB/,
  ],
  [
    "styles.xml at a bomb's ratio, under the size limit",
    () => zipOf([...skeleton(), text("word/document.xml", DOCUMENT), zeros("word/styles.xml", 16 * MB)]),
    /「word\/styles\.xml」压缩比异常/,
  ],
];

describe("a .docx zip bomb is refused, naming the part", () => {
  it.each(BOMBS)("%s", async (_name, build, message) => {
    const read = await readDocx(build());
    expect(read).toMatchObject({ ok: false, code: "import:too-large" });
    if (!read.ok) expect(read.message).toMatch(message);
  });

  it("all parts together past the total limit", () => {
    const parts = [
      ...skeleton(),
      ...Array.from({ length: 4 }, (_, k) => ({ ...text(`word/media/image${k + 1}.png`, "x"), size: 1, declaredSize: 9 * MB })),
      ...Array.from({ length: 4 }, (_, k) => ({ ...text(`word/part${k}.xml`, "x"), size: 1, declaredSize: 20 * MB })),
    ];
    // Declared sizes under each limit, but not together; nothing is inflated to find out.
    const check = checkZip(zipOf(parts), { ...DOCX_LIMITS, ratio: Infinity });
    expect(check).toMatchObject({ ok: false, kind: "size" });
    if (!check.ok) expect(check.message).toMatch(/Word 文档解压后共超过 96 MB（到「word\/part2\.xml」为止）/);
  });

  it("a part that inflates to less than it declares, and a truncated archive", () => {
    const smaller = checkZip(zipOf([...skeleton(), { ...text("word/document.xml", DOCUMENT), declaredSize: 100_000 }]));
    expect(smaller).toMatchObject({ ok: false, part: "word/document.xml" });
    const whole = zipOf([...skeleton(), text("word/document.xml", DOCUMENT)]);
    expect(checkZip(whole.subarray(0, whole.length - 30))).toMatchObject({ ok: false, kind: "format" });
  });

  it("an ordinary Word file passes, and reads as before", async () => {
    const docx = await docxOf(["晋团要讯", "〔2022〕第3期", "正文。"]);
    expect(checkZip(docx)).toMatchObject({ ok: true });
    const read = await readDocx(docx);
    expect(read.ok).toBe(true);
  });
});

describe("npm run import takes the same checks", async () => {
  const { dir, series: _series } = await tempContent();
  const data = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-data-"));
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(data, { recursive: true, force: true });
  });
  it("refuses a 2 GB document.xml with the message, writing nothing", async () => {
    const file = path.join(dir, "炸弹.docx");
    await fs.writeFile(file, BOMBS[0]![1]());
    const run = spawnSync(
      path.join(REPO, "node_modules/.bin/tsx"),
      ["--conditions=react-server", path.join(REPO, "scripts/import.ts"), file, "--no-sync"],
      {
        cwd: REPO,
        env: { ...process.env, CONTENT_DIR: dir, DATA_DIR: data, NODE_ENV: "production" },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(run.stdout + run.stderr).toMatch(/「word\/document\.xml」解压后有 2048 MB，超过单个部件的上限 32 MB/);
    expect(run.status).not.toBe(0);
    expect(await fs.readdir(dir)).toEqual(["series", "炸弹.docx"]);
  });
});
