// The statistics of 信息报送 on a dataset built by hand, where every number is known: each
// column, rank ties, the edges of a period in Beijing days, points by the table in force on each
// event's day across a change of table, "missed 约稿 void the year", the roll-up of counties into
// their city; the points tables' period rule; and the .xlsx and the 通报 carrying the same numbers.
import { eq } from "drizzle-orm";
import readXlsxFile from "read-excel-file/node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/(studio)/studio/stats/export/route";
import { getSeries } from "@/db/queries/archive";
import { getRevision } from "@/db/queries/studio/revisions";
import { createUser, getUser, updateUser } from "@/db/queries/users";
import { putPointsTable } from "@/db/queries/xinxi/points";
import { createUnit } from "@/db/queries/xinxi/units";
import type { PointsRules } from "@/db/schema";
import * as schema from "@/db/schema";
import { seriesSchema } from "@/lib/content/schema";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { checkDraft } from "@/lib/studio/check-draft";
import { DEFAULT_POINTS_RULES } from "@/lib/vocabulary";
import { monthPeriod, parsePeriod, periodPhrase, quarterPeriod, yearPeriod } from "@/lib/xinxi/period";
import { rulesOn, rulesSpans, savePointsRules } from "@/lib/xinxi/points";
import { createReportDraft, reportBody, reportTitle } from "@/lib/xinxi/report";
import { adoptionRate, rankByPoints, unitStats } from "@/lib/xinxi/stats";
import { statsSheet, statsXlsx, titleRowOf } from "@/lib/xinxi/stats-export";
import { readStatsQuery, statsSearch } from "@/lib/xinxi/stats-query";
import { studioSite } from "./lib/studio-site";

const session: { current: { uid: number; epoch: number } | null } = { current: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => session.current),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

/** An instant given as Beijing wall-clock time. */
const bj = (text: string) => new Date(`${text}+08:00`);

const NEW_RULES: PointsRules = {
  submitted: 2,
  full: 20,
  excerpt: 8,
  combined: 6,
  published: 1,
  instruction: { county: 15, city: 25, province: 40, central: 100 },
  callOnTime: 6,
  callMissed: -6,
  zeroAfterMissedCalls: 2,
};

const u: Record<string, number> = {};
let editor = 0;
let contributor = 0;

function submission(
  unit: string,
  submittedAt: string,
  more: Partial<typeof schema.submissions.$inferInsert> & { decided?: string; published?: string } = {},
) {
  const { decided, published, ...rest } = more;
  return db()
    .insert(schema.submissions)
    .values({
      unitId: u[unit]!,
      seriesId: "jtyx",
      title: `${unit}的信息`,
      status: "submitted",
      contactName: "联系人",
      contactPhone: "13800000000",
      submittedBy: editor,
      submittedAt: bj(submittedAt),
      updatedAt: bj(submittedAt),
      ...(decided ? { decidedAt: bj(decided), decidedBy: editor } : {}),
      ...(published ? { publishedAt: bj(published), publishedPath: "jtyx/2026/009.mdx", publishedLabel: "〔2026〕第9期" } : {}),
      ...rest,
    })
    .returning()
    .get();
}

function call(id: string, deadline: string, addressees: string[], allUnits = false) {
  const row = db()
    .insert(schema.calls)
    .values({
      seriesId: "jtyx",
      topic: `约稿${id}`,
      body: "请报送",
      deadline: bj(deadline),
      allUnits,
      createdBy: editor,
      createdAt: bj("2026-01-01T00:00:00"),
      updatedAt: bj("2026-01-01T00:00:00"),
    })
    .returning()
    .get();
  for (const a of addressees) db().insert(schema.callUnits).values({ callId: row.id, unitId: u[a]! }).run();
  return row.id;
}

function instruction(unit: string | null, date: string, level: schema.InstructionLevel) {
  db()
    .insert(schema.instructions)
    .values({
      seriesId: "jtyx",
      issuePath: "jtyx/2026/009.mdx",
      issueLabel: "〔2026〕第9期",
      unitId: unit ? u[unit]! : null,
      level,
      leader: "某领导",
      date,
      gist: "要点",
      recordedBy: editor,
      recordedAt: new Date(),
    })
    .run();
}

