"""Canned replies from resources/canned/<language>.toml: no network needed, ever."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sessions.errors import ConfigError
from translation.languages import normalize

FALLBACK = "en"


@dataclass(frozen=True, slots=True)
class CannedReply:
    """One reply: its id (the same in every language) and its text in one language."""

    id: str
    language: str
    text: str

    def fill(self, **values: str) -> str:
        """The text with {technician}, {company}… filled in; unknown fields are left as they are."""
        text = self.text
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text


def _folder():  # type: ignore[no-untyped-def]
    return resources.files("resources").joinpath("canned")


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a canned-reply file."""
    return tuple(
        sorted(e.name.removesuffix(".toml") for e in _folder().iterdir() if e.name.endswith(".toml"))
    )


@cache
def _load(language: str) -> dict[str, str]:
    entry = _folder().joinpath(f"{language}.toml")
    if not entry.is_file():
        return {}
    try:
        return dict(tomllib.loads(entry.read_text(encoding="utf-8")).get("replies", {}))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"The canned replies for {language} cannot be read ({exc}).",
            "Fix the file.",
            code="translation.canned_unreadable",
            params={"language": language, "exc": exc},
        ) from exc


def replies(language: str) -> list[CannedReply]:
    """Every canned reply in *language*, in picker order; a reply missing there comes in English."""
    language = normalize(language)
    own = _load(language)
    return [
        CannedReply(reply_id, language if reply_id in own else FALLBACK, own.get(reply_id, text))
        for reply_id, text in _load(FALLBACK).items()
    ]


def reply(reply_id: str, language: str) -> CannedReply:
    """One canned reply; an unknown id raises ConfigError naming the known ids."""
    for item in replies(language):
        if item.id == reply_id:
            return item
    raise ConfigError(
        f"There is no canned reply '{reply_id}'.",
        f"Known replies: {', '.join(r.id for r in replies(FALLBACK))}.",
        code="translation.unknown_canned",
        params={"reply_id": reply_id, "replies": ", ".join(r.id for r in replies(FALLBACK))},
    )
