"""The agent's texts in the customer's language, from resources/agent/<lang>.toml: offline, never translated.

Questions from the technician (survey, consent to send files) are rendered here, so the customer reads
them in their own language without any translation service on their side.
"""

from __future__ import annotations

import locale
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sessions.agent.failures import UNEXPECTED, customer_error
from sessions.chat.questions import CONSENT, SURVEY, WEB_FORWARD, Question
from sessions.paths import app_dirs
from sessions.visible import visible

FALLBACK = "en"
_FIELD = re.compile(r"\{(\w+)\}")
_ALIASES = {
    "zh": "zh-CN",
    "zh-hans": "zh-CN",
    "zh-cn": "zh-CN",
    "zh-sg": "zh-CN",
    "zh-hant": "zh-TW",
    "zh-tw": "zh-TW",
    "zh-hk": "zh-TW",
    "zh-mo": "zh-TW",
}


@cache
def languages() -> tuple[str, ...]:
    """The languages the agent speaks (a file each in resources/agent)."""
    folder = resources.files("resources").joinpath("agent")
    return tuple(sorted(e.name.removesuffix(".toml") for e in folder.iterdir() if e.name.endswith(".toml")))


def normalize(lang: str) -> str:
    """A language code from a locale or option: ``ko_KR.UTF-8`` → ``ko``, ``zh_TW`` → ``zh-TW``."""
    code = lang.split(".")[0].split("@")[0].replace("_", "-").strip().lower()
    known = {name.lower(): name for name in languages()}
    if code in known:
        return known[code]
    if code in _ALIASES:
        return _ALIASES[code]
    if code.startswith("zh-hant"):
        return "zh-TW"
    return code.split("-")[0]


def resolve(lang: str) -> str:
    """The catalogue language for *lang*: its own when the agent has texts for it, else English."""
    code = normalize(lang)
    return code if code in languages() else FALLBACK


