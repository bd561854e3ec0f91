"""The cluster's tables in the team database: members, live codes, one audit log (3); closed codes (4).

These tables hold no records a technician may read, so they carry no row-level security policy; only the
relays' own transactions (actor `system`) touch them.
"""

from __future__ import annotations

_TABLES = """
CREATE TABLE relay_members (
    id TEXT PRIMARY KEY,                 -- random per relay process
    peer TEXT NOT NULL,                  -- HOST:PORT other relays reach it on
    fingerprint TEXT NOT NULL,           -- the deployment's host key (one for every relay)
    started {real} NOT NULL,
    lease_until {real} NOT NULL
);
CREATE TABLE relay_deployment (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL            -- the first relay's host key: every other must present it too
);
CREATE TABLE relay_codes (
    code TEXT PRIMARY KEY,               -- unique across every relay of the deployment
    relay TEXT NOT NULL,                 -- the member holding the customer's link
    token_hash TEXT NOT NULL,            -- SHA-256 of the resume token (the token itself never leaves RAM)
    state TEXT NOT NULL,                 -- waiting | active
    technician TEXT NOT NULL,            -- bound technician's key fingerprint ('' before consent)
    technician_name TEXT NOT NULL,
    issued {real} NOT NULL,
    lease_until {real} NOT NULL          -- renewed by the holder; past it (plus grace) the code is free
);
CREATE INDEX relay_codes_relay ON relay_codes(relay);
CREATE TABLE relay_audit (
    id {id},
    ts TEXT NOT NULL,
    relay TEXT NOT NULL,
    event TEXT NOT NULL,
    fields TEXT NOT NULL                 -- the event's other fields as JSON
);
CREATE INDEX relay_audit_ts ON relay_audit(ts);
"""

SQLITE = _TABLES.format(real="REAL", id="INTEGER PRIMARY KEY")
POSTGRESQL = _TABLES.format(real="DOUBLE PRECISION", id="BIGSERIAL PRIMARY KEY")

# Migration 4: the deployment's one history of closed codes. A code closed on any relay is not handed out
# again by any relay while it is among the newest HISTORY closed codes (a single relay's own memory is as
# long), and a late claim on any relay reads why it closed. And one count of claims per technician key, so
# a key's allowance (5 per 10 minutes) is the deployment's, not each relay's.
_HISTORY = """
CREATE TABLE relay_closed_codes (
    code TEXT PRIMARY KEY,
    reason TEXT NOT NULL,                -- the refusal a late claim gets (expired, used, ended)
    closed {real} NOT NULL
);
CREATE INDEX relay_closed_codes_closed ON relay_closed_codes(closed);
CREATE TABLE relay_claims (                -- claims counted per technician key, on every relay at once
    id {id},
    counter TEXT NOT NULL,               -- key:<fingerprint>
    stamp {real} NOT NULL                -- when the claim started (wall clock)
);
CREATE INDEX relay_claims_counter ON relay_claims(counter, stamp);
"""

SQLITE_HISTORY = _HISTORY.format(real="REAL", id="INTEGER PRIMARY KEY")
POSTGRESQL_HISTORY = _HISTORY.format(real="DOUBLE PRECISION", id="BIGSERIAL PRIMARY KEY")
