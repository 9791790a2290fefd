// Issue numbers for new drafts against a real SQLite file: what is proposed, what is refused, and
// twenty processes asking for a number at the same moment getting 1..20 with no gaps or twins.
import { fork } from "node:child_process";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { abandonDraft, createCorrection, createDraft, openCorrectionFor, proposeNumber, usedNumbers } from "@/db/queries/studio/numbering";
import { approveDraft, submitDraft } from "@/db/queries/studio/review";
import { issues, series } from "@/db/schema";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { recordPublished } from "./lib/record-publication";
import type { ChildInit, ChildReply } from "./lib/studio-numbering-child";
import { addUser as addUserTo, freshDatabase } from "./lib/temp-site";

let file: string;
let d: Db;
let editor: number;

const addUser = (name: string, role: "editor" | "reviewer" = "editor") => addUserTo(d, name, role);

/** An issue file already in the index, as the content sync would have left it. */
function fileIssue(
  number: number,
  o: { seriesId?: string; year?: number; supplement?: boolean; status?: "published" | "draft" | "withdrawn" } = {},
) {
  const seriesId = o.seriesId ?? "jtyx";
  const year = o.year ?? 2024;
  const now = new Date();
  d.insert(series)
    .values({
      id: seriesId,
      name: seriesId,
      organization: "团省委",
      color: "#c00",
      definition: {},
      path: `series/${seriesId}.yml`,
      contentHash: "h",
      syncedAt: now,
    })
    .onConflictDoNothing()
    .run();
  d.insert(issues)
    .values({
      seriesId,
      year,
      number,
      supplement: o.supplement ?? false,
      organization: "团省委",
      date: `${year}-01-01`,
      title: `第${number}期`,
      titleLines: [],
      editor: "编辑",
      visibility: "public",
      status: o.status ?? "published",
      articles: [],
      path: `${seriesId}/${year}/${o.supplement ? "zk" : ""}${number}.mdx`,
      contentHash: "h",
      syncedAt: now,
    })
    .run();
}

const slot = (o: { seriesId?: string; year?: number; supplement?: boolean } = {}) => ({
  seriesId: o.seriesId ?? "jtyx",
  year: o.year ?? 2024,
  supplement: o.supplement ?? false,
});

function newDraft(o: Parameters<typeof slot>[0] & { number?: number } = {}) {
  const s = slot(o);
  return createDraft(d, {
    ...s,
    number: o.number,
    authorId: editor,
    compose: (n) => ({ source: `---\ntitle: 第${n}期\n---\n`, title: `第${n}期` }),
    path: (n) => `${s.seriesId}/${s.year}/${s.supplement ? "zk" : ""}${String(n).padStart(3, "0")}.mdx`,
  });
}

beforeEach(async () => {
  // A database of its own for each test.
  await freshDatabase();
  d = db();
  file = env().databaseFile;
  editor = addUser("alice");
});

describe("proposeNumber", () => {
  it("offers 1 for an empty year and the next number after the ones in use", () => {
    expect(proposeNumber(d, slot())).toBe(1);
    fileIssue(3);
    fileIssue(4);
    // An archive that starts at No. 3 goes on from there rather than filling 1 and 2.
    expect(proposeNumber(d, slot())).toBe(5);
  });

  it("fills a gap above the lowest number, such as one given back by an abandoned draft", () => {
    fileIssue(3);
    fileIssue(5);
    expect(proposeNumber(d, slot())).toBe(4);
    expect(newDraft().number).toBe(4);
    expect(proposeNumber(d, slot())).toBe(6);
    const six = newDraft();
    newDraft();
    abandonDraft(d, { draftId: six.draftId, actorId: editor, comment: "重复" });
    expect(usedNumbers(d, slot())).toEqual([3, 4, 5, 7]);
    expect(newDraft().number).toBe(6);
  });

  it("counts unpublished and withdrawn issue files as taken", () => {
    fileIssue(1, { status: "draft" });
    fileIssue(2, { status: "withdrawn" });
    expect(proposeNumber(d, slot())).toBe(3);
  });

  it("keeps 增刊, each year and each series on a sequence of their own", () => {
    for (const n of [1, 2, 3]) fileIssue(n);
    expect(proposeNumber(d, slot({ supplement: true }))).toBe(1);
    expect(newDraft({ supplement: true }).number).toBe(1);
    expect(proposeNumber(d, slot())).toBe(4);
    expect(proposeNumber(d, slot({ year: 2025 }))).toBe(1);
    expect(proposeNumber(d, slot({ seriesId: "qnxx" }))).toBe(1);
  });

  it("keeps a published number taken before the sync has indexed its file", () => {
    const reviewer = addUser("bob", "reviewer");
    const first = newDraft();
    submitDraft(d, { draftId: first.draftId, revisionId: first.revisionId, actorId: editor });
    approveDraft(d, { draftId: first.draftId, revisionId: first.revisionId, actorId: reviewer });
    recordPublished(d, { draftId: first.draftId, actorId: reviewer });
    expect(proposeNumber(d, slot())).toBe(2);
    expect(() => newDraft({ number: 1 })).toThrow(expect.objectContaining({ code: "studio:number-taken" }));
  });
});

