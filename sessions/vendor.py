"""Who gives the support: a vendor file (name, per-language names, logo, phone, web address) for display.

The customer's agent shows the vendor on its code screen and in the consent question. The vendor comes
from `--vendor FILE`, else from the relay (handed out on the control channel, marked as the relay's
word), else from the packaged resources/vendor.toml (empty unless whoever packages the agent fills it).
A vendor is only ever *shown*: every text goes through `visible()` and a length cap, the logo must be a
small PNG, and nothing in it is ever used as an address, a command or markup.

File format (TOML, UTF-8)::

    name = "Acme Storage Support"
    phone = "+82 2-555-0100"
    url = "https://support.acme.example"
    logo = "acme.png"                  # a PNG beside the file (at most 64 KiB), optional
    [names]                            # the name in the customer's language, optional
    ko = "에이스 스토리지 고객지원"
"""

from __future__ import annotations

import base64
import binascii
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from sessions.errors import ConfigError
from sessions.visible import visible

WIRE_VERSION = 1  # the `vendor` object's schema on the relay's control channel
LOGO_MAX_BYTES = 64 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
LANGUAGES = ("en", "ko", "ja", "zh-TW", "zh-CN")
_LIMITS = {"name": 80, "phone": 40, "url": 200}

FROM_FILE = "file"  # --vendor FILE on this machine
FROM_RELAY = "relay"  # the relay said so: shown with a mark
FROM_PACKAGE = "package"  # resources/vendor.toml


def _clean(value: object, limit: int) -> str:
    """One line of display text: controls shown as symbols, surrounding space dropped, capped."""
    if not isinstance(value, str):
        return ""
    text = visible(" ".join(value.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Vendor:
    """A vendor as shown to the customer. ``source`` says where it came from (file, relay, package)."""

    name: str = ""
    names: Mapping[str, str] = field(default_factory=dict)
    phone: str = ""
    url: str = ""
    logo: bytes = b""  # PNG bytes, checked for the PNG signature and size; decoded only by the window
    source: str = FROM_PACKAGE

    def __bool__(self) -> bool:
        return bool(self.name)

    def name_in(self, lang: str) -> str:
        """The vendor's name in *lang* when the file gives one, else its name."""
        return self.names.get(lang) or self.name

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str, logo: bytes = b"") -> Vendor:
        """A vendor from parsed TOML or JSON: unknown keys ignored, every text made safe to show."""
        names_in = data.get("names")
        names = {
            lang: _clean(names_in.get(lang), _LIMITS["name"])
            for lang in LANGUAGES
            if isinstance(names_in, Mapping) and _clean(names_in.get(lang), _LIMITS["name"])
        }
        url = _clean(data.get("url"), _LIMITS["url"])
        if url and not url.lower().startswith(("https://", "http://")):
            url = ""  # shown as text, never opened: still, only a web address belongs here
        return cls(
            name=_clean(data.get("name"), _LIMITS["name"]),
            names=names,
            phone=_clean(data.get("phone"), _LIMITS["phone"]),
            url=url,
            logo=logo if _is_png(logo) else b"",
            source=source,
        )

    # --- on the relay's control channel ------------------------------------------------------------
    def to_wire(self) -> dict[str, Any]:
        """The `vendor` object the relay sends (schema WIRE_VERSION)."""
        wire: dict[str, Any] = {"v": WIRE_VERSION, "name": self.name, "names": dict(self.names)}
        if self.phone:
            wire["phone"] = self.phone
        if self.url:
            wire["url"] = self.url
        if self.logo:
            wire["logo_png"] = base64.b64encode(self.logo).decode("ascii")
        return wire

    @classmethod
    def from_wire(cls, wire: object) -> Vendor | None:
        """The relay's vendor, or None when it sent none, or one of a schema this agent does not know."""
        if not isinstance(wire, Mapping) or wire.get("v") != WIRE_VERSION:
            return None
        logo = b""
        encoded = wire.get("logo_png")
        if isinstance(encoded, str) and len(encoded) <= LOGO_MAX_BYTES * 4 // 3 + 4:
            try:
                logo = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                logo = b""
        vendor = cls.from_mapping(wire, source=FROM_RELAY, logo=logo)
        return vendor or None


def _is_png(data: bytes) -> bool:
    return 0 < len(data) <= LOGO_MAX_BYTES and data.startswith(PNG_MAGIC)


def load(path: Path, *, source: str = FROM_FILE) -> Vendor:
    """Read a vendor file; raises ConfigError (what is wrong, what to do) when it cannot be used."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"The vendor file {path} cannot be read ({exc.strerror}).",
            "Check the path given to --vendor.",
            code="vendor.unreadable",
            params={"path": path, "reason": exc.strerror},
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"The vendor file {path} is not valid TOML ({exc}).",
            "Fix the file (name, phone, url, logo, [names]) or leave --vendor out.",
            code="vendor.invalid_toml",
            params={"path": path, "exc": exc},
        ) from exc
    logo = b""
    logo_name = data.get("logo")
    if isinstance(logo_name, str) and logo_name:
        logo = _read_logo(path.parent / logo_name, path)
    vendor = Vendor.from_mapping(data, source=source, logo=logo)
    if not vendor.name and source == FROM_FILE:
        raise ConfigError(
            f"The vendor file {path} has no name.",
            'Add a line such as name = "Acme Storage Support".',
            code="vendor.no_name",
            params={"path": path},
        )
    return vendor


def _read_logo(logo: Path, vendor_file: Path) -> bytes:
    try:
        data = logo.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"The logo {logo} named in {vendor_file} cannot be read ({exc.strerror}).",
            "Put the PNG beside the vendor file, or remove the logo line.",
            code="vendor.logo_unreadable",
            params={"logo": logo, "path": vendor_file, "reason": exc.strerror},
        ) from exc
    if not _is_png(data):
        raise ConfigError(
            f"The logo {logo} is not a PNG of at most {LOGO_MAX_BYTES // 1024} KiB.",
            "Save the logo as a small PNG (e.g. 128 × 128 pixels).",
            code="vendor.logo_invalid",
            params={"logo": logo, "path": vendor_file, "max_kib": LOGO_MAX_BYTES // 1024},
        )
    return data


def packaged() -> Vendor:
    """The vendor in resources/vendor.toml (empty when nobody filled it in)."""
    entry = resources.files("resources").joinpath("vendor.toml")
    if not entry.is_file():
        return Vendor()
    with resources.as_file(entry) as path:
        try:
            return load(path, source=FROM_PACKAGE)
        except ConfigError:
            return Vendor()


def demo_file() -> Path:
    """The demo's vendor file (resources/demo/vendor.toml), for `valuezone demo` and the screenshots."""
    return Path(str(resources.files("resources").joinpath("demo").joinpath("vendor.toml")))


def chosen(local: Vendor | None, relay: Vendor | None) -> Vendor:
    """What the agent shows: its own --vendor file, else the relay's, else the packaged one."""
    if local:
        return local
    if relay:
        return replace(relay, source=FROM_RELAY)
    return packaged()
