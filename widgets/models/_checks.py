"""Input checks and return conventions shared by every model module (private).

Every public function of the model layer checks its inputs with these helpers, so
that a bad value is refused with the same kind of message everywhere: the name of
the argument, the value received and what is allowed, for example
``ValueError: kd_pM must be > 0, got -1.0``.

Return convention: a scalar in gives a Python ``float`` out, an array in gives a
``numpy.ndarray`` out (:func:`as_output`), so chapters never wrap calls in
``float(...)``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "as_output",
    "did_you_mean",
    "finite_float",
    "fraction_array",
    "integer_at_least",
    "nonnegative_array",
    "number_in_range",
    "paired_response",
    "positive_float",
    "time_points",
    "unknown_name",
]

FloatOrArray = float | NDArray[np.float64]
"""What a vectorised model function returns: a float for a scalar, else an array."""


def nonnegative_array(name: str, value: ArrayLike, *, strictly_positive: bool = False) -> NDArray[np.float64]:
    """``value`` as a float array; refuse non-numbers, NaN, infinities and negative (or zero) entries.

    Examples
    --------
    >>> nonnegative_array("ligand_pM", [0, 1.5]).tolist()
    [0.0, 1.5]
    >>> nonnegative_array("kd_pM", 0.0, strictly_positive=True)
    Traceback (most recent call last):
    ...
    ValueError: kd_pM must be > 0, got 0.0
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {value!r}") from None
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not contain NaN, got {value!r}")
    if np.isinf(arr).any():
        raise ValueError(f"{name} must be finite, got {value!r}")
    if strictly_positive and (arr <= 0).any():
        raise ValueError(f"{name} must be > 0, got {float(arr[arr <= 0].flat[0])!r}")
    if (arr < 0).any():
        raise ValueError(f"{name} must be >= 0, got {float(arr[arr < 0].flat[0])!r}")
    return arr


def fraction_array(name: str, value: ArrayLike) -> NDArray[np.float64]:
    """``value`` as a float array of fractions in [0, 1].

    Examples
    --------
    >>> fraction_array("initial_occupancy", 0.25).item()
    0.25
    >>> fraction_array("initial_occupancy", 1.5)
    Traceback (most recent call last):
    ...
    ValueError: initial_occupancy must be in [0, 1], got 1.5
    """
    arr = nonnegative_array(name, value)
    if (arr > 1).any():
        raise ValueError(f"{name} must be in [0, 1], got {float(arr[arr > 1].flat[0])!r}")
    return arr


