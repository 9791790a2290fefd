// Pictures in drafts, through the real services: an upload is judged by its bytes and named by
// its hash; the draft's checks count its pictures as present; a picture the text shows cannot be
// removed; publication writes the pictures the text shows beside the issue file, before the file,
// never over a different file; an imported Word file brings its pictures into the draft.
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as check from "@/lib/studio/check-draft";
import * as importDraft from "@/lib/studio/import-draft";
import { bold, colophon, docxOf, masthead } from "./lib/docx-fixtures";
import { GIF_1X1, JPEG_1X1, pngOf, SVG, WEBP_1X1 } from "./lib/pictures";
import { approve, draftFields, key2026 as key, newDraft, studio, studioSite } from "./lib/studio-site";
import { site } from "./lib/temp-site";

vi.mock("next/link", () => ({ default: () => null }));

let editor: number;
let reviewer: number;
const m = { ...studio, check, importDraft };

beforeAll(async () => {
  ({ editor, reviewer } = await studioSite());
}, 60_000);

const folderOf = (number: number) => `${String(number).padStart(3, "0")}.media`;

function upload(draftId: number, bytes: Uint8Array, originalName = "照片.png") {
  const picture = m.picture.readPicture(bytes, originalName);
  return m.media.addDraftPicture(m.d(), { draftId, picture, originalName, bytes, actorId: editor });
}

/** Saves `body` as the draft's next revision; returns the revision id. */
function save(draftId: number, number: number, title: string, body: string): number {
  const draft = m.drafts.getDraft(m.d(), draftId)!;
  const saved = m.revisions.saveRevision(m.d(), {
    draftId,
    baseRevisionId: draft.headRevisionId!,
    source: m.source.composeSource(key(number), draftFields(title), body),
    title,
    authorId: editor,
    kind: "save",
  });
  if (!saved.ok) throw new Error("save refused");
  return saved.revision.id;
}

const reviewerUser = () => ({ id: reviewer, email: "r@example.org" });

describe("reading an uploaded picture", () => {
  it("takes PNG, JPEG, GIF and WebP by their bytes, names them by their hash and reads their size", () => {
    const png = m.picture.readPicture(pngOf(1200, 800), "a.png");
    expect(png).toMatchObject({ type: "image/png", width: 1200, height: 800 });
    expect(png.name).toMatch(/^[0-9a-f]{16}\.png$/);
    expect(png.name).toBe(m.picture.readPicture(pngOf(1200, 800), "renamed.jpg").name);
    expect(m.picture.readPicture(pngOf(1200, 801), "b.png").name).not.toBe(png.name);
    expect(m.picture.readPicture(JPEG_1X1, "x.png")).toMatchObject({ type: "image/jpeg", width: 1, height: 1 });
    expect(m.picture.readPicture(JPEG_1X1, "x.png").name).toMatch(/\.jpg$/);
    expect(m.picture.readPicture(GIF_1X1, "x").name).toMatch(/\.gif$/);
    expect(m.picture.readPicture(WEBP_1X1, "x").name).toMatch(/\.webp$/);
  });

  it("refuses SVG, other files under a picture's name, empty and oversized files, naming the file", () => {
    const refused = (bytes: Uint8Array, name: string) => {
      try {
        m.picture.readPicture(bytes, name);
      } catch (error) {
        return error as { code: string; publicMessage: string };
      }
      throw new Error(`${name} was accepted`);
    };
    expect(refused(SVG, "logo.svg")).toMatchObject({
      code: "studio:invalid-picture",
      publicMessage: expect.stringMatching(/^「logo\.svg」不是 PNG、JPEG、GIF 或 WebP 图片/),
    });
    expect(refused(new TextEncoder().encode("<html><script>x</script></html>"), "page.png").publicMessage).toMatch(
      /^「page\.png」不是 PNG/,
    );
    expect(refused(new Uint8Array(0), "empty.png").publicMessage).toBe("「empty.png」是空文件");
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(pngOf(2, 2));
    expect(refused(huge, "huge.png").publicMessage).toMatch(/^「huge\.png」有 10\.0 MB，超过每张图片 10 MB 的上限/);
  });
});

