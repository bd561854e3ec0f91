"""The application log: a rotating file in the log folder that never holds a secret."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from sessions.paths import app_dirs

# Belt and braces: nothing should log a secret, but if a library does, these shapes are masked.
_SECRET_SHAPES = re.compile(
    r"(?i)(password|passphrase|passwd|secret|token|api[_-]?key|authorization)(\s*[=:]\s*|\s+)(\S+)"
)


class SecretMaskFilter(logging.Filter):
    """Masks `password=…`-shaped values in every record before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _SECRET_SHAPES.sub(lambda m: f"{m.group(1)}{m.group(2)}********", message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the root logger to a rotating file (1 MiB × 5) and return its path."""
    path = app_dirs().log_file
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(SecretMaskFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_valuezone", False)]:
        root.removeHandler(old)
        old.close()
    handler._valuezone = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    return path
