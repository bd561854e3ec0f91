"""`valuezone review --server HOST:PORT`: the review window on the team's records, on its own."""

from __future__ import annotations

import argparse

from console.review.server_source import ServerSource
from console.review.window import ReviewWindow
from console.team.service import TeamService


def run_review_server(args: argparse.Namespace) -> int:
    """Open the window; the relay's host key and the technician key's passphrase are asked in it."""
    from console.app.runtime import run_loop, start_application
    from console.kit.notify import show_messages_in
    from sessions.identity import Identity
    from sessions.team.client import server_targets

    # A bad address is said before any window opens; a deployment's list stays a list.
    server = ",".join(target.host_port for target in server_targets(args.server))
    app, settings = start_application()
    service = TeamService(
        settings, args.key_file, server=server, accept_new=bool(args.accept_new), pushes=False
    )
    identity = Identity.from_settings(settings)  # notes and tags are signed with the technician's name
    author = str(settings.get("review", "author", "") or (identity.label() if identity.name else ""))
    window = ReviewWindow(ServerSource(service.client, server), author)
    service.window = window
    show_messages_in(window)
    window.show()
    try:
        return run_loop(app, window.start)
    finally:
        service.close_now()
