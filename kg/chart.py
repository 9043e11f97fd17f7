"""Draw figures over time with Plotly: one chart per measure, each figure a bar across the period it covers.

A figure for a whole calendar year (or several) is a solid line from the period's first day to its last;
a figure for any other period (a month, a quarter, "so far this year", "the past three years") is dotted
with open markers and listed apart in the legend as a partial period, so it never reads as a year total. Conflicting figures are ringed
in red. Hovering over a figure's marker shows its value, period, source, outlet and sentence.

The output is one self-contained HTML file: Plotly's JavaScript is inlined, so it opens offline and
fetches nothing. Article text is HTML-escaped once before it reaches Plotly, which shows it as typed.
"""

from __future__ import annotations

import calendar
import html
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kg.errors import ChartError

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
CONFLICT = "#d62728"

#: The figures' sentences, by figure IRI (figures-over-time does not carry them).
EVIDENCE_QUERY = """PREFIX kg: <https://w3id.org/kg/ns#>
SELECT ?figure ?evidence WHERE { ?figure a kg:Figure ; kg:evidence ?evidence }"""

__all__ = ["ChartError", "Point", "chart_html", "chart_rows", "series", "write_chart"]


@dataclass
class Point:
    """One figure placed in time: its period (first and last day), whether it covers whole years, and its row."""

    start: date
    end: date
    whole_years: bool
    row: dict

    @property
    def middle(self) -> date:
        return self.start + (self.end - self.start) / 2


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def place(row: dict) -> Point | None:
    """Where a figures-over-time row sits in time, or None when it has no period (or no value)."""
    end = _day(row.get("end"))
    if end is None or row.get("value") is None:
        return None
    start = _day(row.get("start")) or end
    if start > end:
        start, end = end, start
    whole = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    return Point(start, end, whole, row)


def series(rows: list[dict]) -> dict[tuple[str, str], dict[str, list[Point]]]:
    """(measure, unit) -> source -> the figures with a period, in time order."""
    found: dict[tuple[str, str], dict[str, list[Point]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        point = place(row)
        if point is None:
            continue
        label = str(row.get("source") or row.get("outlet") or "unknown source")
        found[(str(row.get("measure") or "?"), str(row.get("unit") or ""))][label].append(point)
    for by_source in found.values():
        for points in by_source.values():
            points.sort(key=lambda p: (p.start, p.end))
    return found


def chart_rows(store) -> list[dict]:
    """The figures-over-time rows of a build, each with its sentence under 'evidence'."""
    from kg.listings import require_listing
    from kg.query import QUERIES_DIR

    require_listing(store, "figures-over-time")
    columns, rows = store.rows((QUERIES_DIR / "figures-over-time.rq").read_text(encoding="utf-8"))  # every page
    evidence = {figure: sentence for figure, sentence in store.rows(EVIDENCE_QUERY)[1]}
    at = columns.index("figure")
    return [{**dict(zip(columns, row, strict=True)), "evidence": evidence.get(row[at])} for row in rows]


def _period_text(point: Point) -> str:
    if point.whole_years:
        years = (point.start.year, point.end.year)
        return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
    if point.start == point.end:
        return point.end.isoformat()
    last_day = calendar.monthrange(point.end.year, point.end.month)[1]
    if point.start.day == 1 and point.end.day == last_day:
        first, last = f"{point.start:%Y-%m}", f"{point.end:%Y-%m}"
        return first if first == last else f"{first} to {last}"
    return f"{point.start} to {point.end}"


def _hover(point: Point, unit: str, source: str) -> str:
    """The hover text, escaped once: Plotly shows entities as the characters they stand for."""
    row, e = point.row, html.escape
    value = " ".join(str(x) for x in (row.get("qualifier"), f"{row['value']:,}" if isinstance(row["value"], int | float) else row["value"]) if x)
    lines = [f"<b>{e(value)} {e(unit)}</b>, {e(_period_text(point))}" + ("" if point.whole_years else " (partial period)")]
    lines.append(e(source) + (f" — {e(str(row['outlet']))}" if row.get("outlet") else ""))
    if int(row.get("conflicts") or 0):
        lines.append(f"conflicts with {int(row['conflicts'])} other report(s)")
    if row.get("evidence"):
        lines += [e(part) for part in textwrap.wrap(f"“{row['evidence']}”", 90)]
    return "<br>".join(lines)


def _figure(measure: str, unit: str, by_source: dict[str, list[Point]]):
    import plotly.graph_objects as go

    figure = go.Figure()
    for index, (source, points) in enumerate(sorted(by_source.items())):
        colour = PALETTE[index % len(PALETTE)]
        for whole in (True, False):
            chosen = [p for p in points if p.whole_years == whole]
            if not chosen:
                continue
            name = source if whole else f"{source} (partial period)"
            xs: list[object] = []
            ys: list[object] = []
            for p in chosen:  # each figure a bar across its period
                xs += [p.start, p.end + timedelta(days=1) if p.end > p.start else p.end, None]
                ys += [p.row["value"], p.row["value"], None]
            figure.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", name=name, legendgroup=name, showlegend=False, hoverinfo="skip",
                line={"color": colour, "width": 4 if whole else 3, "dash": "solid" if whole else "dot"},
            ))
            conflicts = [int(p.row.get("conflicts") or 0) > 0 for p in chosen]
            figure.add_trace(go.Scatter(
                x=[p.middle for p in chosen], y=[p.row["value"] for p in chosen], mode="markers", name=name,
                legendgroup=name, hovertext=[_hover(p, unit, source) for p in chosen], hoverinfo="text",
                marker={
                    "color": colour if whole else "white", "symbol": "circle", "size": 10,
                    "line": {"color": [CONFLICT if c else colour for c in conflicts],
                             "width": [3 if c else 2 for c in conflicts]},
                },
            ))
    figure.update_layout(
        height=380, margin={"l": 70, "r": 20, "t": 30, "b": 50}, template="plotly_white",
        hoverlabel={"align": "left"}, legend={"orientation": "h", "y": -0.2},
    )
    figure.update_xaxes(type="date", title_text="period", ticks="outside", showline=True)
    figure.update_yaxes(title_text=unit or "value", ticks="outside", showline=True, rangemode="tozero",
                        separatethousands=True)
    return figure


