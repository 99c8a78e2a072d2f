"""FrameExplorer and Control: frame grid, browser links, alt text, the frame cache and bad input."""

from __future__ import annotations

import math

import ipywidgets as W
import pytest
from matplotlib.figure import Figure

from widgets.explorers import Control, Frame, FrameExplorer, alt_values, cache, figure_to_data_uri, render_frames
from widgets.explorers.core import DEFAULT_IMAGE_FORMAT, rows_table


def tiny_frame(**values) -> Frame:
    fig = Figure(figsize=(1, 1))
    fig.add_subplot().set_title(repr(sorted(values.items())))
    text = "frame " + ", ".join(f"{k}={v}" for k, v in sorted(values.items()))
    return Frame(fig, text, f"<p>{values.get('b', '')}</p>")


P1 = Control("a", [1, 2, 3], label="A", unit="pM", default=2)
P2 = Control("b", ["x", "y"], label="B")
P3 = Control("c", [0.5, 1.5], label="C", unit="kDa")


@pytest.fixture(scope="module")
def three() -> FrameExplorer:
    return FrameExplorer(tiny_frame, [P1, P2, P3], title="Test")


def test_one_frame_per_combination(three: FrameExplorer) -> None:
    assert len(three.frames) == 3 * 2 * 2
    assert set(three.frames) == {(i, j, k) for i in range(3) for j in range(2) for k in range(2)}
    assert all(f.uri.startswith(f"data:image/{DEFAULT_IMAGE_FORMAT};base64,") for f in three.frames.values())


def test_alt_text_names_the_values(three: FrameExplorer) -> None:
    assert three.frames[(0, 1, 1)].alt == "frame a=1, b=y, c=1.5"
    assert three.grid.at(a=1, b="y", c=1.5) == three.frames[(0, 1, 1)]
    with pytest.raises(KeyError, match="no frame"):
        three.grid.at(a=7, b="y", c=1.5)


def test_controls_match_parameters(three: FrameExplorer) -> None:
    slider, menu, slider2 = three.controls
    assert isinstance(slider, W.SelectionSlider) and isinstance(menu, W.Dropdown)
    assert isinstance(slider2, W.SelectionSlider)
    assert slider.description == "A (pM)" and menu.description == "B"
    assert slider.index == 1  # the default, 2 pM
    assert [label for label, _ in slider.options] == ["1", "2", "3"]


def test_menus_take_label_value_pairs() -> None:
    control = Control("route", [("intravenous", "iv"), ("subcutaneous", "sc")], label="Route", default="iv")
    seen = []

    def frame(*, route: str) -> Frame:
        seen.append(route)
        return Frame(Figure(figsize=(1, 1)), f"route {route}")

    ex = FrameExplorer(frame, [control])
    assert sorted(seen) == ["iv", "sc"]  # the frame function gets values, never labels
    assert [label for label, _ in ex.controls[0].options] == ["intravenous", "subcutaneous"]
    assert ex.visible_frame().alt == "route iv"
    assert control.format("sc") == "subcutaneous"


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
    f = three.frames[(2, 0, 1)]
    assert isinstance(leaf, W.HTML)
    assert f.uri in leaf.value and f'alt="{f.alt}"' in leaf.value
    assert "<p>x</p>" in leaf.value


def test_visible_frame_follows_the_controls(three: FrameExplorer) -> None:
    three.controls[0].index = 0
    three.controls[1].index = 1
    assert three.visible_frame() == three.frames[(0, 1, three.controls[2].index)]


def test_renders_once_with_a_short_repr(three: FrameExplorer) -> None:
    assert repr(three) == "FrameExplorer(a: 3 values, b: 2 values, c: 2 values; 12 frames)"
    assert "frame-explorer" in three._dom_classes
    assert three.children[0].value == "<strong>Test</strong>"


@pytest.mark.parametrize(("image_format", "mime"), [("svg", "image/svg+xml"), ("webp", "image/webp")])
def test_other_frame_formats(image_format: str, mime: str) -> None:
    ex = FrameExplorer(tiny_frame, [Control("a", [1, 2], label="A")], image_format=image_format)
    assert all(f.uri.startswith(f"data:{mime};base64,") for f in ex.frames.values())


def test_alt_values() -> None:
    assert alt_values([P1, P2], {"a": 3, "b": "x"}) == "A 3 pM, B x"


# --------------------------------------------------------------------------- frame cache
def cached_frame(*, a: int) -> Frame:
    return Frame(Figure(figsize=(1, 1)), f"cached {a}")


