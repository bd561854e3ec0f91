"""Offline language detection: script shortcuts for Hangul, Kana and Han, lingua for the rest.

lingua (lingua-language-detector) is restricted to the languages we support and built lazily on the
first text that needs it (Latin-script or mixed text), so Korean, Japanese and Chinese never load it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from translation.languages import SUPPORTED

# (traditional, simplified) pairs of common characters that differ: tell zh-TW from zh-CN.
_TRAD = (
    "這個們來說對時會過還發後問題與為開關機電腦體設備錯誤請謝應該網線點擊檔檢壞資儲陣"
    "號碼聯絡盤顯無連斷樣麼嗎沒讓幫氣動態區據實際種從當經現條長門間壓溫風級紅燈聲響"
)
_SIMP = (
    "这个们来说对时会过还发后问题与为开关机电脑体设备错误请谢应该网线点击档检坏资储阵"
    "号码联络盘显无连断样么吗没让帮气动态区据实际种从当经现条长门间压温风级红灯声响"
)
_TRAD_SET, _SIMP_SET = frozenset(_TRAD), frozenset(_SIMP)

_LINGUA_NAMES = {"ko": "KOREAN", "en": "ENGLISH", "ja": "JAPANESE", "zh": "CHINESE"}
_lock = threading.Lock()


def _script_counts(text: str) -> tuple[int, int, int, int, int, int]:
    hangul = kana = han = latin = trad = simp = 0
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul += 1
        elif 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
            kana += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            han += 1
            trad += ch in _TRAD_SET
            simp += ch in _SIMP_SET
        elif ch.isalpha() and o < 0x250:
            latin += 1
    return hangul, kana, han, latin, trad, simp


def _chinese(trad: int, simp: int) -> str:
    return "zh-CN" if simp > trad else "zh-TW"


@lru_cache(maxsize=4)
def _lingua(codes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder

    languages = {
        getattr(Language, _LINGUA_NAMES[c.split("-")[0]]) for c in codes if c.split("-")[0] in _LINGUA_NAMES
    }
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str, languages: Iterable[str] = tuple(SUPPORTED)) -> str | None:
    """Our code for the language of *text* ("ko", "ja", "zh-TW", "zh-CN", "en"), or None if unsure."""
    hangul, kana, han, latin, trad, simp = _script_counts(text)
    cjk = hangul + kana + han
    if cjk and cjk * 2 >= latin:
        if hangul >= kana + han:
            return "ko"
        if kana:
            return "ja"
        return _chinese(trad, simp)
    if not latin:
        return None
    with _lock:
        detector = _lingua(tuple(sorted(languages)))
    if detector is None:
        return "en"
    found = detector.detect_language_of(text)
    if found is None:
        return None
    code = found.iso_code_639_1.name.lower()
    return _chinese(trad, simp) if code == "zh" else code
