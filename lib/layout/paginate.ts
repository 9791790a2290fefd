// Cuts the flowing official layout into A4 sheets on the GB/T 9704 grid. Runs in the browser
// (on screen, when printing, and in the PDF renderer) because only a layout engine knows where
// a line ends. Paragraphs split between lines; headings never end a page; the distribution
// block sits at the foot of the last page, whole, set closer when that lets it stay there
// (official.css, data-tighten), or moves to a new page.
//
// Everything lives inside these self-contained functions, with no imports: the PDF renderer sends
// them to the browser as source text (page.evaluate) instead of waiting for the page's React to
// hydrate. The 版记 decision is a function of its own, handed to paginate, so a unit test reaches it.

/**
 * Which of the 版记's tightening steps to print it with: `heights[k]` is the block's height after
 * steps 1..k (`heights[0]` as set), `space` what the last page has left for it. The least
 * tightening that fits wins; -1 means not even the tightest fits, and the block moves whole to a
 * new page (as set, untightened).
 */
export function colophonStep(space: number, heights: readonly number[]): number {
  return heights.findIndex((h) => h <= space + 0.5);
}

/** What to do about a body line that ends short of the type area's right edge. */
export type GridPlan = {
  /** How many characters to bring up from the start of the next line. */
  pull: number;
  /**
   * Which marks to set in half a cell, as indices into the line followed by the pulled
   * characters, and which half of the mark's cell is empty and goes: the start of an opening
   * mark's, the end of a closing mark's (the glyphs of GB fonts sit in the other half).
   */
  squeeze: { at: number; side: "start" | "end" }[];
};

/**
 * How a typesetter keeps a body line on the 28-cell grid when the browser broke it short
 * (CLREQ 行首行尾禁则 and 标点挤压): the characters that must travel together from the next line's
 * start (a character with the closing marks after it, an opening mark with what follows, a
 * number or Latin word whole) come up, and punctuation on the line gives up half its cell to make
 * room — the pulled marks first (行末标点挤压), then marks standing next to another mark (“”，
 * set in one cell), then the others from the end. Returns null when the line's punctuation
 * cannot make enough room; the line is then left as the browser set it.
 *
 * `line` and `next` are the two lines' characters, `nextWidths` the natural widths of the next
 * line's characters, `slack` what the line leaves free at its end and `half` what squeezing one
 * mark frees, all in the same unit (CSS pixels). `whole` pulls the whole next line (a paragraph's
 * last line of a character or two, 孤字, comes up instead of standing alone); `squeezed` lists the
 * marks (indices, as in the plan) already set in half a cell, which have nothing more to give.
 */
export function planGridLine(
  line: readonly string[],
  next: readonly string[],
  nextWidths: readonly number[],
  slack: number,
  half: number,
  { whole = false, squeezed = [] }: { whole?: boolean; squeezed?: readonly number[] } = {},
): GridPlan | null {
  const NO_START = "，。、；：？！）》〉」』】〕’”…%·";
  const NO_END = "（《〈「『【〔‘“";
  const SQUEEZABLE = "，。、；：）》〉」』】〕’”（《〈「『【〔‘“";
  const isWord = (c: string) => /^[A-Za-z0-9]$/.test(c) || ".,%+-_@/#&".includes(c);
  // As the browser breaks (UAX #14): never after a prefix such as + or ¥, nor inside a number or word, …… or ——.
  const canBreak = (a: string, b: string) =>
    !NO_START.includes(b) && !NO_END.includes(a) && !"+$¥￥#".includes(a) && !(isWord(a) && isWord(b)) && !(a === b && "…—".includes(a));
  let pull = whole ? next.length : 1;
  while (pull < next.length && !canBreak(next[pull - 1]!, next[pull]!)) pull++;
  const pulled = nextWidths.slice(0, pull).reduce((s, w) => s + w, 0);
  const need = pulled - slack;
  if (need <= 0) return null;
  const chars = [...line, ...next.slice(0, pull)];
  const isMark = (i: number) => i >= 0 && i < chars.length && SQUEEZABLE.includes(chars[i]!);
  // An opening mark at the line's start would hang out of the type area when squeezed.
  const usable = chars.map((_, i) => i).filter((i) => isMark(i) && !squeezed.includes(i) && !(i === 0 && NO_END.includes(chars[0]!)));
  const byEnd = (a: number, b: number) => b - a;
  const inPull = usable.filter((i) => i >= line.length).sort(byEnd);
  const paired = usable.filter((i) => i < line.length && (isMark(i - 1) || isMark(i + 1))).sort(byEnd);
  const rest = usable.filter((i) => i < line.length && !paired.includes(i)).sort(byEnd);
  const chosen: number[] = [];
  // Room to spare by a hair (layout rounds to 1/64 px): what only just fits may still not fit.
  const enough = () => chosen.length * half >= need + 0.02;
  for (const i of [...inPull, ...paired, ...rest]) {
    if (enough()) break;
    chosen.push(i);
  }
  if (!enough()) return null;
  const squeeze = chosen
    .sort((a, b) => a - b)
    .map((at) => ({ at, side: NO_END.includes(chars[at]!) ? ("start" as const) : ("end" as const) }));
  return { pull, squeeze };
}

