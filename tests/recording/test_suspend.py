"""Write errors suspend recording, tell the person once, never reach the session, and resume cleanly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from sessions.recording import Recorder, open_record, verify

FILL = textwrap.dedent(
    """
    import json, resource, signal, sys
    from pathlib import Path
    from sessions.recording import DeviceInfo, Recorder
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full file system: write() fails with EFBIG
    messages = []
    rec = Recorder.create(Path(sys.argv[1]), technician="kim", device=DeviceInfo("nas", "192.0.2.7"),
                          cols=80, rows=24, on_suspended=messages.append)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    chunk = ("디스크 " * 300 + "\\r\\n").encode()
    for i in range(60):
        rec.output(chunk)
        rec.event("chat.message", {"text": f"{i}"})
    still = rec.suspended
    rec.output(b"dropped while suspended\\n")
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space is free again
    resumed = rec.resume()
    rec.output(b"after the gap\\n")
    rec.close("resolved")
    print(json.dumps({"folder": str(rec.folder), "messages": messages, "still": still, "resumed": resumed,
                      "dropped": rec.dropped}))
    """
)


def test_full_file_system_suspends_then_resumes(archive: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FILL, str(archive)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["still"] and result["resumed"]
    assert len(result["messages"]) == 1  # told once, not once per dropped write
    message = result["messages"][0]
    assert message.startswith("Recording stopped:") and "The session goes on" in message
    assert result["dropped"]["output_bytes"] > 0 and result["dropped"]["events"] > 0
    folder = Path(result["folder"])
    report = verify(folder)
    assert report.ok, report.lines()
    record = open_record(folder)
    kinds = [e["type"] for e in record.events()]
    assert kinds[-3:] == ["recording.suspended", "recording.resumed", "session.ended"]
    resumed = next(record.events("recording.resumed"))["data"]
    assert resumed["dropped_events"] == result["dropped"]["events"]
    assert record.meta["recording"]["suspensions"] == 1
    text = record.terminal_text()
    assert "after the gap" in text and "dropped while suspended" not in text
    assert any(e.code == "m" and "recording gap" in e.data for e in record.cast_entries())


def test_folder_replaced_by_a_file(make_recorder: Callable[..., Recorder], tmp_path: Path) -> None:
    messages: list[str] = []
    rec = make_recorder(on_suspended=messages.append)
    rec.output(b"before\n")
    rec.event("chat.message", {"text": "one"})
    moved = tmp_path / "moved-away"
    rec.folder.rename(moved)
    rec.folder.write_text("not a folder")
    # the line reaches the file still open (now under moved-away/); the recorder then sees the folder moved
    written = rec.event("chat.message", {"text": "two"})
    rec.event("chat.message", {"text": "three"})
    rec.output(b"lost\n")
    assert rec.suspended and written["seq"] == 3
    assert messages == [rec.suspended_reason] and "replaced by a file" in messages[0]
    assert rec.resume() is False and rec.suspended  # still a file there: stays suspended, no new message
    assert len(messages) == 1
    rec.folder.unlink()
    moved.rename(rec.folder)
    assert rec.resume() is True
    rec.close()
    report = verify(rec.folder)
    assert report.ok, report.lines()
    assert rec.dropped == {"events": 1, "output_bytes": 5}
    texts = [e["data"]["text"] for e in open_record(rec.folder).events("chat.message")]
    assert texts == ["one", "two"]


def test_folder_removed_is_rebuilt_from_open_files(make_recorder: Callable[..., Recorder]) -> None:
    messages: list[str] = []
    rec = make_recorder(on_suspended=messages.append)
    rec.output("첫 줄\n".encode())
    rec.event("chat.message", {"text": "kept"})
    shutil.rmtree(rec.folder)
    rec.event("chat.message", {"text": "noticed"})  # written to the open file, then the loss is seen
    rec.event("chat.message", {"text": "dropped"})
    assert rec.suspended and len(messages) == 1
    assert rec.resume()
    rec.output(b"second\n")
    rec.close()
    report = verify(rec.folder)
    assert report.ok, report.lines()
    record = open_record(rec.folder)
    assert [e["data"].get("text") for e in record.events("chat.message")] == ["kept", "noticed"]
    assert record.terminal_text() == "첫 줄\nsecond\n"


def test_a_failing_callback_does_not_reach_the_session(make_recorder: Callable[..., Recorder]) -> None:
    def broken(_message: str) -> None:
        raise RuntimeError("the UI is gone")

    rec = make_recorder(on_suspended=broken)
    shutil.rmtree(rec.folder)
    rec.event("chat.message", {"text": "x"})  # must not raise
    rec.output(b"x")
    assert rec.suspended


def test_unwritable_archive_starts_suspended(archive: Path) -> None:
    from tests.recording.builders import DEVICE

    blocker = archive / "blocked"
    blocker.write_text("a file where the archive should be")
    messages: list[str] = []
    rec = Recorder.create(blocker, technician="kim", device=DEVICE, on_suspended=messages.append)
    rec.output(b"hello\n")
    assert rec.suspended and len(messages) == 1
    blocker.unlink()
    assert rec.resume()
    rec.close()
    assert verify(rec.folder).ok
