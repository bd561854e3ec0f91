"""A real HTTP server on 127.0.0.1:0 that speaks LibreTranslate's API (/translate, /detect, /languages).

Deterministic: a small ko/en/ja/zh word table, and a visible transform for text it does not know
(`[ko] text`). Scriptable: `delay`, `hang` (accept, never answer), `fail_status` (e.g. 500), `mangle`
(lower-case placeholders and put spaces in them, as real providers sometimes do). Every request is
logged (method, path with query, body) so tests can assert that no secret ever reached it.
Reused by the chat tests: `with LibreServer() as server: ... server.url ...`.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, unquote_plus, urlsplit

# concept -> word in each language
WORDS: dict[str, dict[str, str]] = {
    "hello": {"en": "hello", "ko": "안녕하세요", "ja": "こんにちは", "zh": "你好"},
    "disk": {"en": "disk", "ko": "디스크", "ja": "ディスク", "zh": "硬碟"},
    "broken": {"en": "broken", "ko": "고장", "ja": "故障", "zh": "故障"},
    "please": {"en": "please", "ko": "제발", "ja": "どうぞ", "zh": "請"},
    "check": {"en": "check", "ko": "확인", "ja": "確認", "zh": "檢查"},
    "volume": {"en": "volume", "ko": "볼륨", "ja": "ボリューム", "zh": "儲存區"},
    "thanks": {"en": "thanks", "ko": "감사합니다", "ja": "ありがとう", "zh": "謝謝"},
    "error": {"en": "error", "ko": "오류", "ja": "エラー", "zh": "錯誤"},
    "run": {"en": "run", "ko": "실행", "ja": "実行", "zh": "執行"},
    "on": {"en": "on", "ko": "에서", "ja": "で", "zh": "在"},
}
_LOOKUP = {(lang, word.lower()): concept for concept, forms in WORDS.items() for lang, word in forms.items()}
_SCRIPT = [
    ("ko", re.compile(r"[\uac00-\ud7a3]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
]
_PLACEHOLDER = re.compile(r"VZ(\d+)Q")


def detect(text: str) -> str:
    for lang, pattern in _SCRIPT:
        if pattern.search(text):
            return lang
    return "en"


def translate(text: str, source: str, target: str) -> str:
    """Word-table translation; text with no known word comes back as `[target] text`."""
    source = detect(text) if source == "auto" else source
    known = False

    def word(match: re.Match[str]) -> str:
        nonlocal known
        concept = _LOOKUP.get((source, match.group(0).lower()))
        if concept is None:
            return match.group(0)
        known = True
        return WORDS[concept][target]

    out = re.sub(r"[^\W\d_]+", word, text)
    return out if known else f"[{target}] {text}"


@dataclass
class LoggedRequest:
    method: str
    path: str
    body: str

    @property
    def everything(self) -> str:
        """Path, query and body, URL-decoded: what a test searches for secrets."""
        return unquote_plus(self.path) + "\n" + unquote_plus(self.body)


@dataclass
class Script:
    """What the server does next; tests change it while the server runs."""

    delay: float = 0.0
    hang: bool = False
    fail_status: int = 0
    mangle: bool = False
    slow_texts: dict[str, float] = field(default_factory=dict)  # text fragment -> extra delay


class LibreServer:
    """`with LibreServer() as server:` runs it on a free loopback port; `server.url` ends with "/"."""

    def __init__(self) -> None:
        self.script = Script()
        self.requests: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="libre-server", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def translate_requests(self) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.requests if urlsplit(r.path).path == "/translate"]

    def __enter__(self) -> LibreServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self._release.set()  # let hung handlers go
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # keep test output clean
                return

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
                with server._lock:
                    server.requests.append(LoggedRequest(method, self.path, body))
                script = server.script
                if script.hang:
                    server._release.wait()
                    return
                params = _params(self.path, body, self.headers.get("Content-Type", ""))
                extra = max(
                    (d for frag, d in script.slow_texts.items() if frag in params.get("q", "")), default=0
                )
                if script.delay or extra:
                    time.sleep(script.delay + extra)
                if script.fail_status:
                    self._reply(script.fail_status, {"error": "scripted failure"})
                    return
                self._route(urlsplit(self.path).path, params, script)

            def _route(self, path: str, params: dict[str, str], script: Script) -> None:
                if path == "/languages":
                    codes = ["en", "ko", "ja", "zh"]
                    self._reply(200, [{"code": c, "name": c, "targets": codes} for c in codes])
                elif path == "/detect":
                    self._reply(200, [{"confidence": 90.0, "language": detect(params.get("q", ""))}])
                elif path == "/translate":
                    if "q" not in params or "target" not in params:
                        self._reply(400, {"error": "Invalid request: missing q or target"})
                        return
                    text = translate(params["q"], params.get("source", "auto"), params["target"])
                    if script.mangle:
                        text = _PLACEHOLDER.sub(lambda m: f"vz {m.group(1)} q", text)
                    self._reply(200, {"translatedText": text})
                else:
                    self._reply(404, {"error": "Not found"})

            def _reply(self, status: int, payload: object) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _params(path: str, body: str, content_type: str) -> dict[str, str]:
    """LibreTranslate accepts its fields in the query, a form body or a JSON body."""
    params = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
    if body and "json" in content_type:
        params.update({k: str(v) for k, v in json.loads(body).items()})
    elif body:
        params.update({k: v[0] for k, v in parse_qs(body).items()})
    return params
