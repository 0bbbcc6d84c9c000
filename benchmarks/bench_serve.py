"""``wiretrace serve`` under load: p50/p95 latency of each page and API route, 20 clients at once.

    python benchmarks/bench_serve.py [--n 20000] [--clients 20] [--requests 200] [--json-out serve.json]

1. **Store**: N generated, fictional articles (seeded) stored as analyses — quotes by a few
   hundred invented people, claims, in-article disputes, dates, entities, and 15% reposts that
   credit their source, linked into stories. No spaCy: the analyses are
   built with their spans (sentences of the BBC sample in ``../shared`` with every third word
   redrawn, else templates), and the reposts' links are written as the linker finds them (the
   linker's speed is ``bench_lineage.py``'s), so a 20,000-article store takes a few minutes. It is
   kept under ``build/bench-serve/`` and reused while the generator's version is the same.
2. **Server**: the ``wiretrace serve`` command (``--workers``: its default, one process per core
   up to 4, unless told) on a free loopback port, so the load generator does not share its
   interpreter; timing starts once ``/api/health`` says every process is ``ready`` (its
   corpus-wide answers computed, as a server that has been up a while has them).
3. **Load**: for each route in turn, ``--clients`` concurrent clients (asyncio, one keep-alive
   connection each, a lean HTTP/1.1 reader so that the clients' CPU stays small) send
   ``--requests`` requests with varied parameters; the first request of each route (which may
   fill a cache) is timed apart as ``cold``. Figures in milliseconds, wall clock per request; and
   ``cpu ms``, the server processes' own CPU per request (from ``/proc``, on Linux), which says
   what a page costs whatever else the machine is doing: with 20 clients on 2 cores, a p95 under
   200 ms needs a page well under 20 ms of CPU.

No assertion about speed is made: this prints figures for people.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from wiretrace import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bench-serve"
GENERATOR = "4"  # bump when the generated corpus changes

FIRST = "Ada Bram Cleo Dario Edda Falk Greta Hugo Ines Jonas Kaja Lior Mira Nils Oona Pavel Runa Sami Tova Ulla".split()
LAST = (
    "Aarvik Brenner Castell Dunmore Eskildsen Farrow Grieve Holloway Ibsen Jarnvik Kestrel Lindqvist Morrow Norberg"
    " Okafor Pellham Quarrie Rask Solvang Thorne"
).split()
OUTLETS = [
    f"The {a} {b}"
    for a in ("Harbour", "Calder", "Northfield", "Lakeshore", "Riverton")
    for b in ("Post", "Ledger", "Courier", "Standard", "Review")
]
SYLLABLES = "ar bel cor dan el fen gar hal is jor kal lin mor nor os pal quin ros sel tor ul ven wyn".split()
PLACES = [
    f"{a.capitalize()}{b}{c}" for a in SYLLABLES[:12] for b in ("ford", "vik", "dale", "mouth") for c in ("", "e")
]
TOPICS = (
    "bridge harbour school budget ferry hospital council strike election rail tunnel water plant quota wind farm"
    " housing port library tax grant museum road airport fishery mine forest dam clinic police court"
).split()
VERBS = "approved delayed rejected funded reviewed cancelled expanded audited promised questioned".split()
THINGS = "plan contract report schedule proposal inquiry budget tender survey agreement".split()
FILLER = (
    "officials residents engineers the commission the ministry local businesses the union inspectors"
    " the province the regional assembly"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()
STAGES = {"extract": "1", "entities": "1", "quotes": "1", "timexes": "1", "claims": "1"}


# --------------------------------------------------------------------------- the corpus


class Writer:
    """A body built paragraph by paragraph, keeping the spans of what was written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def text(self) -> str:
        return "".join(self.parts)


SAMPLE = ROOT.parent / "shared" / "data" / "news-sample" / "bbc"
_POOL: list[list[str]] = []  # sentences of the news sample, as words
_WORDS: list[str] = []  # every word of the sample, repeated as often as it occurs (Zipf's law for free)


def _load_sample() -> None:
    """Real sentences and words from the BBC sample when ``../shared`` is there (else templates)."""
    if _POOL or not SAMPLE.is_dir():
        return
    for path in sorted(SAMPLE.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split("\n\n")[1:])):
            words = sentence.split()
            if 8 <= len(words) <= 40:
                _POOL.append(words)
                _WORDS.extend(w.strip(".,;:\"'()") for w in words if w.isalpha())


