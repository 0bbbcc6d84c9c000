"""A claim checked against the stored corpus: who supports it, who disputes it, who repeats it.

1. **Candidates**: the articles whose headline or body match the claim's content words
   (SQLite FTS5, bm25), at most ``candidates`` of them.
2. **Stance** of each candidate toward the claim (:mod:`wiretrace.stance.model`), with its
   evidence span; the speaker is the one of the stored claim under the evidence (else the
   outlet speaks in its own voice). Each stored statement of a candidate that matches the claim
   is scored on its own too, and a statement that an in-article dispute links to a supporting
   one is counted as disputing — so both sides of a dispute are shown, each with its speaker.
3. **Counts by independent origin**: copies of one story (a repost, a wire story carried by
   ten papers) count once. ``origin_of`` maps each match to its origin; the default uses the
   lineage when the store has one, else the republication credit, else the outlet.

wiretrace never says who is right: the answer is who says what, where, and how many
independent sources stand behind each side.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wiretrace.stance.features import Claim, Pair, best_cover, cover, featurize
from wiretrace.stance.model import StanceLabel, StanceModel, default_model, evidence_span
from wiretrace.stance.text import COUNTS_VERSION, Text, TextCues, read_stored
from wiretrace.store.queries import BM25, article_frequencies, in_chunks
from wiretrace.store.word_index import Phrase, WordIndex

__all__ = [
    "CheckResult",
    "Match",
    "check_claim",
    "count_by_origin",
    "default_origin",
    "lineage_origins",
    "origin_function",
    "summary_line",
    "warm_up",
]

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_QUERY_STOP = frozenset(
    """a an the of to in on at for by with from and or but that this these those it its is are was were be been
    being have has had do does did will would could should may might can he she they we i you his her their our
    your them us him which who whom what when where why how as than then there here also any all some such into
    over about after before under while said says say told not no never""".split()
)
_RANK = {StanceLabel.DISPUTES: 0, StanceLabel.SUPPORTS: 1, StanceLabel.REPORTS: 2, StanceLabel.UNRELATED: 3}
MIN_COVER = 0.4  # share of the claim's weighted words one sentence must hold for an article to count
_STATEMENT_MIN = 0.5  # share of the claim's weighted words a stored statement must cover to be scored alone


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """One article or statement and its stance toward the checked claim."""

    stance: StanceLabel
    score: float
    article_id: str
    ref: str
    outlet: str | None
    published: str | None
    headline: str | None
    speaker: str | None  # who says it; None: the outlet in its own voice
    statement: str | None  # the stored claim text, for a statement
    evidence: str  # the evidence text
    start: int
    end: int
    origin: str = ""
    cue: str | None = None  # an in-article dispute's cue, when that is how it was found

    def as_row(self) -> dict[str, Any]:
        return {
            "stance": self.stance.value,
            "score": self.score,
            "speaker": self.speaker,
            "outlet": self.outlet,
            "published": self.published,
            "ref": self.ref,
            "headline": self.headline,
            "origin": self.origin,
            "evidence": {"start": self.start, "end": self.end, "text": self.evidence},
            "statement": self.statement,
            "cue": self.cue,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    claim: str
    matches: tuple[Match, ...]
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # stance → {"sources", "origins"}

    @property
    def summary(self) -> str:
        return summary_line(self.counts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "summary": self.summary,
            "counts": {k: dict(v) for k, v in self.counts.items()},
            "matches": [m.as_row() for m in self.matches],
        }


# --------------------------------------------------------------------------- origins


def default_origin(article: Mapping[str, Any]) -> str:
    """An article's origin without lineage: the outlet it credits as its source, else its own
    outlet, else itself."""
    for key in ("source_outlet", "outlet"):
        value = article.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.lower().replace("the ", " ").split())
    return str(article.get("article_id") or article.get("id") or "")


_UNNAMED = frozenset("a an the one two three four five several some many most other another his her their its".split())


def _named(speaker: str) -> bool:
    """Whether a speaker is a name ("Hana Solberg", "Vestra Utilities"), not a description
    ("a senior official", "the chair of the port authority") that may stand for anyone."""
    first = speaker.split(maxsplit=1)[0] if speaker.strip() else ""
    return bool(first) and first[0].isupper() and first.lower() not in _UNNAMED


def source_key(match: Match) -> str:
    """An independent source. A named speaker is one source wherever their words appear (one
    person's words copied by ten outlets are one); an unnamed speaker or the outlet's own voice is
    one source per origin and speaker (two people quoted in one story are two sources)."""
    speaker = " ".join((match.speaker or "").split())
    if speaker and _named(speaker):
        return "speaker|" + speaker.lower()
    return f"{match.origin}|{speaker.lower()}" if speaker else match.origin


def count_by_origin(
    matches: Iterable[Match], origin_of: Callable[[Match], str] | None = None
) -> dict[str, dict[str, int]]:
    """For each stance: how many matches (``copies``) and how many independent origins.

    One origin counts once per stance however many of its copies or statements say so.
    """
    seen: dict[str, set[str]] = {}
    copies: dict[str, int] = {}
    for m in matches:
        if m.stance == StanceLabel.UNRELATED:
            continue
        origin = origin_of(m) if origin_of is not None else source_key(m)
        seen.setdefault(m.stance.value, set()).add(origin)
        copies[m.stance.value] = copies.get(m.stance.value, 0) + 1
    return {
        stance: {"origins": len(seen[stance]), "copies": copies[stance]}
        for stance in ("disputes", "supports", "reports")
        if stance in seen
    }


def summary_line(counts: Mapping[str, Mapping[str, int]]) -> str:
    """ "disputed by 3 independent sources, supported by 1, reported by 12 copies of 2 origins"."""

    def sources(n: int, first: bool) -> str:
        return f"{n} independent source{'s' if n != 1 else ''}" if first else str(n)

    parts: list[str] = []
    for stance, verb in (("disputes", "disputed"), ("supports", "supported")):
        c = counts.get(stance)
        if c:
            parts.append(f"{verb} by {sources(c['origins'], not parts)}")
    c = counts.get("reports")
    if c:
        parts.append(
            f"reported by {c['copies']} cop{'ies' if c['copies'] != 1 else 'y'} of {c['origins']} origin"
            f"{'s' if c['origins'] != 1 else ''}"
        )
    return ", ".join(parts) if parts else "no article in the corpus takes up this claim"


# --------------------------------------------------------------------------- the corpus


RAREST = 8  # a claim's words its candidates are ranked by: the fewest articles hold them


def _words(claim: str) -> list[str]:
    """The claim's content words, lower case, first seen first."""
    words: list[str] = []
    for found in _WORD.findall(claim):
        w = found.replace("’", "'").split("'")[0].lower()
        if len(w) >= 2 and w not in _QUERY_STOP and w not in words:
            words.append(w)
    return words


def _rarest(conn: sqlite3.Connection, words: list[str], index: WordIndex | None = None) -> list[str]:
    """The :data:`RAREST` words of ``words`` that the fewest stored articles hold, dropping the ones none
    holds. bm25 costs time in proportion to the articles a query matches, and a word most
    articles hold ("government") adds little to the ranking while it matches most of the corpus.
    A word the index keeps as several ("re-run": "re", "run") is kept without being counted."""
    plain = [w for w in words if w.isalnum()]
    try:
        held = index.held(plain) if index is not None else article_frequencies(conn, plain)
    except sqlite3.Error:  # a store from before schema version 9: every word
        return words
    counted = [w for w in plain if held[w] > 0]
    counted.sort(key=lambda w: held[w])
    return ([w for w in words if not w.isalnum()] + counted)[:RAREST]


def _fts_query(words: list[str]) -> str:
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


_COPY_RELATIONS = frozenset({"repost", "near-duplicate"})


def lineage_origins(
    conn: sqlite3.Connection, known: dict[str, str | None] | None = None
) -> Callable[[str], str | None] | None:
    """article id → the article id at the root of its copy tree (``wiretrace.link``: reposts and
    near-duplicates, not excerpts — an article that quotes another to answer it is a source of its
    own), when the store has lineage links; None when it has none (then outlets stand in).

    ``known``: article id → root, kept by the caller while the database does not change (a
    server's checks: each tree is read once, not once a check); filled here."""
    try:
        from wiretrace.link.lineage import component, parents  # noqa: PLC0415 - optional: the lineage stage
        from wiretrace.store import lineage_queries as lq  # noqa: PLC0415
    except ImportError:
        return None
    try:
        if conn.execute("SELECT 1 FROM lineage_links LIMIT 1").fetchone() is None:
            return None
    except sqlite3.Error:
        return None
    roots: dict[int, int] = {}
    found: dict[str, str | None] = {} if known is None else known

    def origin(aid: str) -> str | None:
        if aid in found:
            return found[aid]
        found[aid] = root = _root(aid)
        return root

    def _root(aid: str) -> str | None:
        n = lq.n_of(conn, aid)
        if n is None:
            return None
        if n not in roots:
            members, links = component(conn, n)
            info = lq.article_info(conn, members)
            copies = [link for link in links if link["relation"] in _COPY_RELATIONS]  # an excerpt is not a copy
            tree = parents(copies, {m: i.get("published") for m, i in info.items()})
            for m in members:
                root, steps = m, 0
                while root in tree and steps < len(members):
                    root, steps = tree[root]["source"], steps + 1
                roots[m] = root
        row = conn.execute("SELECT id FROM articles WHERE n = ?", (roots.get(n, n),)).fetchone()
        return str(row[0]) if row else None

    return origin


def origin_function(
    conn: sqlite3.Connection,
    origin_of: Callable[[Mapping[str, Any]], str] | None = None,
    known: dict[str, str | None] | None = None,
) -> Callable[[Mapping[str, Any]], str]:
    """article row → its independent origin: ``origin_of`` when given, else the root of its
    lineage tree when the store is linked, else :func:`default_origin`. ``known``: the roots
    found so far (:func:`lineage_origins`)."""
    if origin_of is not None:
        return origin_of
    lineage = lineage_origins(conn, known)

    def origin(article: Mapping[str, Any]) -> str:
        if lineage is not None and (found := lineage(article["article_id"])):
            return found
        return default_origin(article)

    return origin


_ARTICLE = (
    "SELECT a.id AS article_id, (SELECT MIN(r.ref) FROM refs r WHERE r.article_id = a.id) AS ref,"
    " a.outlet, a.source_outlet, a.published, a.headline, a.body, a.n FROM articles a WHERE a.n = ?"
)
# Its cue counts too, when the store keeps them (schema version 11) and they were counted with these cues.
_ARTICLE_COUNTED = _ARTICLE.replace(
    " FROM articles a",
    ", (SELECT s.counts FROM stance_counts s WHERE s.article_id = a.id AND s.version = ?) AS counts FROM articles a",
)


def candidates(
    conn: sqlite3.Connection, claim: str, limit: int, index: WordIndex | None = None
) -> list[dict[str, Any]]:
    """Current articles matching the claim's rarest words (:func:`_rarest`), best first (bm25, ties
    by row).

    The matches are ranked alone — a claim's words match most of a corpus, and ranking them
    joined to their articles carried every body through the sort — and only the best are read,
    a few more than ``limit`` at first, more while some belong to articles no ref points at.
    ``index``: the articles' words in memory (:class:`~wiretrace.store.word_index.WordIndex`,
    built for the database as it is), which ranks them the same, about ten times faster; a word
    the index keeps as several ("re-run") is a phrase, which the full-text index scores alone
    (:meth:`~wiretrace.store.word_index.WordIndex.phrase`)."""
    words = _rarest(conn, _words(claim), index)
    query = _fts_query(words)
    if not query:
        return []
    phrases: dict[str, Phrase] = {}
    if index is not None:
        try:  # "re-run": a phrase of the full-text index, scored there alone (it matches few articles)
            phrases = {w: index.phrase(conn, w) for w in words if not w.isalnum()}
        except (sqlite3.Error, ValueError):
            index = None
    wanted = limit + 8
    sql, args = _ARTICLE_COUNTED, [COUNTS_VERSION]
    try:
        conn.execute("SELECT 1 FROM stance_counts LIMIT 1")
    except sqlite3.Error:  # a store from before schema version 11: each body is counted here
        sql, args = _ARTICLE, []
    while True:
        ranked = (
            index.rank(words, wanted, phrases)
            if index is not None
            else [
                n
                for (n,) in conn.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                    f" ORDER BY {BM25['articles_fts']}, rowid LIMIT ?",
                    (query, wanted),
                )
            ]
        )
        found: list[dict[str, Any]] = []
        read = _articles(conn, sql, args, ranked)
        for n in ranked:
            row = read.get(n)
            if row is not None and row["ref"] is not None:  # an article no ref points at is out of date
                found.append(row)
                if len(found) == limit:
                    return found
        if len(ranked) < wanted:
            return found
        wanted *= 4


