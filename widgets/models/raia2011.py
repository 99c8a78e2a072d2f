"""IL-13 signalling through JAK2 and STAT5 with SOCS3 feedback (Raia et al. 2011).

This is the MedB-1 model of Raia et al. (2011), bib key ``raia2011``: IL-13 binds its
signalling receptor (IL-4Rα/IL-13Rα1, species ``Rec``) and the decoy receptor
IL-13Rα2 (``DecoyR``); the ligand-bound receptor activates JAK2, phosphorylated JAK2
phosphorylates the receptor and STAT5, and phosphorylated STAT5 drives transcription
of SOCS3 mRNA (and CD274 mRNA). SOCS3 protein feeds back by inhibiting JAK2
phosphorylation. The model has 14 species and 16 reactions; species amounts are labelled
nM (see below) and time is in minutes.

The IL-13 input is a dose *level* (0, 4, 20 or 80 in the experiments), not a model
species. The PEtab benchmark gives these levels without a unit. The BioModels entry of
the model (BIOMD0000000313, curated with one of the paper's authors) gives the units in
its notes: IL-13 in ng/mL, every other species in molecules per cell; the authors'
PottersWheel definition embedded there gives the species in "molecules/cell (x 1000)".
The package states the dose in :data:`IL13_DOSE_UNIT` (ng/mL) and calls the argument
``il13_dose`` (not ``il13_nM``). It labels the species' scale nM; in the authors' file
the same numbers are thousands of molecules per cell, and Chapter 3 tells readers so.

The model is written once, as data, in ``widgets/data/models/raia2011.yml`` (species,
parameter values with their sources, and the rate laws), and run by the engine of
:mod:`widgets.models.definitions`, which builds the right-hand side and the analytic
Jacobian from it; the live explorer of Chapter 3 runs the same definition in the
reader's browser. The rate laws are those of the PEtab implementation of the model in
the benchmark collection of Hass et al. (2019), bib key ``hass2019``
(Benchmarking-Initiative/Benchmark-Models-PEtab, folder Raia_CancerResearch2011, commit
4d2085084b28; BSD 3-Clause License, Copyright (c) 2020 Benchmarking-Initiative). The
fitted parameter values are the ``nominalValue`` column of that problem's
``parameters.tsv``; with them the implementation reproduces the collection's reference
simulation to a relative error below 1e-5.

Compartments: the SBML model puts SOCS3mRNA and CD274mRNA in a nuclear compartment
(volume 10) and every other species in the cytoplasm (volume 100). Each rate law is
written in amount per time (it carries the volume of its compartment as a factor) and
each reaction's reactants and products live in the same compartment, so the volumes
cancel when the rates are turned into concentration derivatives. The definition
therefore holds the rate laws without the volume factor.

IL-13 is a constant input in this model (it is a parameter of the rate laws, not a
species): binding to receptors does not deplete it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from widgets.models import definitions
from widgets.models import expressions as ex
from widgets.models._checks import number_in_range, time_points, unknown_name
from widgets.parameters import Parameter

__all__ = [
    "DEFAULT_PARAMETERS",
    "EXPERIMENTAL_IL13_LEVELS",
    "IL13_DOSE_UNIT",
    "OBSERVABLES",
    "OBSERVABLE_DEFINITIONS",
    "OBSERVABLE_UNITS",
    "Observable",
    "Raia2011Result",
    "SPECIES",
    "TIME_COURSE_MIN",
    "TimeCourse",
    "observables",
    "parameter_table",
    "simulate",
    "time_course",
]

IL13_DOSE_UNIT: str = "ng/mL"
"""Unit in which the book states the IL-13 dose levels (see the module docstring)."""

MODEL: definitions.ModelDefinition = definitions.load("raia2011")
"""The model definition (``widgets/data/models/raia2011.yml``) this module runs."""

# ---------------------------------------------------------------------------------
# Species
# ---------------------------------------------------------------------------------

SPECIES: tuple[str, ...] = MODEL.species_names
"""Names of the 14 model species, in the order of the state vector (all in nM)."""

_INDEX: dict[str, int] = {name: i for i, name in enumerate(SPECIES)}

EXPERIMENTAL_IL13_LEVELS: tuple[float, ...] = (0.0, 4.0, 20.0, 80.0)
"""IL-13 levels of the four experimental conditions of the PEtab problem (in :data:`IL13_DOSE_UNIT`)."""

TIME_COURSE_MIN = np.linspace(0.0, 120.0, 121)
"""Output times of the book's figures of this model, in min (every minute for two hours)."""
TIME_COURSE_MIN.setflags(write=False)

