"""The relay's waiting room for connections that have not logged in (sessions/relay/gate.py)."""

from __future__ import annotations

import pytest

from sessions.relay.admission import CustomerAdmission
from sessions.relay.gate import BUSY, Gate, GateLimits, auto_total, source_of


class Conn:
    """A connection as the gate sees it: it can be aborted or told why it is closed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.closed = ""

    def abort(self) -> None:
        self.closed = "aborted"

    def disconnect(self, code: int, reason: str, lang: str = "en-US") -> None:
        self.closed = reason


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _fill(gate: Gate, address: str, count: int, clock: Clock, step: float = 0.0) -> list[Conn]:
    conns = []
    for n in range(count):
        conn = Conn(f"{address}#{n}")
        assert gate.arrived(conn, address)
        conns.append(conn)
        clock.now += step
    return conns


def test_a_full_source_makes_room_by_closing_its_oldest(clock: Clock) -> None:
    gate = Gate(GateLimits(total=100, per_source=3, protected=1.0), clock)
    old = _fill(gate, "198.51.100.7", 3, clock, step=0.5)
    clock.now += 1.0
    newcomer = Conn("real")
    assert gate.arrived(newcomer, "198.51.100.7")
    assert old[0].closed == BUSY and not old[1].closed and not newcomer.closed
    assert gate.waiting_from("198.51.100.7") == 3
    assert gate.report().evicted == 1


def test_young_connections_are_not_displaced(clock: Clock) -> None:
    gate = Gate(GateLimits(total=100, per_source=3, protected=1.0), clock)
    old = _fill(gate, "198.51.100.7", 3, clock)
    clock.now += 0.5
    assert not gate.arrived(Conn("flood"), "198.51.100.7")  # the caller aborts it
    assert not any(conn.closed for conn in old)
    assert gate.report().turned_away == 1


def test_one_source_never_displaces_another(clock: Clock) -> None:
    gate = Gate(GateLimits(total=100, per_source=2, protected=0.0), clock)
    customer = _fill(gate, "203.0.113.5", 1, clock)[0]
    for n in range(500):
        gate.arrived(Conn(f"flood{n}"), "198.51.100.7")
        clock.now += 0.01
    assert not customer.closed and gate.waiting_from("198.51.100.7") == 2 and len(gate) == 3


def test_the_total_cap_closes_the_oldest_of_all(clock: Clock) -> None:
    gate = Gate(GateLimits(total=4, per_source=0, protected=1.0), clock)
    flood = [conn for n in range(4) for conn in _fill(gate, f"198.51.100.{n}", 1, clock, step=1.0)]
    assert gate.arrived(Conn("real"), "203.0.113.5")
    assert [conn.closed for conn in flood] == [BUSY, "", "", ""]
    assert len(gate) == 4


def test_when_all_is_full_the_source_holding_most_gives_way(clock: Clock) -> None:
    gate = Gate(GateLimits(total=6, per_source=4, protected=5.0), clock)
    flood = _fill(gate, "198.51.100.7", 4, clock) + _fill(gate, "198.51.100.8", 2, clock)
    assert gate.arrived(Conn("real"), "203.0.113.5")  # all six are young, yet the newcomer gets in
    assert [conn.closed for conn in flood] == [BUSY, "", "", "", "", ""]
    assert gate.arrived(Conn("real2"), "203.0.113.6")
    assert flood[1].closed == BUSY


def test_evenly_shared_young_slots_turn_newcomers_away(clock: Clock) -> None:
    gate = Gate(GateLimits(total=3, per_source=4, protected=5.0), clock)
    held = [conn for n in range(3) for conn in _fill(gate, f"198.51.100.{n}", 1, clock)]
    assert not gate.arrived(Conn("flood"), "198.51.100.9")
    assert not any(conn.closed for conn in held)


def test_logging_in_connections_count_and_can_be_displaced(clock: Clock) -> None:
    gate = Gate(GateLimits(total=100, per_source=2, protected=1.0), clock)
    first, second = _fill(gate, "198.51.100.7", 2, clock)
    gate.logging_in(first)
    gate.logging_in(second)
    clock.now += 2
    assert gate.arrived(Conn("next"), "198.51.100.7")
    assert first.closed == BUSY


def test_logged_in_and_gone_connections_no_longer_count(clock: Clock) -> None:
    gate = Gate(GateLimits(total=2, per_source=2, protected=10.0), clock)
    first, second = _fill(gate, "198.51.100.7", 2, clock)
    gate.logged_in(first)
    gate.gone(second)
    gate.gone(second)  # closing after logging in, or twice, is harmless
    assert len(gate) == 0
    assert gate.arrived(Conn("next"), "198.51.100.7")


def test_the_handshake_deadline_spares_connections_logging_in(clock: Clock) -> None:
    gate = Gate(GateLimits(total=100, per_source=100, handshake_timeout=10.0), clock)
    silent, asking = _fill(gate, "198.51.100.7", 2, clock)
    gate.logging_in(asking)
    clock.now += 5
    fresh = _fill(gate, "198.51.100.8", 1, clock)[0]
    clock.now += 5.5
    assert gate.expire() == 1
    assert silent.closed == BUSY and not asking.closed and not fresh.closed
    assert gate.report().to_dict() == {
        "turned_away": 0,
        "evicted": 0,
        "timed_out": 1,
        "top_sources": {"198.51.100.7": 1},
    }


def test_a_connection_that_fails_to_close_politely_is_aborted(clock: Clock) -> None:
    class Broken(Conn):
        def disconnect(self, code: int, reason: str, lang: str = "en-US") -> None:
            raise OSError("transport gone")

    gate = Gate(GateLimits(total=100, per_source=100, handshake_timeout=1.0), clock)
    broken = Broken("x")
    gate.arrived(broken, "198.51.100.7")
    clock.now += 2
    assert gate.expire() == 1 and broken.closed == "aborted"


@pytest.mark.parametrize(
    ("address", "source"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("fe80::1%eth0", "fe80::/64"),
        ("?", "?"),
    ],
)
def test_sources_group_an_ipv6_64(address: str, source: str) -> None:
    assert source_of(address) == source


def test_the_default_total_follows_the_open_files_limit() -> None:
    assert auto_total(1024) == 256
    assert auto_total(20000) == 1024
    assert auto_total(40) == 16


def test_customers_from_one_ipv6_64_share_one_allowance() -> None:
    admission = CustomerAdmission(max_links=2, codes_per_minute=0)
    admission.linked("2001:db8:1:2::10")
    admission.linked("2001:db8:1:2:ffff::99")  # another address, the same /64
    refusal = admission.refusal("2001:db8:1:2::abcd")
    assert "Too many customer connections from 2001:db8:1:2::/64 (2 at once)" in refusal
    assert admission.refusal("2001:db8:1:3::1") == ""
    admission.unlinked("2001:db8:1:2::10")
    assert admission.refusal("2001:db8:1:2::abcd") == ""
