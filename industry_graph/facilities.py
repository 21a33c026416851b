"""Named sites: 'AirTrunk's TOK1 campus', 'its flagship Atlanta-Metro campus', 'the Glomfjord data
centre'. The words before a site noun that are no common word and no company make the site's name,
a facility, whatever the tagger made of them (a person, a place, nothing). A plain place before the
noun names the site together with the noun ('Baidu's Yangquan data centre', 'the Abilene campus'),
unless it is joined to another word or carries a number ('Atlanta-Metro', 'Fab 21'), which name it alone."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .lexicon import load_lexicon
from .names import COMPANY_SUFFIXES
from .shortnames import settle

# (plants, factories and warehouses: 'Atlas's Kermit plant', 'its new Jonesville transformer plant')
WORKS = frozenset({"plant", "factory", "refinery", "warehouse", "smelter", "mill", "brewery", "distillery", "mine",
                   "shipyard", "farm", "terminal", "port", "airport", "depot", "bakery", "hub", "stadium",
                   "hospital", "clinic", "creamery", "cannery", "dairy", "yard"})
SITE_NOUNS = frozenset({"campus", "site", "facility", "cluster", "supercomputer", "fab", "datacenter",
                        "datacentre"}) | WORKS
DATA_NOUNS = frozenset({"centre", "center"})        # after 'data' (or 'distribution', CENTRE_KINDS)
CENTRE_KINDS = frozenset({"data", "distribution", "fulfilment", "fulfillment", "logistics", "computing", "compute",
                          "supercomputing", "sorting", "operations", "monitoring", "training", "engineering", "call",
                          "contact", "service", "control", "processing", "customer", "dispatch"})
CASED_SITES = frozenset({"port", "airport", "depot"})     # site words that are site nouns only in lower case
GROUND_SITES = frozenset({"campus", "site", "facility", "park", "datacenter", "fab"}) | WORKS    # a place, not a machine
PLACES = frozenset({"GPE", "LOC", "NORP"})
# where a company works, named ('its Cayalá office', "Industrious's Fulton Market location"): a site
# only when its owner is said and its name is no plain place ('its London office' says where the
# company is)
OFFICE_NOUNS = frozenset({"office", "location", "building"})
# what a company calls a part of its business ('its ports arm', 'the group's farms business')
BUSINESS_PARTS = frozenset({"arm", "unit", "business", "division", "subsidiary", "operator"})
# what the tagger makes of a place's name before a site noun ('the Abilene campus' as a person)
PLACE_LIKE = PLACES | {"PERSON"}


def facility_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with site names before site nouns added as facilities."""
    added = []
    label = {i: e for e in ents for i in range(e.start, e.end)}
    for n in doc:
        # (not a capitalised plural, which ends a company's name: 'Hutchison Ports', 'Bloom Farms')
        if not (is_site_noun(n) or _owned_office(n)) \
                or n.text[:1].isupper() and n.lower_.endswith("s") and n.lower_ != n.lemma_.lower():
            continue
        end = n.i - (2 if doc[n.i - 1].text == "-" else 1) if n.lower_ in DATA_NOUNS else n.i
        start = end
        # ('Helios data-centre campus': the name hangs on the noun after)
        whole = n.head if n.lower_ in DATA_NOUNS and n.dep_ == "compound" and n.head.i == n.i + 1 else n
        while start > 0 and _name_word(doc[start - 1], whole):
            start -= 1
        # ("the Voisey's Bay mine": a place's name holding a possessive, read as its owner)
        if start < end and (e := label.get(start)) is not None and e.start < start and e.label_ in PLACES \
                and doc[e.start + 1].text in ("'s", "\u2019s"):
            start = e.start
        k = end     # ('water treatment plant': up to two lower-case words for what the site does)
        while start == end and k > 1 and end - k < 2 and doc[k - 1].pos_ == "NOUN" and doc[k - 1].is_lower \
                and doc[k - 1].dep_ == "compound" and k - 1 < doc[k - 1].head.i <= whole.i:
            k -= 1
        if start == end and k < end and doc[k - 1].pos_ == "PROPN" and _name_word(doc[k - 1], whole):
            # ('the Sur desalination plant': an untagged name before a lower-case word for what the
            # site does names the whole; or one the tagger took as a site alone, 'its Canal Road
            # water treatment plant')
            start = end = k
            while start > 0 and _name_word(doc[start - 1], whole):
                start -= 1
            # (not a technology: 'an AI data factory')
            if start < end and all(_may_name_site(doc, label[i], start, end) for i in range(start, end) if i in label) \
                    and doc[start].text != "-" \
                    and not all(t.text in load_lexicon().words["technology_words"] for t in doc[start:end]):
                added.append((Span(doc, start, n.i + 1, label="FAC"),
                              list({id(label[i]): label[i] for i in range(start, end) if i in label}.values())))
            continue
        if start == end or doc[start].text == "-" or doc[end - 1].text == "-":
            continue
        inside = {label[i] for i in range(start, end) if i in label}
        # ('Lancium said ...' makes 'the Lancium campus' a company's site; a name seen only before
        # its noun, 'the Gasan AI data centre', is the site's)
        if any(e.label_ == "ORG" and (e.ent_id_ or _said_alone(doc, e))
               or e.ent_id_ and e.label_ not in PLACES and not _product_site(e, n)
               or e.start < start or e.end > end for e in inside):
            continue        # a company's site ('Microsoft Fairwater'), or a known name: left as it is
        words = doc[start:end]
        plain_place = len(inside) == 1 and next(iter(inside)).label_ in PLACE_LIKE \
            and not any(t.like_num or t.text == "-" for t in words)
        # (a known place is a name whatever its tag: 'the Abilene campus', Abilene read as an adjective)
        # (not a nationality: 'its Finnish site')
        named_place = plain_place and next(iter(inside)).label_ != "NORP"
        # ('Gideon's Sesvete plant': a name the tagger read as an adjective but tagged as a name)
        if not named_place and not any(t.pos_ == "PROPN" or any(ch.isdigit() for ch in t.text)
                                       or t.pos_ == "ADJ" and t.i in label and label[t.i].label_ != "NORP"
                                       or _town_read_as_adjective(t)
                                       for t in words):
            continue
        if plain_place and n.lower_ in OFFICE_NOUNS:
            continue
        if not plain_place and not any(e.ent_id_ for e in inside) and (_ground_site(n) or n.lower_ in OFFICE_NOUNS) \
                and not _said_alone(doc, words) \
                and not any(t.text == "-" or t.is_alpha is False and not t.like_num and not NAME_MARKS.fullmatch(t.text)
                            for t in words):
            # 'the Jamestown data centre', 'the Pangyo data centre': a name seen only before a
            # site on the ground takes the noun ('the Nurion supercomputer', a machine, does not;
            # nor a code, 'its TOK1 campus', 'the Reno-West campus')
            end = n.i + 1
        elif plain_place:
            # 'Baidu's Yangquan data centre', 'the Abilene campus': named after its place, the
            # site's name takes the noun; a place with no owner or article before it is only where
            # something is ('a Tokyo campus' aside, 'Tokyo data centres')
            if not any(c.dep_ in ("poss", "det") and c.lower_ not in ("a", "an") for c in n.children) \
                    or n.tag_ == "NNS":
                continue
            if n.i + 2 < len(doc) and doc[n.i + 1].text == "," and doc[n.i + 2].pos_ == "PROPN" \
                    and doc[n.i + 2].head.i == n.i and doc[n.i + 2].dep_ in ("appos", "npadvmod"):
                continue    # 'its São Paulo campus, SPO1': the name set beside it is the site's
            end = n.i + 1
        span = Span(doc, start, end, label="FAC")
        added.append((span, inside))
    if not added:
        return ents
    return settle(doc, ents, added, unknown)


