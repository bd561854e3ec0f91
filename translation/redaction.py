"""Moved to sessions.redaction (translation/ sits above sessions/); kept until console/ imports it there."""

from sessions.redaction.redactor import MIN_KNOWN, RedactionResult, Redactor, Rule, Span

__all__ = ["MIN_KNOWN", "RedactionResult", "Redactor", "Rule", "Span"]