def chart_html(rows: list[dict], *, title: str = "Figures over time") -> str:
    """The HTML page: one chart per measure that has at least one figure with a period."""
    e = html.escape
    body = []
    plotly_inlined = False
    undated = sum(1 for row in rows if place(row) is None)
    for (measure, unit), by_source in sorted(series(rows).items()):
        figures = [p for ps in by_source.values() for p in ps]
        conflicts = sum(1 for p in figures if int(p.row.get("conflicts") or 0) > 0)
        partial = sum(1 for p in figures if not p.whole_years)
        notes = [f"{len(figures)} figure(s)"]
        if partial:
            notes.append(f"{partial} for a partial period (dotted, open markers)")
        if conflicts:
            notes.append(f"{conflicts} in conflict with another report (ringed red)")
        plot = _figure(measure, unit, by_source).to_html(
            full_html=False, include_plotlyjs=not plotly_inlined, config={"displaylogo": False, "responsive": True}
        )
        plotly_inlined = True
        body.append(f'<section class="measure"><h2>{e(measure)}</h2><p>{e(unit)}: {e("; ".join(notes))}</p>{plot}</section>')
    if not body:
        body.append("<p>No figure has a resolved period to draw.</p>")
    if undated:
        body.append(f"<p>{undated} figure(s) without a period are not drawn (see <code>kg figures</code>).</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        "<style>body{font-family:sans-serif;margin:2em}section{margin-bottom:2em}h2{font-size:1.1em}</style>"
        f"</head><body><h1>{e(title)}</h1>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def write_chart(rows: list[dict], path: str | Path) -> Path:
    """Write the chart of the figures-over-time rows to an .html file."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ChartError(f"{path}: charts are written as self-contained HTML; name the file .html")
    try:
        path.write_text(chart_html(rows), encoding="utf-8")
    except OSError as error:
        raise ChartError(f"{path}: cannot write the chart ({error.strerror})") from None
    return path
