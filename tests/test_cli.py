"""The command line end to end: fake stages through CliRunner, and real runs of the installed
``wiretrace`` in a subprocess (those need the real stages; the spaCy ones are ``slow``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
from click.testing import CliRunner

from wiretrace import SCHEMA_VERSION, analyze_api
from wiretrace.analyze_api import analyze_documents, analyze_inputs, analyze_jsonl, content_id
from wiretrace.cli.main import main
from wiretrace.cli.progress import Reporter, progress, wants_progress
from wiretrace.errors import InputError, UsageError
from wiretrace.model import Analysis, Article, PublishedSource, Quote, QuoteKind, RawDocument, Span, replace
from wiretrace.output.schema import output_schema
from wiretrace.pipeline import Pipeline, Stage

ANSI = re.compile(r"\x1b\[")
WIRETRACE = Path(sys.executable).parent / "wiretrace"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ARTICLE = """The Northfield Ledger

Bridge plan approved

Mayor Elena Varga called the vote “the most important thing this city will do.”
"""


# --------------------------------------------------------------------------- fakes


class FakeExtract(Stage):
    """The body verbatim; the first line as headline; a given date as published."""

    name: ClassVar[str] = "extract"
    version: ClassVar[str] = "fake-1"
    gives: ClassVar[frozenset[str]] = frozenset({"article"})

    def __call__(self, analysis: Analysis) -> Analysis:
        raw = analysis.raw
        assert raw is not None
        body = raw.text if raw.text is not None else raw.data.decode("utf-8")
        if "UNREADABLE" in body:
            raise InputError(raw.ref, "cannot be read as an article", "give another file")  # as the real one
        given = raw.meta_get("published")
        article = Article(
            body=body,
            headline=body.strip().splitlines()[0],
            published=dt.date.fromisoformat(given) if given else None,
            published_source=PublishedSource.GIVEN if given else PublishedSource.NONE,
        )
        return replace(analysis, article=article)


class FakeQuotes(Stage):
    """Curly-quoted passages; a body with BOOM makes it raise."""

    name: ClassVar[str] = "quotes"
    version: ClassVar[str] = "fake-1"
    needs: ClassVar[frozenset[str]] = frozenset({"article"})
    gives: ClassVar[frozenset[str]] = frozenset({"quotes"})
    batches: ClassVar[list[int]] = []

    def pipe(self, batch: Sequence[Analysis]) -> list[Analysis]:
        self.batches.append(len(batch))
        return super().pipe(batch)

    def __call__(self, analysis: Analysis) -> Analysis:
        if "BOOM" in analysis.body:
            raise ValueError("the quote finder tripped")
        quotes = tuple(
            Quote(id=f"q{i}", span=Span(m.start(1), m.end(1)), text=m.group(1), kind=QuoteKind.DIRECT)
            for i, m in enumerate(re.finditer(r"“([^”]*)”", analysis.body), 1)
        )
        return replace(analysis, quotes=quotes)


def fake_pipeline(names: Iterable[str] | None = None, *, strict: bool = False) -> Pipeline:
    wanted = set(names) if names is not None else {"quotes"}
    stages: list[Stage] = [FakeExtract()]
    if "quotes" in wanted or "claims" in wanted:
        stages.append(FakeQuotes())
    return Pipeline(stages, strict=strict)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI and library run the fake stages (real sources)."""
    monkeypatch.setattr(analyze_api, "build_pipeline", fake_pipeline)
    FakeQuotes.batches.clear()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def jsonl_file(tmp_path: Path, lines: Sequence[str]) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(args: Sequence[str], stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def validate(data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(output_schema()).validate(data)


def test_fake_pipeline_stays_in_sync_with_registry() -> None:
    from wiretrace.registry import PUBLIC_STAGES  # noqa: PLC0415

    assert {"extract", "quotes"} <= set(PUBLIC_STAGES)


# --------------------------------------------------------------------------- formats


def test_one_input_json_is_one_document(fake: None, article: Path) -> None:
    result = run(["analyze", str(article)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validate(data)
    assert data["input"] == str(article)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["stages"] == {"extract": "fake-1", "quotes": "fake-1"}
    assert data["id"] == content_id(ARTICLE)
    assert data["quotes"][0]["text"] == "the most important thing this city will do."
    assert result.stdout.startswith("{\n")  # pretty, one document
    assert result.stderr == ""


def test_stages_extract_stops_after_reading(fake: None, article: Path) -> None:
    result = run(["analyze", str(article), "--stages", "extract"])
    data = json.loads(result.stdout)
    assert data["stages"] == {"extract": "fake-1"}
    assert data["quotes"] == []
    assert data["article"]["body"] == ARTICLE


def test_format_jsonl_is_one_line(fake: None, article: Path) -> None:
    result = run(["analyze", str(article), "--format", "jsonl"])
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["input"] == str(article)


def test_several_inputs_give_one_line_each_in_order(fake: None, tmp_path: Path) -> None:
    paths = []
    for i in range(3):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"Article {i}\n\nShe said “number {i}”.\n", encoding="utf-8")
        paths.append(str(path))
    result = run(["analyze", *paths])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["input"] for d in lines] == paths
    assert [d["quotes"][0]["text"] for d in lines] == ["number 0", "number 1", "number 2"]
    assert len({d["id"] for d in lines}) == 3


def test_text_format_is_a_plain_report(fake: None, article: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Other\n\nNothing quoted.\n", encoding="utf-8")
    result = run(["analyze", str(article), str(other), "--format", "text"])
    assert result.exit_code == 0
    assert f"{article}  (a-" in result.stdout
    assert "Headline:" in result.stdout and "The Northfield Ledger" in result.stdout
    assert "QUOTES (1)" in result.stdout
    assert "[direct] the most important thing this city will do." in result.stdout
    assert "═" * 72 in result.stdout  # separator between the two reports
    assert not ANSI.search(result.output)


def test_stdin_dash(fake: None) -> None:
    result = run(["analyze", "-"], stdin=ARTICLE)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["input"] == "-"
    assert data["article"]["body"] == ARTICLE


def test_published_is_given_to_the_stages(fake: None, article: Path) -> None:
    data = json.loads(run(["analyze", str(article), "--published", "2023-07-10"]).stdout)
    assert data["article"]["published"] == "2023-07-10"
    assert data["article"]["published_source"] == "given"


def test_batch_size_batches_the_stage(fake: None, tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": f"T{i} “q{i}”"}) for i in range(5)]
    result = run(["analyze", "--jsonl", str(jsonl_file(tmp_path, lines)), "--batch-size", "2"])
    assert result.exit_code == 0
    assert FakeQuotes.batches == [2, 2, 1]


# --------------------------------------------------------------------------- JSONL


def test_jsonl_keeps_ids_and_names_lines(fake: None, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "first", "text": "One “a”.", "published": "2020-01-02"}),
        json.dumps({"id": 7, "html": "<html><body><p>Two</p></body></html>"}),
    ]
    path = jsonl_file(tmp_path, lines)
    result = run(["analyze", "--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in out] == ["first", "7"]
    assert [d["input"] for d in out] == [f"{path}:1", f"{path}:2"]
    assert out[0]["article"]["published"] == "2020-01-02"
    for data in out:
        validate(data)


def test_jsonl_line_published_wins_over_the_option(fake: None, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "x", "published": "2020-01-02"}),
        json.dumps({"id": "b", "text": "y"}),
    ]
    result = run(["analyze", "--jsonl", str(jsonl_file(tmp_path, lines)), "--published", "2023-07-10"])
    dates = [json.loads(line)["article"]["published"] for line in result.stdout.splitlines()]
    assert dates == ["2020-01-02", "2023-07-10"]


def test_jsonl_malformed_line_among_good_ones(fake: None, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "One."}),
        '{"id": "b", "text": ',
        json.dumps({"id": "c", "text": "Three."}),
    ]
    path = jsonl_file(tmp_path, lines)
    result = run(["analyze", "--jsonl", str(path), "--format", "jsonl"])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in out] == ["a", "c"]
    assert [d["input"] for d in out] == [f"{path}:1", f"{path}:3"]
    errors = result.stderr.splitlines()
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:2: ")
    assert " — " in errors[0]
    assert "Traceback" not in result.stderr