def test_frames_are_rendered_once_then_served_from_the_cache(tmp_path, monkeypatch) -> None:
    log = tmp_path / "rendered.log"
    monkeypatch.setenv("CYTOKINES_FRAME_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CYTOKINES_FRAME_LOG", str(log))
    control = Control("a", [1, 2], label="A")
    first = render_frames(cached_frame, [control])
    assert len(log.read_text().splitlines()) == 2
    second = render_frames(cached_frame, [control])
    assert len(log.read_text().splitlines()) == 2, "an unchanged explorer must not be rendered again"
    assert second.frames == first.frames


def test_changing_the_package_invalidates_every_frame(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CYTOKINES_FRAME_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CYTOKINES_FRAME_LOG", str(tmp_path / "rendered.log"))
    control = Control("a", [1], label="A")
    render_frames(cached_frame, [control])
    monkeypatch.setattr(cache, "package_fingerprint", lambda: "a different version of widgets/")
    render_frames(cached_frame, [control])
    assert len((tmp_path / "rendered.log").read_text().splitlines()) == 2, "a stale frame was served"


def test_the_fingerprint_covers_code_and_data(tmp_path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.py").write_text("x = 1")
    (tmp_path / "data.tsv").write_text("a\tb\n")
    (tmp_path / "__pycache__").mkdir()
    before = cache.fingerprint_of(tmp_path)
    (tmp_path / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    assert cache.fingerprint_of(tmp_path) == before, "bytecode must not change the fingerprint"
    for path, text in ((tmp_path / "models" / "m.py", "x = 2"), (tmp_path / "data.tsv", "a\tc\n")):
        old = cache.fingerprint_of(tmp_path)
        path.write_text(text)
        assert cache.fingerprint_of(tmp_path) != old, path.name


def test_lambdas_are_not_cached(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CYTOKINES_FRAME_CACHE", str(tmp_path))
    assert cache.frame_key(lambda a: None, {"a": 1}, image_format="png", dpi=100) is None
    monkeypatch.setenv("CYTOKINES_FRAME_CACHE", "off")
    assert cache.frame_key(cached_frame, {"a": 1}, image_format="png", dpi=100) is None


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "a", "values": [], "label": "A"}, r"'a'.*empty grid"),
        ({"name": "a", "values": [1, 2], "label": "A", "default": 5}, r"'a'.*default 5 is not in its grid.*\[1, 2\]"),
        ({"name": "a", "values": [1, math.nan], "label": "A"}, r"'a'.*NaN"),
        ({"name": "a", "values": [1, "x"], "label": "A"}, r"'a'.*all numbers or all menu entries"),
        ({"name": "a", "values": [1, 1], "label": "A"}, r"'a'.*distinct"),
        ({"name": "a", "values": [("x", 1), ("x", 2)], "label": "A"}, r"'a'.*labels must be distinct"),
        ({"name": "a", "values": [("x", 1, 2)], "label": "A"}, r"'a'.*\(label, value\) pair"),
        ({"name": "not valid", "values": [1], "label": "A"}, r"identifier.*'not valid'"),
    ],
)
def test_bad_controls_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Control(**kwargs)


def test_bad_explorers_are_refused() -> None:
    p = Control("a", [1, 2], label="A")
    with pytest.raises(ValueError, match="1 to 3 Control"):
        FrameExplorer(tiny_frame, [])
    with pytest.raises(ValueError, match="1 to 3 Control"):
        FrameExplorer(tiny_frame, [p, P2, P3, Control("d", [1], label="D")])
    with pytest.raises(ValueError, match="distinct"):
        FrameExplorer(tiny_frame, [p, Control("a", [3], label="A")])
    with pytest.raises(ValueError, match="at most 120"):
        FrameExplorer(tiny_frame, [Control("a", list(range(11)), label="A"),
                                   Control("b", list(range(11)), label="B")])
    with pytest.raises(ValueError, match="image_format"):
        FrameExplorer(tiny_frame, [p], image_format="gif")
    with pytest.raises(ValueError, match="must return a Frame"):
        FrameExplorer(lambda a: None, [p])  # type: ignore[arg-type,return-value]
    with pytest.raises(ValueError, match="must return a Frame holding a matplotlib Figure"):
        FrameExplorer(lambda a: Frame(None, "x"), [p])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="non-empty alt text"):
        FrameExplorer(lambda a: Frame(Figure(), " "), [p])
    with pytest.raises(ValueError, match="details as HTML text"):
        FrameExplorer(lambda a: Frame(Figure(), "x", None), [p])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Control objects"):
        FrameExplorer(tiny_frame, [("a", [1])])  # type: ignore[list-item]


