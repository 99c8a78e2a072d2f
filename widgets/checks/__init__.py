"""Self-checks for the book's computational exercises.

A student who has computed an answer runs ``check("ex-ch3-ec50", my_answer)`` and is
told whether it is right, close (with a hint) or wrong, without being shown the
expected value. The expected values are computed by the package when the check
runs, never typed in, so a check cannot disagree with the model it tests.

Each chapter registers its checks in a module ``widgets/checks/chN.py`` with
:func:`register`; importing this package imports them all. The kinds of answer:

* :class:`Number`: one number, right within ``rtol`` (relative tolerance), close
  within ``close_rtol``;
* :class:`Numbers`: several numbers in a fixed order, each judged like a Number;
* :class:`Names`: a set of names (gene symbols, cytokines), compared after
  normalising case and punctuation; close when most are right.

Examples
--------
A check judges an answer against the value it computes (here a made-up one, so that the
reference pages give away no exercise's answer):

>>> from widgets.checks import Number, check
>>> demo = Number("ex-demo", lambda: 2.0, unit="pM", hint="Use K_D in pM.")
>>> demo.judge(2.01).status, demo.judge(2.3).status, demo.judge(200.0).status
('right', 'close', 'wrong')
>>> check("ex-ch1-occupancy", [0.5, 0.5, 0.5]).status
'wrong'
"""

from __future__ import annotations

import html
import importlib
import math
import pkgutil
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from widgets.models._checks import did_you_mean, finite_float

__all__ = ["Check", "Names", "Number", "Numbers", "Verdict", "check", "get", "labels", "register"]

STATUSES = ("right", "close", "wrong", "unanswered")


@dataclass(frozen=True)
class Verdict:
    """What a check says about an answer.

    Attributes
    ----------
    label : str
        The exercise label.
    status : {"right", "close", "wrong", "unanswered"}
        The verdict (``"unanswered"`` when the answer is still ``None``).
    message : str
        One or two sentences for the student; never the expected value.
    """

    label: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        """True when the answer is right."""
        return self.status == "right"

    def __str__(self) -> str:
        mark = {"right": "✔ Right", "close": "≈ Close", "wrong": "✘ Not yet", "unanswered": "… No answer yet"}[
            self.status]
        return f"{mark} ({self.label}): {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour = {"right": "#1b7a3a", "close": "#8a5a00", "wrong": "#a4262c", "unanswered": "#555555"}[self.status]
        return (f'<div class="exercise-check" role="status" data-status="{self.status}" '
                f'style="border-left:4px solid {colour};padding:0.3em 0.8em">{html.escape(str(self))}</div>')


class Check:
    """Base class of a registered check: subclasses implement :meth:`judge`."""

    label: str
    hint: str

    def judge(self, answer: Any) -> Verdict:  # pragma: no cover - abstract
        """Return the :class:`Verdict` on a reader's answer."""
        raise NotImplementedError


def _relative_error(value: float, expected: float) -> float:
    if expected == 0.0:
        return abs(value)
    return abs(value - expected) / abs(expected)


def _scale_slip(value: float, expected: float) -> int:
    """The power of ten (±2 or ±3) by which ``value`` misses ``expected``, or 0 if it is no such slip.

    A value 100 or 1000 times too large or too small is the mark of a units slip (a
    percentage for a fraction; pg for ng, pM for nM); saying so helps without giving the
    value away. A factor of 10 is more often a slipped decimal point, and is left alone.
    """
    if value == 0.0 or expected == 0.0 or (value > 0) != (expected > 0):
        return 0
    power = round(math.log10(value / expected))
    if abs(power) not in (2, 3) or _relative_error(value, expected * 10.0**power) > 0.05:
        return 0
    return power


def _slip_note(power: int, items: Sequence[int] = ()) -> str:
    """The units warning for a power-of-ten slip, for the whole answer or for numbered values."""
    direction = "too large" if power > 0 else "too small"
    if not items:
        which = "Your answer is"
    elif len(items) == 1:
        which = f"Value {items[0]} is"
    else:
        which = f"Values {list(items)} are each"
    cause = "a percentage for a fraction, or the reverse?" if abs(power) == 2 else "pg for ng, or pM for nM?"
    return f"{which} about {10 ** abs(power):,} times {direction}: check the units ({cause}). "


def _percent(tolerance: float) -> str:
    return f"{tolerance:.0%}" if tolerance >= 0.01 else f"{tolerance:.1%}"


def _close_note(rtol: float, *, plural: bool = False) -> str:
    """What a close answer hears: counts must be exact, other values within ``rtol``."""
    if rtol == 0.0:
        return f"close, but {'counts' if plural else 'a count'} must be exact"
    return f"close but not within {_percent(rtol)}"