# capitalised adjectives that open a site's description, not its name ('its New plant', 'the Main site')
PLAIN_ADJECTIVES = frozenset({"new", "old", "main", "big", "great", "north", "south", "east", "west", "northern",
                              "southern", "eastern", "western", "central", "upper", "lower", "first", "second",
                              "national", "international", "global", "largest", "former"})


def _town_read_as_adjective(t) -> bool:
    """'its Euclid plant': a capitalised word inside a sentence, read as an adjective, that is no
    nationality and no plain adjective: a town's name."""
    return t.pos_ == "ADJ" and t.is_title and not t.is_sent_start and not t.ent_type_ \
        and t.lower_ not in PLAIN_ADJECTIVES and t.lower_ not in load_lexicon().words["demonyms"]


def _owned_office(n) -> bool:
    """'its Cayalá office', "Unite's Stratford One building": an office noun with its owner before it."""
    return n.pos_ == "NOUN" and n.lower_ in OFFICE_NOUNS and n.tag_ == "NN" \
        and any(c.dep_ == "poss" for c in n.children)


def _may_name_site(doc: Doc, e: Span, start: int, end: int) -> bool:
    """Whether a tagged name inside the words before a site noun may be the site's name: a town or a
    site, a person the tagger guessed, or a company never named on its own ('its new Jonesville
    transformer plant'); not a name the gazetteer knows ('its North Dakota data center campus' says
    where the campus is)."""
    if e.start < start or e.end > end or e.ent_id_:
        return False
    return e.label_ in PLACES | {"FAC", "PERSON"} or e.label_ == "ORG" and not _said_alone(doc, e)


