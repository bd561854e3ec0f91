"""`valuezone escalate build|send|outbox|token|open`: bundles for headquarters, from the command line."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import tempfile
from pathlib import Path
from typing import Any

from console.commands.argtypes import chat_language, megabytes
from console.commands.unpacking import add_unpack_option, verify_received

MB = 1 << 20
PER_FILE_MB = megabytes(0.01, 4_096)
TOTAL_MB = megabytes(0.01, 65_536)  # as much as HQ's receiver may take (`hq serve --max-mb`)


def register(subparsers: Any) -> None:
    from sessions.ssh.terminal_prompt import add_connect_options

    parser = subparsers.add_parser("escalate", help="build, send and track bundles for headquarters")
    sub = parser.add_subparsers(dest="escalate_command", metavar="ACTION", required=True)
    build = sub.add_parser("build", help="collect, redact and pack a bundle from a session record")
    build.add_argument(
        "--record", type=Path, required=True, metavar="DIR", help="the session's record folder"
    )
    build.add_argument("--collect", metavar="[USER@]HOST[:PORT]", help="collect the device's logs over SFTP")
    build.add_argument(
        "--profile", default="auto", help="diagnostics profile naming the logs (default: auto)"
    )
    build.add_argument("--ticket", default="", help="HQ's ticket number")
    build.add_argument("--summary", default="", help="the technician's summary (default: the record's)")
    build.add_argument(
        "--summary-language",
        default="",
        type=chat_language(extra=("",)),
        metavar="LANG",
        help="language of the summary",
    )
    build.add_argument(
        "--hq-language",
        default="",
        type=chat_language(extra=("",)),
        metavar="LANG",
        help="HQ's language (translates the summary)",
    )
    build.add_argument("--raw", type=Path, metavar="DIR", help="folder of diagnostics raw outputs (*.out)")
    build.add_argument(
        "--per-file-mb",
        type=PER_FILE_MB,
        default=16.0,
        metavar="MB",
        help=f"cap per collected log, newest part kept ({PER_FILE_MB.range_text}; default 16)",
    )
    build.add_argument(
        "--total-mb",
        type=TOTAL_MB,
        default=128.0,
        metavar="MB",
        help=f"cap on all collected logs ({TOTAL_MB.range_text}; default 128)",
    )
    build.add_argument("--consent-by", metavar="NAME", help="who agreed to send it (otherwise asked here)")
    build.add_argument("--out", type=Path, required=True, metavar="FILE", help="the .tar.gz to write")
    add_connect_options(build)
    build.set_defaults(func=run_build)

    send = sub.add_parser("send", help="queue a bundle for HQ and try to deliver it now")
    send.add_argument("file", type=Path, metavar="FILE")
    send.add_argument(
        "--to", required=True, metavar="URL", help="sftp://user@host[:port]/folder or https://…"
    )
    send.add_argument("--ca", type=Path, metavar="FILE", help="HQ's CA certificate (https)")
    add_connect_options(send)
    send.set_defaults(func=run_send)

    outbox = sub.add_parser("outbox", help="list queued, sending, delivered and failed bundles")
    outbox.add_argument("--retry", action="store_true", help="retry failed bundles and send what is due now")
    outbox.add_argument("--ca", type=Path, metavar="FILE", help="HQ's CA certificate (https)")
    add_connect_options(outbox)
    outbox.set_defaults(func=run_outbox)

    token = sub.add_parser("token", help="store HQ's bearer token for an https destination in the keyring")
    token.add_argument("url", metavar="URL")
    token.set_defaults(func=run_token)

    opener = sub.add_parser("open", help="check a received bundle and extract it (for diagnose --offline)")
    opener.add_argument("file", type=Path, metavar="FILE")
    opener.add_argument("--to", type=Path, required=True, metavar="DIR", help="an empty or new folder")
    add_unpack_option(opener)
    opener.set_defaults(func=run_open)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- build -----------------------------------------------------------------------------------------
async def _collect(args: argparse.Namespace, dest: Path) -> Any:
    from sessions.escalation import CollectLimits, collect_logs, detect_log_spec, log_spec
    from sessions.ssh import connect
    from sessions.ssh.terminal_prompt import credentials_from_args, target_from_args, trust_from_args

    target = target_from_args(args.collect, args)
    conn = await connect(target, trust=trust_from_args(args), credentials=credentials_from_args(args))
    limits = CollectLimits(per_file=int(args.per_file_mb * MB), total=int(args.total_mb * MB))

    def show(p: Any) -> None:
        sys.stderr.write(f"\rcollecting: {p.files_done}/{p.files_total} files, {p.bytes_done / MB:.1f} MB ")

    async with conn:
        spec = await detect_log_spec(conn) if args.profile == "auto" else log_spec(args.profile)
        result = await collect_logs(conn, spec, dest, limits=limits, on_progress=show)
    _err(f"\rcollected {len(result.files)} files, {result.bytes / MB:.1f} MB ({spec.profile})")
    return result


async def _translate(text: str, source: str, target: str) -> str:
    from translation.providers import ProviderConfig, call, keyring_lookup

    return await asyncio.to_thread(call, ProviderConfig("google"), text, source, target, keyring_lookup, 15.0)


def _ask_consent(args: argparse.Namespace, preview: Any) -> Any:
    from sessions.errors import ConsentRefusedError
    from sessions.escalation import Consent
    from sessions.ssh.terminal_prompt import is_interactive

    files = tuple(f.path for f in preview.files)
    if args.consent_by:
        return Consent(True, args.consent_by, "cli --consent-by", "HQ", files)
    if not is_interactive():
        raise ConsentRefusedError(
            "The customer's consent is needed before a bundle is written.",
            "Ask the customer, then run again with --consent-by NAME (who agreed).",
        )
    name = input("Who agreed to send these files to HQ? (name; empty = nobody): ").strip()
    if not name:
        raise ConsentRefusedError("Nobody agreed to send the bundle.", "Nothing was written.")
    return Consent(True, name, "cli prompt", "HQ", files)


def _print_preview(preview: Any) -> None:
    print(f"bundle {preview.bundle_id}:")
    for item in preview.files:
        redacted = ", ".join(f"{k} {v}" for k, v in sorted(item.redactions.items()))
        print(f"  {item.size:>12,}  {item.path}" + (f"  (redacted: {redacted})" if redacted else ""))
    total = ", ".join(f"{k} {v}" for k, v in preview.redactions.items()) or "nothing"
    print(f"  {preview.total_bytes:>12,}  total; redacted: {total}")
    for note in preview.notes:
        print(f"  note: {note}")


def run_build(args: argparse.Namespace) -> int:
    from sessions.escalation import BundleRequest, StagedBundle, translate_summary
    from sessions.escalation.contents import read_record_texts
    from sessions.recording import append_event
    from sessions.redaction import Redactor

    texts = read_record_texts(args.record)
    redactor = Redactor.for_this_console(chat=True)  # for the summary sent to a translator
    summary = args.summary or texts.summary
    with tempfile.TemporaryDirectory(prefix="vz-collect-") as scratch:
        collected = asyncio.run(_collect(args, Path(scratch) / "logs")) if args.collect else None
        translation = asyncio.run(
            translate_summary(redactor, summary, args.summary_language, args.hq_language, _translate)
        )
        request = BundleRequest(
            record=args.record,
            ticket=args.ticket,
            summary=summary,
            summary_language=args.summary_language,
            summary_translation=translation,
            hq_language=args.hq_language,
            logs_dir=collected.folder if collected else None,
            raw_dir=args.raw or _raw_dir(args.record),
            notes=collected.notes() if collected else (),
        )
        with StagedBundle(request, Redactor.for_this_console()) as staged:
            preview = staged.stage()
            _print_preview(preview)
            built = staged.pack(args.out, _ask_consent(args, preview))
    data = {"bundle_id": built.bundle_id, "ticket": args.ticket, "sha256": built.sha256, "size": built.size}
    try:
        append_event(args.record, "escalation.bundled", data)
    except Exception as exc:  # the bundle is written; a record that cannot take a note does not undo it
        _err(f"note: the record did not take the escalation event ({exc})")
    print(f"wrote {built.path} ({built.size:,} bytes, SHA-256 {built.sha256})")
    return 0


def _raw_dir(record: Path) -> Path | None:
    for candidate in (record / "diagnostics" / "raw", record / "diagnostics"):
        if candidate.is_dir():
            return candidate
    return None


# --- send / outbox ---------------------------------------------------------------------------------
def _options(args: argparse.Namespace) -> Any:
    from sessions.escalation import DeliveryOptions
    from sessions.ssh.terminal_prompt import trust_from_args

    return DeliveryOptions(ca_file=args.ca, key_file=args.key_file, trust=trust_from_args(args))


def _show(item: Any) -> str:
    line = f"{item.state.value:<9} {item.bundle_id}  {item.destination}  ({item.attempts} attempts)"
    return f"{line}\n          {item.reason}" if item.reason else line


def run_send(args: argparse.Namespace) -> int:
    from sessions.escalation import Outbox, deliverer_for, parse_destination, verify_bundle
    from sessions.escalation.manifest import file_sha256

    parse_destination(args.to)
    manifest = verify_bundle(args.file)
    outbox = Outbox()
    item = outbox.enqueue(
        args.file,
        manifest.bundle_id,
        file_sha256(args.file),
        args.file.stat().st_size,
        args.to,
        manifest.ticket,
    )
    options = _options(args)
    result = asyncio.run(outbox.deliver_one(item, lambda url: deliverer_for(url, options))) or item
    print(_show(result))
    return 0 if result.state.value in ("delivered", "queued") else 1


def run_outbox(args: argparse.Namespace) -> int:
    from sessions.escalation import Outbox, deliverer_for

    outbox = Outbox()
    if args.retry:
        outbox.retry()
        options = _options(args)
        asyncio.run(outbox.deliver_due(lambda url: deliverer_for(url, options)))
    items = outbox.items()
    for item in items:
        print(_show(item))
    if not items:
        print("the outbox is empty")
    return 1 if any(i.state.value == "failed" for i in items) else 0


def run_token(args: argparse.Namespace) -> int:
    from sessions.errors import EscalationError
    from sessions.escalation import parse_destination
    from sessions.escalation.delivery.https import store_token

    destination = parse_destination(args.url)
    token = (
        getpass.getpass(f"Token for {destination.origin}: ") if sys.stdin.isatty() else sys.stdin.readline()
    )
    if not token.strip():
        raise EscalationError("No token was given.", "Paste the token HQ gave you.")
    kept = store_token(destination, token.strip())
    print(f"stored the token for {destination.origin}" + ("" if kept else " for this run only (no keyring)"))
    return 0


def run_open(args: argparse.Namespace) -> int:
    manifest = verify_received(args.file, args, extract_to=args.to)
    print(f"bundle {manifest.bundle_id} (ticket {manifest.ticket or '-'}) checked and extracted to {args.to}")
    print(f"raw diagnostics: {args.to / 'diagnostics' / 'raw'}")
    return 0
