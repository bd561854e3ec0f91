"""Every error a person reads has a stable code: one code, one message; variable parts given as params."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import sessions.errors as errors_module
from sessions.errors import SupportError

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z0-9_]*)+$")


def _import_all() -> None:
    import importlib
    import pkgutil

    for package in ("sessions", "translation"):
        base = importlib.import_module(package)
        for info in pkgutil.walk_packages(base.__path__, f"{package}."):  # type: ignore[attr-defined]
            importlib.import_module(info.name)


def _classes() -> dict[str, type[SupportError]]:
    """Every SupportError subclass by name (sessions.errors and any defined elsewhere)."""
    _import_all()
    found: dict[str, type[SupportError]] = {}
    todo: list[type[SupportError]] = [SupportError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


@dataclass(frozen=True)
class Site:
    where: str
    cls: str
    code: str
    message: str
    has_params: bool
    formatted: bool


# The SSH client's errors are rewritten on the `keys` branch (connection stages); they get their codes there.
PENDING: set[str] = set()


def _literal(node: ast.expr | None, names: dict[str, str] | None = None) -> str:
    """The text of a message: an f-string's parts become {param} when the params name them."""
    if node is None:
        return ""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                source = ast.unparse(value.value)  # type: ignore[attr-defined]
                parts.append("{" + (names or {}).get(source, source) + "}")
        return "".join(parts)
    return ast.unparse(node)


def _param_names(node: ast.expr | None) -> dict[str, str]:
    """Source of each params value → its key (``{"path": self.path}`` → {"self.path": "path"})."""
    if not isinstance(node, ast.Dict):
        return {}
    return {
        ast.unparse(value): key.value
        for key, value in zip(node.keys, node.values, strict=True)
        if isinstance(key, ast.Constant)
    }


def _reason_first(cls: type[SupportError]) -> bool:
    """TeamRefusal(reason, message, hint): the message is its second argument."""
    import inspect

    return next(iter(inspect.signature(cls).parameters)) == "reason"


def sites(paths: list[Path] | None = None) -> list[Site]:
    """Each construction of a SupportError class in *paths* (default: sessions/ and translation/)."""
    classes = _classes()
    out = []
    if paths is None:
        paths = [*ROOT.glob("sessions/**/*.py"), *ROOT.glob("translation/**/*.py")]
    for path in sorted(paths):
        if str(path.relative_to(ROOT)) in PENDING:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if isinstance(node.func, ast.Attribute):
                name = node.func.attr
            if name not in classes or not node.args:
                continue
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            args = node.args[1:] if _reason_first(classes[name]) else node.args
            code = _literal(keywords.get("code")) or classes[name].default_code
            if "code" in keywords and not isinstance(keywords["code"], ast.Constant):
                code = "dynamic.code"  # chosen at run time from a table (e.g. translation.providers.explain)
            names = _param_names(keywords.get("params"))
            message = _literal(args[0], names)
            hint = _literal(args[1] if len(args) > 1 else keywords.get("hint"), names)
            out.append(
                Site(
                    where=f"{path.relative_to(ROOT)}:{node.lineno}",
                    cls=name,
                    code=code,
                    message=f"{message} {hint}".strip(),
                    has_params="params" in keywords,
                    formatted=isinstance(args[0], ast.JoinedStr)
                    and any(isinstance(v, ast.FormattedValue) for v in args[0].values),
                )
            )
    return out


def test_every_class_has_its_own_well_formed_code() -> None:
    by_code = defaultdict(list)
    for cls in _classes().values():
        assert CODE.match(cls.default_code) or cls is SupportError, cls
        by_code[cls.default_code].append(cls.__name__)
    assert all(len(names) == 1 for names in by_code.values()), by_code


def test_one_code_one_message_and_variable_parts_as_params() -> None:
    found = sites()
    assert len(found) > 100
    messages: dict[str, set[str]] = defaultdict(set)
    problems = []
    for site in found:
        if not CODE.match(site.code):
            problems.append(f"{site.where}: {site.cls} without a code of its own (code=...)")
        if site.formatted and not site.has_params:
            problems.append(f"{site.where}: {site.code}: the message has variable parts but no params=")
        if site.code != "dynamic.code":
            messages[site.code].add(site.message)
    for code, texts in messages.items():
        if len(texts) > 1:
            where = [s.where for s in found if s.code == code]
            problems.append(f"{code}: {len(texts)} different messages share it ({', '.join(where)})")
    assert not problems, "\n".join(problems)


def test_codes_and_params_reach_the_reader() -> None:
    from sessions.errors import DeliveryError

    error = DeliveryError(
        "HQ refused the bundle.", "Check the token.", code="delivery.refused", params={"status": 403}
    )
    assert (error.code, error.params, str(error)) == (
        "delivery.refused",
        {"status": 403},
        "HQ refused the bundle. Check the token.",
    )
    assert SupportError("Something.").code == "error"
    assert errors_module.CodeTypoError("x").code == "code.typo"


DOC = ROOT / "docs" / "errors.md"
HEADER = """\
# Error codes

Written by `tests/test_error_codes.py` from the raise sites in sessions/ and translation/; do not edit by
hand. Every `SupportError` has a stable `code` and `params` besides its English `message` and `hint`
(`str(error)` is both). A UI shows an error in the reader's language by its code: the console through
`tr()` (console/app/error_texts.py, written from the raise sites of every core module the console imports
by tests/console/test_error_catalogue.py; Korean in resources/i18n), the agent through its catalogue
(resources/agent/<lang>.toml), the CLI in English. `{name}` below is `params["name"]`. Codes never change
meaning; a new situation gets a new code."""


def render(found: list[Site]) -> str:
    rows: dict[str, Site] = {}
    for site in found:
        if site.code != "dynamic.code":
            rows.setdefault(site.code, site)
    classes = sorted(_classes().values(), key=lambda cls: cls.default_code)
    lines = ["# Error codes", "", *HEADER.splitlines()[2:], "", "## Classes and their default codes", ""]
    lines += ["| class | default code | meaning |", "|---|---|---|"]
    for cls in classes:
        meaning = (cls.__doc__ or "").strip().splitlines()[0]
        lines.append(f"| `{cls.__name__}` | `{cls.default_code}` | {meaning} |")
    lines += ["", "## Codes raised", "", "| code | class | English text |", "|---|---|---|"]
    for code in sorted(rows):
        site = rows[code]
        text = site.message.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{code}` | `{site.cls}` | {text} |")
    return "\n".join(lines) + "\n"


def test_docs_errors_is_written_from_the_raise_sites() -> None:
    text = render(sites())
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if old != text:
        DOC.write_text(text, encoding="utf-8")
    assert old == text, "docs/errors.md was out of date and has been rewritten: commit it"