# the marks a town's name may carry: 'St. Ghislain', "O'Fallon"
NAME_MARKS = re.compile(r"(?:St|Ste|Mt|Ft)\.|[A-Z][a-z]?['\u2019][A-Z][a-z]+")


def _ground_site(n) -> bool:
    """A site on the ground rather than a machine: 'data centre', 'campus', 'site'."""
    return n.lower_ in DATA_NOUNS or n.lower_ in GROUND_SITES


def _said_alone(doc: Doc, words: Span) -> bool:
    """Whether these words stand anywhere in the Doc without a site noun right after them."""
    key = [t.lower_ for t in words]
    for t in doc:
        if t.i != words.start and t.lower_ == key[0] and [w.lower_ for w in doc[t.i:t.i + len(key)]] == key:
            if not any(is_site_noun(w) or w.lower_ in CENTRE_KINDS for w in doc[t.i + len(key):t.i + len(key) + 3]):
                return True
    return False


def _product_site(e: Span, noun) -> bool:
    """'Galaxy's Helios campus': a known product's name on a campus or a data centre names the site."""
    if noun.lower_ in DATA_NOUNS and noun.dep_ == "compound" and noun.head.lower_ in GROUND_SITES:
        noun = noun.head        # 'Helios data-centre campus'
    return e.label_ == "PRODUCT" and (noun.lower_ in GROUND_SITES or noun.lower_ in DATA_NOUNS) \
        and any(c.dep_ == "poss" for c in noun.children)


SITE_NAME_ENDS = frozenset({"Campus", "Supercomputer"})     # capitalised site words that end a site's name


