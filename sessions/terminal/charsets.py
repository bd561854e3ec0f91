"""Character sets a program can designate (SCS) and shift in (SI / SO): US ASCII, UK and DEC special graphics.

ncurses draws borders (mc, htop, dialog, nmtui) by designating DEC special graphics (``ESC ( 0`` or
``ESC ) 0`` then SO) and writing ``lqqk``; the table below turns those into box-drawing characters as xterm
does. A set is a ``str.translate`` table, or None for US ASCII (text is drawn as it is).
"""

from __future__ import annotations

#: DEC special graphics, 0x5f-0x7e: the VT100 glyphs as xterm maps them to Unicode.
DEC_SPECIAL_GRAPHICS: dict[int, str] = {
    ord(code): glyph
    for code, glyph in zip(
        "_`abcdefghijklmnopqrstuvwxyz{|}~",
        "\u00a0◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·",
        strict=True,
    )
}
#: The United Kingdom set: US ASCII with a pound sign for #.
UK: dict[int, str] = {ord("#"): "£"}

Charset = dict[int, str] | None
#: Designations we know, by the final character of ``ESC ( F`` / ``ESC ) F``; others are ignored.
CHARSETS: dict[str, Charset] = {"B": None, "0": DEC_SPECIAL_GRAPHICS, "A": UK}
