"""The device's platform in a few words ("DSM 7.2", "QTS 5.1", "Debian 12") for session.json `platform`.

Read from the output of a profile's `os` check (DSM's /etc.defaults/VERSION, QTS's version, os-release),
so the archive's recurring findings can say "md degraded on DSM 7.2: 5 sessions".
"""

from __future__ import annotations

import re

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.profiles import Profile
from sessions.errors import DiagnosticsError

OS_CHECK = "os"


def _values(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
            values[key.strip()] = value.strip().strip("'\"")
    return values


def _major_minor(version: str) -> str:
    parts = re.findall(r"\d+", version)
    return ".".join(parts[:2])


def platform_label(text: str, product: str = "") -> str:
    """A short platform name from a version output; '' when the output names none.

    *product* names a bare version number (QTS prints only ``5.1.0``): ``QNAP QTS`` → ``QTS 5.1``.
    """
    values = _values(text)
    if "buildnumber" in values:
        version = (
            values.get("productversion")
            or f"{values.get('majorversion', '')}.{values.get('minorversion', '')}"
        )
        return f"{values.get('os_name') or 'DSM'} {_major_minor(version)}".strip()
    if "NAME" in values or "ID" in values:
        name = values.get("NAME") or values.get("ID", "").capitalize()
        name = re.sub(r"\s+GNU/Linux$", "", name).strip()
        version = values.get("VERSION_ID", "")
        return f"{name} {version}".strip()
    bare = text.strip()
    if re.fullmatch(r"\d+(\.\d+)+", bare) and product:
        return f"{product.split()[-1]} {_major_minor(bare)}"
    return ""


def platform_of(finding: Finding, profile: Profile) -> str:
    """The platform a finding of *profile*'s `os` check shows ('' for any other finding)."""
    if finding.check != OS_CHECK or finding.status is Status.ERROR or not finding.evidence:
        return ""
    try:
        product = str(profile.check(OS_CHECK).params.get("product", ""))
    except DiagnosticsError:  # a profile without an os check: the output alone has to do
        product = ""
    return platform_label("\n".join(finding.evidence), product)
