"""The team's server: records pushed by technicians, search, review, follow-ups and reports on the relay."""
