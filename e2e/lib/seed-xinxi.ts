// Seeds the e2e site's database with a small 信息报送 dataset through the app's own queries:
// `npx tsx --conditions=react-server e2e/lib/seed-xinxi.ts YYYY-MM` (CONTENT_DIR, DATA_DIR of the
// e2e site). Three units, submissions in that month (adopted, printed, rejected, one late 约稿
// answer) and a 批示; prints what it made as JSON. Run once per fresh e2e site.
import { createUser, findUserByEmail } from "@/db/queries/users";
import { insertSubmission, setSubmissionStatus } from "@/db/queries/xinxi/submissions";
import { createUnit } from "@/db/queries/xinxi/units";
import * as schema from "@/db/schema";
import { closeDb, db } from "@/lib/database";
import { indexTexts } from "@/lib/search/text";

const month = process.argv[2] ?? "";
if (!/^\d{4}-\d{2}$/.test(month)) throw new Error("usage: seed-xinxi.ts YYYY-MM");
const at = (day: number, hour = 10) => new Date(`${month}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00+08:00`);

const d = db();
const actor =
  findUserByEmail(d, "seed@e2e.example.org")?.id ??
  createUser(d, { email: "seed@e2e.example.org", name: "种子", role: "editor", passwordHash: "scrypt$x", seriesIds: [] }).id;
const jia = createUnit(d, { name: "共青团甲市委", shortName: "团甲市委", level: "city", position: 1 });
const yi = createUnit(d, { name: "共青团乙市委", shortName: "团乙市委", level: "city", position: 2 });
const bing = createUnit(d, { name: "共青团甲市丙县委", shortName: "团丙县委", level: "county", parentId: jia.id });

function submit(unitId: number, day: number, title: string, callId: number | null = null) {
  const body = `${title}。各级团组织认真组织，广大青年积极参与，取得良好效果。`;
  return d.transaction((tx) =>
    insertSubmission(tx, {
      unitId,
      seriesId: "jtyx",
      callId,
      urgent: false,
      contactName: "联系人",
      contactPhone: "13800000000",
      version: { title, body },
      pictures: [],
      search: { titlePairs: indexTexts(title).pairs, bodyPairs: indexTexts(body).pairs },
      actorId: actor,
      at: at(day),
    }),
  );
}

const adopt = (id: number, day: number, kind: schema.AdoptionKind) =>
  setSubmissionStatus(d, {
    submissionId: id,
    status: "adopted",
    event: "adopted",
    actorId: actor,
    at: at(day),
    adoptionKind: kind,
    decided: true,
  });

// 甲: three sent, one adopted in full, one adopted as an excerpt and printed; a province 批示.
const a1 = submit(jia.id, 2, "甲市开展青年志愿服务活动");
adopt(a1.id, 3, "full");
const a2 = submit(jia.id, 5, "甲市推进青年发展型城市建设");
adopt(a2.id, 6, "excerpt");
setSubmissionStatus(d, {
  submissionId: a2.id,
  status: "published",
  event: "published",
  actorId: actor,
  at: at(10),
  adoptionKind: "excerpt",
  published: { path: "jtyx/2026/020.mdx", label: "〔2026〕第20期" },
});
const a3 = submit(jia.id, 7, "甲市召开团干部培训会");
setSubmissionStatus(d, { submissionId: a3.id, status: "rejected", event: "rejected", actorId: actor, at: at(8), decided: true });
d.insert(schema.instructions)
  .values({
    seriesId: "jtyx",
    issuePath: "jtyx/2026/020.mdx",
    issueLabel: "〔2026〕第20期",
    article: "甲市推进青年发展型城市建设",
    submissionId: a2.id,
    unitId: jia.id,
    level: "province",
    leader: "某领导",
    date: `${month}-12`,
    gist: "经验做法值得推广",
    recordedBy: actor,
    recordedAt: at(12),
  })
  .run();
// 乙: one sent and adopted as part of a combined piece.
const b1 = submit(yi.id, 4, "乙市组织青年突击队");
adopt(b1.id, 9, "combined");
// A 约稿 to 乙 and 丙 due on the 15th: 乙 answers on time, 丙 two days late (missed).
const call = d
  .insert(schema.calls)
  .values({
    seriesId: "jtyx",
    topic: "乡村振兴青春行动",
    body: "请报送",
    deadline: at(15, 18),
    createdBy: actor,
    createdAt: at(1),
    updatedAt: at(1),
  })
  .returning()
  .get();
d.insert(schema.callUnits)
  .values([
    { callId: call.id, unitId: yi.id },
    { callId: call.id, unitId: bing.id },
  ])
  .run();
submit(yi.id, 14, "乙市乡村振兴青春行动", call.id);
submit(bing.id, 17, "丙县乡村振兴青春行动", call.id);

console.log(JSON.stringify({ units: { jia: jia.id, yi: yi.id, bing: bing.id } }));
closeDb();