def data_center_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a name around a capitalised singular 'Data Center' made one facility, the
    owner's name and the place after it included ('Kakao Data Center Ansan'); the plural names a
    company ('Aligned Data Centers')."""
    label = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for t in doc[1:-1]:
        if t.text != "Data" or t.nbor().text not in ("Center", "Centre"):
            continue
        start, end = t.i, t.i + 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        while end < len(doc) and (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() or doc[end].like_num):
            end += 1
        inside = list({id(label[i]): label[i] for i in range(start, end) if i in label}.values())
        # ('the Matsue Data Center Park', tagged as a company with its article)
        if start == t.i and end == t.i + 2 or any(
                e.start < start and not (e.start == start - 1 and doc[e.start].lower_ == "the")
                or e.end > end or e.label_ == "FAC" and e.ent_id_ for e in inside):
            continue
        added.append((Span(doc, start, end, label="FAC"), inside))
    ents = settle(doc, ents, added, unknown) if added else ents
    # ('the Homer City Energy Campus', tagged as a company): a name ending in a capitalised singular
    # site word is the site's
    return [Span(doc, e.start, e.end, label="FAC") if e.label_ == "ORG" and not e.ent_id_ and len(e) > 1
            and e[-1].text in SITE_NAME_ENDS else e for e in ents]


SITE_CODE = re.compile(r"[A-Z]{1,5}\d{1,2}[A-Z]?")
CODE_SITE_VERBS = frozenset({"operate", "run", "own", "open", "build", "manage"})


def coded_sites(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a code name of capitals and a number that is operated, run, opened or built
    ('TI runs SM1'), or set before 'in' and a place ('RFAB2 in Richardson'), made a facility, in all
    its mentions in the article. Not a name the gazetteer knows (a chip: 'H100')."""
    label = {i: e for e in ents for i in range(e.start, e.end)}
    codes = {t.text for t in doc if SITE_CODE.fullmatch(t.text) and not (t.i in label and label[t.i].ent_id_) and (
        t.dep_ == "dobj" and t.head.lemma_.lower() in CODE_SITE_VERBS
        or t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "in" and doc[t.i + 2].ent_type_ in ("GPE", "LOC"))}
    added = []
    for t in doc:
        e = label.get(t.i)
        if t.text in codes and not (e is not None and (e.ent_id_ or e.label_ == "FAC" or len(e) > 1)):
            added.append((Span(doc, t.i, t.i + 1, label="FAC"), [e] if e is not None else []))
    return settle(doc, ents, added, unknown) if added else ents


NAMING_VERBS = frozenset({"call", "name", "dub", "know"})


