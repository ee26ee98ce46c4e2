"""A server-rendered SVG bar chart: one bar per period (before the project, during it).

Drawn with the shared chart kernel (`statistics/charts.py`: scale, ticks, colours, the `Svg`
type); the page shows the same numbers in a table beside it, which is the accessible form of the
chart. The `<svg>` has `role="img"`, its own `<title>` and `<desc>`, every bar carries its value
as text, and the two bars differ in fill pattern as well as colour (WCAG 2.2 1.1.1, 1.4.1). No
Django.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

# The kernel's own SVG pieces (header with title and description, y grid with tick labels,
# coordinates, escaping), shared rather than copied.
from bryggan.statistics.charts import (
    INK,
    MUTED,
    POINT,
    Scale,
    Svg,
    esc,
    num,
    svg_open,
    y_axis,
)

BAR_COLOURS: Final = (MUTED, POINT)  # before: grey, during: the unit's blue
MARGIN_LEFT: Final = 56
MARGIN_RIGHT: Final = 16
MARGIN_TOP: Final = 24
MARGIN_BOTTOM: Final = 48


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int


def count_ticks(top: int, count: int = 4) -> list[int]:
    """Whole-number ticks from 0 to at or above `top`, 1, 2 or 5 × a power of ten apart, about
    `count` of them (people are counted whole: no tick at 0.25)."""
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * magnitude
            if step * count >= top:
                last = max(-(-top // step), 1) * step
                return list(range(0, last + 1, step))
        magnitude *= 10


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    number_format: Callable[[float], str] = lambda v: f"{v:g}",
    width: int = 420,
    height: int = 260,
) -> Svg:
    """Vertical bars from zero, each labelled below with its name and above with its value."""
    ticks = count_ticks(max((bar.value for bar in bars), default=0))
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    y = Scale(0, ticks[-1], height - MARGIN_BOTTOM, MARGIN_TOP)
    parts = [
        *svg_open(chart_id, title, description, width, height),
        f'<defs><pattern id="{esc(chart_id)}-hatch" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{BAR_COLOURS[0]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
    ]
    parts += y_axis(y, ticks, left, right, number_format)
    slot = (right - left) / max(len(bars), 1)
    bar_width = slot * 0.5
    for index, bar in enumerate(bars):
        x = left + slot * index + (slot - bar_width) / 2
        bar_top = y(bar.value)
        fill = f"url(#{esc(chart_id)}-hatch)" if index == 0 else BAR_COLOURS[1]
        middle = num(x + bar_width / 2)
        parts.append(
            f'<rect class="bar" data-value="{bar.value}" x="{num(x)}" y="{num(bar_top)}" '
            f'width="{num(bar_width)}" height="{num(y(0) - bar_top)}" fill="{fill}" '
            f'stroke="{INK}" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="value" x="{middle}" y="{num(bar_top - 6)}" text-anchor="middle" '
            f'fill="{INK}" font-weight="bold">{esc(number_format(bar.value))}</text>'
        )
        parts.append(
            f'<text class="label" x="{middle}" y="{num(height - MARGIN_BOTTOM + 18)}" '
            f'text-anchor="middle" fill="{INK}">{esc(bar.label)}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{left}" x2="{right}" y1="{num(y(0))}" y2="{num(y(0))}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return Svg("".join(parts))
