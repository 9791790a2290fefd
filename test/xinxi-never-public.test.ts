// 信息报送 is never public: a unit's submissions stay out of the archive's search, a contributor
// (报送员) signed in reads no internal issue, and no 信息报送 route is one the page cache keeps.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { searchIssues } from "@/db/queries/search";
import { createUser } from "@/db/queries/users";
import { insertSubmission } from "@/db/queries/xinxi/submissions";
import { createUnit } from "@/db/queries/xinxi/units";
import { db } from "@/lib/database";
import { CACHEABLE_ROUTES } from "@/lib/page-cache.mjs";
import { indexTexts, parseQuery } from "@/lib/search/text";
import { viewerMayReadInternal } from "@/lib/viewer";
import { studioSite } from "./lib/studio-site";

const session: { current: { uid: number; epoch: number } | null } = { current: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => session.current),
}));

const TITLE = "晋祠杏花节青年志愿服务队圆满完成保障任务";
let contributor = 0;
let editor = 0;

beforeAll(async () => {
  const { editor: e } = await studioSite(["jtyx/2022/003.mdx"]);
  editor = e;
  const unit = createUnit(db(), { name: "共青团太原市委", shortName: "团太原市委", level: "city" });
  contributor = createUser(db(), {
    email: "c@example.org",
    name: "报送员",
    role: "contributor",
    passwordHash: "scrypt$x",
    unitId: unit.id,
  }).id;
  const body = `${TITLE}。志愿者们在晋祠杏花节期间提供咨询、引导和应急服务。`;
  db().transaction((tx) =>
    insertSubmission(tx, {
      unitId: unit.id,
      seriesId: "jtyx",
      callId: null,
      urgent: false,
      contactName: "张三",
      contactPhone: "0351-1234567",
      version: { title: TITLE, body },
      pictures: [],
      search: { titlePairs: indexTexts(TITLE).pairs, bodyPairs: indexTexts(body).pairs },
      actorId: contributor,
      at: new Date(),
    }),
  );
});

describe("信息报送 stays out of public reach", () => {
  it("the archive's search does not find a submission, even for a reader who may see internal issues", () => {
    const search = (q: string, includeInternal: boolean) =>
      searchIssues(db(), { terms: parseQuery(q).terms, page: 1, perPage: 10, sort: "relevance", includeInternal }).total;
    // The same search does find the published sample issue: the index is there and answering.
    expect(search("少先队", false)).toBeGreaterThan(0);
    for (const includeInternal of [false, true]) expect(search("杏花节", includeInternal)).toBe(0);
  });

  it("a signed-in contributor reads internal issues no more than the public does; an editor does", async () => {
    session.current = { uid: contributor, epoch: 0 };
    expect(await viewerMayReadInternal()).toBe(false);
    session.current = { uid: editor, epoch: 0 };
    expect(await viewerMayReadInternal()).toBe(true);
    session.current = null;
    expect(await viewerMayReadInternal()).toBe(false);
  });

  it("no studio route is one the page cache may keep", () => {
    expect(CACHEABLE_ROUTES.filter((r: string) => r.startsWith("/studio"))).toEqual([]);
  });
});
