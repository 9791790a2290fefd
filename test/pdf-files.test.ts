// What a downloaded PDF is called and how its header carries the Chinese name; how a missing
// Chromium is reported; which characters an issue's font subsets must hold.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { charsetOf, issueCharset } from "@/lib/fonts/charset";
import { findChromium, requireChromium } from "@/lib/pdf/chromium";
import { asciiFileName, contentDisposition, pdfFileName } from "@/lib/pdf/filename";

const sample = { series: "jtyx", year: 2022, number: 3, supplement: false };

describe("PDF file names", () => {
  it("names the file after the series and the issue line", () => {
    expect(pdfFileName({ ...sample, seriesName: "晋团要讯" })).toBe("晋团要讯〔2022〕第3期.pdf");
    expect(pdfFileName({ ...sample, number: 1, year: 2023, supplement: true, seriesName: "晋团要讯" })).toBe("晋团要讯〔2023〕增刊第1期.pdf");
  });

  it("drops characters that file systems refuse", () => {
    expect(pdfFileName({ ...sample, seriesName: '青年/工作"信息"' })).toBe("青年工作信息〔2022〕第3期.pdf");
  });

  it("sends an ASCII fallback and the UTF-8 name (RFC 5987) that decodes back to Chinese", () => {
    const header = contentDisposition("attachment", "晋团要讯〔2022〕第3期（总第1期）.pdf", asciiFileName(sample));
    expect(header).toMatch(/^attachment; filename="jtyx-2022-3\.pdf"; filename\*=UTF-8''/);
    const encoded = header.split("UTF-8''")[1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/); // attr-chars only
    expect(decodeURIComponent(encoded)).toBe("晋团要讯〔2022〕第3期（总第1期）.pdf");
    expect(contentDisposition("inline", "a'(b)*.pdf", "x.pdf")).toContain("a%27%28b%29%2A.pdf");
    expect(asciiFileName({ ...sample, year: 2023, number: 1, supplement: true })).toBe("jtyx-2023-zk1.pdf");
  });
});

describe("finding Chromium", () => {
  it("reports a configured path that does not exist, with how to install, instead of silently using another", () => {
    expect(findChromium("/nonexistent/chromium")).toBeUndefined();
    let error: unknown;
    try {
      requireChromium("/nonexistent/chromium");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe("pdf:unavailable");
    expect(e.status).toBe(503);
    expect(e.publicMessage).toContain("/nonexistent/chromium");
    expect(e.publicMessage).toContain("apt-get install chromium");
    expect(e.publicMessage).toContain("CHROMIUM_PATH");
  });

  it("uses a configured path that exists", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jb-chromium-")), "chromium");
    fs.writeFileSync(file, "");
    expect(findChromium(file)).toBe(file);
    expect(requireChromium(file)).toBe(file);
  });
});

describe("issue character sets for font subsets", () => {
  const issue = {
    year: 2022,
    number: 3,
    supplement: false,
    total: 156,
    showTotal: true,
    date: "2022-03-25",
    editor: "赵坚",
    title: "团长治市委认真履行全团带队职责",
    bodyText: "在684所中小学积极开展“红领巾奖章”争章活动。",
    series: { name: "晋团要讯" },
  };

  it("holds everything the layout prints: data, issue line, date, page numbers, colophon labels", () => {
    const set = new Set(issueCharset(issue));
    const needed = "晋团要讯团长治市委认真履行全团带队职责在684所中小学积极开展“红领巾奖章”争章活动。〔〕第期总（）年月日— 0123456789报送发责任编辑：共印份，\u3000";
    expect([...needed].filter((c) => !set.has(c))).toEqual([]);
  });

  it("is sorted and free of repeats, so the same issue always gives the same subset key", () => {
    const chars = [...issueCharset(issue)];
    expect(new Set(chars).size).toBe(chars.length);
    expect([...chars].sort()).toEqual(chars);
    expect(issueCharset(issue)).toBe(issueCharset({ ...issue }));
    expect(issueCharset({ ...issue, bodyText: `${issue.bodyText}鑫` })).not.toBe(issueCharset(issue));
  });

  it("adds a character outside the Basic Multilingual Plane whole, not as half a pair", () => {
    expect([...charsetOf("𠀋")]).toContain("𠀋");
  });
});
