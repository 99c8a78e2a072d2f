"""widgets.units: conversions and the formatting of durations."""

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
