"""Kernel-free explorers: controls linked in the browser to precomputed frames.

An explorer is a grid of frames. A *frame function* ``frame(**values) -> Frame``
draws one figure for one combination of control values and returns it together
with its alt text and an optional HTML table, so that the three can never
disagree. Building an explorer has two steps:

1. :func:`render_frames` (no widgets) calls the frame function once per
   combination of the :class:`Control` values and encodes each figure as a small
   image ``data:`` URI. Rendered frames are cached on disk (:mod:`widgets.explorers.cache`),
   keyed by the package's source and the frame's inputs, so one ``make test`` renders
   each frame at most once and an unchanged explorer is never rendered again.
2. :class:`FrameExplorer` lays the frames out in nested :class:`ipywidgets.Stack`
   widgets and links each control's ``index`` to the stacks' ``selected_index`` with
   :func:`ipywidgets.jslink`, a link that lives in the browser. Moving a control
   switches the visible frame with no kernel: the same widget works in the static
   HTML book (from the widget state that myst-nb saves), in JupyterLab and in Binder.

Each frame is an ``<img>`` inside an :class:`ipywidgets.HTML` widget, because
``ipywidgets.Image`` cannot carry alt text.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import math
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as W
from matplotlib.figure import Figure
from PIL import Image  # Pillow is a dependency of matplotlib

from widgets.explorers import cache

__all__ = [
    "DEFAULT_IMAGE_FORMAT",
    "EXPLORER_METADATA",
    "IMAGE_FORMATS",
    "MAX_CONTROLS",
    "MAX_FRAMES",
    "PALETTE_COLOURS",
    "Control",
    "Frame",
    "FrameExplorer",
    "FrameGrid",
    "RenderedFrame",
    "alt_values",
    "data_uri_bytes",
    "figure_to_data_uri",
    "render_frames",
    "rows_table",
    "with_default_view",
]

MAX_CONTROLS = 3
"""At most this many controls per explorer."""
MAX_FRAMES = 120
"""At most this many frames per explorer (a chapter page stays under 2.5 MB)."""
IMAGE_FORMATS = ("png", "webp", "svg")
"""Frame encodings :func:`figure_to_data_uri` can write."""
DEFAULT_IMAGE_FORMAT = "webp"
"""Frame encoding chosen by measurement: lossless WebP of the same 64-colour image is about
20 % smaller than palette PNG and as sharp (see the README, "Frame encoding")."""
PALETTE_COLOURS = 64
"""Colours kept when raster frames are quantised (line art stays sharp)."""
EXPLORER_METADATA = "cytokines_explorer"
"""Key of an explorer's display metadata (its title and default alt text), read by the
book's figure downloads."""


@dataclass(frozen=True)
class Frame:
    """What a frame function returns: the figure, its alt text and an optional table.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The frame, drawn with :func:`widgets.figures.style.book_style`.
    alt : str
        Alt text: what the figure shows at these values, in words and numbers.
    details : str
        Trusted HTML shown under the image (for example a small table); empty for none.
    """

    figure: Figure
    alt: str
    details: str = ""


