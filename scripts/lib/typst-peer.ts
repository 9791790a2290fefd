// The peer engine for `npm run bench:pdf`: the sample issue as an equivalent Typst document
// (same page geometry, grid, fonts and parts), compiled by Typst's Node binding. Benchmark only.
import fs from "node:fs";
import path from "node:path";
import { convert } from "fontverter";
import { FONT_FILES } from "../../lib/fonts/faces";

/** Typst reads TrueType, not WOFF2: unpack the project's fonts into `dir`. */
export async function unpackFonts(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of FONT_FILES) fs.writeFileSync(path.join(dir, `${f}.ttf`), await convert(fs.readFileSync(`public/fonts/${f}.woff2`), "truetype"));
}

/** The sample's body paragraphs, with <RunIn> headings in 黑体 and **bold** in bold Song. */
export function sampleTypst(mdxFile: string): string {
  const [, , body = ""] = fs.readFileSync(mdxFile, "utf8").split(/^---$/m);
  const esc = (s: string) => s.replace(/[\\#$*_`<>@\[\]]/g, (c) => `\\${c}`);
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
