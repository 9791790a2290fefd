// The 28-cell grid pass (lib/layout/paginate.ts) run for real: the paginator, official.css and
// the Fandol faces in Chromium, over paragraphs made up from fixed seeds (plain, with inline
// elements, and sized to end on a lone character). Whatever the text, the pass must keep the
// line-breaking rules, never hang a mark into the margin, never squeeze a mark that makes no room,
// never set a line fuller than 28 cells, and report every line it left short.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fontFaceCss, fullFontUrl } from "@/lib/fonts/faces";
import { colophonStep, paginate, planGridLine } from "@/lib/layout/paginate";
import { CHROMIUM_ARGS, requireChromium } from "@/lib/pdf/chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const CSS = fs.readFileSync(path.join(ROOT, "components/bulletin/official.css"), "utf8");
let browser: Browser;
let server: http.Server;
let origin = "";
const pages = new Map<string, string>();

const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const HAN =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事";
const PAIRS: Record<string, string> = { "“": "”", "《": "》", "（": "）" };

type Mode = "plain" | "inline" | "widow";

/** A paragraph of Chinese with quotes, brackets, marks and numbers; "widow" sizes it to end near a line's start. */
function paragraph(r: () => number, mode: Mode): string {
  const n = mode === "widow" ? 24 + 28 * (1 + Math.floor(r() * 3)) + Math.floor(r() * 3) : 30 + Math.floor(r() * 120);
  let s = "";
  let open = "";
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.1 && !open) {
      const o = ["“", "《", "（"][Math.floor(r() * 3)]!;
      s += o;
      open = PAIRS[o]!;
    } else if (x < 0.16 && open) {
      s += open + (r() < 0.4 ? "，" : "");
      open = "";
    } else if (x < 0.24 && !/[，。、；]$/.test(s)) s += "，。、；"[Math.floor(r() * 4)];
    else if (x < 0.27) s += String(Math.floor(r() * 10 ** (1 + Math.floor(r() * 3))));
    else s += HAN[Math.floor(r() * HAN.length)];
  }
  return `${s.replace(/[，。、；]$/, "")}${open}。`;
}

/** Wraps parts of a paragraph in the inline elements bodies hold: bold, links, footnote marks, a run-in heading. */
function inline(text: string, r: () => number): string {
  const cs = [...text];
  let out = r() < 0.3 ? `<span class="jb-runin" data-level="1">${cs.splice(0, 4 + Math.floor(r() * 8)).join("")}</span>` : "";
  let fn = 1;
  while (cs.length) {
    const part = cs.splice(0, 1 + Math.floor(r() * 12)).join("");
    const x = r();
    if (x < 0.15) out += `<strong>${part}</strong>`;
    else if (x < 0.25) out += `<a href="#x">${part}</a>`;
    else if (x < 0.3) out += `${part}<sup><a href="#fn-${fn}" data-footnote-ref="">${fn++}</a></sup>`;
    else out += part;
  }
  return out;
}

const pageOf = (paras: string[]) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<style>sup { font-size: 75%; line-height: 0; position: relative; vertical-align: baseline; top: -0.5em; }</style><style>${CSS}</style></head>
<body><div class="jb-official"><style>${fontFaceCss(fullFontUrl)}</style><div class="jb-flow" data-flow><div class="jb-body">
${paras.map((p) => `<p>${p}</p>`).join("\n")}</div></div><div class="jb-sheets" data-sheets></div></div></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const font = /^\/fonts\/([\w-]+\.woff2)$/.exec(req.url ?? "");
    if (font) return res.writeHead(200, { "content-type": "font/woff2" }).end(fs.readFileSync(path.join(ROOT, "public/fonts", font[1]!)));
    const page = pages.get(req.url ?? "");
    if (page) return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

type Outcome = { findings: string[]; short: number; reported: number; squeezed: number; widows: number; paragraphs: number };

