"""Helpers shared by the figure tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from matplotlib.figure import Figure


def _all_text(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.texts) + " " + " ".join(
        t.get_text() for ax in fig.axes for t in ax.texts)


@pytest.fixture(scope="session")
def figure_text() -> Callable[[Figure], str]:
    """A function giving every text placed on a figure (figure-level, then each axes'), joined by spaces."""
    return _all_text
