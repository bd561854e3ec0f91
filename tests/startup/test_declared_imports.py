"""Everything the tests import is stdlib, the project, or declared for `pip install -e ".[test]"`."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    """Runtime dependencies plus the test extra: what a fresh `pip install -e ".[test]"` brings."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = project["dependencies"] + extras["test"]
    for spec in extras["test"]:  # "valuezone[gui]": the test extra pulls in another extra of ours
        if match := re.fullmatch(r"valuezone\[([\w,\s-]+)\]", spec.strip()):
            wanted += [dep for extra in match.group(1).split(",") for dep in extras[extra.strip()]]
    return {_norm(re.split(r"[ ;<>=!~\[]", spec, maxsplit=1)[0]) for spec in wanted}


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_every_test_import_is_declared_in_the_test_extra() -> None:
    local = {p.name for p in ROOT.iterdir() if p.is_dir()} | {p.stem for p in ROOT.glob("*.py")}
    owners = packages_distributions()
    declared = _declared()
    problems = []
    files = sorted((ROOT / "tests").rglob("*.py"))
    assert len(files) > 50
    for path in files:
        for top in sorted(_top_level_imports(path)):
            if top in sys.stdlib_module_names or top in local or top == "__future__":
                continue
            dists = {_norm(d) for d in owners.get(top, [])}
            if not dists:
                problems.append(f"{path.relative_to(ROOT)}: {top} is not installed here and not declared")
            elif not dists & declared:
                problems.append(
                    f"{path.relative_to(ROOT)}: {top} ({', '.join(sorted(dists))}) is not declared"
                )
    assert not problems, "add to pyproject.toml's test extra:\n" + "\n".join(problems)
