"""Named sites: 'AirTrunk's TOK1 campus', 'its flagship Atlanta-Metro campus', 'the Glomfjord data
centre'. The words before a site noun that are no common word and no company make the site's name,
a facility, whatever the tagger made of them (a person, a place, nothing). A plain place before the
noun names the site together with the noun ('Baidu's Yangquan data centre', 'the Abilene campus'),
unless it is joined to another word or carries a number ('Atlanta-Metro', 'Fab 21'), which name it alone."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .shortnames import settle

SITE_NOUNS = frozenset({"campus", "site", "facility", "cluster", "supercomputer", "fab", "datacenter",
                        "datacentre"})
DATA_NOUNS = frozenset({"centre", "center"})        # after 'data'
PLACES = frozenset({"GPE", "LOC", "NORP"})
# what the tagger makes of a place's name before a site noun ('the Abilene campus' as a person)
PLACE_LIKE = PLACES | {"PERSON"}


def facility_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with site names before site nouns added as facilities."""
    added = []
    label = {i: e for e in ents for i in range(e.start, e.end)}
    for n in doc:
        if not is_site_noun(n):
            continue
        end = n.i - 1 if n.lower_ in DATA_NOUNS else n.i
        start = end
        while start > 0 and _name_word(doc[start - 1], n):
            start -= 1
        if start == end or doc[start].text == "-" or doc[end - 1].text == "-":
            continue
        inside = {label[i] for i in range(start, end) if i in label}
        if any(e.label_ == "ORG" or e.ent_id_ and e.label_ not in PLACES or e.start < start or e.end > end
               for e in inside):
            continue        # a company's site ('Microsoft Fairwater'), or a known name: left as it is
        words = doc[start:end]
        plain_place = len(inside) == 1 and next(iter(inside)).label_ in PLACE_LIKE \
            and not any(t.like_num or t.text == "-" for t in words)
        if not any(t.pos_ == "PROPN" or any(ch.isdigit() for ch in t.text) for t in words):
            continue
        if plain_place:
            # 'Baidu's Yangquan data centre', 'the Abilene campus': named after its place, the
            # site's name takes the noun; a place with no owner or article before it is only where
            # something is ('a Tokyo campus' aside, 'Tokyo data centres')
            if not any(c.dep_ in ("poss", "det") and c.lower_ not in ("a", "an") for c in n.children) \
                    or n.tag_ == "NNS":
                continue
            end = n.i + 1
        span = Span(doc, start, end, label="FAC")
        added.append((span, inside))
    if not added:
        return ents
    return settle(doc, ents, added, unknown)


def is_site_noun(n) -> bool:
    """'campus', 'site', 'data centre' (with 'data' before it)."""
    if n.pos_ != "NOUN":
        return False
    if n.lower_ in DATA_NOUNS:
        return n.i > 0 and n.doc[n.i - 1].lower_ == "data"
    return n.lower_ in SITE_NOUNS


def _name_word(t, noun) -> bool:
    """A word of a site's name: capitalised or numbered, hanging inside the noun phrase."""
    if t.text == "-":
        return True
    if t.is_sent_start and t.lower_ in ("the", "its", "a"):
        return False
    inside = t.head.i == noun.i or t.head.i > t.i and t.head.i <= noun.i
    return inside and t.dep_ in ("compound", "nmod", "nummod", "amod", "punct") \
        and (t.text[:1].isupper() or any(ch.isdigit() for ch in t.text)) and not t.is_stop


def is_compute(t, lex) -> bool:
    """A word for computing: 'chips', 'cloud', 'GPUs' (read as a name, its plural kept in the lemma)."""
    lemma, word = t.lemma_.lower(), t.lower_
    nouns = lex.compute_nouns
    return lemma in nouns or word in nouns or word.endswith("s") and word[:-1] in nouns


def is_site_or_compute(t, lex) -> bool:
    """A word for computing or for a site that holds it: 'chips', 'cloud', 'campuses', 'data centres'."""
    lemma = t.lemma_.lower()
    return is_compute(t, lex) or lemma in SITE_NOUNS or is_site_noun(t) \
        or lemma in DATA_NOUNS and t.i > 0 and t.doc[t.i - 1].lower_ == "data"