def test_figure_to_data_uri_refuses_bad_input() -> None:
    fig = Figure()
    with pytest.raises(ValueError, match="image_format"):
        figure_to_data_uri(fig, image_format="bmp")
    with pytest.raises(ValueError, match="dpi must be > 0, got 0"):
        figure_to_data_uri(fig, dpi=0)


def test_old_package_versions_are_pruned(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CYTOKINES_FRAME_CACHE", str(tmp_path))
    import os
    import time

    for i in range(6):
        old = tmp_path / f"version{i}"
        old.mkdir()
        os.utime(old, (time.time() - 1000 + i, time.time() - 1000 + i))
    render_frames(cached_frame, [Control("a", [1], label="A")])  # stores, and prunes once
    kept = {p.name for p in tmp_path.iterdir()}
    assert cache.package_fingerprint()[:16] in kept
    assert kept - {cache.package_fingerprint()[:16]} == {"version5", "version4"}  # the two most recent


def test_webp_frames_are_lossless_and_smaller_than_png() -> None:
    import base64
    import io

    from PIL import Image

    frame = tiny_frame(a=1, b="x")
    png = figure_to_data_uri(frame.figure, image_format="png")
    webp = figure_to_data_uri(frame.figure, image_format="webp")
    images = [Image.open(io.BytesIO(base64.b64decode(u.split(",", 1)[1]))).convert("RGB") for u in (png, webp)]
    assert images[0].tobytes() == images[1].tobytes(), "the WebP frame must be pixel-identical"


def test_mimebundle_carries_the_default_frame_as_png(three: FrameExplorer, monkeypatch: pytest.MonkeyPatch) -> None:
    import base64
    import io

    import numpy as np
    from PIL import Image

    from widgets.explorers.core import EXPLORER_METADATA, data_uri_bytes
    from widgets.figures.style import FIGURE_FORMATS_ENV

    monkeypatch.delenv(FIGURE_FORMATS_ENV, raising=False)
    data, metadata = three._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data  # front ends with widgets show the widget
    assert "image/svg+xml" not in data  # only when the build asks for it
    png = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    webp = Image.open(io.BytesIO(data_uri_bytes(three.grid.default.uri)[1]))
    assert png.format == "PNG"
    assert np.array_equal(np.asarray(png.convert("RGB")), np.asarray(webp.convert("RGB")))  # same pixels
    assert metadata[EXPLORER_METADATA] == {"title": "Test", "alt": three.grid.default.alt}

    monkeypatch.setenv(FIGURE_FORMATS_ENV, "png,svg")
    data, _ = three._repr_mimebundle_()
    assert data["image/svg+xml"].lstrip().startswith("<?xml") and "<svg" in data["image/svg+xml"]


def test_default_image_rejects_other_formats(three: FrameExplorer) -> None:
    with pytest.raises(ValueError, match="image_format must be 'png' or 'svg', got 'gif'"):
        three.default_image("gif")


def test_data_uri_bytes_rejects_other_text() -> None:
    from widgets.explorers.core import data_uri_bytes

    with pytest.raises(ValueError, match="base64 data: URI"):
        data_uri_bytes("https://example.org/a.png")


def test_figure_formats_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from widgets.figures.style import FIGURE_FORMATS_ENV, figure_formats

    monkeypatch.setenv(FIGURE_FORMATS_ENV, "SVG, png ,svg")
    assert figure_formats() == ("svg", "png")
    monkeypatch.setenv(FIGURE_FORMATS_ENV, "png,pdf")
    with pytest.raises(ValueError, match="CYTOKINES_FIGURE_FORMATS must list formats"):
        figure_formats()


def test_rows_table_aligns_each_column_and_heads_it_the_same_way() -> None:
    html = rows_table([("IL-6", "2.5"), ("TNF", "12")], columns=("cytokine", "pM"), align=("left", "right"))
    assert html.count("text-align:left") == 3 and html.count("text-align:right") == 3  # heading + 2 rows each
    assert "<thead><tr><th" in html and ">cytokine</th>" in html
    one = rows_table([("a", "b", "c")], align="right")
    assert one.count("text-align:right") == 3
    short = rows_table([("a", "b", "c")], align=("left", "right"))  # the last alignment carries on
    assert short.count("text-align:left") == 1 and short.count("text-align:right") == 2
    assert "text-align" not in rows_table([("a", "b")], inline_style=False, align="right")


@pytest.mark.parametrize("align", ["middle", ("left", "top"), ()])
def test_rows_table_rejects_an_unknown_alignment(align) -> None:
    with pytest.raises(ValueError, match="align must be one of"):
        rows_table([("a", "b")], align=align)
