"""Team database tables both backends share, written once in the SQL both PostgreSQL and SQLite accept.

`{id}` is the auto-increment primary key's type, `{blob}` the binary type, `{real}` a float.
Times are ISO-8601 UTC text (they sort as text); flags are 0/1 integers.
"""

from __future__ import annotations

#: session.json and events.jsonl facts kept per record (the names of sessions.archive.Facts fields).
FACT_COLUMNS = (
    "started", "ended", "duration", "technician", "device_name", "device_host", "via", "title",
    "platform", "outcome", "summary", "score", "solved", "comment", "customer_lang", "escalated",
    "first_response", "resolution", "followup_due", "followup_open", "event_count", "last_hash",
)  # fmt: skip

TABLES_V1 = """
CREATE TABLE records (
    id {id},
    session_id TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL,                  -- identity of the technician who pushed it (from their key)
    owner_name TEXT NOT NULL DEFAULT '',
    teams TEXT NOT NULL DEFAULT '',       -- the owner's teams when first pushed: seoul,busan
    uploaded TEXT NOT NULL,
    updated TEXT NOT NULL,
    started TEXT NOT NULL,
    ended TEXT,
    duration {real},
    technician TEXT NOT NULL DEFAULT '',
    device_name TEXT NOT NULL DEFAULT '',
    device_host TEXT NOT NULL DEFAULT '',
    via TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    platform TEXT NOT NULL DEFAULT '',
    outcome TEXT,
    summary TEXT NOT NULL DEFAULT '',
    score INTEGER,
    solved SMALLINT,
    comment TEXT NOT NULL DEFAULT '',
    customer_lang TEXT NOT NULL DEFAULT '',
    escalated SMALLINT NOT NULL DEFAULT 0,
    first_response {real},
    resolution {real},
    followup_due TEXT,
    followup_open SMALLINT NOT NULL DEFAULT 0,
    event_count INTEGER NOT NULL DEFAULT 0,   -- the server's copy: events and the hash of the last one
    last_hash TEXT NOT NULL DEFAULT '',
    cast_sha256 TEXT NOT NULL DEFAULT '',
    stored_bytes BIGINT NOT NULL DEFAULT 0,
    legal_hold SMALLINT NOT NULL DEFAULT 0,
    hold_reason TEXT NOT NULL DEFAULT '',
    hold_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX records_started ON records(started);
CREATE INDEX records_owner ON records(owner);
CREATE TABLE anchors (                    -- every head a technician pushed: later changes are detectable
    record BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    count INTEGER NOT NULL,
    hash TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (record, count)
);
CREATE TABLE files (                      -- session.json, events.jsonl, terminal.cast: zlib-compressed
    record BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (record, name)
);
CREATE TABLE findings (
    record BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    t {real} NOT NULL,
    check_name TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX findings_record ON findings(record);
CREATE INDEX findings_summary ON findings(summary);
CREATE TABLE tags (
    record BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    t {real} NOT NULL,
    tag TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE INDEX tags_record ON tags(record);
CREATE TABLE team_settings (
    team TEXT PRIMARY KEY,
    retention_days INTEGER,               -- NULL: kept for ever
    updated TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE campaigns (
    id {id},
    label TEXT NOT NULL,                  -- the recurring finding, e.g. "md degraded on DSM 7.2"
    created TEXT NOT NULL,
    created_by TEXT NOT NULL,
    teams TEXT NOT NULL DEFAULT '',       -- the creator's teams: leads of these teams follow it
    due TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE campaign_members (
    campaign BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    record BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    opened TEXT NOT NULL,
    closed TEXT,
    closed_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (campaign, record)
);
CREATE INDEX campaign_members_record ON campaign_members(record);
CREATE TABLE purged (                     -- sessions removed by retention: never taken again
    session_id TEXT PRIMARY KEY,
    at TEXT NOT NULL
);
CREATE TABLE audit (                      -- append-only: who looked at or changed what, and when
    id {id},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    session_id TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit(at);
"""

#: Version 2: the HQ bundle inbox's index (`valuezone hq serve --db`); the bundles stay files.
HQ_V2 = """
CREATE TABLE hq_bundles (
    bundle_id TEXT PRIMARY KEY,
    file TEXT NOT NULL,                   -- <id>.tar.gz in the inbox folder
    ticket TEXT NOT NULL DEFAULT '',
    session_id TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL DEFAULT '',
    technician TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL DEFAULT '',
    received TEXT NOT NULL DEFAULT '',
    sender TEXT NOT NULL DEFAULT '',      -- the token name it was delivered with
    sha256 TEXT NOT NULL DEFAULT '',
    size BIGINT NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT ''      -- summary.md, for the list and for search
);
CREATE INDEX hq_bundles_received ON hq_bundles(received);
"""
