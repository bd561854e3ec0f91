"""Report charts with QtCharts: shown in the review window, rendered offscreen to PNG for the HTML export."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QObject, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from console.kit.widgets import named
from sessions.archive import Report, duration_text, percent

PNG_SIZE = (720, 360)
_RECURRING_SHOWN = 10


class _Tr(QObject):
    """Owner of chart titles for translation (charts are built outside any widget)."""


def _tr(text: str) -> str:
    return _Tr().tr(text)


def _bar_chart(title: str, labels: list[str], values: list[int], *, horizontal: bool = False) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    bars = QBarSet(title)
    bars.append([float(v) for v in values])
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    counts = QValueAxis()
    top = max([1, *values])
    step = max(1, -(-top // 5))
    counts.setRange(0, step * (-(-top // step) + (1 if top % step == 0 else 0)))
    counts.setTickType(QValueAxis.TickType.TicksDynamic)
    counts.setTickAnchor(0)
    counts.setTickInterval(step)
    counts.setLabelFormat("%d")
    category_side, count_side = (
        (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if horizontal
        else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
    )
    chart.addAxis(categories, category_side)
    chart.addAxis(counts, count_side)
    series.attachAxis(categories)
    series.attachAxis(counts)
    return chart


def build_charts(report: Report) -> dict[str, QChart]:
    """The report's charts by name (the names of sessions.archive.CHARTS)."""
    recurring = list(report.recurring[:_RECURRING_SHOWN])[::-1]
    return {
        "scores": _bar_chart(
            _tr("Score distribution"), [str(score) for score in report.scores], list(report.scores.values())
        ),
        "outcomes": _bar_chart(
            _tr("Outcomes"),
            [name.replace("_", " ") for name in report.outcomes],
            list(report.outcomes.values()),
        ),
        "recurring": _bar_chart(
            _tr("Recurring findings and tags (sessions)"),
            [item.label[:48] for item in recurring] or [_tr("none")],
            [item.sessions for item in recurring] or [0],
            horizontal=True,
        ),
    }


def render_chart_pngs(report: Report, size: tuple[int, int] = PNG_SIZE) -> dict[str, bytes]:
    """Each chart drawn offscreen into a PNG (needs a QApplication; works with QT_QPA_PLATFORM=offscreen)."""
    pngs: dict[str, bytes] = {}
    for name, chart in build_charts(report).items():
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.resize(*size)
        image = view.grab().toImage()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs lack str here
        buffer.close()
        pngs[name] = bytes(data.data())
        view.deleteLater()
    return pngs


class ReportPanel(QWidget):
    """The report in the window: response times, and the three charts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._summary = named(QLabel(self), "reportSummary", self.tr("Report summary"))
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout.addWidget(self._summary, 0, 0, 1, 2)
        self._views: dict[str, QChartView] = {}
        for number, name in enumerate(("scores", "outcomes", "recurring")):
            view = named(QChartView(self), f"chart_{name}", self.tr("Chart: %s") % name)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            self._views[name] = view
            row, col = divmod(number, 2)
            self._layout.addWidget(view, 1 + row, col, 1, 2 if name == "recurring" else 1)

    def show_report(self, report: Report) -> None:
        """Replace the charts and summary with *report*'s (counted over the sessions the table lists)."""
        summary = self.tr("%n session(s) listed (the filters and search words apply).", "", report.sessions)
        csat = self.tr("CSAT: %1 (%n answered survey(s); satisfied: 8–10).", "", report.surveys)
        times = self.tr("Median time to first response: %1; to resolution: %2. Open follow-ups: %3.")
        self._summary.setText(
            f"{summary} {csat.replace('%1', percent(report.csat))}\n"
            + times.replace("%1", duration_text(report.median_first_response))
            .replace("%2", duration_text(report.median_resolution))
            .replace("%3", str(len(report.followups)))
        )
        for name, chart in build_charts(report).items():
            old = self._views[name].chart()
            self._views[name].setChart(chart)
            if old is not None:
                old.deleteLater()

    @property
    def views(self) -> dict[str, QChartView]:
        return self._views
