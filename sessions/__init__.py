"""Valuezone's Qt-free core: SSH, relay, agent, codes, diagnostics, escalation, recording."""

from sessions.startup import silence_asyncssh_dsa_warning

__version__ = "0.1.0"

# Every entry point (the CLI, relay, agent, bench scripts, tests) imports this package before asyncssh.
silence_asyncssh_dsa_warning()
