"""Canonical entities of one article, from spaCy's named entities.

Mentions are cleaned ("the United States" → "United States"), repaired where the small
model is reliably wrong (a plant or place labelled PERSON, an outlet labelled GPE),
completed with acronyms ("(ZNPP)", WSWS ↔ World Socialist Web Site), and merged into
entities ("Zelensky" → "Volodymyr Zelensky"). Titles and appositions become
descriptions ("Ukrainian President", "former US ambassador to NATO").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from wiretrace.analyze.cues import TITLE_WORDS
from wiretrace.analyze.entity_mentions import raw_mentions
from wiretrace.analyze.entity_types import repair_types
from wiretrace.analyze.genders import first_name_gender, first_name_is_common, honorific_before
from wiretrace.analyze.phrases import descriptions_of
from wiretrace.model import Analysis, Article, Entity, EntityType, Mention, Parse, Span
from wiretrace.pipeline import Stage

__all__ = ["EntitiesStage", "find_entities"]

DESCRIBED = frozenset({"PERSON", "ORG", "MEDIA"})
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
_ACRONYM_TOKEN = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*([A-Z][A-Z.'’\- ]{1,40}?)(?:,[^\n—–]{1,30})?(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*[—–]"
)
_MINOR_WORDS = frozenset(["of", "the", "and", "for", "on", "in", "de", "la", "del", "&", "at", "to"])


@dataclass(slots=True, eq=False)
class _Cluster:
    type: str
    mentions: list[Mention] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)

    def add(self, mention: Mention, label: str) -> None:
        self.mentions.append(mention)
        self.forms[mention.text] += 1
        self.types[label] += 1

    @property
    def name(self) -> str:
        """The fullest form: "Pervez Musharraf" rather than "General Musharraf" (a title is not
        a name), "President Obama" rather than "Obama"."""
        forms = [f for f in self.forms if not _ACRONYM_TOKEN.fullmatch(f)] or list(self.forms)
        return max(forms, key=lambda f: (len(untitled(f)), len(f.split()), self.forms[f], len(f)))


def find_entities(article: Article, parse: Parse) -> tuple[Entity, ...]:
    """The article's entities, ordered by first mention, with ids e1, e2, …"""
    body = article.body
    raw = raw_mentions(body, parse)
    raw = repair_types(body, parse, raw, article)
    places = {m.group(1).casefold() for m in _DATELINE.finditer(body)}  # "ASHFORD —": a place
    clusters = _cluster(body, raw)
    _add_acronyms(body, clusters)
    _merge_short_names(clusters)
    _merge_mislabelled_surnames(body, clusters)
    entities = []
    ordered = sorted(clusters, key=lambda c: min(m.span.start for m in c.mentions))
    for n, cluster in enumerate(ordered, start=1):
        mentions = tuple(sorted(set(cluster.mentions), key=lambda m: m.span))
        name = cluster.name
        etype = EntityType.GPE.value if places & {f.casefold() for f in cluster.forms} else _vote_type(cluster)
        entities.append(
            Entity(
                id=f"e{n}",
                name=name,
                type=EntityType(etype),
                aliases=tuple(sorted(f for f in cluster.forms if f != name)),
                descriptions=descriptions_of(body, parse, mentions) if etype in DESCRIBED else (),
                mentions=mentions,
            )
        )
    return tuple(entities)


# --------------------------------------------------------------------------- clustering


def _merge_short_names(clusters: list[_Cluster]) -> None:
    """ "Vestra did not respond": one word that begins an organisation's name is that
    organisation — unless the same word is a place or a person's surname in this article,
    or the model took it for a person at least once."""
    places = {f.casefold() for c in clusters if c.type in {"GPE", "LOC"} for f in c.forms}
    surnames = {f.split()[-1] for c in clusters if c.type == "PERSON" for f in c.forms if len(f.split()) > 1}
    orgs = [c for c in clusters if c.type in {"ORG", "MEDIA"} and any(len(f.split()) > 1 for f in c.forms)]
    for cluster in list(clusters):
        forms = list(cluster.forms)
        if _vote_type(cluster) not in {"ORG", "NORP"} or len(forms) != 1 or len(forms[0].split()) != 1:
            continue
        word = forms[0]
        if word.casefold() in places or word in surnames or cluster.types["PERSON"]:
            continue  # "Trump" is Donald Trump's, not the "Trump Train"'s
        owners = [o for o in orgs if o is not cluster and any(f.split()[0] == word for f in o.forms)]
        if len(owners) == 1:
            _merge(cluster, owners[0], clusters)