def _sentence(rng: random.Random, topic: str) -> str:
    """A sentence of news vocabulary; every third word is redrawn, so no two articles share a run of
    six words by chance (only reposts share text, as in a real corpus)."""
    if _POOL:
        words = list(rng.choice(_POOL))
        shift = rng.randrange(3)
        for i in range(shift, len(words), 3):
            words[i] = rng.choice(_WORDS)
        words.insert(rng.randrange(len(words)), topic)
        return " ".join(words).rstrip(".!?")
    return (
        f"{rng.choice(FILLER).capitalize()} in {rng.choice(PLACES)} {rng.choice(VERBS)}"
        f" the {topic} {rng.choice(THINGS)}"
        f" after {rng.randint(2, 40)} {rng.choice(['weeks', 'months', 'meetings', 'hearings'])} of talks"
    )


def _speaker(name: str, eid: str, span: tuple[int, int]) -> dict[str, Any]:
    mention = {"start": span[0], "end": span[1], "text": name}
    return {"name": name, "description": None, "entity": eid, "mention": mention, "via": "name", "confidence": 0.9}


def generate(i: int, rng: random.Random, people: list[str]) -> dict[str, Any]:
    """One fictional article's analysis, every span pointing at its own text."""
    topic = rng.choice(TOPICS)
    cast = rng.sample(people, rng.randint(2, 4))
    w = Writer()
    day = rng.choice(WEEKDAYS)
    published = f"{rng.choice([2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lead = w.add(f"{_sentence(rng, topic)}, the council said on ")
    timex = w.add(day)
    w.add(".\n\n")
    ids = {name: f"e{k + 1}" for k, name in enumerate(cast)}
    mentions: dict[str, list[dict[str, Any]]] = {name: [] for name in cast}
    quotes: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    disputes: list[dict[str, Any]] = []
    for p in range(rng.randint(6, 12)):
        name = rng.choice(cast)
        kind = rng.random()
        if kind < 0.35:
            w.add("“")
            span = w.add(f"{_sentence(rng, topic)}, and we will not {rng.choice(VERBS[:5])[:-1]} it again,")
            w.add("” ")
            who = w.add(name)
            w.add(" said.\n\n")
            qkind = "direct"
        elif kind < 0.65:
            who = w.add(name)
            w.add(" said that ")
            span = w.add(_sentence(rng, topic).lower())
            w.add(".\n\n")
            qkind = "indirect"
        else:
            w.add(" ".join(_sentence(rng, topic) + "." for _ in range(rng.randint(2, 4))) + "\n\n")
            continue
        mentions[name].append({"start": who[0], "end": who[1], "text": name})
        n = len(quotes) + 1
        sp = _speaker(name, ids[name], who)
        text = w.text()[span[0] : span[1]]
        cue = {"start": who[1] + 1, "end": who[1] + 5, "text": "said"}
        quotes.append(
            {
                "id": f"q{n}",
                "text": text,
                "start": span[0],
                "end": span[1],
                "kind": qkind,
                "cue": cue,
                "speaker": sp,
                "fragments": [{"start": span[0], "end": span[1], "text": text}],
                "confidence": 0.9,
                "date": published,
            }
        )
        claims.append(
            {
                "id": f"c{n}",
                "text": text,
                "start": span[0],
                "end": span[1],
                "speaker": sp,
                "quote": f"q{n}",
                "negated": False,
                "date": published,
            }
        )
        if n > 1 and p % 5 == 4 and claims[-2]["speaker"]["name"] != name:
            disputes.append(
                {
                    "claim": f"c{n - 1}",
                    "counter": f"c{n}",
                    "cue": {"start": cue["start"], "end": cue["end"], "text": "said"},
                }
            )
    body = w.text()
    assert body[timex[0] : timex[1]] == day and lead[0] == 0
    entities = [
        {"id": ids[name], "name": name, "type": "PERSON", "aliases": [], "descriptions": [], "mentions": mentions[name]}
        for name in cast
        if mentions[name]
    ]
    outlet = rng.choice(OUTLETS)
    return {
        "id": f"gen-{i:06d}",
        "input": f"gen-{i:06d}",
        "schema_version": SCHEMA_VERSION,
        "stages": dict(STAGES),
        "article": {
            "outlet": outlet,
            "headline": f"{topic.title()} {rng.choice(THINGS)} {rng.choice(VERBS)} after {day} vote",
            "authors": [rng.choice(FIRST) + " " + rng.choice(LAST)],
            "published": published,
            "published_source": "given",
            "source": None,
            "tags": [],
            "url": f"https://news.example/{i}",
            "body": body,
        },
        "entities": entities,
        "quotes": quotes,
        "timexes": [
            {"text": day, "start": timex[0], "end": timex[1], "type": "DATE", "value": published, "end_value": None}
        ],
        "claims": claims,
        "disputes": disputes,
        "problems": [],
    }


