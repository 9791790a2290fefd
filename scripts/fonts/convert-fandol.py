#!/usr/bin/python3
"""Convert the Fandol CID-keyed CFF OpenType fonts to TrueType (glyf) WOFF2.

Why: Chromium embeds fonts with CFF outlines as Type 3 fonts when printing to
PDF.  Fonts with quadratic TrueType outlines are embedded as CID TrueType
(subset) instead.

Source: the Fandol fonts from CTAN / TeX Live (Debian: texlive-lang-chinese),
GNU GPL v3 with the GPL font exception.  See public/fonts/LICENSE-Fandol.txt.

Requires fontTools and brotli.  On Debian use the system interpreter:
    apt-get install python3-fonttools python3-brotli
    /usr/bin/python3 scripts/fonts/convert-fandol.py [--src DIR] [--out DIR]

Fonts are processed one after another (each needs ~300 MB of RAM).
The output is deterministic: the head.modified timestamp is kept from the
source font, so re-running the script yields byte-identical files.
"""

import argparse
import os
import sys
import time
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import Glyph

FONTS = [
    "FandolFang-Regular",
    "FandolSong-Regular",
    "FandolSong-Bold",
    "FandolHei-Regular",
    "FandolKai-Regular",
]

DEFAULT_SRC = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "public" / "fonts"

MAX_ERR = 1.0  # cu2qu approximation tolerance, in font units (UPM 1000)

# Appended to name ID 5 (version string): GPL v3 s.5(a) asks modified works
# to carry a notice that they were modified.  Deterministic on purpose.
VERSION_NOTE = "; TrueType outlines converted by convert-fandol.py (fontTools cu2qu)"


def convert(src_path: Path, out_path: Path) -> dict:
    # recalcTimestamp=False keeps head.modified -> reproducible output.
    font = TTFont(str(src_path), recalcTimestamp=False, recalcBBoxes=True)
    if "CFF " not in font:
        raise SystemExit(f"{src_path}: no 'CFF ' table (already TrueType?)")

    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    hmtx = font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font else None
    vorg = font["VORG"] if "VORG" in font else None

    glyphs = {}
    failed = []
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        pen = Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True)
        try:
            glyph_set[name].draw(pen)
            glyph = tt_pen.glyph()
        except Exception as exc:  # keep going; report at the end
            failed.append((name, repr(exc)))
            glyph = Glyph()  # empty glyph
        glyphs[name] = glyph

    # Build glyf/loca (loca is filled in when the font is compiled).
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")

    # Left side bearings (hmtx) from the new glyph bounds; for the vertical
    # metrics, keep each glyph's vertical origin (VORG or its default) and
    # recompute the top side bearing as vertOriginY - yMax, since TrueType
    # has no VORG and the origin is derived from tsb + yMax.
    for name in glyph_order:
        g = glyphs[name]
        g.recalcBounds(glyf)
        has_outline = g.numberOfContours != 0
        adv, _lsb = hmtx[name]
        hmtx[name] = (adv, g.xMin if has_outline else 0)
        if vmtx is not None and vorg is not None and has_outline:
            vadv, _tsb = vmtx[name]
            origin_y = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
            vmtx[name] = (vadv, origin_y - g.yMax)

    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]

    # maxp 1.0 (TrueType).  numGlyphs, points/contours/components and the
    # head bbox are recomputed by fontTools on compile (recalcBBoxes=True).
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.recalc(font)

    # post 3.0: no glyph names (CID-keyed fonts only have cidNNNNN names,
    # which are meaningless anyway; readers synthesize glyphNNNNN names).
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}

    head = font["head"]
    head.glyphDataFormat = 0

    # Unhinted outlines: ask for grayscale + symmetric smoothing at all sizes.
    gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000F}
    font["gasp"] = gasp

    name_table = font["name"]
    for rec in name_table.names:
        if rec.nameID == 5:
            rec.string = rec.toUnicode() + VERSION_NOTE

    font.sfntVersion = "\x00\x01\x00\x00"
    font.flavor = "woff2"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out_path), reorderTables=True)
    font.close()
    return {"glyphs": len(glyph_order), "failed": failed}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=DEFAULT_SRC, help=f"directory with Fandol*.otf (default: {DEFAULT_SRC})")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output directory (default: <repo>/public/fonts)")
    ap.add_argument("fonts", nargs="*", default=FONTS, help="font base names (default: all five)")
    args = ap.parse_args(argv)

    src_dir = Path(args.src)
    out_dir = Path(args.out)
    total_start = time.monotonic()
    any_failed = False
    for base in args.fonts:
        src = src_dir / f"{base}.otf"
        dst = out_dir / f"{base}.woff2"
        print(f"[{base}] {src} -> {dst}", flush=True)
        t0 = time.monotonic()
        result = convert(src, dst)
        dt = time.monotonic() - t0
        size = os.path.getsize(dst)
        print(f"[{base}] {result['glyphs']} glyphs, {size:,} bytes, {dt:.1f} s", flush=True)
        for name, err in result["failed"]:
            any_failed = True
            print(f"[{base}]   WARNING: glyph {name} failed to convert: {err}", file=sys.stderr)
    print(f"done in {time.monotonic() - total_start:.1f} s", flush=True)
    return 1 if any_failed else 0


if __name__ == "__main__":
    sys.exit(main())
