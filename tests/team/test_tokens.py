"""The one tokenizer both search backends use: CJK as overlapping bigrams, other text as words."""

from __future__ import annotations

from sessions.archive.tokens import Term, fts5_query, parse_query, tokens, tsquery, tsvector


def test_cjk_runs_become_bigrams_and_their_last_character() -> None:
    assert tokens("디스크에서 오류") == ["디스", "스크", "크에", "에서", "서", "오류", "류"]
    assert tokens("磁盘错误") == ["磁盘", "盘错", "错误", "误"]
    assert tokens("ディスク") == ["ディ", "ィス", "スク", "ク"]
    assert tokens("md0에서") == ["md0", "에서", "서"]


def test_words_paths_and_commands() -> None:
    assert tokens("mdadm --detail /dev/md0") == ["mdadm", "detail", "dev", "md0"]
    assert tokens("Résumé DSM_7.2") == ["resume", "dsm", "7", "2"]
    assert tokens("ＡＢＣ１２３") == ["abc123"]  # full-width forms are NFKC-normalised
    assert tokens("x" * 200) == ["x" * 64]


def test_queries_find_cjk_inside_longer_words() -> None:
    assert parse_query("디스크") == [Term(("디스", "스크"))]
    assert parse_query("서버") == [Term(("서버",))]
    assert parse_query("디") == [Term(("디",), prefix=True)]
    assert parse_query('"디스크 오류"') == [Term(("디스", "스크", "크", "오류"))]
    assert parse_query("md*") == [Term(("md",), prefix=True)]
    assert parse_query('" -- * ') == []


def test_query_texts_for_both_engines() -> None:
    terms = parse_query('디스크 "/dev/md0" md*')
    assert fts5_query(terms) == '"디스 스크" AND "dev md0" AND "md"*'
    assert tsquery(terms) == "('디스' <-> '스크') & ('dev' <-> 'md0') & 'md':*"
    assert tsvector("md0 md0 디스") == "'md0':1,2 '디스':3 '스':4"
