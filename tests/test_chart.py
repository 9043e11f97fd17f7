"""kg.chart: an offline HTML chart of figures over time, text escaped, conflicts visible."""

from __future__ import annotations

import pytest

from kg.chart import ChartError, chart_html, write_chart

ROWS = [
    {"measure": "defectors <arriving>", "value": 1396, "unit": "person", "start": "2014-01-01", "end": "2014-12-31",
     "source": "Ministry & Co", "outlet": "Arirang", "conflicts": 1},
    {"measure": "defectors <arriving>", "value": 1397, "unit": "person", "start": "2014-01-01", "end": "2014-12-31",
     "source": "Yonhap", "outlet": "Korea Herald", "conflicts": 1},
    {"measure": "defectors <arriving>", "value": 1277, "unit": "person", "start": "2015-01-01", "end": "2015-12-31",
     "source": "Yonhap", "outlet": "Korea Herald", "conflicts": 0},
    {"measure": "undated", "value": 5, "unit": "person", "start": None, "end": None, "source": None, "conflicts": 0},
]


def test_chart_escapes_text_rings_conflicts_and_needs_no_network():
    page = chart_html(ROWS)
    assert "<arriving>" not in page and "defectors &lt;arriving&gt;" in page
    assert "Ministry &amp; Co" in page
    assert page.count('stroke="#d62728"') == 2  # both conflicting figures ringed
    assert "<polyline" in page  # Yonhap's two points make a line
    assert "undated" not in page  # no period, nothing to draw
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_write_chart_refuses_other_formats(tmp_path):
    assert write_chart(ROWS, tmp_path / "c.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ChartError, match=r"c\.png: charts are written as self-contained HTML"):
        write_chart(ROWS, tmp_path / "c.png")
    with pytest.raises(ChartError, match="cannot write the chart"):
        write_chart(ROWS, tmp_path / "missing" / "c.html")


def test_chart_error_is_in_the_error_tree():
    from kg import errors

    assert ChartError is errors.ChartError
    assert issubclass(ChartError, errors.KGError)
    assert "ChartError" in errors.__doc__
