"""The one conftest: options, markers and fixtures shared by the whole suite.

- ``--update-golden`` makes ``test_golden.py`` rewrite ``examples/golden/`` instead of
  comparing against it (``make golden``); review the diff before committing.
- Tests marked ``shared_data`` read ``../shared`` beside the repository (the seed article,
  PolNeAR, TempEval …); they are skipped, with the path in the reason, where it is missing.
- A test with an ``example`` argument runs once per bundled example (``x.txt``, ``y.html``,
  ``corpus.jsonl``). ``example_results`` runs the full pipeline once per session over every
  example, and ``seed_analysis`` over the seed, for the slow tests that check them (golden
  files, spans, floors); only tests marked ``slow`` may use them, as they load spaCy.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from wiretrace.model import Analysis

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLES = ROOT / "examples"
JSONL_CORPUS = EXAMPLES / "jsonl" / "corpus.jsonl"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite examples/golden/ from the current pipeline instead of comparing (review the diff)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test taking ``example`` runs once per bundled example (file name, e.g. ``repost.html``)."""
    if "example" in metafunc.fixturenames:
        metafunc.parametrize("example", example_names())


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("shared_data") is not None and not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} — check out the shared folder beside the repository")


# --------------------------------------------------------------------------- paths


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (tests using it are marked ``shared_data``)."""
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> Path:
    """The user's seed article, read in place from the shared folder."""
    seed = shared_dir / "examples" / "seed-article.txt"
    if not seed.is_file():
        pytest.skip(f"{seed} is missing — the shared examples are not checked out beside the repository")
    return seed


@pytest.fixture(scope="session")
def all_examples() -> list[str]:
    """The name of every example input (what ``example`` is parametrized with)."""
    return example_names()


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def load_eval(name: str) -> ModuleType:
    """A script of ``eval/`` as a module (``eval`` is a folder of scripts, not a package)."""
    module_name = f"wiretrace_eval_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "eval" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def eval_run() -> ModuleType:
    """``eval/run.py``: the quality gate's floor rules."""
    return load_eval("run")


@pytest.fixture(scope="session")
def examples_eval() -> ModuleType:
    """``eval/examples_eval.py``: the scorer for the bundled examples."""
    return load_eval("examples_eval")


# --------------------------------------------------------------------------- examples


def example_files() -> list[Path]:
    """Every bundled single-article example (``*.txt``, ``*.html``), sorted by name."""
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in {".txt", ".html"})


def example_names() -> list[str]:
    """The names of every example input: each file, then the JSONL corpus."""
    return [p.name for p in example_files()] + [JSONL_CORPUS.name]


def relative(path: Path) -> str:
    """``path`` as the repo-relative string the pipeline is given (stable ``input`` fields)."""
    return path.relative_to(ROOT).as_posix()


@pytest.fixture(scope="session")
def example_results() -> dict[str, list[Analysis]]:
    """The full pipeline over every example, run once: ``{"x.txt": [analysis], "corpus.jsonl": [...]}``.

    Inputs are given as paths relative to the repository root (``examples/x.txt``), so the
    ``input`` of each analysis is the same on every machine.
    """
    from wiretrace.analyze_api import analyze_inputs, analyze_jsonl  # noqa: PLC0415 - loads spaCy on use
    from wiretrace.errors import InputError  # noqa: PLC0415

    before = Path.cwd()
    os.chdir(ROOT)
    try:
        files = example_files()
        results: dict[str, list[Analysis]] = {}
        for path, result in zip(files, analyze_inputs([relative(p) for p in files]), strict=True):
            if isinstance(result, InputError):
                raise AssertionError(f"example failed to analyse: {result}")
            results[path.name] = [result]
        corpus: list[Analysis] = []
        for result in analyze_jsonl(relative(JSONL_CORPUS)):
            if isinstance(result, InputError):
                raise AssertionError(f"JSONL example failed to analyse: {result}")
            corpus.append(result)
        results[JSONL_CORPUS.name] = corpus
    finally:
        os.chdir(before)
    return results


@pytest.fixture(scope="session")
def seed_analysis(seed_article: Path) -> Analysis:
    """The full pipeline on the seed article with ``--published 2023-07-05`` (the issue's case)."""
    return analyze_one(seed_article, published="2023-07-05")


@pytest.fixture(scope="session")
def seed_analysis_undated(seed_article: Path) -> Analysis:
    """The full pipeline on the seed article with no date given: the date must be inferred."""
    return analyze_one(seed_article)


def analyze_one(path: Path, *, published: str | None = None) -> Analysis:
    from wiretrace.analyze_api import analyze_inputs  # noqa: PLC0415 - loads spaCy on use
    from wiretrace.errors import InputError  # noqa: PLC0415

    [result] = analyze_inputs([str(path)], published=published)
    if isinstance(result, InputError):
        raise AssertionError(f"{path} failed to analyse: {result}")
    return result
