"""A chat line that holds a secret: the technician sees it, no translator gets it, the record, bundle and
HQ summary keep it redacted; the customer reads why it is not translated, in their language.

Real parts: both chat ends over a socket pair, the real Translator against the loopback LibreTranslate
stand-in (whose request log is the proof), a real session record, a real bundle.
"""

from __future__ import annotations

import asyncio
import json
import socket
import tarfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sessions import secrets
from sessions.agent.catalogue import Catalogue
from sessions.chat.conversation import WITHHELD_SECRET, ChatEntry, Conversation, EntryState
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.escalation import BundleRequest, Consent, StagedBundle, translate_summary
from sessions.recording import DeviceInfo, Recorder
from sessions.redaction import Redactor
from sessions.ssh.auth import PASSWORD_KIND, Credentials, password_name, preload
from sessions.ssh.target import Target
from tests.translation.libre_server import LibreServer
from translation import ProviderConfig, Translator

DEVICE_PASSWORD = "Gz8-qnap!Lobby-2291"  # what the console holds for the NAS (keyring)
TYPED_PASSWORD = "Yw4#typed-not-saved"  # typed at the login prompt, not saved
SECRET_LINES = [  # one per customer language; the secret after the "|"
    ("ko", "제 비밀번호는 qwer1234 입니다|qwer1234"),
    ("ja", "パスワードはabc12345です|abc12345"),
    ("zh-TW", "wifi密碼是 home8888|home8888"),
    ("zh-CN", "用户名root，密码toor2468|toor2468"),
    ("en", "sure: mysql -u root -pS3cretDB shop|S3cretDB"),
]


