"""The console's link to the team server: pushing finished records, one client for follow-ups and review."""
