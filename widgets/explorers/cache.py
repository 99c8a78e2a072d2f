"""On-disk cache of rendered explorer frames.

A frame is stored under a key that hashes everything it depends on: the source of
every file of the ``widgets`` package (code *and* data, so any edit in ``widgets/``
invalidates every frame), the frame function's module and name, the control values,
the encoding and resolution, and the versions of matplotlib, Pillow and numpy. A
stale frame can therefore never be served; an unchanged explorer is never rendered
twice, whether it is built by a doctest, a unit test, nbval or the book build.

Where the cache lives:

- ``$CYTOKINES_FRAME_CACHE`` if set (``off`` disables the cache);
- else ``_build/frame-cache`` in the repository, when the package runs from a
  checkout of the book (next to ``_toc.yml``);
- else ``~/.cache/cytokine-widgets/frames``.

If ``$CYTOKINES_FRAME_LOG`` names a file, every frame actually rendered (a cache
miss) appends one line to it: the benchmark counts frames rendered per ``make test``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "fingerprint_of", "frame_key", "load", "package_fingerprint", "record_render", "store"]

_PACKAGE = Path(__file__).resolve().parents[1]
_SKIP_DIRS = {"__pycache__"}


def fingerprint_of(folder: Path) -> str:
    """SHA-256 of every file under ``folder`` (relative paths and contents), ignoring bytecode.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "a.py").write_text("x = 1")
    ...     before = fingerprint_of(Path(d))
    ...     _ = (Path(d) / "a.py").write_text("x = 2")
    ...     before != fingerprint_of(Path(d))
    True
    """
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or _SKIP_DIRS & set(path.relative_to(folder).parts) or path.suffix == ".pyc":
            continue
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def package_fingerprint() -> str:
    """:func:`fingerprint_of` the ``widgets`` package, plus the versions of the rendering libraries.

    Computed once per process: a running kernel keeps the fingerprint of the code it
    imported.
    """
    digest = hashlib.sha256(fingerprint_of(_PACKAGE).encode())
    for dist in ("matplotlib", "pillow", "numpy"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - always installed
            pass
    return digest.hexdigest()


def cache_dir() -> Path | None:
    """The folder frames are cached in, or ``None`` when caching is off."""
    setting = os.environ.get("CYTOKINES_FRAME_CACHE")
    if setting:
        return None if setting.lower() == "off" else Path(setting)
    repo = _PACKAGE.parent
    if (repo / "_toc.yml").exists():
        return repo / "_build" / "frame-cache"
    return Path.home() / ".cache" / "cytokine-widgets" / "frames"


def _name(func: Callable[..., Any]) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"


def frame_key(func: Callable[..., Any], values: dict[str, Any], *, image_format: str, dpi: float) -> str | None:
    """The cache key of one frame, or ``None`` if it cannot be cached.

    Only module-level functions are cached: a lambda or a nested function may close
    over values that the key cannot see.
    """
    name = _name(func)
    if cache_dir() is None or "<lambda>" in name or "<locals>" in name:
        return None
    payload = json.dumps({"f": name, "v": sorted((k, repr(v)) for k, v in values.items()),
                          "fmt": image_format, "dpi": float(dpi)}, sort_keys=True)
    return hashlib.sha256(f"{package_fingerprint()}\n{payload}".encode()).hexdigest()


KEEP_VERSIONS = 3
"""Frames of this many most recent package versions are kept; older ones are pruned."""


def _version_dir(folder: Path) -> Path:
    return folder / package_fingerprint()[:16]


@functools.cache
def _pruned(folder: Path) -> bool:
    """Remove the frames of all but the :data:`KEEP_VERSIONS` most recent package versions (once)."""
    current = _version_dir(folder)
    others = sorted((p for p in folder.iterdir() if p.is_dir() and p != current),
                    key=lambda p: p.stat().st_mtime, reverse=True) if folder.exists() else []
    for old in others[KEEP_VERSIONS - 1:]:
        shutil.rmtree(old, ignore_errors=True)
    return True


def load(key: str) -> dict[str, str] | None:
    """A cached frame (``uri``, ``alt``, ``details``), or ``None`` on a miss."""
    folder = cache_dir()
    if folder is None:
        return None
    path = _version_dir(folder) / key[:2] / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or set(data) != {"uri", "alt", "details"}:
        return None
    return data


def store(key: str, frame: dict[str, str]) -> None:
    """Write a frame to the cache atomically; silently skip if the folder is not writable."""
    folder = cache_dir()
    if folder is None:
        return
    _pruned(folder)
    target = _version_dir(folder) / key[:2] / f"{key}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=target.parent, delete=False, suffix=".tmp",
                                         encoding="utf-8") as handle:
            json.dump(frame, handle)
        os.replace(handle.name, target)
    except OSError:
        return


def record_render(func: Callable[..., Any], values: dict[str, Any]) -> None:
    """Append one line to ``$CYTOKINES_FRAME_LOG`` (if set) for a frame actually rendered."""
    log = os.environ.get("CYTOKINES_FRAME_LOG")
    if not log:
        return
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"{_name(func)} {sorted(values.items())!r}\n")
