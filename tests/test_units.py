"""widgets.units: conversions and the formatting of durations and lists."""

from __future__ import annotations

import pytest

from widgets import units


@pytest.mark.parametrize("minutes, text", [(0.5, "30 s"), (4.0, "4.0 min"), (45.0, "45 min"),
                                            (180.0, "3.0 h"), (2880.0, "2.0 days")])
def test_format_minutes(minutes, text):
    assert units.format_minutes(minutes) == text


def test_format_minutes_refuses_negative_durations():
    with pytest.raises(ValueError, match=r"minutes must be in \[0, inf\), got -1.0"):
        units.format_minutes(-1)


def test_wrap_items_breaks_only_between_items():
    items = ["IL-2 high affinity", "IL-2 intermediate affinity", "IL-4 type I", "IL-7", "IL-9"]
    text = units.wrap_items("JAK1 + JAK3  7 complexes:", items, width=56, indent=26)
    lines = text.split("\n")
    assert all(len(line) <= 56 for line in lines)
    assert lines[1].startswith(" " * 26 + "IL-2 intermediate affinity,")
    assert text.replace("\n" + " " * 26, " ") == "JAK1 + JAK3  7 complexes: " + ", ".join(items)


def test_wrap_items_edge_cases():
    assert units.wrap_items("", ["a", "b"], width=20) == "a, b"
    assert units.wrap_items("none:", [], width=20) == "none:"
    long = "x" * 40
    assert units.wrap_items("L:", [long, "b"], width=20).split("\n") == ["L:", "    " + long + ",", "    b"]


@pytest.mark.parametrize(("width", "indent"), [(19, 4), (40, 31), (40, -1)])
def test_wrap_items_refuses_bad_geometry(width, indent):
    with pytest.raises(ValueError, match="width|indent"):
        units.wrap_items("L:", ["a"], width=width, indent=indent)


def test_wrap_items_separator_and_default_width():
    text = units.wrap_items("approved for", ["rheumatoid arthritis", "atopic dermatitis"] * 4, sep=";")
    assert all(len(line) <= units.OUTPUT_WIDTH for line in text.split("\n"))
    assert text.startswith("approved for rheumatoid arthritis; atopic dermatitis;")
    assert not text.endswith(";")