beforeAll(async () => {
  const s = await studioSite([]);
  editor = s.editor;
  const add = (key: string, name: string, parent?: string, position = 0) =>
    (u[key] = createUnit(db(), {
      name,
      shortName: `${name.replace("共青团", "团")}`,
      level: parent ? "county" : "city",
      parentId: parent ? u[parent] : null,
      position,
    }).id);
  add("A", "共青团甲市委", undefined, 1);
  add("A1", "共青团甲市乙县委", "A");
  add("A1a", "共青团乙县丙镇委", "A1");
  add("B", "共青团丁市委", undefined, 2);
  add("C", "共青团戊市委", undefined, 3);
  add("D", "共青团己市委", undefined, 4);
  add("E", "共青团庚市委", undefined, 5);
  add("F", "共青团辛市委", undefined, 6);
  db().update(schema.units).set({ disabled: true }).where(eq(schema.units.id, u.C!)).run();
  contributor = createUser(db(), {
    email: "c@example.org",
    name: "报送员",
    role: "contributor",
    passwordHash: "scrypt$x",
    unitId: u.A!,
  }).id;
  putPointsTable(db(), { seriesId: "jtyx", validFrom: "2026-11-16", rules: NEW_RULES, note: null, actorId: editor, at: new Date() });

  // A: the first instant of November counts, the last of October does not.
  submission("A", "2026-11-01T00:00:00", { status: "adopted", adoptionKind: "full", decided: "2026-11-10T09:00:00" });
  submission("A", "2026-11-20T10:00:00", {
    status: "published",
    adoptionKind: "excerpt",
    decided: "2026-11-21T10:00:00",
    published: "2026-11-25T10:00:00",
  });
  submission("A", "2026-10-31T23:59:59.999", { status: "rejected", decided: "2026-11-02T10:00:00" });
  submission("A", "2026-11-03T10:00:00", { seriesId: "other" }); // another series
  instruction("A", "2026-11-30", "province");
  instruction(null, "2026-11-30", "central"); // on the issue as a whole: no unit's
  // B: the last instant of November counts, the first of December does not.
  submission("B", "2026-11-30T23:59:59.999");
  submission("B", "2026-12-01T00:00:00");
  submission("B", "2026-11-05T10:00:00", { status: "adopted", adoptionKind: "combined", decided: "2026-12-01T00:00:00" });
  const c1 = call("c1", "2026-11-10T12:00:00", ["A1", "B"]);
  submission("B", "2026-11-05T11:00:00", { status: "returned", decided: "2026-11-06T10:00:00", callId: c1 });
  // A1 answers c1 two days late: missed.
  submission("A1", "2026-11-12T10:00:00", { callId: c1 });
  submission("A1a", "2026-11-03T10:00:00");
  // D answers c2 on time and leaves c3 (due on the last evening of November) unanswered.
  const c2 = call("c2", "2026-11-15T18:00:00", ["D"]);
  call("c3", "2026-11-30T20:00:00", ["D"]);
  submission("D", "2026-11-08T10:00:00", { status: "adopted", adoptionKind: "combined", decided: "2026-11-09T10:00:00", callId: c2 });
  // March: a call to A and A1 that only A answers; A1's second miss of the year.
  const c4 = call("c4", "2026-03-10T12:00:00", ["A", "A1"]);
  submission("A", "2026-03-01T10:00:00", { callId: c4 });
}, 120_000);

const NOV = monthPeriod(2026, 11);
const BEFORE_C3 = bj("2026-11-30T12:00:00");
const AFTER = bj("2026-12-10T12:00:00");
const byUnit = (rows: { unitId: number }[]) => new Map(rows.map((r) => [r.unitId, r]));

