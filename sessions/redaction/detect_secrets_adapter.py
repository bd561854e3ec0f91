"""detect-secrets' plugins run over text in memory, line by line, with no network and no global settings.

detect-secrets (PyPI) scans files through a process-wide settings object and can verify secrets with the
issuing service (an HTTP request carrying the secret). Neither fits a redactor, so this module builds its
own plugin instances and calls only their pure `analyze_string`, then applies detect-secrets' own heuristic
filters and entropy limits. `Mode` picks how it reads text:

- FILE: as `detect-secrets scan` reads a plain text file (high-entropy strings only when quoted, keywords
  only with quoted values).
- CHAT: tuned for chat lines and command lines (unquoted words are entropy-checked; keyword values need
  no quotes, as in config files).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

# Plugins that find a token by its own shape (prefix and length); no network is used by any of them here.
SHAPE_PLUGINS = (
    "ArtifactoryDetector",
    "AWSKeyDetector",
    "AzureStorageKeyDetector",
    "BasicAuthDetector",
    "CloudantDetector",
    "DiscordBotTokenDetector",
    "GitHubTokenDetector",
    "GitLabTokenDetector",
    "IbmCloudIamDetector",
    "IbmCosHmacDetector",
    "JwtTokenDetector",
    "MailchimpDetector",
    "NpmDetector",
    "OpenAIDetector",
    "PrivateKeyDetector",
    "PypiTokenDetector",
    "SendGridDetector",
    "SlackDetector",
    "SoftlayerDetector",
    "SquareOAuthDetector",
    "StripeDetector",
    "TelegramBotTokenDetector",
    "TwilioKeyDetector",
)
ENTROPY_PLUGINS = ("Base64HighEntropyString", "HexHighEntropyString")
KEYWORD_PLUGIN = "KeywordDetector"


class Mode(enum.Enum):
    FILE = "file"
    CHAT = "chat"


@dataclass(frozen=True, slots=True)
class Found:
    """A secret detect-secrets found: `text[start:end]`; `rule` names the plugin (`detect_secrets.Stripe`)."""

    start: int
    end: int
    rule: str


def available() -> bool:
    """True when the detect-secrets package can be imported."""
    try:
        import detect_secrets.plugins  # noqa: F401
    except ImportError:
        return False
    return True


class DetectSecretsScanner:
    """Finds secrets with a chosen set of detect-secrets plugins; safe to share between threads."""

    def __init__(
        self,
        plugins: tuple[str, ...] = (*SHAPE_PLUGINS, *ENTROPY_PLUGINS, KEYWORD_PLUGIN),
        *,
        mode: Mode = Mode.CHAT,
    ) -> None:
        self.mode = mode
        self.names = plugins
        self._plugins = [_make(name, mode) for name in plugins]

    def find(self, text: str) -> list[Found]:
        """Every secret in *text* (spans may overlap; the caller resolves them)."""
        found: list[Found] = []
        offset = 0
        for line in text.splitlines(keepends=True):
            for plugin, name in zip(self._plugins, self.names, strict=True):
                rule = "detect_secrets." + name.removesuffix("Detector")
                for value in _values(plugin, name, line, self.mode):
                    found.extend(Found(offset + s, offset + s + len(value), rule) for s in _all(line, value))
            offset += len(line)
        return found


def _all(line: str, value: str) -> Iterator[int]:
    start = line.find(value)
    while start >= 0 and value:
        yield start
        start = line.find(value, start + len(value))


def _values(plugin: Any, name: str, line: str, mode: Mode) -> Iterator[str]:
    from detect_secrets.filters import heuristic

    if name == KEYWORD_PLUGIN:
        values = plugin.analyze_string(line, denylist_regex_to_group=_keyword_groups(mode))
    else:
        values = plugin.analyze_string(line)
    for value in values:
        if not value or not isinstance(value, str):
            continue
        if name in ENTROPY_PLUGINS and plugin.calculate_shannon_entropy(value) <= plugin.entropy_limit:
            continue
        if (
            heuristic.is_sequential_string(value)
            or heuristic.is_potential_uuid(value)
            or heuristic.is_likely_id_string(value, line, plugin)
            or heuristic.is_templated_secret(value)
            or heuristic.is_prefixed_with_dollar_sign(value)
            or heuristic.is_not_alphanumeric_string(value)
        ):
            continue
        yield value


def _keyword_groups(mode: Mode) -> dict[re.Pattern[str], int]:
    from detect_secrets.plugins import keyword

    if mode is Mode.CHAT:
        return keyword.CONFIG_DENYLIST_REGEX_TO_GROUP
    return keyword.QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP


@cache
def _classes() -> dict[str, type]:
    """The plugin classes, imported by name (not by detect-secrets' package scan, which a frozen build
    cannot do, and which would also load custom plugins named in its global settings)."""
    from detect_secrets.plugins.artifactory import ArtifactoryDetector
    from detect_secrets.plugins.aws import AWSKeyDetector
    from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
    from detect_secrets.plugins.basic_auth import BasicAuthDetector
    from detect_secrets.plugins.cloudant import CloudantDetector
    from detect_secrets.plugins.discord import DiscordBotTokenDetector
    from detect_secrets.plugins.github_token import GitHubTokenDetector
    from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString, HexHighEntropyString
    from detect_secrets.plugins.ibm_cloud_iam import IbmCloudIamDetector
    from detect_secrets.plugins.ibm_cos_hmac import IbmCosHmacDetector
    from detect_secrets.plugins.jwt import JwtTokenDetector
    from detect_secrets.plugins.keyword import KeywordDetector
    from detect_secrets.plugins.mailchimp import MailchimpDetector
    from detect_secrets.plugins.npm import NpmDetector
    from detect_secrets.plugins.openai import OpenAIDetector
    from detect_secrets.plugins.private_key import PrivateKeyDetector
    from detect_secrets.plugins.pypi_token import PypiTokenDetector
    from detect_secrets.plugins.sendgrid import SendGridDetector
    from detect_secrets.plugins.slack import SlackDetector
    from detect_secrets.plugins.softlayer import SoftlayerDetector
    from detect_secrets.plugins.square_oauth import SquareOAuthDetector
    from detect_secrets.plugins.stripe import StripeDetector
    from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
    from detect_secrets.plugins.twilio import TwilioKeyDetector

    classes: list[type] = [
        ArtifactoryDetector, AWSKeyDetector, AzureStorageKeyDetector, BasicAuthDetector, CloudantDetector,
        DiscordBotTokenDetector, GitHubTokenDetector, GitLabTokenDetector, Base64HighEntropyString,
        HexHighEntropyString, IbmCloudIamDetector, IbmCosHmacDetector, JwtTokenDetector, KeywordDetector,
        MailchimpDetector, NpmDetector, OpenAIDetector, PrivateKeyDetector, PypiTokenDetector,
        SendGridDetector, SlackDetector, SoftlayerDetector, SquareOAuthDetector, StripeDetector,
        TelegramBotTokenDetector, TwilioKeyDetector,
    ]  # fmt: skip
    return {cls.__name__: cls for cls in classes}


def _make(name: str, mode: Mode) -> Any:
    plugin = _classes()[name]()
    if name in ENTROPY_PLUGINS and mode is Mode.CHAT:
        # detect-secrets' own unquoted form (what `detect-secrets scan --string` uses), set once on our
        # private instance instead of through its context manager.
        plugin.regex = re.compile(rf"([{re.escape(plugin.charset)}]+)")
    return plugin
