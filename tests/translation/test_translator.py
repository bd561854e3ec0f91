"""The real deep-translator LibreTranslator against a loopback LibreTranslate: masking, cache, chain."""

from __future__ import annotations

import asyncio
import time

import pytest

from sessions.errors import TranslationUnavailableError
from tests.translation.conftest import MakeTranslator
from tests.translation.libre_server import LibreServer

SECRETS = [
    "hunter2",
    "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "AKIAIOSFODNN7EXAMPLE",
    "eyJtoken.sekrit-9f8e7d6c5b4a",
]
MESSAGE = (
    "hello, please check disk /dev/sdb on QTS 5.1 (RAID 5, btrfs) at 192.168.0.10 and fe80::1%eth0, "
    "MAC 00:11:32:aa:bb:cc, run `mdadm --detail /dev/md0` and see https://nas.local:8080/cgi-bin/ "
    "password=hunter2 token: ghp_abcdefghijklmnopqrstuvwxyz0123456789 key AKIAIOSFODNN7EXAMPLE "
    "Authorization: Bearer eyJtoken.sekrit-9f8e7d6c5b4a"
)
KEPT = [
    "/dev/sdb",
    "QTS",
    "RAID 5",
    "btrfs",
    "192.168.0.10",
    "fe80::1%eth0",
    "00:11:32:aa:bb:cc",
    "`mdadm --detail /dev/md0`",
]


async def test_masked_spans_round_trip_and_no_secret_reaches_the_server(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    result = await make_translator(libre.url).translate(MESSAGE, "en", "ko")
    assert result.provider == "libre" and not result.cached
    assert result.text.startswith("안녕하세요, 제발 확인 디스크 /dev/sdb 에서 QTS 5.1 (RAID 5, btrfs)")
    for kept in [*KEPT, "https://nas.local:8080/cgi-bin/", *SECRETS]:
        assert kept in result.text  # restored verbatim on this side
    assert result.secrets_kept == 4
    sent = "\n".join(r.everything for r in libre.requests)
    for secret in SECRETS:
        assert secret not in sent
    for kept in KEPT:
        assert kept not in sent


async def test_restoration_survives_a_provider_that_changes_placeholders(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    libre.script.mangle = True
    result = await make_translator(libre.url).translate("please check /dev/sda and md0 on QTS", "en", "ja")
    assert result.text == "どうぞ 確認 /dev/sda and md0 で QTS"
    assert result.lost_placeholders == 0


async def test_a_cache_hit_does_not_reach_the_server(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    translator = make_translator(libre.url)
    first = await translator.translate("hello disk error", "en", "zh-TW")
    second = await translator.translate("hello disk error", "en", "zh-TW")
    assert first.text == second.text == "你好 硬碟 錯誤"
    assert second.cached and len(libre.translate_requests()) == 1
    secret = await translator.translate("disk password=s3cret-Value", "en", "ko")
    assert secret.text == "디스크 password=s3cret-Value"
    rows = translator.cache._db.execute("SELECT text, translation FROM translations").fetchall()  # type: ignore[union-attr]
    assert "s3cret-Value" not in repr(rows)  # the cache holds masked text only


async def test_a_server_that_never_answers_fails_within_the_deadline(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    libre.script.hang = True
    started = time.monotonic()
    with pytest.raises(TranslationUnavailableError) as caught:
        await make_translator(libre.url, deadline=0.5).translate("hello", "en", "ko")
    assert time.monotonic() - started < 1.5
    assert caught.value.provider == "libre" and caught.value.cause == "timeout"
    assert "did not answer within" in str(caught.value)


@pytest.mark.parametrize("failure", ["500", "hang", "refused"])
async def test_the_chain_falls_back_to_the_next_provider(
    failure: str, libre: LibreServer, libre2: LibreServer, refused_url: str, make_translator: MakeTranslator
) -> None:
    first = refused_url if failure == "refused" else libre.url
    libre.script.fail_status = 500 if failure == "500" else 0
    libre.script.hang = failure == "hang"
    result = await make_translator(first, libre2.url, deadline=0.5).translate("thanks", "en", "ja")
    assert result.text == "ありがとう"
    assert len(libre2.translate_requests()) == 1


async def test_when_every_provider_fails_the_error_names_each(
    libre: LibreServer, refused_url: str, make_translator: MakeTranslator
) -> None:
    libre.script.fail_status = 500
    with pytest.raises(TranslationUnavailableError) as caught:
        await make_translator(libre.url, refused_url, deadline=0.5).translate("hello", "en", "ko")
    assert "No translation provider answered" in str(caught.value)
    assert "server error" in caught.value.cause and "connection failed" in caught.value.cause


async def test_a_slow_message_does_not_hold_up_the_others(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    libre.script.slow_texts = {"slowly": 1.5}
    translator = make_translator(libre.url, deadline=3.0)
    started = time.monotonic()
    slow = asyncio.ensure_future(translator.translate("slowly hello", "en", "ko"))
    fast = await asyncio.gather(
        *(translator.translate(w, "en", "ko") for w in ("disk", "error", "volume", "check"))
    )
    fast_done = time.monotonic() - started
    assert [f.text for f in fast] == ["디스크", "오류", "볼륨", "확인"]
    assert fast_done < 1.0
    assert (await slow).text == "slowly 안녕하세요"


async def test_the_source_language_is_detected_when_not_given(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    result = await make_translator(libre.url).translate("디스크 오류", None, "en")
    assert (result.source, result.text) == ("ko", "disk error")
    same = await make_translator(libre.url).translate("디스크 오류", None, "ko")
    assert same.provider == "" and same.text == "디스크 오류"
    assert "source=ko" in libre.translate_requests()[0].path


async def test_the_event_loop_stays_free_during_a_slow_call(
    libre: LibreServer, make_translator: MakeTranslator
) -> None:
    libre.script.delay = 0.6
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    ticker = asyncio.ensure_future(tick())
    await make_translator(libre.url).translate("hello", "en", "ko")
    ticker.cancel()
    assert ticks >= 15
