"""`valuezone agent`: the customer's side in a terminal (code, consent question, activity, chat, /end)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from console.commands.agent_questions import TerminalQuestion
from sessions.agent.catalogue import normalize, system_language
from sessions.errors import ConfigError, SupportError
from sessions.ssh.target import Target


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agent",
        help="let a technician help you: show a session code and ask before anyone connects",
        description="Connects out to the support relay (no open port needed), shows a session code to "
        "read to your technician, and asks you before they connect. Type /end or press Ctrl-C to end.",
    )
    parser.add_argument(
        "--relay",
        metavar="HOST:PORT[,HOST:PORT…]",
        help="the relay's address, or several relays of one service (the agent moves to the next one "
        "if its relay goes away, keeping its code); default: from settings",
    )
    parser.add_argument(
        "--scope",
        choices=("full", "diagnostics"),
        default="full",
        help="full: shell, commands and files; diagnostics: only the diagnostics commands, read-only files",
    )
    parser.add_argument(
        "--forward-sshd",
        nargs="?",
        type=int,
        const=22,
        metavar="PORT",
        help="let the technician log in to this device's own SSH server (port 22 unless given)",
    )
    parser.add_argument(
        "--lang",
        default="",
        help="your language for chat and for the agent's questions, e.g. ko, en, ja, zh-TW (default: system)",
    )
    parser.add_argument(
        "--consent-timeout", type=float, default=120.0, metavar="SECONDS", help=argparse.SUPPRESS
    )
    parser.add_argument("--state-dir", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument(
        "--gui", action="store_true", help="show a window (code, consent, activity, chat, End) instead"
    )
    parser.set_defaults(func=run)


def agent_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The AgentConfig for these arguments (shared by the terminal and the --gui window)."""
    from sessions.agent.core import AgentConfig
    from sessions.config import Settings
    from sessions.paths import app_dirs

    address = args.relay or Settings.load(app_dirs().settings_file).get("relay", "address", "")
    if not address:
        raise ConfigError(
            "No relay address: the agent does not know where to connect.",
            "Run it as `valuezone agent --relay HOST:PORT` with the address your support team gave you.",
        )
    relays = [_relay_target(part.strip()) for part in address.split(",") if part.strip()]
    return AgentConfig(
        relay=relays[0],
        fallbacks=tuple(relays[1:]),
        scope=args.scope,
        forward_sshd=args.forward_sshd,
        consent_timeout=args.consent_timeout,
        lang=normalize(args.lang) if args.lang else system_language(),
        state_dir=args.state_dir,
    )


def _relay_target(address: str) -> Target:
    relay = Target.parse(address)
    return Target(relay.host, relay.port if ":" in address else 2222)


def run(args: argparse.Namespace) -> int:
    config = agent_config(args)
    if args.gui:
        from console.app import run_agent_window

        return run_agent_window(config)
    from sessions import eventloop

    return eventloop.run(_run_terminal(config, sys.stdin, sys.stdout))


async def _run_terminal(config, stdin: TextIO, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from sessions.agent.core import Agent

    agent = Agent(config)
    view = TerminalView(agent, out)
    agent.subscribe(view.show)
    print(agent.texts.text("terminal.connecting", relay=config.relay.host_port), file=out, flush=True)
    await agent.start()
    you_ended = agent.texts.text("terminal.you_ended")
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, lambda: loop.create_task(agent.end(you_ended)))
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    threading.Thread(target=_read_lines, args=(stdin, loop, lines), daemon=True).start()
    reader = loop.create_task(view.handle_input(lines))
    reason = await agent.wait_ended()
    reader.cancel()
    print(agent.texts.text("terminal.ended", reason=reason), file=out, flush=True)
    return 0


def _read_lines(stdin: TextIO, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]) -> None:
    for line in stdin:
        loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
    loop.call_soon_threadsafe(queue.put_nowait, None)


class TerminalView:
    """Prints the agent's events and turns typed lines into answers, chat messages or /end."""

    def __init__(self, agent, out: TextIO) -> None:  # type: ignore[no-untyped-def]
        self.agent = agent
        self.out = out
        self.pending: Any = None  # the ConsentRequested waiting for y/N
        self.questions: list[TerminalQuestion] = []  # the first one is being asked

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def show(self, event: object) -> None:
        from sessions.agent.events import (
            Activity,
            AgentState,
            ChatReceived,
            CodeIssued,
            ConsentRequested,
            ConsentWithdrawn,
            QuestionAsked,
            QuestionWithdrawn,
            StateChanged,
        )

        texts = self.agent.texts
        if isinstance(event, CodeIssued):
            minutes = max(1, round(event.expires_in / 60))
            line = texts.text("terminal.code", code=event.display, minutes=minutes)
            self.say(f"{line} {texts.text('terminal.same_code')}" if event.resumed else line)
            self.say(texts.text("terminal.read_it"))
        elif isinstance(event, ConsentRequested):
            self.pending = event
            self.say(texts.text("terminal.consent", technician=event.technician, scope=event.scope_label))
        elif isinstance(event, ConsentWithdrawn):
            self.pending = None
            self.say(texts.text("terminal.not_let_in", reason=event.reason, technician=event.technician))
        elif isinstance(event, Activity):
            self.say(f"[{time.strftime('%H:%M:%S', time.localtime(event.ts))}] {event.text}")
        elif isinstance(event, ChatReceived):
            message = event.message
            shown = message.shown_text(self.agent.config.lang)
            self.say(texts.text("terminal.technician", text=shown))
            if shown != message.text:
                self.say(texts.text("terminal.original", text=message.text))
        elif isinstance(event, QuestionAsked):
            self.questions.append(TerminalQuestion(event, self.agent.texts))
            if len(self.questions) == 1:
                self.say("\n".join(self.questions[0].opening()))
        elif isinstance(event, QuestionWithdrawn):
            asked = [q for q in self.questions if q.id == event.question_id]
            if asked:
                self.questions.remove(asked[0])
                key = "question.withdrawn" if event.reason == "cancelled" else "question.channel_closed"
                self.say(self.agent.texts.text(key))
                self._next_question()
        elif isinstance(event, StateChanged) and event.new is AgentState.RECONNECTING:
            self.say(texts.text("terminal.reconnecting"))

    def _next_question(self) -> None:
        while self.questions and self.questions[0].done:
            self.questions.pop(0)
        if self.questions and not self.questions[0].answer:
            self.say("\n".join(self.questions[0].opening()))

    def _answer_question(self, text: str) -> None:
        question = self.questions[0]
        for line in question.feed(text):
            self.say(line)
        if question.done:
            self.questions.pop(0)
            self._next_question()

    async def handle_input(self, lines: asyncio.Queue[str | None]) -> None:
        while (line := await lines.get()) is not None:
            text = line.strip()
            if self.pending is not None and not self.pending.answer.done():
                self.pending.answer.set_result(self.agent.texts.yes_no(text) is True)
                self.pending = None
            elif text == "/end":
                await self.agent.end(self.agent.texts.text("terminal.you_ended"))
                return
            elif self.questions:
                self._answer_question(line)
            elif text:
                try:
                    await self.agent.send_chat(text)
                except SupportError as exc:
                    self.say(str(exc))
