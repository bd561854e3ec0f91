"""The redaction engine: finds secrets with the rules of resources/redaction.toml and replaces them.

Used before text is sent to a translator (translation.masking) and before logs are written into an
escalation bundle (sessions/). Fast path for big logs: each rule has cheap literal-led triggers that
run over the lower-cased chunk at memchr speed; the full rule regex only runs on the lines a trigger
hit, so a clean chunk costs one `lower()` and one fast scan per trigger.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import BinaryIO, Generic, TypeVar

from sessions.errors import ConfigError

AnyStr_ = TypeVar("AnyStr_", str, bytes)

DEFAULT_CHUNK = 4 << 20
MAX_BLOCK_CARRY = 1 << 20  # an unterminated private key block is held back at most this long in a stream


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
class _Compiled(Generic[AnyStr_]):
    rule: Rule
    regex: re.Pattern[AnyStr_]
    triggers: tuple[re.Pattern[AnyStr_], ...]


def _compile_all(rules: Iterable[Rule]) -> tuple[list[_Compiled[str]], list[_Compiled[bytes]]]:
    as_str: list[_Compiled[str]] = []
    as_bytes: list[_Compiled[bytes]] = []
    for rule in rules:
        try:
            as_str.append(_Compiled(rule, re.compile(rule.pattern), tuple(map(re.compile, rule.triggers))))
            as_bytes.append(
                _Compiled(
                    rule,
                    re.compile(rule.pattern.encode()),
                    tuple(re.compile(t.encode()) for t in rule.triggers),
                )
            )
        except re.error as exc:
            raise ConfigError(
                f"The redaction rule '{rule.id}' has a broken pattern ({exc}).",
                "Fix the pattern in redaction.toml; nothing is redacted with a broken rule set.",
            ) from exc
    return as_str, as_bytes


def _line_bounds(lowered: AnyStr_, pos: int, newline: AnyStr_) -> tuple[int, int]:
    start = lowered.rfind(newline, 0, pos) + 1
    end = lowered.find(newline, pos)
    return start, len(lowered) if end < 0 else end


def _find(data: AnyStr_, compiled: list[_Compiled[AnyStr_]], newline: AnyStr_) -> list[Span]:
    """Every secret in *data*, non-overlapping, in order; the fast path described in the module doc."""
    lowered = data.lower()
    if len(lowered) != len(data):  # a few Unicode letters change length when lower-cased
        return _resolve_ordered(
            [(_span(m, c.rule.id), order) for order, c in enumerate(compiled) for m in c.regex.finditer(data)]
        )
    found: list[tuple[Span, int]] = []
    for order, item in enumerate(compiled):
        lines: set[tuple[int, int]] = set()
        block_from = -1
        for trigger in item.triggers:
            hit = trigger.search(lowered)
            while hit is not None:
                start, end = _line_bounds(lowered, hit.start(), newline)
                if item.rule.block:
                    block_from = start if block_from < 0 else min(block_from, start)
                    break
                lines.add((start, end))
                hit = trigger.search(lowered, end)
        if block_from >= 0:
            found.extend((_span(m, item.rule.id), order) for m in item.regex.finditer(data, block_from))
        for start, end in sorted(lines):
            found.extend((_span(m, item.rule.id), order) for m in item.regex.finditer(data, start, end))
    return _resolve_ordered(found)


def _span(match: re.Match[AnyStr_], rule: str) -> Span:
    group = "secret" if "secret" in match.re.groupindex else 0
    return Span(match.start(group), match.end(group), rule)


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


def _splice(data: AnyStr_, spans: list[Span], placeholder: str) -> tuple[AnyStr_, dict[str, int]]:
    counts: Counter[str] = Counter(s.rule for s in spans)
    if not spans:
        return data, {}
    parts: list[AnyStr_] = []
    pos = 0
    for span in spans:
        parts.append(data[pos : span.start])
        text = placeholder.format(rule=span.rule)
        parts.append(text if isinstance(data, str) else text.encode())  # type: ignore[arg-type]
        pos = span.end
    parts.append(data[pos:])
    return data[:0].join(parts), dict(counts)


class Redactor:
    """Applies a set of redaction rules; immutable and safe to share between threads."""

    def __init__(self, rules: Iterable[Rule], placeholder: str = "[REDACTED:{rule}]") -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.placeholder = placeholder
        self._str, self._bytes = _compile_all(self.rules)

    @classmethod
    def from_toml(cls, text: str, optional_rules: Iterable[str] = ()) -> Redactor:
        """Rules from TOML text; optional rules are on only when named in *optional_rules*."""
        wanted = set(optional_rules)
        try:
            doc = tomllib.loads(text)
            rules = [
                Rule(
                    id=entry["id"],
                    pattern=entry["pattern"],
                    triggers=tuple(entry["triggers"]),
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
            ) from exc
        unknown = wanted - {r.id for r in rules if r.optional}
        if unknown:
            raise ConfigError(
                f"Unknown optional redaction rule(s): {', '.join(sorted(unknown))}.",
                f"Optional rules are: {', '.join(r.id for r in rules if r.optional)}.",
            )
        active = [r for r in rules if not r.optional or r.id in wanted]
        return cls(active, doc.get("placeholder", "[REDACTED:{rule}]"))

    @classmethod
    def from_resources(cls, optional_rules: Iterable[str] = ()) -> Redactor:
        """The rules shipped in resources/redaction.toml."""
        text = resources.files("resources").joinpath("redaction.toml").read_text(encoding="utf-8")
        return cls.from_toml(text, optional_rules)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)

    def find(self, text: str) -> list[Span]:
        """The secrets in *text*, in order, without overlaps."""
        return _find(text, self._str, "\n")

    def redact(self, text: str) -> RedactionResult:
        """*text* with every secret replaced by `[REDACTED:<rule>]`."""
        out, counts = _splice(text, self.find(text), self.placeholder)
        return RedactionResult(out, counts)

    def redact_bytes(self, data: bytes) -> RedactedBytes:
        """The bytes version of `redact` (log files of any encoding that keeps ASCII as ASCII)."""
        out, counts = _splice(data, _find(data, self._bytes, b"\n"), self.placeholder)
        return RedactedBytes(out, counts)

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