describe("unitStats", () => {
  it("counts every column of a month, scoring each event by the table in force on its day", () => {
    const stats = unitStats(db(), { seriesId: "jtyx", period: NOV, now: BEFORE_C3 });
    const r = byUnit(stats.rows);
    // A: 1 (submitted 11-01) + 10 (full, 11-10) under the default table; from 11-16 the new one:
    // 2 (submitted 11-20) + 8 (excerpt 11-21) + 1 (printed 11-25) + 40 (province 批示 11-30).
    expect(r.get(u.A!)).toMatchObject({
      unit: "共青团甲市委",
      submitted: 2,
      adopted: 2,
      adoptedByKind: { full: 1, excerpt: 1, combined: 0 },
      rate: 100,
      published: 1,
      instructions: 1,
      callsOnTime: 0,
      callsMissed: 0,
      points: 62,
      zeroed: false,
    });
    // B: 2 (11-30 23:59:59.999, new) + 1 + 1 (11-05) + 5 (c1 on time, due 11-10); the adoption
    // decided at 12-01 00:00 belongs to December.
    expect(r.get(u.B!)).toMatchObject({ submitted: 3, adopted: 0, rate: 0, published: 0, callsOnTime: 1, callsMissed: 0, points: 9 });
    expect(r.get(u.A1!)).toMatchObject({ submitted: 1, callsOnTime: 0, callsMissed: 1, points: -4 });
    expect(r.get(u.A1a!)).toMatchObject({ submitted: 1, points: 1 });
    // D before c3's deadline: 1 + 3 (combined) + 5 (c2 on time), c3 not yet missed.
    expect(r.get(u.D!)).toMatchObject({ submitted: 1, adopted: 1, rate: 100, callsOnTime: 1, callsMissed: 0, points: 9 });
    expect(r.get(u.E!)).toMatchObject({ submitted: 0, adopted: 0, rate: 0, points: 0 });
    // The disabled unit with nothing in the period is left out.
    expect(r.has(u.C!)).toBe(false);
    expect(stats.rules.map((s) => [s.from, s.to, s.validFrom])).toEqual([
      ["2026-11-01", "2026-11-15", null],
      ["2026-11-16", "2026-11-30", "2026-11-16"],
    ]);
  });

  it("ranks with ties sharing a place (1, 2, 2, 4) and breaks them by the tree's order", () => {
    const stats = unitStats(db(), { seriesId: "jtyx", period: NOV, now: BEFORE_C3 });
    expect(stats.rows.map((r) => [r.unit, r.points, r.rank])).toEqual([
      ["共青团甲市委", 62, 1],
      ["共青团丁市委", 9, 2],
      ["共青团己市委", 9, 2],
      ["共青团乙县丙镇委", 1, 4],
      ["共青团庚市委", 0, 5],
      ["共青团辛市委", 0, 5],
      ["共青团甲市乙县委", -4, 7],
    ]);
  });

  it("counts a call as missed once its deadline has passed, by the table in force on that day", () => {
    const d = byUnit(unitStats(db(), { seriesId: "jtyx", period: NOV, now: AFTER }).rows).get(u.D!)!;
    expect(d).toMatchObject({ callsOnTime: 1, callsMissed: 1, points: 9 - 6 });
  });

  it("counts no miss for a call called off before its deadline (the call pages' rule)", () => {
    const id = call("c5", "2026-11-20T12:00:00", ["E"]);
    const e = () => byUnit(unitStats(db(), { seriesId: "jtyx", period: NOV, now: AFTER }).rows).get(u.E!)!;
    expect(e()).toMatchObject({ callsMissed: 1, points: -6 });
    db()
      .update(schema.calls)
      .set({ closed: true, updatedAt: bj("2026-11-18T09:00:00") })
      .where(eq(schema.calls.id, id))
      .run();
    expect(e()).toMatchObject({ callsMissed: 0, points: 0 });
    db().delete(schema.calls).where(eq(schema.calls.id, id)).run();
  });

  it("keeps the edges of a period in Beijing days", () => {
    const oct = byUnit(unitStats(db(), { seriesId: "jtyx", period: monthPeriod(2026, 10), now: AFTER }).rows);
    expect(oct.get(u.A!)).toMatchObject({ submitted: 1, adopted: 0 });
    const dec = byUnit(unitStats(db(), { seriesId: "jtyx", period: monthPeriod(2026, 12), now: AFTER }).rows);
    expect(dec.get(u.B!)).toMatchObject({ submitted: 1, adopted: 1, adoptedByKind: { combined: 1 } });
    const oneDay = parsePeriod({ kind: "range", from: "2026-11-30", to: "2026-11-30" }, "2026-12-06");
    if (!("period" in oneDay)) throw new Error("range refused");
    const last = byUnit(unitStats(db(), { seriesId: "jtyx", period: oneDay.period, now: AFTER }).rows);
    expect(last.get(u.B!)).toMatchObject({ submitted: 1, points: 2 });
    expect(last.get(u.A!)).toMatchObject({ submitted: 0, instructions: 1, points: 40 });
  });

  it("zeroes a year's points after the set number of missed calls, only over a calendar year", () => {
    const year = byUnit(unitStats(db(), { seriesId: "jtyx", period: yearPeriod(2026), now: AFTER }).rows);
    // A1 missed c4 (March) and c1 (November): two, the new table's limit at the year's end.
    expect(year.get(u.A1!)).toMatchObject({ callsMissed: 2, points: 0, zeroed: true });
    // A over the year: November's 62, the October and March submissions (1 each), c4 answered on time (5).
    expect(year.get(u.A!)).toMatchObject({ callsOnTime: 1, zeroed: false, points: 62 + 1 + 1 + 5 });
    expect(year.get(u.D!)).toMatchObject({ callsMissed: 1, zeroed: false });
    // The same misses in a quarter are scored, not zeroed.
    const q4 = byUnit(unitStats(db(), { seriesId: "jtyx", period: quarterPeriod(2026, 4), now: AFTER }).rows);
    expect(q4.get(u.A1!)).toMatchObject({ callsMissed: 1, points: -4, zeroed: false });
  });

  it("takes the limit from the table in force at the year's end (none: no zeroing)", () => {
    putPointsTable(db(), {
      seriesId: "jtyx",
      validFrom: "2026-12-20",
      rules: { ...NEW_RULES, zeroAfterMissedCalls: null },
      note: null,
      actorId: editor,
      at: new Date(),
    });
    const year = byUnit(unitStats(db(), { seriesId: "jtyx", period: yearPeriod(2026), now: AFTER }).rows);
    // 1 (submitted 11-12) − 5 (c4) − 5 (c1), both missed under the default table.
    expect(year.get(u.A1!)).toMatchObject({ callsMissed: 2, points: -9, zeroed: false });
    db().delete(schema.pointsTables).where(eq(schema.pointsTables.validFrom, "2026-12-20")).run();
  });

  it("rolls counties up into the top two levels when asked, each event counted once", () => {
    const stats = unitStats(db(), { seriesId: "jtyx", period: NOV, now: BEFORE_C3, rollUp: true });
    const r = byUnit(stats.rows);
    expect(r.has(u.A1a!)).toBe(false);
    expect(r.get(u.A1!)).toMatchObject({ submitted: 2, callsMissed: 1, points: -3 });
    expect(r.get(u.A!)).toMatchObject({ submitted: 2, points: 62 });
    const flat = unitStats(db(), { seriesId: "jtyx", period: NOV, now: BEFORE_C3 });
    const sum = (rows: typeof flat.rows) => rows.reduce((n, row) => n + row.submitted, 0);
    expect(sum(stats.rows)).toBe(sum(flat.rows));
  });

  it("rounds the rate to one decimal and ranks in competition order", () => {
    expect(adoptionRate(1, 3)).toBe(33.3);
    expect(adoptionRate(2, 3)).toBe(66.7);
    expect(adoptionRate(5, 0)).toBe(0);
    const rows = [{ points: 5 }, { points: 9 }, { points: 9 }, { points: 1 }];
    const ranks = rankByPoints(rows);
    expect(rows.map((r) => ranks.get(r))).toEqual([3, 1, 1, 4]);
  });
});

