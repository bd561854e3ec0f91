"""Team server bench (loopback, bounded): pushes killed -9 mid-upload, then search over 100,000 sessions.

    nice -n -15 python -m bench.team                       # PostgreSQL (a throwaway cluster), full size
    python -m bench.team --quick                            # 2 consoles x 50 records, 2,000 sessions
    python -m bench.team --db sqlite --sessions 20000       # the SQLite backend
    python -m bench.team --db postgresql://u@host/db        # an existing (empty) database

Part 1, push: a relay process with the team server, 20 `valuezone archive push` processes (each its own
console: own technician key, own outbox, own archive of 250 records). While they push, pushers are killed
with SIGKILL at random moments and started again until every one exits 0. Then every record must be on
the server exactly once (each session id once, one `record.stored` audit line each) and none lost.

Part 2, search: N generated sessions (like bench.review's, small, in four languages) indexed by the embedded
archive index and loaded into the team database (the same extraction and tokenizer, without the
per-record verification the push path does); bench.review's 26 queries timed on both, p50/p95, the
server's measured in the database (as an admin: every session) and end to end through the relay
(as a lead: the team's share). Storage per session is printed for both.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.review import COMMANDS, KOREAN, PLATFORMS, TECHS, line_pool, queries
from console.commands.argtypes import count
from sessions.archive import ArchiveIndex
from sessions.archive import search as embedded_search
from sessions.recording import DeviceInfo, canonical, genesis, iter_records, line_hash, record_folder
from sessions.recording.chain import event_line, ts_at
from sessions.recording.meta import new_meta, write_meta
from sessions.team.database import SYSTEM, Actor, Database
from sessions.team.indexing import extract, insert_record, replace_documents, store_files
from sessions.team.ingest import event_hashes
from sessions.team.migrations import open_database
from sessions.team.queries import search as server_search

TEAMS = ("seoul", "busan", "daegu", "incheon")
CHATS = (
    ("ko", "디스크에서 이상한 소리가 나요", "The disk makes a strange noise"),
    ("zh-CN", "硬盘坏了吗？磁盘错误一直出现", "Is the hard disk broken? Disk errors keep appearing"),
    ("ja", "ディスクの交換は必要ですか", "Do I need to replace the disk?"),
    ("en", "The volume is read-only since Monday", ""),
)


def write_session(archive: Path, rng: random.Random, pool: list[str], number: int, chars: int) -> Path:
    """One finished, sealed record (bench.review's kind of session, times in order, more languages)."""
    started = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * number)
    device = DeviceInfo(
        name=f"nas-{number % 700}", host=f"10.0.{number % 250}.{number % 200 + 1}", user="admin"
    )
    session_id = hashlib.sha256(f"team-bench-{number}".encode()).hexdigest()[:32]
    folder = record_folder(archive, started, device, session_id)
    folder.mkdir(parents=True)
    serial = f"SN{number:06d}X"
    header = {"version": 2, "width": 120, "height": 40, "timestamp": int(started.timestamp()),
              "env": {"TERM": "xterm-256color"}, "title": device.name}  # fmt: skip
    parts, t, size = [canonical(header) + b"\n"], 10.0, 0
    while size < chars:
        chunk = "".join(rng.choices(pool, k=rng.randint(5, 30)))
        if rng.random() < 0.3:
            chunk = f"admin@{device.name}:~$ {rng.choice(COMMANDS)} # disk {serial}\r\n" + chunk
        t += rng.random() * 3
        parts.append(canonical([round(t, 6), "o", chunk]) + b"\n")
        size += len(chunk)
    cast = b"".join(parts)
    (folder / "terminal.cast").write_bytes(cast)
    lang, text, english = rng.choice(CHATS)
    korean = " ".join(rng.choices(KOREAN, k=4))
    technician = TECHS[number % len(TECHS)]
    events: list[tuple[float, str, dict[str, Any]]] = [
        (0.0, "session.started", {"session_id": session_id, "technician": technician}),
        (2.0, "chat.message", {"id": "1", "from": "customer", "lang": lang, "text": f"{text} {korean}",
                               "translation": {"lang": "en", "text": english, "provider": "b"}}),
        (9.0, "chat.message", {"id": "2", "from": "technician", "lang": "en", "text": f"checking {serial}"}),
        (t, "diagnostics.finding", {"check": "md", "target": "md0", "status": rng.choice(("ok", "warn")),
                                    "summary": "md degraded", "evidence": []}),
        (t, "outcome", {"outcome": rng.choice(("resolved", "not_resolved")), "summary": serial}),
        (t, "survey", {"solved": True, "score": rng.randint(0, 10), "comment": ""}),
        (t, "session.ended", {"outcome": None, "duration": t,
                              "cast": {"bytes": len(cast), "sha256": hashlib.sha256(cast).hexdigest()}}),
    ]  # fmt: skip
    lines, prev = [], genesis(session_id)
    for seq, (at, kind, data) in enumerate(events, 1):
        line = event_line(seq, ts_at(started, at), at, kind, data, prev)
        lines.append(line)
        prev = line_hash(line)
    (folder / "events.jsonl").write_bytes(b"".join(lines))
    meta = new_meta(session_id=session_id, technician=technician, device=device, via="direct",
                    started=ts_at(started, 0), title=device.name, cols=120, rows=40,
                    genesis_hash=genesis(session_id))  # fmt: skip
    meta.update(ended=ts_at(started, t), duration=t, platform=rng.choice(PLATFORMS),
                events={"count": len(lines), "last_hash": prev})  # fmt: skip
    write_meta(folder, meta)
    return folder


