"""Inputs that cannot be articles fail with one actionable line, and nothing else escapes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.errors import InputError
from wiretrace.extract import read_article
from wiretrace.model import RawDocument
from wiretrace.sources import read_jsonl, read_path

LATIN1_TEXT = (
    "Le conseil du port a voté mardi la fermeture de la jetée. « C'est une décision très difficile », "
    "a déclaré Zoë Brûlé, présidente du conseil, à l'issue d'une séance houleuse où l'on a évoqué "
    "les réparations, le coût des travaux et la saison touristique qui arrive déjà à grands pas.\n"
)


def one_line(error: InputError) -> str:
    text = str(error)
    assert "\n" not in text and " — " in text
    return text


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_path(str(missing))
    assert one_line(info.value) == f"{missing}: no such file — check the path"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory") as info:
        read_path(str(tmp_path))
    one_line(info.value)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b" \n\n ")
    with pytest.raises(InputError, match="is empty") as info:
        read_path(str(path))
    one_line(info.value)


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip-compressed file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"some text\x00with a NUL", "NUL bytes"),
        (bytes(range(1, 9)) * 50, "control characters"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, looks_like: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=looks_like) as info:
        read_path(str(path))
    one_line(info.value)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written
    with pytest.raises(InputError) as info:
        read_path(str(path))
    message = one_line(info.value)
    assert "209.7 MB" in message and "WIRETRACE_MAX_INPUT_BYTES" in message


def test_latin1_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1_TEXT.encode("latin-1") * 3)
    article = read_article(read_path(str(path)))
    assert "Zoë Brûlé" in article.body and "« C'est une décision très difficile »" in article.body


def test_random_bytes_are_refused() -> None:
    data = random.Random(0).randbytes(4000)
    with pytest.raises(InputError) as info:
        read_article(RawDocument(ref="noise.txt", media_type="text/plain", data=data))
    one_line(info.value)


def test_undecodable_high_bytes_are_refused() -> None:
    rng = random.Random(1)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    try:
        article = read_article(RawDocument(ref="high.txt", media_type="text/plain", data=data))
    except InputError as err:
        one_line(err)
    else:  # a detector may read these as a single-byte script; then it is text
        assert article.body


def test_html_without_an_article(tmp_path: Path) -> None:
    path = tmp_path / "login.html"
    path.write_bytes(b"<html><body><nav><a href='/'>Home</a></nav><form><input></form></body></html>")
    with pytest.raises(InputError, match="no article text found in the page — is it an article") as info:
        read_article(read_path(str(path)))
    one_line(info.value)


def test_malformed_jsonl_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "First."}\n'
        b"\xff\xfe not utf-8\n"
        b'{"id": "b", "text": "Second."\n'
        b'{"id": "c", "text": "Third."}\n'
    )
    results = list(read_jsonl(str(path)))
    assert [r.ref for r in results if isinstance(r, RawDocument)] == ["a", "c"]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]
    for error in errors:
        one_line(error)


def test_oversized_jsonl_line_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRETRACE_MAX_INPUT_BYTES", "100")
    path = tmp_path / "batch.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 500})
    path.write_text(big + "\n" + json.dumps({"id": "ok", "text": "Fine."}) + "\n")
    results = list(read_jsonl(str(path)))
    assert isinstance(results[0], InputError) and results[0].source == f"{path}:1"
    assert isinstance(results[1], RawDocument) and results[1].ref == "ok"


HTMLISH = st.lists(
    st.sampled_from(
        [
            b"<html>",
            b"<body>",
            b"<p>",
            b"</p>",
            b"<script type='application/ld+json'>",
            b"</script>",
            b'{"@type": "NewsArticle", "author": {"@id": 1}, "datePublished": "2023-13-45"}',
            b"<meta charset='x'>",
            b"<article>",
            b"By Jane Roe",
            b"Source: ",
            b"\xff",
            b"\x00",
            b"&#0;",
            b"<!--",
            b"]]>",
            b"\n\n",
            b"A sentence of ordinary words that could be part of an article. ",
        ]
    ),
    max_size=40,
).map(b"".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=3000), HTMLISH), media_type=st.sampled_from(["text/plain", "text/html"]))
def test_arbitrary_bytes_raise_nothing_but_input_error(data: bytes, media_type: str) -> None:
    try:
        article = read_article(RawDocument(ref="x", media_type=media_type, data=data))
    except InputError as err:
        assert "\n" not in str(err)
    else:
        assert article.body.strip()
