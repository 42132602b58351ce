"""The meeting view's radar for any number of spokes: titles wrapped to two lines,
every label inside the picture and clear of the others (measured as the chart
measures them: 11.5 units a character, 22 a line)."""

from __future__ import annotations

import re

import pytest

from bbtool.render.html.svg import Spoke, radar
from bbtool.render.text import LABEL_WRAP


def _boxes(svg: str) -> list[tuple[float, float, float, float]]:
    boxes = []
    for anchor, spans in re.findall(r'<text text-anchor="(\w+)" class="spoke">(.*?)</text>', svg):
        lines = re.findall(r'<tspan x="([-\d.]+)" y="([-\d.]+)">([^<]*)</tspan>', spans)
        assert 1 <= len(lines) <= 2
        assert all(len(text) <= LABEL_WRAP for *_, text in lines)
        x, first = float(lines[0][0]), float(lines[0][1])
        width = 11.5 * max(len(text) for *_, text in lines)
        x0 = {"middle": x - width / 2, "start": x, "end": x - width}[anchor]
        top = first - 0.8 * 22
        boxes.append((x0, top, x0 + width, top + 22 * len(lines)))
    return boxes


@pytest.mark.parametrize("count", [3, 12, 25, 38, 40])
def test_labels_are_wrapped_apart_and_inside(count: int) -> None:
    spokes = [
        Spoke(f"Enabler number {k} with a long name", 2.5, 1, 4, k == 0, k == 1)
        for k in range(count)
    ]
    svg = radar(spokes, 1, 5, "t")
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())  # type: ignore[union-attr]
    boxes = _boxes(svg)
    assert len(boxes) == count
    for n, (x0, y0, x1, y1) in enumerate(boxes):
        assert x0 >= 0
        assert x1 <= width
        assert y0 >= 0
        assert y1 <= height
        for other in boxes[n + 1 :]:
            apart = x1 <= other[0] or other[2] <= x0 or y1 <= other[1] or other[3] <= y0
            assert apart, (n, boxes[n], other)
