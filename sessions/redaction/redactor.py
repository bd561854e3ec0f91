"""The redaction engine: finds secrets with the rules of resources/redaction.toml and replaces them.

Used before text is sent to a translator (translation.masking), before a chat line is recorded
(sessions.chat.conversation) and before logs are written into an escalation bundle (sessions.escalation).

Sources of secrets, all resolved into one list of non-overlapping spans:
- the rules, each only on the lines its triggers match (sessions/redaction/triggers.py: one Aho-Corasick pass
  finds which trigger literals occur at all, so a clean chunk costs one `lower()` and that pass);
- detect-secrets' token shapes, for short texts (`with_detect_secrets`: chat, translation, summaries);
- exact values: the passwords and passphrases this console holds (`with_known`), removed wherever they
  appear, whatever the words around them, also URL-, base64- or JSON-encoded, full-width or with their
  case swapped (sessions/redaction/known_forms.py);
- repeats: a value found (4 characters or more) is removed wherever else it appears in the same text,
  so a password said twice loses both.

Bytes (logs) are read as UTF-8 with surrogate escapes, so Korean, Japanese and Chinese rules work on logs
too and any other byte passes through unchanged.
"""

from __future__ import annotations

import copy
import logging
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

from sessions import secrets
from sessions.errors import ConfigError
from sessions.redaction.detect_secrets_adapter import SHAPE_PLUGINS, DetectSecretsScanner, available
from sessions.redaction.known_forms import finder as known_finder
from sessions.redaction.triggers import TriggerIndex

log = logging.getLogger(__name__)

DEFAULT_CHUNK = 4 << 20
MAX_BLOCK_CARRY = 1 << 20  # an unterminated private key block is held back at most this long in a stream
MIN_REPEAT = 4  # a found value this long or longer is also removed where it appears again
MIN_KNOWN = 6  # shorter exact values are ignored: they would blank out ordinary words and numbers
KNOWN_RULE = "known_secret"
_FRAGMENT = re.compile(r"\{\{(\w+)\}\}")

