"""The before/during bar chart: whole-number ticks, values as text, escaped labels."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.projects.charts import Bar, bar_chart, count_ticks


@given(st.integers(0, 100_000))
def test_ticks_are_whole_numbers_from_zero_past_the_top_in_at_most_five_steps(top: int) -> None:
    ticks = count_ticks(top)
    assert ticks[0] == 0
    assert ticks[-1] >= top
    assert 2 <= len(ticks) <= 6
    steps = {b - a for a, b in pairwise(ticks)}
    assert len(steps) == 1
    assert ticks[-2] < max(top, 1)  # no needless tick above the top


def test_the_chart_is_an_image_with_its_title_and_each_bars_value_as_text() -> None:
    svg = bar_chart(
        chart_id="c",
        title="Before <and> during",
        description="4 before, 44 during",
        bars=[Bar("Före", 4), Bar("Under", 44)],
    )
    assert 'role="img"' in svg
    assert '<title id="c-title">Before &lt;and&gt; during</title>' in svg
    assert re.findall(r'class="bar" data-value="(\d+)"', svg) == ["4", "44"]
    values = re.findall(r'class="value"[^>]*>([^<]+)<', svg)
    assert values == ["4", "44"]
    # The taller bar is drawn taller.
    heights = [float(h) for h in re.findall(r'class="bar"[^>]* height="([\d.]+)"', svg)]
    assert heights[1] == pytest.approx(heights[0] * 11, rel=0.01)
