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

export async function paginate(
  root: HTMLElement,
  folioTemplate: string,
  chooseColophonStep: (space: number, heights: readonly number[]) => number,
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
