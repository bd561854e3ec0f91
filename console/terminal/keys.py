"""Key presses to the bytes a terminal sends (xterm): arrows honour DECCKM, F1-F12, Ctrl and Alt."""

from __future__ import annotations

from PySide6.QtCore import Qt

_Key = Qt.Key
_Mod = Qt.KeyboardModifier

# Keys that end in a letter: normal "CSI x", application mode "SS3 x", modified "CSI 1;m x".
_LETTER_KEYS: dict[int, str] = {
    _Key.Key_Up: "A",
    _Key.Key_Down: "B",
    _Key.Key_Right: "C",
    _Key.Key_Left: "D",
    _Key.Key_Home: "H",
    _Key.Key_End: "F",
}
# F1-F4 are SS3 P..S unmodified.
_SS3_KEYS: dict[int, str] = {_Key.Key_F1: "P", _Key.Key_F2: "Q", _Key.Key_F3: "R", _Key.Key_F4: "S"}
# Keys sent as "CSI n ~" (modified: "CSI n;m ~").
_TILDE_KEYS: dict[int, int] = {
    _Key.Key_Insert: 2,
    _Key.Key_Delete: 3,
    _Key.Key_PageUp: 5,
    _Key.Key_PageDown: 6,
    _Key.Key_F5: 15,
    _Key.Key_F6: 17,
    _Key.Key_F7: 18,
    _Key.Key_F8: 19,
    _Key.Key_F9: 20,
    _Key.Key_F10: 21,
    _Key.Key_F11: 23,
    _Key.Key_F12: 24,
}
_CTRL_SYMBOLS: dict[int, bytes] = {
    _Key.Key_Space: b"\x00",
    _Key.Key_At: b"\x00",
    _Key.Key_BracketLeft: b"\x1b",
    _Key.Key_Backslash: b"\x1c",
    _Key.Key_BracketRight: b"\x1d",
    _Key.Key_AsciiCircum: b"\x1e",
    _Key.Key_Underscore: b"\x1f",
    _Key.Key_Question: b"\x7f",
}


def _modifier_param(mods: Qt.KeyboardModifier) -> int:
    """xterm's modifier parameter: 1 + Shift(1) + Alt(2) + Ctrl(4); 1 means none."""
    value = 1
    if mods & _Mod.ShiftModifier:
        value += 1
    if mods & _Mod.AltModifier:
        value += 2
    if mods & _Mod.ControlModifier:
        value += 4
    return value


def key_bytes(key: int, mods: Qt.KeyboardModifier, text: str, *, app_cursor: bool = False) -> bytes:
    """The bytes to send for a key press, or b"" when the key sends nothing."""
    mod = _modifier_param(mods)
    if key in _LETTER_KEYS:
        final = _LETTER_KEYS[key]
        if mod > 1:
            return f"\x1b[1;{mod}{final}".encode()
        return f"\x1bO{final}".encode() if app_cursor else f"\x1b[{final}".encode()
    if key in _SS3_KEYS:
        final = _SS3_KEYS[key]
        return f"\x1b[1;{mod}{final}".encode() if mod > 1 else f"\x1bO{final}".encode()
    if key in _TILDE_KEYS:
        number = _TILDE_KEYS[key]
        return f"\x1b[{number};{mod}~".encode() if mod > 1 else f"\x1b[{number}~".encode()
    alt = b"\x1b" if mods & _Mod.AltModifier else b""
    ctrl = bool(mods & _Mod.ControlModifier)
    simple = _simple_key(key, mods, ctrl)
    if simple is not None:
        return alt + simple
    if ctrl:
        if _Key.Key_A <= key <= _Key.Key_Z:
            return alt + bytes([key - _Key.Key_A + 1])
        if key in _CTRL_SYMBOLS:
            return alt + _CTRL_SYMBOLS[key]
    if text and all(ch >= " " and ch != "\x7f" for ch in text):
        return alt + text.encode("utf-8")
    if text and alt:
        return alt + text.encode("utf-8")
    return b""


def _simple_key(key: int, mods: Qt.KeyboardModifier, ctrl: bool) -> bytes | None:
    """Enter, Backspace, Tab, Back-tab and Escape."""
    if key in (_Key.Key_Return, _Key.Key_Enter):
        return b"\r"
    if key == _Key.Key_Backspace:
        return b"\x08" if ctrl else b"\x7f"
    if key == _Key.Key_Backtab or (key == _Key.Key_Tab and mods & _Mod.ShiftModifier):
        return b"\x1b[Z"
    if key == _Key.Key_Tab:
        return b"\t"
    if key == _Key.Key_Escape:
        return b"\x1b"
    return None


_CONSOLE_KEYS = frozenset({_Key.Key_Tab, _Key.Key_Backtab})
#: Ctrl+Shift keys the terminal keeps for itself: copy, paste, and the control characters typed with Shift
#: on a US keyboard (Ctrl+@ NUL, Ctrl+^ RS, Ctrl+_ US, Ctrl+? DEL) and the font zoom keys.
_TERMINAL_CTRL_SHIFT = frozenset({_Key.Key_C, _Key.Key_V})
ZOOM_IN_KEYS = frozenset({_Key.Key_Plus, _Key.Key_Equal})
ZOOM_OUT_KEYS = frozenset({_Key.Key_Minus})
ZOOM_RESET_KEYS = frozenset({_Key.Key_0, _Key.Key_ParenRight})


def console_owns(key: int, mods: Qt.KeyboardModifier) -> bool:
    """Whether a key pressed in the terminal is the console's shortcut rather than input for the remote.

    The console's shortcuts are the Ctrl+Shift family (as in GNOME Terminal and Windows Terminal) plus
    Ctrl+Tab / Ctrl+Shift+Tab to change tabs: every other key (Ctrl+A…Z, Alt+…, F1–F12) goes to the shell.
    """
    mods = mods & ~_Mod.KeypadModifier
    ctrl_shift = _Mod.ControlModifier | _Mod.ShiftModifier
    if key in _CONSOLE_KEYS and mods in (_Mod.ControlModifier, ctrl_shift):
        return True
    return mods == ctrl_shift and _Key.Key_A <= key <= _Key.Key_Z and key not in _TERMINAL_CTRL_SHIFT


def zoom_step(key: int, mods: Qt.KeyboardModifier) -> int | None:
    """+1, -1 or 0 (reset) for the font zoom keys: Ctrl+Shift+Plus/Minus/0 (also without Shift); else None."""
    mods = mods & ~_Mod.KeypadModifier
    if not mods & _Mod.ControlModifier or mods & (_Mod.AltModifier | _Mod.MetaModifier):
        return None
    if key in ZOOM_IN_KEYS:
        return 1
    if key in ZOOM_OUT_KEYS:
        return -1
    if key in ZOOM_RESET_KEYS:
        return 0
    return None
