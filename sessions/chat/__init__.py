"""Chat between technician and customer: the message schema and its channel inside the session (Qt-free)."""