def system_language() -> str:
    """The customer's language from the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); '' when unset."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(":")[0]
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalize(value)
    try:
        return normalize(locale.getlocale()[0] or "")
    except ValueError:
        return ""


@cache
def _load(lang: str) -> dict[str, dict[str, Any]]:
    entry = (
        resources.files("resources").joinpath("agent").joinpath(f"{lang}.toml")
    )  # one step each: frozen builds
    data = tomllib.loads(entry.read_text(encoding="utf-8")) if entry.is_file() else {}
    canned = resources.files("resources").joinpath("canned").joinpath(f"{lang}.toml")
    if canned.is_file():
        replies = tomllib.loads(canned.read_text(encoding="utf-8")).get("replies", {})
        question = data.setdefault("question", {})
        for key in ("survey_solved", "survey_score"):
            if key in replies:
                question.setdefault(key, replies[key])
    return data


@dataclass(frozen=True, slots=True)
class RenderedQuestion:
    """A question as the customer reads it: a title and body lines, in ``lang``."""

    kind: str
    lang: str
    title: str
    body: tuple[str, ...]
    prompt: str = ""  # the yes/no question itself ('' : the consent's "Do you agree to send these files?")
    agree: str = ""  # the yes button ('' : question.agree)
    decline: str = ""  # the no button ('' : question.decline)


class Catalogue:
    """Texts in one language; a key missing there comes from English."""

    def __init__(self, lang: str) -> None:
        self.lang = resolve(lang)

    def text(self, key: str, **values: Any) -> str:
        """The text for ``section.key`` (``question.yes``) with ``{name}`` fields filled in."""
        section, _, name = key.partition(".")
        value = _load(self.lang).get(section, {}).get(name)
        if value is None:
            value = _load(FALLBACK).get(section, {}).get(name, key)
        # One pass: a filled-in value (a technician's name) that looks like a {field} stays as it is.
        return _FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), str(value))

    def has(self, key: str) -> bool:
        """Whether ``section.key`` has a text (in this language or in English)."""
        section, _, name = key.partition(".")
        return any(name in _load(lang).get(section, {}) for lang in (self.lang, FALLBACK))

    def error(self, error: BaseException, *, relay: str = "") -> str:
        """What the customer reads about *error*: its ``[errors]`` text, never the technician's message."""
        key, params = customer_error(error, relay=relay)
        if not self.has(f"errors.{key}"):
            key = UNEXPECTED
        params.setdefault("log", str(app_dirs().log_file))
        return self.text(f"errors.{key}", **{name: visible(str(value)) for name, value in params.items()})

    def redaction_name(self, rule: str) -> str:
        """A redaction rule's name for the customer (``known_secret`` → "passwords used in this session")."""
        if rule.startswith("detect_secrets."):
            rule = "detect_secrets"
        key = f"redaction.{rule}"
        return self.text(key if self.has(key) else "redaction.other")

    def redactions(self, counts: dict[str, int]) -> str:
        """``passwords × 3, email addresses × 1``: counts per customer name (rules with one name add up)."""
        named: dict[str, int] = {}
        for rule, count in counts.items():
            if isinstance(count, int) and count > 0:
                name = self.redaction_name(str(rule))
                named[name] = named.get(name, 0) + count
        return ", ".join(f"{name} × {count}" for name, count in sorted(named.items(), key=lambda i: -i[1]))

    def time_left(self, seconds: float) -> str:
        """``The code expires in 9:42.`` (minutes:seconds, never below 0:00)."""
        left = max(0, int(seconds + 0.999))
        return self.text("countdown.left", time=f"{left // 60}:{left % 60:02d}")

    def words(self, key: str) -> frozenset[str]:
        """A list of words (``question.yes_words``), lower case, with the English ones always accepted."""
        section, _, name = key.partition(".")
        own = _load(self.lang).get(section, {}).get(name) or []
        english = _load(FALLBACK).get(section, {}).get(name) or []
        return frozenset(str(word).lower() for word in (*own, *english))

    def yes_no(self, answer: str) -> bool | None:
        """True for a yes word, False for a no word, None for anything else."""
        word = answer.strip().lower()
        if word in self.words("question.yes_words"):
            return True
        if word in self.words("question.no_words"):
            return False
        return None

    def render(self, question: Question) -> RenderedQuestion:
        """The title and body of *question* (its kind must be known: see sessions.chat.questions.KINDS)."""
        params = question.params
        if question.kind == SURVEY:
            outcome = str(params.get("outcome", ""))
            label = self.text(f"outcome.{outcome}") if outcome in _outcomes() else visible(outcome)
            body = (self.text("question.survey_intro", outcome=label),) if outcome else ()
            return RenderedQuestion(SURVEY, self.lang, self.text("question.survey_title"), body)
        if question.kind == WEB_FORWARD:
            intro = self.text(
                "question.web_intro", technician=visible(str(params["technician"])), port=int(params["port"])
            )
            return RenderedQuestion(
                WEB_FORWARD,
                self.lang,
                self.text("question.web_title"),
                (intro, self.text("question.web_note")),
                self.text("question.web_question"),
                self.text("question.web_allow"),
                self.text("question.web_decline"),
            )
        if question.kind == CONSENT:
            lines = [
                self.text(
                    "question.consent_intro",
                    destination=visible(str(params["destination"])),
                    ticket=visible(str(params["ticket"])),
                )
            ]
            lines += [f"  • {visible(str(f['path']))} ({human_size(f['size'])})" for f in params["files"]]
            size = human_size(params["total_bytes"])
            lines.append(self.text("question.consent_total", count=len(params["files"]), size=size))
            redactions = {str(k): v for k, v in params["redactions"].items() if isinstance(v, int) and v > 0}
            if redactions:
                rules = self.redactions(redactions)
                lines.append(
                    self.text("question.consent_redacted", count=sum(redactions.values()), rules=rules)
                )
            else:
                lines.append(self.text("question.consent_nothing_redacted"))
            return RenderedQuestion(CONSENT, self.lang, self.text("question.consent_title"), tuple(lines))
        raise ValueError(f"no texts for questions of kind {question.kind!r}")


def _outcomes() -> frozenset[str]:
    return frozenset(_load(FALLBACK).get("outcome", {}))


def human_size(size: int) -> str:
    """``512 B``, ``1.5 KB``, ``12.0 MB`` (powers of 1024, one decimal)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
