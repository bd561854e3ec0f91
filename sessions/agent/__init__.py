"""The customer's agent: shows a code, asks consent, serves SSH inside the tunnel, shows what happens."""