def _merge_mislabelled_surnames(body: str, clusters: list[_Cluster]) -> None:
    """ "Tallis said" labelled NORP after "Owen Tallis"; "the Ledger reported" labelled
    PERSON after "Northfield Ledger": one word that ends exactly one full name of a person
    (or of an outlet or organisation) in the article is that entity, whatever label the
    model gave it. A word that ends several names stays apart, and so does a place."""
    places = {f.casefold() for c in clusters if _vote_type(c) in {"GPE", "LOC"} for f in c.forms}
    full = [c for c in clusters if any(len(f.split()) > 1 for f in c.forms)]
    for cluster in list(clusters):
        forms = {_key(f) for f in cluster.forms}
        kind = _vote_type(cluster)
        if len(forms) != 1 or kind not in {"PERSON", "NORP", "ORG"}:
            continue
        word = forms.pop()
        if len(word.split()) != 1 or word in places:
            continue
        wanted = {"PERSON", "ORG", "MEDIA"} if kind == "PERSON" else {"PERSON"}
        owners = [
            o
            for o in full
            if o is not cluster
            and _vote_type(o) in wanted
            and any(len(f.split()) > 1 and _key(f).split()[-1] == word for f in o.forms)
        ]
        if len(owners) != 1:
            continue
        owner = owners[0]
        if any(_other_gender(body, m, f.split()) for m in cluster.mentions for f in owner.forms):
            continue  # "Mr. Lund" where the only Lund named in full is Greta
        owner.mentions.extend(cluster.mentions)  # the owner's type stands: the label was the error
        owner.forms.update(cluster.forms)
        clusters.remove(cluster)
        if kind == "PERSON" and _person_named(owner):
            # "Guardian said …" after "Don Guardian", taken for the outlet: a person after all
            owner.types = Counter({"PERSON": sum(owner.types.values()) + len(cluster.mentions)})


def _person_named(cluster: _Cluster) -> bool:
    """Whether an organisation's full name starts with a first name ("Don Guardian")."""
    return any(len(f.split()) > 1 and first_name_gender(f.split()[0]) is not None for f in cluster.forms)


def _key(text: str) -> str:
    return re.sub(r"[’']s$", "", text).casefold()


def untitled(text: str) -> list[str]:
    """A name's words after the titles that open it ("General Musharraf" → ["Musharraf"]),
    keeping at least one."""
    words = text.split()
    k = 0
    while k < len(words) - 1 and words[k].lower().rstrip(".") in TITLE_WORDS:
        k += 1
    return words[k:]


def _facility_key(text: str) -> str:
    """ "Zaporizhzhia nuclear power plant" and "Zaporizhzhia plant" are one facility."""
    words = text.split()
    name = [w for w in words[:-1] if w[:1].isupper()]
    return " ".join([*name, words[-1]]).casefold()


def _cluster(body: str, mentions: list[tuple[Mention, str]]) -> list[_Cluster]:
    """Merge mentions: same text; a surname into the nearest earlier full name of a person."""
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    persons: list[tuple[int, _Cluster, list[str]]] = []  # (offset, cluster, tokens of its full forms)
    # Longer forms first so that "Zelensky" finds "Volodymyr Zelensky" even when it comes first.
    order = sorted(mentions, key=lambda ml: (-len(ml[0].text.split()), ml[0].span.start))
    for mention, label in order:
        key = _facility_key(mention.text) if label == EntityType.FAC.value else _key(mention.text)
        if label == EntityType.PERSON.value:
            key = " ".join(untitled(key))  # "General Musharraf" is the Musharraf named in full
        cluster = by_key.get(key)
        if cluster is not None and (
            any(_other_gender(body, mention, f.split()) for f in cluster.forms) or _other_title(body, mention, cluster)
        ):
            key = f"{key} ({honorific_before(body, mention.span.start)})"  # "Mr. Lund" after "Mrs. Lund"
            cluster = by_key.get(key)
        if cluster is None and label == EntityType.PERSON.value:
            cluster = _person_for(body, mention, persons)
        if cluster is None:
            cluster = _Cluster(type=label)
            clusters.append(cluster)
        full_name = label == EntityType.PERSON.value and len(untitled(mention.text)) > 1
        if full_name and not any(c is cluster for _, c, _ in persons):
            # a full name the model once took for an organisation ("CLEVELAND - Donald
            # Trump") is a person all the same once it is labelled one
            first = min([mention.span.start, *(m.span.start for m in cluster.mentions)])
            persons.append((first, cluster, mention.text.split()))
        by_key.setdefault(key, cluster)
        cluster.add(mention, label)
    return clusters


_SAME_PARAGRAPH = 300  # characters after a full name within which a bare surname is that person


