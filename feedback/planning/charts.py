"""Positions and sizes for the charts, worked out here so templates only draw them.

Pages have a Content Security Policy that forbids inline styles and scripts,
so charts are SVG whose x and width attributes come from these numbers. Every
chart has a table beside it with the same figures for people who cannot see it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from math import ceil

from django.utils.html import format_html_join

from .models import PlanAction

# The timeline is drawn 1000 units wide; the browser scales it to fit the page.
TIMELINE_WIDTH = 1000
# An action with no start date is drawn as a short mark ending on its target date.
MARK_WIDTH = 12
# Month labels need about this many units each, or they run into each other.
MONTH_LABEL_ROOM = 90

# NHS.UK colours.
COLOURS = {
    "done": "#007f3b",
    "in_progress": "#005eb8",
    "not_started": "#ffffff",
    "overdue": "#d5281b",
}
KEY = [
    ("done", "Done"),
    ("in_progress", "In progress"),
    ("not_started", "Not started"),
    ("overdue", "Overdue"),
]


@dataclass
class TimelineBar:
    action: PlanAction
    x: float
    width: float
    kind: str

    @property
    def colour(self):
        return COLOURS[self.kind]


@dataclass
class Timeline:
    starts: date
    ends: date  # the day after the last day drawn
    ticks: list = field(default_factory=list)  # (x, label)
    today_x: float | None = None
    steps: list = field(default_factory=list)  # (StepProgress, [TimelineBar])
    undated: int = 0
    key: list = field(default_factory=list)  # (kind, label, colour)

    @cached_property
    def grid(self):
        """The month lines behind every bar, the same for each: drawn once here, not once a bar in the template."""
        return format_html_join(
            "",
            '<line x1="{}" x2="{}" y1="0" y2="24" stroke="#d8dde0" vector-effect="non-scaling-stroke"/>',
            ((x, x) for x, _ in self.ticks),
        )


def _month_starts(first, last):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


def _kind(action, today):
    if action.is_overdue(today):
        return "overdue"
    return action.status


def timeline(progress, today):
    """Bars for every action with a target date, grouped by step, on one scale of whole months; None if none has one."""
    actions = [action for step in progress for action in step.actions]
    dated = [action for action in actions if action.target_date]
    if not dated:
        return None
    first = min(action.starts_on or action.target_date for action in dated).replace(day=1)
    last = max(action.target_date for action in dated)
    ends = (last.replace(day=1) + timedelta(days=32)).replace(day=1)
    per_day = TIMELINE_WIDTH / (ends - first).days

    def x(day):
        return round((day - first).days * per_day, 1)

    months = list(_month_starts(first, last))
    every = max(1, ceil(len(months) * MONTH_LABEL_ROOM / TIMELINE_WIDTH))
    ticks = [
        (x(month), month.strftime("%b %Y") if index == 0 or month.month == 1 else month.strftime("%b"))
        for index, month in enumerate(months)
        if index % every == 0
    ]
    steps = []
    for step in progress:
        bars = []
        for action in step.actions:
            if not action.target_date:
                continue
            end = x(action.target_date + timedelta(days=1))
            start = x(action.starts_on) if action.starts_on else end - MARK_WIDTH
            width = max(end - start, MARK_WIDTH)
            bars.append(TimelineBar(action, round(end - width, 1), round(width, 1), _kind(action, today)))
        steps.append((step, bars))
    return Timeline(
        starts=first,
        ends=ends,
        ticks=ticks,
        today_x=x(today) if first <= today < ends else None,
        steps=steps,
        undated=len(actions) - len(dated),
        key=[(kind, label, COLOURS[kind]) for kind, label in KEY],
    )


# Bar charts in reports: 480 units wide, each row a label line then one bar per series.
CHART_WIDTH = 480
CHART_VALUE_ROOM = 120  # right of the longest bar, for its figure in words
CHART_LABEL_HEIGHT = 22
CHART_BAR_HEIGHT = 18
CHART_BAR_GAP = 4
CHART_ROW_GAP = 14


@dataclass
class ChartBar:
    y: float
    width: float
    text: str
    colour: str

    @property
    def text_x(self):
        return self.width + 6

    @property
    def text_y(self):
        return self.y + CHART_BAR_HEIGHT - 4


@dataclass
class ChartRow:
    label: str
    label_y: float
    bars: list


@dataclass
class BarChart:
    rows: list
    height: float
    width: int = CHART_WIDTH


def bar_chart(rows, series, largest=None):
    """A horizontal bar chart.

    `rows` are (label, [value per series]); `series` are (a function putting a value into
    words, colour), so each bar says what it shows in words, not by colour alone.
    Bars are scaled to `largest` (say 100 for percentages) or to the biggest value.
    """
    largest = largest or max((value for _, values in rows for value in values), default=0) or 1
    room = CHART_WIDTH - CHART_VALUE_ROOM
    y = 0
    chart_rows = []
    for label, values in rows:
        label_y = y + CHART_LABEL_HEIGHT - 6
        y += CHART_LABEL_HEIGHT
        bars = []
        for value, (say, colour) in zip(values, series, strict=True):
            bars.append(ChartBar(y, round(room * value / largest, 1), say(value), colour))
            y += CHART_BAR_HEIGHT + CHART_BAR_GAP
        chart_rows.append(ChartRow(label, label_y, bars))
        y += CHART_ROW_GAP
    return BarChart(rows=chart_rows, height=max(y, 1))
