"""The suite fails on a coroutine that never ran and on RuntimeWarnings from our own modules."""

from __future__ import annotations

import gc
import sys
import warnings

import pytest


def test_a_coroutine_that_never_runs_is_an_error() -> None:
    """The warning comes from a finalizer: the filter makes it an exception, pytest fails the test on it."""
    caught = []
    previous, sys.unraisablehook = sys.unraisablehook, caught.append
    try:

        async def never() -> None:
            pass

        never()  # created, dropped, never awaited
        gc.collect()
    finally:
        sys.unraisablehook = previous
    assert [type(c.exc_value) for c in caught] == [RuntimeWarning]
    assert "coroutine 'test_a_coroutine_that_never_runs_is_an_error.<locals>.never' was never awaited" in str(
        caught[0].exc_value
    )


@pytest.mark.parametrize("module", ["sessions.diagnostics.runner", "console.app", "translation", "sessions"])
def test_our_runtime_warnings_are_errors(module: str) -> None:
    with pytest.raises(RuntimeWarning):
        warnings.warn_explicit("something odd", RuntimeWarning, "x.py", 1, module=module)


def test_other_runtime_warnings_are_not() -> None:
    with warnings.catch_warnings(record=True) as seen:  # the suite's filters still apply here
        warnings.warn_explicit("something odd", RuntimeWarning, "x.py", 1, module="sessionsx.other")
    assert [str(w.message) for w in seen] == ["something odd"]