def number_in_range(
    name: str,
    value: object,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """``value`` as a finite float inside a range; the message states the range.

    Parameters
    ----------
    name : str
        Argument name, for the message.
    value : object
        What the caller passed.
    low, high : float
        Bounds of the allowed range (infinite by default).
    low_open, high_open : bool
        Exclude the bound itself (``(low, ...`` rather than ``[low, ...``).

    Examples
    --------
    >>> number_in_range("jak2_inhibition", 0.5, low=0, high=1)
    0.5
    >>> number_in_range("jak2_inhibition", 2, low=0, high=1)
    Traceback (most recent call last):
    ...
    ValueError: jak2_inhibition must be in [0, 1], got 2.0
    >>> number_in_range("fraction", 1.0, low=0, high=1, low_open=True, high_open=True)
    Traceback (most recent call last):
    ...
    ValueError: fraction must be in (0, 1), got 1.0
    """
    if math.isinf(low) and math.isinf(high):
        wrong_type = wrong_value = f"{name} must be a finite number"
    else:
        lo = "(" if low_open or math.isinf(low) else "["
        hi = ")" if high_open or math.isinf(high) else "]"
        allowed = f"{lo}{low:g}, {'inf' if math.isinf(high) else f'{high:g}'}{hi}"
        wrong_type, wrong_value = f"{name} must be a number in {allowed}", f"{name} must be in {allowed}"
    if isinstance(value, bool):
        raise ValueError(f"{wrong_type}, got {value!r}")
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{wrong_type}, got {value!r}") from None
    too_low = x <= low if low_open else x < low
    too_high = x >= high if high_open else x > high
    if not math.isfinite(x) or too_low or too_high:
        raise ValueError(f"{wrong_value}, got {x!r}")
    return x


def positive_float(name: str, value: object) -> float:
    """``value`` as a finite float > 0.

    Examples
    --------
    >>> positive_float("ec50", 3)
    3.0
    >>> positive_float("ec50", -1)
    Traceback (most recent call last):
    ...
    ValueError: ec50 must be in (0, inf), got -1.0
    """
    return number_in_range(name, value, low=0.0, low_open=True)


def finite_float(name: str, value: object) -> float:
    """``value`` as a finite float (any sign).

    Examples
    --------
    >>> finite_float("bottom", "2.5")
    2.5
    >>> finite_float("bottom", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: bottom must be a finite number, got nan
    """
    return number_in_range(name, value)


def integer_at_least(name: str, value: object, minimum: int) -> int:
    """``value`` as an ``int`` >= ``minimum``; refuse booleans, floats and other types.

    Examples
    --------
    >>> integer_at_least("n_doses", np.int64(3), 1)
    3
    >>> integer_at_least("n_doses", 2.0, 1)
    Traceback (most recent call last):
    ...
    ValueError: n_doses must be an integer >= 1, got 2.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def time_points(name: str, value: ArrayLike, *, unit: str) -> NDArray[np.float64]:
    """``value`` as a non-empty 1-D float array of output times; a single time becomes one point.

    Only the shape is checked here; each simulation adds its own range and order checks.

    Examples
    --------
    >>> time_points("t_min", 5, unit="min").tolist()
    [5.0]
    >>> time_points("t_min", [], unit="min")
    Traceback (most recent call last):
    ...
    ValueError: t_min must be a non-empty 1-D array of times in min, got shape (0,)
    """
    try:
        t = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a 1-D array of times in {unit}, got {value!r}") from None
    if t.ndim == 0:
        t = t.reshape(1)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of times in {unit}, got shape {t.shape}")
    return t


def paired_response(
    name: str, value: ArrayLike, response: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A 1-D grid ``value`` (>= 0) and a numeric ``response`` of the same shape, as curve fits take them.

    Finiteness of the response and the number of points are left to each fit.

    Examples
    --------
    >>> x, y = paired_response("conc", [0, 1, 10], [0.1, 0.5, 0.9])
    >>> x.tolist(), y.tolist()
    ([0.0, 1.0, 10.0], [0.1, 0.5, 0.9])
    >>> paired_response("conc", [0, 1, 10], [0.1, 0.5])
    Traceback (most recent call last):
    ...
    ValueError: response must have the shape of conc (3,) (one value per conc), got shape (2,)
    """
    x = nonnegative_array(name, value)
    try:
        y = np.asarray(response, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"response must be numeric, got {response!r}") from None
    if x.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {x.shape}")
    if y.shape != x.shape:
        raise ValueError(f"response must have the shape of {name} {x.shape} (one value per {name}), "
                         f"got shape {y.shape}")
    return x, y


def as_output(arr: NDArray[np.float64]) -> FloatOrArray:
    """A 0-d result as a Python float, anything else unchanged.

    Examples
    --------
    >>> as_output(np.asarray(0.5)), as_output(np.array([0.5])).tolist()
    (0.5, [0.5])
    """
    arr = np.asarray(arr, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def did_you_mean(
    name: object,
    choices: Iterable[str],
    *,
    n: int = 3,
    cutoff: float = 0.5,
    key: Callable[[str], str] | None = None,
) -> str:
    """``"did you mean 'a', 'b'?"`` for the choices closest to ``name``, or ``""`` if none is close.

    Parameters
    ----------
    name : object
        The unknown name (compared as a string).
    choices : iterable of str
        The known names, shown as given.
    n : int
        At most this many suggestions, closest first.
    cutoff : float
        Similarity in [0, 1] a choice needs to be suggested (:func:`difflib.get_close_matches`).
    key : callable, optional
        Compare ``key(name)`` with ``key(choice)`` (for example a function that ignores
        case and hyphens); a choice whose key repeats an earlier one is left out.

    Examples
    --------
    >>> did_you_mean("pSTAT", ["pSTAT5", "STAT5", "SOCS3"])
    "did you mean 'pSTAT5', 'STAT5'?"
    >>> did_you_mean("il6", ["IL-6", "IL-16"], key=lambda s: s.replace("-", "").casefold())
    "did you mean 'IL-6', 'IL-16'?"
    >>> did_you_mean("zzzz", ["IL-6"])
    ''
    """
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(key(choice) if key else choice, choice)
    target = key(str(name)) if key else str(name)
    close = difflib.get_close_matches(target, list(by_key), n=n, cutoff=cutoff)
    return f"did you mean {', '.join(repr(by_key[c]) for c in close)}?" if close else ""


def unknown_name(
    kind: str,
    name: object,
    choices: Iterable[str],
    *,
    cutoff: float = 0.5,
    key: Callable[[str], str] | None = None,
) -> KeyError:
    """A :class:`KeyError` for an unknown name, with "did you mean" suggestions (:func:`did_you_mean`).

    Returned, not raised, so that the caller's ``raise`` shows where it happened.

    Examples
    --------
    >>> print(unknown_name("species", "pSTAT", ["pSTAT5", "STAT5", "SOCS3"]).args[0])
    unknown species 'pSTAT'; did you mean 'pSTAT5', 'STAT5'? Known: pSTAT5, STAT5, SOCS3
    >>> print(unknown_name("species", "IL6", ["pSTAT5"]).args[0])
    unknown species 'IL6'; Known: pSTAT5
    """
    choices = list(choices)
    hint = did_you_mean(name, choices, cutoff=cutoff, key=key)
    return KeyError(f"unknown {kind} {name!r};{' ' + hint if hint else ''} Known: {', '.join(choices)}")