def keygen(path: Path) -> Path:
    if path.exists():
        return path
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)], check=True
    )
    return path


def technicians(folder: Path, count: int) -> tuple[Path, list[Path]]:
    keys = [keygen(folder / f"tech{n}_ed25519") for n in range(count)]
    lines = []
    for n, key in enumerate(keys):
        kind, blob = Path(f"{key}.pub").read_text().split()[:2]
        lines.append(f'team="{TEAMS[n % len(TEAMS)]}" {kind} {blob} Tech {n} <tech{n}@acme.example>')
    lead = keygen(folder / "lead_ed25519")
    kind, blob = Path(f"{lead}.pub").read_text().split()[:2]
    lines.append(f'role="lead",team="seoul" {kind} {blob} Lead <lead@acme.example>')
    path = folder / "technicians"
    path.write_text("\n".join(lines) + "\n")
    return path, [*keys, lead]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(*args: str, env: dict[str, str] | None = None, **kw: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "console.cli", *args], env=env, **kw)


# --- part 1: pushes killed mid-upload ---------------------------------------------------------------------
def push_part(base: Path, url: str, consoles: int, per_console: int, kills: int) -> Database:
    rng = random.Random(5)
    pool = line_pool(rng, 500)
    archives = []
    for c in range(consoles):
        archive = base / f"console{c}" / "archive"
        for n in range(per_console):
            write_session(archive, rng, pool, c * per_console + n, 3000)
        archives.append(archive)
    total = consoles * per_console
    file, keys = technicians(base, consoles)
    port = free_port()
    state = base / "relay"
    relay = cli(
        "relay",
        "--listen",
        f"127.0.0.1:{port}",
        "--technicians",
        str(file),
        "--state-dir",
        str(state),
        "--db",
        url,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert relay.stdout is not None
    while b"Team server:" not in relay.stdout.readline():
        if relay.poll() is not None:
            raise SystemExit("the relay did not start")
    database = open_database(url, state)

    def stored() -> int:
        with database.tx(SYSTEM) as tx:
            return int(tx.rows("SELECT count(*) FROM records")[0][0])

    def start(c: int) -> subprocess.Popen[bytes]:
        env = {**os.environ, "VALUEZONE_HOME": str(base / f"console{c}" / "home")}
        return cli(
            "archive",
            "push",
            str(archives[c]),
            "--server",
            f"127.0.0.1:{port}",
            "-i",
            str(keys[c]),
            "--accept-new",
            "--quiet",
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    began = time.perf_counter()
    running = {c: start(c) for c in range(consoles)}
    killed, restarts, done = 0, 0, set[int]()
    to_kill = rng.sample(range(consoles), min(kills, consoles))
    deadline = time.monotonic() + 1800
    while len(done) < consoles and time.monotonic() < deadline:
        time.sleep(0.05)
        if to_kill and stored() >= (killed + 1) * total // (len(to_kill) + 2):
            victim = to_kill.pop()
            if running[victim].poll() is None:
                running[victim].send_signal(signal.SIGKILL)
                running[victim].wait()
                killed += 1
        for c, process in list(running.items()):
            code = process.poll()
            if code is None or c in done:
                continue
            if code == 0:
                done.add(c)
            else:
                restarts += 1
                running[c] = start(c)
    seconds = time.perf_counter() - began
    with database.tx(SYSTEM) as tx:
        count, distinct = tx.rows("SELECT count(*), count(DISTINCT session_id) FROM records")[0]
        audited = tx.rows("SELECT count(*) FROM audit WHERE action = 'record.stored'")[0][0]
        server_ids = {row[0] for row in tx.rows("SELECT session_id FROM records")}
    local_ids = {
        json.loads((folder / "session.json").read_bytes())["session_id"]
        for archive in archives
        for folder in iter_records(archive)
    }
    lost = len(local_ids - server_ids)
    relay.send_signal(signal.SIGTERM)
    relay.wait(30)
    ok = count == distinct == audited == total and lost == 0 and len(done) == consoles
    print(
        f"push: {consoles} consoles x {per_console} records = {total} in {seconds:.1f} s "
        f"({total / seconds:.0f} records/s); {killed} pushers killed -9 mid-upload, {restarts} restarts"
    )
    print(
        f"      on the server: {count} records, {distinct} distinct, {audited} stored once each, {lost} lost "
        f"-> {'OK' if ok else 'FAILED'}"
    )
    return database


# --- part 2: search over N sessions ------------------------------------------------------------------------
def load_corpus(archive: Path, database: Database, owners: list[tuple[str, str]]) -> float:
    """Load every record of *archive* into the team database (no verification): seconds taken."""
    began = time.perf_counter()
    folders = list(iter_records(archive))
    for start in range(0, len(folders), 500):
        with database.tx(SYSTEM, write=True) as tx:
            for number, folder in enumerate(folders[start : start + 500], start):
                owner, team = owners[number % len(owners)]
                facts, docs = extract(folder, terminal=True)
                meta_id = folder.name.rsplit("-", 1)[1]
                record = insert_record(tx, f"corpus-{number}-{meta_id}", owner, owner, team, facts)
                files = {
                    name: (folder / name).read_bytes()
                    for name in ("session.json", "events.jsonl", "terminal.cast")
                }
                store_files(tx, record, files)
                replace_documents(tx, record, facts, docs, terminal=True, fresh=True)
                hashes = event_hashes(files["events.jsonl"])
                tx.run(
                    "INSERT INTO anchors(record, count, hash, at) VALUES (?, ?, ?, 'bench')",
                    (record, len(hashes), hashes[-1]),
                )
        if start % 10_000 == 0:
            print(f"\r  loaded {start + 500}/{len(folders)}", end="", file=sys.stderr, flush=True)
    if database.kind == "postgresql":
        with database.connection() as conn:
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")
            conn.autocommit = False
    print(file=sys.stderr)
    return time.perf_counter() - began


def timed(run: Callable[[str], int], asked: list[str], repeat: int = 5) -> tuple[float, float, list[Any]]:
    times = []
    for query in asked:
        run(query)  # warm
        began = time.perf_counter()
        for _ in range(repeat):
            hits = run(query)
        times.append(((time.perf_counter() - began) / repeat, query, hits))
    times.sort()
    values = [t for t, _q, _h in times]
    return statistics.median(values), values[min(len(values) - 1, int(0.95 * len(values)))], times


def storage(database: Database, sessions: int) -> str:
    if database.kind == "sqlite":
        size = sum(
            Path(f"{database.target}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{database.target}{suffix}").exists()
        )
        return f"{size / 1e6:.0f} MB, {size / sessions / 1024:.1f} KiB per session"
    with database.tx(SYSTEM) as tx:
        size = tx.rows("SELECT pg_database_size(current_database())")[0][0]
        parts = tx.rows(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname IN "
            "('records', 'files', 'docs', 'doc_terms', 'findings', 'anchors') ORDER BY 2 DESC"
        )
    detail = ", ".join(f"{name} {value / sessions / 1024:.1f}" for name, value in parts)
    return f"{size / 1e6:.0f} MB, {size / sessions / 1024:.1f} KiB per session ({detail} KiB)"


def search_part(base: Path, url: str, sessions: int, relay_db: Database | None) -> bool:
    archive = base / "corpus"
    ready = (base / "corpus-ready").exists()  # --keep DIR with --db URL of an earlier run: reuse its corpus
    if not ready:
        rng = random.Random(7)
        pool = line_pool(rng, 2000)
        began = time.perf_counter()
        for number in range(sessions):
            write_session(archive, rng, pool, number, 1500)
        print(f"search: generated {sessions} sessions in {time.perf_counter() - began:.0f} s")
    with ArchiveIndex(archive, base / "embedded.sqlite3") as index:
        if not ready:
            stats = index.update()
            index.optimize()
            each = (base / "embedded.sqlite3").stat().st_size / sessions / 1024
            print(f"  embedded index: {stats.added} records in {stats.seconds:.0f} s; {each:.1f} KiB each")
        database = open_database(url, base / "search-state")
        if not ready:
            owners = [(f"tech{n}@acme.example", TEAMS[n % len(TEAMS)]) for n in range(20)]
            seconds = load_corpus(archive, database, owners)
            print(
                f"  team database ({database.kind}): loaded in {seconds:.0f} s; {storage(database, sessions)}"
            )
            (base / "corpus-ready").touch()
        asked = queries(random.Random(8), sessions)
        e50, e95, _ = timed(lambda q: len(embedded_search(index, q, limit=50)), asked)
    admin = Actor("admin@acme.example", "admin")
    lead = Actor("lead@acme.example", "lead", ("seoul",))

    def on_server(actor: Actor) -> Callable[[str], int]:
        def run(query: str) -> int:
            with database.tx(actor) as tx:
                return len(server_search(tx, actor, query, limit=50))

        return run

    s50, s95, slowest = timed(on_server(admin), asked)
    l50, l95, lead_slowest = timed(on_server(lead), asked)
    r50, r95 = through_relay(base, url, asked)
    print(
        f"  {len(asked)} queries, 50 hits each: embedded p50 {e50 * 1000:.1f} ms p95 {e95 * 1000:.1f} ms | "
        f"server as admin p50 {s50 * 1000:.1f} ms p95 {s95 * 1000:.1f} ms | "
        f"as a lead (1/4 of the sessions) p50 {l50 * 1000:.1f} ms p95 {l95 * 1000:.1f} ms"
    )
    print(
        f"  end to end through the relay (a lead's console, SSH + the valuezone-team channel): "
        f"p50 {r50 * 1000:.1f} ms p95 {r95 * 1000:.1f} ms"
    )
    for who, timings in (("admin", slowest), ("lead", lead_slowest)):
        for took, query, hits in timings[-3:]:
            print(f"    slowest for the {who}: {took * 1000:6.1f} ms  {hits:3d} hits  {query}")
    database.close()
    ok = s95 <= 0.050 and l95 <= 0.050
    print(f"  server p95 <= 50 ms: {'OK' if ok else 'MISSED'}; server p95 / embedded p95 = {s95 / e95:.1f}x")
    return ok


def through_relay(base: Path, url: str, asked: list[str]) -> tuple[float, float]:
    """Search timings from a lead's TeamClient through a relay process on the corpus database."""
    from sessions.ssh.hostkeys import HostKeyTrust
    from sessions.ssh.target import Target
    from sessions.team.client import TeamClient

    (base / "relay-keys").mkdir(exist_ok=True)
    file, keys = technicians(base / "relay-keys", 1)
    port = free_port()
    relay = cli(
        "relay",
        "--listen",
        f"127.0.0.1:{port}",
        "--technicians",
        str(file),
        "--state-dir",
        str(base / "search-relay"),
        "--db",
        url,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert relay.stdout is not None
    while b"Team server:" not in relay.stdout.readline():
        if relay.poll() is not None:
            raise SystemExit("the relay did not start")

    async def measure() -> tuple[float, float]:
        trust = HostKeyTrust(known_hosts=base / "known_hosts", read_user_known_hosts=False, accept_new=True)
        client = await TeamClient.connect(
            Target("127.0.0.1", port, "lead"), trust=trust, technician_key=keys[-1]
        )
        times = []
        for query in asked:
            await client.request("search", query=query, limit=50)
            began = time.perf_counter()
            for _ in range(5):
                await client.request("search", query=query, limit=50)
            times.append((time.perf_counter() - began) / 5)
        await client.close()
        times.sort()
        return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]

    try:
        return asyncio.run(measure())
    finally:
        relay.send_signal(signal.SIGTERM)
        relay.wait(30)


CONSOLES = count(1, 1_000, unit="consoles")
RECORDS = count(1, 1_000_000, unit="records")
KILLS = count(0, 1_000, unit="pushers")
SESSIONS = count(1, 10_000_000, unit="sessions")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default="postgresql", help="postgresql (a throwaway cluster), sqlite, or a URL"
    )
    parser.add_argument(
        "--consoles",
        type=CONSOLES,
        default=20,
        help=f"consoles pushing at once ({CONSOLES.range_text}; default 20)",
    )
    parser.add_argument(
        "--records",
        type=RECORDS,
        default=250,
        help=f"records per console ({RECORDS.range_text}; default 250)",
    )
    parser.add_argument(
        "--kills",
        type=KILLS,
        default=10,
        help=f"pushers killed -9 mid-upload ({KILLS.range_text}; default 10)",
    )
    parser.add_argument(
        "--sessions",
        type=SESSIONS,
        default=100_000,
        help=f"sessions for the search part ({SESSIONS.range_text}; default 100000)",
    )
    parser.add_argument("--only", choices=("push", "search"))
    parser.add_argument("--quick", action="store_true", help="2 consoles x 50 records, 2,000 sessions")
    parser.add_argument("--keep", type=Path, help="work in (and keep) this folder")
    return parser


def main() -> int:
    args = build_parser().parse_args()
    if args.quick:
        args.consoles, args.records, args.kills, args.sessions = 2, 50, 1, 2000
    base = args.keep or Path(tempfile.mkdtemp(prefix="vz-team-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    cluster = None
    try:
        if args.db == "postgresql":
            from tests.team.pgcluster import start_cluster

            cluster = start_cluster()
            new_url: Callable[[], str] = cluster.database
        elif args.db == "sqlite":
            new_url = lambda: f"sqlite:{base / f'team-{time.monotonic_ns()}.sqlite3'}"  # noqa: E731
        else:
            new_url = lambda: args.db  # noqa: E731
        ok = True
        if args.only in (None, "push"):
            database = push_part(base / "push", new_url(), args.consoles, args.records, args.kills)
            database.close()
        if args.only in (None, "search"):
            ok = search_part(base, new_url(), args.sessions, None) and ok
        return 0 if ok else 1
    finally:
        if cluster is not None:
            cluster.stop()
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
