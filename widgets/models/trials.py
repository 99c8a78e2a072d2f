"""Arithmetic of two-arm trial results: risks, their difference and the number needed to treat.

The book reports trial results from their published counts (for example the deaths in
each arm of RECOVERY, read from ``widgets/data/parameters/inflammation.tsv``). These
functions turn counts into the quantities a clinician weighs. They are plain
proportions: no adjustment for age or other covariates, so they can differ slightly
from a paper's adjusted rate ratio.

Examples
--------
Made-up counts (the book's exercises use the real ones): 30 of 100 patients die with usual
care and 20 of 100 with the new treatment.

>>> risk_percent(20, 100), absolute_risk_reduction_points(control=(30, 100), treated=(20, 100))
(20.0, 10.0)
>>> round(number_needed_to_treat(control=(30, 100), treated=(20, 100)), 1)
10.0
"""

from __future__ import annotations

import math

from widgets.models._checks import number_in_range

__all__ = ["absolute_risk_reduction_points", "number_needed_to_treat", "risk_percent"]


def risk_percent(events: float, total: float) -> float:
    """Share of an arm with the event, in percent.

    Parameters
    ----------
    events : float
        People with the event (for example deaths), 0 <= events <= total.
    total : float
        People in the arm (> 0).

    Returns
    -------
    float
        ``100 * events / total``.

    Raises
    ------
    ValueError
        If ``total`` is not positive or ``events`` is outside [0, total].

    Examples
    --------
    >>> risk_percent(1, 4)
    25.0
    """
    total = number_in_range("total", total, low=0.0, low_open=True)
    events = number_in_range("events", events, low=0.0, high=total)
    return 100.0 * events / total


def absolute_risk_reduction_points(*, control: tuple[float, float], treated: tuple[float, float]) -> float:
    """Risk with the control minus risk with the treatment, in percentage points.

    Parameters
    ----------
    control, treated : (float, float)
        ``(events, total)`` of each arm.

    Returns
    -------
    float
        Positive when the treatment lowers the risk.

    Raises
    ------
    ValueError
        If an arm's total is not positive or its events are outside [0, total]
        (:func:`risk_percent`).

    Examples
    --------
    >>> absolute_risk_reduction_points(control=(30, 100), treated=(20, 100))
    10.0
    """
    return risk_percent(*control) - risk_percent(*treated)


def number_needed_to_treat(*, control: tuple[float, float], treated: tuple[float, float]) -> float:
    """How many people must be treated to prevent one event: 100 / risk reduction (points).

    Parameters
    ----------
    control, treated : (float, float)
        ``(events, total)`` of each arm, as for :func:`absolute_risk_reduction_points`.

    Returns
    -------
    float
        ``math.inf`` when the treatment makes no difference; negative when it harms
        (then its absolute value is the number needed to harm).

    Raises
    ------
    ValueError
        As :func:`absolute_risk_reduction_points`.

    Examples
    --------
    >>> number_needed_to_treat(control=(30, 100), treated=(20, 100))
    10.0
    >>> number_needed_to_treat(control=(20, 100), treated=(20, 100))
    inf
    """
    arr = absolute_risk_reduction_points(control=control, treated=treated)
    return math.inf if arr == 0 else 100.0 / arr