KnownSecrets = Callable[[], Iterable[str]]
Finder = Callable[[str], Iterable["Span"]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One redaction rule, as written in resources/redaction.toml."""

    id: str
    pattern: str
    triggers: tuple[str, ...]
    block: bool = False
    optional: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """A secret found in a text: `text[start:end]`, found by rule `rule`."""

    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """Redacted text and how many secrets each rule replaced."""

    text: str
    counts_by_rule: Mapping[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts_by_rule.values())


@dataclass(frozen=True, slots=True)
class RedactedBytes:
    """Redacted bytes and how many secrets each rule replaced."""

    data: bytes
    counts_by_rule: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    regex: re.Pattern[str]


def _compile_all(rules: Iterable[Rule]) -> tuple[list[_Compiled], TriggerIndex]:
    compiled = []
    for rule in rules:
        try:
            compiled.append(_Compiled(rule, re.compile(rule.pattern)))
            for trigger in rule.triggers:
                re.compile(trigger)
        except re.error as exc:
            raise ConfigError(
                f"The redaction rule '{rule.id}' has a broken pattern or trigger ({exc}).",
                "Fix the pattern in redaction.toml; nothing is redacted with a broken rule set.",
                code="redaction.broken_rule",
                params={"rule_id": rule.id, "exc": exc},
            ) from exc
    return compiled, TriggerIndex([c.rule.triggers for c in compiled])


def _expand(pattern: str, fragments: Mapping[str, str], rule_id: str) -> str:
    def put(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise ConfigError(
                f"The redaction rule '{rule_id}' uses an unknown fragment {{{{{name}}}}}.",
                f"Define it under [fragments] in redaction.toml; known: {', '.join(fragments) or 'none'}.",
                code="redaction.unknown_fragment",
                params={"rule_id": rule_id, "name": name, "fragments": ", ".join(fragments) or "none"},
            )
        return fragments[name]

    return _FRAGMENT.sub(put, pattern)


def _fragments(raw: Mapping[str, Any]) -> dict[str, str]:
    """[fragments] in file order; a fragment may use the ones defined before it."""
    out: dict[str, str] = {}
    for name, value in raw.items():
        out[name] = _expand(str(value), out, f"fragments.{name}")
    return out


def _rule_spans(text: str, compiled: list[_Compiled], index: TriggerIndex) -> list[tuple[Span, int]]:
    """Spans of every rule (may overlap), each with its rule's order; the rule's pattern runs only on
    the lines its triggers matched (translation.triggers)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few Unicode letters change length when lower-cased
        return [
            (s, order)
            for order, c in enumerate(compiled)
            for m in c.regex.finditer(text)
            for s in _spans(m, c)
        ]
    found: list[tuple[Span, int]] = []
    for order, (item, lines) in enumerate(zip(compiled, index.lines(lowered), strict=True)):
        if not lines:
            continue
        if item.rule.block:
            start = min(lines)[0]
            found.extend((s, order) for m in item.regex.finditer(text, start) for s in _spans(m, item))
            continue
        for start, end in sorted(lines):
            found.extend((s, order) for m in item.regex.finditer(text, start, end) for s in _spans(m, item))
    return found


def _spans(match: re.Match[str], item: _Compiled) -> list[Span]:
    """The match's `secret…` groups that took part (several in one rule are allowed), else the match."""
    names = [n for n in match.re.groupindex if n.startswith("secret")]
    if not names:
        return [Span(match.start(), match.end(), item.rule.id)]
    return [Span(match.start(n), match.end(n), item.rule.id) for n in names if match.start(n) >= 0]


def _occurrences(text: str, values: Iterable[str], rule_of: Callable[[str], str]) -> list[Span]:
    """Every place one of *values* appears (longest first where two start together), in one scan."""
    ordered = sorted(set(values), key=len, reverse=True)
    if not ordered:
        return []
    finder = re.compile("|".join(map(re.escape, ordered)))
    return [Span(m.start(), m.end(), rule_of(m.group())) for m in finder.finditer(text)]


def _resolve_ordered(found: list[tuple[Span, int]]) -> list[Span]:
    """Drop empty spans and overlaps: the earliest start wins, then rule order, then the longest."""
    found.sort(key=lambda pair: (pair[0].start, pair[1], -(pair[0].end - pair[0].start)))
    out: list[Span] = []
    last_end = -1
    for span, _order in found:
        if span.end > span.start and span.start >= last_end:
            out.append(span)
            last_end = span.end
    return out


GLUE = frozenset("&;,<>`'\"")  # where a rule's unquoted value stops: also inside a password ("Tr0ub4dor&3")
_TRAILING = ".,;:?!)]}'\"`>"  # sentence punctuation after a password, kept out of it


def _glued(text: str, spans: list[Span]) -> list[Span]:
    """Spans that run on over a stop character glued to more of the word (`[REDACTED]&3` would keep
    half the password): to the end of that word, not over a space, its closing punctuation, or the next
    span. A stop followed by a space, a quote or the end of the text (`"x",` `x;`) is left alone."""
    out = []
    for index, span in enumerate(spans):
        end, limit = span.end, spans[index + 1].start if index + 1 < len(spans) else len(text)
        if end + 1 < limit and text[end] in GLUE and text[end + 1].isalnum():
            while end < limit and not text[end].isspace():
                end += 1
            while end > span.end and text[end - 1] in _TRAILING:
                end -= 1
            span = Span(span.start, end, span.rule)
        out.append(span)
    return out


def _splice(text: str, spans: list[Span], placeholder: str) -> tuple[str, dict[str, int]]:
    counts: Counter[str] = Counter(s.rule for s in spans)
    if not spans:
        return text, {}
    parts: list[str] = []
    pos = 0
    for span in spans:
        parts.append(text[pos : span.start])
        parts.append(placeholder.format(rule=span.rule))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts), dict(counts)