# ---------------------------------------------------------------------------------
# Parameters, as data with provenance (read from the definition)
# ---------------------------------------------------------------------------------

DEFAULT_PARAMETERS: Mapping[str, Parameter] = MODEL.parameters
"""Read-only mapping from parameter name to :class:`widgets.parameters.Parameter` (value, unit, source)."""

# ---------------------------------------------------------------------------------
# Observables (PEtab observables.tsv of the benchmark problem, in the definition)
# ---------------------------------------------------------------------------------

OBSERVABLES: tuple[str, ...] = tuple(MODEL.observables)
"""PEtab observables of the problem (PEtab ids are these names prefixed ``observable_``)."""

OBSERVABLE_UNITS: Mapping[str, str] = MappingProxyType({n: o.unit for n, o in MODEL.observables.items()})
"""Unit of each observable; the scaled ones are in arbitrary units."""


@dataclass(frozen=True)
class Observable:
    """A PEtab observable of the problem: an optional scaling parameter times a sum of species.

    Attributes
    ----------
    scale : str or None
        Name of the scaling parameter in :data:`DEFAULT_PARAMETERS`, or ``None`` (unscaled, nM).
    species : tuple of str
        Species summed.
    """

    scale: str | None
    species: tuple[str, ...]

    @property
    def formula(self) -> str:
        """The formula as written in the PEtab observables table.

        Examples
        --------
        >>> OBSERVABLE_DEFINITIONS["pIL4Ra"].formula
        'scaling_pIL4Ra * (p_IL13_Rec + p_IL13_Rec_i)'
        """
        total = " + ".join(self.species)
        if self.scale is None:
            return total
        return f"{self.scale} * ({total})" if len(self.species) > 1 else f"{self.scale} * {total}"


def _as_observable(expression: ex.Expression) -> Observable:
    """An observable of the definition as (scaling parameter, summed species)."""
    scale = None
    if isinstance(expression, ex.BinOp) and expression.op == "*" and isinstance(expression.left, ex.Name):
        scale, expression = expression.left.id, expression.right
    terms: list[str] = []
    stack = [expression]
    while stack:
        node = stack.pop()
        if isinstance(node, ex.BinOp) and node.op == "+":
            stack += [node.right, node.left]
        elif isinstance(node, ex.Name) and node.id in _INDEX:
            terms.append(node.id)
        else:  # pragma: no cover - the definition's observables are all of this form
            raise ValueError(f"observable {ex.to_text(expression)!r} is not a scaled sum of species")
    return Observable(scale, tuple(terms))


OBSERVABLE_DEFINITIONS: Mapping[str, Observable] = MappingProxyType(
    {name: _as_observable(o.expression) for name, o in MODEL.observables.items()}
)
"""Definition of each observable, as in the PEtab observables table of the problem."""

# Solver settings. LSODA with the analytic Jacobian of the definition; the tolerances keep the error
# against the benchmark reference near 1e-7 relative.
RTOL: float = 1e-8
"""Relative tolerance passed to :func:`scipy.integrate.solve_ivp`."""
ATOL_nM: float = 1e-10
"""Absolute tolerance (nM) passed to :func:`scipy.integrate.solve_ivp`."""
_ROUNDOFF_nM = 10 * ATOL_nM


