// The similarity hint: a near-duplicate of a submission (another unit's, or the printed issue
// it repeats) comes first; an unrelated text is not listed; a submission never finds itself,
// another series' submissions are not looked at, and only editors of the series may ask.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { insertSubmission } from "@/db/queries/xinxi/submissions";
import { createUnit } from "@/db/queries/xinxi/units";
import { indexTexts } from "@/lib/search/text";
import { findSimilar } from "@/lib/xinxi/similar";
import { editorUser, studio as m, studioSite } from "./lib/studio-site";

vi.mock("next/link", () => ({ default: () => null }));

let unitA: number;
let unitB: number;

beforeAll(async () => {
  await studioSite(["jtyx/2022/003.mdx"]);
  unitA = createUnit(m.d(), { name: "共青团长治市委", shortName: "团长治市委", level: "city" }).id;
  unitB = createUnit(m.d(), { name: "共青团晋城市委", shortName: "团晋城市委", level: "city" }).id;
}, 60_000);

function submit(title: string, body: string, { unit = unitA, seriesId = "jtyx" } = {}) {
  return m.d().transaction((tx) =>
    insertSubmission(tx, {
      unitId: unit,
      seriesId,
      callId: null,
      urgent: false,
      contactName: "张三",
      contactPhone: "13800000000",
      version: { title, body },
      pictures: [],
      search: { titlePairs: indexTexts(title).pairs, bodyPairs: indexTexts(body).pairs },
      actorId: 1,
      at: new Date(),
    }),
  );
}

const VOLUNTEER =
  "三月以来，团晋城市委以学雷锋志愿服务月为契机，组织全市青年志愿者深入城乡社区、交通站点开展关爱帮扶、文明实践、生态环保等志愿服务活动，累计开展活动三百余场，参与青年志愿者一万二千人次，服务群众五万余人次。";
const MARKET =
  "市场监管局近日开展节前食品安全专项检查，重点检查超市、农贸市场的肉类、蔬菜和冷链食品，督促经营者落实进货查验和索证索票制度。";

describe("findSimilar", () => {
  it("finds another unit's near-duplicate first, and the issue a submission repeats; not itself, not an unrelated text", () => {
    const original = submit("团晋城市委开展学雷锋志愿服务月活动", VOLUNTEER, { unit: unitB });
    const near = submit("团晋城市委扎实开展学雷锋志愿服务月活动", VOLUNTEER.replace("三百余场", "310场"));
    const unrelated = submit("市场监管局开展节前食品安全检查", MARKET);
    const otherSeries = submit("团晋城市委开展学雷锋志愿服务月活动", VOLUNTEER, { seriesId: "qnxx" });
    const found = findSimilar(editorUser(), original.id);
    expect(found.submissions[0]).toMatchObject({ id: near.id, unitName: "共青团长治市委" });
    expect(found.submissions[0]!.score).toBeGreaterThan(0.8);
    const ids = found.submissions.map((s) => s.id);
    expect(ids).not.toContain(original.id);
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(otherSeries.id);
    expect(found.issues).toEqual([]);

    // A submission that repeats the printed issue finds it.
    const sample = fs.readFileSync(path.resolve(import.meta.dirname, "../content/jtyx/2022/003.mdx"), "utf8");
    const paragraph = sample.split("\n").find((l) => l.startsWith("《中共中央关于全面加强新时代少先队工作的意见》"))!;
    const repeat = submit("团长治市委多措并举推动少先队工作高质量发展", paragraph);
    expect(findSimilar(editorUser(), repeat.id).issues[0]).toMatchObject({ seriesId: "jtyx", year: 2022, number: 3 });
    expect(findSimilar(editorUser(), unrelated.id)).toEqual({ submissions: [], issues: [] });
  });

  it("is for editors of the series", () => {
    const s = submit("一篇稿件", "正文内容。");
    expect(() => findSimilar({ ...editorUser(), seriesIds: ["qnxx"] }, s.id)).toThrow(expect.objectContaining({ code: "auth:forbidden" }));
    expect(() => findSimilar({ ...editorUser(), role: "contributor", unitId: unitA }, s.id)).toThrow(
      expect.objectContaining({ code: "auth:forbidden" }),
    );
  });
});