def repost(i: int, rng: random.Random, original: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``original`` on another outlet, crediting it (spans unchanged: the text is a prefix)."""
    data = json.loads(json.dumps(original))
    art = data["article"]
    credit = art["outlet"]
    art["outlet"] = rng.choice([o for o in OUTLETS if o != credit])
    art["body"] += f"\n\nThis article first appeared in {credit}. Ref {i}."
    art["source"] = {"outlet": credit, "title": None, "url": None}
    art["url"] = f"https://copies.example/{i}"
    data["id"] = data["input"] = f"gen-{i:06d}"
    return data


def _links(store: Any, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> int:
    """The lineage of the generated reposts, written as the linker would find it (each repost holds its
    whole original, credits it, and adds a line): the linker's own speed is ``bench_lineage.py``'s."""
    from wiretrace.store.names import article_key  # noqa: PLC0415

    conn = store.conn
    rows = []
    for original, copy in pairs:
        src_body, dst_body = original["article"]["body"], copy["article"]["body"]
        ids = [article_key(src_body), article_key(dst_body)]
        found = dict(conn.execute("SELECT id, n FROM articles WHERE id IN (?, ?)", ids).fetchall())
        src, dst = found[ids[0]], found[ids[1]]
        passages = json.dumps([[0, len(src_body), 0, len(src_body)]])
        evidence = f"{copy['article']['outlet']} credits {original['article']['outlet']}"
        share = round(len(src_body.split()) / len(dst_body.split()), 4)
        rows.append((min(src, dst), max(src, dst), src, dst, "repost", share, 1.0, share, "credit", evidence, passages))
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT OR REPLACE INTO lineage_links (lo, hi, source, target, relation, score, source_share, target_share,"
        " rule, evidence, passages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    return len(rows)


def build_store(n: int, seed: int = 3) -> Path:
    from wiretrace.stance.text import text_counts  # noqa: PLC0415
    from wiretrace.store import Record, open_store  # noqa: PLC0415

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"store-{n}-g{GENERATOR}-s{seed}.db"
    if path.is_file():
        return path
    partial = path.with_suffix(".partial")
    for old in CACHE.glob(f"store-{n}-g*-s{seed}.*"):
        old.unlink()  # an interrupted build, or a store from another generator version
    _load_sample()
    rng = random.Random(seed)
    surnames = sorted(
        {(a + b + c).capitalize() for a in SYLLABLES for b in SYLLABLES for c in ("", "sen", "er", "ova")}
    )
    people = sorted({f"{rng.choice(FIRST)} {rng.choice(surnames)}" for _ in range(400)})[:300]
    store = open_store(partial)
    start = time.perf_counter()
    made: list[dict[str, Any]] = []
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    gives: dict[str, tuple[str, ...]] = {s: () for s in STAGES}
    for i in range(n):
        if made and rng.random() < 0.15:
            original = rng.choice(made[-2000:])
            data = repost(i, rng, original)
            pairs.append((original, data))
        else:
            data = generate(i, rng, people)
        made.append(data)
        raw = hashlib.sha256(data["article"]["body"].encode()).hexdigest()
        counts = text_counts(data["article"]["body"]).as_json()  # as an ingest's workers count an analysed article
        store.put(Record(ref=data["id"], input=data["id"], raw_hash=raw, data=data, gives=gives, stance_counts=counts))
    links = _links(store, pairs)
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    print(f"store: {n} articles and {links} repost links in {time.perf_counter() - start:.0f} s -> {path}")
    return path


# --------------------------------------------------------------------------- the load


def server_command(db: Path, port: int, workers: int | None) -> list[str]:
    """``wiretrace serve`` as a person starts it (the script beside this interpreter)."""
    script = Path(sys.executable).with_name("wiretrace")
    command = [str(script), "serve", "--db", str(db), "--port", str(port)]
    return command + (["--workers", str(workers)] if workers else [])


def _samples(db: Path, seed: int = 5) -> dict[str, list[str]]:
    import sqlite3  # noqa: PLC0415

    _load_sample()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rng = random.Random(seed)
    refs = [r for (r,) in conn.execute("SELECT ref FROM refs ORDER BY random() LIMIT 400")]
    copies = [
        r
        for (r,) in conn.execute(
            "SELECT (SELECT MIN(ref) FROM refs r JOIN articles a ON a.id = r.article_id WHERE a.n = l.target)"
            " FROM lineage_links l ORDER BY random() LIMIT 200"
        )
        if r
    ]
    names = [r for (r,) in conn.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL LIMIT 300")]
    claims = [r for (r,) in conn.execute("SELECT DISTINCT text FROM claims ORDER BY random() LIMIT 600")]
    conn.close()
    words = TOPICS + PLACES + THINGS + [rng.choice(_WORDS) for _ in range(200)] if _WORDS else TOPICS + PLACES
    return {
        "ref": refs,
        "copy": copies or refs,
        "name": names,
        "surname": sorted({x.split()[-1] for x in names}),
        "claim": claims,
        "word": words,
        "phrase": [f'"{rng.choice(TOPICS)} {rng.choice(THINGS)}" {rng.choice(PLACES)}' for _ in range(100)],
        "outlet": OUTLETS,
    }


def routes(s: dict[str, list[str]]) -> dict[str, Any]:
    def q(path: str, **params: Any) -> Any:
        return lambda rng: (
            path + ("?" + urlencode({k: v(rng) if callable(v) else v for k, v in params.items()}) if params else "")
        )

    def pick(key: str) -> Any:
        return lambda rng: rng.choice(s[key])

    unchecked = iter(s["claim"] * 2)  # each claim checked once (a checked claim is remembered)

    def fresh(rng: random.Random) -> str:
        return next(unchecked)

    return {
        "page /": q("/"),
        "page /?q=": q("/", q=pick("word")),
        "page /?q= +facets": q("/", q=pick("word"), outlet=pick("outlet"), disputed="1"),
        "page /article": q("/article", ref=pick("ref")),
        "page /speakers": q("/speakers"),
        "page /speaker": q("/speaker", name=pick("name")),
        "page /stories": q("/stories"),
        "page /story": q("/story", ref=pick("copy")),
        "page /disputes": q("/disputes"),
        "page /check": q("/check", claim=fresh),
        "page /analyze": q("/analyze"),
        "api /api/search": q("/api/search", q=pick("phrase")),
        "api /api/article": q("/api/article", ref=pick("ref")),
        "api /api/speakers": q("/api/speakers"),
        "api /api/speaker": q("/api/speaker", name=pick("name")),
        "api /api/quotes": q("/api/quotes", speaker=pick("surname")),
        "api /api/timeline": q("/api/timeline", entity=pick("name")),
        "api /api/stories": q("/api/stories"),
        "api /api/story": q("/api/story", ref=pick("copy")),
        "api /api/shared-quotes": q("/api/shared-quotes"),
        "api /api/disputes": q("/api/disputes"),
        "api /api/cross-disputes": q("/api/cross-disputes"),
        "api /api/check": q("/api/check", claim=fresh),
        "api /api/stats": q("/api/stats"),
    }


class Connection:
    """One keep-alive HTTP/1.1 connection, as lean as a load generator should be: a request is a
    few bytes written and a Content-Length read, so the clients' own CPU (a Python client costs
    milliseconds a request, on the same two cores as the server) does not inflate the figures."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, url: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" not in headers:
            raise RuntimeError(f"{url}: no Content-Length in the answer (the bench reads only sized bodies)")
        await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def _tree(pid: int) -> tuple[set[int], dict[int, Path]]:
    """``pid`` and every process under it (the server's workers), with their ``/proc`` folders."""
    parent: dict[int, int] = {}
    folders: dict[int, Path] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a process that ended while we read
        n = int(stat.parent.name)
        parent[n], folders[n] = int(fields[1]), stat.parent
    tree, grew = {pid}, True
    while grew:
        more = {n for n, up in parent.items() if up in tree} - tree
        tree |= more
        grew = bool(more)
    return tree, folders


