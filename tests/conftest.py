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


# --------------------------------------------------------------------------- corpus fixtures


RSS_TEMPLATE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Quarry Gazette</title><link>https://gazette.example/</link>
{items}
</channel></rss>
"""
RSS_ITEM = """<item><title>{title}</title><link>https://gazette.example/{slug}</link>
<pubDate>Tue, 0{day} Mar 2024 09:00:00 GMT</pubDate><author>desk@gazette.example (Ola Brandt)</author>
<description><![CDATA[<p>{text}</p><p>“The bridge will open,” Mayor Elena Varga said on Monday.</p>]]>
</description></item>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Notes</title><id>urn:x-harbour</id>
<updated>2024-04-02T10:00:00Z</updated>
<entry><title>Ferry fares rise</title><link href="https://harbour.example/ferry"/><id>urn:x-harbour:1</id>
<updated>2024-04-02T10:00:00Z</updated><author><name>Ina Holm</name></author>
<content type="html">&lt;p&gt;Ferry fares will rise by a tenth in May, the harbour board said on Tuesday.&lt;/p&gt;
</content></entry>
</feed>
"""


def write_rss(path: Path, count: int = 2) -> Path:
    """An RSS file of ``count`` items, links https://gazette.example/story-N."""
    items = "\n".join(
        RSS_ITEM.format(
            title=f"Story {i}", slug=f"story-{i}", day=i % 9 + 1, text=f"Council item {i} was debated for hours."
        )
        for i in range(1, count + 1)
    )
    path.write_text(RSS_TEMPLATE.format(items=items), encoding="utf-8")
    return path


def write_atom(path: Path) -> Path:
    path.write_text(ATOM, encoding="utf-8")
    return path


def write_warc(path: Path, count: int = 3) -> Path:
    """A WARC.gz with ``count`` HTML responses, a PNG response and a request record."""
    import io  # noqa: PLC0415

    from warcio.statusandheaders import StatusAndHeaders  # noqa: PLC0415
    from warcio.warcwriter import WARCWriter  # noqa: PLC0415

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i in range(count):
            body = (
                f"<html><head><title>Crawl story {i}</title></head><body><article><h1>Crawl story {i}</h1>"
                f"<p>The harbour board said on Monday that pier {i} would reopen in spring after repairs.</p>"
                "<p>“We are ready,” said Ina Holm, the board’s chair.</p></article></body></html>"
            ).encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://crawl.example/s{i}",
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": f"2024-05-0{i + 1}T10:00:00Z"},
                )
            )
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://crawl.example/x.png",
                "response",
                payload=io.BytesIO(b"\x89PNG...."),
                length=8,
                http_headers=http,
            )
        )
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "crawl.example")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(
                "https://crawl.example/", "request", payload=io.BytesIO(b""), length=0, http_headers=request
            )
        )
    return path


def truncate_copy(source: Path, target: Path, share: float = 0.6) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * share)])
    return target


@pytest.fixture
def corpus_inputs(tmp_path: Path) -> dict[str, Path]:
    """A folder of text articles, an RSS file, an Atom file and a WARC.gz, in ``tmp_path``."""
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    for i in range(3):
        (folder / f"a{i}.txt").write_text(
            f"The Harbour Post\n\nPier {i} plan approved\n\nThe council approved plan {i} on Tuesday."
            " “It is a good day,” Mayor Elena Varga said.\n",
            encoding="utf-8",
        )
    (folder / "sub" / "b.html").write_text(
        "<html><head><title>Sub story</title></head><body><article><p>A story in a subfolder about"
        " the ferry timetable, which changes in June.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / ".hidden.txt").write_text("never read", encoding="utf-8")
    return {
        "folder": folder,
        "rss": write_rss(tmp_path / "gazette.rss"),
        "atom": write_atom(tmp_path / "harbour.atom"),
        "warc": write_warc(tmp_path / "crawl.warc.gz"),
    }
