// The archive's lists in an order that does not depend on how rows happen to be stored.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_CONTENT, tempSite, type TempSite } from "./lib/temp-site";

let site: TempSite;
let archive: typeof import("@/db/queries/archive");
let dbModule: typeof import("@/db/index");
let schema: typeof import("@/db/schema");

beforeAll(async () => {
  site = await tempSite();
  await site.write("series/jtyx.yml", await fs.readFile(path.join(REPO_CONTENT, "series/jtyx.yml"), "utf8"));
  await site.write("jtyx/2022/003.mdx", await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8"));
  expect(await (await import("@/lib/content/sync")).syncContent({ root: site.contentDir })).toMatchObject({ added: 1, failed: 0 });
  archive = await import("@/db/queries/archive");
  dbModule = await import("@/db/index");
  schema = await import("@/db/schema");
});

afterAll(async () => {
  dbModule?.closeDb();
  await site?.cleanup();
});

describe("archive lists", () => {
  it("lists series that share a name by their id", async () => {
    const d = dbModule.db();
    // Stored in the opposite order of their ids.
    for (const id of ["zz", "aa"]) {
      d.insert(schema.series).values({ id, name: "晋团要讯", organization: "团省委", color: "#E60012", definition: { id, name: "晋团要讯" }, path: `series/${id}.yml`, contentHash: "x", syncedAt: new Date() }).run();
    }
    expect((await archive.listSeries()).map((s) => s.id)).toEqual(["aa", "jtyx", "zz"]);
    d.delete(schema.series).where((await import("drizzle-orm")).inArray(schema.series.id, ["aa", "zz"])).run();
  });
});
