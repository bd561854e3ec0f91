"""The agent's texts for the customer, one TOML file per language (read offline, never translated live)."""
