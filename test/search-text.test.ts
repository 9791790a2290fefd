// How queries and text are normalised and tokenised for search, and how matches are marked.
import { describe, expect, it } from "vitest";
import { matchExpressions } from "@/db/queries/fts-match";
import { highlight, matchRanges, snippet } from "@/lib/search/highlight";
import { parseSearchParams, searchHref } from "@/lib/search/params";
import { indexTexts, MAX_QUERY_CHARS, normalizeForSearch, parseQuery, runs } from "@/lib/search/text";

const marked = (segments: { text: string; hit: boolean }[]) => segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join("");

describe("normalisation", () => {
  it("turns full-width letters and digits half-width and lower case, keeping the length", () => {
    const input = "２０２２年ＡＢＣ团　Xy";
    const out = normalizeForSearch(input);
    expect(out).toBe("2022年abc团 xy");
    expect(out.length).toBe(input.length);
  });

  it("splits text into runs of letters and digits at punctuation, not at spaces", () => {
    expect(runs("长治，大同")).toEqual([
      ["长", "治"],
      ["大", "同"],
    ]);
    expect(runs("684个 “红领巾E点通”")).toEqual([
      ["6", "8", "4", "个"],
      ["红", "领", "巾", "e", "点", "通"],
    ]);
    expect(runs("团 长治")).toEqual([["团", "长", "治"]]);
  });

  it("indexes character pairs within runs, and each character once", () => {
    expect(indexTexts("团长治，大同。团").pairs).toBe("团长 长治 大同");
    expect(indexTexts("团长治，长治团").chars).toBe("团 长 治");
  });
});

describe("queries", () => {
  it("parses one- and two-character Chinese, phrases and mixed text and digits", () => {
    expect(parseQuery("团").terms).toEqual([["团"]]);
    expect(parseQuery(" 长治  双减 ").terms).toEqual([
      ["长", "治"],
      ["双", "减"],
    ]);
    expect(parseQuery("２０２２年").terms).toEqual([["2", "0", "2", "2", "年"]]);
    expect(parseQuery("“双减”").terms).toEqual([["双", "减"]]);
    expect(parseQuery("长治 长治").terms).toHaveLength(1);
    // A phrase never spans punctuation: 长治，大同 is two phrases.
    expect(parseQuery("长治，大同").terms).toEqual([
      ["长", "治"],
      ["大", "同"],
    ]);
  });

  it("turns FTS syntax into plain tokens, never operators", () => {
    for (const raw of ['"', "*", "NEAR(", "OR", "a OR b", "长治 AND NOT", "-团", "^团", "{title}: 团", "'; DROP TABLE issues; --"]) {
      const q = parseQuery(raw);
      const { pairs, chars } = matchExpressions(q.terms);
      // Every phrase is quoted pairs of letters or digits, every single term one quoted character.
      if (pairs) expect(pairs).toMatch(/^"[\p{L}\p{N}]{2}(?: [\p{L}\p{N}]{2})*"(?: AND "[\p{L}\p{N}]{2}(?: [\p{L}\p{N}]{2})*")*$/u);
      if (chars) expect(chars).toMatch(/^"[\p{L}\p{N}]"(?: AND "[\p{L}\p{N}]")*$/u);
    }
    expect(parseQuery("OR").terms).toEqual([["o", "r"]]);
    expect(parseQuery('"').terms).toEqual([]);
    expect(parseQuery("   ").terms).toEqual([]);
  });

  it("cuts a very long query and says so", () => {
    const q = parseQuery("团".repeat(2000));
    expect(q.truncated).toBe(true);
    expect([...q.text]).toHaveLength(MAX_QUERY_CHARS);
    expect(parseQuery("长治").truncated).toBe(false);
  });

  it("makes phrases of pairs for the pair index and single characters for the character index", () => {
    expect(matchExpressions(parseQuery("青年就业创业 团").terms)).toEqual({ pairs: '"青年 年就 就业 业创 创业"', chars: '"团"' });
    expect(matchExpressions([["长", "治"], ["团"]], "title")).toEqual({ pairs: '{title} : ("长治")', chars: '{title} : ("团")' });
    expect(matchExpressions(parseQuery("长治").terms).chars).toBeUndefined();
  });
});

describe("highlighting", () => {
  it("marks every match, across full-width forms and ignoring spaces, not across punctuation", () => {
    const terms = parseQuery("长治 2022年").terms;
    expect(marked(highlight("团长治市委在２０２２年财政预算中", terms))).toBe("团[长治]市委在[２０２２年]财政预算中");
    expect(marked(highlight("团长 治市委", parseQuery("长治").terms))).toBe("团[长 治]市委");
    expect(matchRanges("长，治", parseQuery("长治").terms)).toEqual([]);
  });

  it("merges overlapping matches", () => {
    expect(marked(highlight("少先队员", parseQuery("少先 先队").terms))).toBe("[少先队]员");
  });

  it("cuts a snippet around the first match, from a sentence start when one is near", () => {
    const text = `${"前文。".repeat(40)}第二段开头。团长治市委推动少先队工作。${"后文".repeat(100)}`;
    const s = snippet(text, parseQuery("少先队").terms, 60);
    expect(s.before).toBe(true);
    expect(s.after).toBe(true);
    expect(marked(s.segments).startsWith("团长治市委推动[少先队]工作。")).toBe(true);
    expect(s.segments.map((x) => x.text).join("").length).toBe(60);
  });

  it("starts at the beginning when only the title matched, and shows paragraph breaks as spaces", () => {
    const s = snippet("第一段。\n第二段。", parseQuery("标题").terms, 60);
    expect(s.before).toBe(false);
    expect(s.after).toBe(false);
    expect(marked(s.segments)).toBe("第一段。 第二段。");
  });
});

describe("the /search URL", () => {
  it("reads filters and ignores values that do not parse", async () => {
    const p = parseSearchParams({ q: "长治", series: "jtyx", from: "2022", to: "2019", org: "团太原市委", sort: "date", page: "2" });
    expect(p).toMatchObject({ q: "长治", series: "jtyx", from: 2019, to: 2022, org: "团太原市委", sort: "date", page: 2 });
    expect(p.query.terms).toEqual([["长", "治"]]);
    const bad = parseSearchParams({ q: ["团", "青"], series: "../x", from: "abc", to: "1e9", sort: "best", page: "-1", org: "" });
    expect(bad).toMatchObject({ q: "团", series: undefined, from: undefined, to: undefined, org: undefined, sort: "relevance", page: 1 });
    expect(searchHref({ q: "长治", series: "jtyx", sort: "relevance", page: 1 })).toBe("/search?q=%E9%95%BF%E6%B2%BB&series=jtyx");
    expect(searchHref({})).toBe("/search");
  });
});
