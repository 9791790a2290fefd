// GB/T 9704 measured on a PDF: each check returns the violations it found, as sentences that
// say which page and what was measured, so a failing test reads like a proofreader's note.
import { type Line, linesOf, type MeasuredPdf, MM } from "./pdf-measure";

export const A4 = { width: 210 * MM, height: 297 * MM };
export const AREA = { left: 28 * MM, top: 37 * MM, right: 184 * MM, bottom: 262 * MM };
export const PITCH = (225 * MM) / 22;
const TOL = 1 * MM;
const FOLIO = /^—\s*(\d+)\s*—$/;
const NO_LINE_START = "，。、；：？！）》〉」』】〕’”…%";
/** Marks a line may set in half a cell (CLREQ 标点挤压), as the paginator does. */
const CLOSING_SQUEEZABLE = "，。、；：）》〉」』】〕’”";
const SQUEEZABLE = `${CLOSING_SQUEEZABLE}（《〈「『【〔‘“`;
const mm = (pt: number) => `${(pt / MM).toFixed(1)} mm`;

export type IssueFacts = { seriesName: string; organization: string; marking?: string; articles: string[]; date: string };

export const isFolio = (l: Pick<Line, "text">) => FOLIO.test(l.text.trim());
/** The top of a line box on the grid, from a glyph's baseline (the line box is one pitch tall). */
const lineTop = (l: Line) => l.baseline - l.ascent * l.size - (PITCH - l.size) / 2;
const isBody = (l: Line) => Math.abs(l.size - 16) < 0.3 && !isFolio(l);
const reachesRight = (l: Line) => l.x1 >= AREA.right - 0.5 * MM;
const colophonLabel = /^(报|送|发|抄送)：|^责任编辑：/;

export function pagesOf(m: MeasuredPdf) {
  const lines = linesOf(m.runs);
  return m.pages.map((_, i) => lines.filter((l) => l.page === i + 1));
}

export function checkPaper(m: MeasuredPdf): string[] {
  return m.pages.flatMap((p, i) =>
    Math.abs(p.width - A4.width) > 1.5 || Math.abs(p.height - A4.height) > 1.5
      ? [`第${i + 1}页不是A4：${mm(p.width)} × ${mm(p.height)}`]
      : [],
  );
}

export function checkTypeArea(m: MeasuredPdf): string[] {
  const out: string[] = [];
  for (const r of m.runs) {
    if (isFolio(r)) continue;
    const top = r.baseline - r.ascent * r.size;
    const bottom = r.baseline - r.descent * r.size;
    // A closing mark squeezed at a line's end (行末挤压) keeps its ink inside; only the empty half of
    // its cell, still counted in the run's advance, reaches past the edge.
    const squeezedEnd = CLOSING_SQUEEZABLE.includes(r.text.trimEnd().slice(-1)) ? (AREA.right - AREA.left) / 56 : 0;
    if (r.x0 < AREA.left - TOL || r.x1 > AREA.right + squeezedEnd + TOL || top < AREA.top - TOL || bottom > AREA.bottom + TOL) {
      out.push(`第${r.page}页“${r.text.slice(0, 12)}”越出版心：x ${mm(r.x0)}–${mm(r.x1)}，y ${mm(top)}–${mm(bottom)}`);
    }
  }
  for (const s of m.shapes) {
    if (s.color === "#ffffff") continue;
    if (s.x0 < AREA.left - TOL || s.x1 > AREA.right + TOL || s.y0 < AREA.top - TOL || s.y1 > AREA.bottom + TOL)
      out.push(`第${s.page}页有图形越出版心：y ${mm(s.y0)}–${mm(s.y1)}`);
  }
  for (const [i, lines] of pagesOf(m).entries()) {
    const body = lines.filter(isBody);
    if (body.length === 0) continue;
    const left = Math.min(...body.map((l) => l.x0));
    if (Math.abs(left - AREA.left) > TOL) out.push(`第${i + 1}页正文左边缘在 ${mm(left)}，应为 28 mm`);
    const first = lines.find((l) => !isFolio(l));
    if (first && isBody(first) && Math.abs(lineTop(first) - AREA.top) > TOL)
      out.push(`第${i + 1}页第一行顶部在 ${mm(lineTop(first))}，应为 37 mm`);
  }
  return out;
}

/** At most 22 lines a page; a page whose last paragraph runs on to the next is full (22 lines). */
export function checkLinesPerPage(m: MeasuredPdf): string[] {
  const out: string[] = [];
  const pages = pagesOf(m);
  pages.forEach((lines, i) => {
    const body = lines.filter(isBody);
    const distinct = new Set(body.map((l) => Math.round(lineTop(l) / (PITCH / 2)))).size;
    if (distinct > 22) out.push(`第${i + 1}页有 ${distinct} 行正文，超过22行`);
    const last = body[body.length - 1];
    const next = pages[i + 1]?.find((l) => !isFolio(l));
    const continues =
      last && next && isBody(next) && reachesRight(last) && Math.abs(next.x0 - AREA.left) < 0.5 * MM && !colophonLabel.test(next.text);
    if (continues) {
      const slots = Math.round((lineTop(last) + PITCH - AREA.top) / PITCH);
      if (slots !== 22) out.push(`第${i + 1}页段落转下页，但只排了 ${slots} 行（应排满22行）`);
    }
  });
  return out;
}

