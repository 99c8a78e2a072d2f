"""Counting approvals: target classes and cumulative counts on toy drug tables."""

from __future__ import annotations

import pandas as pd
import pytest

from widgets.models import approvals as ap

CLASSES = {"CCR5": "chemokine receptor (GPCR)", "C5AR1": "complement peptide receptor (GPCR)",
           "IL6R": "type I cytokine receptor", "ACVR1": "TGF-β family receptor"}

TOY = pd.DataFrame({
    "inn": ["a", "b", "c", "d", "e"],
    "targets": [("TNF",), ("IL6R",), ("JAK1", "JAK2", "ACVR1"), ("CCR5",), ("TNF", "LTA")],
    "mechanism": ["ligand block", "receptor block", "kinase inhibitor", "receptor block", "ligand block"],
    "molecule_type": ["monoclonal antibody", "monoclonal antibody", "small molecule", "small molecule",
                      "ligand trap"],
    "first_approval_year": [1998, 2010, 2023, 2007, 1998],
})


@pytest.mark.parametrize(("targets", "expected"), [
    (["TNF"], "cytokine"), (["IL6R"], "receptor chain"), (["CCR5"], "chemokine or complement receptor"),
    (["C5AR1"], "chemokine or complement receptor"), (["JAK1", "ACVR1"], "JAK"), (["THPO"], "cytokine"),
])
def test_target_class(targets: list[str], expected: str) -> None:
    assert ap.target_class(targets, CLASSES) == expected
    assert expected in ap.TARGET_CLASSES


def test_cumulative_counts_are_monotone_and_end_at_the_totals() -> None:
    table = ap.cumulative_approvals(ap.with_target_class(TOY, CLASSES), "target_class")
    assert table.index[0] == 1998 and table.index[-1] == 2023
    assert (table.diff().fillna(0) >= 0).all().all()
    assert table.iloc[-1].to_dict() == {"cytokine": 2, "receptor chain": 1,
                                        "chemokine or complement receptor": 1, "JAK": 1}
    assert table.iloc[-1].sum() == len(TOY)


def test_columns_ordered_by_total_then_first_year() -> None:
    table = ap.cumulative_approvals(TOY, "mechanism")
    assert list(table.columns) == ["ligand block", "receptor block", "kinase inhibitor"]
    table = ap.cumulative_approvals(TOY, "molecule_type", years=[2000, 2030])
    assert list(table.columns) == ["monoclonal antibody", "small molecule", "ligand trap"]
    assert table.loc[2000].tolist() == [1, 0, 1]


def test_unknown_column() -> None:
    with pytest.raises(KeyError, match="did you mean 'mechanism'"):
        ap.cumulative_approvals(TOY, "mechanisms")


def test_with_target_class_does_not_change_its_input() -> None:
    before = TOY.copy()
    ap.with_target_class(TOY, CLASSES)
    pd.testing.assert_frame_equal(TOY, before)
