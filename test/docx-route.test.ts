// GET /<series>/<year>/<number>/docx called as Next calls it, for every kind of reader: a public
// issue for everyone, an internal one only for signed-in studio users (editor, reviewer, admin),
// as with PDFs; caching headers that keep internal files out of shared caches; 304 on a match.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as get } from "@/app/(public)/[series]/[year]/[number]/docx/route";
import { createUser, getUser } from "@/db/queries/users";
import { db } from "@/lib/database";
import { type StudioSite, studioSite } from "./lib/studio-site";

const session: { current: { uid: number; epoch: number } | null } = { current: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => session.current),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

let s: StudioSite;
const users: Record<string, number | null> = { anonymous: null };

const docx = (year: string, number: string, headers: Record<string, string> = {}) =>
  get(new Request(`http://127.0.0.1/jtyx/${year}/${number}/docx`, { headers }), {
    params: Promise.resolve({ series: "jtyx", year, number }),
  });

async function as(role: string) {
  const id = users[role];
  if (id == null) session.current = null;
  else {
    session.current = { uid: id, epoch: getUser(db(), id)!.sessionEpoch };
  }
}

beforeAll(async () => {
  s = await studioSite(["jtyx/2022/003.mdx", "jtyx/2023/006.mdx"]);
  users.editor = s.editor;
  users.reviewer = s.reviewer;
  users.admin = createUser(db(), { email: "a@example.org", name: "张管理", role: "admin", passwordHash: "scrypt$x" }).id;
}, 120_000);

describe.each(["anonymous", "editor", "reviewer", "admin"])("as %s", (role) => {
  it("downloads the public issue as a Word file under its Chinese name, cacheable by anyone", async () => {
    await as(role);
    const r = await docx("2022", "3");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(r.headers.get("content-disposition")).toBe(
      `attachment; filename="jtyx-2022-3.docx"; filename*=UTF-8''${encodeURIComponent("晋团要讯〔2022〕第3期.docx").replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(r.headers.get("cache-control")).toBe("public, max-age=300");
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const again = await docx("2022", "3", { "if-none-match": r.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it(
    role === "anonymous"
      ? "gets no Word file of the internal issue (404, as if it did not exist)"
      : "downloads the internal issue, never to be cached",
    async () => {
      await as(role);
      const r = await docx("2023", "6");
      if (role === "anonymous") {
        expect(r.status).toBe(404);
        expect(await r.text()).toBe("没有找到这一期简报。");
        // Its ETag opens nothing either.
        await as("editor");
        const etag = (await docx("2023", "6")).headers.get("etag")!;
        await as("anonymous");
        expect((await docx("2023", "6", { "if-none-match": etag })).status).toBe(404);
      } else {
        expect(r.status).toBe(200);
        expect(r.headers.get("cache-control")).toBe("private, no-store");
      }
    },
  );
});

it("answers 404 for an unknown issue and for a malformed number", async () => {
  await as("admin");
  expect((await docx("2022", "99")).status).toBe(404);
  expect((await docx("2022", "x")).status).toBe(404);
});
