"""The Settings dialog and its Escalation-to-HQ page."""
