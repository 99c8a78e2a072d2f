"""Live explorers: a model definition integrated in the reader's browser, with no kernel.

A frame explorer (:mod:`widgets.explorers.core`) can only show what was rendered
beforehand. A :class:`LiveExplorer` ships the model itself: the definition of
:mod:`widgets.models.definitions` (species, parameters, rate laws and the analytic
Jacobian as expression trees) goes into the widget state, and the widget's JavaScript
(``live_assets/engine.js``, an L-stable Rosenbrock integrator of order 3, and
``live_assets/view.js``, the controls and SVG plots) integrates it again at every move of
a slider. The same definition is what the Python model modules integrate with scipy, so
the page and the package cannot drift apart.

The front-end code is shipped with anywidget (pinned in ``requirements.txt`` and
``package.json``): in the static book the self-hosted widget manager loads anywidget's
module from ``_static/vendor`` (``book/_static/book.js`` maps it), and the explorer's own
code comes from the widget state, so no request leaves the site. In JupyterLab and Binder
anywidget's lab extension does the same.

What an explorer shows is data, checked here: :class:`Slider` and :class:`Switch`
controls (a model parameter or input, or a setting of a :class:`Reset`), :class:`Panel`
plots of the definition's observables, and summary items (:class:`Peak`,
:class:`ValueAt`, :class:`TimeAbove`, :class:`TimeBetween`, :class:`Outcome`) read out in
an ``aria-live`` region. Its output also carries the default view as a PNG (rendered once
and cached, like a frame), which the book shows until the live view has drawn and which
the PDF and the figure downloads use.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import anywidget
import numpy as np
import traitlets
from numpy.typing import NDArray

from widgets.explorers.core import Frame, _render_cached, data_uri_bytes, with_default_view
from widgets.models.definitions import ModelDefinition
from widgets.models.pharmacokinetics import time_above_h

__all__ = [
    "ASSETS",
    "DEFAULT_TOLERANCES",
    "Band",
    "LiveExplorer",
    "Outcome",
    "Panel",
    "Peak",
    "Reference",
    "Reset",
    "Series",
    "Slider",
    "Switch",
    "TimeAbove",
    "TimeBetween",
    "TimeGrid",
    "ValueAt",
    "module_source",
    "stylesheet",
]

ASSETS = Path(__file__).resolve().parent / "live_assets"
"""Folder of the explorer's JavaScript and CSS (package data)."""

DEFAULT_TOLERANCES: Mapping[str, float] = {"rtol": 1e-6, "atol": 1e-9}
"""Tolerances of the browser integrator (rtol relative, atol in the units of each species)."""


def module_source() -> str:
    """The anywidget module: the engine (``engine.js``) followed by the view (``view.js``).

    Examples
    --------
    >>> src = module_source()
    >>> "export function rodas3" in src and "export default { render }" in src
    True
    """
    return (ASSETS / "engine.js").read_text(encoding="utf-8") + "\n" + (ASSETS / "view.js").read_text(encoding="utf-8")


def stylesheet() -> str:
    """The explorer's CSS."""
    return (ASSETS / "live.css").read_text(encoding="utf-8")


def _finite(where: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{where} must be a finite number, got {value!r}")
    return float(value)


# ---------------------------------------------------------------------------------
# What an explorer shows, as data
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slider:
    """A continuous slider for one value.

    Parameters
    ----------
    name : str
        A parameter or input of the definition, or a setting used by a :class:`Reset`.
    label : str
        What it sets, in words.
    low, high : float
        Range shown on the slider, in the displayed unit.
    unit : str
        Displayed unit.
    log : bool
        A logarithmic slider (for values that span decades); ``low`` must be > 0.
    scale : float
        Model value = displayed value * scale (for example µg per million IU).
    step : float, optional
        Rounding of a linear slider's value, in the displayed unit.
    enables : str, optional
        A :class:`Switch` that moving this slider turns on, because the value only acts
        then (the level of a reset that the switch enables, say).
    """

    name: str
    label: str
    low: float
    high: float
    unit: str = ""
    log: bool = False
    scale: float = 1.0
    step: float | None = None
    enables: str | None = None

    def __post_init__(self) -> None:
        low = _finite(f"Slider {self.name!r}: low", self.low)
        high = _finite(f"Slider {self.name!r}: high", self.high)
        if not low < high:
            raise ValueError(f"Slider {self.name!r}: low ({low:g}) must be below high ({high:g})")
        if self.log and low <= 0:
            raise ValueError(f"Slider {self.name!r}: a log slider needs low > 0, got {low:g}")
        if not _finite(f"Slider {self.name!r}: scale", self.scale) > 0:
            raise ValueError(f"Slider {self.name!r}: scale must be > 0, got {self.scale!r}")

    def to_json(self) -> dict[str, Any]:
        return {"kind": "slider", "name": self.name, "label": self.label, "unit": self.unit, "min": self.low,
                "max": self.high, "log": self.log, "scale": self.scale, "step": self.step, "enables": self.enables}

    def check(self, value: float) -> None:
        shown = value / self.scale
        if not self.low * (1 - 1e-9) <= shown <= self.high * (1 + 1e-9):
            raise ValueError(f"Slider {self.name!r}: the default {f'{shown:g} {self.unit}'.strip()} is outside "
                             f"[{self.low:g}, {self.high:g}]")


@dataclass(frozen=True)
class Switch:
    """A switch between two values of one parameter, input or setting (on and off)."""

    name: str
    label: str
    on: float = 1.0
    off: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"kind": "switch", "name": self.name, "label": self.label, "on": self.on, "off": self.off}

    def check(self, value: float) -> None:
        if value not in (self.on, self.off):
            raise ValueError(f"Switch {self.name!r}: the default {value!r} is neither on ({self.on!r}) "
                             f"nor off ({self.off!r})")