/**
 * A line's text on the character grid: a full-width character takes one cell, a half-width one
 * (digits, Latin letters) half a cell; `squeezable` counts the marks that may give up half of
 * theirs. Half-width letters and signs are not exactly half a cell wide, hence the tolerance.
 */
export function gridCells(text: string): { cells: number; squeezable: number; tolerance: number } {
  let cells = 0;
  let squeezable = 0;
  let uneven = 0;
  for (const ch of text.replace(/\s+/g, "")) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x2000 && c !== 0xb7) {
      cells += 0.5;
      // Digits are half a cell in the 仿宋 faces; letters and signs are proportional (a point is a quarter).
      if (!/[0-9]/.test(ch)) uneven++;
    } else cells += 1;
    if (SQUEEZABLE.includes(ch)) squeezable++;
  }
  return { cells, squeezable, tolerance: 0.1 + 0.25 * uneven };
}

/**
 * Whether a full line holds exactly 28 cells: what it carries fills at least 28 (so nothing was
 * spread to fill the measure) and fits in 28 once its marks are set in half a cell.
 */
export function onGrid(text: string, indentCells: number): boolean {
  const g = gridCells(text);
  const cells = g.cells + indentCells;
  return cells >= 28 - g.tolerance && cells - g.squeezable / 2 <= 28 + g.tolerance;
}

/** A line of separate items spread across the measure (the masthead's 发文机关 and date), not running text. */
function isSetApart(m: MeasuredPdf, l: Line, cell: number): boolean {
  const runs = m.runs.filter((r) => r.page === l.page && Math.abs(r.baseline - l.baseline) < 2).sort((a, b) => a.x0 - b.x0);
  return runs.some((r, i) => i > 0 && r.x0 - runs[i - 1]!.x1 > 2 * cell);
}

/**
 * Every full line of body text holds exactly 28 cells (26 after the 2-character indent), its
 * punctuation squeezed where a typesetter would rather than its characters spread. 编者按 and
 * 要目 (set in 楷体 alone) keep their own rules, as do titles, tables and notes (other sizes).
 */
export function checkCharactersPerLine(m: MeasuredPdf): { violations: string[]; full: number; exact: number } {
  const out: string[] = [];
  let full = 0;
  let exact = 0;
  const cell = (AREA.right - AREA.left) / 28;
  for (const l of linesOf(m.runs)) {
    if (!isBody(l) || !reachesRight(l) || l.fonts.every((f) => /Kai/i.test(f)) || isSetApart(m, l, cell)) continue;
    const indent = Math.round(((l.x0 - AREA.left) / cell) * 2) / 2;
    // Right-aligned lines (供稿 bylines, signatures) are not on the character grid.
    if (indent !== 0 && indent !== 2) continue;
    full++;
    if (onGrid(l.text, indent)) exact++;
    else out.push(`第${l.page}页“${l.text.slice(0, 10)}…”一行 ${gridCells(l.text).cells + indent} 格，应为 28 格`);
  }
  return { violations: out, full, exact };
}

export function checkFolios(m: MeasuredPdf): string[] {
  const out: string[] = [];
  const pages = pagesOf(m);
  pages.forEach((lines, i) => {
    const n = i + 1;
    const folios = lines.filter(isFolio);
    if (lines.length === folios.length) out.push(`第${n}页是空白页`);
    if (folios.length !== 1) {
      out.push(`第${n}页有 ${folios.length} 个页码`);
      return;
    }
    const f = folios[0]!;
    if (Number(FOLIO.exec(f.text.trim())![1]) !== n) out.push(`第${n}页的页码是“${f.text}”`);
    if (Math.abs(f.size - 14) > 0.3) out.push(`第${n}页页码字号 ${f.size.toFixed(1)} pt，应为14 pt`);
    if (!f.fonts.some((name) => /Song-Regular|SimSun|宋体/.test(name))) out.push(`第${n}页页码字体是 ${f.fonts.join("/")}，应为宋体`);
    const top = f.baseline - f.ascent * f.size;
    if (Math.abs(top - AREA.bottom - 7 * MM) > TOL) out.push(`第${n}页页码上沿距版心 ${mm(top - AREA.bottom)}，应为 7 mm`);
    const oneChar = 14;
    if (n % 2 === 1 && Math.abs(f.x1 - (AREA.right - oneChar)) > TOL) out.push(`单页码应居右空一字，右沿在 ${mm(f.x1)}`);
    if (n % 2 === 0 && Math.abs(f.x0 - (AREA.left + oneChar)) > TOL) out.push(`双页码应居左空一字，左沿在 ${mm(f.x0)}`);
  });
  return out;
}

