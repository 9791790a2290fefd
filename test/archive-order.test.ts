// The archive's lists in an order that does not depend on how rows happen to be stored: series
// that share a name, and a body that is both 报 and 送 of one issue.
import fs from "node:fs/promises";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as archive from "@/db/queries/archive";
import * as schema from "@/db/schema";
import { syncContent } from "@/lib/content/sync";
import * as dbModule from "@/lib/database";
import { parseQuery } from "@/lib/search/text";
import { REPO_CONTENT, site } from "./lib/temp-site";

beforeAll(async () => {
  await site.write("series/jtyx.yml", await fs.readFile(path.join(REPO_CONTENT, "series/jtyx.yml"), "utf8"));
  await site.write("jtyx/2022/003.mdx", await fs.readFile(path.join(REPO_CONTENT, "jtyx/2022/003.mdx"), "utf8"));
  expect(await syncContent({ root: site.contentDir })).toMatchObject({ added: 1, failed: 0 });
});

describe("archive lists", () => {
  it("lists series that share a name by their id", async () => {
    const d = dbModule.db();
    // Stored in the opposite order of their ids.
    for (const id of ["zz", "aa"]) {
      d.insert(schema.series)
        .values({
          id,
          name: "晋团要讯",
          organization: "团省委",
          color: "#E60012",
          definition: { id, name: "晋团要讯" },
          path: `series/${id}.yml`,
          contentHash: "x",
          syncedAt: new Date(),
        })
        .run();
    }
    expect((await archive.listSeries(dbModule.db())).map((s) => s.id)).toEqual(["aa", "jtyx", "zz"]);
    d.delete(schema.series)
      .where(inArray(schema.series.id, ["aa", "zz"]))
      .run();
  });

  it("names 报 before 送 for a body that is both, however its rows were stored", async () => {
    const d = dbModule.db();
    const issue = d.select().from(schema.issues).where(eq(schema.issues.path, "jtyx/2022/003.mdx")).get()!;
    // 团中央办公厅 is the last of the 报 list; add it to 送 too, stored before its 报 row.
    const report = d.select().from(schema.distributions).where(eq(schema.distributions.body, "团中央办公厅")).all();
    expect(report).toEqual([expect.objectContaining({ issueId: issue.id, kind: "report" })]);
    d.delete(schema.distributions).where(eq(schema.distributions.body, "团中央办公厅")).run();
    d.insert(schema.distributions).values({ issueId: issue.id, kind: "send", position: 99, body: "团中央办公厅" }).run();
    d.insert(schema.distributions).values(report).run();
    const { received } = await archive.issuesOfOrganization(d, { name: "团中央办公厅", terms: parseQuery("团中央办公厅").terms });
    expect(received.map((r) => r.kinds)).toEqual([["report", "send"]]);
  });
});
