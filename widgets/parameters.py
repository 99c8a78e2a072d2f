"""Sourced numbers: every measured or published value the book computes with.

A number that comes from a publication lives once, as a row of a table under
``widgets/data/parameters/`` (one ``.tsv`` per topic), with its unit, its source
(a bib key of ``book/references.bib``) and where in the source it was read
(``locator``: a table, figure, page or section). Models, figures, explorers,
exercise checks and chapters read it from here, so text and code cannot drift
apart. Columns:

``name``
    Unique identifier across all topic files, ``snake_case`` ending in the unit
    (``il2_secretion_molecules_per_s``, ``tnf_tnfr1_kd_pM``).
``value``
    The number, on a linear scale (``1.9e-11`` style allowed).
``unit``
    Unit in words or symbols (``pM``, ``µm^2 s^-1``, ``h``, ``dimensionless``).
``description``
    What the number is, in one line.
``source``
    Bib key(s) of the source, ``;``-separated.
``locator``
    Where in the source (``Table 1``, ``p. 572``, ``Fig. 3B``, ``abstract``).
``note``
    Conditions and caveats (species, temperature, range given in the source,
    "order of magnitude", derived how). May be empty.

The model layer also uses :class:`Parameter` for its own frozen parameter tables
(for example :data:`widgets.models.raia2011.DEFAULT_PARAMETERS`).

Examples
--------
>>> p = parameter("tnf_tnfr1_kd_pM")
>>> p.value, p.unit, p.source
(19.0, 'pM', 'grell1998')
>>> value("tnf_tnfr2_kd_pM")
420.0
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from widgets._tsv import read_tsv, split_list, where
from widgets.models._checks import unknown_name

__all__ = ["PARAMETER_COLUMNS", "PARAMETER_DIR", "Parameter", "parameter", "parameter_table", "validate", "value"]

PARAMETER_DIR = Path(__file__).resolve().parent / "data" / "parameters"
"""Folder of the topic tables (``<topic>.tsv``)."""

PARAMETER_COLUMNS: tuple[str, ...] = ("name", "value", "unit", "description", "source", "locator", "note")
"""Header of every topic table."""

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$", re.I)


@dataclass(frozen=True)
class Parameter:
    """One sourced number: value, unit and provenance.

    Attributes
    ----------
    name : str
        Identifier.
    value : float
        Value on the linear scale.
    unit : str
        Unit.
    source : str
        Bib key(s) (``;``-separated) or, for model tables, a description of the file the
        value was read from.
    description : str
        What the number is.
    locator : str
        Where in the source it was read.
    note : str
        Conditions and caveats.
    """

    name: str
    value: float
    unit: str
    source: str
    description: str
    locator: str = ""
    note: str = ""

    @property
    def bib_keys(self) -> tuple[str, ...]:
        """The bib keys of ``source`` (empty if the source is not a list of keys).

        Examples
        --------
        >>> parameter("tnf_tnfr1_kd_pM").bib_keys
        ('grell1998',)
        """
        keys = tuple(split_list(self.source))
        return keys if all(re.fullmatch(r"[a-z][a-z0-9_-]*", k) for k in keys) else ()


def _read(path: Path) -> list[Parameter]:
    frame = read_tsv(path, PARAMETER_COLUMNS)
    out = []
    for i, row in enumerate(frame.itertuples(index=False)):
        for column in ("name", "value", "unit", "description", "source", "locator"):
            if not getattr(row, column):
                raise ValueError(f"{where(path, i, row.name or '?', column)}: empty")
        if not _NAME_RE.match(row.name):
            raise ValueError(f"{where(path, i, row.name, 'name')}: {row.name!r} is not a snake_case identifier")
        try:
            number = float(row.value)
        except ValueError:
            raise ValueError(f"{where(path, i, row.name, 'value')}: {row.value!r} is not a number") from None
        if not math.isfinite(number):
            raise ValueError(f"{where(path, i, row.name, 'value')}: {row.value!r} is not finite")
        out.append(Parameter(row.name, number, row.unit, row.source, row.description, row.locator, row.note))
    return out


def validate(folder: Path | str | None = None) -> dict[str, Parameter]:
    """Read and check every topic table; return all parameters by name.

    Rules: the header is :data:`PARAMETER_COLUMNS`; ``name``, ``value``, ``unit``,
    ``description``, ``source`` and ``locator`` are filled; names are identifiers,
    unique across all files; values are finite numbers.

    Raises
    ------
    ValueError
        Naming the file, line, row and field at fault.

    Examples
    --------
    >>> len(validate()) >= 2
    True
    """
    folder = Path(folder) if folder is not None else PARAMETER_DIR
    found: dict[str, tuple[Parameter, str]] = {}
    for path in sorted(folder.glob("*.tsv")):
        for p in _read(path):
            if p.name in found:
                raise ValueError(f"{path.name}: parameter {p.name!r} is also defined in {found[p.name][1]}")
            found[p.name] = (p, path.name)
    return {name: p for name, (p, _file) in found.items()}


@functools.cache
def _all() -> dict[str, Parameter]:
    return validate()


def parameter(name: str) -> Parameter:
    """One sourced parameter by name.

    Raises
    ------
    KeyError
        If there is no such parameter; the message suggests close names.

    Examples
    --------
    >>> parameter("tnf_tnfr2_kd_pM").locator
    'abstract'
    """
    table = _all()
    if name not in table:
        raise unknown_name("parameter", name, sorted(table))
    return table[name]


def value(name: str) -> float:
    """The value of one sourced parameter (see :func:`parameter`).

    Examples
    --------
    >>> value("tnf_tnfr1_kd_pM")
    19.0
    """
    return parameter(name).value


def parameter_table(topic: str | None = None) -> pd.DataFrame:
    """The sourced parameters as a table, optionally of one topic file.

    Parameters
    ----------
    topic : str, optional
        Stem of a topic file (``"binding"`` for ``binding.tsv``); all topics by default.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``, columns ``topic``, ``value``, ``unit``, ``description``,
        ``source``, ``locator``, ``note``.

    Raises
    ------
    KeyError
        If ``topic`` names no file.

    Examples
    --------
    >>> float(parameter_table("binding").loc["tnf_tnfr1_kd_pM", "value"])
    19.0
    """
    files = sorted(PARAMETER_DIR.glob("*.tsv"))
    topics = [p.stem for p in files]
    if topic is not None and topic not in topics:
        raise unknown_name("topic", topic, topics)
    rows = []
    for path in files:
        if topic is None or path.stem == topic:
            rows += [{"topic": path.stem, **vars(p)} for p in _read(path)]
    return pd.DataFrame(rows).set_index("name")
