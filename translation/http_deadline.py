"""Puts a timeout into every HTTP request deep-translator makes (1.11.4 passes none, so a silent
server hangs a call forever).

deep-translator's provider modules call the module-level `requests.get/post`. `install()` gives those
modules a stand-in for `requests` that adds `timeout=` from the calling thread's deadline (set with
`deadline()`), so a worker thread stuck on a silent server ends by itself soon after the deadline.
Nothing outside deep_translator is touched.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests

PROVIDER_MODULES = ("google", "mymemory", "deepl", "microsoft", "papago", "libre")
_local = threading.local()
_install_lock = threading.Lock()
MIN_TIMEOUT = 0.05


def remaining() -> float | None:
    """Seconds left before this thread's deadline, or None outside `deadline()`."""
    until = getattr(_local, "until", None)
    return None if until is None else max(MIN_TIMEOUT, until - time.monotonic())


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every deep-translator request made in this thread inside the block times out by then."""
    _local.until = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.until = None


class _TimedRequests:
    """The `requests` module as deep-translator sees it, with a timeout on every request."""

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    @staticmethod
    def _with_timeout(kwargs: dict[str, Any]) -> dict[str, Any]:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = remaining()
        return kwargs

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        return requests.request(method, url, **self._with_timeout(kwargs))

    def get(self, url: str, params: Any = None, **kwargs: Any) -> requests.Response:
        return requests.get(url, params=params, **self._with_timeout(kwargs))

    def post(self, url: str, data: Any = None, json: Any = None, **kwargs: Any) -> requests.Response:
        return requests.post(url, data=data, json=json, **self._with_timeout(kwargs))


_TIMED = _TimedRequests()


def install() -> None:
    """Give deep-translator's provider modules the timed `requests`; idempotent."""
    with _install_lock:
        for name in PROVIDER_MODULES:
            module = importlib.import_module(f"deep_translator.{name}")
            if getattr(module, "requests", None) is not _TIMED:
                setattr(module, "requests", _TIMED)  # noqa: B010
