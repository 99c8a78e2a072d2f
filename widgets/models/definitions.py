"""ODE models written once, as data, and run by two engines: scipy here, the browser in the page.

A *model definition* is a YAML file in ``widgets/data/models/`` (the format is below).
:func:`load` reads and checks it and returns a :class:`ModelDefinition`, which

* builds the right-hand side and the analytic Jacobian (by symbolic differentiation of
  the rate laws, :mod:`widgets.models.expressions`) and integrates them with
  :func:`scipy.integrate.solve_ivp` (:meth:`ModelDefinition.simulate`);
* exports everything the browser engine needs, the rate laws and the Jacobian as
  expression trees, to JSON (:meth:`ModelDefinition.to_browser`), for the live
  explorers (:mod:`widgets.explorers.live`).

The models of the package that are ODEs, :mod:`widgets.models.raia2011` and
:mod:`widgets.models.reynolds2006`, are built on their definitions; the definition
``pharmacokinetics`` is the linear depot/central/peripheral model whose closed forms are
in :mod:`widgets.models.pharmacokinetics`.

Format
------
::

    name: my_model               # the file name without .yml
    title: One line
    time_unit: min
    references: [bibkey2020]     # optional
    sources: [...]               # optional: strings for YAML anchors (&name), not read
    parameters:                  # sourced numbers (widgets.parameters.Parameter)
      k_on: {value: 1.0e-3, unit: nM^-1 min^-1, source: bibkey2020, description: ...,
             locator: Table 1, note: ...}           # locator and note optional
      k_pg: {table: reynolds2006_k_pg_per_h}        # or a row of widgets/data/parameters/*.tsv
    inputs:                      # settings of a simulation (dose, switches): value, unit, description
      dose: {value: 20, unit: ng/mL, description: ...}
    species:                     # in the order of the state vector
      R: {initial: R_total, unit: nM, description: ...}   # initial: an expression of constants
    helpers:                     # optional: named expressions, in order (rates, inhibitions)
      v1: k_on * dose * R
    odes:                        # one right-hand side per species
      R: -v1
    observables:                 # optional: named read-outs with units
      R_free: {expression: R, unit: nM, description: ...}

Every parameter, input, species and observable has a unit. Names are identifiers,
unique across parameters, inputs, species and helpers. A helper may use constants,
species and earlier helpers; an initial value only constants. Rate laws must not depend
on time (both engines assume an autonomous system). Mistakes are refused with a
``ValueError`` naming the file, the entry and what is wrong.

Examples
--------
>>> model = load("raia2011")
>>> len(model.species), len(model.helpers)
(14, 15)
>>> run = model.simulate([0.0, 60.0], {"il13_dose": 20.0})
>>> round(float(model.observe("pSTAT5", run.states)[-1]), 1)
98.9
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import yaml
from numpy.typing import ArrayLike, NDArray
from scipy.integrate import solve_ivp

from widgets.models import expressions as ex
from widgets.models._checks import did_you_mean, finite_float, unknown_name
from widgets.parameters import Parameter
from widgets.parameters import parameter as _table_parameter

__all__ = [
    "DEFINITION_DIR",
    "DEFINITION_KEYS",
    "ModelDefinition",
    "ModelObservable",
    "Species",
    "Trajectory",
    "available",
    "from_mapping",
    "load",
]

DEFINITION_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
"""Folder of the model definitions (``<name>.yml``)."""

DEFINITION_KEYS: Mapping[str, bool] = MappingProxyType({
    "name": True, "title": True, "time_unit": True, "species": True, "odes": True,
    "references": False, "sources": False, "parameters": False, "inputs": False, "helpers": False,
    "observables": False,
})
"""Top-level keys of a definition file, and whether each is required."""

_INPUT_SOURCE = "setting of the simulation (not a published value)"

_Vector = NDArray[np.float64]


@dataclass(frozen=True)
class Species:
    """One state variable: name, initial value (an expression of constants), unit."""

    name: str
    initial: ex.Expression
    unit: str
    description: str = ""


@dataclass(frozen=True)
class ModelObservable:
    """A named read-out of the state: an expression with a unit."""

    name: str
    expression: ex.Expression
    unit: str
    description: str = ""

    @property
    def formula(self) -> str:
        """The expression as text."""
        return ex.to_text(self.expression)


@dataclass(frozen=True, eq=False)
class Trajectory:
    """States of a simulation at the requested times, and at its end.

    Attributes
    ----------
    t : numpy.ndarray
        Output times, shape ``(n_times,)``.
    states : numpy.ndarray
        Species values, shape ``(n_times, n_species)``, columns in the order of the
        definition's species.
    final : numpy.ndarray
        The state at the end of the integration (``t_end``), shape ``(n_species,)``.
    """

    t: _Vector
    states: _Vector
    final: _Vector


def _closest(name: str, known: Sequence[str]) -> str:
    hint = did_you_mean(name, known, cutoff=0.6)
    return f" ({hint})" if hint else ""


@dataclass(frozen=True, eq=False)
class ModelDefinition:
    """A checked model definition (see the module docstring); build it with :func:`load`.

    Attributes
    ----------
    name, title, time_unit : str
        As in the file.
    references : tuple of str
        Bib keys.
    parameters : Mapping[str, Parameter]
        Sourced parameters by name (in the model's own names).
    inputs : Mapping[str, Parameter]
        Settings of a simulation by name (their ``source`` says they are settings).
    species : tuple of Species
        In the order of the state vector.
    helpers : tuple of (str, Expression)
        Named expressions, in evaluation order.
    odes : tuple of Expression
        Right-hand side of each species, in species order.
    observables : Mapping[str, ModelObservable]
        Named read-outs.
    """

    name: str
    title: str
    time_unit: str
    references: tuple[str, ...]
    parameters: Mapping[str, Parameter]
    inputs: Mapping[str, Parameter]
    species: tuple[Species, ...]
    helpers: tuple[tuple[str, ex.Expression], ...]
    odes: tuple[ex.Expression, ...]
    observables: Mapping[str, ModelObservable]
    _jacobian: list[tuple[int, int, ex.Expression]] = field(default_factory=list, repr=False)

    # -- names and values -------------------------------------------------------------

    @property
    def species_names(self) -> tuple[str, ...]:
        """Species names, in state-vector order."""
        return tuple(s.name for s in self.species)

    @property
    def constants(self) -> Mapping[str, Parameter]:
        """Parameters and inputs together, by name."""
        return MappingProxyType({**self.parameters, **self.inputs})

    def defaults(self) -> dict[str, float]:
        """The value of every parameter and input, by name.

        Examples
        --------
        >>> load("raia2011").defaults()["init_STAT5"]
        165.0
        """
        return {name: p.value for name, p in self.constants.items()}

    def values(self, overrides: Mapping[str, float] | None = None) -> dict[str, float]:
        """The defaults with some values replaced, checking names and numbers.

        Raises
        ------
        KeyError
            If a name is not a parameter or input (the message suggests close names).
        ValueError
            If a value is not a finite number.

        Examples
        --------
        >>> load("raia2011").values({"il13_dose": 4})["il13_dose"]
        4.0
        """
        values = self.defaults()
        for name, value in (overrides or {}).items():
            if name not in values:
                raise unknown_name(f"parameter or input of {self.name}", name, list(values))
            if isinstance(value, bool):  # a switch: True and False count as 1 and 0
                value = float(value)
            values[name] = finite_float(f"{self.name}: {name}", value)
        return values

    # -- the two engines' common data -------------------------------------------------

    def jacobian(self) -> list[tuple[int, int, ex.Expression]]:
        """Non-zero entries ``(row, column, expression)`` of the Jacobian d(ode_row)/d(species_column).

        The expressions may use species, constants and helper names (helper values are
        computed once per evaluation, as for the right-hand side).

        Examples
        --------
        >>> m = load("pharmacokinetics")
        >>> [(m.species[i].name, m.species[j].name, ex.to_text(e)) for i, j, e in m.jacobian()][:1]
        [('depot', 'depot', '-ka')]
        """
        if not self._jacobian:
            helpers = dict(self.helpers)
            for i, rhs in enumerate(self.odes):
                for j, s in enumerate(self.species):
                    d = ex.derivative(rhs, s.name, helpers)
                    if not (isinstance(d, ex.Num) and d.value == 0.0):
                        self._jacobian.append((i, j, d))
        return list(self._jacobian)

    def initial_state(self, values: Mapping[str, float] | None = None) -> _Vector:
        """The initial state for given constants (defaults where not given).

        Examples
        --------
        >>> float(load("raia2011").initial_state({"decoy_scale": 2.0})[10])
        0.68
        """
        v = self.values(values)
        return np.array([ex.evaluate(s.initial, v) for s in self.species])

    def system(self, values: Mapping[str, float] | None = None
               ) -> tuple[Callable[[float, _Vector], _Vector], Callable[[float, _Vector], _Vector]]:
        """The right-hand side ``f(t, y)`` and the Jacobian ``J(t, y)`` for given constants.

        Constants are folded into the expressions first, so each call evaluates only
        what depends on the state.

        Examples
        --------
        >>> f, J = load("pharmacokinetics").system({"elimination_half_life_h": 1.0})
        >>> f(0.0, np.array([10.0, 100.0, 0.0])).round(2).tolist()
        [-3.15, -66.16, 0.0]
        """
        v = self.values(values)
        n = len(self.species)
        slots = {s.name: i for i, s in enumerate(self.species)}
        for k, (name, _expr) in enumerate(self.helpers):
            slots[name] = n + k
        helpers = [ex.compile_expression(ex.substitute(e, v), slots) for _name, e in self.helpers]
        odes = [ex.compile_expression(ex.substitute(e, v), slots) for e in self.odes]
        entries = [(i, j, ex.compile_expression(ex.substitute(e, v), slots)) for i, j, e in self.jacobian()]

        def state(y: _Vector) -> list[float]:
            w = y.tolist()
            for h in helpers:
                w.append(h(w))
            return w

        def rhs(_t: float, y: _Vector) -> _Vector:
            w = state(y)
            return np.array([f(w) for f in odes])

        def jac(_t: float, y: _Vector) -> _Vector:
            w = state(y)
            out = np.zeros((n, n))
            for i, j, f in entries:
                out[i, j] = f(w)
            return out

        return rhs, jac

    def simulate(
        self,
        t_eval: ArrayLike,
        values: Mapping[str, float] | None = None,
        *,
        y0: ArrayLike | None = None,
        t0: float = 0.0,
        t_end: float | None = None,
        resets: Sequence[tuple[float, Mapping[str, float]]] = (),
        rtol: float = 1e-8,
        atol: float = 1e-10,
        method: str = "LSODA",
    ) -> Trajectory:
        """Integrate the model with scipy and the analytic Jacobian.

        Parameters
        ----------
        t_eval : array_like
            Output times, increasing, inside ``[t0, t_end]``.
        values : mapping, optional
            Parameter and input values that replace the defaults.
        y0 : array_like, optional
            Initial state (default: the definition's initial values).
        t0 : float
            Start time.
        t_end : float, optional
            End of the integration (default: the last output time).
        resets : sequence of (float, mapping), optional
            Interventions ``(time, {species: value})``: at each time inside ``(t0, t_end)``
            the species are set to the values and the integration goes on from there.
            Output times at or after a reset show the new course (as in the browser engine).
        rtol, atol : float
            Tolerances of :func:`scipy.integrate.solve_ivp`.
        method : str
            A stiff method of ``solve_ivp`` that uses the Jacobian (LSODA, BDF, Radau).

        Returns
        -------
        Trajectory

        Raises
        ------
        ValueError
            If the times or the initial state are malformed.
        RuntimeError
            If the solver fails.

        Examples
        --------
        >>> run = load("pharmacokinetics").simulate([0.0, 1.0], {"dose_ug": 300.0, "central_volume_L": 3.0,
        ...     "elimination_half_life_h": 1.0, "subcutaneous": 0.0})
        >>> (run.states[:, 1] / 3.0).round(4).tolist()
        [100.0, 50.0]
        """
        t = np.atleast_1d(np.asarray(t_eval, dtype=float))
        end = float(t[-1]) if t_end is None else float(t_end)
        if t.ndim != 1 or not np.all(np.isfinite(t)) or (t.size and (t[0] < t0 or t[-1] > end)):
            raise ValueError(f"t_eval must be a 1-D array of finite times inside [{t0:g}, {end:g}]")
        if t.size > 1 and not np.all(np.diff(t) > 0):
            raise ValueError("t_eval must be strictly increasing")
        start = self.initial_state(values) if y0 is None else np.asarray(y0, dtype=float).copy()
        if start.shape != (len(self.species),):
            raise ValueError(f"y0 must hold {len(self.species)} values, got shape {start.shape}")
        cuts = sorted((float(at), dict(new)) for at, new in resets if t0 < float(at) < end)
        for _at, new in cuts:
            for name in new:
                if name not in self.species_names:
                    raise unknown_name(f"species of {self.name}", name, self.species_names)
        rhs, jac = self.system(values)
        pieces, state, begin = [], start, t0
        for stop, new in [*cuts, (end, {})]:
            last = stop == end
            inside = t[(t >= begin) & ((t <= stop) if last else (t < stop))]
            y, state = self._segment(rhs, jac, state, begin, stop, inside, rtol, atol, method)
            pieces.append(y)
            if not last:
                state = state.copy()
                for name, value in new.items():
                    state[self.species_names.index(name)] = float(value)
                begin = stop
        return Trajectory(t, np.concatenate(pieces, axis=0), state)

    def _segment(self, rhs: Callable[[float, _Vector], _Vector], jac: Callable[[float, _Vector], _Vector],
                 start: _Vector, t0: float, end: float, t: _Vector, rtol: float, atol: float, method: str
                 ) -> tuple[_Vector, _Vector]:
        """States at ``t`` (inside [t0, end]) and at ``end``, from ``start`` at ``t0``."""
        if end == t0:
            return np.repeat(start[np.newaxis, :], t.size, axis=0), start
        times = t if (t.size and t[-1] == end) else np.append(t, end)
        sol = solve_ivp(rhs, (t0, end), start, method=method, t_eval=times, jac=jac, rtol=rtol, atol=atol)
        if not sol.success:
            raise RuntimeError(f"{self.name}: the ODE solver failed: {sol.message}")
        y = np.ascontiguousarray(sol.y.T)
        return y[: t.size].copy(), y[-1].copy()

    def observe(self, name: str, states: ArrayLike, values: Mapping[str, float] | None = None) -> _Vector:
        """One observable at each row of ``states`` (shape ``(n_times, n_species)``).

        Raises
        ------
        KeyError
            If ``name`` is not an observable.

        Examples
        --------
        >>> m = load("pharmacokinetics")
        >>> m.observe("plasma_ng_per_ml", [[0.0, 30.0, 0.0]], {"central_volume_L": 3.0}).tolist()
        [10.0]
        """
        if name not in self.observables:
            raise unknown_name(f"observable of {self.name}", name, list(self.observables))
        v = self.values(values)
        expr = ex.substitute(self.observables[name].expression, v)
        slots = {s.name: i for i, s in enumerate(self.species)}
        rows = np.atleast_2d(np.asarray(states, dtype=float))
        helper_names = {h for h, _ in self.helpers}
        if ex.names(expr) & helper_names:
            rhs_slots = {**slots, **{h: len(slots) + k for k, (h, _) in enumerate(self.helpers)}}
            helpers = [ex.compile_expression(ex.substitute(e, v), rhs_slots) for _h, e in self.helpers]
            f = ex.compile_expression(expr, rhs_slots)

            def one(row: _Vector) -> float:
                w = row.tolist()
                for h in helpers:
                    w.append(h(w))
                return f(w)

            return np.array([one(r) for r in rows])
        f = ex.compile_expression(expr, slots)
        return np.array([f(r.tolist()) for r in rows])

    def to_browser(self) -> dict[str, Any]:
        """Everything the browser engine needs, as JSON-ready data.

        Expressions are trees in the JSON form of :func:`widgets.models.expressions.to_json`;
        the Jacobian is a list of ``[row, column, tree]``.

        Examples
        --------
        >>> data = load("raia2011").to_browser()
        >>> sorted(data)[:4], len(data["species"])
        (['constants', 'helpers', 'jacobian', 'name'], 14)
        """
        return {
            "name": self.name,
            "title": self.title,
            "time_unit": self.time_unit,
            "constants": [{"name": n, "value": p.value, "unit": p.unit} for n, p in self.constants.items()],
            "species": [{"name": s.name, "unit": s.unit, "initial": ex.to_json(s.initial)} for s in self.species],
            "helpers": [{"name": n, "expression": ex.to_json(e)} for n, e in self.helpers],
            "odes": [ex.to_json(e) for e in self.odes],
            "jacobian": [[i, j, ex.to_json(e)] for i, j, e in self.jacobian()],
            "observables": [{"name": o.name, "unit": o.unit, "expression": ex.to_json(o.expression)}
                            for o in self.observables.values()],
        }


# ---------------------------------------------------------------------------------
# Reading and checking
# ---------------------------------------------------------------------------------


def _text(where: str, entry: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError(f"{where}: missing {key!r}")
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key!r} must be text, got {value!r}")
    return value.strip()


def _number(where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{where}: 'value' must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{where}: 'value' must be finite, got {value!r}")
    return float(value)


def _mapping(where: str, value: Any, *, required: bool) -> Mapping[str, Any]:
    if value is None:
        if required:
            raise ValueError(f"{where}: missing")
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: must be a mapping of names to entries, got {type(value).__name__}")
    return value


def _expression(where: str, text: Any) -> ex.Expression:
    try:
        return ex.parse(text)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


def _check_keys(where: str, entry: Any, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where}: must be a mapping, got {entry!r}")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(sorted(allowed))}")
    return entry


def _parameter(where: str, name: str, entry: Any) -> Parameter:
    entry = _check_keys(where, entry, {"value", "unit", "source", "description", "locator", "note", "table"})
    if "table" in entry:
        if set(entry) != {"table"}:
            raise ValueError(f"{where}: a 'table' entry takes its value, unit and source from the table; "
                             "give nothing else")
        try:
            return _table_parameter(str(entry["table"]))
        except KeyError as error:
            raise ValueError(f"{where}: {error.args[0]}") from None
    if "value" not in entry:
        raise ValueError(f"{where}: missing 'value'")
    return Parameter(name, _number(where, entry["value"]), _text(where, entry, "unit"), _text(where, entry, "source"),
                     _text(where, entry, "description"), _text(where, entry, "locator", required=False),
                     _text(where, entry, "note", required=False))


def _input(where: str, name: str, entry: Any) -> Parameter:
    entry = _check_keys(where, entry, {"value", "unit", "description"})
    if "value" not in entry:
        raise ValueError(f"{where}: missing 'value'")
    return Parameter(name, _number(where, entry["value"]), _text(where, entry, "unit"), _INPUT_SOURCE,
                     _text(where, entry, "description"))


def from_mapping(data: Mapping[str, Any], *, origin: str = "definition") -> ModelDefinition:
    """Check a definition given as a mapping (the parsed YAML) and build it.

    Parameters
    ----------
    data : mapping
        The definition (see the module docstring).
    origin : str
        Where it came from, for error messages (a file name).

    Returns
    -------
    ModelDefinition

    Raises
    ------
    ValueError
        If anything is missing or wrong: unknown or repeated names, bad expressions,
        missing units, a species without an equation, a helper used before it is
        defined, an initial value that uses a species.

    Examples
    --------
    >>> m = from_mapping({"name": "decay", "title": "Decay", "time_unit": "h",
    ...     "inputs": {"k": {"value": 0.5, "unit": "h^-1", "description": "rate"}},
    ...     "species": {"x": {"initial": 1, "unit": "nM"}}, "odes": {"x": "-k * x"}})
    >>> round(float(m.simulate([2.0]).states[0, 0]), 6) == round(math.exp(-1.0), 6)
    True
    >>> from_mapping({"name": "bad", "title": "Bad", "time_unit": "h",
    ...     "species": {"x": {"initial": 1}}, "odes": {"x": "-x"}})
    Traceback (most recent call last):
    ...
    ValueError: definition bad, species 'x': missing 'unit'
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"{origin}: a model definition must be a mapping, got {type(data).__name__}")
    for key, required in DEFINITION_KEYS.items():
        if required and key not in data:
            raise ValueError(f"{origin}: missing {key!r}")
    _check_keys(origin, data, set(DEFINITION_KEYS))
    model = str(data["name"])
    if not model.isidentifier():
        raise ValueError(f"{origin}: name {model!r} must be an identifier")
    here = origin if origin.endswith(".yml") else f"{origin} {model}"
    title = _text(here, data, "title")
    time_unit = _text(here, data, "time_unit")
    references = data.get("references") or []
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise ValueError(f"{here}: 'references' must be a list of bib keys")

    taken: dict[str, str] = {}

    def claim(name: Any, kind: str) -> str:
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"{here}, {kind} {name!r}: names must be identifiers")
        if name in ex.FUNCTIONS:
            raise ValueError(f"{here}, {kind} {name!r}: the name of a function cannot be used")
        if name in taken:
            article = "an" if taken[name][0] in "aeiou" else "a"
            raise ValueError(f"{here}, {kind} {name!r}: the name is already used by {article} {taken[name]}")
        taken[name] = kind
        return name

    parameters = {claim(n, "parameter"): _parameter(f"{here}, parameter {n!r}", n, e)
                  for n, e in _mapping(f"{here}, parameters", data.get("parameters"), required=False).items()}
    inputs = {claim(n, "input"): _input(f"{here}, input {n!r}", n, e)
              for n, e in _mapping(f"{here}, inputs", data.get("inputs"), required=False).items()}
    constants = set(parameters) | set(inputs)

    species: list[Species] = []
    for n, e in _mapping(f"{here}, species", data.get("species"), required=True).items():
        where = f"{here}, species {n!r}"
        claim(n, "species")
        e = _check_keys(where, e, {"initial", "unit", "description"})
        if "initial" not in e:
            raise ValueError(f"{where}: missing 'initial'")
        unit = _text(where, e, "unit")
        initial = _expression(f"{where}, initial", e["initial"])
        bad = sorted(ex.names(initial) - constants)
        if bad:
            raise ValueError(f"{where}, initial: {bad[0]!r} is not a parameter or input"
                             f"{_closest(bad[0], sorted(constants))} (initial values may use only constants)")
        species.append(Species(n, initial, unit, _text(where, e, "description", required=False)))
    if not species:
        raise ValueError(f"{here}: 'species' must list at least one species")
    state_names = {s.name for s in species}

    helpers: list[tuple[str, ex.Expression]] = []
    raw_helpers = _mapping(f"{here}, helpers", data.get("helpers"), required=False)
    for n in raw_helpers:
        claim(n, "helper")
    known = constants | state_names
    for n, text in raw_helpers.items():
        where = f"{here}, helper {n!r}"
        expr = _expression(where, text)
        for used in sorted(ex.names(expr) - known):
            if used in raw_helpers:
                raise ValueError(f"{where}: uses helper {used!r} before it is defined (helpers are evaluated in order)")
            raise ValueError(f"{where}: unknown name {used!r}{_closest(used, sorted(known | set(raw_helpers)))}")
        helpers.append((n, expr))
        known = known | {n}

    raw_odes = _mapping(f"{here}, odes", data.get("odes"), required=True)
    for n in raw_odes:
        if n not in state_names:
            raise ValueError(f"{here}, odes: {n!r} is not a species{_closest(str(n), sorted(state_names))}")
    odes = []
    for s in species:
        if s.name not in raw_odes:
            raise ValueError(f"{here}, odes: species {s.name!r} has no equation")
        where = f"{here}, ode of {s.name!r}"
        expr = _expression(where, raw_odes[s.name])
        for used in sorted(ex.names(expr) - known):
            raise ValueError(f"{where}: unknown name {used!r}{_closest(used, sorted(known))}")
        odes.append(expr)

    observables: dict[str, ModelObservable] = {}
    for n, e in _mapping(f"{here}, observables", data.get("observables"), required=False).items():
        where = f"{here}, observable {n!r}"
        if not isinstance(n, str) or not n.isidentifier():
            raise ValueError(f"{where}: names must be identifiers")
        e = _check_keys(where, e, {"expression", "unit", "description"})
        if "expression" not in e:
            raise ValueError(f"{where}: missing 'expression'")
        unit = _text(where, e, "unit")
        expr = _expression(where, e["expression"])
        for used in sorted(ex.names(expr) - known):
            raise ValueError(f"{where}: unknown name {used!r}{_closest(used, sorted(known))}")
        observables[n] = ModelObservable(n, expr, unit, _text(where, e, "description", required=False))

    return ModelDefinition(
        name=model, title=title, time_unit=time_unit, references=tuple(references),
        parameters=MappingProxyType(parameters), inputs=MappingProxyType(inputs), species=tuple(species),
        helpers=tuple(helpers), odes=tuple(odes), observables=MappingProxyType(observables),
    )


def available() -> tuple[str, ...]:
    """Names of the definitions in :data:`DEFINITION_DIR`.

    Examples
    --------
    >>> "raia2011" in available()
    True
    """
    return tuple(sorted(p.stem for p in DEFINITION_DIR.glob("*.yml")))


@functools.cache
def load(name: str) -> ModelDefinition:
    """Read and check one definition of :data:`DEFINITION_DIR` (cached).

    Parameters
    ----------
    name : str
        File name without ``.yml`` (see :func:`available`).

    Returns
    -------
    ModelDefinition

    Raises
    ------
    KeyError
        If there is no such definition (the message suggests close names).
    ValueError
        If the file is not a valid definition, or its ``name`` differs from the file name.

    Examples
    --------
    >>> load("reynolds2006").species_names
    ('P', 'N', 'D', 'CA')
    """
    if name not in available():
        raise unknown_name("model definition", name, available())
    path = DEFINITION_DIR / f"{name}.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path.name}: not valid YAML: {error}") from None
    model = from_mapping(data, origin=path.name)
    if model.name != name:
        raise ValueError(f"{path.name}: 'name' is {model.name!r}, expected the file name {name!r}")
    return model
