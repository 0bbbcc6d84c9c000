"""Import a reference scorer from ../shared/eval by path (they are scripts, not packages)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def import_scorer(path: Path, name: str) -> ModuleType:
    """The scorer at ``path`` as a module named ``name``; exits with one line if it cannot load."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the scorer — check the --shared folder")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