describe("points tables", () => {
  it("apply from their day: the latest table starting on or before it, else the defaults", () => {
    const tables = [
      { validFrom: "2026-03-01", rules: { ...DEFAULT_POINTS_RULES, submitted: 3 } },
      { validFrom: "2026-07-01", rules: { ...DEFAULT_POINTS_RULES, submitted: 4 } },
    ] as schema.PointsTableRow[];
    expect(rulesOn(tables, "2026-02-28")).toEqual({ rules: DEFAULT_POINTS_RULES, validFrom: null });
    expect(rulesOn(tables, "2026-03-01").rules.submitted).toBe(3);
    expect(rulesOn(tables, "2026-12-31").rules.submitted).toBe(4);
    expect(rulesSpans(tables, "2026-01-01", "2026-12-31").map((s) => [s.from, s.to, s.rules.submitted])).toEqual([
      ["2026-01-01", "2026-02-28", 1],
      ["2026-03-01", "2026-06-30", 3],
      ["2026-07-01", "2026-12-31", 4],
    ]);
  });

  it("never edit a table that has applied to a past day; one starting today or later may be replaced", () => {
    const save = (validFrom: string, submitted: number) =>
      savePointsRules(db(), {
        seriesId: "points-test",
        validFrom,
        rules: { ...DEFAULT_POINTS_RULES, submitted },
        note: null,
        actorId: editor,
        today: "2026-12-06",
      });
    expect(save("2026-12-06", 2).replaced).toBe(false);
    expect(save("2026-12-06", 3).replaced).toBe(true);
    expect(save("2027-01-01", 4).replaced).toBe(false);
    let refused: unknown;
    try {
      save("2026-12-05", 9);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fields).toHaveProperty("validFrom");
    // Once its day has passed, the table of 12-06 is no longer open to change.
    expect(() =>
      savePointsRules(db(), {
        seriesId: "points-test",
        validFrom: "2026-12-06",
        rules: DEFAULT_POINTS_RULES,
        note: null,
        actorId: editor,
        today: "2026-12-07",
      }),
    ).toThrow(AppError);
  });
});