def server_memory(pid: int) -> list[tuple[float, float]]:
    """Memory (MB) of each server process at the end of the run, largest first: its own heap
    (``RssAnon``) and what it has mapped of the database file besides (``RssFile``: shared
    between the processes and the page cache, given back under pressure); [] without ``/proc``."""
    tree, folders = _tree(pid)
    found: list[tuple[float, float]] = []
    for n in tree:
        try:
            status = (folders[n] / "status").read_text()
        except (OSError, KeyError):
            continue
        anon = re.search(r"^RssAnon:\s+(\d+) kB", status, re.MULTILINE)
        file = re.search(r"^RssFile:\s+(\d+) kB", status, re.MULTILINE)
        if anon and file:
            found.append((round(int(anon[1]) / 1024, 1), round(int(file[1]) / 1024, 1)))
    return sorted(found, reverse=True)


def server_cpu(pid: int) -> float | None:
    """Seconds of CPU used so far by process ``pid`` and every process under it (the server's
    workers), from ``/proc``; None where there is no ``/proc`` (the figure is left out)."""
    if not Path(f"/proc/{pid}/stat").is_file():
        return None
    tree, folders = _tree(pid)
    ticks = 0
    for n in tree:
        try:
            fields = (folders[n] / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError, KeyError):
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


