"""One tokenizer for every search index: CJK text as overlapping bigrams, other text as words.

The embedded archive index (SQLite FTS5) and the team server (FTS5 on SQLite, tsvector on PostgreSQL)
index the same tokens and run the same query, so they find the same places. Neither engine's own
word splitting is used: FTS5's unicode61 keeps 디스크에서 as one word and PostgreSQL's `simple` parser
does too, so a search for 디스크 or 서버 would miss it.

* Text is NFKC-normalised and case-folded. A run of letters and digits is a word; accents are dropped
  from words that are not CJK (résumé → resume). Everything else (spaces, punctuation, `/`, `-`, `_`)
  separates words, so `/dev/md0` is the two words `dev md0`, searched as a phrase.
* Changing what tokens() returns changes both indexes: it needs a migration that rebuilds them (the
  SQLite FTS tables remove a document by recomputing its tokens).
* A run of CJK characters (Hangul, Han, kana, Bopomofo) becomes its overlapping bigrams followed by its
  last character: 디스크에서 → 디스 스크 크에 에서 서. Every character starts one token, so any part of
  a run is found: 디스크 (디스 스크) inside 디스크에서, 서버 inside 서버에서, and one character as a prefix.
* A word longer than MAX_TOKEN characters is cut there (both in documents and queries), and a document
  keeps at most MAX_TOKENS tokens: PostgreSQL positions stop at 16,383.

Queries: every whitespace-separated word must occur; "quoted words" must occur in that order; a trailing
`*` makes the last word a prefix. A query's own words are tokenized the same way, without the final
single character of a trailing CJK run (so 디스크 also matches inside 하드디스크에서).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

MAX_TOKEN = 64
MAX_TOKENS = 16_000
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')
_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31A0, 0x31BF),  # Bopomofo extended
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul Jamo extended A
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo extended B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # halfwidth Katakana (NFKC maps most of them)
    (0x20000, 0x3134F),  # CJK extensions B-G
)


_CJK_CLASS = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _CJK_RANGES)
_CJK_CHAR = re.compile(f"[{_CJK_CLASS}]")
_WORDS = re.compile(r"[^\W_]+")  # letters and digits: everything else separates words
_SPLIT = re.compile(f"([{_CJK_CLASS}]+)|([^{_CJK_CLASS}]+)")


def is_cjk(char: str) -> bool:
    return _CJK_CHAR.match(char) is not None


def _plain(word: str) -> str:
    """A non-CJK word without accents (NFD, combining marks dropped, NFC again)."""
    if word.isascii():
        return word
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def runs(text: str) -> Iterator[tuple[str, bool]]:
    """(run, is_cjk) for each run of letters and digits, split where CJK starts or ends."""
    for match in _WORDS.finditer(unicodedata.normalize("NFKC", text).casefold()):
        word = match.group()
        if word.isascii():
            yield word, False
            continue
        for part in _SPLIT.finditer(word):
            yield part.group(), part.group(1) is not None


def _run_tokens(run: str, cjk: bool, *, whole: bool) -> list[str]:
    """The tokens of one run; *whole* adds a CJK run's final character (documents, and inner query runs)."""
    if not cjk:
        word = _plain(run)[:MAX_TOKEN]
        return [word] if word else []
    if len(run) == 1:
        return [run]
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    return [*pairs, run[-1]] if whole else pairs


def tokens(text: str) -> list[str]:
    """A document's tokens, in order (at most MAX_TOKENS)."""
    out: list[str] = []
    for run, cjk in runs(text):
        out.extend(_run_tokens(run, cjk, whole=True))
        if len(out) >= MAX_TOKENS:
            return out[:MAX_TOKENS]
    return out


def terms_text(text: str) -> str:
    """A document's tokens joined by spaces: what the FTS5 `terms` column holds."""
    return " ".join(tokens(text))


@dataclass(frozen=True, slots=True)
class Term:
    """One thing a query asks for: these tokens next to each other, the last one possibly a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False


def parse_query(text: str) -> list[Term]:
    """The terms of what a person typed. Punctuation never becomes query syntax."""
    terms: list[Term] = []
    for match in _QUERY_PART.finditer(text):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        star = raw.rstrip().endswith("*")
        found = list(runs(raw))
        pieces: list[str] = []
        for number, (run, cjk) in enumerate(found):
            pieces.extend(_run_tokens(run, cjk, whole=number < len(found) - 1))
        if not pieces:
            continue
        last_run, last_cjk = found[-1]
        prefix = star or (last_cjk and len(last_run) == 1)  # one CJK character: any token starting with it
        terms.append(Term(tuple(pieces), prefix))
    return terms


def fts5_query(terms: list[Term]) -> str:
    """The FTS5 MATCH expression for *terms* (every token is plain letters and digits: no quoting issue)."""
    return " AND ".join(f'"{" ".join(term.tokens)}"' + ("*" if term.prefix else "") for term in terms)


def tsquery(terms: list[Term]) -> str:
    """The PostgreSQL tsquery text for *terms* (cast with ``::tsquery``; lexemes quoted)."""
    parts = []
    for term in terms:
        lexemes = [f"'{token}'" for token in term.tokens]
        if term.prefix:
            lexemes[-1] += ":*"
        parts.append(" <-> ".join(lexemes) if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
    return " & ".join(parts)


def tsvector(text: str) -> str:
    """The PostgreSQL tsvector literal of a document: each token with its positions (1-based)."""
    positions: dict[str, list[int]] = {}
    for number, token in enumerate(tokens(text), start=1):
        positions.setdefault(token, []).append(number)
    return " ".join(f"'{token}':{','.join(map(str, places))}" for token, places in positions.items())


def highlight_pattern(text: str) -> re.Pattern[str]:
    """Where a query's words are in a snippet: a word at a word start (a prefix word also covers the rest
    of its word); CJK anywhere. Case-insensitive."""
    alternatives = []
    for match in _QUERY_PART.finditer(text):
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        prefix = raw.rstrip().endswith("*")
        for token in re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", raw)):
            if any(is_cjk(char) for char in token):
                alternatives.append(re.escape(token))
            else:
                alternatives.append(rf"(?<![^\W_]){re.escape(token)}" + (r"\w*" if prefix else r"(?![^\W_])"))
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives) or r"(?!)", re.IGNORECASE)