describe("createDraft with a chosen number", () => {
  it("takes a free number and refuses one held by a file or by another draft", () => {
    fileIssue(3);
    expect(newDraft({ number: 10 }).number).toBe(10);
    expect(() => newDraft({ number: 3 })).toThrow(
      expect.objectContaining({ code: "studio:number-taken", publicMessage: "第3期已被占用：请换一个期号" }),
    );
    expect(() => newDraft({ number: 10 })).toThrow(expect.objectContaining({ code: "studio:number-taken" }));
    expect(() => newDraft({ number: 0 })).toThrow(expect.objectContaining({ code: "studio:invalid-input" }));
    expect(usedNumbers(d, slot())).toEqual([3, 10]);
  });

  it("turns a collision caught by the unique index into studio:number-taken", () => {
    const s = slot();
    // Another writer slips in the same number between the check and the insert.
    const sneak = (n: number) =>
      d.$client
        .prepare(
          "INSERT INTO drafts (kind, series_id, year, number, supplement, path, status, created_by, created_at, updated_at) VALUES ('new', ?, ?, ?, 0, 'x.mdx', 'draft', ?, 0, 0)",
        )
        .run(s.seriesId, s.year, n, editor);
    const attempt = () =>
      createDraft(d, {
        ...s,
        authorId: editor,
        compose: (n) => {
          sneak(n);
          return { source: "---\n---\n", title: "" };
        },
        path: () => "jtyx/2024/001.mdx",
      });
    expect(attempt).toThrow(expect.objectContaining({ code: "studio:number-taken", publicMessage: "第1期已被占用：请换一个期号" }));
    expect(usedNumbers(d, s)).toEqual([]);
  });
});

describe("createCorrection", () => {
  it("allows one open correction per published file and none holds a number", () => {
    fileIssue(3);
    const input = {
      ...slot(),
      number: 3,
      path: "jtyx/2024/3.mdx",
      baseHash: "abc",
      source: "---\ntitle: 更正\n---\n",
      title: "更正",
      authorId: editor,
    };
    const first = createCorrection(d, input);
    expect(openCorrectionFor(d, input.path)).toBe(first.draftId);
    expect(() => createCorrection(d, input)).toThrow(
      expect.objectContaining({ code: "studio:bad-transition", publicMessage: "这一期已有一份正在进行的更正稿" }),
    );
    expect(proposeNumber(d, slot())).toBe(4);
    abandonDraft(d, { draftId: first.draftId, actorId: editor });
    expect(openCorrectionFor(d, input.path)).toBeUndefined();
    expect(createCorrection(d, input).draftId).not.toBe(first.draftId);
  });
});

describe("numbering under concurrency", () => {
  it("gives twenty processes creating drafts at once the numbers 1..20, and reoffers an abandoned one", async () => {
    const script = path.resolve(import.meta.dirname, "lib/studio-numbering-child.ts");
    const init: ChildInit = { file, authorId: editor, seriesId: "jtyx", year: 2024 };
    const children = Array.from({ length: 20 }, () =>
      fork(script, [], { execArgv: ["--import", "tsx", "--conditions=react-server"], stdio: ["ignore", "inherit", "inherit", "ipc"] }),
    );
    const next = (c: (typeof children)[number]) =>
      new Promise<ChildReply>((resolve, reject) => {
        c.once("message", (m: ChildReply) => resolve(m));
        c.once("exit", (code) => reject(new Error(`child exited with ${code} before replying`)));
      });
    try {
      const ready = children.map(next);
      for (const c of children) c.send({ init });
      expect(await Promise.all(ready)).toEqual(children.map(() => ({ ready: true })));
      const results = children.map(next);
      for (const c of children) c.send("go");
      const replies = await Promise.all(results);
      const numbers = replies.map((r) => ("number" in r ? r.number : r));
      expect([...numbers].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill();
    }
    const seven = d.$client.prepare<[], { id: number }>("SELECT id FROM drafts WHERE number = 7").get()!;
    abandonDraft(d, { draftId: seven.id, actorId: editor });
    expect(proposeNumber(d, slot())).toBe(7);
  }, 120_000);
});