describe("periods and the query string", () => {
  it("reads, names and writes back every kind of period", () => {
    expect(parsePeriod({ kind: "quarter", year: "2026", quarter: "4" }, "2026-12-06")).toEqual({
      period: { kind: "quarter", from: "2026-10-01", to: "2026-12-31" },
    });
    expect(parsePeriod({}, "2026-02-06")).toEqual({ period: { kind: "month", from: "2026-02-01", to: "2026-02-28" } });
    expect(parsePeriod({ kind: "range", from: "2026-03-31", to: "2026-01-01" }, "2026-12-06")).toMatchObject({ field: "to" });
    expect(parsePeriod({ kind: "range", from: "2026-02-30", to: "2026-03-01" }, "2026-12-06")).toMatchObject({ field: "from" });
    expect(parsePeriod({ kind: "month", month: "2026-13" }, "2026-12-06")).toMatchObject({ field: "month" });
    expect(periodPhrase(monthPeriod(2026, 11))).toBe("2026年11月份");
    expect(periodPhrase(quarterPeriod(2026, 4))).toBe("2026年第四季度");
    expect(periodPhrase(yearPeriod(2026))).toBe("2026年度");
    expect(periodPhrase({ kind: "range", from: "2026-01-01", to: "2026-03-31" })).toBe("2026年1月1日至2026年3月31日");
    for (const raw of [
      { series: "jtyx", kind: "month", month: "2026-11", sort: "points", dir: "desc" },
      { series: "jtyx", kind: "quarter", year: "2026", quarter: "4", sub: "1" },
      { series: "jtyx", kind: "range", from: "2026-01-01", to: "2026-03-31", sort: "unit", dir: "asc" },
    ]) {
      const q = readStatsQuery(raw, "2026-12-06");
      expect(readStatsQuery(Object.fromEntries(new URLSearchParams(statsSearch(q))), "2026-12-06")).toEqual(q);
    }
    const bad = readStatsQuery({ sort: "password", dir: "sideways", kind: "week" }, "2026-12-06");
    expect(bad).toMatchObject({ sort: "rank", dir: "asc", problem: { field: "kind" } });
  });
});