/** Paginates the paragraphs as the renderer does, then reads every line of the sheets back. */
async function fitOnGrid(key: string, paras: string[]): Promise<Outcome> {
  pages.set(`/${key}`, pageOf(paras));
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  try {
    await page.goto(`${origin}/${key}`);
    return await page.evaluate(
      async ([paginateSource, stepSource, gridSource]) => {
        const root = window.document.querySelector<HTMLElement>(".jb-official")!;
        // biome-ignore lint/complexity/noCommaOperator: indirect eval of our own paginator, as lib/pdf/render.ts does
        // biome-ignore lint/security/noGlobalEval: our own paginator's source
        const [run, step, grid] = [paginateSource, stepSource, gridSource].map((s) => (0, eval)(`(${s})`));
        await run(root, "— {n} —", step, grid);
        const NO_START = "，。、；：？！）》〉」』】〕’”…%";
        const NO_END = "（《〈「『【〔‘“";
        const pitch = parseFloat(getComputedStyle(root).lineHeight);
        const range = window.document.createRange();
        const out = { findings: [] as string[], short: 0, reported: Number(root.dataset.gridShort), squeezed: 0, widows: 0, paragraphs: 0 };
        for (const p of window.document.querySelectorAll<HTMLElement>(".jb-sheets p")) {
          type Char = { ch: string; mid: number; left: number; sq: boolean; sup: boolean };
          const chars: Char[] = [];
          const walker = window.document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const t = walker.currentNode as Text;
            for (let i = 0; i < t.data.length; i++) {
              range.setStart(t, i);
              range.setEnd(t, i + 1);
              const b = range.getBoundingClientRect();
              if (b.width === 0 || t.data[i]!.trim() === "") continue;
              const sq = !!t.parentElement?.closest(".jb-sq");
              chars.push({ ch: t.data[i]!, mid: b.top + b.height / 2, left: b.left, sq, sup: !!t.parentElement?.closest("sup") });
            }
          }
          const lines: Char[][] = [];
          for (const c of chars) {
            const line = lines.at(-1);
            if (line && Math.abs(c.mid - line[0]!.mid) < pitch / 2) line.push(c);
            else lines.push([c]);
          }
          if (!p.classList.contains("jb-cont")) out.paragraphs++;
          const area = p.closest(".jb-area")!.getBoundingClientRect();
          lines.forEach((line, k) => {
            const text = line.map((c) => c.ch).join("");
            if (k > 0 && NO_START.includes(line[0]!.ch)) out.findings.push(`closing mark starts a line: ${text}`);
            if (NO_END.includes(line.at(-1)!.ch)) out.findings.push(`opening mark ends a line: ${text}`);
            if (line[0]!.sq && NO_END.includes(line[0]!.ch)) out.findings.push(`squeezed opening mark at a line's start: ${text}`);
            if (line[0]!.left < area.left - 0.5) out.findings.push(`hangs into the left margin: ${text}`);
            out.squeezed += line.filter((c) => c.sq).length;
            const last = k === lines.length - 1 && !p.classList.contains("jb-split");
            if (last) {
              if (k > 0 && [...text].filter((c) => !NO_START.includes(c)).length <= 1) out.widows++;
              return;
            }
            // A footnote mark is set smaller: such a line is not measured in cells.
            if (line.some((c) => c.sup)) return;
            const indent = k === 0 && !p.classList.contains("jb-cont") ? 2 : 0;
            const cells = line.reduce((n, c) => n + (c.ch.charCodeAt(0) < 0x2000 ? 0.5 : 1), indent) - line.filter((c) => c.sq).length / 2;
            if (cells > 28.1) out.findings.push(`fuller than 28 cells (${cells}): ${text}`);
            else if (cells < 27.9 && line.some((c) => c.sq)) out.findings.push(`squeezed yet short (${cells}): ${text}`);
            else if (cells < 27.4) out.short++;
          });
        }
        return out;
      },
      [paginate.toString(), colophonStep.toString(), planGridLine.toString()] as const,
    );
  } finally {
    await page.close();
  }
}

it.each<[Mode, number]>([
  ["plain", 1],
  ["plain", 2],
  ["inline", 3],
  ["inline", 4],
  ["widow", 5],
  ["widow", 6],
])(
  "keeps the grid's rules over 40 made-up paragraphs (%s, seed %i)",
  async (mode, seed) => {
    const r = random(seed);
    const paras = Array.from({ length: 40 }, () => paragraph(r, mode)).map((p) => (mode === "inline" ? inline(p, r) : p));
    const outcome = await fitOnGrid(`${mode}-${seed}`, paras);
    expect(outcome.findings).toEqual([]);
    expect(outcome.squeezed).toBeGreaterThan(0);
    // Lines left short are the ones the pass could not fill (too little punctuation), and it says so.
    expect(outcome.short).toBeLessThanOrEqual(outcome.reported);
    // A lone last character stays only where no mark in the three lines above could make room: rare.
    expect(outcome.widows).toBeLessThanOrEqual(Math.ceil(outcome.paragraphs * 0.1));
  },
  120_000,
);
