// 生成通报: the statistics of a period as a new internal draft of the series (关于2026年11月份
// 信息报送采用情况的通报), a short opening paragraph and the ranking as a GFM table, which the
// official layout prints with thin rules inside the type area. The draft then goes through the
// usual review and publication like any other issue.
import "server-only";
import type { Db } from "@/db/index";
import { createDraft } from "@/db/queries/studio/numbering";
import { issuePath } from "@/lib/content/paths";
import type { SeriesDefinition } from "@/lib/content/schema";
import { initialFields, todayInChina } from "@/lib/studio/new-draft";
import { composeSource, draftTitle } from "@/lib/studio/source";
import { periodPhrase } from "./period";
import { rulesLine } from "./points";
import { percent, type UnitStats } from "./stats";

export const reportTitle = (stats: UnitStats) => `关于${periodPhrase(stats.period)}信息报送采用情况的通报`;

/** A table cell's text with Markdown's and MDX's active characters escaped. */
const cell = (text: string) => text.replace(/[\\`*_{}[\]<>|#~&]/g, (c) => `\\${c}`);

export function reportBody(stats: UnitStats, seriesName: string): string {
  const phrase = periodPhrase(stats.period);
  const totals = stats.rows.reduce(
    (t, r) => ({ submitted: t.submitted + r.submitted, adopted: t.adopted + r.adopted, published: t.published + r.published }),
    { submitted: 0, adopted: 0, published: 0 },
  );
  const opening =
    `${phrase}，各单位共向《${cell(seriesName)}》报送信息${totals.submitted}篇，采用${totals.adopted}篇，刊用${totals.published}篇。` +
    `现将各单位信息报送采用情况通报如下${stats.rollUp ? "（各单位数据含下级单位）" : ""}。`;
  const head = "| 排名 | 单位 | 报送 | 采用 | 采用率 | 刊用 | 批示 | 积分 |\n| :-: | :-- | :-: | :-: | :-: | :-: | :-: | :-: |";
  const lines = stats.rows.map(
    (r) =>
      `| ${r.rank} | ${cell(r.shortName)} | ${r.submitted} | ${r.adopted} | ${percent(r.rate)} | ${r.published} | ${r.instructions} | ${r.points} |`,
  );
  const rules = stats.rules.map((s) => cell(rulesLine(s.rules))).join("；另：");
  const zeroed = stats.rows.filter((r) => r.zeroed).map((r) => cell(r.shortName));
  const closing = [
    `积分计算办法：${rules}。`,
    ...(zeroed.length ? [`${zeroed.join("、")}全年未响应约稿次数达到规定，年度积分计零。`] : []),
    "希望各单位进一步提高信息报送的质量和时效，及时准确反映工作动态。",
  ];
  return [opening, `${head}\n${lines.join("\n")}`, ...closing].join("\n\n");
}

/** Creates the 通报 as a new internal draft of the series, numbered next in this year; its id. */
export function createReportDraft(
  d: Db,
  input: { stats: UnitStats; seriesName: string; definition: SeriesDefinition; authorId: number; now?: Date },
): { draftId: number; number: number; year: number; title: string; path: string } {
  const today = todayInChina(input.now);
  const year = Number(today.slice(0, 4));
  const title = reportTitle(input.stats);
  const fields = { ...initialFields(input.definition, year, input.now), titleLines: [title], visibility: "internal" as const };
  const body = reportBody(input.stats, input.seriesName);
  const key = (number: number) => ({ series: input.stats.seriesId, year, number, supplement: false });
  const created = createDraft(d, {
    seriesId: input.stats.seriesId,
    year,
    supplement: false,
    authorId: input.authorId,
    compose: (number) => ({ source: composeSource(key(number), fields, body), title: draftTitle(fields) }),
    path: (number) => issuePath(key(number)),
  });
  return { draftId: created.draftId, number: created.number, year, title, path: issuePath(key(created.number)) };
}
