"""Fixtures for recording tests: an archive folder and a recorder factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sessions.recording import Recorder
from tests.recording.builders import DEVICE


@pytest.fixture
def make_recorder(archive: Path) -> Iterator[Callable[..., Recorder]]:
    made: list[Recorder] = []

    def make(**kwargs: Any) -> Recorder:
        options: dict[str, Any] = {
            "technician": "kim",
            "device": DEVICE,
            "via": "direct",
            "cols": 80,
            "rows": 24,
        }
        options.update(kwargs)
        recorder = Recorder.create(archive, **options)
        made.append(recorder)
        return recorder

    yield make
    for recorder in made:
        recorder.close()
