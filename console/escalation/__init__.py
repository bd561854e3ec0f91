"""Escalation to HQ in the console: the Escalate dialog and its pages, the outbox service and its dock."""
