"""Chapter 2 exercise checks: right for the solution's answers, not right for typical mistakes."""

from __future__ import annotations

from check_answers import answer_tests

from widgets.checks import check

# The solution's answers as the chapter states them.
SOLUTIONS: dict[str, list] = {
    "ex-ch2-jak3": ["IL-2 high affinity", "IL-2 intermediate affinity", "IL-4 type I", "IL-7", "IL-9",
                    "IL-15", "IL-21"],
    "ex-ch2-gp130": ["IL-6", "IL-11", "LIF", "OSM", "CNTF", "cardiotrophin-1", "cardiotrophin-like cytokine",
                     "IL-27", "IL-35"],
    "ex-ch2-chemokines": [25, 15, 2, 1],
    "ex-ch2-naming": ["CXCL8", "TNF", "CCL2", "IFNL1", "IL12A", "CCL5", "CSF3"],
    "ex-ch2-superfamily": ["Fas ligand", "TRAIL"],
}

MISTAKES = {
    # IL-4 type II uses JAK1 and TYK2, not JAK3
    "ex-ch2-jak3": [SOLUTIONS["ex-ch2-jak3"] + ["IL-4 type II", "IL-13 type II"], ["IL-2", "IL-4"]],
    # the old error: IL-12 and IL-23 counted as gp130 users
    "ex-ch2-gp130": [SOLUTIONS["ex-ch2-gp130"] + ["IL-12", "IL-23"], ["IL-6"]],
    "ex-ch2-chemokines": [[15, 25, 2, 1], [25, 7, 2, 1]],  # swapped; ELR+ only
    "ex-ch2-naming": [["IL8", "TNF-α", "MCP1", "IL29", "IL12", "RANTES", "GCSF"]],
    "ex-ch2-superfamily": [["TNF", "Fas ligand", "TRAIL"], ["TNF"]],
}


test_solution_answer_is_right, test_typical_mistake_is_not_right = answer_tests(SOLUTIONS, MISTAKES)


def test_names_are_normalised() -> None:
    assert check("ex-ch2-superfamily", "trail, Fas Ligand").status == "right"
