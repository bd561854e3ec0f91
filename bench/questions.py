"""Question round trip through a real relay and agent on loopback, and the follow-up queue query.

    nice -n -15 python -m bench.questions [--asks 200] [--records 2000]

1. ask("survey") from the technician's Conversation → relay → agent (answered at once by a subscriber)
   → answer back; the reference is a plain chat message's round trip on the same channel in the same run.
2. open_followups() over an indexed archive of N records (a third with an open follow-up).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from console.commands.argtypes import count
from sessions.agent.core import Agent, AgentConfig
from sessions.agent.events import ChatReceived, QuestionAsked
from sessions.archive import open_index
from sessions.archive.followups import open_followups
from sessions.chat.conversation import Conversation
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.ending import Ending, record_ending
from sessions.recording import DeviceInfo, Recorder
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.sshd import keygen


async def round_trips(folder: Path, asks: int) -> tuple[list[float], list[float]]:
    key = keygen(folder / "tech")
    kind, blob = Path(f"{key}.pub").read_text().split()[:2]
    (folder / "technicians").write_text(f"{kind} {blob} Bench\n")
    relay = await Relay.start(
        RelayConfig(technicians_file=folder / "technicians", state_dir=folder / "relay")
    )
    agent = Agent(
        AgentConfig(Target("127.0.0.1", relay.port), auto_consent=True, lang="ko", state_dir=folder / "agent")
    )

    replies: set[asyncio.Task[object]] = set()

    def answer(event: object) -> None:
        if isinstance(event, QuestionAsked):
            event.answer.set_result({"solved": True, "score": 9, "comment": ""})
        elif isinstance(event, ChatReceived):
            task = asyncio.ensure_future(agent.send_chat("pong"))
            replies.add(task)
            task.add_done_callback(replies.discard)

    agent.subscribe(answer)
    await agent.start()
    trust = HostKeyTrust(known_hosts=folder / "kh", read_user_known_hosts=False, accept_new=True)
    conn = await connect_by_code(
        Target("127.0.0.1", relay.port, "b"), agent.code, JoinOptions(technician_key=key, trust=trust)
    )
    pongs: asyncio.Queue[ChatMessage] = asyncio.Queue()
    link = await ChatLink.open(conn)
    conversation = Conversation(translator=None, technician_lang="en", on_entry=lambda entry: None)
    conversation.attach(link)
    link.on_message = pongs.put_nowait
    ask_times, chat_times = [], []
    for _ in range(asks):
        began = time.perf_counter()
        await conversation.ask("survey", {"outcome": "resolved"})
        ask_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        await link.send(ChatMessage("technician", "ping"))
        await pongs.get()
        chat_times.append(time.perf_counter() - began)
    conn.close()
    await agent.end()
    await relay.close()
    return ask_times, chat_times


def queue_query(folder: Path, records: int) -> tuple[float, float, int]:
    archive = folder / "archive"
    for number in range(records):
        recorder = Recorder.create(archive, technician="kim", device=DeviceInfo(f"nas{number}", "192.0.2.7"))
        outcome = "not_resolved" if number % 3 == 0 else "resolved"
        record_ending(recorder, Ending(outcome, "bench"), today=date(2025, 3, 6))
        recorder.close()
    with open_index(archive, folder / "index.sqlite3") as index:
        began = time.perf_counter()
        index.update()
        indexed = time.perf_counter() - began
        times = []
        for _ in range(20):
            began = time.perf_counter()
            rows = open_followups(index)
            times.append(time.perf_counter() - began)
    return indexed, statistics.median(times), len(rows)


ASKS = count(1, 100_000, unit="questions")
RECORDS = count(1, 1_000_000, unit="records")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--asks",
        type=ASKS,
        default=200,
        help=f"questions asked and answered ({ASKS.range_text}; default 200)",
    )
    parser.add_argument(
        "--records",
        type=RECORDS,
        default=2000,
        help=f"records in the queue's index ({RECORDS.range_text}; default 2000)",
    )
    return parser


def main() -> None:
    args = build_parser().parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asks, chats = asyncio.run(round_trips(Path(tmp), args.asks))
        ask_ms, chat_ms = statistics.median(asks) * 1000, statistics.median(chats) * 1000
        print(f"survey ask round trip: median {ask_ms:.2f} ms over {len(asks)}")
        print(f"chat ping/pong round trip (reference): median {chat_ms:.2f} ms; ratio {ask_ms / chat_ms:.2f}")
        indexed, query, open_rows = queue_query(Path(tmp), args.records)
        print(
            f"index {args.records} records: {indexed:.2f} s; "
            f"open_followups ({open_rows} open): {query * 1000:.2f} ms"
        )


if __name__ == "__main__":
    main()