@dataclass(frozen=True)
class Number(Check):
    """One numeric answer.

    Parameters
    ----------
    label : str
        Exercise label, e.g. ``"ex-ch3-ec50"``.
    expected : callable
        ``expected() -> float``, computed with the package.
    unit : str
        Unit the student must answer in (named in the messages).
    rtol : float
        Relative tolerance for "right" (answers are usually rounded).
    close_rtol : float
        Relative tolerance for "close".
    hint : str
        Shown when the answer is close or wrong; must not give the answer away.
    source : str
        What ``expected`` computes from, named when the answer is right: ``"the model"``
        for a model's result, ``"the catalog"`` for a count in the catalog.
    """

    label: str
    expected: Callable[[], float]
    unit: str = ""
    rtol: float = 0.02
    close_rtol: float = 0.25
    hint: str = ""
    source: str = "the model"

    def judge(self, answer: Any) -> Verdict:
        value = finite_float(f"{self.label}: the answer", answer)
        expected = float(self.expected())
        err = _relative_error(value, expected)
        unit = f" (in {self.unit})" if self.unit else ""
        if err <= self.rtol:
            return Verdict(self.label, "right", f"your answer{unit} agrees with {self.source}.")
        if err <= self.close_rtol:
            return Verdict(self.label, "close", f"{_close_note(self.rtol)}{unit}. "
                                                + (self.hint or "Check your rounding and your units."))
        slip = _scale_slip(value, expected) if self.rtol > 0 else 0
        return Verdict(self.label, "wrong", f"not within {_percent(self.close_rtol)}{unit}. "
                                            + (_slip_note(slip) if slip else "")
                                            + (self.hint or "Check the formula and the units."))


@dataclass(frozen=True)
class Numbers(Check):
    """Several numeric answers in a fixed order (each judged like :class:`Number`, ``source`` included)."""

    label: str
    expected: Callable[[], Sequence[float]]
    unit: str = ""
    rtol: float = 0.02
    close_rtol: float = 0.25
    hint: str = ""
    what: str = "values"
    source: str = "the model"

    def judge(self, answer: Any) -> Verdict:
        if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
            raise ValueError(f"{self.label}: the answer must be a list of numbers, got {answer!r}")
        if isinstance(answer, AbstractSet):
            raise ValueError(f"{self.label}: a set has no order; give the numbers as a list [...], "
                             f"in the order the exercise asks for")
        values = [finite_float(f"{self.label}: item {i} of the answer", a) for i, a in enumerate(answer, start=1)]
        expected = [float(e) for e in self.expected()]
        if len(values) != len(expected):
            raise ValueError(f"{self.label}: the answer must hold {len(expected)} {self.what}, got {len(values)}")
        errors = [_relative_error(v, e) for v, e in zip(values, expected)]
        unit = f" (in {self.unit})" if self.unit else ""
        if all(e <= self.rtol for e in errors):
            every = "both" if len(values) == 2 else f"all {len(values)}"
            return Verdict(self.label, "right", f"{every} {self.what}{unit} agree with {self.source}.")
        wrong = [i + 1 for i, e in enumerate(errors) if e > self.close_rtol]
        off = [i + 1 for i, e in enumerate(errors) if self.rtol < e <= self.close_rtol]
        if not wrong:
            return Verdict(self.label, "close", f"{self.what} {off} are {_close_note(self.rtol, plural=True)}{unit}. "
                                                + (self.hint or "Check your rounding."))
        by_power: dict[int, list[int]] = {}
        for i in wrong:
            power = _scale_slip(values[i - 1], expected[i - 1]) if self.rtol > 0 else 0
            if power:
                by_power.setdefault(power, []).append(i)
        notes = "".join(_slip_note(power, items) for power, items in by_power.items())
        return Verdict(self.label, "wrong",
                       f"{self.what} {wrong} are off by more than {_percent(self.close_rtol)}{unit}. "
                       + notes + (self.hint or "Check the formula and the units."))


def _norm(name: str) -> str:
    return re.sub(r"[\s\-‐‑–—_./]+", "", str(name)).casefold()


