"""Tools ▸ Web admin page: the device's own web page through the session, in the system browser."""
