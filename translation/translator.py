"""The Translator: mask, look up the cache, then ask each provider of the chain under a deadline.

`await translator.translate(text, source, target)` never blocks the event loop: provider calls run in
a thread pool (several at once, so one slow message does not hold up the others) and the caller stops
waiting at the deadline. The worker itself gives up soon after, because every HTTP request it makes
carries the remaining time as its timeout (translation.http_deadline), so hung threads do not pile up.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import translation.providers as providers
import translation.settings as settings
from sessions.errors import TranslationUnavailableError
from translation.cache import TranslationCache
from translation.detection import detect
from translation.languages import normalize, same_language
from translation.masking import Masker
from translation.providers import KeyLookup, ProviderConfig

DEFAULT_DEADLINE = settings.DEFAULT_DEADLINE
DEFAULT_WORKERS = 8


@dataclass(frozen=True, slots=True)
class Translation:
    """A finished translation. `provider` is "" when none was needed (same language, empty text)."""

    original: str
    text: str
    source: str
    target: str
    provider: str
    cached: bool = False
    secrets_kept: int = 0
    lost_placeholders: int = 0


class Translator:
    """Translates along a provider chain with masking, a cache and a deadline per provider call."""

    def __init__(
        self,
        chain: Sequence[ProviderConfig],
        *,
        deadline: float = DEFAULT_DEADLINE,
        cache: TranslationCache | None = None,
        masker: Masker | None = None,
        key_lookup: KeyLookup = providers.keyring_lookup,
        max_workers: int = DEFAULT_WORKERS,
    ) -> None:
        if not chain:
            raise ValueError("a Translator needs at least one provider")
        self.chain = tuple(chain)
        self.deadline = deadline
        self.cache = cache
        self.masker = masker or Masker.from_resources()
        self._key_lookup = key_lookup
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="translate")

    @classmethod
    def from_settings(
        cls, section: Mapping[str, Any], *, cache_path: Path | None = None, use_cache: bool | None = None
    ) -> Translator:
        """A Translator from the `translation` settings section (see sessions.config DEFAULTS).

        A value no chain can be made from raises ConfigError (translation.settings says which and where).
        """
        names = settings.providers(section)
        chain = [
            ProviderConfig(
                name,
                url=str(section.get("libre_url", "")) if name == "libre" else "",
                region=str(section.get("microsoft_region", "")) if name == "microsoft" else "",
            )
            for name in names
        ]
        cached = section.get("cache", True) if use_cache is None else use_cache
        return cls(
            chain,
            deadline=settings.deadline(section),
            cache=TranslationCache(cache_path) if cached else None,
        )

    def close(self) -> None:
        """Stop the workers (without waiting for a hung one) and close the cache."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self.cache is not None:
            self.cache.close()

    async def translate(self, text: str, source: str | None, target: str) -> Translation:
        """*text* in *target*; *source* None or "auto" detects it offline first.

        Raises TranslationUnavailableError when no provider of the chain answered in time.
        """
        target = normalize(target)
        source = normalize(source) if source and source != "auto" else (detect(text) or "auto")
        if not text.strip() or same_language(source, target):
            return Translation(text, text, source, target, "")
        masked = self.masker.mask(text)
        failures: list[TranslationUnavailableError] = []
        for config in self.chain:
            translated, cached = self._cached(config, masked.text, source, target), True
            if translated is None:
                cached = False
                try:
                    translated = await self._call(config, masked.text, source, target)
                except TranslationUnavailableError as exc:
                    failures.append(exc)
                    continue
                if self.cache is not None:
                    self.cache.put(config.name, source, target, masked.text, translated)
            restored = masked.restore(translated)
            return Translation(
                text,
                restored.text,
                source,
                target,
                config.name,
                cached=cached,
                secrets_kept=masked.secrets,
                lost_placeholders=len(restored.missing),
            )
        raise _all_failed(failures)

    def _cached(self, config: ProviderConfig, text: str, source: str, target: str) -> str | None:
        return None if self.cache is None else self.cache.get(config.name, source, target, text)

    async def _call(self, config: ProviderConfig, text: str, source: str, target: str) -> str:
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        future = loop.run_in_executor(
            self._pool, providers.call, config, text, source, target, self._key_lookup, self.deadline
        )
        try:
            return await asyncio.wait_for(future, self.deadline)
        except TimeoutError:
            waited = time.monotonic() - started
            raise TranslationUnavailableError(
                f"The {config.describe()} translator did not answer within {waited:.1f} s.",
                providers.RETRY_HINT,
                provider=config.name,
                cause="timeout",
                code="translation.timeout",
                params={"provider": config.describe(), "waited": waited},
            ) from None


def _all_failed(failures: list[TranslationUnavailableError]) -> TranslationUnavailableError:
    if len(failures) == 1:
        return failures[0]
    reasons = "; ".join(f"{f.provider}: {f.cause}" for f in failures)
    return TranslationUnavailableError(
        f"No translation provider answered ({reasons}).",
        "The original text is shown untranslated. Check the network, or the providers in the translation "
        "settings, then try again.",
        provider=failures[-1].provider if failures else "",
        cause=reasons,
        code="translation.no_answer",
        params={"reasons": reasons},
    )
