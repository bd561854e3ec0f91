"""NAS and Linux health checks: TOML profiles, pure parsers, a concurrent runner, offline re-analysis."""

from sessions.diagnostics.checks import CheckResult
from sessions.diagnostics.findings import Finding, Status, exit_code, worst
from sessions.diagnostics.offline import analyse_folder
from sessions.diagnostics.profiles import (
    Check,
    Profile,
    allowed_commands,
    is_allowed,
    load_profile,
    profile_names,
)
from sessions.diagnostics.raw import CommandResult
from sessions.diagnostics.recorded import diagnose, start_run
from sessions.diagnostics.runner import DiagnosticsRunner, detect_profile, resolve_profile

__all__ = [
    "Check",
    "CheckResult",
    "CommandResult",
    "DiagnosticsRunner",
    "Finding",
    "Profile",
    "Status",
    "allowed_commands",
    "analyse_folder",
    "detect_profile",
    "diagnose",
    "exit_code",
    "is_allowed",
    "load_profile",
    "profile_names",
    "resolve_profile",
    "start_run",
    "worst",
]
