"""Translation providers over deep-translator 1.11.4, and their failures in words for a person.

Everything here blocks: translation.translator runs it in worker threads under a deadline.
A fresh deep-translator object is made per call (google and mymemory keep request state on the
object, so one object must never serve two threads).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    PapagoTranslator,
)
from deep_translator import exceptions as dt_errors
from deep_translator.base import BaseTranslator

from sessions import secrets
from sessions.errors import TranslationUnavailableError
from translation.http_deadline import deadline, install
from translation.languages import provider_code

PROVIDERS = ("google", "mymemory", "deepl", "microsoft", "papago", "libre")
NEEDS_KEY = {"deepl", "microsoft", "papago"}
LIBRE_DUMMY_KEY = "valuezone-no-key"  # LibreTranslator refuses to start without one, even for open servers
MAX_CHARS = {"google": 4900, "mymemory": 490}
DEFAULT_MAX_CHARS = 4900
KEY_KIND = "translation-api-key"
RETRY_HINT = "The original text is kept; try again, or choose another provider in the translation settings."

KeyLookup = Callable[[str], "str | None"]


def keyring_lookup(provider: str) -> str | None:
    """The provider's API key from the OS keyring (`sessions.secrets`, kind "translation-api-key")."""
    return secrets.load(KEY_KIND, provider)


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """One link of the chain. `url` is for libre; `region` for microsoft. Never holds the key itself."""

    name: str
    url: str = ""
    region: str = ""

    def describe(self) -> str:
        return f"{self.name} ({self.url})" if self.url else self.name


def _factory(config: ProviderConfig, key: str | None) -> BaseTranslator:
    """A deep-translator object built with languages it accepts; real codes are set afterwards."""
    name = config.name
    if name == "google":
        return GoogleTranslator(source="auto", target="en")
    if name == "mymemory":
        return MyMemoryTranslator(source="auto", target="english")
    if name == "libre":
        url = config.url or os.environ.get("VALUEZONE_LIBRE_URL", "")
        if not url:
            raise TranslationUnavailableError(
                "LibreTranslate needs the address of your server.",
                "Set translation.libre_url in the settings, or pass --url.",
                provider=name,
                cause="no url",
                code="translation.no_server",
            )
        return LibreTranslator(
            source="en", target="ko", api_key=key or LIBRE_DUMMY_KEY, custom_url=url.rstrip("/") + "/"
        )
    if not key:
        raise TranslationUnavailableError(
            f"The {name} translator needs an API key, and none is saved.",
            f"Save the key in the keyring under '{KEY_KIND}' / '{name}', or use another provider.",
            provider=name,
            cause="no api key",
            code="translation.no_api_key",
            params={"name": name, "key_kind": KEY_KIND},
        )
    if name == "deepl":
        return DeeplTranslator(source="en", target="ko", api_key=key, use_free_api=key.endswith(":fx"))
    if name == "microsoft":
        return MicrosoftTranslator(source="auto", target="en", api_key=key, region=config.region or None)
    if name == "papago":
        client_id, _, secret = key.partition(":")
        return PapagoTranslator(client_id=client_id, secret_key=secret, source="auto", target="en")
    raise TranslationUnavailableError(
        f"There is no translation provider called '{name}'.",
        f"Choose one of: {', '.join(PROVIDERS)}.",
        provider=name,
        cause="unknown provider",
        code="translation.unknown_provider",
        params={"name": name, "providers": ", ".join(PROVIDERS)},
    )


def _chunks(text: str, limit: int) -> list[str]:
    """*text* cut at line ends (then spaces) into pieces no longer than *limit*."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit) + 1 or limit
            pieces.append(line[:cut])
            line = line[cut:]
        if len(current) + len(line) > limit:
            pieces.append(current)
            current = ""
        current += line
    pieces.append(current)
    return [p for p in pieces if p]


def call(
    config: ProviderConfig, text: str, source: str, target: str, key_lookup: KeyLookup, timeout: float
) -> str:
    """Translate *text* with one provider; blocks for at most about *timeout* seconds per request.

    Raises TranslationUnavailableError, whatever went wrong.
    """
    install()
    try:
        with deadline(timeout):
            translator = _factory(config, key_lookup(config.name) if config.name != "google" else None)
            translator.source = provider_code(config.name, source, target=False)
            translator.target = provider_code(config.name, target, target=True)
            limit = MAX_CHARS.get(config.name, DEFAULT_MAX_CHARS)
            out = [_translate_piece(translator, piece) for piece in _chunks(text, limit)]
    except TranslationUnavailableError:
        raise
    except Exception as exc:  # the boundary with a third-party library: every failure becomes ours
        raise explain(config, exc, timeout) from exc
    return "".join(out)


def _translate_piece(translator: BaseTranslator, piece: str) -> str:
    if not piece.strip():
        return piece
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()) :]
    result: Any = translator.translate(piece.strip())
    if not isinstance(result, str) or not result:
        raise dt_errors.TranslationNotFound(piece)
    return lead + result.strip() + trail


def explain(config: ProviderConfig, exc: BaseException, timeout: float) -> TranslationUnavailableError:
    """A provider failure as a sentence for a person."""
    who = config.describe()
    hint = RETRY_HINT
    if isinstance(exc, requests.Timeout | TimeoutError):
        message, cause = f"The {who} translator did not answer within {timeout:g} s.", "timeout"
    elif isinstance(exc, requests.ConnectionError | ConnectionError):
        message, cause = f"The {who} translator could not be reached.", "connection failed"
        hint = "Check the network connection (or the server address), then try again."
    elif isinstance(exc, dt_errors.TooManyRequests):
        message, cause = f"The {who} translator refused: too many requests.", "rate limited"
        hint = "Wait a minute before trying again, or choose another provider."
    elif isinstance(exc, dt_errors.AuthorizationException | dt_errors.ApiKeyException):
        message, cause = f"The {who} translator refused the API key.", "api key refused"
        hint = f"Check the key saved in the keyring under '{KEY_KIND}' / '{config.name}'."
    elif isinstance(exc, dt_errors.ServerException | dt_errors.RequestError):
        message, cause = f"The {who} translator answered with an error ({exc}).", "server error"
    elif isinstance(exc, dt_errors.LanguageNotSupportedException | dt_errors.InvalidSourceOrTargetLanguage):
        message, cause = (
            f"The {who} translator does not support this language pair.",
            "language not supported",
        )
        hint = "Choose another provider for this language."
    else:
        message, cause = f"The {who} translator failed ({type(exc).__name__}: {exc}).", type(exc).__name__
    code = "translation." + _CAUSE_CODES.get(cause, "failed")
    params = {"provider": who, "seconds": f"{timeout:g}", "kind": type(exc).__name__, "exc": exc}
    return TranslationUnavailableError(
        message, hint, provider=config.name, cause=cause, code=code, params=params
    )


_CAUSE_CODES = {
    "timeout": "provider_timeout",
    "connection failed": "unreachable",
    "rate limited": "rate_limited",
    "api key refused": "key_refused",
    "server error": "server_error",
    "language not supported": "language_unsupported",
}
