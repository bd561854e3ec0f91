"""Roles and teams from the options before a key; a changed technicians file applies without a restart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sessions.errors import ConfigError
from sessions.relay.technicians import TechnicianRegistry
from sessions.team.roles import OptionsError, Role, identity_of, member_from, parse_options, split_line
from tests.team.conftest import PEOPLE, technicians_text
from tests.team.test_server import a_record


def test_options_before_the_key() -> None:
    line = 'role="lead",team="seoul,busan",no-pty ssh-ed25519 AAAAC3Nza Kim Minsu <Kim@Acme.example>'
    options, key, comment = split_line(line) or ("", "", "")
    assert (options, key, comment) == ('role="lead",team="seoul,busan",no-pty', "ssh-ed25519 AAAAC3Nza",
                                       "Kim Minsu <Kim@Acme.example>")  # fmt: skip
    assert parse_options(options) == {"role": "lead", "team": "seoul,busan", "no-pty": ""}
    member = member_from(options, "SHA256:x", comment)
    assert (member.identity, member.role, member.teams) == ("kim@acme.example", Role.LEAD, ("seoul", "busan"))
    assert split_line('from="10.0.0.1, 10.0.0.2" ssh-ed25519 AAAA x') == (
        'from="10.0.0.1, 10.0.0.2"',
        "ssh-ed25519 AAAA",
        "x",
    )
    assert member_from("", "SHA256:x", "").role is Role.TECHNICIAN
    assert identity_of("", "SHA256:abc") == "SHA256:abc"


def test_bad_options_are_named() -> None:
    with pytest.raises(OptionsError, match="is not a role"):
        member_from('role="boss"', "fp", "x")
    with pytest.raises(OptionsError, match="team name"):
        member_from('team="a b"', "fp", "x")


def test_a_bad_line_stops_the_start_but_not_a_running_relay(
    tmp_path: Path, people_keys: dict[str, Path]
) -> None:
    path = tmp_path / "technicians"
    path.write_text(technicians_text(people_keys))
    registry = TechnicianRegistry(path)
    assert {m.role.value for m in registry.members()} == {"technician", "lead", "hq", "admin"}
    broken = technicians_text(people_keys).replace('role="hq"', 'role="chief"')
    path.write_text(broken)
    assert len(registry.members()) == len(PEOPLE)  # the last good list stays
    with pytest.raises(ConfigError, match=r"Line 5 .* bad options: role=\"chief\" is not a role"):
        TechnicianRegistry(path)


async def test_a_new_role_applies_to_the_next_request(
    connect_as, team_technicians: Path, people_keys: dict[str, Path], tmp_path: Path
) -> None:
    kim = await connect_as("kim")
    await kim.put_record(a_record(tmp_path / "archive"))
    lee = await connect_as("lee")
    assert len((await lee.request("sessions"))["rows"]) == 1
    demoted = dict(PEOPLE, lee=('team="seoul"', PEOPLE["lee"][1]))
    team_technicians.write_text(technicians_text(people_keys, demoted))
    os.utime(team_technicians, ns=(1, 1))
    assert (await lee.request("sessions"))["rows"] == []  # same connection, now a technician
    without = {name: value for name, value in PEOPLE.items() if name != "lee"}
    team_technicians.write_text(technicians_text(people_keys, without))
    from sessions.team.protocol import TeamRefusal

    with pytest.raises(TeamRefusal, match="no longer in the relay's technicians file"):
        await lee.request("sessions")
