"""Kernel-free explorers: controls linked in the browser to precomputed frames.

A :class:`FrameExplorer` renders a figure for every combination of 1 to 3
parameter values *once*, in Python, and lays the images out in nested
:class:`ipywidgets.Stack` widgets. Each control's ``index`` is linked to the
``selected_index`` of the stacks at its level with :func:`ipywidgets.jslink`, a
link that lives in the browser. Moving a control therefore switches the visible
frame with no kernel: the same widget works in the static HTML book (from the
widget state that myst-nb saves), in JupyterLab and in Binder.

Each frame is an ``<img>`` inside an :class:`ipywidgets.HTML` widget, because
``ipywidgets.Image`` cannot carry alt text; the alt text names the parameter
values and says what the figure shows.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as W
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from PIL import Image  # Pillow is a dependency of matplotlib

MAX_PARAMETERS = 3
MAX_FRAMES = 120
IMAGE_FORMATS = ("png", "svg")


@dataclass(frozen=True)
class Parameter:
    """One control of an explorer: a name, a grid of values, a label and a unit.

    Parameters
    ----------
    name : str
        Keyword under which each value is passed to the figure and alt-text
        functions. Must be a Python identifier.
    values : sequence of float or str
        The grid of values, in the order the control offers them. Numbers give a
        slider; strings give a drop-down menu.
    label : str
        What the control sets, in words (for example ``"Dissociation constant K_D"``).
    unit : str, optional
        Unit shown with the label (for example ``"pM"``); empty for none.
    default : float or str, optional
        The value shown first; must be one of ``values``. Defaults to the middle
        of the grid.
    fmt : str, optional
        Format string for a numeric value in the control's read-out.

    Raises
    ------
    ValueError
        If the name is not an identifier, the grid is empty, has repeated
        values, mixes numbers and strings or contains NaN, or the default is not
        in the grid.

    Examples
    --------
    >>> p = Parameter("kd_pM", [1, 10, 100], label="K_D", unit="pM", default=10)
    >>> p.default_index, p.is_numeric, p.description
    (1, True, 'K_D (pM)')
    """

    name: str
    values: Sequence[Any]
    label: str
    unit: str = ""
    default: Any = None
    fmt: str = "{:g}"
    default_index: int = field(init=False)
    is_numeric: bool = field(init=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"Parameter name must be a Python identifier, got {self.name!r}")
        values = tuple(self.values)
        if not values:
            raise ValueError(f"Parameter {self.name!r}: values must hold at least one value, got an empty grid")
        numeric = [isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values]
        if any(numeric) and not all(numeric):
            raise ValueError(
                f"Parameter {self.name!r}: values must be all numbers or all strings, got {list(values)!r}"
            )
        if all(numeric):
            bad = [v for v in values if math.isnan(v)]
            if bad:
                raise ValueError(f"Parameter {self.name!r}: values must not contain NaN, got {list(values)!r}")
        elif not all(isinstance(v, str) for v in values):
            raise ValueError(
                f"Parameter {self.name!r}: values must be all numbers or all strings, got {list(values)!r}"
            )
        if len(set(values)) != len(values):
            raise ValueError(f"Parameter {self.name!r}: values must be distinct, got {list(values)!r}")
        default = values[len(values) // 2] if self.default is None else self.default
        if default not in values:
            raise ValueError(
                f"Parameter {self.name!r}: default {default!r} is not in its grid; allowed: {list(values)!r}"
            )
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "default", default)
        object.__setattr__(self, "default_index", values.index(default))
        object.__setattr__(self, "is_numeric", all(numeric))

    @property
    def description(self) -> str:
        """Label with its unit, as shown beside the control."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def format(self, value: Any) -> str:
        """Format one value for read-outs and alt text (with its unit)."""
        text = self.fmt.format(value) if self.is_numeric else str(value)
        return f"{text} {self.unit}".strip() if self.is_numeric else text

    def control(self) -> W.ValueWidget:
        """A new control for this parameter: a slider for numbers, a menu for strings."""
        options = [(self.fmt.format(v) if self.is_numeric else str(v), i) for i, v in enumerate(self.values)]
        common = dict(
            options=options,
            index=self.default_index,
            description=self.description,
            style={"description_width": "initial"},
            layout=W.Layout(width="min(36rem, 100%)"),
        )
        if self.is_numeric:
            return W.SelectionSlider(continuous_update=True, **common)
        return W.Dropdown(**common)


