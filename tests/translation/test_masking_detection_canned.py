"""Masking round trips, offline language detection, canned replies, the import boundary."""

from __future__ import annotations

import subprocess
import sys

import pytest

from translation import canned, detect
from translation.masking import Masker

TEXT = (
    "제 NAS(QTS 5.1)에서 RAID 5 볼륨이 degraded 상태입니다. /dev/sdb 교체 후 `mdadm --detail /dev/md0` 실행. "
    "IP 192.168.0.10, fe80::1ff:fe23:4567:890a%eth0, MAC 00:11:32:AA:BB:CC, https://nas.local:8080/cgi-bin/, "
    "sata1p3, nvme0n1p1, C:\\Users\\kim\\log.txt, vz3q\n$ sudo smartctl -a /dev/sda\n# cat /proc/mdstat"
)


@pytest.fixture(scope="module")
def masker() -> Masker:
    return Masker.from_resources()


def test_mask_and_restore_round_trip_exactly(masker: Masker) -> None:
    masked = masker.mask(TEXT)
    for kept in ("QTS", "RAID 5", "/dev/sdb", "192.168.0.10", "00:11:32:AA:BB:CC", "nvme0n1p1", "smartctl"):
        assert kept not in masked.text
    assert "볼륨이 degraded" in masked.text
    assert masked.restore(masked.text).text == TEXT


def test_restore_accepts_case_spacing_and_full_width_changes(masker: Masker) -> None:
    masked = masker.mask("check /dev/sda and QTS")
    assert masked.text == "check VZ0Q and VZ1Q"
    assert masked.restore("確認 ｖｚ０ｑ と Vz 1 q").text == "確認 /dev/sda と QTS"
    lost = masked.restore("確認 VZ0Q")
    assert lost.missing == (1,) and lost.text == "確認 /dev/sda (QTS)"


def test_a_secret_inside_a_command_never_leaves(masker: Masker) -> None:
    masked = masker.mask("$ mysql -u root --password=hunter2\nthen check")
    assert "hunter2" not in masked.text and masked.text.endswith("then check")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("디스크 하나가 빨간색으로 깜빡여요", "ko"),
        ("QTS 5.1에서 RAID 5 볼륨 오류", "ko"),
        ("ディスクが認識されません", "ja"),
        ("硬碟無法辨識，請問這個問題怎麼處理", "zh-TW"),
        ("硬盘无法识别，请问这个问题怎么处理", "zh-CN"),
        ("My NAS keeps beeping and one disk light is red", "en"),
        ("12345 67890", None),
    ],
)
def test_detection(text: str, language: str | None) -> None:
    assert detect(text) == language


@pytest.mark.parametrize("language", ["ko", "en", "zh-TW", "ja", "zh-CN"])
def test_canned_replies_exist_in_every_language(language: str) -> None:
    replies = canned.replies(language)
    english = {r.id for r in canned.replies("en")}
    assert {r.id for r in replies} == english
    assert all(r.language == language and r.text.strip() for r in replies)
    for needed in (
        "greeting",
        "check_disks",
        "do_not_power_off",
        "escalated_hq",
        "survey_solved",
        "survey_score",
    ):
        assert needed in english
    assert "10" in canned.reply("survey_score", language).text


def test_canned_reply_fills_names() -> None:
    text = canned.reply("greeting", "ko").fill(technician="김민수", company="Acme")
    assert text.startswith("안녕하세요, Acme 기술지원팀 김민수입니다.")


def test_translation_never_imports_qt() -> None:
    code = "import translation, sessions.redaction, sys; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
