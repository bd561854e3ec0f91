"""The languages Valuezone supports and each provider's code for them."""

from __future__ import annotations

SUPPORTED: dict[str, str] = {
    "ko": "한국어",
    "en": "English",
    "zh-TW": "繁體中文",
    "zh-CN": "简体中文",
    "ja": "日本語",
}

_ALIASES = {
    "kr": "ko",
    "kor": "ko",
    "korean": "ko",
    "eng": "en",
    "english": "en",
    "jp": "ja",
    "jpn": "ja",
    "japanese": "ja",
    "zh": "zh-TW",
    "zh-hant": "zh-TW",
    "zh-tw": "zh-TW",
    "zh-hk": "zh-TW",
    "zh-hans": "zh-CN",
    "zh-cn": "zh-CN",
    "zh-sg": "zh-CN",
    "chinese": "zh-TW",
}

# Our code -> the provider's code, where they differ. A provider not listed uses our codes as they are.
_SOURCE_CODES: dict[str, dict[str, str]] = {
    "mymemory": {"ko": "ko-KR", "en": "en-US", "ja": "ja-JP"},
    "deepl": {"zh-TW": "zh", "zh-CN": "zh"},
    "microsoft": {"zh-TW": "zh-Hant", "zh-CN": "zh-Hans"},
    "libre": {"zh-TW": "zh", "zh-CN": "zh"},
}
_TARGET_CODES: dict[str, dict[str, str]] = {
    **_SOURCE_CODES,
    "deepl": {"en": "en-US", "zh-TW": "zh-Hant", "zh-CN": "zh-Hans"},
}


def normalize(code: str) -> str:
    """Our code for *code* ("zh-hant", "japanese" -> "zh-TW", "ja"); unknown codes pass unchanged."""
    code = code.strip()
    if code in SUPPORTED or code == "auto":
        return code
    return _ALIASES.get(code.lower(), code)


def provider_code(provider: str, code: str, *, target: bool) -> str:
    """The code *provider* expects for our language *code*."""
    table = (_TARGET_CODES if target else _SOURCE_CODES).get(provider, {})
    return table.get(code, code)


def same_language(a: str, b: str) -> bool:
    """True when no translation is needed (zh-TW and zh-CN are different languages here)."""
    return normalize(a) == normalize(b)
