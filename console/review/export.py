"""The report page, one code path for `valuezone review report` and the window's File ▸ Export report….

Both build the report over the same selection (filters and search words), draw its charts offscreen into
PNGs (needs a QApplication, on the GUI thread), render the page and write it whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from console.review.charts import render_chart_pngs
from sessions.archive import Report, render_html

Renderer = Callable[[Report, dict[str, bytes]], str]


def report_page(report: Report, render: Renderer = render_html) -> str:
    """The self-contained HTML page of *report*, its charts embedded as PNG data URIs."""
    return render(report, render_chart_pngs(report))


def default_name(today: date | None = None) -> str:
    """``review-report-2025-03-10.html``."""
    return f"review-report-{(today or date.today()).isoformat()}.html"
