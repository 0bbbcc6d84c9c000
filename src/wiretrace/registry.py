"""Stages found through entry points — the same hook a third-party plugin uses.

Built-in stages are declared in ``pyproject.toml`` under ``[project.entry-points."wiretrace.stages"]``;
a plugin package adds its own there. :func:`build_pipeline` turns the stage names a person
asks for (``--stages quotes``) into a checked :class:`~wiretrace.pipeline.Pipeline`,
adding the stages they need (``quotes`` needs the parse and the entities).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points

from wiretrace.errors import UsageError
from wiretrace.pipeline import Pipeline, Stage

__all__ = ["PUBLIC_STAGES", "build_pipeline", "stage_classes"]

# Canonical order. Stages a person can name on the command line; "nlp" is added when needed.
BUILTIN: dict[str, str] = {
    "extract": "wiretrace.extract.stage:ExtractStage",
    "nlp": "wiretrace.analyze.nlp:NlpStage",
    "entities": "wiretrace.analyze.entities:EntitiesStage",
    "quotes": "wiretrace.analyze.quotes:QuotesStage",
    "timexes": "wiretrace.analyze.timexes:TimexesStage",
    "claims": "wiretrace.analyze.claims:ClaimsStage",
}
PUBLIC_STAGES: tuple[str, ...] = ("extract", "entities", "quotes", "timexes", "claims")


def _load(target: str) -> type[Stage]:
    module, _, attr = target.partition(":")
    cls = getattr(importlib.import_module(module), attr)
    if not (isinstance(cls, type) and issubclass(cls, Stage)):
        raise UsageError(f"{target} is not a wiretrace Stage")
    return cls


@cache
def stage_classes() -> dict[str, type[Stage]]:
    """Every known stage by name: entry points first, built-ins where none is installed."""
    found: dict[str, str] = {ep.name: ep.value for ep in entry_points(group="wiretrace.stages")}
    ordered = {**BUILTIN, **{k: v for k, v in found.items() if k not in BUILTIN}}
    for name in BUILTIN:
        if name in found:
            ordered[name] = found[name]
    return {name: _load(target) for name, target in ordered.items()}


def build_pipeline(names: Iterable[str] | None = None, *, strict: bool = False) -> Pipeline:
    """A pipeline running ``names`` (default: every public stage) and what they need."""
    classes = stage_classes()
    wanted = list(PUBLIC_STAGES) if names is None else [n.strip() for n in names if n.strip()]
    unknown = [n for n in wanted if n not in classes]
    if unknown:
        raise UsageError(f"unknown stage {', '.join(unknown)} — choose from {', '.join(PUBLIC_STAGES)}")
    chosen: set[str] = {"extract", *wanted}
    providers = {give: name for name, cls in classes.items() for give in cls.gives}
    changed = True
    while changed:  # add the providers of every need, transitively
        changed = False
        for name in list(chosen):
            for need in classes[name].needs:
                provider = providers.get(need)
                if provider and provider not in chosen:
                    chosen.add(provider)
                    changed = True
    order = [n for n in classes if n in chosen]
    return Pipeline([classes[n]() for n in order], strict=strict)