def figure_to_data_uri(fig: Figure, *, image_format: str = "png", dpi: float = 100.0) -> str:
    """Render a figure to a compact ``data:`` URI and close it.

    PNG frames are quantised to an adaptive palette of at most 64 colours, which
    keeps line art sharp at a third of the size of a full-colour PNG.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render. It is closed afterwards.
    image_format : {"png", "svg"}
        Output format.
    dpi : float
        Resolution for PNG output, in dots per inch (> 0).

    Returns
    -------
    str
        A ``data:image/...;base64,...`` URI.

    Raises
    ------
    ValueError
        If the format is unknown or ``dpi`` is not positive.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> figure_to_data_uri(fig).startswith("data:image/png;base64,")
    True
    """
    if image_format not in IMAGE_FORMATS:
        raise ValueError(f"image_format must be one of {IMAGE_FORMATS}, got {image_format!r}")
    if not dpi > 0:
        raise ValueError(f"dpi must be > 0, got {dpi!r}")
    buffer = io.BytesIO()
    try:
        if image_format == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            mime = "image/svg+xml"
        else:
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
            buffer.seek(0)
            quantised = Image.open(buffer).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
            buffer = io.BytesIO()
            quantised.save(buffer, format="PNG", optimize=True)
            mime = "image/png"
    finally:
        plt.close(fig)
    return f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"


