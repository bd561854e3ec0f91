"""Deterministic terminal output streams for bench/terminal_ingest.py: one per kind of content, and floods.

Every stream is what a 120x40 terminal would receive (CR LF line ends, as a pty's output processing makes
them). Content streams are the programs people run (a log, lolcat, an image viewer, vim, top, CJK text);
floods are hostile or broken output of 100 KB that must stay cheap whatever it does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

COLS, ROWS = 120, 40

_SUBSYSTEMS = ["usb 1-1", "eth0", "EXT4-fs (sda1)", "md127", "nvme0n1", "kernel", "systemd[1]", "smartd[812]"]
_KOREAN = [
    "새 장치가 연결되었습니다",
    "디스크 검사를 시작합니다",
    "네트워크 연결이 끊어졌습니다",
    "파일 시스템을 마운트했습니다",
    "온도가 높습니다",
    "백업 작업이 완료되었습니다",
    "사용자 로그인 실패",
    "펌웨어 업데이트 확인 중",
]
_ENGLISH = [
    "new high-speed USB device number 3 using xhci_hcd",
    "link is up, 1000 Mbps full duplex, flow control rx/tx",
    "mounted filesystem with ordered data mode. Quota mode: none.",
    "I/O error, dev sda, sector 123456 op 0x0:(READ) flags 0x0",
    "Started Daily apt upgrade and clean activities.",
]
_CJK = [
    "磁盘阵列正在重建，请勿关闭电源。当前进度百分之四十二。",
    "網路連線已中斷，系統將在三十秒後自動重試。",
    "バックアップが完了しました。次回の予定は明日の午前二時です。",
    "共有フォルダ「写真」へのアクセスが拒否されました",
    "디스크 온도가 임계값을 넘었습니다. 팬 속도를 확인하세요.",
    "새 펌웨어 버전 7.2.1을 설치할 수 있습니다 (재부팅 필요)",
    "用户 admin 从 192.168.1.20 登录成功",
]
_CODE = [
    "def ingest(self, data: bytes) -> None:",
    '    """Feed bytes from the remote side into the screen model."""',
    "    for i in range(0, len(data), CHUNK):",
    "        self.stream.feed(data[i : i + CHUNK])",
    "    if self.screen.dirty_all or self.screen.dirty:",
    "        self._schedule_repaint()  # coalesced to 16 ms",
    "",
    "class Session(StateMachine):",
    '    state: State = State.CONNECTING  # "connecting" until the host key is checked',
    "    retries = 0",
]


def mixed_log(size: int, seed: int = 2) -> bytes:
    """A kernel-log-like stream: 16/256/24-bit colours with resets, Korean, some lines wider than 120."""
    rng = random.Random(seed)
    out: list[bytes] = []
    total = 0
    t = 0.0
    while total < size:
        t += rng.random() * 0.5
        colour = rng.choice(["\x1b[32m", "\x1b[1;33m", "\x1b[38;5;75m", "\x1b[38;2;255;128;0m", "\x1b[31m"])
        text = rng.choice(_KOREAN) if rng.random() < 0.5 else rng.choice(_ENGLISH)
        extra = f" ({rng.choice(_KOREAN)})" if rng.random() < 0.3 else ""
        line = (
            f"\x1b[0;2m[{t:12.6f}]\x1b[0m {colour}{rng.choice(_SUBSYSTEMS)}\x1b[0m: {text}{extra}"
            f" \x1b[1mcode={rng.randrange(1 << 16):#06x}\x1b[22m\r\n"
        )
        data = line.encode()
        out.append(data)
        total += len(data)
    return b"".join(out)


def _rainbow(i: float) -> tuple[int, int, int]:
    return tuple(int(127 + 127 * math.sin(0.1 * i + k * 2 * math.pi / 3)) for k in range(3))  # type: ignore[return-value]


def per_cell_lolcat(size: int, seed: int = 3) -> bytes:
    """lolcat -t: every character its own 24-bit foreground, a rainbow along and down the lines."""
    rng = random.Random(seed)
    out: list[bytes] = []
    total = 0
    n = 0
    while total < size:
        text = (rng.choice(_ENGLISH) + " " + rng.choice(_ENGLISH))[: rng.randrange(40, 119)]
        cells = []
        for i, char in enumerate(text):
            r, g, b = _rainbow(n * 3 + i)
            cells.append(f"\x1b[38;2;{r};{g};{b}m{char}")
        line = ("".join(cells) + "\x1b[0m\r\n").encode()
        out.append(line)
        total += len(line)
        n += 1
    return b"".join(out)


def per_cell_image(size: int, seed: int = 4) -> bytes:
    """An image viewer in the terminal (chafa, timg): frames of half blocks, each cell its own 24-bit
    foreground and background, drawn from the top left corner over and over."""
    rng = random.Random(seed)
    out: list[bytes] = []
    total = 0
    frame = 0
    while total < size:
        rows = []
        for y in range(ROWS - 1):
            cells = []
            for x in range(COLS):
                top = _rainbow(x + 2 * y + frame)
                bottom = _rainbow(x + 2 * y + 1 + frame + rng.random())
                cells.append("\x1b[38;2;{};{};{};48;2;{};{};{}m\u2580".format(*top, *bottom))
            rows.append("".join(cells) + "\x1b[0m")
        data = ("\x1b[H" + "\r\n".join(rows)).encode()
        out.append(data)
        total += len(data)
        frame += 1
    return b"".join(out)


def _vim_line(rng: random.Random, number: int) -> str:
    words = rng.choice(_CODE).split(" ")
    spans = []
    for word in words:
        colour = rng.choice([81, 149, 186, 204, 252, 252, 252, 141])
        spans.append(f"\x1b[38;5;{colour}m{word}")
    return f"\x1b[38;5;244m{number:4d} " + " ".join(spans)


def vim_redraws(size: int, seed: int = 5) -> bytes:
    """vim with a colour scheme in the alternate screen: full redraws (a line at a time, CUP and EL in the
    scheme's background), scrolling a line at a time in a region, status line in reverse video."""
    rng = random.Random(seed)
    out = ["\x1b[?1049h\x1b[22;0;0t\x1b[?1h\x1b=\x1b[H\x1b[2J"]
    total = 0
    top = 1
    while total < size:
        parts = ["\x1b[?25l\x1b[48;5;235m"]
        if rng.random() < 0.3:  # full redraw
            for y in range(1, ROWS - 1):
                parts.append(f"\x1b[{y};1H{_vim_line(rng, top + y)}\x1b[K")
        else:  # scroll up a few lines in the text region, new lines at the bottom
            for _ in range(rng.randrange(1, 4)):
                top += 1
                parts.append(f"\x1b[1;{ROWS - 2}r\x1b[{ROWS - 2};1H\n\x1b[r")
                parts.append(f"\x1b[{ROWS - 2};1H{_vim_line(rng, top + ROWS - 2)}\x1b[K")
        parts.append(f"\x1b[{ROWS - 1};1H\x1b[0;1;7m  main.py [+]  {top},1  {top % 100}%\x1b[K\x1b[0m")
        parts.append(f"\x1b[{rng.randrange(1, ROWS - 2)};{rng.randrange(6, 40)}H\x1b[?25h")
        data = "".join(parts)
        out.append(data)
        total += len(data.encode())
    out.append("\x1b[?1049l")
    return "".join(out).encode()


def top_refresh(size: int, seed: int = 6) -> bytes:
    """top: the whole screen rewritten from home every refresh, each row ended with EL, then ED."""
    rng = random.Random(seed)
    out: list[bytes] = []
    total = 0
    while total < size:
        rows = [
            f"top - 12:{rng.randrange(60):02d}:01 up 3 days,  load average: 0.{rng.randrange(99):02d}\x1b[K"
        ]
        rows.append(
            "\x1b[7m    PID USER      PR  NI    VIRT    RES  %CPU  %MEM     TIME+ COMMAND\x1b[m\x1b[K"
        )
        for _ in range(ROWS - 3):
            rows.append(
                f"{rng.randrange(1, 99999):7d} root      20   0 {rng.randrange(99999):7d}"
                f" {rng.randrange(9999):6d}"
                f" {rng.random() * 100:5.1f} {rng.random() * 10:5.1f}   0:{rng.randrange(60):02d}.00 "
                f"{rng.choice(['smbd', 'nginx', 'python3', 'rsync', 'kworker/0:1'])}\x1b[K"
            )
        data = ("\x1b[H" + "\r\n".join(rows) + "\x1b[J").encode()
        out.append(data)
        total += len(data)
    return b"".join(out)


def cjk_text(size: int, seed: int = 7) -> bytes:
    """Chinese, Japanese and Korean lines (some wider than the screen) with a little colour."""
    rng = random.Random(seed)
    out: list[bytes] = []
    total = 0
    while total < size:
        text = rng.choice(_CJK) * rng.choice([1, 1, 2, 3])
        line = (f"\x1b[36m{rng.randrange(1000):03d}\x1b[0m {text}\r\n").encode()
        out.append(line)
        total += len(line)
    return b"".join(out)


#: vim 9 itself in a 120x40 pty, paging, scrolling, searching and splitting through a syntax-highlighted
#: Python file (how: bench/capture_real_vim.py, which wrote it).
REAL_VIM = Path(__file__).resolve().parent / "data" / "real_vim.bin"


def real_vim(size: int) -> bytes:
    """The real vim capture, repeated to about *size* bytes (it leaves the alternate screen at its end)."""
    data = REAL_VIM.read_bytes()
    return data * max(1, round(size / len(data)))


#: Content streams: name -> generator of about *size* bytes.
CONTENT: dict[str, Callable[[int], bytes]] = {
    "mixed log": mixed_log,
    "per-cell colour, lolcat": per_cell_lolcat,
    "per-cell colour, image": per_cell_image,
    "vim-like redraws": vim_redraws,
    "real vim (captured)": real_vim,
    "top-like refresh": top_refresh,
    "CJK text": cjk_text,
}


def _repeat(unit: str, size: int) -> bytes:
    data = unit.encode()
    return data * max(1, size // len(data))


def _random_cup(size: int) -> bytes:
    rng = random.Random(8)
    units = [f"\x1b[{rng.randrange(1, ROWS + 1)};{rng.randrange(1, COLS + 1)}H" for _ in range(size // 8)]
    return "".join(units).encode()[:size]


def _random_sgr(size: int) -> bytes:
    rng = random.Random(9)
    units = [f"\x1b[{rng.randrange(108)};38;5;{rng.randrange(256)}m" for _ in range(size // 12)]
    return "".join(units).encode()[:size]


#: Floods: name -> bytes of the given size (hostile or broken output: each must stay cheap).
FLOODS: dict[str, Callable[[int], bytes]] = {
    "clear screen (CSI H CSI 2 J)": lambda n: _repeat("\x1b[H\x1b[2J", n),
    "clear with scrollback (H 2J 3J)": lambda n: _repeat("\x1b[H\x1b[2J\x1b[3J", n),
    "ED 2 alone": lambda n: _repeat("\x1b[2J", n),
    "ED 0 at a row": lambda n: _repeat("\x1b[5;1H\x1b[J", n),
    "DECALN (ESC # 8)": lambda n: _repeat("\x1b#8", n),
    "REP 9999": lambda n: _repeat("x\x1b[9999b", n),
    "SU 9999": lambda n: _repeat("\x1b[9999S", n),
    "SD 9999": lambda n: _repeat("\x1b[9999T", n),
    "IL": lambda n: _repeat("\x1b[L", n),
    "DL": lambda n: _repeat("\x1b[M", n),
    "ICH 99": lambda n: _repeat("\x1b[99@", n),
    "DCH": lambda n: _repeat("\x1b[P", n),
    "ECH 9999": lambda n: _repeat("\x1b[9999X", n),
    "EL 2": lambda n: _repeat("\x1b[2K", n),
    "LF at the bottom": lambda n: _repeat("\n", n),
    "IND at the bottom": lambda n: _repeat("\x1bD", n),
    "RI at the top": lambda n: _repeat("\x1bM", n),
    "CR LF": lambda n: _repeat("\r\n", n),
    "CUU": lambda n: _repeat("\x1b[A", n),
    "CUP, random": _random_cup,
    "backspace": lambda n: _repeat("\b", n),
    "tab": lambda n: _repeat("\t", n),
    "NUL and other ignored controls": lambda n: _repeat("\x00\x01\x7f", n),
    "SGR, random": _random_sgr,
    "combining marks on one cell": lambda n: ("a" + "\u0301" * n).encode()[:n],
    "wide characters, no autowrap": lambda n: ("\x1b[?7l" + "가" * n).encode()[:n],
    "titles (OSC 2)": lambda n: _repeat("\x1b]2;title\x07", n),
    "cursor reports (DSR 6)": lambda n: _repeat("\x1b[6n", n),
    "DECSC / DECRC": lambda n: _repeat("\x1b7\x1b8", n),
    "alternate screen on/off": lambda n: _repeat("\x1b[?1049h\x1b[?1049l", n),
}
