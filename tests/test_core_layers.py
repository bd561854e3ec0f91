"""sessions/ sits below translation/: the core never reaches up, wherever an import statement stands."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    """Every module named by an import in *path*: top level, in functions, under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _reaching(package: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in sorted(_imports(path)):
            if name.split(".")[0] in forbidden:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    return bad


def test_sessions_never_imports_translation_or_console() -> None:
    assert not _reaching("sessions", ("translation", "console")), "\n".join(
        _reaching("sessions", ("translation", "console"))
    )


def test_translation_never_imports_console() -> None:
    assert not _reaching("translation", ("console",))


def test_the_walk_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from translation.masking import Masker\n    import console.app\n")
    assert {"translation.masking", "console.app"} <= _imports(module)
