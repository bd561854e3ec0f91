"""`valuezone translate`: translate a text from the command line through the provider chain."""

from __future__ import annotations

import argparse
import asyncio
import sys

from console.commands.argtypes import chat_language, one_of, seconds
from sessions.config import Settings
from sessions.errors import TranslationUnavailableError
from sessions.paths import app_dirs

DEADLINE = seconds(1, 60)  # as Settings ▸ Translation's "Wait per provider"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "translate",
        help="translate a text (secrets, commands, paths and product names are kept as they are)",
        description="Translate TEXT with the configured provider chain, or with --provider.",
    )
    parser.add_argument(
        "--provider", type=_provider, help="google, mymemory, deepl, microsoft, papago or libre"
    )
    parser.add_argument("--url", help="the LibreTranslate server (with --provider libre)")
    parser.add_argument(
        "--from",
        dest="source",
        default="auto",
        type=chat_language(extra=("auto",)),
        help="source language (default: detect)",
    )
    parser.add_argument(
        "--to",
        dest="target",
        required=True,
        type=chat_language(),
        help="target language: ko, en, ja, zh-TW, zh-CN…",
    )
    parser.add_argument(
        "--deadline",
        type=DEADLINE,
        metavar="SECONDS",
        help=f"seconds to wait for each provider ({DEADLINE.range_text}; "
        "default: the settings' wait, 8 unless changed)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("text", nargs="+", help="the text to translate")
    parser.set_defaults(func=run)


def _provider(text: str) -> str:
    from translation.providers import PROVIDERS  # slow to import: only when --provider is given

    return one_of(PROVIDERS, "translation provider")(text)


def run(args: argparse.Namespace) -> int:
    from translation import Translator

    section = dict(Settings.load(app_dirs().settings_file).section("translation"))
    if args.provider:
        section["providers"] = [args.provider]
    elif args.url:
        section["providers"] = ["libre"]
    if args.url:
        section["libre_url"] = args.url
    if args.deadline:
        section["deadline"] = args.deadline
    translator = Translator.from_settings(section, use_cache=not args.no_cache and section.get("cache", True))
    try:
        result = asyncio.run(translator.translate(" ".join(args.text), args.source, args.target))
    except TranslationUnavailableError as exc:
        print(f"valuezone translate: {exc}", file=sys.stderr)
        return 2
    finally:
        translator.close()
    print(result.text)
    return 0
