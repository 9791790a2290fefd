// The faces of the official layout as Word names them. Every run names its face for East Asian
// and Latin text alike (w:rFonts ascii/hAnsi/eastAsia/cs, never a theme font: WPS reports theme
// fonts as missing), and the font table tells Word and WPS what to put in its place when an
// office lacks one (w:altName, the GB2312 character set, the panose class). LibreOffice finds its
// own substitutes through fontconfig; the test gives it the project's Fandol faces that way.
export type FontRole = "fang" | "xbs" | "kai" | "hei" | "song";

type Face = { name: string; altName: string; panose: string; family: "roman" | "modern" | "script" | "swiss" };

export const FACES: Record<FontRole, Face> = {
  fang: { name: "仿宋_GB2312", altName: "仿宋", panose: "02010609030101010101", family: "modern" },
  xbs: { name: "方正小标宋简体", altName: "方正小标宋_GBK", panose: "02000000000000000000", family: "script" },
  kai: { name: "楷体_GB2312", altName: "楷体", panose: "02010609030101010101", family: "modern" },
  hei: { name: "黑体", altName: "SimHei", panose: "02010609060101010101", family: "modern" },
  song: { name: "宋体", altName: "SimSun", panose: "02010600030101010101", family: "modern" },
};

/** One face for all four scripts: digits and Latin letters in the body print in 仿宋, as in the PDF. */
export function runFonts(role: FontRole) {
  const name = FACES[role].name;
  // hint eastAsia: characters Word counts as ambiguous (“” ‘’ — …) take the East Asian face.
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: "eastAsia" };
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** word/fontTable.xml naming every face the document uses, with its alternative and character set (86 = GB2312). */
export function fontTableXml(): string {
  const fonts = Object.values(FACES)
    .map(
      (f) =>
        `<w:font w:name="${xmlText(f.name)}"><w:altName w:val="${xmlText(f.altName)}"/><w:panose1 w:val="${f.panose}"/>` +
        `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="fixed"/>` +
        `<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000010" w:usb3="00000000" w:csb0="00040000" w:csb1="00000000"/></w:font>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

/**
 * −0.3 pt between characters, as official.css: 28 characters of 3号 fill the 156 mm line, in Word,
 * WPS and LibreOffice alike. Word's character grid (docGrid linesAndChars or snapToChars, charSpace
 * −842 for a 15.79 pt pitch) is not used, because LibreOffice 7.4 sets 14 characters a line on it,
 * either type (measured): it gives a character as many cells as its advance at its size needs,
 * without the run's spacing, and a 16 pt character needs two cells of 15.79 pt. Cells of 16 pt
 * hold 27 characters on the line, not 28. Only characters scaled to 98 % (w:w) would take one cell
 * each, a distorted face, and titles would still spread (LibreOffice ignores a run's snapToGrid,
 * so 22 pt characters take two cells). So the grid is lines only.
 */
export const BODY_TRACKING = -6;

/** The Normal style, with the body's face, size and tracking written out (see document.ts for why). */
export function normalStyleXml(): string {
  const n = FACES.fang.name;
  return (
    `<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:overflowPunct w:val="0"/></w:pPr>` +
    `<w:rPr><w:rFonts w:ascii="${n}" w:hAnsi="${n}" w:eastAsia="${n}" w:cs="${n}" w:hint="eastAsia"/><w:spacing w:val="${BODY_TRACKING}"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>`
  );
}

/**
 * The theme's fonts made ours: nothing in the document refers to them, but a paragraph an editor
 * adds in Word with a theme style would otherwise ask for Calibri and 等线, which offices lack.
 */
export function themeWithOurFonts(theme: string): string {
  const set = (xml: string, name: string) =>
    xml
      .replace(/<a:latin typeface="[^"]*"/, `<a:latin typeface="${name}"`)
      .replace(/<a:ea typeface="[^"]*"/, `<a:ea typeface="${name}"`)
      .replace(/<a:font script="Hans" typeface="[^"]*"/, `<a:font script="Hans" typeface="${name}"`);
  return theme
    .replace(/<a:majorFont>[\s\S]*?<\/a:majorFont>/, (m) => set(m, FACES.xbs.name))
    .replace(/<a:minorFont>[\s\S]*?<\/a:minorFont>/, (m) => set(m, FACES.fang.name));
}
