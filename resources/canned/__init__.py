"""Canned replies for the support chat, one TOML file per language."""
