"""Draw figures over time: one small chart per measure, one line per source, conflicts ringed in red.

The output is one self-contained HTML file with inline SVG (no JavaScript, no CDN, no plotting
dependency), so it opens offline and every label is plain escaped text.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date
from pathlib import Path

from kg.errors import ChartError

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
WIDTH, HEIGHT, PAD = 640, 260, 48

__all__ = ["ChartError", "chart_html", "series", "write_chart"]


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def series(rows: list[dict]) -> dict[tuple[str, str], dict[str, list[dict]]]:
    """(measure, unit) -> source -> points (rows of figures-over-time with a period end), by date."""
    found: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        end = _day(row.get("end"))
        if end is None or row.get("value") is None:
            continue
        label = row.get("source") or row.get("outlet") or "unknown source"
        found[(str(row.get("measure") or "?"), str(row.get("unit") or ""))][str(label)].append({**row, "_end": end})
    for by_source in found.values():
        for points in by_source.values():
            points.sort(key=lambda p: p["_end"])
    return found


def _svg(measure: str, unit: str, by_source: dict[str, list[dict]]) -> str:
    points = [p for ps in by_source.values() for p in ps]
    days = [p["_end"].toordinal() for p in points]
    values = [float(p["value"]) for p in points]
    x0, x1 = min(days), max(days)
    y1 = max(values) * 1.1 or 1.0
    if x0 == x1:
        x0, x1 = x0 - 180, x1 + 180

    def x(day: int) -> float:
        return PAD + (day - x0) / (x1 - x0) * (WIDTH - 2 * PAD)

    def y(value: float) -> float:
        return HEIGHT - PAD - value / y1 * (HEIGHT - 2 * PAD)

    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{e(measure)}">',
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#999"/>',
        f'<line x1="{PAD}" y1="{PAD / 2}" x2="{PAD}" y2="{HEIGHT - PAD}" stroke="#999"/>',
        f'<text x="4" y="{PAD / 2 - 6}" font-size="11">{e(unit)} (max {e(f"{max(values):,.10g}")})</text>',
    ]
    for year in range(date.fromordinal(x0).year, date.fromordinal(x1).year + 1):
        day = date(year, 1, 1).toordinal()
        if x0 <= day <= x1:
            parts.append(f'<text x="{x(day):.1f}" y="{HEIGHT - PAD + 16}" font-size="10" text-anchor="middle">{year}</text>')
    legend_y = HEIGHT - 12
    legend_x = PAD
    for index, (source, ps) in enumerate(sorted(by_source.items())):
        colour = PALETTE[index % len(PALETTE)]
        coords = " ".join(f"{x(p['_end'].toordinal()):.1f},{y(float(p['value'])):.1f}" for p in ps)
        if len(ps) > 1:
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for p in ps:
            cx, cy = x(p["_end"].toordinal()), y(float(p["value"]))
            period = f"{p.get('start') or '…'} – {p.get('end')}"
            tip = f"{p['value']} {unit}, {period}, {source}" + (f" ({p['outlet']})" if p.get("outlet") else "")
            conflict = int(p.get("conflicts") or 0) > 0
            if conflict:
                tip += " — conflicts with another report"
                parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="8" fill="none" stroke="#d62728" stroke-width="2"/>')
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}"><title>{e(tip)}</title></circle>'
            )
        parts.append(f'<rect x="{legend_x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{legend_x + 14}" y="{legend_y}" font-size="11">{e(source)}</text>')
        legend_x += 24 + 7 * len(source)
    parts.append("</svg>")
    return "\n".join(parts)


def chart_html(rows: list[dict], *, title: str = "Figures over time") -> str:
    """The HTML page: one chart per measure that has at least one dated figure."""
    e = html.escape
    body = []
    for (measure, unit), by_source in sorted(series(rows).items()):
        conflicts = sum(1 for ps in by_source.values() for p in ps if int(p.get("conflicts") or 0) > 0)
        note = f" — {conflicts} figure(s) in conflict (ringed red)" if conflicts else ""
        body.append(f"<section><h2>{e(measure)}</h2><p>{e(unit)}{e(note)}</p>{_svg(measure, unit, by_source)}</section>")
    if not body:
        body.append("<p>No figure has a resolved period to draw.</p>")
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
