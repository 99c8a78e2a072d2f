"""One shared matplotlib style for every figure in the book.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour-vision deficiency (Okabe & Ito, *Color Universal Design*,
2008; recommended by Wong, *Nature Methods* 8:441, 2011). Figures draw on a white
background so that they read the same in the light and dark page themes.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
from cycler import cycler
from matplotlib.ticker import FuncFormatter

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
"""The eight Okabe-Ito colours by name."""

PALETTE: list[str] = [
    OKABE_ITO[name]
    for name in ("blue", "vermillion", "bluish green", "orange", "reddish purple", "sky blue", "black")
]
"""Default colour cycle: Okabe-Ito without yellow (too pale on white for lines)."""

MUTED = "#9a9a9a"
"""Grey for context lines drawn behind the highlighted one."""

BOOK_STYLE: dict[str, Any] = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.bbox": "standard",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e4e4e4",
    "grid.linewidth": 0.8,
    "lines.linewidth": 2.2,
    "axes.prop_cycle": cycler(color=PALETTE),
    "svg.fonttype": "none",
}
"""rcParams of the book style."""


FIGURE_FORMATS_ENV = "CYTOKINES_FIGURE_FORMATS"
"""Environment variable listing the formats a notebook stores its figures in.

Unset, figures are stored as PNG only (what ``make execute`` keeps in the chapters).
The book build sets it to ``png,svg`` (``book/_ext/figure_archives.py``), so that every
figure and every explorer's default view can be offered for download as PNG and SVG.
"""

FIGURE_FORMATS = ("png", "svg")
"""Formats that ``CYTOKINES_FIGURE_FORMATS`` may list."""


def figure_formats() -> tuple[str, ...]:
    """The figure formats named by :data:`FIGURE_FORMATS_ENV` (default ``("png",)``).

    Returns
    -------
    tuple of str
        Formats in the order given, each one of :data:`FIGURE_FORMATS`.

    Raises
    ------
    ValueError
        If the variable names a format that is not in :data:`FIGURE_FORMATS`.

    Examples
    --------
    >>> import os
    >>> os.environ.pop(FIGURE_FORMATS_ENV, None) and None
    >>> figure_formats()
    ('png',)
    """
    raw = os.environ.get(FIGURE_FORMATS_ENV, "") or "png"
    formats = tuple(dict.fromkeys(f.strip().lower() for f in raw.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FIGURE_FORMATS]
    if unknown or not formats:
        raise ValueError(f"{FIGURE_FORMATS_ENV} must list formats from {FIGURE_FORMATS}, got {raw!r}")
    return formats


def use_book_style() -> None:
    """Apply the book style to every figure made from now on in this process.

    In a notebook (IPython with the inline backend) it also asks the inline backend to
    store figures in :func:`figure_formats`.

    Examples
    --------
    >>> use_book_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == PALETTE[0]
    True
    """
    mpl.rcParams.update(BOOK_STYLE)  # type: ignore[arg-type]  # the stubs want literal keys
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is installed with the kernel
        return
    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats(*figure_formats())


@contextmanager
def book_style() -> Iterator[None]:
    """Context manager that applies the book style only inside a ``with`` block.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with book_style():
    ...     fig, ax = plt.subplots()
    >>> fig.get_facecolor()[:3]
    (1.0, 1.0, 1.0)
    >>> plt.close(fig)
    """
    with mpl.rc_context(BOOK_STYLE):  # type: ignore[arg-type]
        yield


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten_label(value: float, _pos: object = None) -> str:
    if value <= 0 or not math.isfinite(value):
        return ""
    exponent = math.log10(value)
    if abs(exponent - round(exponent)) > 1e-9:
        return ""
    exponent = round(exponent)
    if -3 <= exponent <= 3:
        return f"{value:g}"
    return "10" + str(exponent).translate(_SUPERSCRIPT)


LOG_TICKS = FuncFormatter(_power_of_ten_label)
"""Tick labels for log axes without mathtext: 0.01 … 1000, then 10⁴, 10⁵ …

Matplotlib's default log labels are typeset with mathtext, which costs about
0.4 s per figure; explorer frames are rendered by the dozen, so they use this.

Examples
--------
>>> [LOG_TICKS(v) for v in (1e-4, 0.01, 1, 1000, 1e5, 3)]
['10⁻⁴', '0.01', '1', '1000', '10⁵', '']
"""
