"""Trying a provider chain with a sample, as the settings' Test button does: who answered, and how fast.

Each provider is asked in the chain's order, as a real message would be, until one answers; every try
is timed. Nothing is cached and the sample goes through the same masking as chat lines.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import translation.providers as providers
from sessions.errors import TranslationUnavailableError
from translation.providers import KeyLookup, ProviderConfig
from translation.translator import DEFAULT_DEADLINE, Translator


@dataclass(frozen=True, slots=True)
class ProviderTrial:
    """One provider's try: `text` when it answered, else `error`; `seconds` either way."""

    provider: ProviderConfig
    seconds: float
    text: str = ""
    error: TranslationUnavailableError | None = None

    @property
    def answered(self) -> bool:
        return self.error is None


async def try_chain(
    chain: Sequence[ProviderConfig],
    text: str,
    source: str,
    target: str,
    *,
    deadline: float = DEFAULT_DEADLINE,
    key_lookup: KeyLookup = providers.keyring_lookup,
) -> list[ProviderTrial]:
    """Ask each provider of *chain* in order until one answers; one ProviderTrial per provider asked."""
    trials: list[ProviderTrial] = []
    for config in chain:
        translator = Translator([config], deadline=deadline, cache=None, key_lookup=key_lookup, max_workers=1)
        started = time.monotonic()
        try:
            result = await translator.translate(text, source, target)
        except TranslationUnavailableError as exc:
            trials.append(ProviderTrial(config, time.monotonic() - started, error=exc))
            continue
        finally:
            translator.close()
        trials.append(ProviderTrial(config, time.monotonic() - started, text=result.text))
        break
    return trials