Control = Slider | Switch


@dataclass(frozen=True)
class Series:
    """One observable of the definition drawn in a panel."""

    observable: str
    label: str
    colour: str


@dataclass(frozen=True)
class Band:
    """A shaded horizontal band (a concentration window), in the panel's unit."""

    low: float
    high: float
    label: str


@dataclass(frozen=True)
class Line:
    """A dotted horizontal reference line, in the panel's unit."""

    value: float
    label: str


@dataclass(frozen=True)
class Panel:
    """One plot against time.

    A linear axis runs from 0 to just above the largest value drawn (but at least to
    ``y_min_top``, so that a curve that stays near zero looks like zero); a log axis needs
    a fixed ``y_range``. ``mark_peak`` marks the first series' maximum.
    """

    title: str
    y_label: str
    series: tuple[Series, ...]
    log: bool = False
    y_range: tuple[float, float] | None = None
    bands: tuple[Band, ...] = ()
    lines: tuple[Line, ...] = ()
    mark_peak: bool = False
    y_min_top: float | None = None

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError(f"Panel {self.title!r} must draw at least one series")
        if self.log and (self.y_range is None or self.y_range[0] <= 0):
            raise ValueError(f"Panel {self.title!r}: a log axis needs a y_range with a lower limit > 0")
        if self.y_range is not None and not self.y_range[0] < self.y_range[1]:
            raise ValueError(f"Panel {self.title!r}: y_range must be increasing, got {self.y_range!r}")


@dataclass(frozen=True)
class Peak:
    """Summary: the largest value of an observable and when it is reached."""

    observable: str
    label: str
    unit: str
    kind: str = field(default="peak", init=False)


@dataclass(frozen=True)
class ValueAt:
    """Summary: an observable at one time (linear interpolation)."""

    observable: str
    time: float
    label: str
    unit: str
    kind: str = field(default="at", init=False)


@dataclass(frozen=True)
class TimeAbove:
    """Summary: how long an observable stays at or above a threshold."""

    observable: str
    threshold: float
    label: str
    kind: str = field(default="time_above", init=False)


@dataclass(frozen=True)
class TimeBetween:
    """Summary: how long an observable stays between two levels (at or above ``low``, below ``high``)."""

    observable: str
    low: float
    high: float
    label: str
    kind: str = field(default="time_between", init=False)


@dataclass(frozen=True)
class Outcome:
    """Summary: a verdict on the state at the end of the simulation.

    ``rules`` are ``(verdict, species, at_least)``: the first rule whose species ends at or
    above its level gives the verdict; ``otherwise`` if none does.
    """

    rules: tuple[tuple[str, str, float], ...]
    otherwise: str
    label: str = "Outcome"
    kind: str = field(default="outcome", init=False)


SummaryItem = Peak | ValueAt | TimeAbove | TimeBetween | Outcome


@dataclass(frozen=True)
class Reset:
    """An intervention: at ``time`` the species is set to ``value`` (a number or the name of a control).

    With ``when`` (the name of a :class:`Switch`), only while that switch is on.
    """

    time: float
    species: str
    value: str | float
    when: str | None = None


