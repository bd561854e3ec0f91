"""After the customer's yes: everything else an SSH client can ask for on the same connection.

OpenSSH's own `ssh` and `scp` (both the SFTP and the legacy exec protocol) and asyncssh, through a real
relay to a real agent: environment variables that make a shell run code (BASH_ENV, LD_PRELOAD,
SHELLOPTS/PS4), agent and X11 forwarding, remote forwards, forwards to other hosts, and scp in a
diagnostics session. None gets more than the scope the customer chose.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncssh
import pytest

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay
from tests.relay.test_attacks_scope import Device


def _ssh_config(tmp_path: Path, relay: Relay, tech_key: Path) -> Path:
    config = tmp_path / "ssh_config"
    config.write_text(
        f"Host relay\n  HostName 127.0.0.1\n  Port {relay.port}\n  User kim\n  IdentityFile {tech_key}\n"
        f"Host vz*\n  IdentityFile {tech_key}\n"
        "Host *\n  IdentitiesOnly yes\n  BatchMode yes\n  StrictHostKeyChecking no\n"
        "  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n"
    )
    return config


async def _run(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *argv, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT, env=env,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(errors="replace")


async def test_environment_that_would_run_code_never_reaches_a_listed_check(
    make_agent, relay_target, tech_key, trust, tmp_path: Path
) -> None:
    run = await make_agent(scope="diagnostics")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    marker = tmp_path / "ran-from-env"
    env = {
        "BASH_ENV": f"$(touch {marker})",
        "ENV": f"$(touch {marker})",
        "SHELLOPTS": "xtrace",
        "PS4": f"$(touch {marker})",
        "LD_PRELOAD": str(tmp_path / "nothing.so"),
        "PATH": str(tmp_path),
    }
    result = await conn.run("echo diag-ok", env=env)
    assert (result.exit_status, result.stdout) == (0, "diag-ok\n")
    assert not marker.exists()
    conn.close()


async def test_scp_in_a_diagnostics_session_reads_and_writes_nothing(
    make_agent, relay: Relay, openssh: str, tech_key: Path, tmp_path: Path
) -> None:
    """Each copy is a session of its own (closing `ssh -J` may end the session, as the technician left)."""
    device = Device(tmp_path / "device")
    config = _ssh_config(tmp_path, relay, tech_key)
    scp = str(Path(openssh).with_name("scp"))
    local = tmp_path / "upload"
    local.write_text("from the technician\n")
    up = f"{device.log.parent}/up"
    feeds = []

    async def copy(*args: str) -> tuple[int, str]:
        run = await make_agent(scope="diagnostics")
        feeds.append(run)
        named = [arg.replace("DEVICE:", f"anyone@vz{run.agent.code}:") for arg in args]
        return await _run(scp, "-F", str(config), "-J", "relay", *named)

    # The legacy protocol is a command (`scp -f …`, `scp -t …`): not one of the listed checks.
    status, text = await copy("-O", f"DEVICE:{device.log}", str(tmp_path / "legacy"))
    assert status != 0 and not (tmp_path / "legacy").exists(), text
    assert any("scp -f" in line and "refused" in line for line in feeds[-1].activity()), feeds[-1].activity()
    status, text = await copy("-O", str(local), f"DEVICE:{up}")
    assert status != 0, text
    assert any("scp -t" in line and "refused" in line for line in feeds[-1].activity()), feeds[-1].activity()
    # Over SFTP: a read works (a diagnostics session may read logs), a write is refused.
    status, text = await copy(f"DEVICE:{device.log}", str(tmp_path / "got"))
    assert status == 0 and (tmp_path / "got").read_bytes() == device.log.read_bytes(), text
    status, text = await copy(str(local), f"DEVICE:{up}")
    assert status != 0 and "ermission denied" in text, text
    assert device.unchanged()


async def test_agent_x11_and_remote_forwarding_are_refused_in_a_full_session(
    make_agent, relay: Relay, openssh: str, tech_key: Path, tmp_path: Path
) -> None:
    """Each `ssh` is a session of its own (closing `ssh -J` may end the session, as the technician left)."""
    config = _ssh_config(tmp_path, relay, tech_key)
    agent_sock = tmp_path / "agent.sock"  # an ssh-agent of the technician's: never reachable on the device
    agent = await asyncio.create_subprocess_exec(
        "ssh-agent", "-D", "-a", str(agent_sock), stdout=asyncio.subprocess.DEVNULL
    )
    try:
        for _ in range(100):
            if agent_sock.exists():
                break
            await asyncio.sleep(0.05)
        env = {
            "PATH": "/usr/bin:/bin",
            "SSH_AUTH_SOCK": str(agent_sock),
            "DISPLAY": ":0",
            "HOME": str(tmp_path),
        }
        run = await make_agent(scope="full")
        status, text = await _run(
            openssh, "-F", str(config), "-J", "relay", "-A", "-X", "-o", "ForwardX11Trusted=yes",
            f"anyone@vz{run.agent.code}", "echo agent=${SSH_AUTH_SOCK:-none} display=${DISPLAY:-none}",
            env=env,
        )  # fmt: skip
        assert status == 0 and "agent=none display=none" in text, text
        run = await make_agent(scope="full")
        status, text = await _run(
            openssh, "-F", str(config), "-J", "relay", "-o", "ExitOnForwardFailure=yes",
            "-R", "127.0.0.1:0:127.0.0.1:22", f"anyone@vz{run.agent.code}", "echo forwarded", env=env,
        )  # fmt: skip
        assert status == 255 and "forwarded" not in text and "remote port forwarding failed" in text, text
        assert any("connected" in line for line in run.activity())  # it got in: only the forward was refused
    finally:
        agent.terminate()
        await agent.wait()


@pytest.mark.parametrize(
    "host", ["127.0.0.2", "0.0.0.0", "127.1", "::ffff:127.0.0.1", "LOCALHOST.", "192.0.2.7"]
)
async def test_a_forward_names_only_this_device(make_agent, relay_target, tech_key, trust, host: str) -> None:
    run = await make_agent(scope="full")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    with pytest.raises(asyncssh.ChannelOpenError, match="Only this device's own web pages"):
        await conn.open_connection(host, 80)
    assert not [event for event in run.events if type(event).__name__ == "QuestionAsked"]
    conn.close()
