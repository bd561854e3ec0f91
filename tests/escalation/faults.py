"""Faults on loopback: a TCP proxy that cuts or stalls connections, an HQ handler that answers 500."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from typing import Any, ClassVar

from sessions.escalation.hq import HqHandler


class FaultProxy:
    """Forwards to 127.0.0.1:`target`; each connection passes, is cut after some bytes, or stalls."""

    def __init__(self, target: int, seed: int, *, drop: float = 0.2, stall: float = 0.1) -> None:
        self.target = target
        self.random = random.Random(seed)
        self.drop = drop
        self.stall = stall
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.faults = {"drop": 0, "stall": 0, "pass": 0}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                roll = self.random.random()
                mode = "drop" if roll < self.drop else "stall" if roll < self.drop + self.stall else "pass"
                budget = self.random.randint(200, 6000)
                self.faults[mode] += 1
            threading.Thread(target=self._serve, args=(client, mode, budget), daemon=True).start()

    def _serve(self, client: socket.socket, mode: str, budget: int) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target))
        except OSError:
            client.close()
            return
        limit = budget if mode == "drop" else None
        back = threading.Thread(target=self._pump, args=(upstream, client, None, False), daemon=True)
        back.start()
        self._pump(client, upstream, limit, mode == "stall")
        back.join(5)

    def _pump(self, src: socket.socket, dst: socket.socket, limit: int | None, stall: bool) -> None:
        sent = 0
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                if stall and sent > 300:
                    self._closing.wait(3)  # hold the data: the client times out
                    break
                if limit is not None and sent + len(data) > limit:
                    break  # cut mid-upload
                dst.sendall(data)
                sent += len(data)
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self._closing.set()
        self.listener.close()


class FlakyHandler(HqHandler):
    """Answers 500 at random: before storing, or after storing (kept, but the client is told no)."""

    rng = random.Random(7)
    lock = threading.Lock()
    stores: ClassVar[list[str]] = []
    errors: ClassVar[dict[str, int]] = {"before": 0, "after": 0}

    def handle_upload(self) -> tuple[int, dict[str, Any]]:
        with self.lock:
            roll = self.rng.random()
        if roll < 0.15:
            self._left = int(self.headers.get("Content-Length", "0"))
            self._drain()
            with self.lock:
                self.errors["before"] += 1
            return 500, {"error": "injected failure before storing"}
        status, reply = super().handle_upload()
        if status == 201:
            with self.lock:
                self.stores.append(reply["id"])
        if roll < 0.3:
            with self.lock:
                self.errors["after"] += 1
            return 500, {"error": "injected failure after storing"}
        return status, reply
