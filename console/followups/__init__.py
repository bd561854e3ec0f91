"""The Follow-ups dock: open follow-ups from the archive, open a record, close one with a note."""
