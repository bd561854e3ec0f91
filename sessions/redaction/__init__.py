"""Secrets found and removed before text leaves the console: chat lines, translation requests, bundles."""

from sessions.redaction.redactor import MIN_KNOWN, RedactionResult, Redactor, Rule, Span

__all__ = ["MIN_KNOWN", "RedactionResult", "Redactor", "Rule", "Span"]
