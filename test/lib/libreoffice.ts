// LibreOffice (Debian's libreoffice-writer-nogui, headless) as the office suite that checks our
// Word files: it converts them to PDF with the project's Fandol faces standing in for the office
// fonts the documents name, through a private fontconfig, HOME and profile, so nothing on the
// machine (installed fonts, a user's LibreOffice settings) changes the result and nothing is left behind.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { convert } from "fontverter";
import { FACES, type FontRole } from "@/lib/docx/fonts";
import { FONT_FILES, type FontFile } from "@/lib/fonts/faces";

export const SOFFICE = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) => fs.existsSync(p));

// Each office face and the Fandol file that stands in for it, as the official layout's CSS pairs them.
const STAND_INS: Record<FontRole, { family: string; weight: "regular" | "bold"; file: FontFile }> = {
  fang: { family: "FandolFang", weight: "regular", file: "FandolFang-Regular" },
  xbs: { family: "FandolSong", weight: "bold", file: "FandolSong-Bold" },
  kai: { family: "FandolKai", weight: "regular", file: "FandolKai-Regular" },
  hei: { family: "FandolHei", weight: "regular", file: "FandolHei-Regular" },
  song: { family: "FandolSong", weight: "regular", file: "FandolSong-Regular" },
};

/**
 * A folder with the Fandol faces as TrueType files (whole: LibreOffice lays out some lines
 * differently with harfbuzz-subset copies) and a fonts.conf that maps every face the documents
 * name, and its alternative name, to its stand-in.
 */
export async function officeFonts(dir: string): Promise<string> {
  const fonts = path.join(dir, "fonts");
  fs.mkdirSync(fonts, { recursive: true });
  for (const file of FONT_FILES) {
    const woff2 = fs.readFileSync(path.resolve(import.meta.dirname, "../../public/fonts", `${file}.woff2`));
    fs.writeFileSync(path.join(fonts, `${file}.ttf`), await convert(woff2, "truetype"));
  }
  const rules = (Object.keys(STAND_INS) as FontRole[]).flatMap((role) =>
    [FACES[role].name, FACES[role].altName].map(
      (name) =>
        `<match target="pattern"><test name="family"><string>${name}</string></test>` +
        `<edit name="family" mode="assign" binding="strong"><string>${STAND_INS[role].family}</string></edit>` +
        `<edit name="weight" mode="assign" binding="strong"><const>${STAND_INS[role].weight}</const></edit></match>`,
    ),
  );
  const conf = path.join(dir, "fonts.conf");
  fs.writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n` +
      `<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n<dir>${fonts}</dir>\n<cachedir>${path.join(dir, "fc-cache")}</cachedir>\n` +
      `${rules.join("\n")}\n</fontconfig>\n`,
  );
  return conf;
}

/** Converts the files to PDF in one run of soffice (it takes 5–10 s to start); returns the PDFs' paths. */
export function convertToPdf(files: string[], dir: string, fontsConf: string): string[] {
  if (!SOFFICE) throw new Error("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)");
  const out = path.join(dir, "pdf");
  const home = path.join(dir, "home");
  fs.mkdirSync(home, { recursive: true });
  const result = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${path.join(dir, "profile")}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "pdf",
      "--outdir",
      out,
      ...files,
    ],
    { env: { ...process.env, HOME: home, FONTCONFIG_FILE: fontsConf }, encoding: "utf8", timeout: 180_000 },
  );
  const pdfs = files.map((f) => path.join(out, `${path.basename(f, ".docx")}.pdf`));
  const missing = pdfs.filter((p) => !fs.existsSync(p));
  if (result.status !== 0 || missing.length > 0)
    throw new Error(`soffice failed (${result.status}): ${result.stderr}\n${result.stdout}\nmissing: ${missing.join(", ")}`);
  return pdfs;
}