async def _one_route(base: str, make: Any, clients: int, requests: int, seed: int) -> dict[str, Any]:
    host, port = base.removeprefix("http://").split(":")
    rng = random.Random(seed)
    urls = [make(rng) for _ in range(requests + 1)]
    times: list[float] = []
    statuses: dict[int, int] = {}
    first_connection = Connection(host, int(port))
    t = time.perf_counter()
    statuses[await first_connection.get(urls[0])] = 1
    cold = (time.perf_counter() - t) * 1000
    await first_connection.close()
    queue = iter(urls[1:])

    async def client() -> None:
        connection = Connection(host, int(port))
        for url in queue:
            start = time.perf_counter()
            status = await connection.get(url)
            times.append((time.perf_counter() - start) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - started
    times.sort()
    return {
        "cold_ms": round(cold, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "rps": round(len(times) / wall, 1),
        "status": statuses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles in the generated store")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=200, help="requests per route")
    parser.add_argument("--only", help="routes whose name holds this text")
    parser.add_argument("--workers", type=int, help="server processes (default: wiretrace serve's own)")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import httpx  # noqa: PLC0415

    from wiretrace.serve.server import free_port  # noqa: PLC0415

    db = build_store(args.n)
    port = free_port()
    child = subprocess.Popen(server_command(db, port, args.workers))
    base = f"http://127.0.0.1:{port}"
    results: dict[str, Any] = {}
    memory: list[tuple[float, float]] = []
    try:
        deadline, ready = time.monotonic() + 300, 0
        while ready < 10:  # every worker process answering and done filling its corpus-wide cache
            try:
                answer = httpx.get(base + "/api/health", timeout=120)
                answer.raise_for_status()
                ready = ready + 1 if answer.json()["data"]["ready"] else 0
            except httpx.HTTPError:
                ready = 0
            if time.monotonic() > deadline or child.poll() is not None:
                sys.exit("the server did not start (or did not finish warming up)")
            time.sleep(0.3)
        print(f"server ready after {300 - (deadline - time.monotonic()):.0f} s", flush=True)
        chosen = {k: v for k, v in routes(_samples(db)).items() if not args.only or args.only in k}
        for i, (name, make) in enumerate(chosen.items()):
            count = max(args.clients, args.requests // 4) if "check" in name else args.requests
            before = server_cpu(child.pid)
            results[name] = asyncio.run(_one_route(base, make, args.clients, count, seed=100 + i))
            after = server_cpu(child.pid)
            if before is not None and after is not None:  # the server's own CPU per request, cold one included
                results[name]["cpu_ms"] = round((after - before) * 1000 / (count + 1), 1)
        memory = server_memory(child.pid)
    finally:
        child.terminate()
        child.wait(timeout=30)
    report(args, results, memory)


def report(args: argparse.Namespace, results: dict[str, Any], memory: list[tuple[float, float]]) -> None:
    """The figures, one line per route (and ``--json-out``)."""
    procs = args.workers or "default"
    print(
        f"\nwiretrace serve (--workers {procs}), {args.n:,} articles, {args.clients} concurrent clients,"
        f" {args.requests} requests per route"
    )
    print(f"{'route':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cold ms':>8} {'req/s':>7} {'cpu ms':>7}  status")
    for name, r in results.items():
        status = " ".join(f"{k}×{v}" for k, v in sorted(r["status"].items()))
        cpu = r.get("cpu_ms", "-")
        print(
            f"{name:<28} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} {r['cold_ms']:>8} {r['rps']:>7}"
            f" {cpu:>7}  {status}"
        )
    print("cpu ms: the server's own CPU per request (all its processes): what one request costs, whatever the load")
    if memory:
        own = ", ".join(f"{a:g}" for a, _ in memory)
        mapped = ", ".join(f"{f:g}" for _, f in memory)
        print(f"memory of the server's processes at the end (MB): own {own}; database pages mapped {mapped}")
    if args.json_out:
        summary = {"n": args.n, "clients": args.clients, "routes": results, "memory_mb": memory}
        args.json_out.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
