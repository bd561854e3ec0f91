"""Every error code that can reach the console has its text in the console's catalogue, and Korean for it.

Which codes can reach the console: those raised in a core module the console imports (directly or through
other core modules) — a TeamRefusal's code travels from the team server to the console too, and the team
server's modules are in that set. The catalogue (console/app/error_texts.py) is WRITTEN by this test from
those raise sites, word for word, variable parts as ``{param}``; a raise site whose words cannot be written
as a template (built in a variable) must be listed in DYNAMIC with the reason. Then every catalogue text
needs a Korean translation in resources/i18n/valuezone_ko.ts (run ``bash scripts/i18n``, translate, run it
again).
"""

from __future__ import annotations

import ast
import functools
import html
import importlib
import inspect
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from console.app.errors import CATALOGUE, WORDS
from sessions.errors import SupportError
from tests.test_error_codes import _classes

ROOT = Path(__file__).resolve().parents[2]
TEXTS_FILE = ROOT / "console" / "app" / "error_texts.py"
KO = ROOT / "resources" / "i18n" / "valuezone_ko.ts"

# (module path, code) → why its words are not a template. The console shows these in the core's English.
DYNAMIC: dict[tuple[str, str], str] = {
    ("sessions/recording/verify.py", "record.check_failed"): "the checker's detail line, English by design",
    ("sessions/relay/joined.py", "session.closed_while_joining"): "the relay's own closing reason",
    ("sessions/team/context.py", "team.bad_request"): "the caller's message (a protocol error)",
    ("sessions/team/service.py", "dynamic.code"): "re-raises another error's words with its code",
    ("sessions/team/client.py", "dynamic.code"): "the server's code and words, rendered by that code",
    ("translation/providers.py", "dynamic.code"): "one of several provider failures chosen in variables",
    ("sessions/escalation/delivery/https.py", "delivery.token_refused"): "HQ's own words appended",
    ("sessions/escalation/delivery/https.py", "delivery.too_large"): "HQ's own words appended",
    ("sessions/escalation/delivery/https.py", "delivery.http_error"): "HQ's own words appended",
    ("sessions/team/ingest.py", "team.record_refused"): "the caller's message and hint",
}


@dataclass(frozen=True)
class Entry:
    where: str
    code: str
    text: str | None  # None: not a template (see DYNAMIC)
    hint: str | None


_REACH = """
import importlib, pkgutil, sys
import console
for info in pkgutil.walk_packages(console.__path__, "console."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
print("\\n".join(name for name in sys.modules if name.split(".")[0] in ("sessions", "translation")))
"""


@functools.cache
def console_reach() -> frozenset[str]:
    """The core modules (sessions.*, translation.*) loaded once every console module is imported.

    Asked of a fresh interpreter: this one has imported every core module (tests.test_error_codes).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _REACH], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return frozenset(done.stdout.split())


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _constant(node: ast.expr, module: ModuleType) -> str | None:
    """A module-level constant (``REBUILD``, ``protocol.Reason.UNANNOUNCED``) as text, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int):
        return _escape(str(node.value))
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or (parts == [] and node.id[:1].islower()):
        return None
    value: object = vars(module).get(node.id)
    for part in parts:
        value = getattr(value, part, None)
    return _escape(str(value)) if isinstance(value, str) else None


def _local(node: ast.expr, function: ast.AST | None) -> ast.expr:
    """A name bound once in the enclosing function to a string literal: that literal."""
    if not isinstance(node, ast.Name) or function is None:
        return node
    bound = [
        statement.value
        for statement in ast.walk(function)
        if isinstance(statement, ast.Assign) and [ast.unparse(t) for t in statement.targets] == [node.id]
    ]
    if len(bound) == 1 and isinstance(bound[0], ast.Constant) and isinstance(bound[0].value, str):
        return bound[0]
    return node


