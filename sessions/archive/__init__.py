"""The archive of session records: incremental FTS5 index, search, reports and Qt-free playback."""

from sessions.archive.extract import Doc, Facts
from sessions.archive.index import ArchiveIndex, IndexStats, open_index
from sessions.archive.moments import pinpoint
from sessions.archive.playback import SPEEDS, Marker, Playback, markers_of
from sessions.archive.reports import (
    CHARTS,
    Recurring,
    Report,
    build_report,
    describe,
    duration_text,
    percent,
    render_html,
    save_page,
)
from sessions.archive.schema import ArchiveIndexError, default_index_path
from sessions.archive.search import (
    Filters,
    Hit,
    SessionRow,
    fts_query,
    languages,
    platforms,
    search,
    selection,
    sessions,
    term_patterns,
)

__all__ = [
    "CHARTS",
    "SPEEDS",
    "ArchiveIndex",
    "ArchiveIndexError",
    "Doc",
    "Facts",
    "Filters",
    "Hit",
    "IndexStats",
    "Marker",
    "Playback",
    "Recurring",
    "Report",
    "SessionRow",
    "build_report",
    "default_index_path",
    "describe",
    "duration_text",
    "fts_query",
    "languages",
    "markers_of",
    "open_index",
    "percent",
    "pinpoint",
    "platforms",
    "render_html",
    "save_page",
    "search",
    "selection",
    "sessions",
    "term_patterns",
]