describe("the .xlsx and the 通报", () => {
  it("carry the page's numbers", async () => {
    const stats = unitStats(db(), { seriesId: "jtyx", period: NOV, now: BEFORE_C3 });
    const sheets = await readXlsxFile(await statsXlsx(stats, "晋团要讯"));
    const data = sheets[0]!.data;
    expect(String(data[0]![0])).toContain("晋团要讯");
    expect(data.slice(1, titleRowOf(stats)).join(" ")).toContain("2026-11-16起执行");
    const body = data.slice(titleRowOf(stats) + 1);
    expect(body).toEqual(
      stats.rows.map((r) => [
        r.rank,
        r.unit,
        r.submitted,
        r.adopted,
        `${r.rate.toFixed(1)}%`,
        r.published,
        r.instructions,
        r.callsOnTime,
        r.callsMissed,
        r.points,
      ]),
    );
    expect(data[titleRowOf(stats)]).toEqual(statsSheet(stats, "晋团要讯")[titleRowOf(stats)]!.map((c) => (c as { value: string }).value));
    const text = reportBody(stats, "晋团要讯");
    expect(reportTitle(stats)).toBe("关于2026年11月份信息报送采用情况的通报");
    expect(text).toContain("| 1 | 团甲市委 | 2 | 2 | 100.0% | 1 | 1 | 62 |");
    expect(text).toContain("| 7 | 团甲市乙县委 | 1 | 0 | 0.0% | 0 | 0 | -4 |");
  });

  it("are refused to the anonymous and to contributors, and named in Chinese for editors", async () => {
    const url = "http://127.0.0.1/studio/stats/export?series=jtyx&kind=month&month=2026-11";
    const as = (id: number | null) => {
      session.current = id === null ? null : { uid: id, epoch: getUser(db(), id)!.sessionEpoch };
    };
    as(null);
    expect((await exportRoute(new Request(url))).status).toBe(401);
    as(contributor);
    expect((await exportRoute(new Request(url))).status).toBe(403);
    const other = createUser(db(), {
      email: "other@example.org",
      name: "别的编辑",
      role: "editor",
      passwordHash: "scrypt$x",
      seriesIds: ["nothing"],
    }).id;
    as(other);
    expect((await exportRoute(new Request(url))).status).toBe(403);
    as(editor);
    expect((await exportRoute(new Request(`${url}&month=2026-13`.replace("month=2026-11&", "")))).status).toBe(400);
    const res = await exportRoute(new Request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="xinxi-stats-jtyx-2026-11-01-2026-11-30.xlsx"; filename*=UTF-8''${encodeURIComponent("晋团要讯信息报送统计（2026年11月）.xlsx").replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    const rows = (await readXlsxFile(Buffer.from(await res.arrayBuffer())))[0]!.data;
    const now = unitStats(db(), { seriesId: "jtyx", period: NOV });
    expect(rows.slice(titleRowOf(now) + 1).map((r) => [r[1], r[9]])).toEqual(now.rows.map((r) => [r.unit, r.points]));
    updateUser(db(), other, { disabled: true });
  });

  it("make a new internal draft of the series whose table passes the content checks", async () => {
    const stats = unitStats(db(), { seriesId: "jtyx", period: quarterPeriod(2026, 4), now: AFTER });
    const def = seriesSchema.parse(getSeries(db(), "jtyx")!.definition);
    const made = createReportDraft(db(), { stats, seriesName: "晋团要讯", definition: def, authorId: editor, now: AFTER });
    expect(made.title).toBe("关于2026年第四季度信息报送采用情况的通报");
    const draft = db().select().from(schema.drafts).where(eq(schema.drafts.id, made.draftId)).get()!;
    expect(draft).toMatchObject({ status: "draft", year: 2026, number: made.number, title: made.title });
    const source = getRevision(db(), draft.headRevisionId!)!.source;
    expect(source).toContain("visibility: internal");
    const { check, loaded } = await checkDraft(
      { series: "jtyx", year: 2026, number: made.number, supplement: false },
      source,
      made.draftId,
    );
    expect(check.ok, JSON.stringify(check)).toBe(true);
    expect(JSON.stringify(loaded)).toContain('"table"');
    // The next one takes the next number.
    const again = createReportDraft(db(), { stats, seriesName: "晋团要讯", definition: def, authorId: editor, now: AFTER });
    expect(again.number).toBe(made.number + 1);
  });
});
