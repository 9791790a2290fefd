// Two units with their contributors, editors of two series, and ways to add submissions, status
// changes and 约稿 straight through the query layer: what the notification tests (the studio's
// list and the mailer) start from, without depending on the submission or call pages.
import { immediate } from "@/db/queries/studio/common";
import { createUser } from "@/db/queries/users";
import { insertSubmission, setSubmissionStatus } from "@/db/queries/xinxi/submissions";
import { createUnit } from "@/db/queries/xinxi/units";
import { type AdoptionKind, calls, callUnits } from "@/db/schema";
import { db } from "@/lib/database";

export type NoticePeople = ReturnType<typeof seedNoticePeople>;

export function seedNoticePeople() {
  const d = db();
  const unitA = createUnit(d, {
    name: "共青团长治市委员会",
    shortName: "团长治市委",
    level: "city",
    contactEmail: "Contact-A@example.org",
  });
  const unitB = createUnit(d, {
    name: "共青团太原市委员会",
    shortName: "团太原市委",
    level: "city",
    contactEmail: "contact-b@example.org",
  });
  const user = (email: string, name: string, role: "contributor" | "editor" | "reviewer" | "admin", more = {}) =>
    createUser(d, { email, name, role, passwordHash: "scrypt$x", ...more }).id;
  return {
    unitA,
    unitB,
    a1: user("a1@example.org", "长治报送员甲", "contributor", { unitId: unitA.id }),
    a2: user("a2@example.org", "长治报送员乙", "contributor", { unitId: unitA.id }),
    b1: user("b1@example.org", "太原报送员", "contributor", { unitId: unitB.id }),
    editorJ: user("ej@example.org", "要讯编辑", "editor", { seriesIds: ["jtyx"], allSeries: false }),
    editorQ: user("eq@example.org", "青年编辑", "editor", { seriesIds: ["qnyj"], allSeries: false }),
    reviewer: user("rv@example.org", "全刊审核", "reviewer", { allSeries: true }),
    admin: user("ad@example.org", "管理员", "admin"),
  };
}

export function submit(input: { unitId: number; seriesId: string; title: string; actorId: number; at: Date; callId?: number | null }) {
  return immediate(db(), (tx) =>
    insertSubmission(tx, {
      unitId: input.unitId,
      seriesId: input.seriesId,
      callId: input.callId ?? null,
      urgent: false,
      contactName: "联系人",
      contactPhone: "0355-1234567",
      version: { title: input.title, body: `${input.title}的正文。` },
      pictures: [],
      search: { titlePairs: "", bodyPairs: "" },
      actorId: input.actorId,
      at: input.at,
    }),
  );
}

export function adopt(submissionId: number, actorId: number, at: Date, kind: AdoptionKind = "full") {
  return immediate(db(), (tx) =>
    setSubmissionStatus(tx, { submissionId, status: "adopted", event: "adopted", actorId, at, adoptionKind: kind, decided: true }),
  );
}

export function publishSubmission(submissionId: number, label: string, at: Date) {
  return immediate(db(), (tx) =>
    setSubmissionStatus(tx, {
      submissionId,
      status: "published",
      event: "published",
      actorId: null,
      at,
      published: { path: "jtyx/2026/005.mdx", label },
    }),
  );
}

/** A 约稿 to the given units (or to all), as the call pages would write it. */
export function addCall(input: {
  seriesId: string;
  topic: string;
  unitIds: number[] | "all";
  deadline: Date;
  createdBy: number;
  at: Date;
}) {
  return immediate(db(), (tx) => {
    const call = tx
      .insert(calls)
      .values({
        seriesId: input.seriesId,
        topic: input.topic,
        body: `请围绕「${input.topic}」报送信息。`,
        deadline: input.deadline,
        allUnits: input.unitIds === "all",
        createdBy: input.createdBy,
        createdAt: input.at,
        updatedAt: input.at,
      })
      .returning()
      .get();
    if (input.unitIds !== "all") for (const unitId of input.unitIds) tx.insert(callUnits).values({ callId: call.id, unitId }).run();
    return call;
  });
}