describe("a draft's pictures", () => {
  it("keeps one copy of a picture uploaded twice, and refuses new ones once the draft is abandoned", async () => {
    const { draftId } = newDraft("同图两传");
    expect(upload(draftId, pngOf(900, 600)).added).toBe(true);
    const again = upload(draftId, pngOf(900, 600), "又一次.png");
    expect(again).toMatchObject({ added: false, item: { originalName: "照片.png" } });
    expect(m.media.listDraftMedia(m.d(), draftId)).toHaveLength(1);
    m.numbering.abandonDraft(m.d(), { draftId, actorId: editor });
    expect(() => upload(draftId, pngOf(900, 601))).toThrow(/已放弃，不能添加图片/);
  });

  it("counts its own pictures as present in the checks, and flags a picture it does not have at its line", async () => {
    const { draftId, number } = newDraft("有图的一期");
    const { item } = upload(draftId, pngOf(1000, 700));
    const body = `第一段。\n\n<Figure src="${folderOf(number)}/${item.name}" caption="图一" />\n\n<Figure src="${folderOf(number)}/0000000000000000.png" />\n`;
    const source = m.source.composeSource(key(number), draftFields("有图的一期"), body);
    const { check } = await m.check.checkDraft(key(number), source, draftId);
    expect(check.count).toBe(1);
    expect(check.body).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining("找不到图片文件 jtyx/2026/") })]);
    // The same text judged as a file on disk (no draft): its own picture is missing too.
    expect((await m.check.checkDraft(key(number), source, null)).check.count).toBe(2);
  });

  it("refuses to remove a picture the current text shows, at its body line, and removes it once unused", () => {
    const { draftId, number } = newDraft("删图");
    const { item } = upload(draftId, pngOf(1000, 700));
    save(draftId, number, "删图", `一段。\n\n<Figure src="${folderOf(number)}/${item.name}" />`);
    expect(() => m.media.removeDraftPicture(m.d(), { draftId, name: item.name, lineShowing: m.source.lineShowingPicture })).toThrow(
      "正文第 3 行还在使用这张图片",
    );
    save(draftId, number, "删图", "一段。");
    m.media.removeDraftPicture(m.d(), { draftId, name: item.name, lineShowing: m.source.lineShowingPicture });
    expect(m.media.listDraftMedia(m.d(), draftId)).toEqual([]);
  });
});

