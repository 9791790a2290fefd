// Search against a real index: files synced into a temp SQLite database, then queried the way the
// /search page queries them. Covers short Chinese queries, ranking, filters, visibility, bad
// input and the index following the files.
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as search from "@/db/queries/search";
import { syncContent } from "@/lib/content/sync";
import { db } from "@/lib/database";
import { parseQuery } from "@/lib/search/text";
import { REPO_CONTENT, site } from "./lib/temp-site";

let sync: () => Promise<unknown>;

type Fixture = {
  series?: string;
  year?: number;
  number: number;
  date: string;
  title: string;
  body: string;
  organization?: string;
  visibility?: string;
  status?: string;
};

function issueFile(f: Fixture): [string, string] {
  const series = f.series ?? "jtyx";
  const year = f.year ?? Number(f.date.slice(0, 4));
  const fm = [
    "---",
    `series: ${series}`,
    `year: ${year}`,
    `number: ${f.number}`,
    `date: ${f.date}`,
    `title: ${f.title}`,
    f.organization ? `organization: ${f.organization}` : "",
    `visibility: ${f.visibility ?? "public"}`,
    `status: ${f.status ?? "published"}`,
    "---",
  ].filter(Boolean);
  return [`${series}/${year}/${String(f.number).padStart(3, "0")}.mdx`, `${fm.join("\n")}\n\n${f.body}\n`];
}

const write = (rel: string, text: string) => site.write(rel, text);

const FILLER = "各级团组织围绕中心服务大局，扎实推进各项工作。";
const fixtures: Fixture[] = [
  // Same body, different dates: equal relevance, so the newer one comes first.
  { number: 1, date: "2019-03-01", title: "全省共青团工作会议召开", body: `会议强调要推动双减政策落地。${FILLER}` },
  { number: 2, date: "2020-03-01", title: "全省共青团工作会议再次召开", body: `会议强调要推动双减政策落地。${FILLER}` },
  // 长治 many times in the body, versus once in a title: the title ranks first.
  { number: 3, date: "2021-05-01", title: "团省委部署青年就业工作", body: `长治长治长治，长治的青年。${FILLER}` },
  { number: 4, date: "2018-05-01", title: "长治青年风采", body: FILLER },
  { number: 5, date: "2021-06-01", title: "内部通报", body: "长治内部情况。", visibility: "internal" },
  { number: 6, date: "2021-07-01", title: "草稿一则", body: "长治草稿内容。", status: "draft" },
  {
    series: "qnxx",
    number: 1,
    date: "2022-02-01",
    title: "太原市青年志愿服务",
    body: `全市684个志愿服务队在2022年开展活动，红领巾e点通上线。${FILLER}`,
    organization: "团太原市委",
  },
  { series: "qnxx", number: 2, date: "2022-03-01", title: "太原团建", body: `长，治两字被逗号隔开。${FILLER}` },
];

