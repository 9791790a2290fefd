// Chinese official-document formatting (issue line, dates, names) and the file-path / URL-slug
// mapping of an issue's identity.
import { describe, expect, it } from "vitest";
import { type IssueKey, issuePath, issueUrl, numberSlug, parseIssuePath, parseNumberSlug } from "@/lib/content/paths";
import { dateZh, issueLine, pageNumberLabel, spacedName } from "@/lib/format";

describe("issueLine", () => {
  it("writes 〔year〕第N期 with 六角括号 (U+3014/U+3015), no zero padding", () => {
    const line = issueLine({ year: 2022, number: 3, supplement: false });
    expect(line).toBe("〔2022〕第3期");
    expect(line.codePointAt(0)).toBe(0x3014);
    expect(line.codePointAt(5)).toBe(0x3015);
  });

  it("marks a supplement as 增刊", () => {
    expect(issueLine({ year: 2023, number: 1, supplement: true })).toBe("〔2023〕增刊第1期");
  });

  it("adds （总第N期） when a total is given and showTotal is on", () => {
    expect(issueLine({ year: 2022, number: 3, supplement: false, total: 156, showTotal: true })).toBe("〔2022〕第3期（总第156期）");
    expect(issueLine({ year: 2023, number: 2, supplement: true, total: 160, showTotal: true })).toBe("〔2023〕增刊第2期（总第160期）");
  });

  it("leaves the total out when showTotal is false or there is no total", () => {
    expect(issueLine({ year: 2022, number: 3, supplement: false, total: 156, showTotal: false })).toBe("〔2022〕第3期");
    expect(issueLine({ year: 2022, number: 3, supplement: false, total: null, showTotal: true })).toBe("〔2022〕第3期");
    expect(issueLine({ year: 2022, number: 3, supplement: false, showTotal: true })).toBe("〔2022〕第3期");
  });
});

describe("dateZh", () => {
  it("writes Arabic numerals without zero padding", () => {
    expect(dateZh("2022-03-05")).toBe("2022年3月5日");
    expect(dateZh("2022-03-25")).toBe("2022年3月25日");
    expect(dateZh("2021-12-10")).toBe("2021年12月10日");
  });
});

describe("spacedName", () => {
  it("spaces a two-character name to the width of three with an ideographic space", () => {
    expect(spacedName("赵坚")).toBe("赵\u3000坚");
  });

  it("leaves one-, three- and four-character names unchanged", () => {
    expect(spacedName("坚")).toBe("坚");
    expect(spacedName("欧阳坚")).toBe("欧阳坚");
    expect(spacedName("司马相如")).toBe("司马相如");
  });

  it("counts characters, not UTF-16 units (a name with an astral-plane character)", () => {
    expect(spacedName("𠮷坚")).toBe("𠮷\u3000坚");
  });
});

describe("pageNumberLabel", () => {
  it("prints — N — with em dashes", () => {
    expect(pageNumberLabel(3)).toBe("\u2014 3 \u2014");
  });
});

describe("issue paths", () => {
  it("parses a regular issue file", () => {
    expect(parseIssuePath("jtyx/2022/003.mdx")).toEqual({ series: "jtyx", year: 2022, number: 3, supplement: false });
    expect(parseIssuePath("jtyx/2022/120.mdx")).toEqual({ series: "jtyx", year: 2022, number: 120, supplement: false });
  });

  it("parses a supplement (增刊) file zkNNN.mdx", () => {
    expect(parseIssuePath("jtyx/2023/zk001.mdx")).toEqual({ series: "jtyx", year: 2023, number: 1, supplement: true });
  });

  it("accepts Windows separators", () => {
    expect(parseIssuePath("jtyx\\2022\\003.mdx")).toEqual({ series: "jtyx", year: 2022, number: 3, supplement: false });
  });

  it.each([
    "jtyx/22/003.mdx",
    "JTYX/2022/003.mdx",
    "jtyx/2022/003.md",
    "jtyx/2022/1000.mdx",
    "jtyx/2022/zk.mdx",
    "jtyx/2022/ZK001.mdx",
    "jtyx/2022/3a.mdx",
    "2022/003.mdx",
    "/jtyx/2022/003.mdx",
    "../jtyx/2022/003.mdx",
    "jtyx/2022/extra/003.mdx",
    "series/jtyx.yml",
    "1tyx/2022/003.mdx",
  ])("rejects %j", (p) => {
    expect(parseIssuePath(p)).toBeNull();
  });

  it.each<IssueKey>([
    { series: "jtyx", year: 2022, number: 3, supplement: false },
    { series: "jtyx", year: 2022, number: 999, supplement: false },
    { series: "sx-qn2", year: 1999, number: 12, supplement: false },
    { series: "jtyx", year: 2023, number: 1, supplement: true },
  ])("round-trips $series/$year/$number (supplement $supplement) through the file path", (key) => {
    const p = issuePath(key);
    expect(p).toMatch(/\/(zk)?\d{3}\.mdx$/);
    expect(parseIssuePath(p)).toEqual(key);
  });

  it("writes the canonical zero-padded file name", () => {
    expect(issuePath({ series: "jtyx", year: 2022, number: 3, supplement: false })).toBe("jtyx/2022/003.mdx");
    expect(issuePath({ series: "jtyx", year: 2023, number: 1, supplement: true })).toBe("jtyx/2023/zk001.mdx");
  });
});

describe("number slugs and URLs", () => {
  it("writes and reads the URL segment", () => {
    expect(numberSlug({ number: 3, supplement: false })).toBe("3");
    expect(numberSlug({ number: 1, supplement: true })).toBe("zk1");
    expect(parseNumberSlug("3")).toEqual({ number: 3, supplement: false });
    expect(parseNumberSlug("999")).toEqual({ number: 999, supplement: false });
    expect(parseNumberSlug("zk1")).toEqual({ number: 1, supplement: true });
  });

  it.each([
    { number: 3, supplement: false },
    { number: 120, supplement: false },
    { number: 1, supplement: true },
    { number: 42, supplement: true },
  ])("round-trips %j", (k) => {
    expect(parseNumberSlug(numberSlug(k))).toEqual(k);
  });

  it.each(["0", "03", "003", "zk0", "zk01", "1000", "ZK1", "zk", "", "-1", "3a", " 3", "3 ", "1e2"])("rejects slug %j", (slug) => {
    expect(parseNumberSlug(slug)).toBeNull();
  });

  it("builds the public URL of an issue", () => {
    expect(issueUrl({ series: "jtyx", year: 2022, number: 3, supplement: false })).toBe("/jtyx/2022/3");
    expect(issueUrl({ series: "jtyx", year: 2023, number: 1, supplement: true })).toBe("/jtyx/2023/zk1");
  });
});
