"""Stage lookup by name: default order, added needs, unknown names, plugins through entry points."""

from __future__ import annotations

import subprocess
import sys
import types
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from typing import ClassVar

import pytest

from wiretrace import registry
from wiretrace.analyze import nlp
from wiretrace.errors import UsageError
from wiretrace.model import Analysis
from wiretrace.pipeline import Pipeline, Stage
from wiretrace.registry import PUBLIC_STAGES, build_pipeline, stage_classes

DEFAULT_ORDER = ("extract", "nlp", "entities", "quotes", "timexes", "claims")


def test_the_default_pipeline_runs_every_stage_in_canonical_order() -> None:
    pipeline = build_pipeline()
    assert isinstance(pipeline, Pipeline)
    assert pipeline.names == DEFAULT_ORDER
    assert not pipeline.strict


def test_strict_is_passed_on() -> None:
    assert build_pipeline(["extract"], strict=True).strict


def test_extract_alone() -> None:
    assert build_pipeline(["extract"]).names == ("extract",)


def test_extract_is_always_there() -> None:
    assert build_pipeline(["timexes"]).names == ("extract", "timexes")
    assert build_pipeline([]).names == ("extract",)


def test_quotes_brings_the_parse_and_the_entities() -> None:
    assert build_pipeline(["quotes"]).names == ("extract", "nlp", "entities", "quotes")


def test_claims_brings_everything_it_needs_transitively() -> None:
    assert build_pipeline(["claims"]).names == DEFAULT_ORDER


def test_names_are_put_in_canonical_order_whatever_order_they_are_given_in() -> None:
    assert build_pipeline(["timexes", "entities"]).names == ("extract", "nlp", "entities", "timexes")


def test_names_are_trimmed_and_blank_ones_ignored() -> None:
    assert build_pipeline([" quotes ", "", "  "]).names == ("extract", "nlp", "entities", "quotes")


def test_an_unknown_stage_is_a_usage_error_naming_it_and_the_choices() -> None:
    with pytest.raises(UsageError) as info:
        build_pipeline(["quotes", "sentiment"])
    message = str(info.value)
    assert "sentiment" in message
    for name in PUBLIC_STAGES:
        assert name in message
    assert "\n" not in message


def test_every_known_stage_is_a_stage_with_a_name_and_version() -> None:
    classes = stage_classes()
    assert tuple(classes)[: len(DEFAULT_ORDER)] == DEFAULT_ORDER
    for name, cls in classes.items():
        assert issubclass(cls, Stage)
        assert cls.name == name
        assert cls.version


def test_building_the_pipeline_does_not_load_the_spacy_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("build_pipeline loaded the spaCy model")

    before = nlp.load_model.cache_info()
    monkeypatch.setattr(nlp, "load_model", refuse)
    build_pipeline()  # any call to load_model would raise
    monkeypatch.undo()
    assert nlp.load_model.cache_info() == before


def test_building_the_pipeline_does_not_import_spacy() -> None:
    code = "import sys; from wiretrace.registry import build_pipeline; build_pipeline(); print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# --------------------------------------------------------------------------- plugins


class Sentiment(Stage):
    name = "sentiment"
    version = "0.1"
    needs: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __call__(self, analysis: Analysis) -> Analysis:
        return analysis


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A third-party package declaring one stage under the ``wiretrace.stages`` entry points."""
    module = types.ModuleType("wiretrace_fake_plugin")
    module.Sentiment = Sentiment  # type: ignore[attr-defined]
    module.NotAStage = object  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wiretrace_fake_plugin", module)
    points = [EntryPoint("sentiment", "wiretrace_fake_plugin:Sentiment", "wiretrace.stages")]
    monkeypatch.setattr(registry, "entry_points", lambda group: points if group == "wiretrace.stages" else [])
    stage_classes.cache_clear()
    yield
    stage_classes.cache_clear()


@pytest.mark.usefixtures("plugin")
def test_a_plugin_stage_is_found_and_its_needs_added() -> None:
    assert build_pipeline(["sentiment"]).names == ("extract", "nlp", "entities", "quotes", "sentiment")


@pytest.mark.usefixtures("plugin")
def test_plugin_stages_come_after_the_built_in_ones() -> None:
    assert tuple(stage_classes()) == (*DEFAULT_ORDER, "sentiment")


def test_an_entry_point_that_is_not_a_stage_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("wiretrace_fake_plugin")
    module.NotAStage = object  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wiretrace_fake_plugin", module)
    points = [EntryPoint("odd", "wiretrace_fake_plugin:NotAStage", "wiretrace.stages")]
    monkeypatch.setattr(registry, "entry_points", lambda group: points)
    stage_classes.cache_clear()
    try:
        with pytest.raises(UsageError, match="NotAStage"):
            stage_classes()
    finally:
        stage_classes.cache_clear()
