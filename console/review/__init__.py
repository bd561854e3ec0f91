"""The review window for leads: sessions table, search, player, notes and tags, report charts."""
