"""FrameExplorer and Parameter: frame grid, browser links, alt text and bad input."""

from __future__ import annotations

import math

import ipywidgets as W
import matplotlib.pyplot as plt
import pytest

from widgets.explorers import FrameExplorer, Parameter, alt_values, figure_to_data_uri


def tiny_figure(**values):  # noqa: ANN003, ANN201
    fig, ax = plt.subplots(figsize=(1, 1))
    ax.set_title(repr(sorted(values.items())))
    return fig


def alt(**values) -> str:  # noqa: ANN003
    return "frame " + ", ".join(f"{k}={v}" for k, v in sorted(values.items()))


P1 = Parameter("a", [1, 2, 3], label="A", unit="pM", default=2)
P2 = Parameter("b", ["x", "y"], label="B")
P3 = Parameter("c", [0.5, 1.5], label="C", unit="kDa")


@pytest.fixture(scope="module")
def three() -> FrameExplorer:
    return FrameExplorer(tiny_figure, [P1, P2, P3], alt=alt, title="Test", details=lambda **v: f"<p>{v['b']}</p>")


def test_one_frame_per_combination(three: FrameExplorer) -> None:
    assert len(three.frames) == 3 * 2 * 2
    assert set(three.frames) == {(i, j, k) for i in range(3) for j in range(2) for k in range(2)}
    assert all(uri.startswith("data:image/png;base64,") for uri, _ in three.frames.values())


def test_alt_text_names_the_values(three: FrameExplorer) -> None:
    assert three.frames[(0, 1, 1)][1] == "frame a=1, b=y, c=1.5"


def test_controls_match_parameters(three: FrameExplorer) -> None:
    slider, menu, slider2 = three.controls
    assert isinstance(slider, W.SelectionSlider) and isinstance(menu, W.Dropdown)
    assert isinstance(slider2, W.SelectionSlider)
    assert slider.description == "A (pM)" and menu.description == "B"
    assert slider.index == 1  # the default, 2 pM
    assert [label for label, _ in slider.options] == ["1", "2", "3"]


def test_nested_stacks_are_linked_in_the_browser(three: FrameExplorer) -> None:
    # one link for the outer stack, one per outer value for the second level,
    # one per (first, second) pair for the innermost level
    assert three.n_links == 1 + 3 + 3 * 2
    for link in three._links:
        assert isinstance(link, W.widgets.widget_link.Link)  # jslink, not a Python observer
        assert link.source[1] == "index" and link.target[1] == "selected_index"
    assert isinstance(three.stack, W.Stack) and len(three.stack.children) == 3
    assert three.stack.selected_index == 1


def test_stack_leaves_hold_the_frames_with_alt_and_details(three: FrameExplorer) -> None:
    leaf = three.stack.children[2].children[0].children[1]
    uri, text = three.frames[(2, 0, 1)]
    assert isinstance(leaf, W.HTML)
    assert uri in leaf.value and f'alt="{text}"' in leaf.value
    assert "<p>x</p>" in leaf.value


def test_visible_frame_follows_the_controls(three: FrameExplorer) -> None:
    three.controls[0].index = 0
    three.controls[1].index = 1
    assert three.visible_frame() == three.frames[(0, 1, three.controls[2].index)]


def test_renders_once_with_a_short_repr(three: FrameExplorer) -> None:
    assert repr(three) == "FrameExplorer(a: 3 values, b: 2 values, c: 2 values; 12 frames)"
    assert "frame-explorer" in three._dom_classes
    assert three.children[0].value == "<strong>Test</strong>"


def test_svg_frames() -> None:
    ex = FrameExplorer(tiny_figure, [Parameter("a", [1, 2], label="A")], alt=alt, image_format="svg")
    assert all(uri.startswith("data:image/svg+xml;base64,") for uri, _ in ex.frames.values())


def test_alt_values() -> None:
    assert alt_values([P1, P2], {"a": 3, "b": "x"}) == "A 3 pM, B x"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "a", "values": [], "label": "A"}, r"'a'.*empty grid"),
        ({"name": "a", "values": [1, 2], "label": "A", "default": 5}, r"'a'.*default 5 is not in its grid.*\[1, 2\]"),
        ({"name": "a", "values": [1, math.nan], "label": "A"}, r"'a'.*NaN"),
        ({"name": "a", "values": [1, "x"], "label": "A"}, r"'a'.*all numbers or all strings"),
        ({"name": "a", "values": [1, 1], "label": "A"}, r"'a'.*distinct"),
        ({"name": "not valid", "values": [1], "label": "A"}, r"identifier.*'not valid'"),
    ],
)
def test_bad_parameters_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Parameter(**kwargs)


def test_bad_explorers_are_refused() -> None:
    p = Parameter("a", [1, 2], label="A")
    with pytest.raises(ValueError, match="1 to 3 Parameter"):
        FrameExplorer(tiny_figure, [], alt=alt)
    with pytest.raises(ValueError, match="1 to 3 Parameter"):
        FrameExplorer(tiny_figure, [p, P2, P3, Parameter("d", [1], label="D")], alt=alt)
    with pytest.raises(ValueError, match="distinct"):
        FrameExplorer(tiny_figure, [p, Parameter("a", [3], label="A")], alt=alt)
    with pytest.raises(ValueError, match="at most 120"):
        FrameExplorer(tiny_figure, [Parameter("a", list(range(11)), label="A"),
                                    Parameter("b", list(range(11)), label="B")], alt=alt)
    with pytest.raises(ValueError, match="image_format"):
        FrameExplorer(tiny_figure, [p], alt=alt, image_format="gif")
    with pytest.raises(ValueError, match="must return a matplotlib Figure"):
        FrameExplorer(lambda a: None, [p], alt=alt)
    with pytest.raises(ValueError, match="non-empty text"):
        FrameExplorer(tiny_figure, [p], alt=lambda a: " ")
    with pytest.raises(ValueError, match="Parameter objects"):
        FrameExplorer(tiny_figure, [("a", [1])], alt=alt)


def test_figure_to_data_uri_refuses_bad_input() -> None:
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="image_format"):
        figure_to_data_uri(fig, image_format="bmp")
    with pytest.raises(ValueError, match="dpi must be > 0, got 0"):
        figure_to_data_uri(fig, dpi=0)
    plt.close(fig)