@dataclass(frozen=True)
class Names(Check):
    """A set of names (order and case do not matter).

    ``spellings``, if given, maps a name to the other spellings that name the same thing
    (the catalog's aliases and HGNC symbols, or CytoSig's column names and the book's
    labels; see ``widgets/checks/_synonyms.py``): a name the student gives counts for an
    expected one when one of its spellings matches one of the expected name's.
    """

    label: str
    expected: Callable[[], Iterable[str]]
    hint: str = ""
    what: str = "names"
    spellings: Callable[[str], Iterable[str]] | None = None

    def _keys(self, name: str) -> set[str]:
        keys = {_norm(name)}
        if self.spellings is not None:
            keys |= {_norm(s) for s in self.spellings(str(name))}
        return keys

    def _words_match_better(self, text: str, expected_keys: list[set[str]]) -> bool:
        """Whether the words of ``text`` name more of the expected names than ``text`` itself does."""
        def hits(names: Iterable[str]) -> int:
            return sum(any(self._keys(n) & k for k in expected_keys) for n in names)
        words = text.split()
        return len(words) > 1 and hits(words) > hits([text])

    def judge(self, answer: Any) -> Verdict:
        pieces: list[str] | None = None
        if isinstance(answer, str):
            pieces = [a for a in re.split(r"[,;]", answer) if a.strip()]
            answer = pieces
        if isinstance(answer, Mapping) or not isinstance(answer, Iterable):
            raise ValueError(f"{self.label}: the answer must be a list of {self.what}, got {answer!r}")
        expected = list({_norm(e): str(e) for e in self.expected()}.values())
        expected_keys = [self._keys(e) for e in expected]
        matched: set[int] = set()
        extra = 0
        for name in {_norm(a): str(a) for a in answer}.values():
            direct = [i for i, e in enumerate(expected) if _norm(e) == _norm(name)]
            keys = self._keys(name)
            candidates = direct or [i for i, k in enumerate(expected_keys) if keys & k]
            if not candidates:
                extra += 1
            elif not set(candidates) <= matched:  # a second spelling of a name already given adds nothing
                matched.add(min(set(candidates) - matched))
        missing = len(expected) - len(matched)
        if missing == 0 and extra == 0:
            if len(expected) == 1:
                one = self.what[:-1] if self.what.endswith("s") else self.what
                return Verdict(self.label, "right", f"exactly the right {one}.")
            return Verdict(self.label, "right", f"exactly the right {len(expected)} {self.what}.")
        overlap = len(matched) / max(len(expected) + extra, 1)
        detail = f"{missing} missing and {extra} that do not belong."
        if pieces is not None and len(pieces) == 1 and self._words_match_better(pieces[0], expected_keys):
            detail += " (Separate the names with commas.)"
        if overlap >= 0.6:
            return Verdict(self.label, "close", f"most {self.what} are right: {detail} " + self.hint)
        return Verdict(self.label, "wrong", f"{detail} " + (self.hint or "Go back to the table."))


_REGISTRY: dict[str, Check] = {}


def _origin(item: Check) -> str:
    """Where a check was defined (its expected-value function's file), so that the same module
    imported twice (pytest's doctest import and the package's own import) is not a clash."""
    code = getattr(getattr(item, "expected", None), "__code__", None)
    return code.co_filename if code is not None else repr(item)


def register(item: Check) -> Check:
    """Add a check to the registry (each label once).

    Raises
    ------
    ValueError
        If the label is already registered by another module.
    """
    known = _REGISTRY.get(item.label)
    if known is not None and _origin(known) != _origin(item):
        raise ValueError(f"a check for {item.label!r} is already registered")
    _REGISTRY[item.label] = item
    return item


def _load() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def labels() -> list[str]:
    """Labels of every exercise that has a check, sorted.

    Examples
    --------
    >>> "ex-ch1-occupancy" in labels()
    True
    """
    return sorted(_REGISTRY)


def get(label: str) -> Check:
    """The registered check of an exercise (for tools such as the lecturer's answer key).

    Raises
    ------
    KeyError
        If no exercise has a self-check with that label (with suggestions).

    Examples
    --------
    >>> type(get("ex-ch1-occupancy")).__name__, get("ex-ch1-occupancy").unit
    ('Numbers', '')
    """
    if label not in _REGISTRY:
        hint = did_you_mean(label, labels(), cutoff=0.75, key=lambda s: str(s).split("-", 2)[-1])
        raise KeyError(f"no self-check for an exercise called {label!r}" + (f"; {hint}" if hint else "")
                       + " (exercises answered in words have no self-check; labels() lists those that do)")
    return _REGISTRY[label]


def check(label: str, answer: Any) -> Verdict:
    """Judge an answer to a computational exercise.

    Parameters
    ----------
    label : str
        The exercise label as printed in the book, e.g. ``"ex-ch1-units"``.
    answer : number, list of numbers, list of names, or None
        What the exercise asks for, in the units it names. ``None`` (the placeholder in
        the book's "check your answer" cells) gives the verdict ``"unanswered"`` with
        a reminder of what to do.

    Returns
    -------
    Verdict
        ``status`` is ``"right"``, ``"close"``, ``"wrong"`` or ``"unanswered"``;
        displayed in a notebook it shows a short message.

    Raises
    ------
    KeyError
        If no exercise has a self-check with that label (with suggestions).
    ValueError
        If the answer has the wrong form (a list where a number is expected, the wrong
        number of values).

    Examples
    --------
    >>> check("ex-ch1-occupancy", [0.5, 0.5, 0.5]).status
    'wrong'
    >>> check("ex-ch1-occupancy", None)
    … No answer yet (ex-ch1-occupancy): replace None by your answer and run the cell again.
    """
    item = get(label)
    if answer is None:
        return Verdict(label, "unanswered", "replace None by your answer and run the cell again.")
    return item.judge(answer)


_load()
