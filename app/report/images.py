"""Chart images through Altair's own PNG export (vl-convert: no browser, no network; it bundles a fallback font)."""

from __future__ import annotations

import io

import altair as alt

SCALE = 2  # crisp on slides and print


def chart_png(chart: alt.TopLevelMixin, *, width: int = 640, height: int = 260) -> bytes:
    buffer = io.BytesIO()
    chart.properties(width=width, height=height).save(buffer, format="png", scale_factor=SCALE)
    return buffer.getvalue()
