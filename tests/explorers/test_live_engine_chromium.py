"""The browser engine in Debian's Chromium (Playwright), against scipy, on the same grids as in Node.

The engine module is served from a temporary folder on 127.0.0.1 and imported by a blank
page, as the widget manager imports it in the book; the agreement criterion is that of
``test_live_engine.py`` (relative error below 1e-4 with an absolute floor; the Raia
benchmark reference below 1e-3).
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from widgets.explorers.live import ASSETS, DEFAULT_TOLERANCES
from widgets.models import raia2011
from widgets.models.definitions import load

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location("live_engine_tests", Path(__file__).with_name("test_live_engine.py"))
assert _spec and _spec.loader
_node_tests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_node_tests)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def guess_type(self, path):  # module scripts need a JavaScript type
        return "text/javascript" if str(path).endswith(".mjs") else super().guess_type(path)


@pytest.fixture(scope="module")
def chromium_engine(browser, tmp_path_factory) -> Iterator[object]:
    folder = tmp_path_factory.mktemp("chromium-engine")
    (folder / "engine.mjs").write_text((ASSETS / "engine.js").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "index.html").write_text('<!doctype html><title>engine</title><link rel="icon" href="data:,">',
                                       encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{url}/index.html")

    def run(definition: dict, cases: list[dict], options: dict | None = None) -> list[dict]:
        out = page.evaluate("async ([d, c, o]) => (await import('./engine.mjs')).runCases(d, c, o)",
                            [definition, cases, options or {}])
        assert not problems, problems
        return out

    try:
        yield run
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def test_raia_in_chromium_agrees_with_scipy(chromium_engine) -> None:
    cases = [{"values": {"il13_dose": d, "socs3_feedback": fb, "jak2_inhibition": f}}
             for d in (0.1, 4.0, 20.0, 100.0) for fb in (1.0, 0.0) for f in (0.0, 0.9)]
    errors = _node_tests.compare(chromium_engine, "raia2011", cases, raia2011.TIME_COURSE_MIN)
    assert max(errors) < _node_tests.RELATIVE, errors


def test_reynolds_in_chromium_agrees_with_scipy(chromium_engine) -> None:
    cases: list[dict[str, object]] = [{"values": {"pathogen0": p, "k_pg": k}}
                                      for p in (0.5, 1.5, 3.0) for k in (0.3, 0.6, 1.2)]
    cases.append({"values": {"pathogen0": 0.36, "k_pg": 0.6}, "resets": [{"time": 10.0, "set": {"CA": 0.36}}]})
    errors = _node_tests.compare(chromium_engine, "reynolds2006", cases, np.linspace(0.0, 500.0, 1001))
    assert max(errors) < _node_tests.RELATIVE, errors


def test_pharmacokinetics_in_chromium_agrees_with_scipy(chromium_engine) -> None:
    cases = [{"values": {"dose_ug": 61.1, "elimination_half_life_h": h, "subcutaneous": sc}}
             for h in (0.25, 1.4, 18.2) for sc in (0.0, 1.0)]
    errors = _node_tests.compare(chromium_engine, "pharmacokinetics", cases, np.linspace(0.0, 48.0, 481),
                                 {"rtol": 1e-6, "atol": 1e-12})
    assert max(errors) < _node_tests.RELATIVE, errors


def test_raia_in_chromium_reproduces_the_benchmark_reference(chromium_engine) -> None:
    reference = _node_tests._raia_reference()
    model = load("raia2011")
    levels = sorted(reference.il13_level.unique())
    times = [float(x) for x in sorted(reference.time_min.unique())]
    results = chromium_engine(model.to_browser(), [{"values": {"il13_dose": float(v)}, "times": times} for v in levels],
                              dict(DEFAULT_TOLERANCES))
    checked = 0
    for level, result in zip(levels, results):
        for row in reference[reference.il13_level == level].itertuples():
            value = result["observables"][row.observable][times.index(row.time_min)]
            if row.value:
                assert abs(value - row.value) / abs(row.value) < 1e-3, (level, row)
            else:
                assert abs(value) < 1e-9, (level, row)
            checked += 1
    assert checked == 205