class Redactor:
    """Applies redaction rules (and exact values: `with_known`); safe to share between threads."""

    def __init__(self, rules: Iterable[Rule], placeholder: str = "[REDACTED:{rule}]") -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.placeholder = placeholder
        self._compiled, self._index = _compile_all(self.rules)
        self._known: KnownSecrets | None = None
        self._extra: Finder | None = None

    @classmethod
    def from_toml(cls, text: str, optional_rules: Iterable[str] = ()) -> Redactor:
        """Rules from TOML text; optional rules are on only when named in *optional_rules*."""
        wanted = set(optional_rules)
        try:
            doc = tomllib.loads(text)
            fragments = _fragments(doc.get("fragments", {}))
            rules = [
                Rule(
                    id=entry["id"],
                    pattern=_expand(entry["pattern"], fragments, entry["id"]),
                    triggers=tuple(_expand(t, fragments, entry["id"]) for t in entry["triggers"]),
                    block=entry.get("scope", "line") == "block",
                    optional=bool(entry.get("optional", False)),
                    description=entry.get("description", ""),
                )
                for entry in doc.get("rule", [])
            ]
        except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"The redaction rules cannot be read ({exc}).",
                "Each [[rule]] needs id, pattern and triggers; see the comments in redaction.toml.",
                code="redaction.rules_unreadable",
                params={"exc": exc},
            ) from exc
        unknown = wanted - {r.id for r in rules if r.optional}
        if unknown:
            raise ConfigError(
                f"Unknown optional redaction rule(s): {', '.join(sorted(unknown))}.",
                f"Optional rules are: {', '.join(r.id for r in rules if r.optional)}.",
                code="redaction.unknown_optional",
                params={
                    "unknown": ", ".join(sorted(unknown)),
                    "optional": ", ".join(r.id for r in rules if r.optional),
                },
            )
        active = [r for r in rules if not r.optional or r.id in wanted]
        return cls(active, doc.get("placeholder", "[REDACTED:{rule}]"))

    @classmethod
    def from_resources(cls, optional_rules: Iterable[str] = ()) -> Redactor:
        """The rules shipped in resources/redaction.toml (read and compiled once per process)."""
        return _shipped(tuple(sorted(optional_rules)))

    @classmethod
    def for_this_console(cls, *, chat: bool = False) -> Redactor:
        """The shipped rules plus every secret this console holds, by value (sessions.secrets.held).

        With *chat* (chat lines, translation requests, summaries: short texts), detect-secrets' token
        shapes too. This is what every path out of the console uses unless a test passes its own.
        """
        redactor = cls.from_resources().with_known(secrets.held)
        return redactor.with_detect_secrets() if chat else redactor

    def with_known(self, known: KnownSecrets) -> Redactor:
        """A copy that also removes, by value, every secret *known* returns (asked at each call), in each
        form it is written in (sessions.redaction.known_forms).

        *known* must be thread-safe and fast (sessions.secrets.held is). Values shorter than MIN_KNOWN
        characters are ignored.
        """
        other = copy.copy(self)
        other._known = known
        return other

    def with_detect_secrets(self) -> Redactor:
        """A copy that also runs detect-secrets' token-shape plugins (GitLab, OpenAI, Stripe, Telegram, …).

        For short texts (chat lines, summaries): detect-secrets costs about 2× our rules per KB, and far
        more on logs, so bundles use the rules alone. See bench/redaction_corpus.py.
        """
        if not available():
            log.warning("detect-secrets is not installed: token shapes are found by our rules only")
            return self
        scanner = DetectSecretsScanner(SHAPE_PLUGINS)
        other = copy.copy(self)
        other._extra = lambda text: (Span(f.start, f.end, f.rule) for f in scanner.find(text))
        return other

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)

    def find(self, text: str) -> list[Span]:
        """The secrets in *text*, in order, without overlaps."""
        return self._finish(text, _rule_spans(text, self._compiled, self._index))

    def find_exhaustive(self, text: str) -> list[Span]:
        """`find` without the trigger prefilter: every pattern over the whole text (slow).

        Tests compare the two to prove that each rule's triggers are necessary conditions.
        """
        spans = [
            (s, order)
            for order, c in enumerate(self._compiled)
            for m in c.regex.finditer(text)
            for s in _spans(m, c)
        ]
        return self._finish(text, spans)

    def _finish(self, text: str, rule_spans: list[tuple[Span, int]]) -> list[Span]:
        """Add exact values and extra finders, resolve overlaps, then remove repeats of what was found."""
        found = [(s, -1) for s in self._known_spans(text)] + rule_spans
        if self._extra is not None:
            found += [(s, len(self._compiled)) for s in self._extra(text)]
        spans = _glued(text, _resolve_ordered(found))
        repeats = {text[s.start : s.end]: s.rule for s in spans if s.end - s.start >= MIN_REPEAT}
        if not repeats:
            return spans
        found.extend((s, len(self._compiled) + 1) for s in _occurrences(text, repeats, repeats.__getitem__))
        return _glued(text, _resolve_ordered(found))

    def _known_spans(self, text: str) -> list[Span]:
        if self._known is None:
            return []
        finder = known_finder(frozenset(v for v in self._known() if len(v) >= MIN_KNOWN))
        if finder is None:
            return []
        return [Span(m.start(), m.end(), KNOWN_RULE) for m in finder.finditer(text)]

    def holds_secret(self, text: str) -> bool:
        """True when *text* holds anything this redactor would remove."""
        return bool(self.find(text))

    def redact(self, text: str) -> RedactionResult:
        """*text* with every secret replaced by `[REDACTED:<rule>]`."""
        out, counts = _splice(text, self.find(text), self.placeholder)
        return RedactionResult(out, counts)

    def redact_after(self, context: str, text: str) -> RedactionResult:
        """*text* redacted as it reads after *context* (the same person's previous chat line).

        "my password is" then "Sunset-4471" on a line of its own: the value is found in *text* although
        the words that make it a secret were in *context*. Only *text* is returned, redacted.
        """
        if not context:
            return self.redact(text)
        offset = len(context) + 1
        spans = [
            Span(max(span.start - offset, 0), span.end - offset, span.rule)
            for span in self.find(f"{context} {text}")
            if span.end > offset
        ]
        out, counts = _splice(text, spans, self.placeholder)
        return RedactionResult(out, counts)

    def redact_bytes(self, data: bytes) -> RedactedBytes:
        """The bytes version of `redact`: read as UTF-8; bytes that are not UTF-8 pass through unchanged."""
        text = data.decode("utf-8", "surrogateescape")
        out, counts = _splice(text, self.find(text), self.placeholder)
        return RedactedBytes(out.encode("utf-8", "surrogateescape"), counts)

    def redact_stream(
        self, src: BinaryIO, dst: BinaryIO, *, chunk_size: int = DEFAULT_CHUNK
    ) -> dict[str, int]:
        """Copy *src* to *dst* redacted, chunk by chunk, cut at line ends; returns counts by rule.

        A private key block that starts in one chunk is held back until its END line arrives (or up to
        MAX_BLOCK_CARRY bytes, after which the rest of the block is redacted to the end of the buffer).
        """
        totals: Counter[str] = Counter()
        carry = b""
        while True:
            chunk = src.read(chunk_size)
            buf = carry + chunk
            if not chunk:
                if buf:
                    self._write_redacted(buf, dst, totals)
                return dict(totals)
            cut = buf.rfind(b"\n") + 1
            cut = self._hold_back_open_block(buf, cut)
            if cut <= 0:
                carry = buf
                continue
            self._write_redacted(buf[:cut], dst, totals)
            carry = buf[cut:]

    def _write_redacted(self, data: bytes, dst: BinaryIO, totals: Counter[str]) -> None:
        result = self.redact_bytes(data)
        totals.update(result.counts_by_rule)
        dst.write(result.data)

    def _hold_back_open_block(self, buf: bytes, cut: int) -> int:
        if not any(r.block for r in self.rules) or b"PRIVATE KEY-----" not in buf:
            return cut
        begin = buf.rfind(b"-----BEGIN ", 0, cut)
        if begin < 0 or buf.find(b"PRIVATE KEY-----", begin) < 0 or len(buf) - begin > MAX_BLOCK_CARRY:
            return cut
        end = buf.find(b"-----END ", begin)
        close = buf.find(b"PRIVATE KEY-----", end) if end >= 0 else -1
        if close >= 0 and close + 16 <= cut:
            return cut  # the block closes inside this chunk
        return buf.rfind(b"\n", 0, begin) + 1


@cache
def _shipped(optional_rules: tuple[str, ...]) -> Redactor:
    text = resources.files("resources").joinpath("redaction.toml").read_text(encoding="utf-8")
    return Redactor.from_toml(text, optional_rules)
