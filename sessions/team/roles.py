"""Who is who on the team server: roles and teams from the options before a key in the technicians file.

    role="lead",team="seoul,busan" ssh-ed25519 AAAA… Kim Minsu <kim@acme.example>

Options follow OpenSSH's authorized_keys rules: comma-separated, no spaces except inside double quotes.
The relay reads `role` (technician, the default; lead; hq; admin) and `team` (one or more team names,
comma-separated); other OpenSSH options are accepted and ignored.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

KEY_PREFIXES = ("ssh-", "ecdsa-", "sk-", "rsa-sha2")
_EMAIL = re.compile(r"<([^<>\s]+@[^<>\s]+)>")
_TEAM = re.compile(r"^[^\s,\"'\\]{1,64}$")


class Role(enum.StrEnum):
    """What a member may see: their own records; their teams'; escalations; everything."""

    TECHNICIAN = "technician"
    LEAD = "lead"
    HQ = "hq"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Member:
    """One technicians-file entry as the team server sees it. Never holds a secret."""

    identity: str  # what records and the audit table name: the e-mail in the comment, else the comment
    name: str  # the comment: the name customers see
    role: Role
    teams: tuple[str, ...]
    fingerprint: str

    def to_json(self) -> dict[str, object]:
        return {
            "identity": self.identity,
            "name": self.name,
            "role": str(self.role),
            "teams": list(self.teams),
        }


class OptionsError(ValueError):
    """The options before a key cannot be read (the message says which and why)."""


def split_line(line: str) -> tuple[str, str, str] | None:
    """(options, `type base64`, comment) of one authorized_keys line, or None when it holds no key."""
    options, rest = "", line.strip()
    if not rest.startswith(KEY_PREFIXES):
        options, rest = _take_options(rest)
    fields = rest.split()
    if len(fields) < 2 or not fields[0].startswith(KEY_PREFIXES):
        return None
    return options, f"{fields[0]} {fields[1]}", " ".join(fields[2:])


def _take_options(text: str) -> tuple[str, str]:
    """Split off the options field: it ends at the first space outside double quotes."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"' and (index == 0 or text[index - 1] != "\\"):
            quoted = not quoted
        elif char.isspace() and not quoted:
            return text[:index], text[index:].strip()
    if quoted:
        raise OptionsError("a double quote is not closed")
    return text, ""


def parse_options(text: str) -> dict[str, str]:
    """`role="lead",team="seoul,busan",no-pty` → {"role": "lead", "team": "seoul,busan", "no-pty": ""}."""
    found: dict[str, str] = {}
    pattern = re.compile(r'\s*([A-Za-z0-9_-]+)(?:="((?:[^"\\]|\\.)*)")?\s*(?:,|$)')
    position = 0
    while position < len(text):
        match = pattern.match(text, position)
        if match is None or match.end() == position:
            raise OptionsError(f"cannot read the options from {text[position:][:30]!r}")
        found[match.group(1).lower()] = (match.group(2) or "").replace('\\"', '"')
        position = match.end()
    return found


def identity_of(comment: str, fingerprint: str) -> str:
    """The e-mail address in `Kim Minsu <kim@acme.example>`; else the comment; else the key fingerprint."""
    email = _EMAIL.search(comment)
    if email:
        return email.group(1).lower()
    return comment.strip() or fingerprint


def member_from(options: str, fingerprint: str, comment: str) -> Member:
    """The member a line describes; OptionsError for an unknown role or a bad team name."""
    values = parse_options(options) if options else {}
    role_text = values.get("role", Role.TECHNICIAN.value).strip().lower()
    try:
        role = Role(role_text)
    except ValueError:
        choices = ", ".join(role.value for role in Role)
        raise OptionsError(f'role="{role_text}" is not a role (use one of {choices})') from None
    teams: list[str] = []
    for raw in values.get("team", "").split(","):
        team = raw.strip().lower()
        if not team:
            continue
        if not _TEAM.match(team):
            raise OptionsError(f"team name {raw!r} has a space or quote, or is longer than 64 characters")
        if team not in teams:
            teams.append(team)
    return Member(identity_of(comment, fingerprint), comment or fingerprint, role, tuple(teams), fingerprint)
