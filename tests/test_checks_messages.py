"""What the self-checks tell a student whose answer is right in another spelling, or wrong in a telling way."""

from __future__ import annotations

import pytest

from widgets.checks import Names, Number, Numbers, check


def test_a_cytokine_may_be_named_by_alias_or_symbol() -> None:
    assert check("ex-ch2-superfamily", ["FasL", "TRAIL"]).status == "right"
    assert check("ex-ch2-superfamily", ["FASLG", "TNFSF10"]).status == "right"
    assert check("ex-ch3-ruxolitinib", ["EPO", "TPO", "G-CSF", "GM-CSF", "IL-3", "IL-5"]).status == "right"


def test_a_cytosig_signal_may_be_named_by_the_books_label() -> None:
    assert check("ex-ch8-infer", ["IFN-γ", "OSM", "TGF-β1"]).status == "right"


def test_two_spellings_of_one_name_count_once_and_symbols_stay_symbols() -> None:
    assert check("ex-ch2-superfamily", ["FasL", "Fas ligand", "TRAIL"]).status == "right"
    # ex-ch2-naming asks for HGNC symbols: a name in their place is not the answer
    assert check("ex-ch2-naming", ["IL-8", "TNF-α", "MCP-1", "IL-29", "IL-12", "RANTES", "G-CSF"]).status != "right"


def test_names_without_commas_are_told_to_use_them() -> None:
    assert "commas" in check("ex-ch2-superfamily", "FasL TRAIL").message


def test_a_units_slip_is_named_without_the_value() -> None:
    demo = Numbers("ex-demo", lambda: [0.1, 0.5], what="occupancies")
    message = demo.judge([10.0, 50.0]).message
    assert "100 times too large" in message and "0.1" not in message
    assert "1,000 times too small" in Number("ex-demo", lambda: 2.0).judge(0.002).message


def test_a_count_is_close_but_must_be_exact() -> None:
    assert "must be exact" in Number("ex-demo", lambda: 10.0, rtol=0.0, close_rtol=0.2).judge(11).message
    assert "must be exact" in Numbers("ex-demo", lambda: [10.0, 12.0], rtol=0.0, what="counts").judge([11, 12]).message


def test_wrong_forms_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="list of numbers"):
        check("ex-ch1-occupancy", {0: 0.09, 1: 0.5, 2: 0.91})
    with pytest.raises(ValueError, match="item 1 of the answer"):
        check("ex-ch1-occupancy", [[0.09, 0.5, 0.91]])
    with pytest.raises(ValueError, match="list of"):
        Names("ex-demo", lambda: ["IL-2"]).judge({"IL-2": 1})


def test_an_exercise_without_a_check_is_named_as_such() -> None:
    with pytest.raises(KeyError, match="no self-check") as err:
        check("ex-ch1-names", "anything")
    assert "ex-ch1-occupancy" not in str(err.value)  # close matches only, not every label
