"""Our redaction rules against detect-secrets on the secrets corpus: recall, false positives and speed.

Run: python bench/redaction_corpus.py  (a few seconds, no network)

Rule sets measured on tests/translation/secrets_corpus.toml:
  ours            resources/redaction.toml (Redactor.from_resources())
  ds-file         detect-secrets, every plugin, reading the text as `detect-secrets scan` reads a .txt file
  ds-chat         detect-secrets, every plugin, unquoted words entropy-checked, keyword values unquoted
  ds-shapes       detect-secrets' token-shape plugins only (AWS, GitHub, GitLab, OpenAI, Stripe, ...)
  ours+ds-chat    both; ours+ds-shapes both
A secret case counts as caught when none of its secrets is left in the redacted text; a keep case is a false
positive when its text changes at all. Speed: ms per KB of chat text and of NAS log text, as a ratio to ours.
"""

from __future__ import annotations

import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sessions.redaction import Redactor
from sessions.redaction.detect_secrets_adapter import SHAPE_PLUGINS, DetectSecretsScanner, Mode

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "translation" / "secrets_corpus.toml"
LOG_LINES = [
    "Nov 23 18:46:30 nas kernel: md/raid:md0: Disk failure on sdb3, disabling device.",
    "Nov 23 18:46:31 nas smbd[1234]: session setup ok for user admin from 192.168.1.20",
    "2026-11-23 18:46:32 [qts] Volume DataVol1 free space 12.3 GB (4%) token refresh scheduled",
    "Nov 23 18:46:33 nas sshd[999]: Accepted publickey for admin from 10.0.0.5 port 50122 ssh2: "
    "ED25519 SHA256:Kq3B9Yxq8m1r3vF0sL2pQz7WnT4uE6hJcA5dG8iK0oM",
    "Nov 23 18:46:33 nas sshd[999]: Failed password for invalid user admin from 10.0.0.5 port 50122 ssh2",
    "Nov 23 18:46:34 nas qsyncsrv: GET https://nas.local:8080/cgi-bin/filemanager/utilRequest.cgi 200",
    "Nov 23 18:46:35 nas hal_app: SMART test passed on /dev/sda (WDC WD40EFRX-68N32N0), temperature 38 C",
    "Nov 23 18:46:36 nas containerd: pulled sha256:"
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "Nov 23 18:46:37 nas kernel: EXT4-fs (dm-0): mounted filesystem 3c5b1a2e-8f4d-4b6a-9e1f-2d7c8a9b0e11",
]

Finder = Callable[[str], str]


def load_cases() -> list[dict[str, object]]:
    return list(tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"])


def splice(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        out.append(text[pos : max(pos, start)])
        out.append("[REDACTED]")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def finders() -> dict[str, Finder]:
    ours = Redactor.from_resources()
    ds_file = DetectSecretsScanner(mode=Mode.FILE)
    ds_chat = DetectSecretsScanner(mode=Mode.CHAT)
    ds_shapes = DetectSecretsScanner(SHAPE_PLUGINS, mode=Mode.CHAT)

    def ours_spans(text: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in ours.find(text)]

    def ds(scanner: DetectSecretsScanner) -> Callable[[str], list[tuple[int, int]]]:
        return lambda text: [(f.start, f.end) for f in scanner.find(text)]

    sets: dict[str, Callable[[str], list[tuple[int, int]]]] = {
        "ours": ours_spans,
        "ds-file": ds(ds_file),
        "ds-chat": ds(ds_chat),
        "ds-shapes": ds(ds_shapes),
    }
    sets["ours+ds-chat"] = lambda t: ours_spans(t) + ds(ds_chat)(t)
    sets["ours+ds-shapes"] = lambda t: ours_spans(t) + ds(ds_shapes)(t)
    return {name: (lambda t, f=f: splice(t, f(t))) for name, f in sets.items()}  # type: ignore[misc]


def score(redact: Finder, cases: list[dict[str, object]]) -> dict[str, object]:
    caught: dict[str, list[bool]] = defaultdict(list)
    missed, false_positives = [], []
    for case in cases:
        text = str(case["text"])
        out = redact(text)
        if case.get("keep"):
            if out != text:
                false_positives.append(text)
            continue
        ok = not any(str(s) in out for s in case["secrets"])  # type: ignore[attr-defined]
        caught[str(case["lang"])].append(ok)
        caught["kind:" + str(case["kind"])].append(ok)
        caught["all"].append(ok)
        if not ok:
            missed.append(text)
    keeps = sum(1 for c in cases if c.get("keep"))
    return {"caught": caught, "missed": missed, "fp": false_positives, "keeps": keeps}


def per_kb(redact: Finder, text: str, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        redact(text)
        best = min(best, time.process_time() - started)
    return best * 1000 / (len(text.encode()) / 1024)


def main() -> int:
    cases = load_cases()
    sets = finders()
    chat_text = "\n".join(str(c["text"]) for c in cases) * 20
    log_text = "\n".join(LOG_LINES * 400)
    langs = ["ko", "en", "ja", "zh-TW", "zh-CN", "cmd"]
    secret_cases = sum(1 for c in cases if not c.get("keep"))
    print(f"corpus: {secret_cases} secret cases, {len(cases) - secret_cases} keep cases\n")
    header = ["rule set", "recall", *langs, "false pos.", "ms/KB chat", "ms/KB log", "× ours"]
    print(" | ".join(header))
    reference = per_kb(sets["ours"], chat_text)
    results = {}
    for name, redact in sets.items():
        result = results[name] = score(redact, cases)
        caught = result["caught"]
        assert isinstance(caught, dict)

        def pct(key: str, caught: dict[str, list[bool]] = caught) -> str:
            values = caught.get(key, [])
            return f"{sum(values)}/{len(values)}"

        chat_ms = per_kb(redact, chat_text)
        log_ms = per_kb(redact, log_text)
        fp = f"{len(result['fp'])}/{result['keeps']}"  # type: ignore[arg-type]
        all_ = caught["all"]
        recall = f"{100 * sum(all_) / len(all_):.1f}%"
        row = [name, recall, *(pct(lang) for lang in langs), fp, f"{chat_ms:.3f}", f"{log_ms:.3f}"]
        print(" | ".join([*row, f"{chat_ms / reference:.1f}"]))
    for name in ("ours", "ds-chat", "ours+ds-chat"):
        print(f"\n{name}: missed {len(results[name]['missed'])}")  # type: ignore[arg-type]
        for text in results[name]["missed"]:  # type: ignore[attr-defined]
            print("   miss:", text.replace("\n", "⏎")[:110])
        for text in results[name]["fp"]:  # type: ignore[attr-defined]
            print("   false positive:", text[:110])
    log_fp = sets["ds-chat"](log_text[: len("\n".join(LOG_LINES))]) != "\n".join(LOG_LINES)
    print(f"\nds-chat changes plain NAS log lines: {log_fp}")
    print(sets["ds-chat"]("\n".join(LOG_LINES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