beforeAll(async () => {
  for (const id of ["jtyx", "qnxx"])
    await write(`series/${id}.yml`, await fs.readFile(path.join(REPO_CONTENT, `series/${id}.yml`), "utf8"));
  await write("jtyx/2022/003.mdx", await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8"));
  for (const f of fixtures) await write(...issueFile(f));
  sync = () => syncContent({ root: site.contentDir });
  const report = (await sync()) as { failed: number; problems: unknown[] };
  expect(report.problems).toEqual([]);
});

const find = (q: string, extra: Partial<Parameters<typeof search.searchIssues>[1]> = {}) =>
  search.searchIssues(db(), { terms: parseQuery(q).terms, page: 1, perPage: 20, sort: "relevance", includeInternal: false, ...extra });
const numbers = async (q: string, extra: Parameters<typeof find>[1] = {}) =>
  (await find(q, extra)).hits.map((h) => `${h.seriesId}/${h.year}/${h.number}`);

describe("searchIssues", () => {
  it("finds one-character, two-character and long Chinese queries", async () => {
    expect((await find("团")).total).toBe(7);
    expect(await numbers("双减")).toEqual(["jtyx/2020/2", "jtyx/2019/1", "jtyx/2022/3"]);
    expect(await numbers("认真履行全团带队职责")).toEqual(["jtyx/2022/3"]);
  });

  it("finds mixed text and digits, full-width or half-width", async () => {
    expect((await numbers("684个")).sort()).toEqual(["jtyx/2022/3", "qnxx/2022/1"]);
    expect(await numbers("２０２２年 志愿服务队")).toEqual(["qnxx/2022/1"]);
    expect(await numbers("红领巾E点通")).toContain("qnxx/2022/1");
  });

  it("ranks a title match above body matches, and the newer issue first at equal relevance", async () => {
    const hits = (await find("长治")).hits;
    // The sample (团长治市委…) and 长治青年风采 have it in the title; 2021/3 only in its body, four times.
    expect(
      hits
        .slice(0, 2)
        .map((h) => `${h.year}/${h.number}:${h.titleHit}`)
        .sort(),
    ).toEqual(["2018/4:true", "2022/3:true"]);
    expect(hits.slice(2).map((h) => `${h.year}/${h.number}:${h.titleHit}`)).toEqual(["2021/3:false"]);
    expect(await numbers("双减").then((n) => n.slice(0, 2))).toEqual(["jtyx/2020/2", "jtyx/2019/1"]);
  });

  it("sorts by date on request", async () => {
    expect(await numbers("长治", { sort: "date" })).toEqual(["jtyx/2022/3", "jtyx/2021/3", "jtyx/2018/4"]);
  });

  it("does not match a phrase across punctuation", async () => {
    expect(await numbers("长治")).not.toContain("qnxx/2022/2");
    // With the comma, 长 and 治 are two terms, each found anywhere.
    expect(await numbers("长，治")).toContain("qnxx/2022/2");
  });

  it("shows internal issues only to signed-in readers, and drafts to nobody", async () => {
    expect(await numbers("内部情况")).toEqual([]);
    expect(await numbers("内部情况", { includeInternal: true })).toEqual(["jtyx/2021/5"]);
    expect(await numbers("草稿内容", { includeInternal: true })).toEqual([]);
  });

  it("filters by series, year range and organisation, with counts per series", async () => {
    const all = await find("团");
    expect(all.bySeries).toEqual([
      { seriesId: "jtyx", count: 5 },
      { seriesId: "qnxx", count: 2 },
    ]);
    const qnxx = await find("团", { series: "qnxx" });
    expect(qnxx.total).toBe(2);
    expect(qnxx.bySeries).toEqual(all.bySeries);
    expect((await numbers("团", { yearFrom: 2020, yearTo: 2021 })).sort()).toEqual(["jtyx/2020/2", "jtyx/2021/3"]);
    expect(await numbers("团", { organization: "团太原市委" })).toEqual(["qnxx/2022/1"]);
  });

  it("pages through the hits", async () => {
    const first = await find("团", { perPage: 3, sort: "date" });
    const second = await find("团", { perPage: 3, page: 2, sort: "date" });
    const beyond = await find("团", { perPage: 3, page: 4, sort: "date" });
    expect(first.total).toBe(7);
    expect(first.hits).toHaveLength(3);
    expect(second.hits).toHaveLength(3);
    expect(new Set([...first.hits, ...second.hits].map((h) => h.id)).size).toBe(6);
    expect(beyond.hits).toEqual([]);
  });

  it("answers bad queries with no hits or plain matches, never an error", async () => {
    for (const q of ["", '"', "*", "NEAR(", "OR", "AND NOT", "团".repeat(2000), "'; DROP TABLE issues; --", "\u0000", "😀"]) {
      const r = await find(q);
      expect(r.total).toBeGreaterThanOrEqual(0);
    }
    expect((await find("团".repeat(2000))).total).toBe(0);
  });

  it("follows the files: a changed issue is found by its new text only, a deleted one not at all", async () => {
    const [rel, text] = issueFile({
      number: 1,
      date: "2019-03-01",
      title: "全省共青团工作会议召开",
      body: "会议研究乡村振兴青春建功行动。",
    });
    await write(rel, text);
    await sync();
    expect(await numbers("乡村振兴")).toEqual(["jtyx/2019/1"]);
    expect(await numbers("双减")).not.toContain("jtyx/2019/1");
    await fs.rm(path.join(site.contentDir, rel));
    await sync();
    expect(await numbers("乡村振兴")).toEqual([]);
    expect((await find("团")).total).toBe(6);
  });

  it("lists the organisations and years a reader can filter by", async () => {
    const orgs = await search.searchableOrganizations(db(), false);
    expect(orgs.map((o) => o.name)).toEqual(["共青团山西省委", "共青团太原市委", "团太原市委"]);
    expect(await search.searchableYears(db(), false)).toEqual({ min: 2018, max: 2022 });
  });
});
