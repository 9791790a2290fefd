// The picture routes, called as Next calls them: a picture that is a symlink (to the data
// directory's auth secret, to the database, or through a symlinked folder) is never served, and
// a media name with a malformed percent escape is a plain 404, not a server error.
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as publicGet } from "@/app/(public)/[series]/[year]/[number]/media/[file]/route";
import { GET as studioGet } from "@/app/(studio)/studio/drafts/[id]/media/[file]/route";
import { getPublishedIssue } from "@/db/queries/archive";
import { createCorrection } from "@/db/queries/studio/numbering";
import { getUser } from "@/db/queries/users";
import { authSecret } from "@/lib/auth/secret";
import { syncContent } from "@/lib/content/sync";
import { db } from "@/lib/database";
import { pngOf } from "./lib/pictures";
import { type StudioSite, studioSite } from "./lib/studio-site";

const PNG_1X1 = pngOf(1, 1);

const session: { current: { uid: number; epoch: number } | null } = { current: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => session.current),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

let s: StudioSite;
let draftId: number;
const ISSUE = "jtyx/2022/003.mdx";
const MEDIA = "jtyx/2022/003.media";

const pub = (file: string) =>
  publicGet(new Request(`http://127.0.0.1/jtyx/2022/3/media/${file}`), {
    params: Promise.resolve({ series: "jtyx", year: "2022", number: "3", file }),
  });
const studio = (file: string) =>
  studioGet(new Request(`http://127.0.0.1/studio/drafts/${draftId}/media/${file}`), {
    params: Promise.resolve({ id: String(draftId), file }),
  });

beforeAll(async () => {
  s = await studioSite([ISSUE]);
  const root = s.site.contentDir;
  // The session key and the database the app itself keeps in the data directory.
  authSecret();
  await fs.mkdir(path.join(root, MEDIA), { recursive: true });
  await fs.writeFile(path.join(root, MEDIA, "real.png"), PNG_1X1);
  await fs.symlink(path.join(s.site.dataDir, "auth-secret"), path.join(root, MEDIA, "a.png"));
  await fs.symlink(`../../../${path.relative(root, path.join(s.site.dataDir, "jianbao.sqlite"))}`, path.join(root, MEDIA, "db.png"));
  await fs.symlink("real.png", path.join(root, MEDIA, "alias.png")); // inside the folder, still a link
  // A whole media folder that is a link to a folder outside the content root.
  const outside = path.join(s.site.dataDir, "outside.media");
  await fs.mkdir(outside);
  await fs.copyFile(path.join(s.site.dataDir, "auth-secret"), path.join(outside, "b.png"));
  await fs.mkdir(path.join(root, "jtyx/2023"), { recursive: true });
  await fs.writeFile(
    path.join(root, "jtyx/2023/001.mdx"),
    (await fs.readFile(path.join(root, ISSUE), "utf8"))
      .replace("year: 2022", "year: 2023")
      .replace("date: 2022-", "date: 2023-")
      .replace(/number: \d+/, "number: 1"),
  );
  await fs.symlink(outside, path.join(root, "jtyx/2023/001.media"));
  await syncContent({ root });
  const source = await fs.readFile(path.join(root, ISSUE), "utf8");
  // A correction of the published issue: its preview shows the pictures already beside the file.
  draftId = createCorrection(db(), {
    seriesId: "jtyx",
    year: 2022,
    number: 3,
    supplement: false,
    path: ISSUE,
    baseHash: "x",
    source,
    title: "t",
    authorId: s.editor,
  }).draftId;
  session.current = { uid: s.editor, epoch: getUser(db(), s.editor)!.sessionEpoch };
}, 120_000);

describe("public media route", () => {
  it("serves a real picture beside the issue", async () => {
    const r = await pub("real.png");
    expect(r.status).toBe(200);
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(new Uint8Array(PNG_1X1));
  });

  it("answers 404 for a picture that is a symlink to the auth secret, the database, or another picture", async () => {
    for (const file of ["a.png", "db.png", "alias.png"]) {
      const r = await pub(file);
      expect(r.status, file).toBe(404);
      expect(await r.text(), file).not.toContain(await fs.readFile(path.join(s.site.dataDir, "auth-secret"), "utf8"));
    }
  });

  it("answers 404 for a picture in a media folder that is a symlink out of the content root", async () => {
    expect(
      await getPublishedIssue(db(), { series: "jtyx", year: 2023, number: 1, supplement: false }, { includeInternal: false }),
    ).toBeDefined();
    const r = await publicGet(new Request("http://127.0.0.1/jtyx/2023/1/media/b.png"), {
      params: Promise.resolve({ series: "jtyx", year: "2023", number: "1", file: "b.png" }),
    });
    expect(r.status).toBe(404);
  });

  it("answers 404, not 500, for a media name with a malformed percent escape", async () => {
    for (const file of ["%E4%zz.png", "%", "a%.png", "%E4.png"]) expect((await pub(file)).status, file).toBe(404);
  });
});

describe("studio media route", () => {
  it("serves a published picture of the draft's issue", async () => {
    expect((await studio("real.png")).status).toBe(200);
  });

  it("answers 404 for a published picture that is a symlink", async () => {
    for (const file of ["a.png", "db.png", "alias.png"]) expect((await studio(file)).status, file).toBe(404);
  });

  it("answers 404, not 500, for a media name with a malformed percent escape", async () => {
    for (const file of ["%E4%zz.png", "%", "a%.png"]) expect((await studio(file)).status, file).toBe(404);
  });
});
