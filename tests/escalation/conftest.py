"""Escalation fixtures: records, a consent, a self-signed HQ over HTTPS on 127.0.0.1:0, SFTP trust."""

from __future__ import annotations

import datetime
import ipaddress
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sessions.escalation import BundleRequest, Consent, StagedBundle
from sessions.escalation.hq import HqHandler, HqHttpServer, tls_context
from sessions.recording import DeviceInfo, Recorder
from sessions.ssh import HostKeyTrust

TOKEN = "vendor-token-0123456789abcdef"


@pytest.fixture(autouse=True)
def fake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME: the developer's ~/.ssh never takes part."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home


def make_record(archive: Path, *, secret: str = "") -> Path:
    rec = Recorder.create(
        archive, technician="kim", device=DeviceInfo("NAS 2층", "192.0.2.7", 22, "admin"), title="nas"
    )
    rec.output(b"\x1b[1;32m$\x1b[0m cat /proc/mdstat\r\nmd0 : active raid1 sda1[0]\r\n")
    if secret:
        rec.output(f"mysql --password={secret}\r\n".encode())
    rec.event(
        "chat.message",
        {
            "from": "customer",
            "lang": "ko",
            "text": "디스크가 이상해요",
            "translation": {"lang": "en", "text": "The disk is strange", "provider": "google"},
        },
    )
    rec.event(
        "diagnostics.finding",
        {"check": "md-raid", "target": "md0", "status": "fail", "summary": "md0 degraded"},
    )
    rec.event("outcome", {"outcome": "escalated", "summary": "md0 degraded after a power cut; sdb dropped"})
    rec.close()
    return rec.folder


@pytest.fixture
def record(tmp_path: Path) -> Path:
    return make_record(tmp_path / "archive")


@pytest.fixture
def agreed() -> Callable[[StagedBundle], Consent]:
    def consent(staged: StagedBundle) -> Consent:
        preview = staged.preview()
        return Consent(True, "customer Lee", "agent chat", "https://hq", tuple(f.path for f in preview.files))

    return consent


def small_bundle(folder: Path, record: Path | None = None, **fields: object) -> Path:
    """A finished bundle file in *folder* (tiny, fast)."""
    from sessions.escalation import build_bundle

    request = BundleRequest(record=record, ticket="T-1", technician="kim", summary="degraded", **fields)  # type: ignore[arg-type]
    consent = Consent(True, "customer", "test", "hq", ())
    out = folder / f"{request.bundle_id}.tar.gz"
    return build_bundle(request, out, consent).path


@dataclass
class Tls:
    cert: Path
    key: Path


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    """A self-signed certificate for 127.0.0.1 (its own CA), made with `cryptography`."""
    return make_tls(tmp_path_factory.mktemp("tls"))


def make_tls(folder: Path) -> Tls:
    """cert.pem and key.pem in *folder*: a self-signed certificate for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "valuezone test HQ")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return Tls(folder / "cert.pem", folder / "key.pem")


@dataclass
class Hq:
    server: HqHttpServer
    inbox: Path
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server.port}/bundles"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


class _ReturningHq(HqHttpServer):
    """The receiver, able to listen on a port tests.ports.held_port holds (HQ back at its address)."""

    allow_reuse_port = True


def start_hq(
    inbox: Path, tls: Tls, *, port: int = 0, handler: type[HqHandler] = HqHandler, **kw: object
) -> Hq:
    """HQ's receiver on 127.0.0.1:*port* (0: a port the system picks), in a thread."""
    server = _ReturningHq(
        ("127.0.0.1", port),
        inbox,
        {TOKEN: "vendor"},
        tls=tls_context(tls.cert, tls.key),
        handler=handler,
        **kw,  # type: ignore[arg-type]
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return Hq(server, inbox, thread)


@pytest.fixture
def hq(tmp_path: Path, tls: Tls) -> Iterator[Hq]:
    server = start_hq(tmp_path / "inbox", tls)
    yield server
    server.stop()


@pytest.fixture
def trust_sshd(tmp_path: Path, sshd) -> HostKeyTrust:  # type: ignore[no-untyped-def]
    known = tmp_path / "known_hosts"
    known.write_text(sshd.known_hosts_line())
    return HostKeyTrust(known_hosts=known, read_user_known_hosts=False)
