"""Valuezone's Qt-free core: SSH, relay, agent, codes, diagnostics, escalation, recording."""

__version__ = "0.1.0"
