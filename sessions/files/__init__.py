"""The device's files over the session's SSH connection: browse, copy each way with progress, change."""

from sessions.files.jobs import Choice, Conflict, Direction
from sessions.files.remote import Kind, Listing, RemoteEntry, RemoteFiles
from sessions.files.transfers import Transfers, TransferState, TransferStatus

__all__ = [
    "Choice",
    "Conflict",
    "Direction",
    "Kind",
    "Listing",
    "RemoteEntry",
    "RemoteFiles",
    "TransferState",
    "TransferStatus",
    "Transfers",
]
