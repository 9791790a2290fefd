// What a Word file exported by Jianbao states about its issue in its custom document properties
// (lib/docx/properties.ts): the 总第N期 a series may not print, visibility, status and the title's
// exact lines. Read only from files whose zip has passed checkZip, believed only with this site's
// seal (lib/auth/file-seal.ts: anyone can write a custom property) and where the visible masthead
// says the same (series, year, number, date, title): a file edited after its export, or made
// elsewhere, is recognised from what it shows. It never makes an issue more public than its
// printed marking.
import JSZip from "jszip";
import { z } from "zod";
import { sealHolds } from "@/lib/auth/file-seal";
import { STATED_PROPERTY, STATED_SEAL_PROPERTY } from "@/lib/docx/properties";

// No control, format or private-use characters: the importer marks bold and footnotes with
// private-use characters, and a stated title holding them could say more than the page shows.
const text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\p{Cc}\p{Cf}\p{Co}]*$/u);

const statedSchema = z.object({
  series: text(40),
  year: z.int(),
  number: z.int(),
  supplement: z.literal(true).optional(),
  total: z.int().min(1).max(1_000_000).optional(),
  date: text(10),
  title: z.union([text(200), z.array(text(60)).min(1).max(4)]),
  subtitle: text(200).optional(),
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

/** A custom property's text value in docProps/custom.xml, found by indexOf (the part is read once, whatever it holds). */
function propertyValue(xml: string, name: string): string | undefined {
  const at = xml.indexOf(`name="${name}"`);
  if (at < 0) return undefined;
  const open = xml.indexOf("<vt:lpwstr>", at);
  const close = xml.indexOf("</vt:lpwstr>", open);
  const end = xml.indexOf("</property>", at);
  if (open < 0 || close < 0 || (end >= 0 && open > end)) return undefined;
  return unescapeXml(xml.slice(open + "<vt:lpwstr>".length, close));
}

/** The stated frontmatter of a .docx (already checked by checkZip) sealed by this site, or undefined. */
export async function readStated(bytes: Uint8Array): Promise<StatedFrontmatter | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("docProps/custom.xml")?.async("string");
    if (!xml) return undefined;
    const value = propertyValue(xml, STATED_PROPERTY);
    const mac = propertyValue(xml, STATED_SEAL_PROPERTY);
    if (value === undefined || mac === undefined || !sealHolds(value, mac)) return undefined;
    const parsed = statedSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A stated title as one string without white space (it holds no marks: statedSchema). */
export const statedTitle = (title: string | string[]) => (Array.isArray(title) ? title.join("") : title).replace(/[\s\u3000]+/g, "");