def _articles(conn: sqlite3.Connection, sql: str, args: list[Any], ns: list[int]) -> dict[int, dict[str, Any]]:
    """Row id → the article row of ``sql`` (:data:`_ARTICLE`), read in one query per 500."""
    found: dict[int, dict[str, Any]] = {}
    for cur in in_chunks(conn, sql.replace("a.n = ?", "a.n IN ({ids})"), ns, args):
        names = [d[0] for d in cur.description]
        for row in cur:
            article = dict(zip(names, row, strict=True))
            found[article.pop("n")] = article
    return found


def _statements(conn: sqlite3.Connection, aids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Article id → its stored statements in text order, for all of ``aids`` in one query per 500."""
    found: dict[str, list[dict[str, Any]]] = {aid: [] for aid in aids}
    sql = 'SELECT article_id, cid, text, start, "end", speaker, date FROM claims WHERE article_id IN ({ids})'
    for cur in in_chunks(conn, sql + " ORDER BY start, cid", aids):
        names = [d[0] for d in cur.description][1:]
        for aid, *row in cur:
            found[aid].append(dict(zip(names, row, strict=True)))
    return found


def _in_article_disputes(conn: sqlite3.Connection, aids: list[str]) -> dict[str, list[tuple[str, str, str | None]]]:
    """Article id → its in-article disputes ``(claim, counter, cue)``, for all of ``aids`` at once."""
    found: dict[str, list[tuple[str, str, str | None]]] = {aid: [] for aid in aids}
    sql = "SELECT article_id, claim_id, counter_id, cue FROM disputes WHERE article_id IN ({ids})"
    for cur in in_chunks(conn, sql + " ORDER BY article_id, claim_id, counter_id", aids):
        for aid, claim, counter, cue in cur:
            found[aid].append((claim, counter, cue))
    return found


def _stored(body: str, counts: str | None) -> tuple[Text, TextCues] | tuple[None, None]:
    """The body's words and cues from its stored row; None (work them out here) when there is none
    or it does not read (a row written by hand, a damaged file, another body's)."""
    if not counts:
        return None, None
    try:
        return read_stored(body, counts)
    except ValueError:
        return None, None


def warm_up() -> None:
    """Load what a first check would (the stance model, the word frequency table behind the
    claim's word weights: about 0.7 s with this module's import), so that a server can do it as
    it starts rather than on its first visitor's check."""
    default_model()
    Claim.of("a claim to warm up")


def check_claim(
    conn: sqlite3.Connection,
    claim: str,
    *,
    model: StanceModel | None = None,
    candidates_limit: int = 50,
    origin_of: Callable[[Mapping[str, Any]], str] | None = None,
    min_cover: float = MIN_COVER,
    index: WordIndex | None = None,
    known_origins: dict[str, str | None] | None = None,
) -> CheckResult:
    """Match ``claim`` against the corpus in ``conn``; matches ranked disputes, supports, reports.
    ``index``: the articles' words in memory, for the database as it is (:func:`candidates`);
    ``known_origins``: the lineage roots found by earlier checks of the same database
    (:func:`lineage_origins`)."""
    model = model or default_model()
    origin = origin_function(conn, origin_of, known_origins)
    prepared = Claim.of(claim)
    scored = [
        found
        for article in candidates(conn, claim, candidates_limit, index)
        if (found := _scored(model, prepared, article, min_cover)) is not None
    ]
    aids = [found.article["article_id"] for found in scored]
    statements, disputes = _statements(conn, aids), _in_article_disputes(conn, aids)
    matches: list[Match] = []
    for found in scored:
        aid = found.article["article_id"]
        matches.extend(
            _article_matches(
                model, prepared, found, statements=statements[aid], disputes=disputes[aid], origin_of=origin
            )
        )
    matches.sort(key=lambda m: (_RANK[m.stance], -m.score, m.published or "", m.ref, m.start))
    kept = tuple(m for m in matches if m.stance != StanceLabel.UNRELATED)
    return CheckResult(claim=claim, matches=kept, counts=count_by_origin(kept))


@dataclass(frozen=True, slots=True)
class _Scored:
    """A candidate the model finds related to the claim: its features, label and the label's probability."""

    article: Mapping[str, Any]
    pair: Pair
    label: StanceLabel
    score: float


def _scored(model: StanceModel, claim: Claim, article: Mapping[str, Any], min_cover: float) -> _Scored | None:
    """The article's stance toward the claim; None when it is unrelated."""
    body: str = article["body"]
    # No sentence says much of the claim (the cov_best feature): checked first on the bare text.
    if claim.cover_at_most(body) < min_cover:
        return None
    text, cues = _stored(body, article.get("counts"))
    if best_cover(claim, body, text) < min_cover:
        return None
    pair = featurize(claim, body, cues, text)
    probs = model.probabilities(pair.features)
    k = max(range(len(probs)), key=probs.__getitem__)
    label = model.labels[k]
    if label == StanceLabel.UNRELATED:
        return None
    return _Scored(article, pair, label, probs[k])


def _article_matches(
    model: StanceModel,
    claim: Claim,
    scored: _Scored,
    *,
    statements: list[dict[str, Any]],
    disputes: list[tuple[str, str, str | None]],
    origin_of: Callable[[Mapping[str, Any]], str],
) -> list[Match]:
    article = scored.article
    body: str = article["body"]
    origin = origin_of(article)

    def make(
        stance: StanceLabel, score: float, span: tuple[int, int], st: Mapping[str, Any] | None, cue: str | None = None
    ) -> Match:
        start, end = span
        return Match(
            stance=stance,
            score=round(score, 4),
            article_id=article["article_id"],
            ref=article["ref"],
            outlet=article["outlet"],
            published=article["published"],
            headline=article["headline"],
            speaker=st["speaker"] if st else None,
            statement=st["text"] if st else None,
            evidence=body[start:end],
            start=start,
            end=end,
            origin=origin,
            cue=cue,
        )

    found: dict[str, Match] = {}
    for st in statements:
        text = st["text"]
        # cov_body: the statement must be about the claim; checked first on the bare text.
        if claim.cover_at_most(text) < _STATEMENT_MIN or cover(claim, text) < _STATEMENT_MIN:
            continue
        said = featurize(claim, text)
        p = model.probabilities(said.features)
        j = max(range(3), key=p.__getitem__)  # a matching statement is related by construction
        label, score = model.labels[j], p[j]
        if label != StanceLabel.DISPUTES:  # a statement is its speaker's own assertion, not a neutral report
            label, score = (
                StanceLabel.SUPPORTS,
                p[model.labels.index(StanceLabel.SUPPORTS)] + p[model.labels.index(StanceLabel.REPORTS)],
            )
        found[st["cid"]] = make(label, score, (st["start"], st["end"]), st)
    by_id = {st["cid"]: st for st in statements}
    for target, counter, cue in disputes:
        said_first = found.get(target)
        if said_first is None or said_first.stance == StanceLabel.DISPUTES or counter not in by_id:
            continue
        st = by_id[counter]
        found[counter] = make(StanceLabel.DISPUTES, said_first.score, (st["start"], st["end"]), st, cue)
    if found:
        return list(found.values())
    span = evidence_span(body, scored.pair, scored.label)
    under = max(
        (st for st in statements if st["start"] < span.end and span.start < st["end"]),
        key=lambda st: min(span.end, st["end"]) - max(span.start, st["start"]),
        default=None,
    )
    return [make(scored.label, scored.score, (span.start, span.end), under)]