# ---------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------


def _check_times(t_min: ArrayLike) -> NDArray[np.float64]:
    t = time_points("t_min", t_min, unit="min")
    if not np.all(np.isfinite(t)):
        raise ValueError(f"t_min must contain only finite times in [0, inf) min, got {t.tolist()!r}")
    if t[0] < 0:
        raise ValueError(f"t_min must be >= 0 min (the simulation starts at 0), got {t[0]!r}")
    if t.size > 1 and not np.all(np.diff(t) > 0):
        i = int(np.argmin(np.diff(t) > 0))
        raise ValueError(
            f"t_min must be strictly increasing, got t_min[{i}]={t[i]!r} followed by t_min[{i + 1}]={t[i + 1]!r}"
        )
    return t


def _resolve_parameters(parameters: Mapping[str, float] | None) -> dict[str, float]:
    values = {name: p.value for name, p in DEFAULT_PARAMETERS.items()}
    if parameters is None:
        return values
    for name, value in parameters.items():
        if name not in values:
            raise unknown_name("parameter", name, list(values))
        values[name] = number_in_range(f"parameters[{name!r}]", value, low=0.0)
    return values


# ---------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Raia2011Result:
    """A simulated time course of the Raia et al. (2011) model.

    Attributes
    ----------
    t_min : numpy.ndarray
        Output times in min, shape ``(n_times,)``.
    concentrations_nM : numpy.ndarray
        Species concentrations in nM, shape ``(n_times, 14)``, columns in the order of
        ``species_names``.
    species_names : tuple of str
        Names of the columns of ``concentrations_nM`` (equal to :data:`SPECIES`).
    il13_dose : float
        IL-13 level of the simulation.
    socs3_feedback, jak2_inhibition, decoy_scale
        The intervention settings used (see :func:`simulate`).
    parameters : Mapping[str, float]
        All parameter values used, by name.
    """

    t_min: NDArray[np.float64]
    concentrations_nM: NDArray[np.float64]
    species_names: tuple[str, ...]
    il13_dose: float
    socs3_feedback: bool
    jak2_inhibition: float
    decoy_scale: float
    parameters: Mapping[str, float]

    def species(self, name: str) -> NDArray[np.float64]:
        """Concentration time course of one species.

        Parameters
        ----------
        name : str
            Species name, one of :data:`SPECIES`.

        Returns
        -------
        numpy.ndarray
            Concentration in nM at each time of ``t_min`` (a copy).

        Raises
        ------
        KeyError
            If ``name`` is not a species; the message lists close matches.

        Examples
        --------
        >>> res = simulate(20.0, [0.0, 60.0])
        >>> res.species("pSTAT5").round(1).tolist()
        [0.0, 98.9]
        """
        if name not in _INDEX:
            raise unknown_name("species", name, SPECIES)
        return self.concentrations_nM[:, _INDEX[name]].copy()

    def observable(self, name: str) -> NDArray[np.float64]:
        """One PEtab observable of the benchmark problem, with its scaling parameter.

        Parameters
        ----------
        name : str
            Observable name, one of :data:`OBSERVABLES`; the PEtab id with the
            ``observable_`` prefix is accepted too.

        Returns
        -------
        numpy.ndarray
            Observable at each time of ``t_min``, in the unit given by
            :data:`OBSERVABLE_UNITS`.

        Raises
        ------
        KeyError
            If ``name`` is not an observable; the message lists close matches.

        Examples
        --------
        >>> res = simulate(20.0, [0.0, 30.0])
        >>> res.observable("pJAK2").round(3).tolist()
        [0.0, 1.981]
        """
        key = name[len("observable_"):] if isinstance(name, str) and name.startswith("observable_") else name
        if key not in OBSERVABLE_DEFINITIONS:
            raise unknown_name("observable", name, OBSERVABLES)
        definition = OBSERVABLE_DEFINITIONS[key]
        total = np.sum([self.species(s) for s in definition.species], axis=0)
        return total if definition.scale is None else self.parameters[definition.scale] * total

    def to_frame(self, *, kind: str = "species") -> pd.DataFrame:
        """The time course as a wide table indexed by time.

        Parameters
        ----------
        kind : {"species", "observables"}
            Columns are the species concentrations (nM) or the PEtab observables.

        Returns
        -------
        pandas.DataFrame
            One row per time point; index named ``t_min``.

        Raises
        ------
        ValueError
            If ``kind`` is not one of the two choices.

        Examples
        --------
        >>> simulate(4.0, [0.0, 10.0]).to_frame().shape
        (2, 14)
        >>> list(simulate(4.0, [0.0, 10.0]).to_frame(kind="observables").columns)[:3]
        ['RecSurf', 'IL13_cell', 'pIL4Ra']
        """
        index = pd.Index(self.t_min, name="t_min")
        if kind == "species":
            return pd.DataFrame(self.concentrations_nM.copy(), index=index, columns=list(self.species_names))
        if kind == "observables":
            return pd.DataFrame(observables(self), index=index)
        raise ValueError(f"kind must be 'species' or 'observables', got {kind!r}")