class FrameExplorer(W.VBox):
    """An explorer whose controls switch between precomputed figures in the browser.

    Parameters
    ----------
    figure : callable
        ``figure(**values) -> matplotlib.figure.Figure``; called once per
        combination of parameter values, with each :class:`Parameter` name as a
        keyword.
    parameters : sequence of Parameter
        One to three parameters.
    alt : callable
        ``alt(**values) -> str``: alt text for the frame, naming the values and
        saying what the figure shows.
    title : str, optional
        A short heading shown above the controls.
    details : callable, optional
        ``details(**values) -> str``: trusted HTML shown under each frame's
        image (for example a small table about the selected values).
    image_format : {"png", "svg"}, optional
        Format of the frames.
    dpi : float, optional
        Resolution of PNG frames.

    Attributes
    ----------
    controls : list of ipywidgets widgets
        One control per parameter, in order.
    frames : dict
        Maps each tuple of value indices to its ``(data_uri, alt_text)``.
    details : dict
        Maps each tuple of value indices to its details HTML (empty without
        a ``details`` function).
    stack : ipywidgets.Stack
        The outermost stack of frames.

    Raises
    ------
    ValueError
        If there are no parameters or more than three, names repeat, the grid is
        larger than 120 frames, or a function returns something of the wrong type.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> def fig(kd_pM):
    ...     f, ax = plt.subplots(figsize=(2, 1))
    ...     ax.axvline(kd_pM)
    ...     return f
    >>> ex = FrameExplorer(fig, [Parameter("kd_pM", [1, 10], label="K_D", unit="pM")],
    ...                    alt=lambda kd_pM: f"Line at K_D = {kd_pM} pM")
    >>> ex
    FrameExplorer(kd_pM: 2 values; 2 frames)
    >>> ex.frames[(1,)][1]
    'Line at K_D = 10 pM'
    """

    def __init__(
        self,
        figure: Callable[..., Figure],
        parameters: Sequence[Parameter],
        *,
        alt: Callable[..., str],
        title: str | None = None,
        details: Callable[..., str] | None = None,
        image_format: str = "png",
        dpi: float = 100.0,
    ) -> None:
        parameters = list(parameters)
        if not 1 <= len(parameters) <= MAX_PARAMETERS:
            raise ValueError(
                f"parameters must hold 1 to {MAX_PARAMETERS} Parameter objects, got {len(parameters)}"
            )
        for p in parameters:
            if not isinstance(p, Parameter):
                raise ValueError(f"parameters must be Parameter objects, got {p!r}")
        names = [p.name for p in parameters]
        if len(set(names)) != len(names):
            raise ValueError(f"parameter names must be distinct, got {names}")
        n_frames = math.prod(len(p.values) for p in parameters)
        if n_frames > MAX_FRAMES:
            raise ValueError(
                f"the grid {' x '.join(str(len(p.values)) for p in parameters)} gives {n_frames} frames; "
                f"at most {MAX_FRAMES} are allowed (keep the page small)"
            )
        if image_format not in IMAGE_FORMATS:
            raise ValueError(f"image_format must be one of {IMAGE_FORMATS}, got {image_format!r}")

        self.parameters = parameters
        self.frames: dict[tuple[int, ...], tuple[str, str]] = {}
        self.details: dict[tuple[int, ...], str] = {}
        for combo in itertools.product(*(range(len(p.values)) for p in parameters)):
            values = {p.name: p.values[i] for p, i in zip(parameters, combo)}
            fig = figure(**values)
            if not isinstance(fig, Figure):
                raise ValueError(f"figure(**{values!r}) must return a matplotlib Figure, got {type(fig).__name__}")
            text = alt(**values)
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"alt(**{values!r}) must return non-empty text, got {text!r}")
            self.frames[combo] = (figure_to_data_uri(fig, image_format=image_format, dpi=dpi), text)
            extra = details(**values) if details is not None else ""
            if not isinstance(extra, str):
                raise ValueError(f"details(**{values!r}) must return HTML text, got {type(extra).__name__}")
            self.details[combo] = extra

        self.controls = [p.control() for p in parameters]
        self._levels: list[list[W.Stack]] = [[] for _ in parameters]
        self.stack = self._build(())
        self._links = [
            W.jslink((control, "index"), (stack, "selected_index"))
            for control, level in zip(self.controls, self._levels)
            for stack in level
        ]
        children: list[W.Widget] = []
        if title:
            children.append(W.HTML(f"<strong>{html.escape(title)}</strong>"))
        children += [*self.controls, self.stack]
        super().__init__(children=children)
        self.add_class("frame-explorer")

    def _build(self, prefix: tuple[int, ...]) -> W.Widget:
        """Nested stacks down to one HTML frame per combination of indices."""
        level = len(prefix)
        if level == len(self.parameters):
            uri, text = self.frames[prefix]
            extra = self.details[prefix]
            return W.HTML(
                f'<img class="explorer-frame" src="{uri}" alt="{html.escape(text, quote=True)}" '
                f'style="max-width:100%;height:auto">'
                + (f'<div class="explorer-details">{extra}</div>' if extra else "")
            )
        param = self.parameters[level]
        stack = W.Stack(
            children=[self._build(prefix + (i,)) for i in range(len(param.values))],
            selected_index=param.default_index,
        )
        self._levels[level].append(stack)
        return stack

    @property
    def n_links(self) -> int:
        """Number of browser-side links between controls and stacks."""
        return len(self._links)

    def visible_frame(self) -> tuple[str, str]:
        """The ``(data_uri, alt_text)`` shown for the controls' current indices (Python side)."""
        return self.frames[tuple(c.index for c in self.controls)]

    def __repr__(self) -> str:  # short: the default repr would print every frame
        grid = ", ".join(f"{p.name}: {len(p.values)} values" for p in self.parameters)
        return f"FrameExplorer({grid}; {len(self.frames)} frames)"

    def _repr_keys(self):  # keep ipywidgets' own repr machinery short as well
        return iter(())


def alt_values(parameters: Sequence[Parameter], values: Mapping[str, Any]) -> str:
    """Describe parameter values in words, for alt text: ``"K_D 10 pM, mass 20 kDa"``.

    Examples
    --------
    >>> p = Parameter("kd_pM", [1, 10], label="K_D", unit="pM")
    >>> alt_values([p], {"kd_pM": 10})
    'K_D 10 pM'
    """
    return ", ".join(f"{p.label} {p.format(values[p.name])}" for p in parameters)