def test_jsonl_stage_error_names_file_and_line_not_the_id(fake: None, tmp_path: Path) -> None:
    lines = [json.dumps({"id": "ok", "text": "Fine."}), json.dumps({"id": "bad", "text": "UNREADABLE"})]
    path = jsonl_file(tmp_path, lines)
    result = run(["analyze", "--jsonl", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{path}:2: cannot be read as an article — give another file"]
    assert json.loads(result.stdout)["id"] == "ok"


def test_jsonl_from_stdin(fake: None) -> None:
    stdin = json.dumps({"id": "s1", "text": "Hi “there”."}) + "\n"
    result = run(["analyze", "--jsonl", "-"], stdin=stdin)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "s1"
    assert data["input"] == "<stdin>:1"


def test_jsonl_path_as_argument_is_read_as_jsonl(fake: None, tmp_path: Path) -> None:
    path = jsonl_file(tmp_path, [json.dumps({"id": "z", "text": "Z."})])
    data = json.loads(run(["analyze", str(path), "--format", "jsonl"]).stdout)
    assert (data["id"], data["input"]) == ("z", f"{path}:1")
    lines = run(["analyze", str(path)]).stdout.splitlines()  # default json: still one line each
    assert [json.loads(line)["id"] for line in lines] == ["z"]


def test_jsonl_streams_lazily(fake: None, tmp_path: Path) -> None:
    """Results come out before the whole file is read (constant memory)."""
    lines = [json.dumps({"id": f"n{i}", "text": f"T{i}"}) for i in range(10)]
    results = analyze_jsonl(str(jsonl_file(tmp_path, lines)), batch_size=3)
    first = next(iter(results))
    assert isinstance(first, Analysis) and first.id == "n0"
    assert FakeQuotes.batches == [3]


# --------------------------------------------------------------------------- failures


def test_missing_path_is_one_line_and_the_rest_still_prints(fake: None, article: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run(["analyze", str(missing), str(article)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{missing}: no such file — check the path"]
    assert json.loads(result.stdout)["input"] == str(article)


def test_missing_path_alone(fake: None, tmp_path: Path) -> None:
    result = run(["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


def test_input_error_from_a_stage(fake: None, tmp_path: Path, article: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("UNREADABLE", encoding="utf-8")
    result = run(["analyze", str(bad), str(article)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{bad}: cannot be read as an article — give another file"]
    assert len(result.stdout.splitlines()) == 1


def test_stage_problem_is_kept_and_reported(fake: None, tmp_path: Path) -> None:
    path = tmp_path / "boom.txt"
    path.write_text("BOOM “x”", encoding="utf-8")
    result = run(["analyze", str(path)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["problems"] == [{"stage": "quotes", "message": "ValueError: the quote finder tripped"}]
    assert data["article"]["body"] == "BOOM “x”"
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{path}: stage quotes failed (ValueError: the quote finder tripped) — ")


def test_strict_makes_a_problem_fatal(fake: None, tmp_path: Path, article: Path) -> None:
    path = tmp_path / "boom.txt"
    path.write_text("BOOM", encoding="utf-8")
    result = run(["analyze", str(path), str(article), "--strict"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{path}: stage quotes failed: ValueError: the quote finder tripped — ")
    assert [json.loads(x)["input"] for x in result.stdout.splitlines()] == [str(article)]


def test_debug_shows_the_traceback_of_an_unexpected_error(
    fake: None, tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def strict_pipeline(names: Iterable[str] | None = None, *, strict: bool = False) -> Pipeline:
        return fake_pipeline(names, strict=True)

    monkeypatch.setattr(analyze_api, "build_pipeline", strict_pipeline)
    path = tmp_path / "boom.txt"
    path.write_text("BOOM", encoding="utf-8")
    plain = run(["analyze", str(path), str(article)])
    assert plain.exit_code == 1
    assert plain.stderr.splitlines() == [
        f"{path}: unexpected error while analysing it (ValueError: the quote finder tripped)"
        " — rerun with --debug for the traceback and report it"
    ]
    assert len(plain.stdout.splitlines()) == 1  # the other input still printed
    debug = run(["analyze", str(path), str(article), "--debug"])
    assert "Traceback (most recent call last)" in debug.stderr
    assert "the quote finder tripped" in debug.stderr
    assert debug.stderr.splitlines()[-1].startswith(f"{path}: unexpected error")


def test_unexpected_error_while_printing_names_the_input(
    fake: None, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(a: Analysis) -> dict[str, Any]:
        raise RuntimeError("serializer bug")

    monkeypatch.setattr("wiretrace.cli.main.analysis_to_dict", broken)
    result = run(["analyze", str(article)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{article}: unexpected error while printing it (RuntimeError: serializer bug)")


def test_reader_bug_is_one_line_and_the_batch_goes_on(
    fake: None, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wiretrace.sources  # noqa: PLC0415

    real = wiretrace.sources.open_inputs

    def flaky(items: Sequence[str]) -> Any:
        if items[0] == "explode":
            raise KeyError("reader bug")
        return real(items)

    monkeypatch.setattr(wiretrace.sources, "open_inputs", flaky)
    result = run(["analyze", "explode", str(article)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("explode: unexpected error while reading it (KeyError: 'reader bug')")
    assert json.loads(result.stdout)["input"] == str(article)


# --------------------------------------------------------------------------- usage (exit 2)


@pytest.mark.parametrize("value", ["2023-13-01", "yesterday", "2023-7-1", "10/07/2023"])
def test_bad_published_is_usage(fake: None, article: Path, value: str) -> None:
    result = run(["analyze", str(article), "--published", value])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_stage_is_usage(fake: None, article: Path) -> None:
    result = run(["analyze", str(article), "--stages", "extract,sentiment"])
    assert result.exit_code == 2
    assert "unknown stage sentiment" in result.stderr
    assert "choose from extract, entities, quotes, timexes, claims" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["analyze"],
        ["analyze", "a.txt", "--jsonl", "b.jsonl"],
        ["analyze", "a.txt", "--format", "xml"],
        ["analyze", "a.txt", "--batch-size", "0"],
        ["analyze", "a.txt", "--stages", ","],
        ["analyze", "a.txt", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(fake: None, args: list[str]) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert result.stdout == ""


# --------------------------------------------------------------------------- library API


def test_analyze_inputs_yields_errors_in_place(fake: None, article: Path, tmp_path: Path) -> None:
    results = list(analyze_inputs([str(tmp_path / "missing.txt"), str(article)]))
    assert isinstance(results[0], InputError)
    assert isinstance(results[1], Analysis)
    assert results[1].input == str(article)


def test_analyze_documents_orders_errors_between_batches(fake: None) -> None:
    docs: list[analyze_api.Named] = []
    for i in range(7):
        if i % 3 == 1:
            docs.append(InputError(f"in{i}", "bad"))
        else:
            doc = RawDocument(ref=f"in{i}", media_type="text/plain", text=f"T{i}")
            docs.append(analyze_api.Item(name=f"in{i}", doc=doc))
    results = list(analyze_documents(docs, batch_size=2))
    names = [r.source if isinstance(r, InputError) else r.input for r in results]
    assert names == [f"in{i}" for i in range(7)]
    assert [isinstance(r, InputError) for r in results] == [i % 3 == 1 for i in range(7)]


def test_id_is_the_body_hash_or_the_given_id(fake: None) -> None:
    doc = RawDocument(ref="x", media_type="text/plain", text="Body text.")
    [plain] = analyze_documents([analyze_api.Item(name="x", doc=doc)])
    [given] = analyze_documents([analyze_api.Item(name="x", doc=doc, given_id="mine")])
    assert isinstance(plain, Analysis) and isinstance(given, Analysis)
    assert plain.id == content_id("Body text.") and re.fullmatch(r"a-[0-9a-f]{16}", plain.id)
    assert given.id == "mine"


def test_library_rejects_bad_published_and_batch_size(fake: None) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        analyze_inputs(["x"], published="July 10")
    with pytest.raises(UsageError, match="batch size"):
        analyze_inputs(["x"], batch_size=0)
    results = list(analyze_inputs(["-"], published=dt.date(2022, 2, 2)))  # a date object is fine
    assert len(results) == 1


# --------------------------------------------------------------------------- progress


def test_progress_only_on_a_terminal_for_several_inputs() -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    assert wants_progress(3, Tty())  # type: ignore[arg-type]
    assert wants_progress(None, Tty())  # type: ignore[arg-type]
    assert not wants_progress(1, Tty())  # type: ignore[arg-type]
    with open(os.devnull, "w") as devnull:
        assert not wants_progress(3, devnull)


def test_progress_reporter_counts_without_a_bar(capsys: pytest.CaptureFixture[str]) -> None:
    with progress(5) as reporter:
        assert isinstance(reporter, Reporter)
        reporter.advance()
        reporter.advance(failed=True)
        reporter.error("x.txt: bad — fix it")
    assert (reporter.done, reporter.failed) == (2, 1)
    assert capsys.readouterr().err == "x.txt: bad — fix it\n"


def test_progress_bar_renders_rate_and_failures(capsys: pytest.CaptureFixture[str]) -> None:
    with progress(3, enabled=True) as reporter:
        reporter.advance()
        reporter.advance(failed=True)
        reporter.error("y.txt: bad — fix it")
    err = capsys.readouterr().err
    assert "articles/s" in err and "1 failed" in err and "y.txt: bad — fix it" in err


# --------------------------------------------------------------------------- other commands


def test_schema_command_prints_the_schema() -> None:
    result = run(["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == output_schema()


def test_version_command() -> None:
    result = run(["version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("wiretrace ")
    assert f"output schema {SCHEMA_VERSION}" in result.stdout
    assert run(["--version"]).stdout.startswith("wiretrace, version ")


def test_help_lists_every_command() -> None:
    out = run(["--help"]).stdout
    for command in ("analyze", "schema", "version"):
        assert command in out


# --------------------------------------------------------------------------- real subprocess runs


def wiretrace(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "", "TERM": "xterm-256color"}  # a colour terminal, were it one
    return subprocess.run(
        [str(WIRETRACE), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def real_stages_missing() -> str | None:
    """Why the real pipeline cannot be built here, or None."""
    try:
        from wiretrace.registry import stage_classes  # noqa: PLC0415

        stage_classes()
    except Exception as exc:  # noqa: BLE001 - any reason is a reason to skip
        return f"the real stages are not all importable yet ({type(exc).__name__}: {exc})"
    return None


needs_stages = pytest.mark.skipif(real_stages_missing() is not None, reason=str(real_stages_missing()))
needs_binary = pytest.mark.skipif(not WIRETRACE.exists(), reason=f"{WIRETRACE} is not installed")


@needs_binary
def test_subprocess_schema_and_version() -> None:
    schema = wiretrace("schema")
    assert schema.returncode == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(schema.stdout))
    assert wiretrace("version").returncode == 0


@needs_binary
def test_subprocess_usage_errors_exit_2(tmp_path: Path) -> None:
    bad_date = wiretrace("analyze", "x.txt", "--published", "2023-02-30")
    assert bad_date.returncode == 2
    assert "YYYY-MM-DD" in bad_date.stderr
    unknown = wiretrace("analyze", "x.txt", "--stages", "vibes")
    assert unknown.returncode == 2
    assert "unknown stage vibes" in unknown.stderr
    for proc in (bad_date, unknown):
        assert "Traceback" not in proc.stderr


@needs_binary
@needs_stages
def test_subprocess_extract_only_json_jsonl_text(article: Path, tmp_path: Path) -> None:
    one = wiretrace("analyze", str(article), "--stages", "extract")
    assert one.returncode == 0, one.stderr
    data = json.loads(one.stdout)
    validate(data)
    assert data["input"] == str(article)
    assert list(data["stages"]) == ["extract"]
    assert data["quotes"] == []
    body = data["article"]["body"]
    assert "the most important thing" in body
    assert one.stderr == ""
    assert not ANSI.search(one.stdout + one.stderr)

    lines = wiretrace("analyze", str(article), "--stages", "extract", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0]) == data

    text = wiretrace("analyze", str(article), "--stages", "extract", "--format", "text")
    assert text.returncode == 0
    assert text.stdout.startswith(f"{article}  (a-")
    assert not ANSI.search(text.stdout + text.stderr)


@needs_binary
@needs_stages
def test_subprocess_several_inputs_missing_one_and_no_progress_when_piped(article: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.html"
    second.write_text(
        "<html><head><title>Second</title></head><body><article><h1>Second story</h1>"
        "<p>The council met on Tuesday and voted to keep the library open for another year.</p>"
        "<p>“We listened,” the chair said after the vote.</p></article></body></html>",
        encoding="utf-8",
    )
    missing = tmp_path / "missing.txt"
    proc = wiretrace("analyze", str(article), str(missing), str(second), "--stages", "extract")
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["input"] for d in out] == [str(article), str(second)]
    assert proc.stderr.splitlines() == [f"{missing}: no such file — check the path"]
    assert "articles/s" not in proc.stderr  # no progress bar when stderr is not a terminal
    assert not ANSI.search(proc.stdout + proc.stderr)


@needs_binary
@needs_stages
def test_subprocess_jsonl_with_a_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "good-1", "text": "First article body."}),
        "this is not json",
        json.dumps({"id": "good-2", "text": "Second article body."}),
    ]
    path = jsonl_file(tmp_path, lines)
    proc = wiretrace("analyze", "--jsonl", str(path), "--stages", "extract")
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(d["id"], d["input"]) for d in out] == [("good-1", f"{path}:1"), ("good-2", f"{path}:3")]
    assert [d["article"]["body"] for d in out] == ["First article body.", "Second article body."]
    [error] = proc.stderr.splitlines()
    assert error.startswith(f"{path}:2: ")
    assert "Traceback" not in proc.stderr


@needs_binary
@needs_stages
def test_subprocess_missing_path_alone(tmp_path: Path) -> None:
    proc = wiretrace("analyze", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [f"{tmp_path / 'nope.txt'}: no such file — check the path"]


@needs_binary
@needs_stages
def test_subprocess_url_without_network_is_one_line() -> None:
    proc = wiretrace("analyze", "http://wiretrace-test.invalid/article", "--stages", "extract")
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()
    assert line.startswith("http://wiretrace-test.invalid/article: ")
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
@needs_binary
@needs_stages
def test_subprocess_full_pipeline_on_an_example() -> None:
    example = EXAMPLES / "ledger-original.txt"
    if not example.exists():
        pytest.skip(f"{example} is missing")
    proc = wiretrace("analyze", str(example))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    validate(data)
    assert list(data["stages"])[:2] == ["extract", "nlp"]
    assert {"entities", "quotes", "timexes", "claims"} <= set(data["stages"])
    body = data["article"]["body"]
    for entity in data["entities"]:
        for m in entity["mentions"]:
            assert body[m["start"] : m["end"]] == m["text"]
    for quote in data["quotes"]:
        assert body[quote["start"] : quote["end"]] == quote["text"]
    for timex in data["timexes"]:
        assert body[timex["start"] : timex["end"]] == timex["text"]
    assert data["quotes"], "the example article has quotes"
    text = wiretrace("analyze", str(example), "--format", "text")
    assert "QUOTES" in text.stdout and not ANSI.search(text.stdout)


@pytest.mark.slow
@needs_binary
@needs_stages
def test_subprocess_full_pipeline_jsonl_batch(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))][:3]
    if not texts:
        pytest.skip("no examples")
    lines = [json.dumps({"id": f"ex{i}", "text": t, "published": "2024-03-14"}) for i, t in enumerate(texts)]
    proc = wiretrace("analyze", "--jsonl", str(jsonl_file(tmp_path, lines)), "--batch-size", "2")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["id"] for d in out] == [f"ex{i}" for i in range(len(texts))]
    for data, text in zip(out, texts, strict=True):
        validate(data)
        assert data["article"]["body"] == text  # JSONL text is taken verbatim
