"""Sources: paths, stdin, JSON Lines and URLs into RawDocuments — no network used."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import httpx
import pytest

from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources import fetch_url, open_inputs, read_jsonl, read_path, split_authors

HTML = b"<!doctype html><html><body><p>The board voted to close the pier.</p></body></html>"
TEXT = b"Pier to close\n\nThe board voted to close the pier.\n"


# -- paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("a.txt", TEXT, "text/plain"),
        ("a.md", TEXT, "text/plain"),
        ("a.html", HTML, "text/html"),
        ("a.HTM", HTML, "text/html"),
        ("a.xhtml", HTML, "text/html"),
        ("a.html", TEXT, "text/html"),  # the extension decides
        ("article", HTML, "text/html"),  # unknown extension: sniffed
        ("article.dat", b"  \n<P>Hello there</P>", "text/html"),
        ("article", TEXT, "text/plain"),
    ],
)
def test_read_path_media_type(tmp_path: Path, name: str, data: bytes, media_type: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_path(str(path))
    assert (doc.ref, doc.media_type, doc.data) == (str(path), media_type, data)


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(HTML)))
    doc = read_path("-")
    assert (doc.ref, doc.media_type, doc.data) == ("<stdin>", "text/html", HTML)


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRETRACE_MAX_INPUT_BYTES", "10")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT)))
    with pytest.raises(InputError, match=r"<stdin>: .*limit"):
        read_path("-")


# -- JSON Lines ------------------------------------------------------------------------


def write_jsonl(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_records(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path,
        [
            json.dumps(
                {
                    "id": "a1",
                    "text": "Headline\n\nBy X\n\nBody “quoted”.",
                    "published": "2023-07-05",
                    "url": "https://ledger.example/a1",
                    "outlet": "Ellery Ledger",
                    "headline": "Pier to close",
                    "authors": ["Tomas Reyne", "Ines Vale"],
                }
            ),
            "",
            json.dumps({"id": 7, "html": "<p>Body</p>"}),
        ],
    )
    first, second = list(read_jsonl(path))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.ref == "a1"
    assert first.media_type == "text/plain"
    assert first.text == "Headline\n\nBy X\n\nBody “quoted”."
    assert first.meta_get("published") == "2023-07-05"
    assert first.meta_get("outlet") == "Ellery Ledger"
    assert first.meta_get("authors") == "Tomas Reyne; Ines Vale"
    assert split_authors(first.meta_get("authors") or "") == ("Tomas Reyne", "Ines Vale")
    assert (second.ref, second.media_type, second.data, second.text) == ("7", "text/html", b"<p>Body</p>", None)


def test_jsonl_malformed_lines_among_good_ones(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path,
        [
            json.dumps({"id": "ok1", "text": "Fine."}),
            "{not json",
            json.dumps({"text": "no id"}),
            json.dumps({"id": "x"}),
            json.dumps({"id": "y", "text": 5}),
            json.dumps(["a", "list"]),
            json.dumps({"id": "z", "text": "t", "authors": [1, 2]}),
            json.dumps({"id": "w", "text": "t", "published": "yesterday"}),
            json.dumps({"id": "v", "text": "t", "html": "<p>t</p>"}),
            json.dumps({"id": "ok2", "html": "<p>Fine.</p>"}),
        ],
    )
    results = list(read_jsonl(path))
    assert [r.ref for r in results if isinstance(r, RawDocument)] == ["ok1", "ok2"]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in range(2, 10)]
    assert all("\n" not in str(e) for e in errors)
    assert "not valid JSON" in str(errors[0])
    assert '"id"' in str(errors[1])
    assert "neither" in str(errors[2])


def test_jsonl_records_carry_their_line_number_and_blank_lines_do_not_shift_it(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path,
        [
            json.dumps({"id": "a", "text": "First."}),
            "",
            "   ",
            json.dumps({"id": "b", "text": "Second."}),
            "{broken",
            json.dumps({"id": "c", "html": "<p>Third.</p>"}),
        ],
    )
    results = list(read_jsonl(path))
    docs = [r for r in results if isinstance(r, RawDocument)]
    assert [(d.ref, d.meta_get("line")) for d in docs] == [("a", "1"), ("b", "4"), ("c", "6")]
    [error] = [r for r in results if isinstance(r, InputError)]
    assert error.source == f"{path}:5"


def test_analyze_jsonl_names_inputs_file_colon_line_across_blank_lines(tmp_path: Path) -> None:
    from wiretrace.analyze_api import analyze_jsonl  # noqa: PLC0415 - the API over this reader

    path = write_jsonl(
        tmp_path,
        ["", json.dumps({"id": "a", "text": "First."}), "", json.dumps({"id": "b", "text": "Second."})],
    )
    results = list(analyze_jsonl(path, stages=["extract"]))
    assert [(r.id, r.input) for r in results if not isinstance(r, InputError)] == [
        ("a", f"{path}:2"),
        ("b", f"{path}:4"),
    ]


def test_jsonl_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    [error] = list(read_jsonl(str(tmp_path / "nope.jsonl")))
    assert isinstance(error, InputError) and "no such file" in str(error)


# -- open_inputs -----------------------------------------------------------------------


def test_open_inputs_goes_on_after_an_error(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_bytes(TEXT)
    lines = tmp_path / "b.jsonl"
    lines.write_text(json.dumps({"id": "j1", "text": "Body."}) + "\n")
    results = list(open_inputs([str(tmp_path / "missing.txt"), str(good), str(lines), "ftp://x/y"]))
    assert isinstance(results[0], InputError)
    assert isinstance(results[1], RawDocument) and results[1].ref == str(good)
    assert isinstance(results[2], RawDocument) and results[2].ref == "j1"
    assert isinstance(results[3], InputError)  # not a URL we fetch: read as a (missing) path


# -- URLs ------------------------------------------------------------------------------


def mock(handler: object) -> httpx.MockTransport:
    return httpx.MockTransport(handler)  # type: ignore[arg-type]


def test_fetch_html_and_keep_the_final_url() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://news.example/new"})
        assert request.headers["user-agent"].startswith("wiretrace/")
        return httpx.Response(200, headers={"content-type": "text/html; charset=iso-8859-1"}, content=HTML)

    doc = fetch_url("https://news.example/old", transport=mock(handler))
    assert (doc.ref, doc.url, doc.media_type, doc.data) == (
        "https://news.example/old",
        "https://news.example/new",
        "text/html",
        HTML,
    )
    assert doc.meta_get("charset") == "iso-8859-1"


def test_fetch_plain_text() -> None:
    transport = mock(lambda r: httpx.Response(200, headers={"content-type": "text/plain"}, content=TEXT))
    assert fetch_url("http://news.example/a.txt", transport=transport).media_type == "text/plain"


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(404), "the server answered 404 Not Found — check the address"),
        (httpx.Response(503), "the server answered 503 Service Unavailable"),
        (httpx.Response(200, headers={"content-type": "application/pdf"}, content=b"%PDF-1.4"), "not an HTML page"),
        (httpx.Response(200, headers={"content-type": "text/html"}, content=b""), "is empty"),
        (httpx.Response(200, headers={"content-type": "text/html"}, content=b"x" * 2000), "over the"),
    ],
)
def test_fetch_failures(monkeypatch: pytest.MonkeyPatch, response: httpx.Response, message: str) -> None:
    monkeypatch.setenv("WIRETRACE_MAX_INPUT_BYTES", "1000")
    with pytest.raises(InputError, match=message) as info:
        fetch_url("https://news.example/a", transport=mock(lambda r: response))
    assert str(info.value).startswith("https://news.example/a: ")


def test_fetch_too_big_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRETRACE_MAX_INPUT_BYTES", "1000")

    def chunks() -> object:
        for _ in range(100):
            yield b"<p>" + b"x" * 97

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html"}, content=chunks())  # type: ignore[arg-type]

    with pytest.raises(InputError, match=r"over the 0\.001 MB limit"):
        fetch_url("https://news.example/big", transport=mock(handler))


def test_too_many_redirects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRETRACE_FETCH_MAX_REDIRECTS", "2")
    transport = mock(lambda r: httpx.Response(302, headers={"location": "/loop"}))
    with pytest.raises(InputError, match="redirected more than 2 times"):
        fetch_url("https://news.example/loop", transport=transport)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (httpx.ConnectTimeout("timed out"), "timed out after"),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "could not find the host news.example"),
        (httpx.ConnectError("[Errno 101] Network is unreachable"), "could not connect \\(no network\\?\\)"),
        (httpx.RemoteProtocolError("peer closed connection"), "the download failed"),
    ],
)
def test_fetch_network_errors(error: Exception, message: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(InputError, match=message):
        fetch_url("https://news.example/a", transport=mock(handler))


def test_refused_connection_on_a_closed_local_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free now that the socket closes without listening
    url = f"http://127.0.0.1:{port}/article"
    with pytest.raises(InputError) as info:
        fetch_url(url)
    assert str(info.value) == f"{url}: could not connect (no network?) — check the address or your connection"


@pytest.mark.parametrize("url", ["ftp://news.example/a", "https://", "file:///etc/passwd"])
def test_only_http_urls(url: str) -> None:
    with pytest.raises(InputError, match="not an http"):
        fetch_url(url)
