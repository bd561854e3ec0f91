"""One host key for every relay of a deployment: OpenSSH trusts one known_hosts line for all."""

from __future__ import annotations

import asyncio
from pathlib import Path


def _config(tmp_path: Path, ports: list[int], tech_key: Path, deployment_key: Path) -> Path:
    known = tmp_path / "known_hosts"
    known.write_text("relays.example " + Path(f"{deployment_key}.pub").read_text())
    hosts = "".join(f"Host relay{i}\n  HostName 127.0.0.1\n  Port {port}\n" for i, port in enumerate(ports))
    path = tmp_path / "ssh_config"
    path.write_text(
        f"""{hosts}Host relay*
  HostKeyAlias relays.example
  UserKnownHostsFile {known}
  StrictHostKeyChecking yes
  User kim
  IdentityFile {tech_key}
Host vz*
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  IdentityFile {tech_key}
Host *
  IdentitiesOnly yes
  BatchMode yes
"""
    )
    return path


async def _ssh_j(openssh: str, config: Path, jump: str, code: str, command: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), "-J", jump, f"anyone@vz{code}", command,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, out.decode(), err.decode()


async def test_openssh_sees_one_server_and_claims_across_relays(
    make_relay, make_agent, sqlite_url, openssh, tmp_path, tech_key, deployment_key
) -> None:
    first = await make_relay(sqlite_url, "a")
    second = await make_relay(sqlite_url, "b")
    config = _config(tmp_path, [first.port, second.port], tech_key, deployment_key)
    on_first = await make_agent(first.port)
    on_second = await make_agent(second.port)
    status, out, err = await _ssh_j(openssh, config, "relay1", on_first.agent.code, "echo via-second")
    assert (status, out) == (0, "via-second\n"), err
    status, out, err = await _ssh_j(openssh, config, "relay0", on_second.agent.code, "echo via-first")
    assert (status, out) == (0, "via-first\n"), err
    assert "Technician ran: echo via-second" in on_first.activity()


async def test_openssh_refuses_a_relay_with_another_key(
    make_relay, make_agent, openssh, tmp_path, tech_key, deployment_key
) -> None:
    from tests.sshd import keygen

    other = await make_relay(f"sqlite:///{tmp_path / 'other.sqlite3'}", "x", key=keygen(tmp_path / "x_key"))
    run = await make_agent(other.port)
    config = _config(tmp_path, [other.port], tech_key, deployment_key)
    status, _out, err = await _ssh_j(openssh, config, "relay0", run.agent.code, "echo no")
    assert status != 0 and "Host key verification failed" in err