def called_sites(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with the name a site noun is given by 'called', 'named' or 'known as' made a
    facility, whatever the tagger made of it or of a word in it: 'The plant, known as ID1, ...',
    'the fab, called Eagle Works' (not the gazetteer's 'Eagle')."""
    label = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for v in doc:
        if v.lemma_.lower() not in NAMING_VERBS or v.tag_ != "VBN" or v.dep_ != "acl" or not _site_lemma(v.head):
            continue
        if v.lemma_.lower() == "know":
            named = [p for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                     if p.dep_ == "pobj"]
        else:
            named = [c for c in v.children if c.dep_ in ("oprd", "attr", "dobj", "npadvmod")]
        if len(named) != 1 or not (named[0].pos_ == "PROPN" or SITE_CODE.fullmatch(named[0].text)):
            continue
        t = named[0]
        words = [t] + [c for c in t.children if c.dep_ in ("compound", "nmod", "nummod")
                       and (c.text[:1].isupper() or c.like_num)]
        start, end = min(w.i for w in words), max(w.i for w in words) + 1
        inside = list({id(e): e for i in range(start, end) if (e := label.get(i)) is not None}.values())
        if end - start != len(words) or any(e.start < start or e.end > end for e in inside) \
                or any(e.label_ == "FAC" and (e.start, e.end) == (start, end) for e in inside):
            continue
        added.append((Span(doc, start, end, label="FAC"), inside))
    return settle(doc, ents, added, unknown) if added else ents


def facility_appositions(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with names set beside a site noun made facilities, whatever the tagger made of
    them: 'Taipei-1, the supercomputer Nvidia runs', 'Augusta, a cluster of H100 processors', 'two
    data centres of its own, Gak Chuncheon and Gak Sejong'. Not a place a site is in or near ('Abilene,
    the site of ...'), and not a name the gazetteer knows as something else."""
    label = {i: e for e in ents for i in range(e.start, e.end)}
    added, used = [], set()
    for n in doc:
        # (only the noun a phrase is about: not 'Hutchison Ports, its ports arm', even with 'arm' read as
        # a verb; but 'the supercomputer Nvidia runs', read as a noun before a name)
        if n.pos_ != "NOUN" or not _site_lemma(n) or n.dep_ == "compound" and n.head.i > n.i \
                and not _site_lemma(n.head) and (n.head.pos_ == "NOUN" or n.head.lower_ in BUSINESS_PARTS) or any(
                c.dep_ == "prep" and c.lower_ in ("near", "for") or c.dep_ == "prep" and c.lower_ == "of" and any(
                    p.dep_ == "pobj" and (p.i in label or p.pos_ == "PROPN") for p in c.children) for c in n.children):
            continue        # 'the site of Stargate', 'a campus near Abilene'
        named = [n.head] if n.dep_ in ("appos", "npadvmod") and n.head.i < n.i else []
        named += [x for c in n.children if c.dep_ == "appos" and c.i > n.i for x in (c, *c.conjuncts) if x.i > n.i]
        # ('its São Paulo campus, SPO1, opened in 2023', the name read as an adverb of the noun)
        named += [c for c in n.children if c.dep_ == "npadvmod" and c.i == n.i + 2 and doc[n.i + 1].text == ","
                  and c.pos_ == "PROPN"]
        named += _named_before(doc, n)
        # ('opened its second data centre, Gak Sejong, in late 2023', the name hung on the verb)
        after = label.get(n.i + 2) if n.i + 3 < len(doc) and doc[n.i + 1].text == "," else None
        if after is not None and after.start == n.i + 2 and after.end < len(doc) \
                and doc[after.end].text in (",", ".", ";") and after.root.dep_ in ("npadvmod", "dep", "conj") \
                and after.root.head.i != n.i:
            named.append(after.root)
        # (a computer is no town: 'Augusta, a cluster of H100 processors'; a campus may be one)
        places_ok = n.lemma_.lower() in ("cluster", "supercomputer")
        for t in named:
            span = _name_at(doc, t, label)
            if span is None or span.start in used:
                continue
            inside = [label[i] for i in range(span.start, span.end) if i in label]
            inside = list({id(e): e for e in inside}.values())
            # (not a town, unless the site is named after it: 'the Port of Haifa')
            of_town = len(span) > 2 and span[1].lower_ == "of" and span[0].lower_ in CASED_SITES
            if any(e.ent_id_ and e.label_ not in ("FAC",) and not of_town or e.start < span.start or e.end > span.end
                   or e.label_ in ("GPE", "LOC") and not places_ok and not of_town for e in inside) \
                    or doc[span.end - 1].lower_.rstrip(".") in COMPANY_SUFFIXES:
                continue        # (nor a company: 'Taiwan Semiconductor Manufacturing Co., ..., its factory')
            used.add(span.start)
            added.append((Span(doc, span.start, span.end, label="FAC"), inside))
    if not added:
        return ents
    return settle(doc, ents, added, unknown)


DESCRIBING = frozenset({"DET", "ADJ", "NOUN", "NUM", "PRON"})
# what the tagger may call a site's name ('Gak Chuncheon' a person, 'Augusta' a town)
NAMED = frozenset({"ORG", "PERSON", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})


def _named_before(doc: Doc, n) -> list:
    """The name a comma sets before the noun's phrase, however it was parsed: 'Taipei-1, the
    supercomputer Nvidia runs' (read as 'the supercomputer Nvidia')."""
    i = n.i - 1
    while i > 0 and doc[i].pos_ in DESCRIBING and doc[i].text != ",":
        i -= 1
    if i < 1 or doc[i].text != "," or not any(doc[j].pos_ == "DET" or doc[j].lower_ in ("its", "their")
                                                  for j in range(i + 1, n.i)):
        return []
    return [doc[i - 1]]


def _site_lemma(n) -> bool:
    """A site noun, in the singular or plural: 'supercomputer', 'data centres', 'clusters'."""
    lemma = n.lemma_.lower()
    if lemma in DATA_NOUNS or n.lower_ in ("centres", "centers"):
        return n.i > 0 and n.doc[n.i - 1].lower_ in CENTRE_KINDS
    return lemma in SITE_NOUNS - {"site"}


def _name_at(doc: Doc, t, label: dict) -> Span | None:
    """The name a token stands for: the entity it is in, or its capitalised words and number."""
    if t.like_num and t.dep_ == "nummod" and t.head.i < t.i:
        t = t.head          # 'EcoDataCenter 1'
    e = label.get(t.i)
    if e is not None and (e.ent_id_ or e.label_ not in NAMED | {"CARDINAL", "FAC"}):
        return e if e.label_ in NAMED else None
    if e is not None and e.label_ in NAMED and len(e) > 1:
        return e
    if not (t.pos_ in ("PROPN", "NUM") and t.text[:1].isupper()
            or t.like_num and t.i > 0 and t.nbor(-1).text[:1].isupper()):
        return None
    words = [t] + [c for c in t.children if c.dep_ in ("compound", "nummod", "nmod")
                   and (c.text[:1].isupper() or c.like_num)]
    start, end = min(w.i for w in words), max(w.i for w in words) + 1
    if end - start != len(words) or any(i in label and (label[i].start < start or label[i].end > end)
                                         for i in range(start, end)):
        return None         # ('Orca One', the tagger's 'Orca' inside it, is whole)
    if end - start == 1 and t.lower_ in CASED_SITES and end + 1 < len(doc) and doc[end].lower_ == "of" \
            and (place := label.get(end + 1)) is not None and place.start == end + 1 and place.label_ in PLACES:
        end = place.end     # 'the Port of Haifa': the town after 'of' is part of the site's name
    return Span(doc, start, end)


def is_site_noun(n) -> bool:
    """'campus', 'site', 'data centre' (with 'data' before it)."""
    if n.pos_ != "NOUN":
        return False
    if n.lower_ in DATA_NOUNS:      # ('data-centre' cut at its hyphen)
        return n.i > 0 and n.doc[n.i - 1].lower_ in CENTRE_KINDS or n.i > 1 and n.doc[n.i - 1].text == "-" \
            and n.doc[n.i - 2].lower_ in CENTRE_KINDS
    # (a capitalised 'Port' or 'Airport' opens or ends a name: 'Port of Felixstowe', 'Airport Road')
    return n.lower_ in SITE_NOUNS and not (n.lower_ in CASED_SITES and not n.is_lower)


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
    # ('Tensor Processing Units', a name the gazetteer knows as the TPU)
    # ('DGX Cloud': a name that ends in one)
    return lemma in nouns or word in nouns or word.endswith("s") and word[:-1] in nouns or t.ent_id_ in nouns \
        or " " in word and word.rsplit(" ", 1)[1] in nouns


def is_site_or_compute(t, lex) -> bool:
    """A word for computing or for a site that holds it: 'chips', 'cloud', 'campuses', 'data centres'."""
    lemma = t.lemma_.lower()
    # (not a plant or a warehouse: what is bought from one is goods, not computing)
    return is_compute(t, lex) or lemma in SITE_NOUNS - WORKS or lemma in DATA_NOUNS and _after_data(t)


def _after_data(t) -> bool:
    """'data centre', 'data-centre' (cut at its hyphen)."""
    doc = t.doc
    return t.i > 0 and doc[t.i - 1].lower_ == "data" or t.i > 1 and doc[t.i - 1].text == "-" \
        and doc[t.i - 2].lower_ == "data"
