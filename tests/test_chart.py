"""kg.chart: an offline Plotly chart of figures over time: each figure spans its period, partial periods apart
from whole years, conflicts ringed, text shown as typed; and the page drawn by a real headless chromium
with nothing fetched from the network."""

from __future__ import annotations

from datetime import date

import pytest

from kg.chart import ChartError, chart_html, place, series, write_chart

SENTENCE = "The Ministry & Co said <script>alert(1)</script> 1,396 people arrived in 2014."
ROWS = [
    {"measure": "defectors <arriving>", "value": 1396, "unit": "person", "start": "2014-01-01", "end": "2014-12-31",
     "source": "Ministry & Co", "outlet": "Arirang", "conflicts": 1, "evidence": SENTENCE},
    {"measure": "defectors <arriving>", "value": 1397, "unit": "person", "start": "2014-01-01", "end": "2014-12-31",
     "source": "Yonhap", "outlet": "Korea Herald", "conflicts": 1, "evidence": "Yonhap counted 1,397 in 2014."},
    {"measure": "defectors <arriving>", "value": 1277, "unit": "person", "start": "2015-01-01", "end": "2015-12-31",
     "source": "Yonhap", "outlet": "Korea Herald", "conflicts": 0},
    {"measure": "defectors <arriving>", "value": 444, "unit": "person", "start": "2015-01-01", "end": "2015-06-30",
     "source": "Yonhap", "outlet": "Korea Herald", "conflicts": 0},
    {"measure": "rice price", "value": 5000, "unit": "KPW", "start": "2013-03-01", "end": "2013-03-31",
     "source": "Daily NK", "conflicts": 0},
    {"measure": "undated", "value": 5, "unit": "person", "start": None, "end": None, "source": None, "conflicts": 0},
]


def test_a_figure_spans_its_period_and_whole_years_are_told_apart():
    year = place(ROWS[0])
    assert (year.start, year.end, year.whole_years) == (date(2014, 1, 1), date(2014, 12, 31), True)
    half = place(ROWS[3])
    assert (half.start, half.end, half.whole_years) == (date(2015, 1, 1), date(2015, 6, 30), False)
    assert place(ROWS[5]) is None
    drawn = series(ROWS)
    assert set(drawn) == {("defectors <arriving>", "person"), ("rice price", "KPW")}
    assert [len(p) for p in drawn[("defectors <arriving>", "person")].values()] == [1, 3]


def test_partial_periods_are_their_own_dotted_traces():
    from kg.chart import _figure

    figure = _figure("defectors", "person", series(ROWS)[("defectors <arriving>", "person")])
    names = {trace.name for trace in figure.data}
    assert names == {"Ministry & Co", "Yonhap", "Yonhap (partial period)"}
    lines = [t for t in figure.data if t.mode == "lines"]
    partial = next(t for t in lines if t.name == "Yonhap (partial period)")
    assert partial.line.dash == "dot"
    assert list(partial.x[:2]) == [date(2015, 1, 1), date(2015, 7, 1)]  # the half year, first day to last
    whole = next(t for t in lines if t.name == "Ministry & Co")
    assert list(whole.x[:2]) == [date(2014, 1, 1), date(2015, 1, 1)]  # 2014 ends where 2015 starts
    ringed = next(t for t in figure.data if t.mode == "markers" and t.name == "Ministry & Co")
    assert list(ringed.marker.line.color) == ["#d62728"]
    assert figure.layout.yaxis.title.text == "person" and figure.layout.xaxis.type == "date"


def test_the_page_inlines_plotly_once_and_loads_nothing():
    page = chart_html(ROWS)
    assert page.count("<h2>") == 2
    assert "defectors &lt;arriving&gt;" in page and "<arriving>" not in page.split("<script")[0]
    assert "<script src" not in page and "cdn.plot.ly/plotly" not in page.split("</head>")[0]
    assert page.count("Plotly.newPlot") == 2
    assert "1 figure(s) without a period are not drawn" in page


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


def test_chart_rows_carry_each_figure_sentence(sample_build):
    from kg.chart import chart_rows
    from kg.store import GraphStore

    folder, summary = sample_build
    rows = chart_rows(GraphStore.open(folder))
    assert len(rows) == summary.figures
    assert all(row["evidence"] for row in rows)
    figure = next(row for row in rows if row["value"] == 1277)
    assert "1,277" in figure["evidence"] or "1277" in figure["evidence"]


# ---------------------------------------------------------------------------
# the page in a real browser


@pytest.fixture
def chromium(tmp_path):
    from test_viz import CHROMIUM, Chromium

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    browser = Chromium(tmp_path / "profile", tmp_path / "chromium.log")
    try:
        yield browser
    finally:
        browser.close()


HOVER = """(() => {
  const plot = document.querySelectorAll('.js-plotly-plot')[0];
  const curve = plot.data.findIndex(t => t.mode === 'markers' && t.name === 'Ministry & Co');
  Plotly.Fx.hover(plot, [{curveNumber: curve, pointNumber: 0}]);
  const label = plot.querySelector('.hoverlayer .hovertext');
  return label ? label.textContent : null;
})()"""


@pytest.mark.browser
def test_the_chart_draws_offline_in_headless_chromium(chromium, tmp_path):
    page = write_chart(ROWS, tmp_path / "chart.html")
    chromium.open_page(page.resolve().as_uri())

    requested = [e["params"]["request"]["url"] for e in chromium.events if e.get("method") == "Network.requestWillBeSent"]
    assert requested and all(url.startswith(("file:", "data:", "about:", "blob:")) for url in requested), requested

    chromium.wait_for("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2")
    assert chromium.js("document.querySelectorAll('.js-plotly-plot').length") == 2
    # every dated figure has its marker; axes have ticks and the unit as title
    assert chromium.js("document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('.scatterlayer .point').length") == 4
    assert chromium.js("document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('.xtick').length") >= 2
    assert chromium.js("document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('.ytick').length") >= 3
    assert chromium.js("document.querySelectorAll('.js-plotly-plot')[0].querySelector('.ytitle').textContent") == "person"
    legend = chromium.js("[...document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('.legendtext')]"
                         ".map(t => t.textContent)")
    assert "Yonhap (partial period)" in legend and "Ministry & Co" in legend

    hover = chromium.js(HOVER)
    assert hover is not None, "no hover label"
    assert "1,396 person" in hover and "Ministry & Co" in hover and "Arirang" in hover
    assert "<script>alert(1)</script>" in hover  # the sentence, shown as typed
    assert "&amp;" not in hover and "&lt;" not in hover
    assert chromium.js("window.__dialogs") == []
    assert not [e for e in chromium.events if e.get("method") == "Runtime.exceptionThrown"]
