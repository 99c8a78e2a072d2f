"""Build step that ``pyproject.toml`` cannot declare: the chapter sidecars go into the wheel.

The quiz cells read ``chapters/NN-name.yml``. An editable install (``make setup``,
Binder) reads them in place; a wheel (``pip install git+...`` in Colab, or
``pip install .``) has no ``chapters/`` folder, so the build copies the sidecars into
the package as ``widgets/sidecars/``, where :func:`widgets.chapter_data.chapter_dir`
finds them. Everything else about the package is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithSidecars(build_py):
    """``build_py`` that also copies ``chapters/[0-9][0-9]-*.yml`` to ``widgets/sidecars/``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # the editable package reads chapters/ where it is
            return
        target = Path(self.build_lib) / "widgets" / "sidecars"
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((ROOT / "chapters").glob("[0-9][0-9]-*.yml")):
            shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildPyWithSidecars})
