"""Sphinx extension: author lists that end in ``and others`` read "et al.", as in BibTeX.

When the full author list of a paper could not be checked, its BibTeX entry ends the
list with ``and others``. BibTeX's own styles print that as "et al."; pybtex and
sphinxcontrib-bibtex print the word "others" ("Noguchi and others, 1993"). This
extension registers two styles that follow BibTeX:

* ``author_year_et_al`` (``bibtex_reference_style``): citations read
  "Noguchi *et al.*, 1993";
* ``plain_et_al`` (``bibtex_default_style``): the bibliography reads
  "M. Noguchi, H. Yi, et al."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pybtex.plugin
from pybtex.richtext import Tag, Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import FieldIsMissing, join, node, sentence
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import field as sb_field
from sphinxcontrib.bibtex.style.template import first_of, optional, tag
from sphinxcontrib.bibtex.style.template import join as sb_join


def _persons_et_al(data: dict[str, Any], role: str) -> tuple[list[Any], bool]:
    """The entry's persons in ``role`` without a final ``others``, and whether there was one."""
    try:
        persons = list(data["entry"].persons[role])
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    if len(persons) > 1 and str(persons[-1]) == "others":
        return persons[:-1], True
    return persons, False


@node
def names_et_al(children, context, role, **kwargs):  # noqa: ANN001, ANN003, ANN201
    """pybtex's ``names``, with a final ``others`` printed as "et al."."""
    assert not children
    persons, others = _persons_et_al(context, role)
    style = context["style"]
    formatted = [style.format_name(person, style.abbreviate_names) for person in persons]
    if not others:
        return join(**kwargs)[formatted].format_data(context)
    listed = join(sep=kwargs.get("sep", ", "))[formatted].format_data(context)
    return Text(listed, ", " if len(persons) > 1 else " ", "et al.")


class PlainEtAlStyle(PlainStyle):
    """pybtex's ``plain`` style, with ``and others`` printed as "et al."."""

    def format_names(self, role, as_sentence=True):  # noqa: ANN001, ANN201
        formatted = names_et_al(role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[formatted] if as_sentence else formatted


@node
def ref_names_et_al(children, data, role, **kwargs):  # noqa: ANN001, ANN003, ANN201
    """sphinxcontrib-bibtex's ``names``, with a final ``others`` printed as *et al.*."""
    assert not children
    persons, others = _persons_et_al(data, role)
    style = data["style"]
    formatted = [style.person.style_plugin.format(p, style.person.abbreviate) for p in persons]
    if others:  # the list is incomplete: first author et al., also in full citations
        return Text(formatted[0].format_data(data), " ", Tag("em", "et al."))
    return sb_join(**kwargs)[formatted].format_data(data)


@node
def ref_author_or_editor_or_title_et_al(children, data, **kwargs):  # noqa: ANN001, ANN003, ANN201
    """sphinxcontrib-bibtex's ``author_or_editor_or_title``, built on :func:`ref_names_et_al`."""
    assert not children
    return first_of[
        optional[ref_names_et_al("author", **kwargs)],
        optional[ref_names_et_al("editor", **kwargs)],
        tag("em")[sb_field("title")],
    ].format_data(data)


@dataclass
class EtAlPersonStyle(PersonStyle):
    """Person style whose name lists treat a final ``others`` as *et al.*.

    Both entry points are overridden: the author-year label ("Noguchi *et al.*, 1993")
    comes from :meth:`author_or_editor_or_title`, which sphinxcontrib-bibtex builds on
    its own ``names`` node rather than on :meth:`names`.
    """

    def names(self, role: str, full: bool):  # noqa: ANN201
        return ref_names_et_al(role=role, sep=self.sep, sep2=self.sep2, last_sep=self.last_sep,
                               other=None if full else self.other)

    def author_or_editor_or_title(self, full: bool):  # noqa: ANN201
        return ref_author_or_editor_or_title_et_al(sep=self.sep, sep2=self.sep2, last_sep=self.last_sep,
                                                   other=None if full else self.other)


@dataclass
class AuthorYearEtAlStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's ``author_year`` style with :class:`EtAlPersonStyle`."""

    person: PersonStyle = field(default_factory=EtAlPersonStyle)


def setup(app):  # noqa: ANN001, ANN201
    pybtex.plugin.register_plugin("pybtex.style.formatting", "plain_et_al", PlainEtAlStyle)
    register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_et_al", AuthorYearEtAlStyle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
