"""CI and publishing: .ci/run, .ci/install and the GitHub workflow use the README's make targets."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_workflow_builds_the_site_and_the_pdf_with_the_make_targets() -> None:
    build = _workflow()["jobs"]["build"]
    runs = _runs(build)
    assert "make book" in runs and "make pdf" in runs
    assert runs.index("make book") < runs.index("make pdf")
    assert any(run.startswith(".ci/install") for run in runs), "the same Debian packages as .ci/run"
    uploads = [step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert [step["with"]["path"] for step in uploads] == ["_build/html"]


def test_the_site_is_published_only_from_a_push_to_main() -> None:
    workflow = _workflow()
    assert workflow["on"]["push"]["branches"] == ["main"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "github.event_name == 'push'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read"}


def test_ci_installs_the_tex_live_packages_the_pdf_needs() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\.ci/install$", run, re.M) and re.search(r"^make test$", run, re.M)
    install = (ROOT / ".ci" / "install").read_text(encoding="utf-8")
    for package in ("latexmk", "poppler-utils", "texlive-latex-recommended", "texlive-latex-extra",
                    "texlive-fonts-recommended", "tex-gyre", "chromium", "nodejs"):
        assert package in install, package
    assert "texlive-fonts-extra" not in install, "1.4 GB; the PDF is built without it"


def test_the_workflow_puts_the_pdf_where_the_site_links_to_it() -> None:
    """The "PDF edition" link of the site (book/_ext/pdf_edition.py) is the online address plus the PDF's name."""
    import build_book
    from conftest import book_config

    config = book_config()
    target = config["latex"]["latex_documents"]["targetname"]
    assert Path(target).with_suffix(".pdf").name == build_book.PDF_NAME
    assert config["sphinx"]["config"]["pdf_online_url"].endswith("/")
    copies = [run for run in _runs(_workflow()["jobs"]["build"]) if run.startswith("cp ")]
    assert copies == [f"cp _build/pdf/{build_book.PDF_NAME} _build/html/{build_book.PDF_NAME}"]