describe("publishing a draft with pictures", () => {
  it("writes the pictures the text shows beside the issue file, and not the unused ones", async () => {
    const { draftId, number } = newDraft("图文一期");
    const shown = upload(draftId, pngOf(1000, 700)).item;
    const unused = upload(draftId, pngOf(1000, 702), "没用上.png").item;
    const revision = save(draftId, number, "图文一期", `正文。\n\n<Figure src="${folderOf(number)}/${shown.name}" caption="活动现场" />`);
    approve(draftId, revision);
    const { path: rel } = await m.publish.publishDraft(draftId, reviewerUser());
    const dir = path.join(site.contentDir, "jtyx/2026", folderOf(number));
    expect(await fs.readdir(dir)).toEqual([shown.name]);
    expect(new Uint8Array(await fs.readFile(path.join(dir, shown.name)))).toEqual(pngOf(1000, 700));
    expect(await fs.readFile(path.join(site.contentDir, rel), "utf8")).toContain(
      `<Figure src="${folderOf(number)}/${shown.name}" caption="活动现场" />`,
    );
    expect(unused.name).not.toBe(shown.name);
    // The published picture is read from content/ from now on; the unused one stays with the draft.
    expect(m.media.listDraftMedia(m.d(), draftId).map((x) => x.name)).toEqual([unused.name]);
    // The published file passes the content checks with no draft behind it.
    const { check } = await m.check.checkDraft(key(number), await fs.readFile(path.join(site.contentDir, rel), "utf8"), null);
    expect(check.ok).toBe(true);
  });

  it("keeps a file of the same name and bytes, refuses a different one, and then writes nothing", async () => {
    const { draftId, number } = newDraft("撞名的图");
    const a = upload(draftId, pngOf(1000, 710)).item;
    const b = upload(draftId, pngOf(1000, 711)).item;
    const revision = save(
      draftId,
      number,
      "撞名的图",
      `<Figure src="${folderOf(number)}/${a.name}" />\n\n<Figure src="${folderOf(number)}/${b.name}" />`,
    );
    approve(draftId, revision);
    const dir = path.join(site.contentDir, "jtyx/2026", folderOf(number));
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, a.name), pngOf(1000, 710));
    await fs.writeFile(path.join(dir, b.name), "a different file put here by hand");
    await expect(m.publish.publishDraft(draftId, reviewerUser())).rejects.toMatchObject({
      code: "studio:file-changed",
      publicMessage: expect.stringContaining(`content/jtyx/2026/${folderOf(number)}/${b.name} 已经存在，而且与稿件中的图片不同`),
    });
    expect((await fs.readdir(dir)).sort()).toEqual([a.name, b.name].sort());
    expect(await fs.readFile(path.join(dir, b.name), "utf8")).toBe("a different file put here by hand");
    await expect(fs.stat(path.join(site.contentDir, `jtyx/2026/${String(number).padStart(3, "0")}.mdx`))).rejects.toMatchObject({
      code: "ENOENT",
    });
    expect(m.drafts.getDraft(m.d(), draftId)?.status).toBe("approved");
  });

  it("removes the pictures it placed when the issue file cannot be written", async () => {
    const { draftId, number } = newDraft("文件已存在");
    const a = upload(draftId, pngOf(1000, 720)).item;
    const revision = save(draftId, number, "文件已存在", `<Figure src="${folderOf(number)}/${a.name}" />`);
    approve(draftId, revision);
    await site.write(`jtyx/2026/${String(number).padStart(3, "0")}.mdx`, "someone else's file");
    await expect(m.publish.publishDraft(draftId, reviewerUser())).rejects.toMatchObject({ code: "studio:file-exists" });
    await expect(fs.stat(path.join(site.contentDir, "jtyx/2026", folderOf(number)))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("importing a Word file with pictures", () => {
  it("brings the pictures into the draft under the studio's names, and the draft passes its checks", async () => {
    const photo = pngOf(1000, 600, [200, 60, 40]);
    const docx = await docxOf([
      ...masthead("〔2026〕第30期", "2026年11月2日"),
      bold("图片新闻一则"),
      "正文一段。",
      { image: photo, alt: "志愿者在社区服务" },
      ...colophon,
    ]);
    const file = new File([new Uint8Array(docx)], "图片新闻.docx");
    const user = { id: editor, email: "e@example.org", name: "王编辑", role: "editor" as const, seriesIds: null, unitId: null };
    const draftId = await m.importDraft.importAsDraft(user, file, "jtyx");
    const draft = m.drafts.getDraft(m.d(), draftId)!;
    const [item] = m.media.listDraftMedia(m.d(), draftId);
    expect(item).toMatchObject({ type: "image/png", width: 1000, height: 600, name: m.picture.readPicture(photo, "x").name });
    expect(draft.source).toContain(`<Figure src="030.media/${item!.name}"`);
    expect(new Uint8Array(m.media.getDraftPicture(m.d(), draftId, item!.name)!.bytes)).toEqual(photo);
    const { check } = await m.check.checkDraft({ series: "jtyx", year: 2026, number: 30, supplement: false }, draft.source, draftId);
    expect(check.ok).toBe(true);
  });
});
