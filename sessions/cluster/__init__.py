"""Several relays acting as one: membership leases, codes unique across relays, forwarded claims."""
