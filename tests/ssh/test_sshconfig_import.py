"""Importing ~/.ssh/config: a real config (Include, Match, wildcards, tokens) read as OpenSSH reads it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sessions.device_import import Standing, candidates, import_hosts
from sessions.devices import DeviceBook
from sessions.ssh.target import local_user
from sessions.sshconfig import read_ssh_config

CONFIG = """\
# Customers' devices
Include conf.d/*.conf

Host acme-nas acme-nas.lan
    HostName 10.0.0.5
    User admin
    Port 2222
    IdentityFile ~/.ssh/id_acme

Host lab-pi
    HostName %h.lab.example
    IdentityFile %d/.ssh/keys/%n_%r
    User pi

Host behind-bastion
    HostName 10.9.0.7
    ProxyJump jump@bastion.example:2200

Host=eq-style
    Hostname=eq.example
    port = 2022

Host old
    HostName old.example
    Port notaport

Host *.corp !secret.corp
    User corp-admin

Match exec "touch {canary}"
    User from-match
    Include conf.d/*.conf

Host *
    User default-user
    IdentityFile ~/.ssh/missing_key
"""

INCLUDED = """\
Host synology
    HostName 192.168.1.20
    Port 5022
    IdentityFile "~/.ssh/id with space"
"""


def _write(home: Path) -> Path:
    ssh = home / ".ssh"  # the fake HOME of tests/ssh/conftest.py, so `ssh -G` reads the same files
    (ssh / "conf.d").mkdir(parents=True)
    (ssh / "keys").mkdir()
    for name in ("id_acme", "id with space", "keys/lab-pi_pi"):
        (ssh / name).write_text("not really a key\n")
    canary = home / "canary"
    (ssh / "config").write_text(CONFIG.format(canary=canary))
    (ssh / "conf.d" / "nas.conf").write_text(INCLUDED)
    return ssh / "config"


def test_reads_hosts_as_openssh_does_and_never_runs_match_exec(fake_home: Path) -> None:
    home = fake_home
    config = read_ssh_config(_write(home), home=home)
    hosts = {h.alias: h for h in config.hosts}
    assert list(hosts) == ["synology", "acme-nas", "lab-pi", "behind-bastion", "eq-style"]

    acme = hosts["acme-nas"]
    assert (acme.hostname, acme.port, acme.user) == ("10.0.0.5", 2222, "admin")
    assert acme.identity_file == home / ".ssh/id_acme"
    assert acme.also == ("acme-nas.lan",)

    pi = hosts["lab-pi"]  # %h is the alias in HostName; %d, %n and %r in IdentityFile
    assert pi.hostname == "lab-pi.lab.example"
    assert pi.identity_file == home / ".ssh/keys/lab-pi_pi"

    bastion = hosts["behind-bastion"]
    assert bastion.proxy == "ProxyJump jump@bastion.example:2200"
    assert bastion.user == "default-user"  # from Host * at the end: the first value obtained wins
    assert bastion.identity_file is None and "missing_key" in " ".join(bastion.notes)
    assert "Valuezone connects directly" in bastion.device_notes()

    assert (hosts["eq-style"].hostname, hosts["eq-style"].port) == ("eq.example", 2022)
    assert hosts["synology"].identity_file == home / ".ssh/id with space"
    assert hosts["synology"].where.endswith("nas.conf:1")

    notes = "\n".join(config.notes)
    assert "Port 'notaport' is not a port number" in notes
    assert "Match exec" in notes and "skipped" in notes
    assert "*.corp !secret.corp: a pattern, not a host" in notes
    assert not (home / "canary").exists(), "Match exec ran a command"
    assert all(h.user != "from-match" for h in config.hosts)


def test_our_reading_agrees_with_ssh_G(tmp_path: Path) -> None:
    """OpenSSH's own `ssh -G` is the reference for HostName, User and Port (Match exec left out)."""
    home = tmp_path / "home"
    path = _write(home)
    text = path.read_text().replace('Match exec "touch', "Match host never-this-one\n#")
    text = text.replace("Port notaport", "Port 2200")  # ssh refuses the whole file otherwise
    # ssh finds ~ through the password database, not $HOME: the Include is written absolute for it
    path.write_text(text.replace("Include conf.d/", f"Include {home}/.ssh/conf.d/"))
    ours = {h.alias: h for h in read_ssh_config(path, home=home).hosts}
    assert "old" in ours
    for alias, host in ours.items():
        out = subprocess.run(
            ["ssh", "-G", "-F", str(path), alias], capture_output=True, text=True, check=True, cwd=home
        ).stdout
        fields = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
        assert (fields["hostname"], int(fields["port"]), fields["user"]) == (
            host.hostname,
            host.port,
            host.user,
        )


def test_include_loops_missing_files_and_no_config_are_notes_not_errors(fake_home: Path) -> None:
    home = fake_home
    loop = home / ".ssh" / "config"
    loop.write_text("Include config\nInclude nowhere.conf\nHost a\n  HostName a.example\n")
    config = read_ssh_config(loop, home=home)
    assert [h.alias for h in config.hosts] == ["a"]
    notes = "\n".join(config.notes)
    assert "nested more than 16 deep" in notes and "nowhere.conf: no such file" in notes
    missing = read_ssh_config(home / "absent", home=home)
    assert missing.hosts == [] and "not read" in missing.notes[0]


def test_preview_marks_known_and_taken_and_import_goes_on_past_a_bad_one(
    fake_home: Path, vz_home: Path
) -> None:
    home = fake_home
    hosts = read_ssh_config(_write(home), home=home).hosts
    book = DeviceBook()
    book.add("Acme (already)", "10.0.0.5", 2222, "admin")
    book.add("lab-pi", "elsewhere.example")
    preview = {c.host.alias: c for c in candidates(book, hosts)}
    assert preview["acme-nas"].standing is Standing.KNOWN and preview["acme-nas"].existing == "Acme (already)"
    assert preview["lab-pi"].standing is Standing.NAME_TAKEN and not preview["lab-pi"].ticked
    assert preview["synology"].ticked

    result = import_hosts(book, [c.host for c in preview.values()], folder="ssh config")
    assert [d.name for d in result.added] == ["synology", "acme-nas", "behind-bastion", "eq-style"]
    assert [alias for alias, _ in result.failed] == ["lab-pi"]
    synology = book.find("synology")
    assert synology is not None and synology.folder == "ssh config" and synology.port == 5022
    assert synology.target().login == local_user() or synology.user == "default-user"
    assert "Imported from" in synology.notes


def test_an_include_inside_a_host_block_applies_only_to_that_host(fake_home: Path) -> None:
    ssh = fake_home / ".ssh"
    (ssh / "extra.conf").write_text("Port 2299\nHost other\n  HostName other.example\n")
    (ssh / "config").write_text(
        "Host a\n  HostName a.example\n  Include extra.conf\n  User after-include\n"
        "Host b\n  HostName b.example\n"
    )
    config = read_ssh_config(ssh / "config", home=fake_home)
    hosts = {h.alias: h for h in config.hosts}
    assert list(hosts) == ["a", "b"]  # `other` is read only for host a: OpenSSH never uses it
    assert (hosts["a"].port, hosts["a"].user) == (2299, "after-include")  # the block goes on after it
    assert (hosts["b"].port, hosts["b"].user) == (22, "")
    assert any("Host other: skipped" in note for note in config.notes)
