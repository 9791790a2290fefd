// The font faces of the official layout. Office fonts (仿宋_GB2312, 方正小标宋…) are named first in
// official.css; these Fandol files ship with the project (public/fonts, TrueType outlines so
// Chromium embeds them as real subset fonts in PDFs) and make any machine print correctly.
export const FONT_FILES = [
  "FandolFang-Regular",
  "FandolSong-Bold",
  "FandolKai-Regular",
  "FandolHei-Regular",
  "FandolSong-Regular",
] as const;
export type FontFile = (typeof FONT_FILES)[number];

type Face = { family: string; weight: string; file: FontFile };

// Bold runs in the body get a real bold face: synthetic bold turns into Type 3 fonts in PDFs.
const FACES: Face[] = [
  { family: "JB Fang", weight: "400", file: "FandolFang-Regular" },
  { family: "JB Fang", weight: "700", file: "FandolSong-Bold" },
  { family: "JB XBS", weight: "400 700", file: "FandolSong-Bold" },
  { family: "JB Kai", weight: "400 700", file: "FandolKai-Regular" },
  { family: "JB Hei", weight: "400 700", file: "FandolHei-Regular" },
  { family: "JB Song", weight: "400", file: "FandolSong-Regular" },
];

export function isFontFile(name: string): name is FontFile {
  return (FONT_FILES as readonly string[]).includes(name);
}

/** The full fonts, for pages whose text is not known in advance (e.g. a live preview). */
export const fullFontUrl = (file: FontFile) => `/fonts/${file}.woff2`;

/** @font-face rules for the official layout, with each file's URL given by `url`. */
export function fontFaceCss(url: (file: FontFile) => string): string {
  return FACES.map(
    (f) =>
      `@font-face{font-family:"${f.family}";src:url("${url(f.file)}") format("${url(f.file).endsWith(".woff2") ? "woff2" : "truetype"}");font-weight:${f.weight};font-display:block}`,
  ).join("\n");
}