export function checkMastheadAndColophon(m: MeasuredPdf, facts: IssueFacts): string[] {
  const out: string[] = [];
  const pages = pagesOf(m);
  const lastPage = pages.length;
  for (const l of linesOf(m.runs)) {
    if (l.size >= 40 && l.page !== 1) out.push(`第${l.page}页出现报头字样“${l.text}”`);
    if (colophonLabel.test(l.text) && l.page !== lastPage) out.push(`版记“${l.text.slice(0, 8)}”不在最后一页（在第${l.page}页）`);
  }
  const name = pages[0]!
    .filter((l) => l.size >= 40)
    .map((l) => l.text.replace(/\s/g, ""))
    .join("");
  if (name !== facts.seriesName) out.push(`第1页报头是“${name}”，应为“${facts.seriesName}”`);
  const red = m.shapes.filter((s) => s.color !== "#ffffff" && s.color !== "#000000" && s.x1 - s.x0 > 150 * MM);
  if (red.length !== 1 || red[0]!.page !== 1) out.push(`报头红线应只在第1页出现一次（找到 ${red.length} 条）`);
  const colophon = pages[lastPage - 1]!.filter((l) => colophonLabel.test(l.text));
  if (!colophon.some((l) => l.text.startsWith("责任编辑："))) out.push("最后一页没有“责任编辑”");
  const rules = m.shapes.filter((s) => s.page === lastPage && s.color === "#000000" && s.x1 - s.x0 > 150 * MM && s.y1 - s.y0 < 1 * MM);
  const lowest = rules.sort((a, b) => b.y1 - a.y1)[0];
  if (!lowest || Math.abs(lowest.y1 - AREA.bottom) > 0.5 * MM)
    out.push(`版记末条线应压在版心下边缘（262 mm），实际在 ${lowest ? mm(lowest.y1) : "（无）"}`);
  else if (Math.abs(lowest.y1 - lowest.y0 - 0.35 * MM) > 0.05 * MM) out.push(`版记末条线粗 ${mm(lowest.y1 - lowest.y0)}，应为 0.35 mm`);
  return out;
}

/** No closing mark starts a line, no heading ends a page, no paragraph ends with one lone character. */
export function checkTypography(m: MeasuredPdf): string[] {
  const out: string[] = [];
  const pages = pagesOf(m);
  pages.forEach((lines, i) => {
    const content = lines.filter((l) => !isFolio(l));
    content.forEach((l, j) => {
      if (isBody(l) && NO_LINE_START.includes([...l.text][0]!))
        out.push(`第${i + 1}页有一行以“${[...l.text][0]}”开头：${l.text.slice(0, 10)}`);
      const next = content[j + 1];
      const endsParagraph = isBody(l) && !reachesRight(l) && l.fonts.some((f) => f.includes("Fang")) && (!next || next.x0 > AREA.left + 16);
      if (endsParagraph && [...l.text.replace(/[，。、；：？！）》〉」』】〕”’…—%]/g, "")].length === 1)
        out.push(`第${i + 1}页段末单字成行：“${l.text}”`);
    });
    if (i === pages.length - 1) return;
    const last = content.filter((l) => !colophonLabel.test(l.text)).pop();
    // Headings are 16 pt 黑体/楷体 (titles larger); a figure's 14 pt 楷体 caption closes the figure
    // and may end a page.
    const heading = last && (last.size > 20 || (last.size > 15 && last.fonts.every((f) => /Hei|Kai|GBZenKai/.test(f))));
    if (heading && !reachesRight(last!)) out.push(`第${i + 1}页以标题“${last!.text}”结尾`);
  });
  return out;
}

export function checkFonts(m: MeasuredPdf): string[] {
  const out = m.fonts.flatMap((f) => [
    ...(f.type3 ? [`${f.name} 是 Type 3 字体`] : []),
    ...(!f.embedded ? [`${f.name} 没有嵌入`] : []),
    ...(!f.subset ? [`${f.name} 没有子集化`] : []),
  ]);
  const body = linesOf(m.runs).filter(isBody);
  const fang = body.filter((l) => l.fonts.some((f) => /Fang|仿宋/.test(f))).length;
  if (fang < body.length * 0.6) out.push(`正文多数不是仿宋：${fang}/${body.length} 行`);
  return out;
}

export function checkInfo(m: MeasuredPdf, facts: IssueFacts): string[] {
  const out: string[] = [];
  if (!m.info.Title?.includes(facts.seriesName)) out.push(`PDF标题“${m.info.Title}”不含刊名`);
  if (m.info.Author !== facts.organization) out.push(`PDF作者是“${m.info.Author}”，应为“${facts.organization}”`);
  if (!m.info.CreationDate) out.push("PDF没有创建日期");
  if (facts.articles.length > 1) {
    const titles = m.outline.map((o) => o.title);
    if (JSON.stringify(titles) !== JSON.stringify(facts.articles))
      out.push(`书签是 ${JSON.stringify(titles)}，应为 ${JSON.stringify(facts.articles)}`);
    if (m.outline.some((o, k) => k > 0 && o.page < m.outline[k - 1]!.page)) out.push("书签页码不是递增的");
  }
  return out;
}
