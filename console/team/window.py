"""`valuezone review --server HOST:PORT`: the review window on the team's records, on its own."""

from __future__ import annotations

import argparse

from console.review.server_window import ServerReviewWindow
from console.team.service import TeamService


def run_review_server(args: argparse.Namespace) -> int:
    """Open the window; the relay's host key and the technician key's passphrase are asked in it."""
    from console.app.runtime import run_loop, start_application
    from console.kit.notify import show_messages_in
    from sessions.team.client import server_target

    server = server_target(args.server).host_port  # a bad address is said before any window opens
    app, settings = start_application()
    service = TeamService(
        settings, args.key_file, server=server, accept_new=bool(args.accept_new), pushes=False
    )
    window = ServerReviewWindow(service.client, server, str(settings.get("review", "author", "") or ""))
    service.window = window
    show_messages_in(window)
    window.show()
    try:
        return run_loop(app, window.start)
    finally:
        service.close_now()
