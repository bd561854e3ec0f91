"""Who the technician is: display name and company from Settings, as records, replies and reports use them."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any

SECTION = "technician"


@dataclass(frozen=True, slots=True)
class Identity:
    """The technician's display name and company (either may be empty until the first run asks)."""

    name: str = ""
    company: str = ""

    @classmethod
    def from_settings(cls, settings: Any) -> Identity:
        """The identity kept in *settings* (a sessions.config.Settings), blanks trimmed."""
        name = str(settings.get(SECTION, "name", "") or "").strip()
        company = str(settings.get(SECTION, "company", "") or "").strip()
        return cls(" ".join(name.split()), " ".join(company.split()))

    def store(self, settings: Any) -> None:
        """Put this identity into *settings* (the caller saves)."""
        settings.set(SECTION, "name", self.name)
        settings.set(SECTION, "company", self.company)

    @property
    def complete(self) -> bool:
        return bool(self.name and self.company)

    def label(self) -> str:
        """How records, follow-ups and reports name the technician: "Kim Minsu (ACME Support)".

        Without a name set, the login name with a note, so a record never passes "root" off as a person.
        """
        name = self.name or f"{getpass.getuser()} (no name set)"
        return f"{name} ({self.company})" if self.company else name

    def fields(self) -> dict[str, str]:
        """The values canned replies fill in: {technician} and {company}."""
        return {"technician": self.name, "company": self.company}

    def missing(self, text: str) -> list[str]:
        """The fields *text* (a canned reply's template) needs that this identity lacks."""
        return [key for key, value in self.fields().items() if "{" + key + "}" in text and not value]

    def key_comment(self) -> str:
        """The comment for the technician key's public line: the name the relay's administrator lists."""
        return self.label() if self.name else ""

    def public_line(self, line: str) -> str:
        """The key's public *line* with this identity as its comment (the key itself unchanged).

        The relay's technicians file is authoritative for who a key is: its comment is the name the
        customer's consent question shows. Sending this line makes that name the one set here.
        """
        parts = line.split(maxsplit=2)
        comment = self.key_comment()
        if len(parts) < 2 or not comment:
            return line
        return f"{parts[0]} {parts[1]} {comment}"