# ---------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------


def simulate(
    il13_dose: float,
    t_min: ArrayLike,
    *,
    socs3_feedback: bool = True,
    jak2_inhibition: float = 0.0,
    decoy_scale: float = 1.0,
    parameters: Mapping[str, float] | None = None,
) -> Raia2011Result:
    """Simulate IL-13-induced JAK2/STAT5 signalling in MedB-1 cells.

    Integrates the 14 ODEs of the model from t = 0 (unstimulated cells, initial
    concentrations of the model) with a constant IL-13 level, and reports the state at
    the requested times. Solver: :func:`scipy.integrate.solve_ivp` with LSODA, the
    analytic Jacobian, ``rtol=1e-8`` and ``atol=1e-10`` nM. Round-off negatives smaller
    than 1e-9 nM in magnitude are set to zero.

    With the default arguments this is the published model. The three intervention
    arguments are explorations beyond the paper (the paper did not simulate them in
    this form):

    - ``socs3_feedback=False`` removes the SOCS3 negative feedback: the SOCS3
      inhibition term ``JAK2_p_inhibition * SOCS3`` in the denominator of both JAK2
      phosphorylation rate laws is set to zero. SOCS3 mRNA and protein are still made
      (and reported); they just no longer act.
    - ``jak2_inhibition = f`` models a JAK inhibitor as a fractional reduction of the
      JAK2 phosphorylation rate constant: ``JAK2_phosphorylation`` is multiplied by
      ``1 - f`` in both JAK2 phosphorylation reactions. ``f = 1`` blocks JAK2
      activation completely.
    - ``decoy_scale = s`` multiplies the amount of decoy receptor IL-13Rα2 (initial
      ``DecoyR``, 0.34 nM) by ``s``. Because IL-13 is a constant input in this model
      (binding does not deplete it), the decoy receptor does not compete with the
      signalling receptor here: changing ``decoy_scale`` changes ``IL13_DecoyR`` and the
      ``IL13_cell`` observable but not the JAK2/STAT5 response.

    Parameters
    ----------
    il13_dose : float
        IL-13 dose level (>= 0), as the ``il13_level`` of the PEtab conditions (0, 4, 20
        and 80 in the experiments; see :data:`EXPERIMENTAL_IL13_LEVELS`), stated in
        :data:`IL13_DOSE_UNIT` (see the module docstring). In the rate laws the level is multiplied by
        the model's fixed factor 2.265.
    t_min : array_like
        Output times in min: finite, >= 0 and strictly increasing. Integration always
        starts at 0; the times need not include 0.
    socs3_feedback : bool, optional
        Keep (True, default) or remove (False) the SOCS3 feedback, as described above.
    jak2_inhibition : float, optional
        Fractional reduction of the JAK2 phosphorylation rate, in [0, 1]. Default 0.
    decoy_scale : float, optional
        Factor (>= 0) on the decoy receptor amount. Default 1.
    parameters : Mapping[str, float], optional
        Overrides of parameter values by name (see :data:`DEFAULT_PARAMETERS`); values
        must be finite and >= 0.

    Returns
    -------
    Raia2011Result
        Times, species concentrations (nM) and the settings used.

    Raises
    ------
    ValueError
        If ``il13_dose`` is negative, NaN or infinite; ``jak2_inhibition`` is outside
        [0, 1]; ``decoy_scale`` is negative or not finite; ``t_min`` is empty, not 1-D,
        negative, not finite or not strictly increasing; or a parameter override is
        negative or not finite.
    KeyError
        If ``parameters`` names an unknown parameter (the message lists close matches).
    TypeError
        If ``socs3_feedback`` is not a bool.
    RuntimeError
        If the ODE solver fails.

    References
    ----------
    raia2011 (the model and fitted parameters), hass2019 (the PEtab benchmark
    collection the equations and values are taken from).

    Examples
    --------
    pSTAT5 (nM) after IL-13 at level 4 (ng/mL) rises within the first hour and then
    declines as SOCS3 builds up:

    >>> res = simulate(4.0, [0, 60, 120])
    >>> res.species("pSTAT5").round(1).tolist()
    [0.0, 78.4, 65.8]

    Without SOCS3 feedback the response is sustained:

    >>> no_fb = simulate(4.0, [0, 60, 120], socs3_feedback=False)
    >>> bool(no_fb.species("pSTAT5")[-1] > res.species("pSTAT5")[-1])
    True

    Total JAK2 is conserved:

    >>> total = res.species("JAK2") + res.species("pJAK2")
    >>> bool(np.allclose(total, 2.8))
    True
    """
    il13 = number_in_range("il13_dose", il13_dose, low=0.0)
    if not isinstance(socs3_feedback, (bool, np.bool_)):
        raise TypeError(f"socs3_feedback must be True or False, got {socs3_feedback!r}")
    f_inh = number_in_range("jak2_inhibition", jak2_inhibition, low=0.0, high=1.0)
    s_decoy = number_in_range("decoy_scale", decoy_scale, low=0.0)
    t = _check_times(t_min)
    p = _resolve_parameters(parameters)

    values = {**p, "il13_dose": il13, "socs3_feedback": 1.0 if socs3_feedback else 0.0,
              "jak2_inhibition": f_inh, "decoy_scale": s_decoy}
    try:
        run = MODEL.simulate(t, values, rtol=RTOL, atol=ATOL_nM)
    except RuntimeError as error:
        raise RuntimeError(f"ODE solver failed for il13_dose={il13!r}: {error}") from None
    y = run.states
    # Clean round-off below the solver tolerance; larger negatives stay visible.
    y[(y < 0.0) & (y > -_ROUNDOFF_nM)] = 0.0

    t = t.copy()
    t.setflags(write=False)
    y.setflags(write=False)
    return Raia2011Result(
        t_min=t,
        concentrations_nM=y,
        species_names=SPECIES,
        il13_dose=il13,
        socs3_feedback=bool(socs3_feedback),
        jak2_inhibition=f_inh,
        decoy_scale=s_decoy,
        parameters=MappingProxyType(p),
    )