@dataclass
class Chat:
    conversation: Conversation
    agent: ChatLink
    recorder: Recorder
    libre: LibreServer
    entries: list[ChatEntry] = field(default_factory=list)
    at_agent: list[ChatMessage] = field(default_factory=list)

    def events(self) -> list[dict[str, object]]:
        lines = (self.recorder.folder / "events.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def sent_to_provider(self) -> str:
        return "\n".join(r.everything for r in self.libre.translate_requests())


@pytest.fixture
def libre() -> Iterator[LibreServer]:
    with LibreServer() as server:
        yield server


@pytest.fixture
async def chat(tmp_path: Path, libre: LibreServer) -> AsyncIterator[Chat]:
    left, right = socket.socketpair()
    console_link = ChatLink(*await asyncio.open_connection(sock=left))
    agent_link = ChatLink(*await asyncio.open_connection(sock=right))
    recorder = Recorder.create(
        tmp_path / "archive",
        technician="kim",
        device=DeviceInfo("NAS", "192.0.2.7", 22, "admin"),
        title="nas",
    )
    translator = Translator([ProviderConfig("libre", url=libre.url)], deadline=5, cache=None)
    pair = Chat(
        Conversation(
            translator=translator,
            technician_lang="en",
            on_entry=lambda e: pair.entries.append(e),
            record=lambda type_, data: _record(recorder, type_, data),
            customer_lang="ko",
        ),
        agent_link,
        recorder,
        libre,
    )
    pair.conversation.attach(console_link)
    agent_link.on_message = pair.at_agent.append
    yield pair
    translator.close()
    console_link.close()
    agent_link.close()
    if not recorder.closed:
        recorder.close()


def _record(recorder: Recorder, type_: str, data: dict[str, Any]) -> None:
    recorder.event(type_, data)


async def _until(predicate: object, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


@pytest.mark.parametrize(("lang", "line"), SECRET_LINES)
async def test_a_customer_line_with_a_secret_is_shown_not_translated_and_recorded_redacted(
    chat: Chat, lang: str, line: str
) -> None:
    text, secret = line.split("|")
    control = await chat.conversation.receive(ChatMessage("customer", "디스크 고장", "ko"))
    assert control.state is EntryState.TRANSLATED and len(chat.libre.translate_requests()) == 1

    entry = await chat.conversation.receive(ChatMessage("customer", text, lang))
    assert entry.state is EntryState.SECRET_HELD and entry.message.text == text  # the technician sees it
    assert entry.held and entry.message.translation is None
    again = await chat.conversation.retry(entry.message.id)
    assert again.state is EntryState.SECRET_HELD

    assert len(chat.libre.translate_requests()) == 1  # nothing was sent for the secret line
    assert secret not in chat.sent_to_provider()
    recorded = [e for e in chat.events() if e["type"] == "chat.message"][-1]["data"]
    assert isinstance(recorded, dict)
    assert secret not in json.dumps(recorded, ensure_ascii=False) and "[REDACTED:" in recorded["text"]
    assert recorded["translation"]["withheld"] == WITHHELD_SECRET and recorded["translation"]["text"] == ""
    assert not [e for e in chat.events() if e["type"] == "chat.translated" and secret in json.dumps(e)]


async def test_the_devices_password_is_held_back_by_value(chat: Chat) -> None:
    """No keyword around it: only the console knowing the password catches it."""
    target = Target("192.0.2.7", 22, "admin")
    secrets.store(PASSWORD_KIND, password_name(target), DEVICE_PASSWORD)
    preload(target)
    line = f"try this one {DEVICE_PASSWORD} thanks"
    assert Redactor.from_resources().redact(line).text == line  # the rules alone would let it through

    entry = await chat.conversation.receive(ChatMessage("customer", line, "en"))
    assert entry.state is EntryState.SECRET_HELD and entry.held == ("known_secret",)
    assert not chat.libre.translate_requests()
    assert DEVICE_PASSWORD not in (chat.recorder.folder / "events.jsonl").read_text(encoding="utf-8")


async def test_a_password_typed_at_login_and_not_saved_is_held_back_too(chat: Chat) -> None:
    async def ask(_target: Target) -> tuple[str, bool]:
        return TYPED_PASSWORD, False

    session = Credentials(ask_password=ask).session(Target("192.0.2.8", 22, "root"))
    assert await session.next_password() == TYPED_PASSWORD
    assert secrets.load(PASSWORD_KIND, password_name(Target("192.0.2.8", 22, "root"))) is None  # not saved

    entry = await chat.conversation.receive(ChatMessage("customer", f"is it {TYPED_PASSWORD}?", "en"))
    assert entry.state is EntryState.SECRET_HELD and not chat.libre.translate_requests()


async def test_a_technician_line_with_a_secret_reaches_the_customer_with_a_note_in_their_language(
    chat: Chat,
) -> None:
    text = "Your temporary password is Temp#4821, please change it after login"
    preview = await chat.conversation.preview(text)
    assert preview.secret and preview.text == text and not chat.libre.translate_requests()

    entry = await chat.conversation.send(text, preview)
    assert entry.state is EntryState.SECRET_HELD
    await _until(lambda: chat.at_agent)
    received = chat.at_agent[0]
    note = Catalogue("ko").text("chat.secret_not_translated")
    assert received.text == text and note in received.shown_text("ko") and text in received.shown_text("ko")
    assert "번역" in note  # the note is Korean, from resources/agent/ko.toml
    assert not chat.libre.translate_requests()
    recorded = [e for e in chat.events() if e["type"] == "chat.message"][-1]["data"]
    assert isinstance(recorded, dict)
    assert "Temp#4821" not in json.dumps(recorded) and recorded["translation"]["withheld"] == WITHHELD_SECRET


async def test_bundle_and_hq_summary_keep_it_redacted(chat: Chat, tmp_path: Path) -> None:
    target = Target("192.0.2.7", 22, "admin")
    secrets.store(PASSWORD_KIND, password_name(target), DEVICE_PASSWORD)
    await chat.conversation.receive(
        ChatMessage("customer", f"관리자 비밀번호는 {DEVICE_PASSWORD} 입니다", "ko")
    )
    await chat.conversation.receive(ChatMessage("customer", "디스크 고장", "ko"))
    chat.recorder.close()
    summary = f"Customer read out the admin password ({DEVICE_PASSWORD}); md0 degraded, disk broken"

    async def call_libre(body: str, source: str, target_lang: str) -> str:
        translator = Translator([ProviderConfig("libre", url=chat.libre.url)], deadline=5, cache=None)
        try:
            return (await translator.translate(body, source, target_lang)).text
        finally:
            translator.close()

    translated = await translate_summary(
        Redactor.for_this_console(chat=True), summary, "en", "ko", call_libre
    )
    assert translated is not None and DEVICE_PASSWORD not in chat.sent_to_provider()

    request = BundleRequest(
        record=chat.recorder.folder,
        ticket="T-1",
        summary=summary,
        summary_language="en",
        summary_translation=translated,
        hq_language="ko",
    )
    with StagedBundle(request) as staged:  # the default redactor: rules + what this console holds
        staged.stage()
        built = staged.pack(tmp_path / "b.tar.gz", Consent(True, "park", "phone", "HQ", ()))
    with tarfile.open(built.path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
    for name, data in members.items():
        assert DEVICE_PASSWORD.encode() not in data, name
    assert b"not translated: it held a secret" in members["chat.txt"]
    assert b"[REDACTED:" in members["summary.md"]


async def test_a_long_line_is_redacted_off_the_loop_and_lines_stay_in_arrival_order(chat: Chat) -> None:
    long_line = "로그 " * 1500 + "비밀번호: nas@2024"
    first = asyncio.ensure_future(chat.conversation.receive(ChatMessage("customer", long_line, "ko")))
    second = asyncio.ensure_future(chat.conversation.receive(ChatMessage("customer", "디스크 고장", "ko")))
    await asyncio.gather(first, second)
    texts = [e["data"]["text"] for e in chat.events() if e["type"] == "chat.message"]  # type: ignore[index]
    assert texts[0].endswith("[REDACTED:password_phrase_cjk]") and texts[1] == "디스크 고장"  # type: ignore[union-attr]
