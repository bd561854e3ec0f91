"""What the agent tells its window or terminal: a state machine and frozen event values to subscribe to."""

from __future__ import annotations

import asyncio
import enum
import time
from dataclasses import dataclass, field
from typing import Any

from sessions.agent.catalogue import RenderedQuestion
from sessions.chat.message import ChatMessage
from sessions.chat.questions import Question
from sessions.statemachine import Table
from sessions.vendor import Vendor


class AgentState(enum.Enum):
    CONNECTING = "connecting"  # first link to the relay
    WAITING = "waiting"  # code shown, nobody has claimed it
    ASKING = "asking"  # a technician claimed the code; the customer is being asked
    ACTIVE = "active"  # the customer allowed a technician
    RECONNECTING = "reconnecting"  # the link to the relay dropped; the code is kept for the grace period
    ENDED = "ended"


class AgentEvent(enum.Enum):
    LINKED = "linked"  # the relay gave us a code (new or resumed, nobody consented yet)
    RESUMED = "resumed"  # the relay took us back after a consented session had started
    CLAIMED = "claimed"
    ALLOWED = "allowed"
    REFUSED = "refused"
    LINK_LOST = "link-lost"
    END = "end"


A, V = AgentState, AgentEvent
TABLE: Table[AgentState, AgentEvent] = Table(
    "agent",
    AgentState.CONNECTING,
    {
        (A.CONNECTING, V.LINKED): A.WAITING,
        (A.WAITING, V.CLAIMED): A.ASKING,
        (A.ASKING, V.ALLOWED): A.ACTIVE,
        (A.ASKING, V.REFUSED): A.WAITING,
        (A.WAITING, V.LINK_LOST): A.RECONNECTING,
        (A.ASKING, V.LINK_LOST): A.RECONNECTING,
        (A.ACTIVE, V.LINK_LOST): A.RECONNECTING,
        (A.RECONNECTING, V.LINKED): A.WAITING,
        (A.RECONNECTING, V.RESUMED): A.ACTIVE,
        (A.CONNECTING, V.END): A.ENDED,
        (A.WAITING, V.END): A.ENDED,
        (A.ASKING, V.END): A.ENDED,
        (A.ACTIVE, V.END): A.ENDED,
        (A.RECONNECTING, V.END): A.ENDED,
    },
    terminal={AgentState.ENDED},
)


@dataclass(frozen=True, slots=True)
class StateChanged:
    old: AgentState
    new: AgentState


@dataclass(frozen=True, slots=True)
class CodeIssued:
    """The code to read out (`display`, e.g. `482 913 557`) and its lifetime in seconds."""

    display: str
    expires_in: int
    resumed: bool = False


LET_BACK_IN = "let-back-in"  # an answer: yes, and let this technician reconnect unasked for a while


@dataclass(frozen=True, slots=True)
class ConsentRequested:
    """A technician wants in. Answer with `allow()` or `decline()` (or `answer.set_result(True/False)`);
    no answer means no.

    ``lines`` is the question as the customer reads it, in their language: who wants in (and for which
    vendor), what the scope lets them do, and whom to call when it is unexpected. ``scope`` is the
    scope's key (full, diagnostics, sshd), ``scope_label`` its short name in the customer's language.

    ``again``: this technician was let in before in this session and is coming back (their link
    dropped): the customer is asked again. ``back_in_minutes`` (0: not offered) is the offer shown
    with the question: `allow(let_back_in=True)` also lets this technician reconnect without a new
    question for that many minutes from now.
    """

    technician: str
    fingerprint: str
    scope_label: str
    timeout: float
    answer: asyncio.Future[bool | str] = field(compare=False, repr=False)
    again: bool = False
    back_in_minutes: int = 0
    scope: str = "full"
    lines: tuple[str, ...] = ()

    @property
    def question(self) -> str:
        """The question's lines as one text (without the "Allow?" prompt, which each view words itself)."""
        return "\n".join(self.lines)

    def allow(self, *, let_back_in: bool = False) -> None:
        if not self.answer.done():
            self.answer.set_result(LET_BACK_IN if let_back_in and self.back_in_minutes else True)

    def decline(self) -> None:
        if not self.answer.done():
            self.answer.set_result(False)


@dataclass(frozen=True, slots=True)
class ConsentWithdrawn:
    """The question is moot (timed out, or the technician gave up): close any dialog showing it.

    ``reason`` is the relay's refusal text (for logs); the customer reads the activity line instead.
    """

    technician: str
    reason: str


@dataclass(frozen=True, slots=True)
class Activity:
    """One line of the customer's activity feed, e.g. "Technician ran: smartctl -H /dev/sda".

    ``text`` is in the customer's language (the agent's catalogue); ``key`` names the kind of line
    (``ran``, ``shell``, ``sftp_read`` … see resources/agent/en.toml), '' for a relay's notice.
    """

    text: str
    ts: float = field(default_factory=time.time)
    key: str = ""


@dataclass(frozen=True, slots=True)
class ChatReceived:
    message: ChatMessage


@dataclass(frozen=True, slots=True)
class QuestionAsked:
    """The technician asks the customer something (a survey, consent to send files).

    ``shown`` is the question in the customer's language. Answer with ``answer.set_result({...})``
    (survey: ``solved``, ``score``, ``comment``; consent: ``agreed``), or ``answer.cancel()`` when the
    customer closes it without answering.
    """

    question: Question
    shown: RenderedQuestion
    answer: asyncio.Future[dict[str, Any]] = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class QuestionWithdrawn:
    """Close the question ``question_id``: the technician took it back or the session ended."""

    question_id: str
    reason: str  # cancelled | closed


@dataclass(frozen=True, slots=True)
class ShellOpened:
    """The technician opened a terminal (a shell, or a command with one): its output follows as ShellOutput.

    ``shell`` numbers the terminals of this agent (1, 2 …); ``command`` is '' for a login shell, else
    the command with its controls made visible; ``cols`` × ``rows`` is the technician's terminal size.
    """

    shell: int
    command: str
    cols: int
    rows: int
    ts: float = field(default_factory=time.time)


@dataclass(frozen=True, slots=True)
class ShellOutput:
    """Bytes terminal ``shell`` printed, exactly as the technician receives them (their typing as echoed).

    Raw terminal output: show it only through a terminal emulator (console.agent.shell_view, the terminal
    agent's mirror), never write it to a real terminal as it is.
    """

    shell: int
    data: bytes


@dataclass(frozen=True, slots=True)
class ShellResized:
    shell: int
    cols: int
    rows: int


@dataclass(frozen=True, slots=True)
class ShellClosed:
    """Terminal ``shell`` ended (``status`` is its exit status, None if unknown)."""

    shell: int
    status: int | None
    ts: float = field(default_factory=time.time)


@dataclass(frozen=True, slots=True)
class Ended:
    """The session is over: `reason` is a sentence in the customer's language, `key` its ``[ended]`` key."""

    reason: str
    key: str = ""


@dataclass(frozen=True, slots=True)
class VendorKnown:
    """Who gives the support, to show on the code screen (before the code). ``relay`` is the relay's
    address when the vendor came from it (shown as the relay's word), else ''."""

    vendor: Vendor
    relay: str = ""


AgentEventValue = (
    StateChanged
    | CodeIssued
    | ConsentRequested
    | ConsentWithdrawn
    | Activity
    | ChatReceived
    | QuestionAsked
    | QuestionWithdrawn
    | ShellOpened
    | ShellOutput
    | ShellResized
    | ShellClosed
    | Ended
    | VendorKnown
)
