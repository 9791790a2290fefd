// The characters an issue's subset fonts must hold: everything its data says and everything the
// printed layout adds around it. A character missing here would print in a fallback font.
import { describe, expect, it } from "vitest";
import { issueCharset } from "@/lib/fonts/charset";

const issue = {
  year: 2022,
  number: 3,
  supplement: false,
  total: 156,
  showTotal: true,
  date: "2022-03-25",
  editor: "赵坚",
  title: "团长治市委认真履行全团带队职责",
  organization: "共青团山西省委办公室",
  bodyText: "在684所中小学积极开展“红领巾奖章”争章活动，覆盖少先队员逾十万名。",
  distribution: ["团中央办公厅", "省委办公厅"],
  series: { name: "晋团要讯" },
};

const missing = (charset: string, needed: string) => [...new Set(needed)].filter((c) => !charset.includes(c));

describe("issueCharset", () => {
  const charset = issueCharset(issue);

  it("holds every character of the series name, title, organization, distribution and body text", () => {
    const data = issue.series.name + issue.title + issue.organization + issue.bodyText + issue.distribution.join("");
    expect(missing(charset, data)).toEqual([]);
  });

  it("holds the issue line, the Chinese date and the page numbers the layout prints", () => {
    expect(missing(charset, "〔2022〕第3期（总第156期）")).toEqual([]);
    expect(missing(charset, "2022年3月25日")).toEqual([]);
    expect(missing(charset, "— 0123456789")).toEqual([]); // — 12 — folios: em dash, space, digits
  });

  it("holds the ideographic space of a spaced two-character editor name, and the colophon labels", () => {
    expect(charset).toContain("\u3000");
    expect(missing(charset, "赵坚")).toEqual([]);
    expect(missing(charset, "报送发责任编辑共印份")).toEqual([]);
    expect(missing(charset, "（），。：")).toEqual([]);
  });

  it("holds the layout's labels even when the data does not use them (a supplement line, a date in any month)", () => {
    const plain = issueCharset({ ...issue, title: "", bodyText: "", organization: "", distribution: [], series: { name: "" } });
    expect(missing(plain, "增刊第期〔〕年月日—报送发责任编辑共印份（），。：0123456789")).toEqual([]);
  });

  it("contains each character once, in sorted order", () => {
    const chars = [...charset];
    expect(new Set(chars).size).toBe(chars.length);
    expect([...chars].sort()).toEqual(chars);
  });

  it("is stable: the same issue gives the same string, whatever the field order", () => {
    const reordered = Object.fromEntries(Object.entries(issue).reverse()) as typeof issue;
    expect(issueCharset({ ...issue })).toBe(charset);
    expect(issueCharset(reordered)).toBe(charset);
  });

  it("changes when the body gains a new character, and not when it repeats known ones", () => {
    expect(issueCharset({ ...issue, bodyText: `${issue.bodyText}鑫` })).not.toBe(charset);
    expect(issueCharset({ ...issue, bodyText: `${issue.bodyText}活动活动` })).toBe(charset);
  });
});
