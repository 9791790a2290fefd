// The peer engine for `npm run bench:pdf`: the sample issue as an equivalent Typst document
// (same page geometry, grid, fonts and parts), compiled by Typst's Node binding. Benchmark only.
import fs from "node:fs";
import path from "node:path";
import { convert } from "fontverter";
import { PDFDocument } from "pdf-lib";
import { FONT_FILES } from "../../lib/fonts/faces";

export type PeerResult = {
  about: string;
  cold: number;
  warm: number[];
  evicted: number[];
  pages: number;
  bytes: number;
  families: string[];
  warnings: string[];
};

/** Compiles the sample as Typst in this process: cold (incl. font scan), then 20 warm; or why it can't. */
export async function runTypstPeer(tmp: string): Promise<PeerResult | string> {
  let mod: typeof import("@myriaddreamin/typst-ts-node-compiler");
  try {
    mod = await import("@myriaddreamin/typst-ts-node-compiler");
  } catch (e) {
    return `not available (${String(e).split("\n")[0]})`;
  }
  try {
    const fontDir = path.join(tmp, "typst-fonts");
    await unpackFonts(fontDir);
    const mainFileContent = sampleTypst("content/jtyx/2022/003.mdx");
    const t0 = performance.now();
    const compiler = mod.NodeCompiler.create({ workspace: tmp, fontArgs: [{ fontPaths: [fontDir] }] });
    const compiled = compiler.compile({ mainFileContent });
    const messages = (e: import("@myriaddreamin/typst-ts-node-compiler").NodeError | null) =>
      e
        ? compiler.fetchDiagnostics(e).map((d: unknown) => (typeof d === "object" && d && "message" in d ? String(d.message) : String(d)))
        : [];
    if (compiled.hasError() || !compiled.result) return `compile failed: ${messages(compiled.takeError()).join("; ")}`;
    const warnings = messages(compiled.takeWarnings());
    const pdf = compiler.pdf(compiled.result);
    const cold = performance.now() - t0;
    if (pdf.subarray(0, 5).toString() !== "%PDF-") return "output is not a PDF";
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    // Same source again: Typst's memoised layout is reused, as a server recompiling an issue would.
    const warm = times(23, () => compiler.pdf({ mainFileContent })).slice(3);
    // With its caches dropped first: every paragraph laid out again, fonts already parsed.
    const evicted = times(10, () => {
      compiler.evictCache(0);
      return compiler.pdf({ mainFileContent });
    });
    // Which names Typst answers to: the files' family (name ID 1) and typographic family (ID 16).
    const candidates = [...new Set(fs.readdirSync(fontDir).flatMap((f) => familyNames(fs.readFileSync(path.join(fontDir, f)))))];
    const families = candidates.filter((family) => {
      const r = compiler.compile({ mainFileContent: `#set text(font: ${JSON.stringify(family)}, fallback: false)\n测` });
      return !messages(r.takeWarnings()).some((m) => m.startsWith("unknown font family"));
    });
    const probe = compiler.compile({ mainFileContent: "#metadata(str(sys.version)) <v>" }).result;
    const version: unknown = probe ? compiler.query(probe, { selector: "<v>", field: "value" }) : undefined;
    const pkg: unknown = JSON.parse(fs.readFileSync("node_modules/@myriaddreamin/typst-ts-node-compiler/package.json", "utf8"));
    const pkgVersion = typeof pkg === "object" && pkg && "version" in pkg ? String(pkg.version) : "?";
    const about = `Typst ${Array.isArray(version) ? String(version[0]) : "?"} via @myriaddreamin/typst-ts-node-compiler ${pkgVersion}`;
    return { about, cold, warm, evicted, pages, bytes: pdf.length, families, warnings };
  } catch (e) {
    return `failed (${String(e).split("\n")[0]})`;
  }
}

function times(n: number, run: () => unknown): number[] {
  return Array.from({ length: n }, () => {
    const t = performance.now();
    run();
    return performance.now() - t;
  });
}