def observables(result: Raia2011Result) -> dict[str, NDArray[np.float64]]:
    """Every PEtab observable of the benchmark problem, computed from a simulation.

    The formulas and scaling parameters are those of the problem's observables table
    (see :data:`OBSERVABLE_DEFINITIONS`), e.g. ``pJAK2 = scaling_pJAK2 * pJAK2`` and
    ``IL13_cell = scaling_IL13_cell * (IL13_Rec + IL13_DecoyR + p_IL13_Rec +
    p_IL13_Rec_i)``.

    Parameters
    ----------
    result : Raia2011Result
        Output of :func:`simulate`.

    Returns
    -------
    dict of str to numpy.ndarray
        Observable name (see :data:`OBSERVABLES`) to its values at ``result.t_min``;
        units in :data:`OBSERVABLE_UNITS`.

    Raises
    ------
    TypeError
        If ``result`` is not a :class:`Raia2011Result`.

    References
    ----------
    raia2011, hass2019.

    Examples
    --------
    >>> obs = observables(simulate(20.0, [0.0, 120.0]))
    >>> sorted(obs) == sorted(OBSERVABLES)
    True
    >>> obs["IL13_cell"].round(3).tolist()
    [0.0, 5.714]
    """
    if not isinstance(result, Raia2011Result):
        raise TypeError(f"result must be a Raia2011Result, got {type(result).__name__}")
    return {name: result.observable(name) for name in OBSERVABLES}