@dataclass(frozen=True)
class Control:
    """One control of an explorer: a name, a grid of values, a label and a unit.

    Parameters
    ----------
    name : str
        Keyword under which each value is passed to the frame function; a Python
        identifier.
    values : sequence
        The grid, in the order the control offers it. Numbers give a slider; plain
        strings or ``(label, value)`` pairs give a menu (the frame function receives
        the value, the reader sees the label).
    label : str
        What the control sets, in words (for example ``"Dissociation constant K_D"``).
    unit : str, optional
        Unit shown with the label (for example ``"pM"``); empty for none.
    default : optional
        The value shown first (a value, not a label); one of the grid. Defaults to the
        middle of the grid.
    fmt : str, optional
        Format string of a numeric value in the slider's read-out and the alt text.

    Raises
    ------
    ValueError
        If the name is not an identifier, the grid is empty, has repeated values or
        labels, mixes numbers and other values or contains NaN, or the default is not
        in the grid.

    Examples
    --------
    >>> c = Control("kd_pM", [1, 10, 100], label="K_D", unit="pM", default=10)
    >>> c.default_index, c.is_numeric, c.description
    (1, True, 'K_D (pM)')
    >>> m = Control("route", [("intravenous", "iv"), ("subcutaneous", "sc")], label="Route")
    >>> m.values, m.labels, m.default
    (('iv', 'sc'), ('intravenous', 'subcutaneous'), 'sc')
    """

    name: str
    values: Sequence[Any]
    label: str
    unit: str = ""
    default: Any = None
    fmt: str = "{:g}"
    labels: tuple[str, ...] = field(init=False)
    default_index: int = field(init=False)
    is_numeric: bool = field(init=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"Control name must be a Python identifier, got {self.name!r}")
        items = tuple(self.values)
        if not items:
            raise ValueError(f"Control {self.name!r}: values must hold at least one value, got an empty grid")
        numeric = [isinstance(v, numbers.Real) and not isinstance(v, bool) for v in items]
        if any(numeric) and not all(numeric):
            raise ValueError(f"Control {self.name!r}: values must be all numbers or all menu entries, "
                             f"got {list(items)!r}")
        if all(numeric):
            if any(math.isnan(v) for v in items):
                raise ValueError(f"Control {self.name!r}: values must not contain NaN, got {list(items)!r}")
            values, labels = items, tuple(self.fmt.format(v) for v in items)
        else:
            pairs = []
            for v in items:
                if isinstance(v, str):
                    pairs.append((v, v))
                elif isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str):
                    pairs.append(v)
                else:
                    raise ValueError(f"Control {self.name!r}: a menu entry must be a string or a "
                                     f"(label, value) pair, got {v!r}")
            labels = tuple(label for label, _ in pairs)
            values = tuple(value for _, value in pairs)
            if len(set(labels)) != len(labels):
                raise ValueError(f"Control {self.name!r}: labels must be distinct, got {list(labels)!r}")
        if len(set(values)) != len(values):
            raise ValueError(f"Control {self.name!r}: values must be distinct, got {list(values)!r}")
        default = values[len(values) // 2] if self.default is None else self.default
        if default not in values:
            raise ValueError(f"Control {self.name!r}: default {default!r} is not in its grid; "
                             f"allowed: {list(values)!r}")
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "default", default)
        object.__setattr__(self, "default_index", values.index(default))
        object.__setattr__(self, "is_numeric", all(numeric))

    @property
    def description(self) -> str:
        """Label with its unit, as shown beside the control."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def format(self, value: Any) -> str:
        """One value as the reader sees it, with its unit (for read-outs and alt text).

        Examples
        --------
        >>> Control("kd_pM", [1, 10], label="K_D", unit="pM").format(10)
        '10 pM'
        >>> Control("route", [("intravenous", "iv")], label="Route").format("iv")
        'intravenous'
        """
        label = self.labels[self.values.index(value)]
        return f"{label} {self.unit}".strip() if self.is_numeric else label

    def widget(self) -> W.ValueWidget:
        """A new ipywidgets control: a slider for numbers, a menu otherwise."""
        common = dict(
            options=[(label, i) for i, label in enumerate(self.labels)],
            index=self.default_index,
            description=self.description,
            style={"description_width": "initial"},
            layout=W.Layout(width="min(36rem, 100%)"),
        )
        if self.is_numeric:
            return W.SelectionSlider(continuous_update=True, **common)
        return W.Dropdown(**common)


@dataclass(frozen=True)
class RenderedFrame:
    """One encoded frame: the image as a ``data:`` URI, its alt text and its details HTML."""

    uri: str
    alt: str
    details: str = ""


@dataclass(frozen=True)
class FrameGrid:
    """Every rendered frame of an explorer, keyed by the tuple of value indices."""

    controls: tuple[Control, ...]
    frames: Mapping[tuple[int, ...], RenderedFrame]

    def at(self, **values: Any) -> RenderedFrame:
        """The frame for given control values (by value, not label).

        Raises
        ------
        KeyError
            If a value is not on its control's grid.
        """
        try:
            key = tuple(c.values.index(values[c.name]) for c in self.controls)
        except (KeyError, ValueError):
            raise KeyError(f"no frame for {values!r}; grids: "
                           f"{ {c.name: list(c.values) for c in self.controls} }") from None
        return self.frames[key]

    @property
    def default(self) -> RenderedFrame:
        """The frame shown before any control is moved."""
        return self.frames[tuple(c.default_index for c in self.controls)]


def figure_to_data_uri(fig: Figure, *, image_format: str = DEFAULT_IMAGE_FORMAT, dpi: float = 100.0) -> str:
    """Render a figure to a compact ``data:`` URI.

    Raster frames are quantised to an adaptive palette of at most
    :data:`PALETTE_COLOURS` colours, which keeps line art sharp at a third of the
    size of a full-colour image; PNG and lossless WebP are both offered (see the
    README's measurement).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render (made with ``Figure()``, so nothing needs closing).
    image_format : {"png", "webp", "svg"}
        Output format.
    dpi : float
        Resolution of raster output, in dots per inch (> 0).

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
    >>> fig = Figure(figsize=(2, 1))
    >>> figure_to_data_uri(fig).startswith("data:image/webp;base64,")
    True
    >>> figure_to_data_uri(fig, image_format="png").startswith("data:image/png;base64,")
    True
    """
    if image_format not in IMAGE_FORMATS:
        raise ValueError(f"image_format must be one of {IMAGE_FORMATS}, got {image_format!r}")
    if not dpi > 0:
        raise ValueError(f"dpi must be > 0, got {dpi!r}")
    buffer = io.BytesIO()
    if image_format == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        mime = "image/svg+xml"
    else:
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        buffer.seek(0)
        quantised = Image.open(buffer).convert("RGB").quantize(colors=PALETTE_COLOURS,
                                                                method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        if image_format == "png":
            quantised.save(buffer, format="PNG", optimize=True)
        else:
            # lossless; quality sets the compression effort (80 is 5x faster than 100 for 1 % more bytes)
            quantised.save(buffer, format="WEBP", lossless=True, quality=80, method=4)
        mime = f"image/{image_format}"
    return f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"


def _check_controls(controls: Sequence[Control]) -> tuple[Control, ...]:
    controls = tuple(controls)
    if not 1 <= len(controls) <= MAX_CONTROLS:
        raise ValueError(f"controls must hold 1 to {MAX_CONTROLS} Control objects, got {len(controls)}")
    for c in controls:
        if not isinstance(c, Control):
            raise ValueError(f"controls must be Control objects, got {c!r}")
    names = [c.name for c in controls]
    if len(set(names)) != len(names):
        raise ValueError(f"control names must be distinct, got {names}")
    n_frames = math.prod(len(c.values) for c in controls)
    if n_frames > MAX_FRAMES:
        raise ValueError(f"the grid {' x '.join(str(len(c.values)) for c in controls)} gives {n_frames} frames; "
                         f"at most {MAX_FRAMES} are allowed (keep the page small)")
    return controls


def _render_one(frame: Callable[..., Frame], values: dict[str, Any], image_format: str, dpi: float) -> RenderedFrame:
    out = frame(**values)
    if not isinstance(out, Frame):
        raise ValueError(f"frame(**{values!r}) must return a Frame, got {type(out).__name__}")
    if not isinstance(out.figure, Figure):
        raise ValueError(f"frame(**{values!r}) must return a Frame holding a matplotlib Figure, "
                         f"got {type(out.figure).__name__}")
    if not isinstance(out.alt, str) or not out.alt.strip():
        raise ValueError(f"frame(**{values!r}) must return non-empty alt text, got {out.alt!r}")
    if not isinstance(out.details, str):
        raise ValueError(f"frame(**{values!r}) must return details as HTML text, got {type(out.details).__name__}")
    return RenderedFrame(figure_to_data_uri(out.figure, image_format=image_format, dpi=dpi), out.alt, out.details)


def render_frames(
    frame: Callable[..., Frame],
    controls: Sequence[Control],
    *,
    image_format: str = DEFAULT_IMAGE_FORMAT,
    dpi: float = 100.0,
    use_cache: bool = True,
) -> FrameGrid:
    """Render every frame of an explorer (no widgets), using the on-disk frame cache.

    Parameters
    ----------
    frame : callable
        ``frame(**values) -> Frame``, a module-level function, called once per
        combination of control values that is not in the cache.
    controls : sequence of Control
        One to three controls.
    image_format : {"png", "webp", "svg"}, optional
        Frame encoding.
    dpi : float, optional
        Resolution of raster frames.
    use_cache : bool, optional
        Read and write the frame cache (see :mod:`widgets.explorers.cache`).

    Returns
    -------
    FrameGrid

    Raises
    ------
    ValueError
        If there are no controls or more than three, names repeat, the grid is larger
        than :data:`MAX_FRAMES`, the format is unknown, or the frame function returns
        something of the wrong type.

    Examples
    --------
    >>> def frame(*, kd_pM):
    ...     fig = Figure(figsize=(2, 1))
    ...     fig.add_subplot().axvline(kd_pM)
    ...     return Frame(fig, alt=f"Line at K_D = {kd_pM} pM")
    >>> grid = render_frames(frame, [Control("kd_pM", [1, 10], label="K_D", unit="pM")], use_cache=False)
    >>> grid.at(kd_pM=10).alt
    'Line at K_D = 10 pM'
    """
    controls = _check_controls(controls)
    if image_format not in IMAGE_FORMATS:
        raise ValueError(f"image_format must be one of {IMAGE_FORMATS}, got {image_format!r}")
    frames: dict[tuple[int, ...], RenderedFrame] = {}
    for combo in itertools.product(*(range(len(c.values)) for c in controls)):
        values = {c.name: c.values[i] for c, i in zip(controls, combo)}
        frames[combo] = _render_cached(frame, values, image_format, dpi, use_cache)
    return FrameGrid(controls, frames)


def _render_cached(frame: Callable[..., Frame], values: dict[str, Any], image_format: str, dpi: float,
                   use_cache: bool = True) -> RenderedFrame:
    """One frame from the cache, or rendered (and stored) if it is not there."""
    key = cache.frame_key(frame, values, image_format=image_format, dpi=dpi) if use_cache else None
    hit = cache.load(key) if key else None
    if hit is not None:
        return RenderedFrame(**hit)
    rendered = _render_one(frame, values, image_format, dpi)
    cache.record_render(frame, values)
    if key:
        cache.store(key, vars(rendered))
    return rendered


def data_uri_bytes(uri: str) -> tuple[str, bytes]:
    """The MIME type and the decoded bytes of a ``data:...;base64,...`` URI.

    Raises
    ------
    ValueError
        If ``uri`` is not a base64 ``data:`` URI.

    Examples
    --------
    >>> data_uri_bytes("data:image/png;base64,iVBORw==")
    ('image/png', b'\\x89PNG')
    """
    head, sep, payload = uri.partition(",")
    if not (head.startswith("data:") and head.endswith(";base64") and sep):
        raise ValueError(f"uri must be a base64 data: URI, got {uri[:40]!r}...")
    return head[len("data:"):-len(";base64")], base64.b64decode(payload)


def _png_bytes(uri: str) -> bytes:
    """PNG bytes of a raster frame (WebP frames are converted; pixels are unchanged)."""
    mime, data = data_uri_bytes(uri)
    if mime == "image/png":
        return data
    buffer = io.BytesIO()
    Image.open(io.BytesIO(data)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


class FrameExplorer(W.VBox):
    """An explorer whose controls switch between precomputed frames in the browser.

    Parameters
    ----------
    frame : callable
        ``frame(**values) -> Frame`` (see :func:`render_frames`).
    controls : sequence of Control
        One to three controls.
    title : str, optional
        A short heading shown above the controls.
    image_format : {"png", "webp", "svg"}, optional
        Frame encoding.
    dpi : float, optional
        Resolution of raster frames.

    Attributes
    ----------
    grid : FrameGrid
        The rendered frames.
    controls : list of ipywidgets widgets
        One widget per control, in order.
    stack : ipywidgets.Stack
        The outermost stack of frames.

    Raises
    ------
    ValueError
        As :func:`render_frames`.

    Examples
    --------
    >>> def frame(*, kd_pM):
    ...     fig = Figure(figsize=(2, 1))
    ...     fig.add_subplot().axvline(kd_pM)
    ...     return Frame(fig, alt=f"Line at K_D = {kd_pM} pM")
    >>> ex = FrameExplorer(frame, [Control("kd_pM", [1, 10], label="K_D", unit="pM")])
    >>> ex
    FrameExplorer(kd_pM: 2 values; 2 frames)
    >>> ex.visible_frame().alt
    'Line at K_D = 10 pM'
    """

    def __init__(
        self,
        frame: Callable[..., Frame],
        controls: Sequence[Control],
        *,
        title: str | None = None,
        image_format: str = DEFAULT_IMAGE_FORMAT,
        dpi: float = 100.0,
    ) -> None:
        self.grid = render_frames(frame, controls, image_format=image_format, dpi=dpi)
        self.title = title or ""
        self._frame_function = frame
        self._dpi = dpi
        self.controls = [c.widget() for c in self.grid.controls]
        self._levels: list[list[W.Stack]] = [[] for _ in self.grid.controls]
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
        if level == len(self.grid.controls):
            f = self.grid.frames[prefix]
            return W.HTML(
                f'<img class="explorer-frame" src="{f.uri}" alt="{html.escape(f.alt, quote=True)}" '
                f'style="max-width:100%;height:auto">'
                + (f'<div class="explorer-details">{f.details}</div>' if f.details else "")
            )
        control = self.grid.controls[level]
        stack = W.Stack(
            children=[self._build(prefix + (i,)) for i in range(len(control.values))],
            selected_index=control.default_index,
        )
        self._levels[level].append(stack)
        return stack

    @property
    def frames(self) -> Mapping[tuple[int, ...], RenderedFrame]:
        """Every rendered frame, keyed by the tuple of value indices."""
        return self.grid.frames

    @property
    def n_links(self) -> int:
        """Number of browser-side links between controls and stacks."""
        return len(self._links)

    def visible_frame(self) -> RenderedFrame:
        """The frame shown for the widgets' current indices (Python side)."""
        return self.grid.frames[tuple(c.index for c in self.controls)]

    def default_values(self) -> dict[str, Any]:
        """The control values of the frame shown before any control is moved."""
        return {c.name: c.values[c.default_index] for c in self.grid.controls}

    def default_image(self, image_format: str = "png") -> bytes:
        """The default frame as a PNG or SVG file, for figure downloads, PDF and previews.

        PNG comes from the frame already rendered (WebP frames are re-encoded, with
        the same pixels); SVG renders the default frame once more (and caches it).

        Raises
        ------
        ValueError
            If ``image_format`` is not ``"png"`` or ``"svg"``.

        Examples
        --------
        >>> def frame(*, kd_pM):
        ...     fig = Figure(figsize=(2, 1))
        ...     fig.add_subplot().axvline(kd_pM)
        ...     return Frame(fig, alt=f"Line at K_D = {kd_pM} pM")
        >>> ex = FrameExplorer(frame, [Control("kd_pM", [1, 10], label="K_D", unit="pM")])
        >>> ex.default_image("png")[:4]
        b'\\x89PNG'
        >>> b"<svg" in ex.default_image("svg")
        True
        """
        if image_format not in ("png", "svg"):
            raise ValueError(f"image_format must be 'png' or 'svg', got {image_format!r}")
        default = self.grid.default
        if image_format == "png" and not default.uri.startswith("data:image/svg"):
            return _png_bytes(default.uri)
        rendered = _render_cached(self._frame_function, self.default_values(), image_format, self._dpi)
        return data_uri_bytes(rendered.uri)[1]

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """The widget, plus its default frame as PNG (and SVG when the build asks for it).

        Front ends that show widgets (JupyterLab, the book) show the widget; the image
        is for the rest: the PDF, notebook previews, and the figure downloads of the
        book build (:func:`widgets.figures.style.figure_formats`).
        """
        data = dict(super()._repr_mimebundle_(**kwargs) or {})
        return with_default_view(data, self.default_image, title=self.title, alt=self.grid.default.alt)

    def __repr__(self) -> str:  # short: the default repr would print every frame
        grid = ", ".join(f"{c.name}: {len(c.values)} values" for c in self.grid.controls)
        return f"FrameExplorer({grid}; {len(self.grid.frames)} frames)"

    def _repr_keys(self):  # noqa: ANN202 - keep ipywidgets' own repr machinery short as well
        return iter(())


def with_default_view(data: dict[str, Any], image: Callable[[str], bytes], *, title: str, alt: str
                      ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Add an explorer's default view to its widget mimebundle, as every explorer shows it.

    The widget view comes first for front ends that show widgets; the default view as
    PNG (and SVG when the build asks for it, :func:`widgets.figures.style.figure_formats`)
    is for the rest: the PDF, notebook previews, the book's figure downloads, and the
    static copy shown while (or if) a live explorer's script does not run.

    Parameters
    ----------
    data : dict
        The widget's mimebundle data.
    image : callable
        ``image(format) -> bytes`` for ``"png"`` and ``"svg"``.
    title, alt : str
        The explorer's title and the alt text of its default view.

    Returns
    -------
    (dict, dict)
        The data with ``image/png`` (and ``image/svg+xml``), and the display metadata
        under :data:`EXPLORER_METADATA`.
    """
    from widgets.figures.style import figure_formats

    data = dict(data)
    data["image/png"] = base64.b64encode(image("png")).decode("ascii")
    if "svg" in figure_formats():
        data["image/svg+xml"] = image("svg").decode("utf-8")
    return data, {EXPLORER_METADATA: {"title": title, "alt": alt}}


def alt_values(controls: Sequence[Control], values: Mapping[str, Any]) -> str:
    """Describe control values in words, for alt text: ``"K_D 10 pM, mass 20 kDa"``.

    Examples
    --------
    >>> c = Control("kd_pM", [1, 10], label="K_D", unit="pM")
    >>> alt_values([c], {"kd_pM": 10})
    'K_D 10 pM'
    """
    return ", ".join(f"{c.label} {c.format(values[c.name])}" for c in controls)


# Inline styles: a details table must read well without any page stylesheet.
_TABLE_STYLE = ' style="margin:0.4em auto;border-collapse:collapse;font-size:0.9em"'
_CELL_STYLE = ' style="padding:0.15em 0.9em;text-align:{align}"'
_ALIGNMENTS = ("left", "right", "center")


def rows_table(rows: Iterable[Sequence[str]], *, columns: Sequence[str] = (), row_headers: bool = False,
               inline_style: bool = True, align: str | Sequence[str] = "left") -> str:
    """The ``details`` HTML of a frame: a small table with one row per sequence of cells.

    Cells are trusted HTML (escape text that comes from data before passing it).

    Parameters
    ----------
    rows : iterable of sequences of str
        The cells of each row.
    columns : sequence of str, optional
        Column headings (a ``<thead>``); none by default.
    row_headers : bool, optional
        Mark the first cell of each row as its header (``<th scope="row">``).
    inline_style : bool, optional
        Style the table and its cells inline, so that it reads well without the page's
        stylesheet (the default).
    align : str or sequence of str, optional
        ``"left"``, ``"right"`` or ``"center"``: one for every column, or one per
        column (numbers read best right-aligned). Used with ``inline_style`` only.

    Raises
    ------
    ValueError
        If an alignment is not one of the three.

    Examples
    --------
    >>> rows_table([("peak", "12 pM")], inline_style=False)
    '<table class="explorer-table"><tbody><tr><td>peak</td><td>12 pM</td></tr></tbody></table>'
    >>> rows_table([("peak", "12 pM")], row_headers=True, inline_style=False)
    '<table class="explorer-table"><tbody><tr><th scope="row">peak</th><td>12 pM</td></tr></tbody></table>'
    >>> rows_table([("peak", "12 pM")], align=("left", "right")).count("text-align:right")
    1
    """
    wanted = [align] if isinstance(align, str) else list(align)
    bad = [a for a in wanted if a not in _ALIGNMENTS]
    if bad or not wanted:
        raise ValueError(f"align must be one of {_ALIGNMENTS} or a sequence of them, got {align!r}")
    table = _TABLE_STYLE if inline_style else ""

    def cell(i: int) -> str:  # the last alignment given carries on to the remaining columns
        return _CELL_STYLE.format(align=wanted[min(i, len(wanted) - 1)]) if inline_style else ""

    head = ("<thead><tr>" + "".join(f"<th{cell(i)}>{c}</th>" for i, c in enumerate(columns)) + "</tr></thead>"
            if columns else "")

    def row_html(cells: Sequence[str]) -> str:
        lead, *rest = cells
        lead_html = f'<th scope="row"{cell(0)}>{lead}</th>' if row_headers else f"<td{cell(0)}>{lead}</td>"
        return "<tr>" + lead_html + "".join(f"<td{cell(i)}>{c}</td>" for i, c in enumerate(rest, start=1)) + "</tr>"

    body = "".join(row_html(row) for row in rows)
    return f'<table class="explorer-table"{table}>{head}<tbody>{body}</tbody></table>'
