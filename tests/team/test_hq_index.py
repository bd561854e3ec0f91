"""`hq serve --db`: HQ's inbox indexed in the team database; HQ engineers list and search escalations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sessions.escalation import read_manifest
from sessions.escalation.delivery.https import HttpsDeliverer
from sessions.escalation.destinations import parse_destination
from sessions.escalation.manifest import file_sha256
from sessions.relay.server import Relay
from sessions.team.hq_index import index_bundle, sync_inbox
from sessions.team.protocol import TeamRefusal
from tests.escalation.conftest import TOKEN, Tls, start_hq, tls  # noqa: F401  (tls is a fixture)


def a_bundle(folder: Path, ticket: str, summary: str) -> Path:
    from sessions.escalation import BundleRequest, build_bundle
    from sessions.escalation.consent import Consent

    request = BundleRequest(record=None, ticket=ticket, technician="kim", summary=summary)
    return build_bundle(
        request, folder / f"{request.bundle_id}.tar.gz", Consent(True, "customer", "t", "hq", ())
    ).path


async def test_bundles_indexed_on_arrival_and_searched_by_hq(
    team_relay: Relay,
    connect_as,
    tmp_path: Path,
    tls: Tls,  # noqa: F811
) -> None:
    assert team_relay.team is not None
    database = team_relay.team.database
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    earlier = a_bundle(tmp_path, "T-7", "디스크 교체 요청 (disk replacement)")
    bundle_id = read_manifest(earlier).bundle_id
    shutil.copy(earlier, inbox / earlier.name)  # a bundle stored before the index existed
    (inbox / f"{bundle_id}.json").write_text(
        f'{{"id": "{bundle_id}", "sha256": "{file_sha256(earlier)}", "received": "2025-03-01T00:00:00Z",'
        ' "from": "vendor", "ticket": "T-7", "size": 1}'
    )
    assert sync_inbox(database, inbox) == (1, [])
    assert sync_inbox(database, inbox) == (0, [])

    hq = start_hq(inbox, tls)
    hq.server.on_stored = lambda stored_id: index_bundle(database, inbox, stored_id)
    try:
        later = a_bundle(tmp_path, "T-8", "btrfs csum errors on volume1")
        deliverer = HttpsDeliverer(parse_destination(hq.url), ca_file=tls.cert, token=TOKEN)
        await deliverer.deliver(
            later, read_manifest(later).bundle_id, file_sha256(later), later.stat().st_size
        )
    finally:
        hq.stop()

    park = await connect_as("park")
    listed = (await park.request("bundles.search"))["bundles"]
    assert [b["ticket"] for b in listed] == ["T-8", "T-7"] and listed[0]["sender"] == "vendor"
    found = (await park.request("bundles.search", query="디스크"))["bundles"]
    assert [b["ticket"] for b in found] == ["T-7"] and found[0]["file"] == earlier.name
    assert [b["ticket"] for b in (await park.request("bundles.search", query="csum"))["bundles"]] == ["T-8"]
    kim = await connect_as("kim")
    with pytest.raises(TeamRefusal, match="Only hq or admin may list escalation bundles"):
        await kim.request("bundles.search")


async def test_hq_serve_with_a_database_and_hq_bundles(
    team_relay: Relay,
    people_keys: dict[str, Path],
    tmp_path: Path,
    tls: Tls,  # noqa: F811
) -> None:
    import asyncio
    import signal
    import sys

    from tests.relay.processes import line_matching
    from tests.sshd import free_port
    from tests.team.test_cli import _run

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bundle = a_bundle(tmp_path, "T-9", "fan failure")
    bundle_id = read_manifest(bundle).bundle_id
    shutil.copy(bundle, inbox / bundle.name)
    (inbox / f"{bundle_id}.json").write_text(
        f'{{"id": "{bundle_id}", "sha256": "{file_sha256(bundle)}", "received": "2025-03-02T00:00:00Z"}}'
    )
    tokens = tmp_path / "tokens"
    tokens.write_text(f"vendor {TOKEN}\n")
    assert team_relay.team is not None
    database = team_relay.team.database
    url = database.target if database.kind == "postgresql" else f"sqlite:{database.target}"
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "hq", "serve", "--listen", f"127.0.0.1:{free_port()}",
        "--inbox", str(inbox), "--tokens", str(tokens), "--tls-cert", str(tls.cert),
        "--tls-key", str(tls.key), "--db", url,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    seen: list[str] = []
    try:
        await line_matching(server.stderr, r"^inbox index: ", seen)
    finally:
        server.send_signal(signal.SIGINT)
        await asyncio.wait_for(server.wait(), 20)
    assert seen[-1].startswith(f"inbox index: {database.kind} ") and "(1 bundles added)" in seen[-1]
    server_args = ["--server", f"127.0.0.1:{team_relay.port}", "-i", str(people_keys["park"]), "--accept-new"]
    code, out, err = await _run("hq", "bundles", "fan", *server_args)
    assert code == 0 and "T-9" in out and bundle.name in out, err
