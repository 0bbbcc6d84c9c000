"""Feeds, WARC files, sitemaps and folders → documents; broken ones → one line after what was read."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from conftest import truncate_copy, write_rss, write_warc
from wiretrace.analyze_api import Item
from wiretrace.batch.ingest import IngestOptions, ingest
from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.feeds import read_feed
from wiretrace.sources.folders import expand
from wiretrace.sources.ingest import ingest_inputs, raw_hash, ref_of
from wiretrace.sources.sitemaps import read_sitemap
from wiretrace.sources.warc import read_warc
from wiretrace.store import open_store


def docs(results: list[RawDocument | InputError]) -> list[RawDocument]:
    return [r for r in results if isinstance(r, RawDocument)]


def errors(results: list[RawDocument | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def test_rss_items_become_documents_with_link_refs(tmp_path: Path) -> None:
    path = write_rss(tmp_path / "f.rss", 2)
    results = list(read_feed(path.read_bytes(), str(path)))
    assert not errors(results)
    first, second = docs(results)
    assert first.ref == first.url == "https://gazette.example/story-1"
    assert second.ref == "https://gazette.example/story-2"
    assert first.meta_get("headline") == "Story 1"
    assert first.meta_get("outlet") == "The Quarry Gazette"
    assert first.meta_get("published") == "2024-03-02"
    assert b"Council item 1" in first.data and first.media_type == "text/html"


def test_atom_entry_is_a_document(corpus_inputs: dict[str, Path]) -> None:
    atom = corpus_inputs["atom"]
    [doc] = docs(list(read_feed(atom.read_bytes(), str(atom))))
    assert doc.ref == "https://harbour.example/ferry"
    assert doc.meta_get("authors") == "Ina Holm"
    assert doc.meta_get("published") == "2024-04-02"


def test_truncated_feed_yields_the_items_read_then_one_line(tmp_path: Path) -> None:
    full = write_rss(tmp_path / "f.rss", 5).read_bytes()
    cut = full[: full.index(b"<item><title>Story 4")] + b"<item><title>Story 4</title><link>https://gaz"
    results = list(read_feed(cut, "f.rss"))
    assert [d.ref for d in docs(results)] == [f"https://gazette.example/story-{i}" for i in (1, 2, 3)]
    [err] = errors(results)
    assert str(err).startswith("f.rss: feed is malformed or ends mid-item after 3 items")
    assert "\n" not in str(err)


def test_not_a_feed_is_one_line() -> None:
    [err] = list(read_feed(b"\x00\x01 not xml at all", "junk.rss"))
    assert isinstance(err, InputError) and "not a readable RSS or Atom feed" in str(err)


def test_warc_html_responses_only(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "c.warc.gz", 3)
    results = list(read_warc(str(path)))
    assert not errors(results)
    found = docs(results)
    assert [d.url for d in found] == [f"https://crawl.example/s{i}" for i in range(3)]
    assert all(d.ref.startswith("urn:uuid:") for d in found)
    assert found[0].meta_get("crawled") == "2024-05-01T10:00:00Z"
    assert found[0].meta_get("published") == "2024-05-01"


def record_starts(path: Path) -> list[int]:
    with path.open("rb") as f:
        archive = ArchiveIterator(f)
        return [archive.offset for _ in archive]


def test_truncated_warc_yields_records_read_then_one_line(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "c.warc.gz", 3)
    cut = truncate_copy(full, tmp_path / "cut.warc.gz", 0.6)
    results = list(read_warc(str(cut)))
    read = docs(results)
    assert 1 <= len(read) < 3
    [err] = errors(results)
    at = record_starts(full)[len(read)]  # the first record not read whole
    assert str(err).startswith(f"{cut}: breaks off in the record at byte {at} (")
    assert f"after {len(read)} HTML record" in str(err) and "\n" not in str(err)


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_cut_anywhere_yields_only_whole_records(tmp_path: Path, gzipped: bool) -> None:
    """Regression: a record cut inside its content was yielded with the bytes read so far."""
    full = write_warc(tmp_path / "c.warc.gz", 3)
    if not gzipped:
        full = tmp_path / "c.warc"
        full.write_bytes(gzip.decompress((tmp_path / "c.warc.gz").read_bytes()))
    data = full.read_bytes()
    whole = {d.ref: d.data for d in docs(list(read_warc(str(full))))}
    starts = record_starts(full)
    cut = tmp_path / full.name.replace("c.", "cut.")
    for size in range(1, len(data), 3):
        cut.write_bytes(data[:size])
        results = list(read_warc(str(cut)))
        read = docs(results)
        assert all(whole[d.ref] == d.data for d in read), size  # never half a page
        assert [d.ref for d in read] == list(whole)[: len(read)]
        found = errors(results)
        assert len(found) <= 1 and all("\n" not in str(e) for e in found), size
        after = min([at for at in starts if at >= size], default=len(data))
        if not found:  # only where the file stops between two records: a whole, shorter WARC
            assert size == after or (not gzipped and not data[size:after].strip()), size
            continue
        at = int(str(found[0]).split(" at byte ")[1].split(" ")[0]) if " at byte " in str(found[0]) else 0
        assert at in starts and at < size, size  # the record that is cut off, where it starts


def test_completing_a_cut_warc_stores_only_the_missing_records(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "c.warc.gz", 3)
    target = tmp_path / "crawl.warc.gz"
    starts = record_starts(full)
    data = full.read_bytes()
    target.write_bytes(data[: starts[1] + (starts[2] - starts[1]) // 2])  # cut half-way into record 2
    db = open_store(tmp_path / "w.db")
    try:
        lines: list[str] = []
        first = ingest([str(target)], db, IngestOptions(stages=("extract",), workers=1, on_error=lines.append))
        assert (first.new, first.failed) == (1, 1)
        [line] = lines
        assert line.startswith(f"{target}: breaks off in the record at byte {starts[1]} (")
        target.write_bytes(data)  # the download finished
        second = ingest([str(target)], db, IngestOptions(stages=("extract",), workers=1))
        assert second.as_dict() == {"new": 2, "linked": 0, "updated": 0, "unchanged": 1, "failed": 0}
        stats = db.stats()
        assert (stats["articles"], stats["refs"], stats["versions"]) == (3, 3, 3)  # one version each
    finally:
        db.close()


def test_binary_file_named_warc_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"\x00\x01garbage" * 10)
    [err] = list(read_warc(str(path)))
    assert isinstance(err, InputError) and "is not a readable WARC file" in str(err)
    assert str(err).isprintable()  # not the junk warcio quotes


def test_empty_warc_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    [err] = list(read_warc(str(path)))
    assert isinstance(err, InputError) and "holds no WARC records" in str(err)


def test_sitemap_pages_are_fetched(tmp_path: Path) -> None:
    sitemap = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://site.example/a</loc><lastmod>2024-02-01</lastmod></url>"
        b"<url><loc>https://site.example/missing</loc></url></urlset>"
    )

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/a":
            return httpx.Response(200, html="<html><body><p>A page about the harbour.</p></body></html>")
        return httpx.Response(404)

    results = list(read_sitemap(sitemap, "sitemap.xml", transport=httpx.MockTransport(answer)))
    [page] = docs(results)
    assert page.ref == "https://site.example/a" and page.meta_get("published") == "2024-02-01"
    [err] = errors(results)
    assert err.source == "https://site.example/missing" and "404" in str(err)


def test_folder_walk_is_sorted_recursive_and_skips_hidden(corpus_inputs: dict[str, Path]) -> None:
    folder = corpus_inputs["folder"]
    found = [Path(p).relative_to(folder).as_posix() for p in expand(str(folder))]
    assert found == ["a0.txt", "a1.txt", "a2.txt", "sub/b.html"]
    pattern = [Path(p).name for p in expand(str(folder / "*.txt"))]
    assert pattern == ["a0.txt", "a1.txt", "a2.txt"]


def test_ingest_inputs_dispatches_every_kind(corpus_inputs: dict[str, Path], tmp_path: Path) -> None:
    records = tmp_path / "batch.json"
    records.write_text('[{"id": "j1", "text": "One."}, {"id": "j2", "text": "Two."}, {"nope": 1}]', encoding="utf-8")
    inputs = [str(corpus_inputs[k]) for k in ("folder", "rss", "atom", "warc")] + [
        str(records),
        str(tmp_path / "none-*.txt"),
    ]
    results = list(ingest_inputs(inputs))
    items = [r for r in results if isinstance(r, Item)]
    refs = [ref_of(i) for i in items]
    assert len(items) == 4 + 2 + 1 + 3 + 2
    assert "https://gazette.example/story-1" in refs and "j2" in refs
    assert [str(e) for e in results if isinstance(e, InputError)] == [
        f'{records}:3: has no "id" (a non-empty string or integer)'
        ' — each line must be {"id": …, "text": … or "html": …}',
        f"{tmp_path / 'none-*.txt'}: matches no files — check the pattern or the folder",
    ]


def test_raw_hash_ignores_the_line_number() -> None:
    a = RawDocument(ref="x", media_type="text/plain", text="body", meta=(("line", "1"),))
    b = RawDocument(ref="x", media_type="text/plain", text="body", meta=(("line", "9"),))
    c = RawDocument(ref="x", media_type="text/plain", text="body!", meta=(("line", "1"),))
    assert raw_hash(a) == raw_hash(b) != raw_hash(c)


@pytest.mark.parametrize("data", [b"", b"\x1f\x8b\x08garbage", b"<rss><channel><item>", b"\xff" * 100])
def test_feed_reader_raises_nothing_on_junk(data: bytes) -> None:
    for result in read_feed(data, "junk"):
        assert isinstance(result, RawDocument | InputError)
