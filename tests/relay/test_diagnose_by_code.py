"""Diagnostics through the relay with the agent's `diagnostics` scope: the real profiles' commands pass,
and plain files come over the agent's read-only SFTP."""

from __future__ import annotations

from sessions.diagnostics import Status, diagnose, is_allowed
from sessions.relay.client import JoinOptions, connect_by_code


async def test_full_linux_profile_runs_in_diagnostics_scope(
    make_agent, relay_target, tech_key, trust
) -> None:  # type: ignore[no-untyped-def]
    run = await make_agent(scope="diagnostics", allow=is_allowed)  # the allow-list the CLI agent uses
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    try:
        results = await diagnose(conn, "linux")
    finally:
        conn.close()
    findings = [f for result in results for f in result.findings]
    ran = {r.command: r for result in results for r in result.results}
    assert len(results) >= 10
    refused = [f for f in findings if "not a diagnostics command" in " ".join(f.evidence) + f.summary]
    assert not refused, refused  # every command a profile names is on the allow-list
    assert {f.check for f in findings if f.status is not Status.ERROR} >= {"os", "space", "memory", "load"}
    files = {c for c, r in ran.items() if r.via == "sftp"}
    assert files >= {"cat /etc/os-release", "cat /proc/meminfo", "cat /proc/loadavg", "cat /proc/cpuinfo"}
    assert ran["cat /proc/meminfo"].exit_status == 0 and "MemTotal:" in ran["cat /proc/meminfo"].stdout
    assert ran["df -Pk"].via == "exec" and ran["df -Pk"].exit_status == 0
    feed = run.activity()
    assert "Technician is reading /proc/mdstat (SFTP)" in feed
    assert "Technician is reading /proc/meminfo (SFTP)" in feed
    assert not any(line.startswith("Technician ran: cat ") for line in feed), feed  # no shell for a file
    assert "Technician ran: df -Pk" in feed
    assert not any("refused" in line for line in feed), feed