@dataclass(frozen=True)
class Reference:
    """A grey dashed curve of the default values, shown whenever the settings differ from them.

    ``keep`` names controls whose current value the reference keeps (the dose, say), so
    the reference answers "the published model at the same dose".
    """

    label: str
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimeGrid:
    """Output times: ``points`` equally spaced from 0 to ``end``; the plots stop at ``plot_end``."""

    end: float
    points: int
    label: str
    plot_end: float | None = None

    def __post_init__(self) -> None:
        if not _finite("TimeGrid end", self.end) > 0:
            raise ValueError(f"TimeGrid end must be > 0, got {self.end!r}")
        if not (isinstance(self.points, int) and 2 <= self.points <= 5001):
            raise ValueError(f"TimeGrid points must be an integer in [2, 5001], got {self.points!r}")
        if self.plot_end is not None and not 0 < self.plot_end <= self.end:
            raise ValueError(f"TimeGrid plot_end must lie in (0, end], got {self.plot_end!r}")

    @property
    def times(self) -> NDArray[np.float64]:
        """The output times."""
        return np.linspace(0.0, self.end, self.points)


# ---------------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------------


class LiveExplorer(anywidget.AnyWidget):
    """A model definition with sliders and plots, integrated in the browser at every move.

    Parameters
    ----------
    model : ModelDefinition
        The model (:func:`widgets.models.definitions.load`).
    controls : sequence of Slider or Switch
        The controls, in order.
    panels : sequence of Panel
        The plots.
    summary : sequence of summary items
        What the spoken summary says (:class:`Peak`, :class:`ValueAt`, :class:`TimeAbove`,
        :class:`TimeBetween`, :class:`Outcome`).
    time : TimeGrid
        Output times and the plotted window.
    title : str
        A short heading.
    values : mapping, optional
        The published (default) value of every control that differs from the
        definition's, of every setting that is not a model value, and of model values
        that this explorer fixes without a control; Reset returns here.
    reference : Reference, optional
        A dashed curve of the default values.
    resets : sequence of Reset, optional
        Interventions during the simulation.
    default_view : (callable, mapping), optional
        A frame function and its arguments that draw the default view with the book's
        figures (:class:`widgets.explorers.core.Frame`); its PNG is the static copy.
    tolerances : mapping, optional
        ``rtol`` and ``atol`` of the browser integrator (:data:`DEFAULT_TOLERANCES`).

    Raises
    ------
    ValueError
        If a control, series, summary item, reset or reference names something the model
        or the explorer does not have, or a default lies outside its slider.

    Examples
    --------
    >>> from widgets.models.definitions import load
    >>> pk = load("pharmacokinetics")
    >>> ex = LiveExplorer(pk, controls=[Slider("elimination_half_life_h", "Half-life", 0.5, 50, "h", log=True)],
    ...     panels=[Panel("Plasma", "ng/mL", (Series("plasma_ng_per_ml", "plasma", "#0072B2"),))],
    ...     summary=[Peak("plasma_ng_per_ml", "The concentration", "ng/mL")], time=TimeGrid(24.0, 97, "time (h)"))
    >>> ex.summary_text()
    'The concentration peaks at 20.4 ng/mL at 0 h.'
    """

    _esm = module_source()
    _css = stylesheet()
    definition = traitlets.Dict().tag(sync=True)
    spec = traitlets.Dict().tag(sync=True)
    values = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        model: ModelDefinition,
        *,
        controls: Sequence[Control],
        panels: Sequence[Panel],
        summary: Sequence[SummaryItem],
        time: TimeGrid,
        title: str = "",
        values: Mapping[str, float] | None = None,
        reference: Reference | None = None,
        resets: Sequence[Reset] = (),
        default_view: tuple[Callable[..., Frame], Mapping[str, Any]] | None = None,
        tolerances: Mapping[str, float] | None = None,
    ) -> None:
        self.model = model
        self.controls = tuple(controls)
        self.panels = tuple(panels)
        self.summary = tuple(summary)
        self.time = time
        self.title = title
        self.reference = reference
        self.resets = tuple(resets)
        self._default_view = default_view
        defaults = self._check(dict(values or {}))
        self.defaults = defaults
        summary_json: list[dict[str, Any]] = []
        for i, item in enumerate(self.summary):
            entry = {**asdict(item), "key": f"{item.kind}:{getattr(item, 'observable', '')}:{i}"}
            if isinstance(item, Outcome):
                entry["rules"] = [{"label": v, "species": s, "at_least": a} for v, s, a in item.rules]
            summary_json.append(entry)
        spec: dict[str, Any] = {
            "title": title,
            "controls": [c.to_json() for c in self.controls],
            "panels": [self._panel_json(p) for p in self.panels],
            "summary": summary_json,
            "time": {"end": time.end, "points": time.points, "plot_end": time.plot_end or time.end,
                     "label": time.label},
            "defaults": defaults,
            "reference": None if reference is None else {"label": reference.label, "keep": list(reference.keep)},
            "resets": [asdict(r) for r in self.resets],
            "tolerances": dict(tolerances or DEFAULT_TOLERANCES),
        }
        super().__init__(definition=model.to_browser(), spec=spec, values=dict(defaults))
        self.add_class("live-explorer")

    # -- checking ------------------------------------------------------------------------

    def _check(self, values: dict[str, float]) -> dict[str, float]:
        model = self.model
        names = [c.name for c in self.controls]
        if not names:
            raise ValueError("a LiveExplorer needs at least one control")
        if len(set(names)) != len(names):
            raise ValueError(f"control names must be distinct, got {names}")
        settings = {r.value for r in self.resets if isinstance(r.value, str)} | {r.when for r in self.resets if r.when}
        for r in self.resets:
            if r.species not in model.species_names:
                raise ValueError(f"Reset: {r.species!r} is not a species of {model.name}")
            _finite("Reset time", r.time)
            for name in ({r.value} if isinstance(r.value, str) else set()) | ({r.when} if r.when else set()):
                if name not in names:
                    raise ValueError(f"Reset: {name!r} is not a control")
            if r.when and not isinstance(self._control(r.when), Switch):
                raise ValueError(f"Reset: 'when' must name a Switch, got {r.when!r}")
        for c in self.controls:
            if isinstance(c, Slider) and c.enables is not None and not (
                    c.enables in names and isinstance(self._control(c.enables), Switch)):
                raise ValueError(f"Slider {c.name!r}: 'enables' must name a Switch, got {c.enables!r}")
        defaults: dict[str, float] = {}
        for c in self.controls:
            if c.name in model.constants:
                value = values.pop(c.name, model.constants[c.name].value)
            elif c.name in settings:
                if c.name not in values:
                    raise ValueError(f"control {c.name!r} is a setting of a reset: give its default in values")
                value = values.pop(c.name)
            else:
                raise ValueError(f"control {c.name!r} is not a parameter or input of {model.name}"
                                 f" nor a setting of a reset")
            value = _finite(f"the default of {c.name!r}", value)
            c.check(value)
            defaults[c.name] = value
        for name, value in values.items():  # fixed settings of this explorer
            if name not in model.constants:
                raise ValueError(f"values: {name!r} is neither a control nor a parameter or input of {model.name}")
            defaults[name] = _finite(f"the value of {name!r}", value)
        observables = set(model.observables)
        for p in self.panels:
            for s in p.series:
                if s.observable not in observables:
                    raise ValueError(f"Panel {p.title!r}: {s.observable!r} is not an observable of {model.name}")
        for item in self.summary:
            if isinstance(item, Outcome):
                for _verdict, species, _level in item.rules:
                    if species not in model.species_names:
                        raise ValueError(f"Outcome: {species!r} is not a species of {model.name}")
            elif item.observable not in observables:
                raise ValueError(f"summary: {item.observable!r} is not an observable of {model.name}")
        if self.reference is not None:
            for name in self.reference.keep:
                if name not in names:
                    raise ValueError(f"Reference: {name!r} is not a control")
        return defaults

    def _control(self, name: str) -> Control:
        return next(c for c in self.controls if c.name == name)

    @staticmethod
    def _panel_json(p: Panel) -> dict[str, Any]:
        return {"title": p.title, "y_label": p.y_label, "log": p.log,
                "y_range": list(p.y_range) if p.y_range else None, "mark_peak": p.mark_peak, "y_min_top": p.y_min_top,
                "series": [asdict(s) for s in p.series], "bands": [asdict(b) for b in p.bands],
                "lines": [asdict(line) for line in p.lines]}

    # -- the same numbers in Python (scipy), for the fallback text and the tests -----------

    def simulate(self, values: Mapping[str, float] | None = None) -> tuple[NDArray[np.float64], dict[str, Any],
                                                                        NDArray[np.float64]]:
        """What the page computes for some control values, computed here with scipy.

        Returns
        -------
        (t, observables, final)
            Output times, every observable at those times, and the state at the end.
        """
        current = {**self.defaults, **(values or {})}
        model_values = {k: v for k, v in current.items() if k in self.model.constants}
        resets = [(r.time, {r.species: current[r.value] if isinstance(r.value, str) else r.value})
                  for r in self.resets if r.when is None or current[r.when] == self._control(r.when).on]  # type: ignore[union-attr]
        t = self.time.times
        run = self.model.simulate(t, model_values, resets=resets)
        obs = {name: self.model.observe(name, run.states, model_values) for name in self.model.observables}
        return t, obs, run.final

    def summary_numbers(self, values: Mapping[str, float] | None = None) -> dict[str, Any]:
        """The summary's numbers for some control values (keys as in the page's ``data-summary``)."""
        t, obs, final = self.simulate(values)
        out: dict[str, Any] = {}
        for i, item in enumerate(self.summary):
            key = f"{item.kind}:{getattr(item, 'observable', '')}:{i}"
            if isinstance(item, Outcome):
                verdict = item.otherwise
                for label, species, level in item.rules:
                    if final[self.model.species_names.index(species)] >= level:
                        verdict = label
                        break
                out[key] = verdict
                continue
            y = obs[item.observable]
            if isinstance(item, Peak):
                j = int(np.argmax(y))
                out[key] = [float(y[j]), float(t[j])]
            elif isinstance(item, ValueAt):
                out[key] = float(np.interp(item.time, t, y))
            elif isinstance(item, TimeAbove):
                out[key] = time_above_h(t, np.maximum(y, 0.0), item.threshold)
            else:
                out[key] = (time_above_h(t, np.maximum(y, 0.0), item.low)
                            - time_above_h(t, np.maximum(y, 0.0), item.high))
        return out

    def summary_text(self, values: Mapping[str, float] | None = None) -> str:
        """The summary sentence the page shows, computed in Python (formatted as the page does)."""
        numbers = self.summary_numbers(values)
        unit = self.model.time_unit
        parts = []
        for i, item in enumerate(self.summary):
            value = numbers[f"{item.kind}:{getattr(item, 'observable', '')}:{i}"]
            if isinstance(item, Outcome):
                parts.append(f"{item.label}: {value}")
            elif isinstance(item, Peak):
                parts.append(f"{item.label} peaks at {_format(value[0])} {item.unit} at {_format(value[1])} {unit}")
            elif isinstance(item, ValueAt):
                parts.append(f"{item.label} at {_format(item.time)} {unit}: {_format(value)} {item.unit}")
            else:
                parts.append(f"{_format(value)} {unit} {item.label}")
        return "; ".join(parts) + "."

    # -- display -------------------------------------------------------------------------

    @property
    def alt(self) -> str:
        """Text alternative of the default view: the title and the summary at the default values."""
        return f"{self.title}. {self.summary_text()}" if self.title else self.summary_text()

    def default_image(self, image_format: str = "png") -> bytes:
        """The default view as PNG or SVG, drawn by the book's figures (cached like a frame).

        Raises
        ------
        ValueError
            If there is no ``default_view`` or the format is not ``"png"`` or ``"svg"``.
        """
        if image_format not in ("png", "svg"):
            raise ValueError(f"image_format must be 'png' or 'svg', got {image_format!r}")
        if self._default_view is None:
            raise ValueError("this LiveExplorer has no default_view to draw")
        frame, kwargs = self._default_view
        return data_uri_bytes(_render_cached(frame, dict(kwargs), image_format, 100.0).uri)[1]

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        data, _metadata = super()._repr_mimebundle_(**kwargs) or ({}, {})
        if self._default_view is None:
            return data, {}
        return with_default_view(data, self.default_image, title=self.title, alt=self.alt)

    def __repr__(self) -> str:
        sliders = sum(isinstance(c, Slider) for c in self.controls)
        switches = len(self.controls) - sliders
        return (f"LiveExplorer({self.model.name}: {sliders} slider{'s' * (sliders != 1)}, "
                f"{switches} switch{'es' * (switches != 1)})\nDefault view: {self.alt}")

    def _repr_keys(self):  # noqa: ANN202 - keep ipywidgets' own repr machinery short
        return iter(())


def _format(x: float, digits: int = 3) -> str:
    """A number as the page's formatNumber writes it."""
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 1e5 or a < 1e-3:
        e = math.floor(math.log10(a))
        m = float(f"{x / 10 ** e:.{digits}g}")
        power = "10" + str(e).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
        return power if m == 1 else f"{_plain(m)} × {power}"
    return _plain(float(f"{x:.{digits}g}"))


def _plain(x: float) -> str:
    """A float as JavaScript's String(Number) writes it (no trailing .0)."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)
