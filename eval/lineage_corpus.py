"""A republication benchmark built from real news: originals, reposts, chains, excerpts, teasers, follow-ups.

    python eval/lineage_corpus.py --data ../shared/data/news-sample/bbc --out corpus/ [--originals 900]
        [--seed 1] [--synthetic N]

Each source article (headline, blank line, paragraphs) is published once as an *original*
by one of several outlets, with that outlet's byline line and boilerplate footer. From it:

* **reposts** by other outlets: a new header and byline, trimmed (paragraphs cut from the
  end or the middle), reordered (two paragraphs swapped), lightly edited (a word in some
  sentences replaced), with a "Source: X – title" / "first appeared in X" footer or no
  credit at all, and the reposting outlet's boilerplate; some undated;
* **reposts of reposts** (chains), crediting their immediate source;
* **near-duplicates** inside one outlet (an updated version with a paragraph added);
* **excerpts**: two or three consecutive paragraphs quoted inside commentary written from
  templates, often with "Read the full story at X: URL";
* **teasers**: one paragraph (or its first sentences) and "Read the full story at X";
* **follow-ups** (hard negatives): another source article of the same category with the
  original's names put in place of its own — shared names, no shared text.

Every body is assembled from *units* (one sentence of one source paragraph) whose character
spans are recorded, so the ground truth is exact: two articles share text when they hold a
common unit; the passages are the units' spans on both sides. ``--synthetic N`` makes N
originals by replacing half the words of source articles with other words of the sample (a
corpus of any size, for the speed benchmark; its truth is recorded but not meaningful for
quality). Writes ``corpus.jsonl`` (the ``ingest`` JSONL format) and ``truth.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data" / "news-sample" / "bbc"

OUTLETS = (
    ("The Harbour Post", "harbourpost.example"),
    ("Calder Standard", "calderstandard.example"),
    ("Northwire Daily", "northwire.example"),
    ("The Meridian Review", "meridianreview.example"),
    ("Lakeshore Evening Post", "lakeshorepost.example"),
    ("Ridgeline Dispatch", "ridgeline.example"),
    ("Coastwatch Collective", "coastwatch.example"),
    ("The Quarry Gazette", "quarrygazette.example"),
    ("Island Beat", "islandbeat.example"),
    ("Civic Notes", "civicnotes.example"),
)
FIRST = "Ana Ben Carla Dev Elif Femi Greta Hugo Ines Jonas Kemal Lena Marco Nia Omar Petra Rosa Sami Tove Yusuf".split()
LAST = "Okafor Laurent Varga Reyne Quist Lindqvist Farouk Tallis Marchetti Amberley Szabo Holm Brandt Ferreira".split()
FOOTERS = (
    "Sign up for the {o} morning briefing: the day's top stories in your inbox before breakfast, every weekday.",
    "Follow {o} on social media for live updates throughout the day. Tips and corrections: newsdesk@{d}.",
    "© 2005 {o}. All rights reserved. This material may not be published, broadcast or redistributed.",
    "Support independent journalism: become a member of {o} today and read every story without limits.",
)
HEADERS = ("Reposted by {n} | {o}", "By {n}, {o} staff", "{o} — shared by {n}", "Posted by {n} for {o}")
CREDITS = (
    "Source: {o} – {t}",
    "This article first appeared in {o} and is republished with permission.",
    "Originally published by {o}.",
    "Source: {o} ({u})",
)
OPENERS = (
    "Few stories this week said as much about {topic} as the one {o} carried on {day}.",
    "It is worth pausing on a report that {o} published on {day}, because it matters more than it looks.",
    "{name} has been in the news again, and not for the first time this year.",
    "There is a familiar pattern in the coverage of {topic}, and this week followed it closely.",
    "Anyone following {topic} will have noticed the report from {o} on {day}.",
)
LEADS = ("As {o} reported:", "{o} reported on {day}:", "The key passage from {o}:", "In the words of {o}:")
CLOSERS = (
    "That deserves more attention than it is getting, and {name} should be asked about it directly.",
    "The question is not whether this matters but who will be held to account when it goes wrong.",
    "We will return to {topic} when the next figures are out, but the direction of travel is clear.",
    "Readers who remember the last time this happened will be forgiven a certain weariness.",
    "For now, {name} has the argument; whether the facts follow is another matter.",
    "None of this is settled, and the people most affected have had the least say.",
)
TEASE = ("{o} recommends:", "Worth reading from {o}:", "Elsewhere today:", "From our partners at {o}:")
SWAPS = {
    "said": "stated",
    "says": "states",
    "also": "additionally",
    "but": "however",
    "about": "around",
    "company": "firm",
    "firm": "company",
    "government": "administration",
    "people": "individuals",
    "big": "large",
    "rise": "increase",
    "rose": "climbed",
    "fell": "dropped",
    "new": "fresh",
    "shares": "stock",
    "expected": "forecast",
    "biggest": "largest",
    "told": "informed",
}
_SENT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")

Unit = tuple[int, int, int]  # (source article, paragraph, sentence)


@dataclass
class Source:
    key: int
    category: str
    headline: str
    paragraphs: list[list[str]]  # sentences of each paragraph


@dataclass
class Built:
    """An article being written: its text and where each unit sits in it."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    units: list[tuple[Unit, int, int]] = field(default_factory=list)

    def add(self, text: str, unit: Unit | None = None) -> None:
        if unit is not None:
            self.units.append((unit, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def para(self, sentences: Sequence[tuple[Unit, str]]) -> None:
        if self.parts:
            self.add("\n\n")
        for i, (unit, text) in enumerate(sentences):
            if i:
                self.add(" ")
            self.add(text, unit)

    def line(self, text: str) -> None:
        if self.parts:
            self.add("\n\n")
        self.add(text)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class Article:
    id: str
    kind: str  # original, repost, chain, near-duplicate, excerpt, teaser, follow-up
    outlet: int
    story: int
    parent: str | None
    published: dt.date | None
    headline: str
    body: list[list[tuple[Unit, str]]]  # paragraphs of (unit, sentence) kept from the source
    built: Built = field(default_factory=Built)
    arrival: dt.date | None = None  # when it appeared, dated or not (the speed benchmark's order)


def read_sources(data: Path) -> list[Source]:
    found: list[Source] = []
    seen: set[str] = set()
    for path in sorted(data.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        head, _, rest = text.partition("\n\n")
        paras = [p.strip() for p in rest.split("\n\n") if len(p.split()) >= 8]
        if len(paras) < 3:
            continue
        key = " ".join(paras[0].lower().split())[:120]
        if key in seen:  # the sample holds some articles twice
            continue
        seen.add(key)
        sentences = [[s for s in _SENT.split(p) if s.strip()] for p in paras]
        found.append(Source(key=len(found), category=path.parent.name, headline=head.strip(), paragraphs=sentences))
    return found


def distinct(sources: list[Source], k: int = 8) -> list[Source]:
    """Sources that share no run of ``k`` words with an earlier one (the sample reuses paragraphs)."""
    seen: set[str] = set()
    kept = []
    for src in sources:
        words = " ".join(s for p in src.paragraphs for s in p).lower().split()
        grams = {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
        if len(grams & seen) < 1:
            kept.append(src)
        seen |= grams
    return kept


def scramble(src: Source, rng: random.Random, vocab: Sequence[str], key: int) -> Source:
    """A new source: half the words replaced, so it shares no text with the one it came from."""

    def one(sentence: str) -> str:
        return " ".join(w if rng.random() < 0.5 else rng.choice(vocab) for w in sentence.split())

    paras = [[one(s) for s in p] for p in src.paragraphs]
    return Source(key=key, category=src.category, headline=one(src.headline), paragraphs=paras)


class Generator:
    def __init__(self, sources: list[Source], rng: random.Random) -> None:
        self.sources = {s.key: s for s in sources}
        self.rng = rng
        self.articles: list[Article] = []
        self.start = dt.date(2005, 1, 1)

    # -- text ---------------------------------------------------------------------------

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def edit(self, sentence: str) -> str:
        words = sentence.split(" ")
        spots = [i for i, w in enumerate(words) if w.lower() in SWAPS]
        if not spots or self.rng.random() > 0.35:
            return sentence
        i = self.rng.choice(spots)
        new = SWAPS[words[i].lower()]
        words[i] = new.capitalize() if words[i][:1].isupper() else new
        return " ".join(words)

    def url(self, a: Article) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", a.headline.lower()).strip("-")[:60]
        return f"https://{OUTLETS[a.outlet][1]}/2005/{a.id}/{slug}"

    # -- articles -----------------------------------------------------------------------

    def new(self, kind: str, outlet: int, story: int, parent: Article | None, *, days: int, headline: str) -> Article:
        base = parent.published if parent and parent.published else self.start
        published = base + dt.timedelta(days=days)
        arrival = ((parent.arrival or base) if parent else self.start) + dt.timedelta(days=days)
        a = Article(
            id=f"{kind[:2]}{len(self.articles):06d}",
            kind=kind,
            outlet=outlet,
            story=story,
            parent=parent.id if parent else None,
            published=published,
            headline=headline,
            body=[],
            arrival=arrival,
        )
        self.articles.append(a)
        return a

    def original(self, src: Source, outlet: int) -> Article:
        a = self.new("original", outlet, src.key, None, days=self.rng.randint(0, 360), headline=src.headline)
        a.body = [[((src.key, i, j), s) for j, s in enumerate(p)] for i, p in enumerate(src.paragraphs)]
        a.built.line(f"By {self.person()}")
        self.paragraphs(a, a.body)
        self.footer(a)
        return a

    def paragraphs(self, a: Article, body: list[list[tuple[Unit, str]]]) -> None:
        for p in body:
            a.built.para(p)

    def footer(self, a: Article) -> None:
        name, domain = OUTLETS[a.outlet]
        variant = FOOTERS[(a.outlet + self.rng.randint(0, 1)) % len(FOOTERS)]
        a.built.line(variant.format(o=name, d=domain))

    def transform(self, body: list[list[tuple[Unit, str]]]) -> list[list[tuple[Unit, str]]]:
        out = [list(p) for p in body]
        roll = self.rng.random()
        if roll < 0.35 and len(out) > 3:  # trimmed at the end
            out = out[: max(3, int(len(out) * self.rng.uniform(0.6, 0.9)))]
        elif roll < 0.55 and len(out) > 4:  # a middle paragraph cut
            del out[self.rng.randrange(1, len(out) - 1)]
        if self.rng.random() < 0.3 and len(out) > 3:  # two paragraphs swapped
            i = self.rng.randrange(1, len(out) - 1)
            out[i], out[i + 1] = out[i + 1], out[i]
        return [[(u, self.edit(s)) for u, s in p] for p in out]

    def repost(self, parent: Article, kind: str = "repost", outlet: int | None = None) -> Article:
        if outlet is None:
            outlet = self.rng.choice([o for o in range(len(OUTLETS)) if o != parent.outlet])
        undated = self.rng.random() < 0.2
        a = self.new(kind, outlet, parent.story, parent, days=self.rng.randint(0, 3), headline=parent.headline)
        if undated:
            a.published = None
        a.body = self.transform(parent.body)
        if kind == "near-duplicate":
            a.built.line(f"By {self.person()}")
            a.body = [[(u, self.edit(s)) for u, s in p] for p in parent.body]
            a.body.append([((-1, len(self.articles), 0), "This story has been updated with further details.")])
        else:
            a.built.line(self.rng.choice(HEADERS).format(n=self.person(), o=OUTLETS[outlet][0]))
        self.paragraphs(a, a.body)
        if kind != "near-duplicate" and self.rng.random() < 0.75:
            credit = self.rng.choice(CREDITS)
            a.built.line(credit.format(o=OUTLETS[parent.outlet][0], t=parent.headline, u=self.url(parent)))
        self.footer(a)
        return a

    def commentary_line(self, template: str, parent: Article) -> str:
        names = _NAME.findall(" ".join(s for p in parent.body for _, s in p)) or [self.person()]
        words = [w for w in parent.headline.split() if len(w) > 4] or ["the economy"]
        return template.format(
            o=OUTLETS[parent.outlet][0],
            day=self.rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")),
            name=self.rng.choice(names),
            topic=" ".join(words[:2]).lower(),
        )

    def excerpt(self, parent: Article) -> Article:
        outlet = self.rng.choice([o for o in range(len(OUTLETS)) if o != parent.outlet])
        a = self.new(
            "excerpt", outlet, parent.story, parent, days=self.rng.randint(1, 7), headline=f"Comment: {parent.headline}"
        )
        size = min(len(parent.body), self.rng.choice((2, 2, 3)))
        first = self.rng.randrange(0, len(parent.body) - size + 1)
        a.body = [list(p) for p in parent.body[first : first + size]]
        a.built.line(f"By {self.person()}")
        a.built.line(self.commentary_line(self.rng.choice(OPENERS), parent))
        a.built.line(self.commentary_line(self.rng.choice(LEADS), parent))
        self.paragraphs(a, a.body)
        for template in self.rng.sample(CLOSERS, self.rng.randint(2, 3)):
            a.built.line(self.commentary_line(template, parent))
        if self.rng.random() < 0.7:
            a.built.line(f"Read the full story at {OUTLETS[parent.outlet][0]}: {self.url(parent)}")
        self.footer(a)
        return a

    def teaser(self, parent: Article) -> Article:
        outlet = self.rng.choice([o for o in range(len(OUTLETS)) if o != parent.outlet])
        a = self.new("teaser", outlet, parent.story, parent, days=self.rng.randint(0, 2), headline=parent.headline)
        first = parent.body[0]
        if len(first) > 2 and self.rng.random() < 0.5:
            first = first[:2]
        a.body = [list(first)]
        a.built.line(self.rng.choice(TEASE).format(o=OUTLETS[parent.outlet][0]))
        a.built.line(parent.headline)
        self.paragraphs(a, a.body)
        a.built.line(f"Read the full story at {OUTLETS[parent.outlet][0]}: {self.url(parent)}")
        self.footer(a)
        return a

    def follow_up(self, parent: Article, other: Source) -> Article:
        outlet = parent.outlet if self.rng.random() < 0.5 else self.rng.randrange(len(OUTLETS))
        names = list(dict.fromkeys(_NAME.findall(" ".join(s for p in parent.body for _, s in p))))
        a = self.new("follow-up", outlet, other.key, parent, days=self.rng.randint(2, 20), headline=other.headline)
        a.parent = None  # shares no text: no parent
        theirs = list(dict.fromkeys(_NAME.findall(" ".join(s for p in other.paragraphs for s in p))))
        swap = dict(zip(theirs, names, strict=False)) if names else {}

        def inject(s: str) -> str:
            return _NAME.sub(lambda m: swap.get(m.group(), m.group()), s)

        a.body = [[((other.key, i, j), inject(s)) for j, s in enumerate(p)] for i, p in enumerate(other.paragraphs)]
        a.built.line(f"By {self.person()}")
        self.paragraphs(a, a.body)
        self.footer(a)
        return a


def story(g: Generator, src: Source) -> None:
    rng = g.rng
    orig = g.original(src, rng.randrange(len(OUTLETS)))
    copies = [orig]
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
        r = g.repost(orig)
        copies.append(r)
        if rng.random() < 0.3:
            copies.append(g.repost(r, kind="chain"))
    if rng.random() < 0.1:
        copies.append(g.repost(orig, kind="near-duplicate", outlet=orig.outlet))
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        g.excerpt(rng.choice(copies[:2]))
    if rng.random() < 0.35:
        g.teaser(orig)


def generate(sources: list[Source], *, originals: int, follow_ups: float, seed: int, synthetic: int = 0) -> Generator:
    rng = random.Random(seed)
    pool = distinct(sources)
    rng.shuffle(pool)
    if synthetic:
        vocab = [w for s in sources for p in s.paragraphs for sent in p for w in sent.split()]
        base = [scramble(pool[i % len(pool)], rng, vocab, 10_000 + i) for i in range(synthetic)]
        extra = [scramble(pool[i % len(pool)], rng, vocab, 10_000 + synthetic + i) for i in range(synthetic // 10)]
        chosen, spare = base, extra
    else:
        count = min(originals, int(len(pool) * 0.75))
        chosen, spare = pool[:count], pool[count:]
    g = Generator([*chosen, *spare], rng)
    by_category: dict[str, list[Source]] = {}
    for s in spare:
        by_category.setdefault(s.category, []).append(s)
    for src in chosen:
        story(g, src)
        orig = next(a for a in reversed(g.articles) if a.kind == "original")
        others = by_category.get(src.category, [])
        if others and rng.random() < follow_ups:  # each spare article is used once
            g.follow_up(orig, others.pop(rng.randrange(len(others))))
    return g


# --------------------------------------------------------------------------- truth


def truth(g: Generator) -> dict[str, Any]:
    """Pairs sharing a unit, their relation and passages; each article's parent; the follow-ups."""
    by_unit: dict[Unit, list[tuple[str, int, int]]] = {}
    kinds = {a.id: a.kind for a in g.articles}
    outlets = {a.id: a.outlet for a in g.articles}
    for a in g.articles:
        if a.kind == "follow-up":
            continue
        for unit, start, end in a.built.units:
            by_unit.setdefault(unit, []).append((a.id, start, end))
    pairs: dict[tuple[str, str], list[list[int]]] = {}
    for holders in by_unit.values():
        for i, (x, xs, xe) in enumerate(holders):
            for y, ys, ye in holders[i + 1 :]:
                key, span = ((x, y), [xs, xe, ys, ye]) if x < y else ((y, x), [ys, ye, xs, xe])
                pairs.setdefault(key, []).append(span)
    rows = []
    for (x, y), spans in sorted(pairs.items()):
        if "excerpt" in (kinds[x], kinds[y]) or "teaser" in (kinds[x], kinds[y]):
            relation = "excerpt"
        elif outlets[x] == outlets[y]:
            relation = "near-duplicate"
        else:
            relation = "repost"
        rows.append({"a": x, "b": y, "relation": relation, "passages": sorted(spans)})
    return {
        "pairs": rows,
        "parents": {a.id: a.parent for a in g.articles if a.parent},
        "kinds": kinds,
        "follow_ups": [a.id for a in g.articles if a.kind == "follow-up"],
        "originals": {a.id: a.story for a in g.articles if a.kind == "original"},
    }


def write(g: Generator, out: Path, *, order_seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for a in g.articles:
        rec: dict[str, Any] = {
            "id": a.id,
            "text": a.built.text(),
            "outlet": OUTLETS[a.outlet][0],
            "headline": a.headline,
            "url": g.url(a),
        }
        if a.published:
            rec["published"] = a.published.isoformat()
        records.append(rec)
    random.Random(order_seed).shuffle(records)  # the store sees copies before originals too
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (out / "truth.json").write_text(json.dumps(truth(g)), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of source articles (*.txt)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write corpus.jsonl and truth.json")
    parser.add_argument("--originals", type=int, default=900, help="source articles published as originals")
    parser.add_argument("--follow-ups", type=float, default=0.35, help="share of originals given a follow-up")
    parser.add_argument("--synthetic", type=int, default=0, help="make N scrambled originals (speed runs)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sources = read_sources(args.data)
    if not sources:
        print(f"{args.data}: no source articles found — give --data the news-sample/bbc folder", file=sys.stderr)
        return 1
    g = generate(
        sources, originals=args.originals, follow_ups=args.follow_ups, seed=args.seed, synthetic=args.synthetic
    )
    write(g, args.out, order_seed=args.seed + 1)
    kinds: dict[str, int] = {}
    for a in g.articles:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    print(f"{args.out}: {len(g.articles)} articles " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
