"""Who sees what, with four identities: enforced by the server on both backends, and by PostgreSQL itself
(row-level security) for queries that carry no filter of the server's at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessions.relay.server import Relay
from sessions.team.database import SYSTEM, Actor
from tests.archive.builders import build_record
from tests.archive.conftest import day
from tests.team.test_server import a_record

PEOPLE_ACTORS = {
    "kim": Actor("kim@acme.example", "technician", ("seoul",)),
    "jung": Actor("jung@acme.example", "technician", ("busan",)),
    "lee": Actor("lee@acme.example", "lead", ("seoul",)),
    "park": Actor("park@acme.example", "hq"),
    "choi": Actor("choi@acme.example", "admin"),
}
# kim (seoul) pushes A; jung (busan) pushes B, which was escalated to HQ.
EXPECTED = {"kim": {"A"}, "jung": {"B"}, "lee": {"A"}, "park": {"B"}, "choi": {"A", "B"}}
SEARCHED = "SELECT r.session_id FROM doc_terms m JOIN docs d ON d.id = m.id JOIN records r ON r.id = d.record"
RECORD_TABLES = ("records", "docs", "files", "findings", "anchors", "tags")


async def _two_records(connect_as, tmp_path: Path) -> dict[str, str]:
    a = a_record(tmp_path / "kim")
    b = build_record(
        tmp_path / "jung", day(4), output=[(1.0, "$ zpool status\r\n")],
        events=[(2.0, "escalation.bundled", {"bundle_id": "b1", "ticket": "HQ-77"}),
                (3.0, "tag", {"author": "jung", "tag": "zfs"})],
    )  # fmt: skip
    kim, jung = await connect_as("kim"), await connect_as("jung")
    ids = {"A": (await kim.put_record(a))["session_id"], "B": (await jung.put_record(b))["session_id"]}
    return {session: name for name, session in ids.items()}


async def test_each_identity_sees_its_records_through_the_server(connect_as, tmp_path: Path) -> None:
    names = await _two_records(connect_as, tmp_path)
    for person, expected in EXPECTED.items():
        client = await connect_as(person)
        rows = (await client.request("sessions"))["rows"]
        assert {names[row["session_id"]] for row in rows} == expected, person
        hits = (await client.request("search", query="$"))["hits"]  # no words: nothing, for anyone
        assert hits == []


async def test_postgresql_enforces_it_without_the_servers_filter(
    team_relay: Relay, db_url: str, connect_as, tmp_path: Path
) -> None:
    if not db_url:
        pytest.skip("SQLite has no row-level security: the server's queries are the only guard there")
    names = await _two_records(connect_as, tmp_path)
    assert team_relay.team is not None
    database = team_relay.team.database
    for person, expected in EXPECTED.items():
        with database.tx(PEOPLE_ACTORS[person]) as tx:
            seen = {names[row[0]] for row in tx.rows("SELECT session_id FROM records")}
            assert seen == expected, person
            for table in RECORD_TABLES[1:]:
                records = {row[0] for row in tx.rows(f"SELECT DISTINCT record FROM {table}")}
                assert len(records) <= len(expected), (person, table)
            assert {names[row[0]] for row in tx.rows(
                "SELECT r.session_id FROM docs d JOIN records r ON r.id = d.record"
            )} == expected  # fmt: skip
    for person, expected in EXPECTED.items():  # the search index shows a row only for a query it matches
        with database.tx(PEOPLE_ACTORS[person]) as tx:
            assert tx.rows("SELECT count(*) FROM doc_terms") == [(0,)]  # no query: nothing
            tx.one("SELECT set_config('valuezone.query', 'md0 | zpool', true)")  # A's text, B's text
            found = {names[row[0]] for row in tx.rows(SEARCHED)}
            assert found == expected, person
    with database.tx(Actor("", "")) as tx:  # no identity: nothing at all
        assert tx.rows("SELECT count(*) FROM records") == [(0,)]
        assert tx.rows("SELECT count(*) FROM docs") == [(0,)]

    # Writes the database itself refuses: another's record, deleting, the audit table.
    with database.tx(PEOPLE_ACTORS["kim"], write=True) as tx:
        assert tx.run("UPDATE records SET summary = 'mine now' WHERE teams = 'busan'") == 0
        assert tx.run("DELETE FROM records") == 0
        assert tx.run("DELETE FROM files WHERE name = 'terminal.cast'") == 0  # the sealed cast stays
        assert tx.run("DELETE FROM anchors") == 0 and tx.run("DELETE FROM docs WHERE kind = 'terminal'") == 0
    with database.tx(PEOPLE_ACTORS["choi"], write=True) as tx:
        assert tx.rows("SELECT count(*) FROM records") == [(2,)]
        assert tx.run("DELETE FROM records") == 0  # only the purge job deletes
        assert tx.run("DELETE FROM audit") == 0 and tx.run("UPDATE audit SET actor = 'x'") == 0
    with database.tx(PEOPLE_ACTORS["lee"]) as tx:
        assert tx.rows("SELECT count(*) FROM audit") == [(0,)]  # only admins read the audit table
    with database.tx(SYSTEM) as tx:
        assert tx.rows("SELECT count(*) FROM records") == [(2,)]


async def test_a_leads_views_searches_and_exports_are_audited(
    team_relay: Relay, connect_as, tmp_path: Path
) -> None:
    names = await _two_records(connect_as, tmp_path)
    session_a = next(session for session, name in names.items() if name == "A")
    lee = await connect_as("lee")
    await lee.request("search", query="디스크")
    await lee.get_record(session_a, tmp_path / "copy")
    await lee.request("report")
    kim = await connect_as("kim")
    await kim.request("search", query="디스크")  # a technician's look at their own records
    assert team_relay.team is not None
    with team_relay.team.database.tx(SYSTEM) as tx:
        sql = "SELECT actor, role, action, session_id, detail FROM audit WHERE actor = ? ORDER BY id"
        rows = tx.rows(sql, ("lee@acme.example",))
    reads = [(actor, action, session) for actor, _role, action, session, _detail in rows]
    assert reads == [
        ("lee@acme.example", "search", ""),
        ("lee@acme.example", "record.viewed", session_a),
        ("lee@acme.example", "report.exported", ""),
    ]
    search_detail = json.loads(rows[[r[2] for r in rows].index("search")][4])
    assert search_detail["query"] == "디스크" and search_detail["sessions"] == [session_a]
    with team_relay.team.database.tx(SYSTEM) as tx:
        kim_reads = tx.rows("SELECT action FROM audit WHERE actor = 'kim@acme.example' AND action = 'search'")
    assert kim_reads == []
