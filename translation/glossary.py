"""The glossary: terms from resources/glossary.toml that are never translated, as one compiled regex."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from sessions.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Glossary:
    """Protected terms: `exact` matched with their case, `any_case` in any case, whole words only."""

    exact: tuple[str, ...]
    any_case: tuple[str, ...] = ()

    @classmethod
    def from_toml(cls, text: str) -> Glossary:
        try:
            doc = tomllib.loads(text)
            return cls(tuple(doc.get("exact", ())), tuple(doc.get("any_case", ())))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                f"The glossary is not valid TOML ({exc}).",
                "Fix the line it names in glossary.toml.",
                code="translation.glossary_invalid",
                params={"exc": exc},
            ) from exc

    @classmethod
    def from_resources(cls) -> Glossary:
        return cls.from_toml(resources.files("resources").joinpath("glossary.toml").read_text("utf-8"))

    def pattern(self) -> re.Pattern[str] | None:
        """One regex for every term, longest first, bounded so that "SAS" never matches inside "SASL"."""
        if not self.exact and not self.any_case:
            return None
        exact = sorted(self.exact, key=len, reverse=True)
        any_case = sorted(self.any_case, key=len, reverse=True)
        alternatives = [re.escape(t) for t in exact] + [f"(?i:{re.escape(t)})" for t in any_case]
        return re.compile(r"(?<![\w.-])(?:" + "|".join(alternatives) + r")(?![\w-]|\.\w)")
