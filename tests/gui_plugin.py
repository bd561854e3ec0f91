"""What every GUI test gets: it fails on warnings nobody expected, and starts with no message held.

Warnings: Qt's, Python's, and WARNING+ log records of our own code.

A GUI test is one that uses `qtbot`, `qapp` or `qloop`. Qt messages at WARNING or worse fail it through
pytest-qt (`qt_log_level_fail`, ignores in pyproject's `qt_log_ignore`); Python warnings and log records
from console/, sessions/ and translation/ at WARNING or worse fail the phase (setup, call or teardown)
they happened in. A test that provokes one on purpose says so: `@pytest.mark.expected_log("regex")`.
"""

from __future__ import annotations

import logging
import re
import sys
import warnings
from collections.abc import Generator, Iterator

import pytest

GUI_FIXTURES = frozenset({"qtbot", "qapp", "qloop"})
OUR_LOGGERS = ("console", "sessions", "translation")


def is_gui(item: pytest.Item) -> bool:
    return bool(GUI_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "expected_log(*patterns): a GUI test's warnings or log records it provokes on purpose"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_gui(item):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))


@pytest.fixture(autouse=True)
def fresh_message_path() -> Iterator[None]:
    """Messages one test raised are never shown in the next one's window, nor its crash dialog."""
    yield
    messages = sys.modules.get("console.app.messages")
    if messages is not None:
        messages._bridge = None
    crash = sys.modules.get("console.app.crash")
    if crash is not None and crash._showing is not None:
        crash._showing.done(0)
        crash._showing = None


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _expected(item: pytest.Item) -> list[re.Pattern[str]]:
    return [re.compile(p) for mark in item.iter_markers("expected_log") for p in mark.args]


def _watch(item: pytest.Item) -> Generator[None, object, object]:
    handler = _Records()
    loggers = [logging.getLogger(name) for name in OUR_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            result = yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    expected = _expected(item)
    found = [f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in caught]
    found += [f"log {r.levelname} {r.name}: {r.getMessage()}" for r in handler.records]
    unexpected = [line for line in found if not any(p.search(line) for p in expected)]
    if unexpected:
        pytest.fail("unexpected warnings in a GUI test:\n" + "\n".join(unexpected), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _watch(item)) if is_gui(item) else (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _watch(item)) if is_gui(item) else (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _watch(item)) if is_gui(item) else (yield)
