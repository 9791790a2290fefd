// 已刊用 survives a crash: a draft that adopted a 信息稿件 is published in its own process and killed
// after a step, then reconciled as the next start does. Rolled forward, the submission is 已刊用
// with the issue's label; undone, it is still 已采用 (its adoption pending), and publishes later.
import { fork } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { adoptionsOfDraft } from "@/db/queries/xinxi/adoptions";
import { getSubmission, insertSubmission } from "@/db/queries/xinxi/submissions";
import { createUnit } from "@/db/queries/xinxi/units";
import { indexTexts } from "@/lib/search/text";
import { checkDraft } from "@/lib/studio/check-draft";
import * as reconcile from "@/lib/studio/publish-reconcile";
import { adoptSubmissions } from "@/lib/xinxi/adopt";
import { pngOf } from "./lib/pictures";
import { approve, editorUser, studio as m, studioSite } from "./lib/studio-site";

vi.mock("next/link", () => ({ default: () => null }));

let reviewer: number;
let unitId: number;
const CHILD = path.resolve(import.meta.dirname, "lib/publish-child.ts");

beforeAll(async () => {
  ({ reviewer } = await studioSite());
  unitId = createUnit(m.d(), { name: "共青团长治市委", shortName: "团长治市委", level: "city" }).id;
}, 60_000);

function publishInChild(draftId: number, step: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = fork(CHILD, [String(draftId), String(reviewer), "r@example.org"], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, JIANBAO_FAULT_AT: step },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** A submission with a picture, adopted into 新建一期, the draft signed off. */
async function adoptedAndApproved(title: string, shade: number) {
  const bytes = Buffer.from(pngOf(16, 16, [shade, 80, 160]));
  const picture = m.picture.readPicture(bytes, "现场.png");
  const s = m.d().transaction((tx) =>
    insertSubmission(tx, {
      unitId,
      seriesId: "jtyx",
      callId: null,
      urgent: false,
      contactName: "张三",
      contactPhone: "13800000000",
      version: { title, body: `${title}的正文。\n\n<Figure src="media/${picture.name}" />` },
      pictures: [{ ...picture, originalName: "现场.png", bytes }],
      search: { titlePairs: indexTexts(title).pairs, bodyPairs: indexTexts(title).pairs },
      actorId: editorUser().id,
      at: new Date(),
    }),
  );
  const { draftId } = await adoptSubmissions(editorUser(), { items: [{ submissionId: s.id, kind: "full" }], target: { newIssue: true } });
  const draft = m.drafts.getDraft(m.d(), draftId)!;
  const { check } = await checkDraft({ series: "jtyx", year: draft.year, number: draft.number, supplement: false }, draft.source, draftId);
  expect(check.ok, JSON.stringify(check)).toBe(true);
  approve(draftId, draft.headRevisionId!);
  return { submissionId: s.id, draftId, draft };
}

describe("a publication of an adopting draft killed mid-way, then reconciled", () => {
  it('after "file-written": rolled forward, the submission is 已刊用 in the issue', async () => {
    const c = await adoptedAndApproved("崩溃后补记的信息", 10);
    expect(await publishInChild(c.draftId, "file-written")).toEqual({ code: null, signal: "SIGKILL" });
    expect(getSubmission(m.d(), c.submissionId)!.status).toBe("adopted");
    await reconcile.reconcilePublications();
    expect(m.drafts.getDraft(m.d(), c.draftId)!.status).toBe("published");
    expect(getSubmission(m.d(), c.submissionId)).toMatchObject({
      status: "published",
      publishedPath: c.draft.path,
      publishedLabel: `晋团要讯〔${c.draft.year}〕第${c.draft.number}期`,
    });
    expect(adoptionsOfDraft(m.d(), c.draftId)).toMatchObject([{ state: "published" }]);
  });

  it('after "claimed": undone, still 已采用 and pending; publishing it later makes it 已刊用', async () => {
    const c = await adoptedAndApproved("撤销后再发布的信息", 90);
    expect(await publishInChild(c.draftId, "claimed")).toEqual({ code: null, signal: "SIGKILL" });
    await reconcile.reconcilePublications();
    expect(m.drafts.getDraft(m.d(), c.draftId)!.status).toBe("approved");
    expect(getSubmission(m.d(), c.submissionId)!.status).toBe("adopted");
    expect(adoptionsOfDraft(m.d(), c.draftId)).toMatchObject([{ state: "pending" }]);
    await m.publish.publishDraft(c.draftId, { id: reviewer, email: "r@example.org" });
    expect(getSubmission(m.d(), c.submissionId)).toMatchObject({ status: "published", publishedPath: c.draft.path });
  });
});