def _template(
    node: ast.expr | None, names: dict[str, str], module: ModuleType, function: ast.AST | None = None
) -> str | None:
    """The words of a message as a str.format template over its params, or None when they are not."""
    if node is None:
        return ""
    node = _local(node, function)
    if isinstance(node, ast.JoinedStr):
        out = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                out.append(_escape(str(value.value)))
                continue
            assert isinstance(value, ast.FormattedValue)
            source = ast.unparse(value.value)
            if source in names:
                conversion = f"!{chr(value.conversion)}" if value.conversion != -1 else ""
                spec = ast.unparse(value.format_spec)[2:-1] if value.format_spec else ""
                out.append("{" + names[source] + conversion + (f":{spec}" if spec else "") + "}")
            elif (inlined := _constant(value.value, module)) is not None:
                out.append(inlined)
            else:
                return None
        return "".join(out)
    return _constant(node, module)


def _params(call: ast.Call, function: ast.AST | None) -> dict[str, str]:
    """Source of each params value → its key; ``params=params`` is looked up in the enclosing function."""
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    node = keywords.get("params")
    if isinstance(node, ast.Name) and function is not None:
        name = node.id
        for statement in ast.walk(function):
            if isinstance(statement, ast.Assign) and [ast.unparse(t) for t in statement.targets] == [name]:
                node = statement.value
    if not isinstance(node, ast.Dict):
        return {}
    return {
        ast.unparse(value): key.value
        for key, value in zip(node.keys, node.values, strict=True)
        if isinstance(key, ast.Constant)
    }


