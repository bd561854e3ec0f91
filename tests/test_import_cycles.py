"""No import cycles in console/, sessions/ or translation/: every import counts, also inside functions."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("console", "sessions", "translation")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def imported_names(name: str, path: Path) -> Iterator[str]:
    """Every module *name* imports, wherever the import statement stands (function, TYPE_CHECKING, ...)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports (a name that is not a module counts as its package)."""
    modules = project_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {target for target in imported_names(name, path) if target in modules}
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component (Tarjan), each as a closed path a → b → … → a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(_path_within(graph, component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _path_within(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest closed path through the component, from its first module by name back to it."""
    start = min(component)
    previous: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & component):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return sorted(component)


def _describe(found: list[list[str]]) -> str:
    return "\n".join(" → ".join(cycle) for cycle in found)


def test_the_walk_sees_function_level_imports() -> None:
    graph = import_graph()
    assert "console.commands" in graph["console.cli"]
    assert "sessions.errors" in graph["console.cli"]
    assert len(graph) > 100


def _within(graph: dict[str, set[str]], roots: set[str]) -> dict[str, set[str]]:
    inside = {name for name in graph if name.split(".")[0] in roots}
    return {name: graph[name] & inside for name in inside}


def test_console_has_no_import_cycle() -> None:
    found = cycles(_within(import_graph(), {"console"}))
    assert not found, "import cycles in console/:\n" + _describe(found)


def test_console_folders_import_each_other_one_way() -> None:
    """console/'s feature folders form no cycle either: the drawing in docs/architecture.md stays true."""
    folders: dict[str, set[str]] = {}
    for name, targets in _within(import_graph(), {"console"}).items():
        folder = ".".join(name.split(".")[:2])
        folders.setdefault(folder, set()).update(".".join(t.split(".")[:2]) for t in targets)
    found = cycles({folder: targets - {folder} for folder, targets in folders.items()})
    assert not found, "console/ folders importing each other:\n" + _describe(found)


def test_core_has_no_import_cycle() -> None:
    found = cycles(_within(import_graph(), {"sessions", "translation"}))
    assert not found, "import cycles in sessions/ or translation/:\n" + _describe(found)


def test_no_import_cycle_across_packages() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + _describe(found)


def test_a_cycle_is_found_and_printed() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert _describe(cycles(graph)) == "a → b → c → a"


def test_the_layout_drawing_lists_every_arrow() -> None:
    """docs/architecture.md's list of arrows between console's folders is the real one."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = doc.split("```arrows\n", 1)[1].split("```", 1)[0]
    written = {}
    for line in block.splitlines():
        source, _, targets = line.partition(" -> ")
        written[source] = {t.strip() for t in targets.split(",")}

    modules = project_modules()

    def name(module: str) -> str:
        top = ".".join(module.split(".")[:2])
        return f"{top.split('.')[1]}/" if modules[top].name == "__init__.py" else f"{top.split('.')[1]}.py"

    real: dict[str, set[str]] = {}
    for module, targets in _within(import_graph(), {"console"}).items():
        if module in ("console", "console.__main__"):
            continue
        for target in targets:
            if target != "console" and name(target) != name(module):
                real.setdefault(name(module), set()).add(name(target))
    assert written == real