def _person_for(body: str, mention: Mention, persons: list[tuple[int, _Cluster, list[str]]]) -> _Cluster | None:
    words = untitled(_key(mention.text))
    titled = len(words) < len(mention.text.split())
    candidates = [
        (offset, cluster, full)
        for offset, cluster, full in persons
        if len(words) < len(full) and [w.casefold() for w in full[-len(words) :]] == words
    ]
    if any(_other_gender(body, mention, full) for _, _, full in candidates):
        # "Mr. Lund" after "Greta Lund": only a man of that name named before may be him
        candidates = [c for c in candidates if c[0] <= mention.span.start and not _other_gender(body, mention, c[2])]
        if not candidates:
            return None
    if not candidates and not titled:  # a first name alone ("Hillary"), only when no one has it as a surname
        candidates = [
            (offset, cluster, full)
            for offset, cluster, full in persons
            if len(words) == 1 and words[0] == full[0].casefold()
        ]
    if not candidates:
        return None
    before = [c for c in candidates if c[0] <= mention.span.start]
    if not before:
        return min(candidates, key=lambda c: c[0])[1]
    nearest = max(before, key=lambda c: c[0])
    first = min(before, key=lambda c: c[0])
    if nearest is first or mention.span.start - nearest[0] <= _SAME_PARAGRAPH:
        return nearest[1]
    # Two people share a surname ("Donald Trump", later "Ivanka Trump"): the bare surname
    # stays with the one the article introduced first, unless the other was just named.
    return first[1]


def _other_title(body: str, mention: Mention, cluster: _Cluster) -> bool:
    """Whether a surname's honorific gives the other gender than every honorific the cluster's
    mentions have: "Mr Howard" is not the "Mrs Howard" of the paragraph before."""
    said = honorific_before(body, mention.span.start)
    if said is None:
        return False
    seen = set()
    for m in cluster.mentions:
        seen.add(honorific_before(body, m.span.start))
        if len(seen - {None}) > 1 or said in seen:
            return False  # both kinds already, or this one
    return bool(seen - {None})


def _other_gender(body: str, mention: Mention, full: list[str]) -> bool:
    """Whether an honorific gives a surname the other gender than a full name's common first
    name: "Mr. Lund" is not "Greta Lund", "Ms. Lund" not "Anton Lund"."""
    said = honorific_before(body, mention.span.start)
    if said is None or len(full) < 2 or len(mention.text.split()) >= len(full):
        return False
    first = full[0]
    return first_name_is_common(first) and first_name_gender(first) not in {None, said}


def _vote_type(cluster: _Cluster) -> str:
    if cluster.types[EntityType.MEDIA.value]:
        return EntityType.MEDIA.value
    if cluster.types[EntityType.FAC.value]:
        return EntityType.FAC.value
    ranked = sorted(cluster.types.items(), key=lambda kv: (-kv[1], _TIE_ORDER.index(kv[0])))
    return ranked[0][0]


_TIE_ORDER = ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "MEDIA")


# --------------------------------------------------------------------------- acronyms


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in _MINOR_WORDS]
    return "".join(w[0] for w in words).upper()


def _add_acronyms(body: str, clusters: list[_Cluster]) -> None:
    """Link "(ZNPP)" and bare "WSWS" to the multiword entity whose initials they spell."""
    by_initials: dict[str, _Cluster] = {}
    for cluster in clusters:
        for form in cluster.forms:
            if len(form.split()) > 1:
                by_initials.setdefault(initials(form), cluster)
    known = {_key(f): c for c in clusters for f in c.forms}
    seen: set[Span] = {m.span for c in clusters for m in c.mentions}
    for match in _ACRONYM_TOKEN.finditer(body):
        word = match.group(0)
        if match.start() > 0 and body[match.start() - 1].isalnum():
            continue
        if match.end() < len(body) and body[match.end()].isalnum():
            continue
        target = by_initials.get(word)
        if target is None:
            continue
        span = Span(match.start(), match.end())
        owner = known.get(word.casefold())
        if owner is not None and owner is not target:
            _merge(owner, target, clusters)
            known.update({_key(f): target for f in owner.forms})
        if span not in seen:
            target.add(Mention(span=span, text=word), target.type)
            seen.add(span)


def _merge(source: _Cluster, target: _Cluster, clusters: list[_Cluster]) -> None:
    target.mentions.extend(source.mentions)
    target.forms.update(source.forms)
    target.types.update(source.types)
    clusters.remove(source)


class EntitiesStage(Stage):
    """spaCy NER merged into the article's canonical entities."""

    name = "entities"
    version = "17"
    needs = frozenset({"article", "parse"})
    gives = frozenset({"entities"})

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.article is not None and analysis.parse is not None
        return replace(analysis, entities=find_entities(analysis.article, analysis.parse))