def _functions(tree: ast.AST) -> Iterator[tuple[ast.AST | None, ast.Call]]:
    """Each call with its enclosing function (None at module level)."""

    def visit(node: ast.AST, function: ast.AST | None) -> Iterator[tuple[ast.AST | None, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Call):
                yield function, child
            yield from visit(child, inner)

    yield from visit(tree, None)


def entries(reach: frozenset[str]) -> list[Entry]:
    """Each SupportError constructed in a core module the console reaches."""
    classes = _classes()
    out = []
    for path in sorted([*ROOT.glob("sessions/**/*.py"), *ROOT.glob("translation/**/*.py")]):
        name = _module_name(path)
        if name not in reach:
            continue
        module = importlib.import_module(name)
        for function, call in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            func = call.func
            cls_name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if cls_name not in classes or not call.args:
                continue
            cls = classes[cls_name]
            skip = 1 if next(iter(inspect.signature(cls).parameters)) == "reason" else 0  # TeamRefusal
            args = call.args[skip:]
            keywords = {k.arg: k.value for k in call.keywords if k.arg}
            code_node = keywords.get("code")
            code = cls.default_code
            if code_node is not None:
                code = code_node.value if isinstance(code_node, ast.Constant) else "dynamic.code"
            names = _params(call, function)
            hint_node = args[1] if len(args) > 1 else keywords.get("hint")
            where = str(path.relative_to(ROOT))
            text = _template(args[0], names, module, function) if args else None
            hint = _template(hint_node, names, module, function)
            out.append(Entry(f"{where}:{call.lineno}", code, text, hint))
    return out


def render(found: list[Entry]) -> str:
    dynamic = {entry.code for entry in found if entry.text is None or entry.hint is None}
    rows: dict[str, Entry] = {}
    for entry in found:
        if entry.code not in dynamic:
            rows.setdefault(entry.code, entry)
    lines = [
        "# ruff: noqa: E501",
        '"""The console\'s error texts, WRITTEN by tests/console/test_error_catalogue.py from the core."""',
        "",
        "from __future__ import annotations",
        "",
        "",
        "def QT_TRANSLATE_NOOP(context: str, text: str) -> str:",
        '    """Marks *text* for translation in *context*; it is translated where it is shown."""',
        "    return text",
        "",
        "",
        "# code → (what happened, what to do next), word for word as the core raises it; {name}: params.",
        "TEXTS: dict[str, tuple[str, str]] = {",
    ]
    for code in sorted(rows):
        entry = rows[code]
        pair = [f'QT_TRANSLATE_NOOP("Errors", {t!r})' if t else '""' for t in (entry.text, entry.hint)]
        lines += [f"    {code!r}: (", f"        {pair[0]},", f"        {pair[1]},", "    ),"]
    lines.append("}")
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(TEXTS_FILE), "-"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return formatted.stdout


def test_every_code_that_reaches_the_console_is_in_its_catalogue() -> None:
    found = entries(console_reach())
    assert len(found) > 200
    dynamic = {
        (entry.where.split(":")[0], entry.code) for entry in found if entry.text is None or entry.hint is None
    }
    unexplained = sorted(f"{where}: {code}" for where, code in dynamic - set(DYNAMIC))
    assert not unexplained, (
        "words that are not a template over params (give the variable parts as params=):\n"
        + ("\n".join(unexplained))
    )
    assert not set(DYNAMIC) - dynamic, f"DYNAMIC lists sites that are templates now: {set(DYNAMIC) - dynamic}"
    text = render(found)
    old = TEXTS_FILE.read_text(encoding="utf-8") if TEXTS_FILE.exists() else ""
    if old != text:
        TEXTS_FILE.write_text(text, encoding="utf-8")
    assert old == text, "console/app/error_texts.py was rewritten: run bash scripts/i18n, add Korean, commit"


def _fields(text: str) -> set[tuple[str, str, str]]:
    """Each {name!conversion:spec}: a translation keeps them all, as they are."""
    return {
        (name, spec or "", conversion or "")
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name
    }


def _korean(context: str) -> dict[str, str]:
    text = KO.read_text(encoding="utf-8")
    found = re.search(rf"<name>{context}</name>(.*?)</context>", text, re.S)
    assert found is not None, f"no {context} context in valuezone_ko.ts"
    pairs = re.findall(
        r"<source>(.*?)</source>(?:\s*<comment>.*?</comment>)?\s*<translation>(.*?)</translation>",
        found.group(1),
        re.S,
    )
    return {html.unescape(source): html.unescape(target) for source, target in pairs}


def test_every_catalogue_text_reads_in_korean_with_the_same_fields() -> None:
    korean = _korean("Errors")
    missing = []
    for code, texts in CATALOGUE.items():
        for english in filter(None, texts):
            target = korean.get(english, "")
            if not re.search("[가-힣]", target) or _fields(target) != _fields(english):
                missing.append(f"{code}: {english!r} → {target!r}")
    assert not missing, f"{len(missing)} texts without Korean (or other fields):\n" + "\n".join(missing)


def test_every_word_given_as_a_param_reads_in_korean() -> None:
    korean = _korean("ErrorWords")
    for param, words in WORDS.items():
        for english in words:
            assert re.search("[가-힣]", korean.get(english, "")), f"{param}: no Korean for {english!r}"


def test_the_file_verbs_the_core_passes_are_all_words_the_console_knows() -> None:
    """files.remote.explain(exc, what, path): every *what* a caller passes is in WORDS["what"]."""
    said = set()
    for path in ROOT.glob("sessions/files/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "explain" and len(node.args) > 1:
                assert isinstance(node.args[1], ast.Constant), ast.unparse(node)
                said.add(node.args[1].value)
    assert said and said <= set(WORDS["what"]), said - set(WORDS["what"])


def test_a_code_missing_from_the_catalogue_would_be_caught() -> None:
    """The walk sees a new raise site in a module the console reaches (here: sessions.files.remote)."""
    reach = console_reach()
    assert {"sessions.files.remote", "sessions.webadmin", "sessions.team.service"} <= reach
    codes = {entry.code for entry in entries(reach)}
    assert (
        {"files.read_only", "webadmin.refused", "team.forbidden_role"}
        <= codes
        <= set(CATALOGUE) | {code for _, code in DYNAMIC}
    )
    assert isinstance(SupportError("x").code, str)


def test_the_stage_phrases_and_foreign_services_are_words_the_console_knows() -> None:
    from sessions.ssh import failures, stages

    assert {stage.phrase for stage in stages.ConnectStage} == set(WORDS["phrase"])
    assert set(failures._SPOKE.values()) == set(WORDS["service"])


def test_a_korean_console_reads_a_refused_sftp_delete_in_korean(qapp: object) -> None:
    """files.* (the file browser) and webadmin.* read Korean, the verb included."""
    from console.app.errors import render_coded
    from console.app.i18n import install_translator

    assert install_translator("ko") == "ko"
    try:
        params = {"what": "delete", "path": "/share/a.txt", "reason": "denied"}
        rendered = render_coded("files.permission_denied", params, "English.")
        web = render_coded("webadmin.refused", {"port": 443, "reason": "no"}, "English.")
    finally:
        install_translator("en")
    for text in (rendered.text, rendered.hint, web.text, web.hint):
        assert re.search("[가-힣]", text) and "English" not in text, text
    assert "/share/a.txt" in rendered.text and "delete" not in rendered.text


def _team_requirements() -> list[tuple[str, str]]:
    """Each sessions.team `require(actor, *roles, what=…)`: (the roles as the core joins them, what)."""
    from sessions.team.roles import Role

    found = []
    for path in ROOT.glob("sessions/team/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "require":
                what = {k.arg: k.value for k in node.keywords}["what"]
                assert isinstance(what, ast.Constant), ast.unparse(node)
                roles = [Role[ast.unparse(arg).removeprefix("Role.")].value for arg in node.args[1:]]
                found.append((" or ".join(roles), what.value))
    return found


def test_the_team_actions_and_roles_the_core_passes_are_words_the_console_knows() -> None:
    """team.forbidden_role ("Only {names} may {what}; you are {role}."): every action, every set of roles
    a require() names, and every role a member can have are words the console translates."""
    from sessions.team.roles import Role

    required = _team_requirements()
    assert len(required) >= 9
    assert {what for _, what in required} <= set(WORDS["what"]), {w for _, w in required} - set(WORDS["what"])
    assert {names for names, _ in required} <= set(WORDS["names"])
    assert {role.value for role in Role} <= set(WORDS["role"])


def test_the_kinds_of_thing_found_where_a_record_file_should_be_are_words_the_console_knows() -> None:
    """record.not_a_file ("{path} is {kind} where a file should be."): every kind safeio names."""
    import stat

    from sessions.recording import safeio

    modes = (stat.S_IFDIR, stat.S_IFIFO, stat.S_IFSOCK, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFLNK)
    kinds = {safeio._kind(mode) for mode in modes}
    assert len(kinds) == 5 and kinds <= set(WORDS["kind"]), kinds - set(WORDS["kind"])


def test_a_korean_console_reads_a_refused_team_action_and_a_strange_record_file_in_korean(
    qapp: object, tmp_path: Path
) -> None:
    """No English word left in the text: the action, the roles and the kind of file are translated."""
    from console.app.errors import render_error
    from console.app.i18n import install_translator
    from sessions.errors import RecordError
    from sessions.recording.safeio import open_regular
    from sessions.team.access import require
    from sessions.team.database import Actor
    from sessions.team.protocol import TeamRefusal
    from sessions.team.roles import Role

    with pytest.raises(TeamRefusal) as refused:
        require(
            Actor("kim@example.com", "technician", ("seoul",)), Role.LEAD, Role.ADMIN, what="start campaigns"
        )
    (tmp_path / "events.jsonl").mkdir()
    with pytest.raises(RecordError) as strange:
        open_regular(tmp_path / "events.jsonl")
    assert install_translator("ko") == "ko"
    try:
        team, record = render_error(refused.value), render_error(strange.value)
    finally:
        install_translator("en")
    assert team.text == "캠페인 시작은(는) 리드 또는 관리자만 할 수 있습니다. 당신의 역할은 기술자입니다."
    assert record.text.startswith("파일이 있어야 할 events.jsonl이(가) 폴더입니다")
    for text in (team.text, team.hint, record.text.replace("events.jsonl", ""), record.hint):
        assert not re.search("[A-Za-z]{2,}", text), text