/** The family (name ID 1) and typographic family (16) records of a TrueType file's name table. */
function familyNames(ttf: Buffer): string[] {
  const tables = ttf.readUInt16BE(4);
  let name = -1;
  for (let i = 0; i < tables; i++) if (ttf.toString("latin1", 12 + 16 * i, 16 + 16 * i) === "name") name = ttf.readUInt32BE(20 + 16 * i);
  if (name < 0) return [];
  const strings = name + ttf.readUInt16BE(name + 4);
  return Array.from({ length: ttf.readUInt16BE(name + 2) }, (_, i) => {
    const [platform = 0, , , id = 0, length = 0, offset = 0] = [0, 2, 4, 6, 8, 10].map((k) => ttf.readUInt16BE(name + 6 + 12 * i + k));
    if (id !== 1 && id !== 16) return "";
    const raw = Buffer.from(ttf.subarray(strings + offset, strings + offset + length));
    return platform === 1 ? raw.toString("latin1") : raw.swap16().toString("utf16le"); // Mac Roman vs UTF-16BE
  }).filter(Boolean);
}

/** Typst reads TrueType, not WOFF2: unpack the project's fonts into `dir`. */
export async function unpackFonts(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of FONT_FILES)
    fs.writeFileSync(path.join(dir, `${f}.ttf`), await convert(fs.readFileSync(`public/fonts/${f}.woff2`), "truetype"));
}

/** The sample's body paragraphs, with <RunIn> headings in 黑体 and **bold** in bold Song. */
export function sampleTypst(mdxFile: string): string {
  const [, , body = ""] = fs.readFileSync(mdxFile, "utf8").split(/^---$/m);
  const esc = (s: string) => s.replace(/[\\#$*_`<>@[\]]/g, (c) => `\\${c}`);
  const paragraphs = body
    .trim()
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split(/(<RunIn>.*?<\/RunIn>|\*\*.*?\*\*)/)
        .map((part) => {
          const runIn = /^<RunIn>(.*)<\/RunIn>$/.exec(part);
          if (runIn) return `#text(font: "FandolHei")[${esc(runIn[1]!)}]`;
          const bold = /^\*\*(.*)\*\*$/.exec(part);
          if (bold) return `#text(font: "FandolSong", weight: "bold")[${esc(bold[1]!)}]`;
          return esc(part);
        })
        .join(""),
    );
  return `#set page(paper: "a4", margin: (top: 37mm, left: 28mm, right: 26mm, bottom: 35mm),
  footer: context { let n = counter(page).get().first(); set text(font: "FandolSong", size: 14pt)
    if calc.odd(n) { align(right)[— #n —#h(1em)] } else { align(left)[#h(1em)— #n —] } }, footer-descent: 7mm)
// Typst matches the typographic family of FandolFang as "FandolFang R" (name ID 1).
#set text(font: "FandolFang R", size: 16pt, lang: "zh", tracking: -0.3pt)
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 28.99pt - 1em, spacing: 28.99pt - 1em)
#align(center)[#text(font: "FandolSong", weight: "bold", size: 54pt, fill: rgb("#e60012"), tracking: 0.12em)[晋团要讯]]
#align(center)[〔2022〕第3期]
#v(1em)
#grid(columns: (1fr, 1fr), align(left)[共青团山西省委], align(right)[2022年3月25日])
#line(length: 100%, stroke: 0.6mm + rgb("#e60012"))
#v(1em)
#align(center)[#text(font: "FandolSong", weight: "bold", size: 22pt)[团长治市委认真履行全团带队职责 \\ 多措并举推动少先队工作高质量发展]]
#v(1em)
${paragraphs.join("\n\n")}

#place(bottom, block(width: 100%, stroke: (top: 0.35mm, bottom: 0.35mm), inset: (x: 1em, y: 0.3em))[
  #set text(size: 14pt)
  #set par(first-line-indent: 0pt)
  报：省委办公厅，省人大办公厅，省政府办公厅，省政协办公厅，团中央办公厅 \\
  送：省直有关单位，各市党委政府，团省委班子成员 \\
  发：市级团委，团省委机关各部门、直属事业单位 \\
  责任编辑：赵　坚
])
`;
}
