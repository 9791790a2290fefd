// What a downloaded PDF is called (晋团要讯〔2022〕第3期.pdf) and the Content-Disposition header
// that carries the Chinese name to every browser: an ASCII fallback plus RFC 5987 UTF-8.
import { describe, expect, it } from "vitest";
import { asciiFileName, contentDisposition, pdfFileName } from "@/lib/pdf/filename";

const issue = { series: "jtyx", year: 2022, number: 3, supplement: false, seriesName: "晋团要讯" };
const supplement = { series: "jtyx", year: 2023, number: 1, supplement: true, seriesName: "晋团要讯" };

/** The value after filename*=UTF-8'' in a header. */
const extValue = (header: string) => header.split("filename*=UTF-8''")[1] ?? "";

describe("pdfFileName", () => {
  it("names the file after the series and the issue line, with 六角括号", () => {
    expect(pdfFileName(issue)).toBe("晋团要讯〔2022〕第3期.pdf");
  });

  it("marks a supplement as 增刊", () => {
    expect(pdfFileName(supplement)).toBe("晋团要讯〔2023〕增刊第1期.pdf");
  });

  it("drops characters that Windows, macOS or Linux refuse in a file name", () => {
    expect(pdfFileName({ ...issue, seriesName: '青年/工作"信息"' })).toBe("青年工作信息〔2022〕第3期.pdf");
    expect(pdfFileName({ ...issue, seriesName: "团讯\\简报:要*闻?<>|\u0000\u001f" })).toBe("团讯简报要闻〔2022〕第3期.pdf");
  });
});

describe("asciiFileName", () => {
  it("uses the series id, year and number slug", () => {
    expect(asciiFileName(issue)).toBe("jtyx-2022-3.pdf");
    expect(asciiFileName(supplement)).toBe("jtyx-2023-zk1.pdf");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII filename fallback and a UTF-8 filename* that decodes back to the Chinese name", () => {
    const name = pdfFileName(issue);
    const header = contentDisposition("attachment", name, asciiFileName(issue));
    expect(header).toBe(`attachment; filename="jtyx-2022-3.pdf"; filename*=UTF-8''${extValue(header)}`);
    expect(header).toMatch(/^[\x20-\x7e]+$/); // an HTTP header value stays ASCII
    expect(decodeURIComponent(extValue(header))).toBe("晋团要讯〔2022〕第3期.pdf");
    // UTF-8 bytes, not UTF-16: 晋 is E6 99 8B.
    expect(extValue(header).startsWith("%E6%99%8B")).toBe(true);
  });

  it("can ask the browser to show the PDF inline", () => {
    expect(contentDisposition("inline", "a.pdf", "a.pdf")).toBe(`inline; filename="a.pdf"; filename*=UTF-8''a.pdf`);
  });

  it("percent-encodes ' ( ) * too, leaving only RFC 5987 attr-chars", () => {
    const name = "团讯 'A' (增刊) *1* （总第1期）.pdf";
    const value = extValue(contentDisposition("attachment", name, "x.pdf"));
    expect(value).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(value).toContain("%27A%27");
    expect(value).toContain("%28");
    expect(value).toContain("%29");
    expect(value).toContain("%2A1%2A");
    expect(value).toContain("%20");
    expect(decodeURIComponent(value)).toBe(name);
  });
});
