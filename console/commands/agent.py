"""`valuezone agent`: the customer's side in a terminal (code, consent question, activity, chat, /end)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from console.agent.countdown import TerminalCountdown
from console.agent.mirror import ShellMirror
from console.agent.terminal_questions import TerminalQuestion
from console.commands.argtypes import count, language, port, seconds
from sessions import vendor
from sessions.agent.catalogue import Catalogue, languages, normalize, system_language
from sessions.errors import ConfigError, SupportError
from sessions.ssh.target import Target
from sessions.visible import visible

LET_BACK_IN = count(0, 1_440, unit="minutes", zero="always ask")  # at most a day
CONSENT_TIMEOUT = seconds(1, 3_600)

DESCRIPTION = (
    "Connects out to the support relay (no open port needed), shows a session code to read to your "
    "technician, and asks you before they connect. Type /end or press Ctrl-C to end."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agent",
        help="let a technician help you: show a session code and ask before anyone connects",
        description=DESCRIPTION,
    )
    add_options(parser)
    parser.set_defaults(func=run)


def main(argv: list[str] | None = None) -> int:
    """`valuezone-agent`: the terminal agent alone (the headless install and the single-file build)."""
    parser = argparse.ArgumentParser(prog="valuezone-agent", description=DESCRIPTION)
    add_options(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130


def add_options(parser: argparse.ArgumentParser) -> None:
    """The agent's options (shared by `valuezone agent` and `valuezone-agent`)."""
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
        type=port,
        const=22,
        metavar="PORT",
        help="let the technician log in to this device's own SSH server (port 22 unless given)",
    )
    parser.add_argument(
        "--lang",
        default="",
        type=language(languages(), normalize, extra=("",)),
        help="your language for chat and for the agent's questions, e.g. ko, en, ja, zh-TW (default: system)",
    )
    parser.add_argument(
        "--let-back-in",
        type=LET_BACK_IN,
        default=10,
        metavar="MINUTES",
        help="with each question, offer to let that technician reconnect without asking for this many "
        f"minutes (you choose it each time; {LET_BACK_IN.range_text}, 0: always ask; default 10)",
    )
    parser.add_argument(
        "--consent-timeout", type=CONSENT_TIMEOUT, default=120.0, metavar="SECONDS", help=argparse.SUPPRESS
    )
    parser.add_argument("--state-dir", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument(
        "--vendor",
        type=Path,
        metavar="FILE",
        help="who gives the support (TOML: name, phone, url, logo, [names]), shown on the code screen and in "
        "the consent question (default: what the relay hands out, else the packaged resources/vendor.toml)",
    )
    parser.add_argument(
        "--no-data-leg",
        action="store_true",
        help="keep the session inside the SSH link to the relay (slower; as agents before version 2 did)",
    )
    parser.add_argument(
        "--gui",
        action="store_true",
        help="show a window (code, consent, activity, chat, a live view of the technician's terminal, End)",
    )
    parser.add_argument(
        "--mirror",
        action="store_true",
        help="show the technician's terminal here as it runs, as plain text lines marked │",
    )


def agent_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The AgentConfig for these arguments (shared by the terminal and the --gui window)."""
    from sessions.agent.core import AgentConfig
    from sessions.config import Settings
    from sessions.paths import app_dirs

    address = args.relay or Settings.load(app_dirs().settings_file).get("relay", "address", "")
    relays = [_relay_target(part.strip()) for part in address.split(",") if part.strip()]
    if not relays:
        raise ConfigError(
            "No relay address: the agent does not know where to connect.",
            "Run it as `valuezone agent --relay HOST:PORT` with the address your support team gave you.",
            code="agent.no_relay",
        )
    if args.gui:
        from console.launch.gui_missing import require_gui

        require_gui()  # gui.missing: the customer reads how to get the full install
    local_vendor = vendor.load(args.vendor) if args.vendor is not None else None
    return AgentConfig(
        relay=relays[0],
        fallbacks=tuple(relays[1:]),
        scope=args.scope,
        forward_sshd=args.forward_sshd,
        consent_timeout=args.consent_timeout,
        back_in_minutes=max(0, args.let_back_in),
        lang=normalize(args.lang) if args.lang else system_language(),
        state_dir=args.state_dir,
        vendor=local_vendor,
        data_leg=not args.no_data_leg,
    )


def _relay_target(address: str) -> Target:
    relay = Target.parse(address)
    return Target(relay.host, relay.port if ":" in address else 2222)


def run(args: argparse.Namespace) -> int:
    try:
        config = agent_config(args)
    except SupportError as exc:  # told in the customer's language; the technician's words go to the log
        from console.app.logfile import setup_logging

        setup_logging()
        logging.getLogger(__name__).warning("agent not started: %s", exc)
        texts = Catalogue(normalize(args.lang) if args.lang else system_language())
        print(texts.error(exc, relay=args.relay or ""), file=sys.stderr)
        return 1
    if args.gui:
        from console.launch.windows import run_agent_window

        return run_agent_window(config)
    from console.app.logfile import setup_logging
    from sessions import eventloop

    # The customer's terminal shows only what the agent says: library messages (asyncio's "Fatal error
    # on transport", warnings) go to the log file, never between the lines the customer reads.
    setup_logging()
    logging.captureWarnings(True)
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]

    return eventloop.run(_run_terminal(config, sys.stdin, sys.stdout, mirror=args.mirror))


async def _run_terminal(config, stdin: TextIO, out: TextIO, *, mirror: bool = False) -> int:  # type: ignore[no-untyped-def]
    from sessions.agent.core import Agent

    agent = Agent(config)
    view = TerminalView(agent, out, mirror=mirror)
    agent.subscribe(view.show)
    view.say(agent.texts.text("terminal.connecting", relay=config.relay.host_port))
    try:
        await agent.start()
    except Exception as exc:  # a boundary: the customer reads what happened and what to do, the log the rest
        if isinstance(exc, SupportError):  # expected (no relay, a changed key): its code is in the log
            logging.getLogger(__name__).info("agent could not start: %s (%s)", exc, exc.code)
        else:
            logging.getLogger(__name__).warning("agent could not start: %s", exc, exc_info=True)
        view.say(agent.texts.error(exc, relay=agent.relay.host_port))
        return 1
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, lambda: loop.create_task(agent.end("you")))
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    threading.Thread(target=_read_lines, args=(stdin, loop, lines), daemon=True).start()
    reader = loop.create_task(view.handle_input(lines))
    reason = await agent.wait_ended()
    reader.cancel()
    view.countdown.stop()
    view.say(agent.texts.text("terminal.ended", reason=visible(reason)))
    return 0


def _read_lines(stdin: TextIO, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]) -> None:
    for line in stdin:
        loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
    loop.call_soon_threadsafe(queue.put_nowait, None)


class TerminalView:
    """Prints the agent's events and turns typed lines into answers, chat messages or /end."""

    def __init__(self, agent, out: TextIO, *, mirror: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.agent = agent
        self.out = out
        self.pending: Any = None  # the ConsentRequested waiting for y/N
        self.questions: list[TerminalQuestion] = []  # the first one is being asked
        self.shells = ShellMirror(self.say, agent.texts, on=mirror)
        self.countdown = TerminalCountdown(out, agent.texts)
        self._told_end_to_end = False

    def say(self, text: str) -> None:
        """Print *text*: line by line, every control shown as a symbol (nothing reaches the terminal raw)."""
        lines = text.split("\n")
        self.countdown.clear()
        print("\n".join(visible(line) for line in lines), file=self.out, flush=True)
        self.countdown.redraw()

    def _show_vendor(self, event: Any) -> None:
        """Who gives the support: name, phone, web address; marked when only the relay says so."""
        texts, shown = self.agent.texts, event.vendor
        lines = [shown.name_in(texts.lang)]
        if shown.phone:
            lines.append(texts.text("vendor.phone", phone=shown.phone))
        if shown.url:
            lines.append(shown.url)
        if event.relay:
            lines.append(texts.text("vendor.from_relay", relay=visible(event.relay)))
        self.say("== " + " · ".join(lines) + " ==")

    def _show_state(self, new: Any) -> None:
        from sessions.agent.events import AgentState

        if new is AgentState.WAITING and self.agent.code_deadline is not None:
            self.countdown.start(self.agent.code_deadline)
        else:
            self.countdown.stop()
        if new is AgentState.RECONNECTING:
            self.say(self.agent.texts.text("terminal.reconnecting"))

    def show(self, event: object) -> None:
        from sessions.agent.events import (
            Activity,
            ChatReceived,
            CodeIssued,
            ConsentRequested,
            ConsentWithdrawn,
            QuestionAsked,
            QuestionWithdrawn,
            StateChanged,
            VendorKnown,
        )

        texts = self.agent.texts
        if self.shells.show(event):
            return
        if isinstance(event, VendorKnown):
            self._show_vendor(event)
        elif isinstance(event, CodeIssued):
            minutes = max(1, round(event.expires_in / 60))
            line = texts.text("terminal.code", code=event.display, minutes=minutes)
            self.say(f"{line} {texts.text('terminal.same_code')}" if event.resumed else line)
            self.say(texts.text("terminal.read_it"))
            self._show_state(self.agent.state)  # the countdown starts with the code
            if self.agent.end_to_end and not self._told_end_to_end:
                self._told_end_to_end = True
                self.say(texts.text("view.end_to_end"))
                if self.shells.on:
                    self.say(texts.text("view.mirror_end_to_end"))
        elif isinstance(event, ConsentRequested):
            self.pending = event
            self.say("\n".join(event.lines))
            if event.back_in_minutes:
                minutes, name = event.back_in_minutes, visible(event.technician)
                self.say(texts.text("terminal.back_in_hint", technician=name, minutes=minutes))
            self.say(texts.text("consent.allow_prompt"))
        elif isinstance(event, ConsentWithdrawn):
            self.pending = None  # the activity line ("No answer: … was not let in") says it
        elif isinstance(event, Activity):
            self.say(f"[{time.strftime('%H:%M:%S', time.localtime(event.ts))}] {event.text}")
        elif isinstance(event, ChatReceived):
            message = event.message
            shown = message.shown_text(self.agent.config.lang)
            # A line break in a message is shown (␊), so no message can print a line that looks like ours.
            self.say(texts.text("terminal.technician", text=visible(shown)))
            if shown != message.text:
                self.say(texts.text("terminal.original", text=visible(message.text)))
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
        elif isinstance(event, StateChanged):
            self._show_state(event.new)

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
                texts = self.agent.texts
                if text.lower() in texts.words("question.back_in_words"):
                    self.pending.allow(let_back_in=True)
                elif texts.yes_no(text) is True:
                    self.pending.allow()
                else:
                    self.pending.decline()
                self.pending = None
            elif text == "/end":
                await self.agent.end("you")
                return
            elif self.questions:
                self._answer_question(line)
            elif text:
                try:
                    await self.agent.send_chat(text)
                except SupportError as exc:
                    self.say(self.agent.texts.error(exc))
