"""Removes the TrueType hinting instructions from the Tinos faces in this folder.

Hinting only steers how glyphs snap to the pixel grid of a screen at small sizes; printers and
PDF viewers do without it. It made up a third of each face, and every PDF carries a subset of
each face it uses, so removing it makes every invitation's file smaller and quicker to write.
Outlines, metrics and layout tables are left as they were, so the text is set exactly as before.

Run once on the faces from Debian's fonts-croscore (needs fontTools: pip install fonttools):
    python3 fonts/dehint.py fonts/*.ttf
"""

import sys

from fontTools.ttLib import TTFont

# The instruction programs and tables that exist only for hinting; DSIG, a signature of the
# original bytes, would no longer match.
HINTING_TABLES = ["fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "DSIG"]

for path in sys.argv[1:]:
    font = TTFont(path)
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    maxp = font["maxp"]
    maxp.maxZones = 1
    for field in ["maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions"]:
        setattr(maxp, field, 0)
    font.save(path)
