"""One session tab: banner, terminal and chat over the core's LiveSession; joining by code; ending it."""
