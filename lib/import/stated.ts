// What a Word file exported by Jianbao states about its issue in its custom document properties
// (lib/docx/properties.ts): the 总第N期 a series may not print, visibility, status and the title's
// exact lines. Read only from files whose zip has passed checkZip, and believed only where the
// visible masthead says the same (series, year, number, date, title): a file edited after its
// export, or made elsewhere, is recognised from what it shows. It never makes an issue more
// public than its printed marking.
import JSZip from "jszip";
import { z } from "zod";
import { compact } from "./normalize";

/** The property's name, as lib/docx/properties.ts writes it. */
const PROPERTY = "JianbaoFrontmatter";

const statedSchema = z.object({
  series: z.string().max(40),
  year: z.int(),
  number: z.int(),
  supplement: z.literal(true).optional(),
  total: z.int().min(1).max(1_000_000).optional(),
  date: z.string().max(10),
  title: z.union([z.string().max(200), z.array(z.string().max(60)).min(1).max(4)]),
  subtitle: z.string().max(200).optional(),
  visibility: z.enum(["public", "internal"]),
  status: z.enum(["published", "draft", "withdrawn"]),
});

export type StatedFrontmatter = z.infer<typeof statedSchema>;

const ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(quot|amp|lt|gt|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : ENTITIES[e]!,
  );

/** The stated frontmatter of a .docx (already checked by checkZip), or undefined. */
export async function readStated(bytes: Uint8Array): Promise<StatedFrontmatter | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("docProps/custom.xml")?.async("string");
    if (!xml) return undefined;
    // Found by indexOf, not by an expression: the part is read once, whatever it holds.
    const at = xml.indexOf(`name="${PROPERTY}"`);
    if (at < 0) return undefined;
    const open = xml.indexOf("<vt:lpwstr>", at);
    const close = xml.indexOf("</vt:lpwstr>", open);
    const end = xml.indexOf("</property>", at);
    if (open < 0 || close < 0 || (end >= 0 && open > end)) return undefined;
    const parsed = statedSchema.safeParse(JSON.parse(unescapeXml(xml.slice(open + "<vt:lpwstr>".length, close))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const statedTitle = (title: string | string[]) => compact(Array.isArray(title) ? title.join("") : title);