export async function paginate(
  root: HTMLElement,
  folioTemplate: string,
  chooseColophonStep: (space: number, heights: readonly number[]) => number,
  planLine: typeof planGridLine,
): Promise<number> {
  // The tightening steps official.css defines for the 版记 ([data-tighten="1"], [data-tighten="2"]).
  const COLOPHON_STEPS = 2;
  const HEADING = "h1, h2, h3, h4, h5, h6, .jb-title, .jb-subtitle, .jb-toc-heading";
  const LINE_BLOCKS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "FIGCAPTION", "DT", "DD", "SPAN"]);

  const flow = root.querySelector<HTMLElement>("[data-flow]");
  const sheets = root.querySelector<HTMLElement>("[data-sheets]");
  if (!flow || !sheets) return 0;
  performance.mark("jb:paginate-start");
  await Promise.all([loadFonts(), loadImages(flow)]);
  performance.mark("jb:assets-ready");
  root.dataset.measuring = "true";
  root.dataset.gridShort = String(fitGrid(flow));
  performance.mark("jb:grid-fitted");

  const blocks = [...flow.children].flatMap((c) => (c.classList.contains("jb-body") ? [...c.children] : [c])) as HTMLElement[];
  const colophon = blocks.find((b) => b.classList.contains("jb-colophon"));
  type Page = { sheet: HTMLElement; area: HTMLElement };
  const pages: Page[] = [];
  const newPage = (): Page => {
    const sheet = document.createElement("section");
    sheet.className = "jb-sheet";
    sheet.setAttribute("aria-label", `第${pages.length + 1}页`);
    sheet.dataset.testid = "sheet";
    const area = document.createElement("div");
    area.className = "jb-area";
    sheet.appendChild(area);
    sheets.appendChild(sheet);
    pages.push({ sheet, area });
    return pages[pages.length - 1]!;
  };
  let page = newPage();

  const place = (block: HTMLElement) => {
    page.area.appendChild(block);
    if (fits(page)) return;
    const rest = split(block, bottomOf(page.area));
    if (rest !== block) {
      page = newPage();
      place(rest);
      return;
    }
    if (page.area.firstElementChild === block) return; // taller than a page and unsplittable: let it be
    block.remove();
    const carried = trailingHeadings(page);
    page = newPage();
    for (const h of carried) page.area.appendChild(h);
    place(block);
  };

  for (const block of blocks) {
    if (block === colophon) continue;
    if (block.classList.contains("jb-pagebreak")) {
      if (page.area.childElementCount > 0) page = newPage();
      continue;
    }
    place(block);
  }

  if (colophon) {
    page.area.appendChild(colophon);
    colophon.classList.add("jb-colophon-placed");
    // From one blank grid line below the last text down to the type area's foot, where the
    // placed block ends.
    const space = bottomOf(colophon) - lastBottom(page.area, colophon) - linePitch(page.area);
    const heights: number[] = [];
    for (let step = 0; step <= COLOPHON_STEPS; step++) {
      tighten(colophon, step);
      heights.push(colophon.getBoundingClientRect().height);
    }
    const step = chooseColophonStep(space, heights);
    tighten(colophon, Math.max(step, 0));
    if (step < 0) {
      colophon.remove();
      page = newPage();
      page.area.appendChild(colophon);
    }
  }

  pages.forEach((p, i) => {
    const folio = document.createElement("div");
    folio.className = `jb-folio ${i % 2 === 0 ? "jb-folio-odd" : "jb-folio-even"}`;
    folio.dataset.testid = "page-number";
    folio.textContent = folioTemplate.replace("{n}", String(i + 1));
    p.sheet.appendChild(folio);
  });

  // React rendered the flow; leave the (now empty) element in place so it can unmount cleanly.
  flow.hidden = true;
  delete root.dataset.measuring;
  root.dataset.pages = String(pages.length);
  root.dataset.paginated = "true";
  performance.mark("jb:paginate-end");
  return pages.length;

  /**
   * Sets every justified body paragraph on the 28-cell grid (planGridLine says how): lines the
   * browser broke short get the characters that belong on them, made room for by squeezing
   * punctuation, and a paragraph's lone last character comes up. Titles, 编者按, tables, notes and
   * right-aligned lines keep their own rules. Returns the number of lines still short.
   */
  function fitGrid(flow: HTMLElement): number {
    const OWN_RULES = ".jb-note, .jb-signature, .jb-byline, .jb-toc, table, figure, section[data-footnotes], .jb-colophon";
    const justified = [...flow.querySelectorAll<HTMLElement>(".jb-body :is(p, li, h2, h3, h4, h5, h6)")].filter(
      (el) =>
        !el.closest(OWN_RULES) && !el.querySelector("p, div, ul, ol, table, figure, img") && getComputedStyle(el).textAlign === "justify",
    );
    // Each paragraph is measured ragged: justifying moves characters, never where lines break.
    let short = 0;
    for (const el of justified) {
      el.style.setProperty("text-align", "left", "important");
      el.style.setProperty("text-align-last", "left", "important");
      short += fitParagraph(el);
      el.style.removeProperty("text-align");
      el.style.removeProperty("text-align-last");
    }
    return short;
  }

  /** A paragraph's lines, measured as they are asked for: line n, the first n, all of them. */
  type GridLines = { line(n: number): GridLine | undefined; first(n: number): GridLine[]; all(): GridLine[] };
  /** A line's characters; `widths` measures their natural widths when asked (only the line a plan pulls from needs them). */
  type GridLine = { chars: string[]; widths: () => number[]; at: [Text, number][]; squeezed: boolean[]; right: number; mid: number };

  function fitParagraph(el: HTMLElement): number {
    const style = getComputedStyle(el);
    const half = parseFloat(style.fontSize) / 2;
    const right = el.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    // Short: more than half a cell free (a line ending after a decimal point, a quarter cell wide, is not).
    const isShort = (l: GridLine) => right - l.right > 1.1 * half;
    // Lines are measured as they are asked for. A squeeze or undo on line k leaves the lines above
    // it as they were (their text nodes keep their offsets), so only the rest is read again.
    let lines = readLines(el, []);
    const changing = (k: number, change: () => void) => {
      const above = lines.first(k);
      change();
      lines = readLines(el, above);
    };

    /** Brings up to line k what it should hold of line k + 1 (all of it for a lone last line); the squeezes made, or null. */
    const bringUp = (k: number, whole: boolean): HTMLElement[] | null => {
      const [line, next] = [lines.line(k)!, lines.line(k + 1)!];
      const both = [line, next];
      const squeezed = both.flatMap((l) => l.squeezed).flatMap((sq, n) => (sq ? [n] : []));
      const plan = planLine(line.chars, next.chars, next.widths(), right - line.right, half, { whole, squeezed });
      if (!plan) return null;
      const chars = both.flatMap((l) => l.chars);
      const at = both.flatMap((l) => l.at);
      let spans: HTMLElement[] = [];
      // Last first: wrapping a character splits its text node after it, so earlier offsets hold.
      changing(k, () => {
        spans = [...plan.squeeze].reverse().map((q) => squeezeAt(at[q.at]!, chars[q.at]!, q.side));
      });
      // Kept only when the browser now sets the pulled characters on the line, as planned.
      if ((lines.line(k)?.chars.length ?? 0) >= line.chars.length + plan.pull) return spans;
      undo(spans, k);
      return null;
    };
    const undo = (spans: HTMLElement[], k: number) =>
      changing(k, () => {
        for (const span of spans) span.replaceWith(...span.childNodes);
        el.normalize();
      });

    // Top down, each line but the last once (a fix never changes the lines above it).
    for (let k = 0; lines.line(k + 1); k++) {
      for (let attempt = 0; attempt < 3 && isShort(lines.line(k)!); attempt++) if (!bringUp(k, false)) break;
    }
    // A lone last character comes up into the line above. When that line's marks cannot make
    // room, the lines above it first take up what they can of the line below, from the top down:
    // the browser's reflow passes the room on, whole characters at a time.
    const count = lines.all().length;
    const last = count - 1;
    const shortCount = () => lines.all().filter((l, k, all) => k < all.length - 1 && isShort(l)).length;
    // A squeezed opening mark (its start half gone, squeezeAt) that the reflow moved to a line's
    // start would hang into the margin.
    const hangs = () => lines.all().some((l) => l.at[0]![0].parentElement?.dataset.sq === "start");
    if (last >= 1 && isWidow(lines.line(last)!)) {
      const shortBefore = shortCount();
      for (let back = 0; back <= 2 && last - 1 - back >= 0; back++) {
        const made: HTMLElement[] = [];
        for (let k = last - 1 - back; k < last - 1; k++) made.push(...(bringUp(k, false) ?? []));
        // The room made above may have been enough for the reflow to take the lone line up.
        const spans = lines.all().length === count ? bringUp(count - 2, true) : [];
        if (spans && lines.all().length === count - 1 && shortCount() <= shortBefore && !hangs()) break;
        undo([...(spans ?? []), ...made], last - 1 - back);
      }
    }
    return shortCount();
  }

  /** A paragraph's last line holding a single character (and its closing marks). */
  function isWidow(line: GridLine): boolean {
    return line.chars.filter((c) => !"，。、；：？！）》〉」』】〕’”…%".includes(c)).length <= 1;
  }

  /**
   * The lines of a paragraph as its characters stand unjustified (fitGrid sets it ragged while
   * it works), after the `kept` lines known not to have changed. A character's box is only
   * asked for where a line may end: each line's end is found by probing and bisecting over the
   * characters, whose lines only ever go down.
   */
  function readLines(el: HTMLElement, kept: readonly GridLine[]): GridLines {
    const pitch = linePitch(el);
    const range = document.createRange();
    const chars: string[] = [];
    const at: [Text, number][] = [];
    const squeezed: boolean[] = [];
    const invisible = /[\p{Cf}\p{Mn}]/u;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const sq = node.parentElement?.classList.contains("jb-sq") ?? false;
      for (let off = 0; off < node.data.length; ) {
        const len = (node.data.codePointAt(off) ?? 0) > 0xffff ? 2 : 1;
        const ch = node.data.slice(off, off + len);
        // Spaces and invisible characters (format controls, combining marks) have no box of their own.
        if (ch.trim() !== "" && !invisible.test(ch)) {
          chars.push(ch);
          at.push([node, off]);
          squeezed.push(sq);
        }
        off += len;
      }
    }
    const boxOf = (i: number): DOMRect | undefined => {
      const [node, off] = at[i]!;
      range.setStart(node, off);
      range.setEnd(node, off + chars[i]!.length);
      const r = range.getBoundingClientRect();
      return r.width > 0 ? r : undefined;
    };
    const mids = new Map<number, number>();
    const midOf = (i: number) => {
      let mid = mids.get(i);
      if (mid === undefined) {
        const r = boxOf(i);
        mid = r ? r.top + r.height / 2 : Number.NEGATIVE_INFINITY;
        mids.set(i, mid);
      }
      return mid;
    };
    const lines: GridLine[] = [...kept];
    let start = kept.reduce((n, l) => n + l.chars.length, 0);
    /** Measures the next line; false past the last. */
    const more = (): boolean => {
      if (start >= chars.length) return false;
      const mid = midOf(start);
      const sameLine = (i: number) => midOf(i) <= mid + pitch / 2;
      // The last character on this line: a full line holds about 28, so look there first, then
      // gallop past it and bisect.
      const last = chars.length - 1;
      let lo = start;
      let hi = Math.min(last, start + 26);
      if (sameLine(hi)) {
        for (let step = 2; hi < last && sameLine(hi); step *= 2) {
          lo = hi;
          hi = Math.min(last, hi + step);
        }
        if (sameLine(hi)) lo = hi;
      }
      while (hi - lo > 1) {
        const m = (lo + hi) >> 1;
        if (sameLine(m)) lo = m;
        else hi = m;
      }
      const [first, end] = [start, lo + 1];
      const widths = (): number[] => chars.slice(first, end).map((_, n) => boxOf(first + n)?.width ?? 0);
      lines.push({
        chars: chars.slice(start, end),
        widths,
        at: at.slice(start, end),
        squeezed: squeezed.slice(start, end),
        right: boxOf(lo)?.right ?? 0,
        mid,
      });
      start = end;
      return true;
    };
    return {
      line: (n) => {
        while (lines.length <= n && more());
        return lines[n];
      },
      first: (n) => {
        while (lines.length < n && more());
        return lines.slice(0, n);
      },
      all: () => {
        while (more());
        return lines;
      },
    };
  }

  /** Sets one mark in half a cell (official.css .jb-sq). */
  function squeezeAt([node, off]: [Text, number], ch: string, side: "start" | "end"): HTMLElement {
    const range = document.createRange();
    range.setStart(node, off);
    range.setEnd(node, off + ch.length);
    const span = document.createElement("span");
    span.className = "jb-sq";
    span.dataset.sq = side;
    range.surroundContents(span);
    return span;
  }

  async function loadFonts() {
    // Faces used only in margins or late in the document would otherwise load after measuring.
    await Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined)));
    await document.fonts.ready;
  }

  async function loadImages(flow: HTMLElement) {
    // An image's height is only known once it has loaded; lazy images would load after measuring.
    await Promise.all(
      [...flow.querySelectorAll("img")].map((img) => {
        img.loading = "eager";
        return img.decode().catch(() => undefined);
      }),
    );
  }

  function tighten(el: HTMLElement, step: number) {
    if (step > 0) el.dataset.tighten = String(step);
    else delete el.dataset.tighten;
  }

  function bottomOf(el: Element) {
    return el.getBoundingClientRect().bottom;
  }

  function fits(page: Page): boolean {
    const last = page.area.lastElementChild;
    return !last || bottomOf(last) <= bottomOf(page.area) + 0.5;
  }

  function lastBottom(area: HTMLElement, except: Element): number {
    let bottom = area.getBoundingClientRect().top;
    for (const c of area.children) if (c !== except) bottom = Math.max(bottom, bottomOf(c));
    return bottom;
  }

  function linePitch(el: Element): number {
    return parseFloat(getComputedStyle(el).lineHeight) || 38.65;
  }

  function trailingHeadings(page: Page): HTMLElement[] {
    const out: HTMLElement[] = [];
    let last = page.area.lastElementChild as HTMLElement | null;
    while (last?.matches(HEADING) && page.area.childElementCount > out.length + 1) {
      out.unshift(last);
      last = last.previousElementSibling as HTMLElement | null;
    }
    for (const h of out) h.remove();
    return out;
  }

  /** Splits `el` so that its first part ends above `limit`; returns the remainder, or `el` itself when nothing fits. */
  function split(el: HTMLElement, limit: number): HTMLElement {
    if (el.matches(HEADING) || el.classList.contains("jb-masthead") || el.tagName === "FIGURE") return el;
    if (el.tagName === "TABLE") return splitTable(el as HTMLTableElement, limit);
    const blockChildren = [...el.children].filter(
      (c) => getComputedStyle(c).display !== "inline" && getComputedStyle(c).display !== "inline-block",
    ) as HTMLElement[];
    if (blockChildren.length > 0 && !LINE_BLOCKS.has(el.tagName)) return splitContainer(el, blockChildren, limit);
    return splitLines(el, limit);
  }

  function splitContainer(el: HTMLElement, children: HTMLElement[], limit: number): HTMLElement {
    const i = children.findIndex((c) => bottomOf(c) > limit + 0.5);
    if (i < 0) return el;
    const child = children[i]!;
    const childRest = split(child, limit);
    const keepsPart = childRest !== child;
    if (i === 0 && !keepsPart) return el;
    const rest = el.cloneNode(false) as HTMLElement;
    rest.classList.add("jb-cont");
    if (el.tagName === "OL") rest.setAttribute("start", String(Number(el.getAttribute("start") ?? 1) + i));
    rest.appendChild(childRest);
    for (const sib of children.slice(i + 1)) rest.appendChild(sib);
    if (!keepsPart) child.remove();
    return rest;
  }

  function splitTable(table: HTMLTableElement, limit: number): HTMLElement {
    const body = table.tBodies[0];
    if (!body) return table;
    const rows = [...body.rows];
    const i = rows.findIndex((r) => bottomOf(r) > limit + 0.5);
    if (i <= 0) return table;
    const rest = table.cloneNode(false) as HTMLTableElement;
    if (table.tHead) rest.appendChild(table.tHead.cloneNode(true));
    const restBody = body.cloneNode(false);
    for (const r of rows.slice(i)) restBody.appendChild(r);
    rest.appendChild(restBody);
    return rest;
  }

  function splitLines(el: HTMLElement, limit: number): HTMLElement {
    const texts: Text[] = [];
    const starts: number[] = [];
    let total = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const t = walker.currentNode as Text;
      texts.push(t);
      starts.push(total);
      total += t.length;
    }
    if (total === 0) return el;
    const pitch = linePitch(el);
    const range = document.createRange();
    const locate = (i: number): [Text, number] => {
      let lo = 0;
      let hi = texts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= i) lo = mid;
        else hi = mid - 1;
      }
      return [texts[lo]!, i - starts[lo]!];
    };
    // Where the line holding character i ends; collapsed white space borrows the next visible character.
    const lineEnd = (i: number): number => {
      for (let k = i; k < total; k++) {
        const [node, off] = locate(k);
        range.setStart(node, off);
        range.setEnd(node, off + 1);
        const r = range.getClientRects()[0];
        if (r && r.height > 0) return r.top + r.height / 2 + pitch / 2;
      }
      return -Infinity;
    };
    let lo = 0;
    let hi = total; // first character whose line overflows, in [0, total]
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lineEnd(mid) > limit + 0.5) hi = mid;
      else lo = mid + 1;
    }
    if (lo === 0) return el;
    if (lo >= total) return el;
    const [node, off] = locate(lo);
    range.setStart(node, off);
    range.setEnd(el, el.childNodes.length);
    const rest = el.cloneNode(false) as HTMLElement;
    rest.removeAttribute("id");
    rest.appendChild(range.extractContents());
    el.classList.add("jb-split");
    rest.classList.add("jb-cont");
    return rest;
  }
}
