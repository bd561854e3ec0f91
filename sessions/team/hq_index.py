"""HQ's bundle inbox, indexed in the team database (`valuezone hq serve --db URL`); bundles stay files.

Each bundle the receiver stores (`<id>.tar.gz` and its receipt `<id>.json`) gets a row: ticket, session,
device, technician, when, from whom, and its summary.md, searchable with the same tokenizer as the
records. HQ engineers (role hq) and admins list and search them through the team server
(`valuezone hq bundles --server`); the row names the file in the inbox.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import Any

from sessions.archive import tokens
from sessions.errors import SupportError
from sessions.escalation import read_manifest
from sessions.team.access import require
from sessions.team.context import Context, Operation, number, text
from sessions.team.context import audit as write_audit
from sessions.team.database import SYSTEM, Database, Tx
from sessions.team.roles import Role

SUMMARY_LIMIT = 64 * 1024
_COLUMNS = (
    "bundle_id", "file", "ticket", "session_id", "device", "host", "technician", "created", "received",
    "sender", "sha256", "size", "summary",
)  # fmt: skip


def _summary(bundle: Path) -> str:
    """summary.md of a bundle (at most SUMMARY_LIMIT bytes), '' when it has none."""
    try:
        with tarfile.open(bundle, "r:gz") as tar:
            member = tar.extractfile("summary.md")
            return member.read(SUMMARY_LIMIT).decode("utf-8", "replace") if member else ""
    except (tarfile.TarError, KeyError, OSError, EOFError):
        return ""


def bundle_row(inbox: Path, bundle_id: str) -> dict[str, Any]:
    """What the index keeps of one stored bundle (its manifest, receipt and summary)."""
    path = inbox / f"{bundle_id}.tar.gz"
    manifest = read_manifest(path)
    receipt = json.loads((inbox / f"{bundle_id}.json").read_text(encoding="utf-8"))
    device = manifest.device
    return {
        "bundle_id": bundle_id, "file": path.name, "ticket": manifest.ticket,
        "session_id": manifest.session_id, "device": str(device.get("name", "")),
        "host": str(device.get("host", "")), "technician": manifest.technician, "created": manifest.created,
        "received": str(receipt.get("received", "")), "sender": str(receipt.get("from", "")),
        "sha256": str(receipt.get("sha256", "")), "size": int(receipt.get("size", path.stat().st_size)),
        "summary": _summary(path),
    }  # fmt: skip


def _searchable(row: dict[str, Any]) -> str:
    return " ".join(str(row[name]) for name in ("ticket", "device", "host", "technician", "summary"))


def index_bundle(database: Database, inbox: Path, bundle_id: str) -> bool:
    """Index one stored bundle; False when it was indexed already."""
    row = bundle_row(inbox, bundle_id)
    with database.tx(SYSTEM, write=True) as tx:
        if tx.one("SELECT 1 FROM hq_bundles WHERE bundle_id = ?", (bundle_id,)) is not None:
            return False
        values = [row[name] for name in _COLUMNS]
        marks = ", ".join("?" for _ in _COLUMNS)
        if tx.kind == "postgresql":
            tx.run(
                f"INSERT INTO hq_bundles({', '.join(_COLUMNS)}, terms) VALUES ({marks}, ?::tsvector)",
                [*values, tokens.tsvector(_searchable(row))],
            )
        else:
            rowid = tx.one(
                f"INSERT INTO hq_bundles({', '.join(_COLUMNS)}) VALUES ({marks}) RETURNING rowid", values
            )
            assert rowid is not None
            tx.run(
                "INSERT INTO hq_fts(rowid, terms) VALUES (?, ?)",
                (rowid[0], tokens.terms_text(_searchable(row))),
            )
    return True


def sync_inbox(database: Database, inbox: Path) -> tuple[int, list[str]]:
    """Index every stored bundle of *inbox* not indexed yet: (how many, problems)."""
    added, problems = 0, []
    for receipt in sorted(inbox.glob("*.json")):
        bundle_id = receipt.stem
        if not (inbox / f"{bundle_id}.tar.gz").is_file():
            continue
        try:
            added += index_bundle(database, inbox, bundle_id)
        except (SupportError, OSError, ValueError, KeyError) as exc:
            problems.append(f"{bundle_id}: {exc}")
    return added, problems


def search_bundles(tx: Tx, query: str, limit: int) -> list[dict[str, Any]]:
    """Bundles matching *query* (all of them when it has no words), newest first."""
    columns = ", ".join(f"b.{name}" for name in _COLUMNS)
    terms = tokens.parse_query(query)
    if not terms:
        rows = tx.rows(f"SELECT {columns} FROM hq_bundles b ORDER BY b.received DESC LIMIT ?", (limit,))
    elif tx.kind == "postgresql":
        rows = tx.rows(
            f"SELECT {columns} FROM hq_bundles b WHERE b.terms @@ ?::tsquery "
            "ORDER BY b.received DESC LIMIT ?",
            (tokens.tsquery(terms), limit),
        )
    else:
        rows = tx.rows(
            f"SELECT {columns} FROM hq_fts f JOIN hq_bundles b ON b.rowid = f.rowid WHERE hq_fts MATCH ? "
            "ORDER BY b.received DESC LIMIT ?",
            (tokens.fts5_query(terms), limit),
        )
    return [dict(zip(_COLUMNS, row, strict=True)) for row in rows]


def op_bundles(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """HQ engineers and admins: escalation bundles in HQ's inbox, searched by words."""
    require(ctx.actor, Role.HQ, Role.ADMIN, what="list escalation bundles")
    query = text(request, "query", default="", limit=1000)
    limit = number(request, "limit", default=100, low=1, high=1000)
    with ctx.database.tx(ctx.actor, write=True) as tx:
        bundles = search_bundles(tx, query, limit)
        write_audit(tx, ctx.actor, "bundles.listed", query=query, bundles=[b["bundle_id"] for b in bundles])
    return {"bundles": bundles}


OPS: dict[str, Operation] = {"bundles.search": op_bundles}
