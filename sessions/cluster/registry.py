"""The cluster's state in the shared database: who is a member, which relay holds which code.

Every call blocks on the database (run it in a worker thread). Leases are wall-clock seconds; a relay
renews its own member row and every code it holds in one transaction per heartbeat.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sessions.errors import SupportError
from sessions.relay.protocol import Reason
from sessions.team.database import SYSTEM, Database

HISTORY = 10_000  # closed codes the deployment remembers (as a single relay's PairingBook does)


class ClusterError(SupportError):
    """This relay cannot act as one with the others sharing its database."""

    default_code = "cluster.error"


@dataclass(frozen=True, slots=True)
class CodeHolder:
    """Where a live code is: the member holding its customer's link, and its bound technician."""

    code: str
    relay: str
    peer: str  # "" when the holder's member lease ran out (it died)
    state: str
    technician: str
    technician_name: str
    issued: float
    member_lease: float = 0.0  # when the holder's member lease runs out unless it renews it


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Registry:
    """Membership and code leases for one relay (`member`) in *database*."""

    def __init__(
        self, database: Database, member: str, *, lease: float, grace: float, history: int = HISTORY
    ) -> None:
        self.database = database
        self.member = member
        self.lease = lease
        self.grace = grace
        self.history = history
        self.transactions = 0  # counted for the benchmark

    def _tx(self, *, write: bool = True) -> Any:
        self.transactions += 1
        return self.database.tx(SYSTEM, write=write)

    # --- membership -------------------------------------------------------------------------------
    def join(self, peer: str, fingerprint: str) -> None:
        """Register this relay; refuses when the deployment's first relay presented another host key."""
        now = time.time()
        with self._tx() as tx:
            row = tx.one("SELECT fingerprint FROM relay_deployment WHERE id = 1")
            if row is None:
                tx.run("INSERT INTO relay_deployment(id, fingerprint) VALUES (1, ?)", (fingerprint,))
            elif row[0] != fingerprint:
                raise ClusterError(
                    f"This relay's host key ({fingerprint}) is not the deployment's ({row[0]}): relays "
                    "sharing one database must present one host key.",
                    "Start every relay with the same --host-key FILE (see docs/relay-cluster.md).",
                    code="cluster.foreign_host_key",
                    params={"fingerprint": fingerprint, "deployment": row[0]},
                )
            tx.run(
                "INSERT INTO relay_members(id, peer, fingerprint, started, lease_until) "
                "VALUES (?, ?, ?, ?, ?)",
                (self.member, peer, fingerprint, now, now + self.lease),
            )

    def leave(self, *, hand_over: bool = False) -> None:
        """A clean stop: the member row goes at once, and the codes it held too, or, with *hand_over*,
        they stay for their agents to take to another relay (released after the grace if none does)."""
        with self._tx() as tx:
            if hand_over:
                tx.run("UPDATE relay_codes SET lease_until = ? WHERE relay = ?", (time.time(), self.member))
            else:
                tx.run("DELETE FROM relay_codes WHERE relay = ?", (self.member,))
            tx.run("DELETE FROM relay_members WHERE id = ?", (self.member,))

    def heartbeat(self) -> None:
        """Renew this member's lease and its codes'; release what dead members held past the grace (into
        the history, as a single relay closes a code whose agent did not come back); trim the history."""
        now = time.time()
        with self._tx() as tx:
            tx.run("UPDATE relay_members SET lease_until = ? WHERE id = ?", (now + self.lease, self.member))
            tx.run("UPDATE relay_codes SET lease_until = ? WHERE relay = ?", (now + self.lease, self.member))
            tx.run(
                "INSERT INTO relay_closed_codes(code, reason, closed) SELECT code, CASE state WHEN 'active' "
                "THEN ? ELSE ? END, ? FROM relay_codes WHERE lease_until < ? ON CONFLICT(code) DO NOTHING",
                (Reason.USED, Reason.EXPIRED, now, now - self.grace),
            )
            tx.run("DELETE FROM relay_codes WHERE lease_until < ?", (now - self.grace,))
            tx.run("DELETE FROM relay_members WHERE lease_until < ?", (now - self.grace,))
            tx.run(
                "DELETE FROM relay_closed_codes WHERE closed < (SELECT closed FROM relay_closed_codes "
                "ORDER BY closed DESC LIMIT 1 OFFSET ?)",
                (self.history - 1,),
            )

    # --- codes ------------------------------------------------------------------------------------
    def take_code(self, code: str, token: str, issued: float) -> bool:
        """Hold *code* for this relay; False when any relay holds it, or it is in the deployment's history
        of closed codes (never handed out again while it is among the newest `history`)."""
        now = time.time()
        with self._tx() as tx:
            if tx.one("SELECT 1 FROM relay_codes WHERE code = ?", (code,)) is not None:
                return False
            if tx.one("SELECT 1 FROM relay_closed_codes WHERE code = ?", (code,)) is not None:
                return False
            tx.run(
                "INSERT INTO relay_codes(code, relay, token_hash, state, technician, technician_name, "
                "issued, lease_until) VALUES (?, ?, ?, 'waiting', '', '', ?, ?)",
                (code, self.member, token_hash(token), issued, now + self.lease),
            )
        return True

    def adopt(self, code: str, token: str, holder: str) -> CodeHolder | None:
        """Move *code* from *holder* to this relay when *token* is its resume token (its agent came back
        here); None when the token is wrong or another relay moved it first."""
        with self._tx() as tx:
            moved = tx.run(
                "UPDATE relay_codes SET relay = ?, lease_until = ? WHERE code = ? AND token_hash = ? "
                "AND relay = ?",
                (self.member, time.time() + self.lease, code, token_hash(token), holder),
            )
            if not moved:
                return None
            row = tx.one(
                "SELECT state, technician, technician_name, issued FROM relay_codes WHERE code = ?", (code,)
            )
        assert row is not None
        return CodeHolder(code, self.member, "", str(row[0]), str(row[1]), str(row[2]), float(row[3]))

    def bind(self, code: str, technician: str, name: str) -> None:
        """The customer consented: the code is active for *technician* wherever its agent goes next."""
        with self._tx() as tx:
            tx.run(
                "UPDATE relay_codes SET state = 'active', technician = ?, technician_name = ? "
                "WHERE code = ? AND relay = ?",
                (technician, name, code, self.member),
            )

    def release(self, code: str, reason: str) -> None:
        """*code* closed here for *reason*: no longer held, and in the deployment's history."""
        with self._tx() as tx:
            if tx.run("DELETE FROM relay_codes WHERE code = ? AND relay = ?", (code, self.member)):
                tx.run(
                    "INSERT INTO relay_closed_codes(code, reason, closed) VALUES (?, ?, ?) "
                    "ON CONFLICT(code) DO UPDATE SET reason = excluded.reason, closed = excluded.closed",
                    (code, reason, time.time()),
                )

    def closed_reason(self, code: str) -> str | None:
        """Why *code* closed, when it is in the deployment's history (a late claim's refusal)."""
        with self._tx(write=False) as tx:
            row = tx.one("SELECT reason FROM relay_closed_codes WHERE code = ?", (code,))
        return str(row[0]) if row is not None else None

    def holder(self, code: str) -> CodeHolder | None:
        """Who holds *code* (its peer address only while that member's lease is live)."""
        with self._tx(write=False) as tx:
            row = tx.one(
                "SELECT c.relay, m.peer, m.lease_until, c.state, c.technician, c.technician_name, c.issued "
                "FROM relay_codes c LEFT JOIN relay_members m ON m.id = c.relay WHERE c.code = ?",
                (code,),
            )
        if row is None:
            return None
        lease = float(row[2]) if row[2] is not None else 0.0
        peer = str(row[1]) if lease >= time.time() else ""
        return CodeHolder(
            code, str(row[0]), peer, str(row[3]), str(row[4]), str(row[5]), float(row[6]), lease
        )

    def members(self) -> list[tuple[str, str, float]]:
        """(id, peer, lease_until) of every member row."""
        with self._tx(write=False) as tx:
            rows = tx.rows("SELECT id, peer, lease_until FROM relay_members ORDER BY started")
        return [(str(r[0]), str(r[1]), float(r[2])) for r in rows]

    # --- claims counted per technician key, deployment-wide (sessions/cluster/claims.py) -----------
    def take_claim(self, counter: str, limit: int, window: float) -> int | None:
        """Check and count one claim against *counter* in one transaction: its row id, or None when
        *counter* already has *limit* claims inside *window* seconds (on any relay)."""
        now = time.time()
        with self._tx() as tx:
            if tx.kind == "postgresql":  # SQLite's write transactions are serialized already
                tx.run("SELECT pg_advisory_xact_lock(hashtext(?))", (counter,))
            tx.run("DELETE FROM relay_claims WHERE counter = ? AND stamp <= ?", (counter, now - window))
            row = tx.one("SELECT count(*) FROM relay_claims WHERE counter = ?", (counter,))
            if row is not None and int(row[0]) >= limit:
                return None
            made = tx.one(
                "INSERT INTO relay_claims(counter, stamp) VALUES (?, ?) RETURNING id", (counter, now)
            )
        assert made is not None
        return int(made[0])

    def refund_claim(self, row: int) -> None:
        """Hand back the claim counted as *row* (the customer said yes, or it was not the claimant's
        fault)."""
        with self._tx() as tx:
            tx.run("DELETE FROM relay_claims WHERE id = ?", (row,))

    # --- audit ------------------------------------------------------------------------------------
    def write_audit(self, events: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Append (ts, event, fields) rows to the deployment's one audit table."""
        with self._tx() as tx:
            tx.many(
                "INSERT INTO relay_audit(ts, relay, event, fields) VALUES (?, ?, ?, ?)",
                [
                    (ts, self.member, event, json.dumps(fields, ensure_ascii=False))
                    for ts, event, fields in events
                ],
            )

    def read_audit(self) -> list[dict[str, Any]]:
        """Every audit event of the deployment, oldest first (tests, the admin's tools)."""
        with self._tx(write=False) as tx:
            rows = tx.rows("SELECT ts, relay, event, fields FROM relay_audit ORDER BY id")
        return [{"ts": r[0], "relay": r[1], "event": r[2], **json.loads(r[3])} for r in rows]