def parameter_table() -> pd.DataFrame:
    """All model parameters with value, unit, source and description.

    Returns
    -------
    pandas.DataFrame
        One row per parameter, indexed by name, columns ``value``, ``unit``,
        ``source``, ``description``.

    References
    ----------
    raia2011, hass2019.

    Examples
    --------
    >>> table = parameter_table()
    >>> float(table.loc["init_STAT5", "value"]), table.loc["init_STAT5", "unit"]
    (165.0, 'nM')
    """
    rows = [
        {"name": p.name, "value": p.value, "unit": p.unit, "source": p.source, "description": p.description}
        for p in DEFAULT_PARAMETERS.values()
    ]
    return pd.DataFrame(rows).set_index("name")


@dataclass(frozen=True)
class TimeCourse:
    """pSTAT5 and SOCS3 over the book's two-hour window (see :func:`time_course`).

    Attributes
    ----------
    t_min : numpy.ndarray
        :data:`TIME_COURSE_MIN`.
    pstat5_nM, socs3_nM : numpy.ndarray
        The two observables, read-only.
    peak_nM, peak_time_min : float
        Maximum of pSTAT5 and when it is reached.
    """

    t_min: NDArray[np.float64]
    pstat5_nM: NDArray[np.float64]
    socs3_nM: NDArray[np.float64]

    @property
    def peak_nM(self) -> float:
        """Maximum pSTAT5, in nM."""
        return float(self.pstat5_nM.max())

    @property
    def peak_time_min(self) -> float:
        """Time of the pSTAT5 maximum, in min."""
        return float(self.t_min[int(np.argmax(self.pstat5_nM))])

    def pstat5_at(self, minutes: float) -> float:
        """pSTAT5 (nM) at a time in the window, by linear interpolation."""
        return float(np.interp(minutes, self.t_min, self.pstat5_nM))


@functools.lru_cache(maxsize=256)
def time_course(il13_dose: float, *, socs3_feedback: bool = True, jak2_inhibition: float = 0.0) -> TimeCourse:
    """pSTAT5 and SOCS3 from 0 to 120 min, for the book's figures and explorers (cached).

    Parameters
    ----------
    il13_dose : float
        IL-13 level (>= 0), in :data:`IL13_DOSE_UNIT`.
    socs3_feedback : bool, optional
        Keep the SOCS3 feedback (published model) or remove it (exploration).
    jak2_inhibition : float, optional
        Fractional reduction of JAK2 phosphorylation in [0, 1] (exploration).

    Returns
    -------
    TimeCourse

    Raises
    ------
    ValueError, TypeError
        As :func:`simulate`.

    Examples
    --------
    >>> tc = time_course(20.0)
    >>> tc.peak_time_min
    53.0
    """
    res = simulate(il13_dose, TIME_COURSE_MIN, socs3_feedback=socs3_feedback, jak2_inhibition=jak2_inhibition)
    arrays = [res.observable("pSTAT5"), res.observable("SOCS3")]
    for a in arrays:
        a.setflags(write=False)
    return TimeCourse(TIME_COURSE_MIN, arrays[0], arrays[1])
