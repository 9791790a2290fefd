// A large, realistic 信息报送 dataset for benchmarks (and anyone who wants one): a tree of units
// (one province, its cities, their counties), years of submissions with a believable mix of
// statuses, adoption kinds and urgency, each with its versions (bodies of about 800 characters),
// its timeline events and its search text, 约稿 with their addressees and answers (some late,
// some never), and 批示 on printed articles. Deterministic for a seed; written with prepared
// statements in one transaction per year, straight into an already migrated database.
import type { Db } from "@/db/index";
import { indexTexts } from "@/lib/search/text";

export type SeedOptions = {
  /** Units in all, about: one province, ~1/27 cities, the rest counties. */
  units?: number;
  /** Submissions per year, about (call answers included). */
  perYear?: number;
  years?: number[];
  seriesIds?: string[];
  seed?: number;
  /** Write submission_search too (the inbox's full-text search); slower. */
  search?: boolean;
  /** Who the rows say submitted and decided them (a users.id). */
  actorId: number;
  progress?: (line: string) => void;
};

export type SeedSummary = {
  units: number;
  submissions: number;
  versions: number;
  events: number;
  calls: number;
  callUnits: number;
  instructions: number;
  byStatus: Record<string, number>;
};

/** mulberry32: small, fast, good enough for test data. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ["太原", "大同", "阳泉", "长治", "晋城", "朔州", "晋中", "运城", "忻州", "临汾", "吕梁", "太行", "汾河", "恒山"];
const PHRASES = [
  "深入学习贯彻党的二十大精神",
  "组织开展青年志愿服务活动",
  "全面加强基层团组织建设",
  "积极服务青年就业创业",
  "扎实推进乡村振兴青春行动",
  "广泛开展主题团日活动",
  "切实加强青少年思想政治引领",
  "持续深化共青团改革",
  "推动青年发展型城市建设",
  "做好新时代少先队工作",
  "组织青年突击队投身重点工程",
  "开展青少年心理健康关爱行动",
];
const PLACES = ["社区", "学校", "企业", "农村", "园区", "机关", "医院", "街道"];

function bodyOf(r: () => number, unit: string): string {
  const parts: string[] = [];
  let n = 0;
  while (n < 800) {
    const p = `${unit}${PHRASES[Math.floor(r() * PHRASES.length)]}，在${PLACES[Math.floor(r() * PLACES.length)]}举办活动${1 + Math.floor(r() * 40)}场，覆盖青年${100 + Math.floor(r() * 9000)}人次。`;
    parts.push(p);
    n += p.length;
    if (r() < 0.25) {
      parts.push("\n\n");
    }
  }
  return parts.join("");
}

const DAY = 86_400_000;
const yearStart = (y: number) => Date.parse(`${y}-01-01T00:00:00+08:00`);

type Statuses = "submitted" | "processing" | "adopted" | "rejected" | "returned" | "published";
const STATUS_MIX: [Statuses, number][] = [
  ["rejected", 0.34],
  ["published", 0.3],
  ["adopted", 0.2],
  ["returned", 0.07],
  ["submitted", 0.06],
  ["processing", 0.03],
];
const KIND_MIX: [string, number][] = [
  ["excerpt", 0.5],
  ["full", 0.3],
  ["combined", 0.2],
];
const pick = <T>(r: () => number, mix: [T, number][]): T => {
  let x = r();
  for (const [v, p] of mix) if ((x -= p) < 0) return v;
  return mix[mix.length - 1]![0];
};

export function seedSubmissions(d: Db, o: SeedOptions): SeedSummary {
  const r = rng(o.seed ?? 1);
  const sqlite = d.$client;
  const years = o.years ?? [2022, 2023, 2024, 2025, 2026];
  const seriesIds = o.seriesIds ?? ["jtyx", "qnxx"];
  const perYear = o.perYear ?? 20_000;
  const totalUnits = o.units ?? 300;
  const now = Date.now();
  const summary: SeedSummary = { units: 0, submissions: 0, versions: 0, events: 0, calls: 0, callUnits: 0, instructions: 0, byStatus: {} };
  const log = o.progress ?? (() => {});

  // The tree: 共青团山西省委 → cities → counties, in order.
  const addUnit = sqlite.prepare(
    "INSERT INTO units (name, short_name, parent_id, level, position, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
  );
  const units: { id: number; name: string }[] = [];
  const cityCount = Math.max(1, Math.round(totalUnits / 27));
  // Made before the first year: a call to all units counts the units there when it was made.
  const made = yearStart(years[0]!) - DAY;
  sqlite.transaction(() => {
    const root = Number(addUnit.run("共青团山西省委", "团省委", null, "province", 0, made, made).lastInsertRowid);
    units.push({ id: root, name: "团省委" });
    const cities: number[] = [];
    for (let i = 0; i < cityCount; i++) {
      const name = `${CITIES[i % CITIES.length]}${i >= CITIES.length ? i : ""}`;
      const id = Number(addUnit.run(`共青团${name}市委`, `团${name}市委`, root, "city", i, made, made).lastInsertRowid);
      cities.push(id);
      units.push({ id, name: `团${name}市委` });
    }
    for (let i = 0; units.length < totalUnits; i++) {
      const city = cities[i % cities.length]!;
      const name = `第${i + 1}县`;
      const id = Number(addUnit.run(`共青团${name}委`, `团${name}委`, city, "county", i, made, made).lastInsertRowid);
      units.push({ id, name: `团${name}委` });
    }
  })();
  summary.units = units.length;
  // Some units send far more than others, as in life.
  const weight = units.map(() => 0.2 + r() ** 2 * 3);
  const weightSum = weight.reduce((a, b) => a + b, 0);
  const pickUnit = () => {
    let x = r() * weightSum;
    for (let i = 0; i < units.length; i++) if ((x -= weight[i]!) < 0) return units[i]!;
    return units[units.length - 1]!;
  };

  const insSub = sqlite.prepare(`INSERT INTO submissions (unit_id, series_id, call_id, title, status, adoption_kind, urgent, contact_name,
    contact_phone, head_version_id, decision_note, submitted_by, submitted_at, resubmitted_at, decided_by, decided_at, published_path,
    published_label, published_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '联系人', '13800000000', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insVer = sqlite.prepare(
    "INSERT INTO submission_versions (submission_id, seq, title, body, note, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const setHead = sqlite.prepare("UPDATE submissions SET head_version_id = ? WHERE id = ?");
  const insEvent = sqlite.prepare(
    "INSERT INTO submission_events (submission_id, unit_id, kind, actor_id, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insSearch = sqlite.prepare("INSERT INTO submission_search (rowid, title, body) VALUES (?, ?, ?)");
  const insCall =
    sqlite.prepare(`INSERT INTO calls (series_id, topic, body, deadline, all_units, closed, created_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insCallUnit = sqlite.prepare("INSERT INTO call_units (call_id, unit_id) VALUES (?, ?)");
  const insInstruction = sqlite.prepare(`INSERT INTO instructions (series_id, issue_path, issue_label, article, submission_id, unit_id,
    level, leader, date, gist, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const actor = o.actorId;
  const event = (id: number, unitId: number, kind: string, at: number) => {
    insEvent.run(id, unitId, kind, actor, null, at);
    summary.events++;
  };

  function submit(unit: { id: number; name: string }, seriesId: string, at: number, callId: number | null) {
    const status = at > now - 3 * DAY ? "submitted" : pick(r, STATUS_MIX);
    const title = `${unit.name}${PHRASES[Math.floor(r() * PHRASES.length)]}`;
    const body = bodyOf(r, unit.name);
    const decided = status === "submitted" || status === "processing" ? null : Math.min(now - DAY, at + (0.2 + r() * 9) * DAY);
    const kind = status === "adopted" || status === "published" ? pick(r, KIND_MIX) : null;
    const published = status === "published" && decided ? Math.min(now - 1000, decided + (1 + r() * 20) * DAY) : null;
    const resubmitted = status === "returned" && r() < 0.5 ? (decided ?? at) + DAY : null;
    const issueNo = published ? 1 + Math.floor((published - yearStart(new Date(published).getFullYear())) / (7 * DAY)) : null;
    const year = published ? new Date(published + 8 * 3600_000).getUTCFullYear() : null;
    const id = Number(
      insSub.run(
        unit.id,
        seriesId,
        callId,
        title,
        status,
        kind,
        r() < 0.05 ? 1 : 0,
        status === "returned" || status === "rejected" ? "请补充具体数据" : null,
        actor,
        at,
        resubmitted,
        decided ? actor : null,
        decided,
        published ? `${seriesId}/${year}/${String(issueNo).padStart(3, "0")}.mdx` : null,
        published ? `〔${year}〕第${issueNo}期` : null,
        published,
        published ?? resubmitted ?? decided ?? at,
      ).lastInsertRowid,
    );
    const v1 = Number(insVer.run(id, 1, title, body, null, actor, at).lastInsertRowid);
    let head = v1;
    summary.versions++;
    event(id, unit.id, "submitted", at);
    if (status === "processing") event(id, unit.id, "processing", at + DAY / 2);
    if (decided) event(id, unit.id, status === "published" ? "adopted" : status, decided);
    if (published) event(id, unit.id, "published", published);
    if (resubmitted) {
      head = Number(insVer.run(id, 2, title, `${body}（已补充数据）`, "按要求修改", actor, resubmitted).lastInsertRowid);
      summary.versions++;
      event(id, unit.id, "resubmitted", resubmitted);
    }
    setHead.run(head, id);
    if (o.search) insSearch.run(id, indexTexts(title).pairs, indexTexts(body).pairs);
    if (published && r() < 0.04) {
      const level = pick(r, [
        ["county", 0.3],
        ["city", 0.4],
        ["province", 0.25],
        ["central", 0.05],
      ] as [string, number][]);
      const date = new Date(published + (1 + r() * 10) * DAY + 8 * 3600_000).toISOString().slice(0, 10);
      insInstruction.run(
        seriesId,
        `${seriesId}/${year}/${issueNo}.mdx`,
        `〔${year}〕第${issueNo}期`,
        title,
        id,
        unit.id,
        level,
        "某领导",
        date,
        "请认真总结推广",
        actor,
        now,
      );
      summary.instructions++;
    }
    summary.submissions++;
    summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
  }

  for (const y of years) {
    const start = yearStart(y);
    const end = Math.min(yearStart(y + 1), now);
    if (end <= start) continue;
    const span = end - start;
    sqlite.transaction(() => {
      let made = 0;
      // About two 约稿 a month per series; a third go to every unit, the rest to 20–60 units.
      for (const seriesId of seriesIds) {
        for (let m = 0; m < 24 * (span / (365 * DAY)); m++) {
          const created = start + r() * (span - 20 * DAY);
          const deadline = created + (5 + r() * 15) * DAY;
          const all = r() < 0.33;
          const callId = Number(
            insCall.run(
              seriesId,
              `关于${PHRASES[m % PHRASES.length]}的约稿`,
              "请各单位报送相关信息。",
              deadline,
              all ? 1 : 0,
              deadline < now ? 1 : 0,
              actor,
              created,
              created,
            ).lastInsertRowid,
          );
          summary.calls++;
          const addressees = all ? units : units.filter(() => r() < (20 + r() * 40) / units.length);
          if (!all)
            for (const unit of addressees) {
              insCallUnit.run(callId, unit.id);
              summary.callUnits++;
            }
          for (const unit of addressees) {
            if (r() > 0.55) continue;
            const at = created + r() * (deadline - created) * 1.15;
            if (at >= now) continue;
            submit(unit, seriesId, at, callId);
            made++;
          }
        }
      }
      const target = Math.round(perYear * (span / (365 * DAY)));
      for (; made < target; made++) {
        const seriesId = r() < 0.75 ? seriesIds[0]! : (seriesIds[1 + Math.floor(r() * (seriesIds.length - 1))] ?? seriesIds[0]!);
        submit(pickUnit(), seriesId, start + r() * span, null);
      }
    })();
    log(`${y}: ${summary.submissions.toLocaleString("en")} submissions so far`);
  }
  return summary;
}
