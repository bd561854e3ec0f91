"""Data files (profiles, rules, canned replies, glossary, UI translations), read with importlib.resources."""
