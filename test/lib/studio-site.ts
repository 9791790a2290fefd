// A temporary site for studio tests: the jtyx series (and any sample issues asked for) synced
// into a fresh database, an editor 王编辑 and a reviewer 李审核, and a form's worth of fields.
import fs from "node:fs/promises";
import path from "node:path";
import { REPO_CONTENT, type TempSite, tempSite } from "./temp-site";

export type StudioSite = { site: TempSite; editor: number; reviewer: number };

export async function studioSite(sampleIssues: string[] = []): Promise<StudioSite> {
  const site = await tempSite();
  for (const rel of ["series/jtyx.yml", ...sampleIssues]) await site.write(rel, await fs.readFile(path.join(REPO_CONTENT, rel), "utf8"));
  await (await import("@/lib/content/sync")).syncContent({ root: site.contentDir });
  const { db } = await import("@/lib/database");
  const { createUser } = await import("@/db/queries/users");
  const editor = createUser(db(), { email: "e@example.org", name: "王编辑", role: "editor", passwordHash: "scrypt$x" }).id;
  const reviewer = createUser(db(), { email: "r@example.org", name: "李审核", role: "reviewer", passwordHash: "scrypt$x" }).id;
  return { site, editor, reviewer };
}

/** The issue form filled in for a 2026 issue with the given title. */
export const draftFields = (title: string) => ({
  titleLines: [title],
  date: "2026-11-20",
  organization: "",
  marking: "",
  visibility: "public" as const,
  editor: "赵坚",
  copies: "",
  total: "",
  subtitle: "",
  preface: "",
  distribution: { report: ["省委办公厅"], send: [], issue: ["市级团委"] },
});
