"""What this console holds is removed by value; translation requests never carry a secret."""

from __future__ import annotations

import io

from sessions import secrets
from sessions.redaction import MIN_KNOWN, Redactor
from tests.translation.conftest import MakeTranslator
from tests.translation.libre_server import LibreServer

HQ_TOKEN = "hq-7f3a9c1e5b2d8f40"
GITLAB = "glpat-Xy9zAb8cDe7fGh6iJk5L"


def test_held_lists_stored_loaded_and_remembered_secrets_and_keeps_deleted_ones() -> None:
    secrets.store("token", "https://hq.example", HQ_TOKEN)
    secrets.remember("typed-Pw-77x")
    secrets.delete("token", "https://hq.example")
    assert {HQ_TOKEN, "typed-Pw-77x"} <= secrets.held()
    assert secrets.load("token", "https://hq.example") is None


def test_known_values_are_removed_anywhere_and_short_ones_ignored() -> None:
    known = {"Gz8-qnap!Lobby", "ab1"}
    redactor = Redactor.from_resources().with_known(lambda: known)
    text = (
        "log: user=admin pass-through ok; token=xyz; Gz8-qnap!Lobby; url https://a/Gz8-qnap!Lobby; ab1 stays"
    )
    out = redactor.redact(text)
    assert "Gz8-qnap!Lobby" not in out.text and out.counts_by_rule["known_secret"] == 2
    assert "ab1 stays" in out.text and len("ab1") < MIN_KNOWN
    streamed = io.BytesIO()
    counts = redactor.redact_stream(io.BytesIO((text + "\n").encode() * 3), streamed, chunk_size=50)
    assert b"Gz8-qnap!Lobby" not in streamed.getvalue() and counts["known_secret"] == 6
    assert Redactor.from_resources().redact(text).text.count("Gz8-qnap!Lobby") == 2  # only by value


async def test_translation_requests_never_carry_a_held_secret_or_a_token(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    secrets.remember("Lobby-Pw-2291x")
    translator = make_translator(libre.url, cache=False)
    result = await translator.translate(f"please check Lobby-Pw-2291x and {GITLAB} on the disk", "en", "ko")
    sent = "\n".join(r.everything for r in libre.translate_requests())
    assert "Lobby-Pw-2291x" not in sent and GITLAB not in sent
    assert "Lobby-Pw-2291x" in result.text and GITLAB in result.text  # put back for the reader
    assert result.secrets_kept == 2
