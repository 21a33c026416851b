"""What organisations own, make and use, read from noun phrases: "SpaceX's Colossus computing
cluster" (operates), "AMD's MI450 chips" (develops, also for names the tagger missed), "Alphabet's
Google" (subsidiary_of), 'OpenAI trains its models on Google's TPUs' (supplies)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .clauses import BUYING_VERBS, is_passive, verb_args
from .coref import ANTECEDENT, antecedent, note_home, place_key
from .facilities import GROUND_SITES, is_compute, is_site_noun, is_site_or_compute
from .lexicon import Lexicon, Rule, load_lexicon
from .phrases import entities_of, np_entities, product_maker, referents
from .spans import PLACE_WORDS
from .possession import possessors
from .products import name_maker
from .syntax import (AS_ORG, AS_PERSON, FOUNDING_VERBS, MAKING_VERBS, NOT_ENTITIES, OWNED_PRODUCT_NOUNS, SURNAMES,
                     conjuncts, described_clause, described_doer, described_maker, etype, is_class_noun, rules_for)


@dataclass(frozen=True)
class _Name:
    """A product named by proper nouns the NER did not tag: 'the Chevrolet Volt', 'MI450 chips'."""
    i: int
    text: str
    idx: int
    kind: str = "PRODUCT"
    ent_id_: str = ""

def kind_of(tok) -> str | None:
    return tok.kind if isinstance(tok, _Name) else etype(tok)

def product_names(tokens, lex: Lexicon) -> list[_Name]:
    """Proper-noun names in object noun phrases of a 'develops' verb or a possessed class noun."""
    out = []
    for t in (c for tok in tokens for c in conjuncts(tok)):
        if etype(t) or t.ent_type_ not in ("", "CARDINAL"):
            continue
        if t.pos_ == "PROPN" and not is_class_noun(t, lex):
            parts = [t]
        elif is_class_noun(t, lex):
            parts = []
        else:
            continue
        # the run of proper nouns and numbers before the head: 'Instinct graphics processors', 'Tegra 4 processor'
        names = [w for w in t.subtree if w.i < t.i and w.pos_ in ("PROPN", "NUM")
                 and w.ent_type_ in ("", "CARDINAL") and w.dep_ in ("compound", "nmod", "nummod")]
        run = []
        for w in reversed(names):
            if run and w.i != run[0].i - 1:
                break
            run.insert(0, w)
        if run and not parts and t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_sent_start:
            parts = [t]     # ('its GS AI Assistant': a capitalised class noun ends the name)
        parts = run + parts
        parts.sort(key=lambda p: p.i)
        if not parts or not parts[0].text[:1].isupper():
            continue
        first, last = parts[0], parts[-1]
        after = t.doc[last.i + 1] if last.i + 1 < len(t.doc) else None
        if after is not None and after.ent_type_ and after.i != t.i:
            continue     # 'North' of 'North Dakota', which the tagger cut in two
        text = t.doc[first.i:last.i + 1].text      # (not Doc.text, which joins the whole Doc)
        if text.lower() in NOT_ENTITIES or len(text) < 2 or text in lex.words["technology_words"]:
            continue    # ('began producing HBM': a kind of memory, no product's name)
        out.append(_Name(first.i, text, first.idx))
    return out

def is_facility_noun(n: Token, lex: Lexicon) -> bool:
    return any(r.relation == "operates" for r in rules_for(lex.roles, n, lex))

def named_product(out, n: Token, lex: Lexicon):
    """'AMD's forthcoming MI450 chips', 'its Instinct graphics processors' -> develops."""
    if is_facility_noun(n, lex):
        return   # a campus or a cluster is no product: 'its North Dakota data center campus'
    owners = possessors(n, lex)
    if owners and not np_entities(n, lex):
        out.add(_POSSESSION_RULES["PRODUCT"], owners, product_names([n], lex), n)
    if owners and n.dep_ == "appos" and (n.lemma_.lower() in lex.words["product_nouns"]
                                         or n.lemma_.lower() in lex.words["goods_nouns"]) and etype(n.head):
        # "ATOM, Rebellions' inference processor", 'Colgate Total, its best-selling toothpaste'
        out.add(_POSSESSION_RULES["PRODUCT"], owners, [n.head], n)


# words in the name of a public body, whose place says whose it is ('the Copyright Office in the United States')
PUBLIC_BODY_WORDS = frozenset({"Ministry", "Office", "Commission", "Department", "Agency", "Authority", "Bureau",
                               "Administration", "Parliament", "Court", "Senate", "Council", "Regulator"})


BRAND_MAKING_VERBS = frozenset({"make", "produce", "manufacture", "brew", "bake", "bottle"})


def brand_name(tok) -> bool:
    """'Haleon, the group that makes Centrum', "Coca-Cola's Dasani": a one-word name (two or three
    words only as what a company makes: 'Crayola also makes Silly Putty') that a company makes or owns,
    which the tagger took for a person or a place, where the article names no person by that word: a
    brand."""
    if not isinstance(tok, Token) or tok.ent_id_ or not tok.is_title or etype(tok) not in ("PERSON", "PLACE") \
            or " " in tok.text and not (tok.dep_ == "dobj" and tok.head.lemma_.lower() in BRAND_MAKING_VERBS
                                        and len(tok.text.split()) <= 3):
        return False
    v = tok.head
    if tok.dep_ == "dobj" and (v.lemma_.lower() in BRAND_MAKING_VERBS or v.lemma_.lower() in MAKING_VERBS and any(
            c.dep_ == "appos" and c.lemma_.lower() in OWNED_PRODUCT_NOUNS for c in tok.children)):
        # (and 'Incal developed Sonoma, a system that tests ...', set beside a word for a product)
        # (not 'made Jane Roe its chief executive')
        made = not any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in v.children) and any(
            c.dep_ == "nsubj" and (etype(c) == "ORG" or c.lower_ in ("it", "which", "that")) for c in v.children)
    else:
        # ("Nvidia's Huang said", "Apple's Cook, its chief executive": a person, named by surname)
        made = tok.dep_ not in ("compound", "nmod", "poss") and any(
            c.dep_ == "poss" and etype(c) == "ORG" for c in tok.children) and not any(
            c.dep_ == "appos" for c in tok.children) and not (
            tok.dep_ == "nsubj" and v.lemma_.lower() in load_lexicon().reporting_verbs)
    if not made or tok.text in tok.doc.user_data.get(SURNAMES, ()) or tok.lower_ in load_lexicon().countries \
            or tok.i in tok.doc.user_data.get(AS_PERSON, ()):
        return False
    # (no person the article names in full by the word)
    return not any(t.ent_type_ == "PERSON" and t.i != tok.i and tok.text in t.text.split() for t in tok.doc)


def _listed_example(ent: Token) -> bool:
    """Whether a name is one of the examples a list gives: 'rivals include A and B', 'such as A', 'as
    well as A'."""
    if ent.i >= 3 and [w.lower_ for w in ent.doc[ent.i - 3:ent.i]] == ["as", "well", "as"]:
        return True
    first = ent
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return first.dep_ == "dobj" and first.head.lemma_.lower() == "include" \
        or first.dep_ == "pobj" and first.head.lower_ in ("as", "like", "including")


def possession(out, ent: Token, lex: Lexicon):
    """'SpaceX's Colossus computing cluster' -> operates; 'Anthropic's Claude' -> develops;
    'a data center in Abilene' -> located_in."""
    kind = etype(ent)
    if kind == "ORG" and (founder := described_doer(ent, FOUNDING_VERBS, ("PERSON",))) is not None:
        out.add(_DESCRIBED_FOUNDER, [founder], [ent], ent)  # 'Thatchers, the family company William Thatcher founded'
    if kind == "ORG" and (buyer := described_doer(ent, BUYING_VERBS, ("ORG",))) is not None:
        # 'Gen-Probe, the San Diego test maker Hologic bought'; 'Cruise, the self-driving company it
        # bought in 2016': the company 'it' stands for, one of its own
        buyers = [buyer] if buyer.lower_ != "it" else [a for a in antecedent(buyer) if etype(a) == "ORG"][:1]
        verb = described_clause(ent)[1]
        if verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "into":
            buyers = []     # ('the consultancy it bought into': a stake, read elsewhere)
        out.add(_DESCRIBED_BUYER, [b for b in buyers if b.i != ent.i], [ent], ent)
    if kind == "ORG":          # "Alphabet's Google", "Meta's FAIR": the possessor owns the unit
        # ("OpenAI's rival Anthropic", "Microsoft's partner OpenAI": the noun between says what it is)
        if not any(c.dep_ in ("compound", "nmod", "amod") and not etype(c) and c.lemma_.lower() in lex.last_words
                   for c in ent.children):
            out.add(_OWNED_UNIT, [ent], [c for c in ent.children if c.dep_ == "poss" and etype(c) == "ORG"], ent)
        # "France's Mistral AI", "Abu Dhabi's MGX", 'Mistral AI in France', 'Norwest of Minneapolis'
        # ("Singapore's Temasek", "China's market regulator": a country so placed says whose, not where)
        places = [c for c in ent.children if c.dep_ == "poss" and etype(c) == "PLACE" and c.lower_ not in lex.countries]
        # 'ADQ, one of Abu Dhabi's sovereign investment funds', 'Aramco, Dhahran's oil giant': the
        # place owning the description in apposition
        described = [c for c in ent.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        described += [p for c in ent.children if c.dep_ == "appos" and c.lower_ == "one" for o in c.children
                      if o.dep_ == "prep" and o.lower_ == "of" for p in o.children if p.dep_ == "pobj"]
        places += [c for d in described for c in d.children if c.dep_ == "poss" and etype(c) == "PLACE"
                   and c.lower_ not in lex.countries]
        # ('competes with OpenAI in Europe': after a preposition's object, 'in' tells where the verb happens)
        preps = ("in", "of") if ent.dep_ != "pobj" else ("of",)
        # ('Acme Robotics, of Cambridge, Massachusetts, makes ...': the 'of' set off by a comma)
        after = [p for c in ent.children if c.dep_ == "prep" and c.lower_ in preps and (
                     c.i == ent.i + 1 or c.lower_ == "of" and c.i == ent.i + 2 and ent.doc[ent.i + 1].text == ",")
                 for p in c.children if p.dep_ == "pobj" and etype(p) == "PLACE"]
        # ('Daikin Industries of Japan': a country so placed, like "Japan's", says whose, not where;
        # it still tells 'the St. Paul-based company' later that this is not the one)
        nation = [p for p in after if p.head.lower_ == "of" and place_key(p) in lex.countries]
        if nation:
            note_home(ent, {place_key(p) for p in nation})
        # ('sells a third more snack cakes than Hostess in the United States', 'sued Stability AI in the
        # United States': a country or a region after 'in' is mostly a market, not a home; but not in a
        # list of examples: "Cohere's rivals include Aleph Alpha in Germany")
        market = not _listed_example(ent)
        after = [p for p in after if p not in nation and not (
            market and p.head.lower_ == "in" and (place_key(p) in lex.countries or lex.region(p.text)))]
        places += after + [a for p in after for a in p.children if a.dep_ == "appos" and etype(a) == "PLACE"]
        # 'SCI Financial Group, Cedar Rapids, Iowa': an address after the name (a city with its
        # state or country, so that a list of names and places is not read as one)
        # ('Group, Cedar Rapids' is often read as a list, so the places are found by position)
        if ent.i + 2 < len(ent.doc) and ent.doc[ent.i + 1].text == ",":
            city = ent.doc[ent.i + 2]
            if etype(city) == "PLACE" and any(a.dep_ == "appos" and etype(a) == "PLACE" for a in city.children):
                places.append(city)
        if not any(w in PUBLIC_BODY_WORDS for w in ent.text.split()):   # ("Virginia's State Corporation Commission")
            out.add(_ORG_PLACE, [ent], places, ent)
        return
    if kind in ("PERSON", "PLACE") and brand_name(ent):
        kind = "PRODUCT"        # "Coca-Cola's Dasani"
    if kind == "PERSON":
        # ("Meta's Joelle Pineau", "OpenAI's Mira Murati" alone say neither the role nor whether it is
        # held now: nothing, as the news annotations have it (0 of 5 right on news sets 1-4, 6-8, 10, 11))
        # 'Yann LeCun of Meta', 'Ana Ruiz at Stanford University': the 'of' or 'at' right after the
        # name says where the person is from; after a list of people ('Lee, Park and Cho at Seoul
        # National University') it says so of each, wherever the parser hung it in the list
        nxt = ent.doc[ent.i + 1] if ent.i + 1 < len(ent.doc) else None
        if nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in ("of", "at"):
            people = _listed_people(ent)
            # ('Alan Guth of MIT, Andrei Linde of Stanford and ...': a name with an 'of' of its own
            # is from there)
            people = [p for p in people if p == ent or not (p.i + 1 < len(p.doc) and p.doc[p.i + 1].lower_ in ("of", "at"))]
            if nxt.head in people:
                out.add(_PERSON_OF, people, [p for p in nxt.children if p.dep_ == "pobj" and etype(p) == "ORG"], ent)
        return
    if kind not in ("FACILITY", "PRODUCT"):
        return
    if not ent.ent_id_ and any(c.dep_ == "amod" and c.tag_ == "JJS" and c.i + 1 < ent.i and ent.doc[c.i + 1].text == ","
                               for c in ent.children):
        return      # 'Its largest, RJO1, sits ...': the noun left out, what the name is goes unsaid
    np = ent
    # "the company's Altra and AmpereOne processors" (but not "OpenAI's Sora and Google's Veo": a name
    # with an owner of its own)
    while np.dep_ == "conj" and etype(np.head) == kind and not any(c.dep_ == "poss" for c in np.children):
        np = np.head
    first = np
    for _ in range(3):     # 'its Instinct graphics processors': up the compound chain to the class noun
        # ("TSMC's CoWoS technology", the name read as an adjective)
        if (np.dep_ in ("compound", "nmod", "appos", "amod") or np.dep_ == "npadvmod" and kind == "FACILITY"
                and np.i > 1 and np.doc[np.i - 1].text == "," and np.head.i == np.i - 2
                or np.dep_ == "npadvmod" and kind == "PRODUCT" and np.head.i == np.i + 1
                and np.head.dep_ in ("amod", "compound")) \
                and (not is_class_noun(np, lex) or np.pos_ == "VERB" and np.dep_ == "amod" and is_class_noun(np.head, lex)):
            np = np.head    # (and 'its São Paulo campus, SPO1, opened', the name read as an adverb)
            # ('its Spectrum-X networking technology', the name read as an adverb of 'networking', itself
            # a describing word of the class noun)
    # ('its open-source product, Phoenix': a product noun serves as well)
    np = np if is_class_noun(np, lex) or kind == "PRODUCT" and np.lemma_.lower() in OWNED_PRODUCT_NOUNS else ent
    if kind == "PRODUCT" and np != ent and is_facility_noun(np, lex):
        return   # 'its North Dakota data center campus': a place name cut short, no product
    owners = possessors(ent, lex) + (possessors(first, lex) if first != ent else []) \
        + (possessors(np, lex) if np != ent else []) + _included_in(first, lex)
    owners += _described_owner(ent, kind, lex)
    if kind == "PRODUCT" and (maker := described_maker(ent)) is not None and maker.lower_ != "it":
        owners.append(maker)    # 'SmartStrand, the carpet fibre Mohawk makes ...'
    if kind == "FACILITY":
        # ('the Suzzara plant in northern Italy, where Iveco makes most of its vans': who works there)
        # (the clause hung on the place the site is in, too)
        where = [ent, np] + [p for c in ent.children if c.dep_ == "prep" and c.lower_ == "in"
                             for p in c.children if p.dep_ == "pobj" and etype(p) == "PLACE"]
        owners += [e for x in where for c in x.children if c.dep_ == "relcl" and c.lemma_.lower() in WORKED_AT
                   and any(w.lower_ == "where" for w in c.children)
                   for w in c.children if w.dep_ == "nsubj" for e in entities_of([w], lex) if etype(e) == "ORG"]
    if ent.dep_ in ("compound", "nmod") and np == ent and any(
            c.dep_ == "poss" and c.lower_ == "whose" for c in ent.head.children):
        owners += possessors(ent.head, lex)     # 'Skydio, the company whose X10D drone ...'
    if np != ent:
        owners += [c for c in np.children if c.dep_ == "compound" and etype(c) == "ORG" and c != ent]
    if kind == "PRODUCT" and np != ent:
        # ('10,000 Nvidia Blackwell processors': the maker's name hung on the product's, before the noun)
        owners += [c for c in ent.children if c.dep_ == "compound" and etype(c) == "ORG" and c.i == ent.i - 1]
    if kind == "FACILITY" and owners and run_by_another(ent):
        owners = []     # "The company's first Stargate site ... will be run by Oracle": the runner operates it
    rule = _POSSESSION_RULES[kind]
    out.add(rule, owners, [ent], ent)
    if kind == "PRODUCT" and (maker := name_maker(ent)) is not None:
        # 'Glean launched Glean Assistant', 'Its main product, Lakera Guard': a product named with its
        # maker's name, the maker named before it in the article
        named = [t for t in reversed(ent.doc[:ent.i]) if t.ent_id_ == maker and etype(t) == "ORG"]
        out.add(_NAMED_BY_MAKER, named[:1], [ent], ent)
    if kind == "FACILITY":   # 'a data center in Abilene', 'Colossus 2, a second supercomputer in Memphis'
        # ('the Glomfjord data centre in northern Norway', itself in apposition to a noun)
        # ('Cedar Point, the park in Sandusky': any word for a site on the ground)
        nps = list(dict.fromkeys([np, ent] + [c for c in ent.children if c.dep_ == "appos" and (
            is_class_noun(c, lex) or is_facility_noun(c, lex) or c.pos_ == "NOUN" and c.lemma_.lower() in GROUND_SITES)]))
        # ('the Green Data Center at Tres Cantos')
        places = [e for x in nps for c in x.children if c.dep_ == "prep" and c.lower_ in ("in", "near", "outside", "at")
                  for p in c.children if p.dep_ == "pobj" for e in np_entities(p, lex) if etype(e) == "PLACE"]
        places += [c for x in nps for c in x.children if c.dep_ == "compound" and etype(c) == "PLACE"]
        # ('Project Rainier, a cluster of Trainium2 chips in Indiana': the place hung on what the
        # description is made of)
        # (a name, not 'what it calls Norway's first AI factory')
        places += [e for x in nps if x != ent and not ent.text.split()[-1].islower()
                   for c in x.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj" for d in g.children
                   if d.dep_ == "prep" and d.lower_ in ("in", "near", "outside")
                   for p in d.children if p.dep_ == "pobj" for e in np_entities(p, lex)
                   if etype(e) == "PLACE" and e not in places]
        # ('its Awazu plant in Ishikawa prefecture', "in Italy's Veneto region": the place's name before
        # a lower-case word for a place)
        places += [q for x in nps for c in x.children if c.dep_ == "prep" and c.lower_ in ("in", "near", "outside")
                   for p in c.children if p.dep_ == "pobj" and p.is_lower and p.lemma_.lower() in PLACE_WORDS
                   for q in p.children if q.dep_ == "compound" and etype(q) == "PLACE" and q not in places]
        out.add(_POSSESSION_RULES["PLACE"], [ent], places, ent)


def run_by_another(ent: Token) -> bool:
    """Whether the sentence names the company that runs the site, as the subject of a passive 'run' or
    'operated' ('Stargate Abilene is being built by Crusoe and will be run by Oracle')."""
    t = ent
    for _ in range(3):
        if t.dep_ not in ("compound", "appos", "nmod"):
            break
        t = t.head
    if t.dep_ != "nsubjpass":
        return False
    verbs = [t.head] + [c for c in t.head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(v.lemma_.lower() in RUNNING_SITE_VERBS and any(
        c.dep_ == "agent" and any(p.dep_ == "pobj" and etype(p) == "ORG" for p in c.children) for c in v.children)
        for v in verbs)


def _described_owner(ent: Token, kind: str, lex: Lexicon) -> list[Token]:
    """'ChatGPT, OpenAI's chatbot, ...' where the parser hung the description beside the name
    rather than on it: the owner of the noun right after the comma."""
    doc, j = ent.doc, ent.i + 2
    if j >= len(doc) or doc[ent.i + 1].text != "," or doc[j].dep_ != "poss" \
            or etype(doc[j]) != "ORG" and doc[j].lower_ != "its":
        return []
    noun = doc[j].head
    if noun.dep_ == "conj" or any(c.dep_ == "poss" for c in ent.children):
        return []       # a list of owned things: "Google's TPUs, Amazon's Trainium accelerators and ..."
    facility = is_facility_noun(noun, lex)
    fits = facility if kind == "FACILITY" else is_class_noun(noun, lex) and not facility
    if noun.i <= j + 1 or not fits:
        return []
    # ('Fab 20, its new fab in Hsinchu': whom 'its' stands for)
    return [doc[j]] if etype(doc[j]) == "ORG" else [o for o in possessors(noun, lex) if etype(o) == "ORG"]


def _listed_people(ent: Token) -> list[Token]:
    """The person and, when the name closes a list of people ('A, B and C'), the rest of the list."""
    if ent.dep_ != "conj" or etype(ent.head) != "PERSON":
        return [ent]
    first = ent.head
    while first.dep_ == "conj":
        first = first.head
    people = conjuncts(first)
    return people if max(p.i for p in people) == ent.i and all(etype(p) == "PERSON" for p in people) else [ent]


_PERSON_OF = Rule("person-of-org", "possession", "works_for", frozenset({"PERSON"}), frozenset({"ORG"}), 0.65)
_ORG_PLACE = Rule("place-of-org", "possession", "located_in", frozenset({"ORG"}), frozenset({"PLACE"}), 0.65)
_DESCRIBED_FOUNDER = Rule("described-founder", "possession", "founded", frozenset({"PERSON"}), frozenset({"ORG"}), 0.75)
_DESCRIBED_BUYER = Rule("described-buyer", "possession", "acquires", frozenset({"ORG"}), frozenset({"ORG"}), 0.75)
_OWNED_UNIT = Rule("possessive-unit", "possession", "subsidiary_of", frozenset({"ORG"}), frozenset({"ORG"}), 0.6)

_POSSESSION_RULES = {
    "FACILITY": Rule("possessive-operates", "possession", "operates", frozenset({"ORG"}),
                     frozenset({"FACILITY"}), 0.8),
    "PRODUCT": Rule("possessive-develops", "possession", "develops", frozenset({"ORG"}),
                    frozenset({"PRODUCT"}), 0.8),
    "PLACE": Rule("facility-in-place", "possession", "located_in", frozenset({"FACILITY"}),
                  frozenset({"PLACE"}), 0.8),
}

# what a company does at a site of its own ('the plant where Iveco makes its vans')
WORKED_AT = frozenset({"make", "build", "assemble", "produce", "manufacture", "test", "package", "brew"})

_NAMED_BY_MAKER = Rule("maker-named-product", "possession", "develops", frozenset({"ORG"}),
                       frozenset({"PRODUCT"}), 0.7)
_USES_COMPUTE = Rule("uses-compute", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)
_BUILDS_FOR = Rule("builds-for", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)

ON_A_CLOUD_VERBS = frozenset({"train", "host", "deploy", "run", "build", "process", "store", "serve"})
# verbs whose 'from' names where the work runs: 'serves its apps from AWS', 'is hosted from Frankfurt'
SERVED_FROM_VERBS = frozenset({"serve", "host"})
# what a maker does to the chips it supplies: 'processors that AMD supplied'
SUPPLYING_VERBS = frozenset({"supply", "provide", "make", "build", "design", "sell", "deliver", "manufacture"})
RUNNING_SITE_VERBS = frozenset({"run", "operate", "own", "manage"})
# a company's own computing, which another company may run for it
RUN_FOR_OWNER = frozenset({"computing", "compute", "workload", "workloads", "infrastructure"})
BUILDING_SITE_VERBS = frozenset({"build", "assemble"})     # who built a machine uses what it holds
# verbs of work done on a machine named after 'on' ('does its research on MareNostrum 5')
RESEARCH_VERBS = frozenset({"do", "conduct", "carry"})
TRAINING_WORK = frozenset({"training", "inference", "pre-training", "fine-tuning"})   # work done on a machine its user owns
# 'moved its data and workloads onto Microsoft's Azure cloud': where work moves to is whose compute it uses
MOVING_VERBS = frozenset({"move", "migrate", "shift"})
# words for software that a name before them makes a product's ('the GameChanger app')
SOFTWARE_NOUNS = frozenset(load_lexicon().words["software_nouns"])


def names_software(t: Token) -> bool:
    """A name set before a word for software ('the GameChanger app'): the software's name, whatever
    the tagger took it for, not a company that uses a cloud."""
    return not t.ent_id_ and t.dep_ in ("compound", "nmod") and t.head.lemma_.lower() in SOFTWARE_NOUNS
MOVED_WORK = frozenset({"workload", "data", "system", "service", "application", "app", "computing", "compute", "archive",
                        "platform", "website", "email",
                        "infrastructure", "operation", "model", "database", "software", "product", "shop",
                        "store", "inventory", "ordering", "payroll", "accounting", "planning", "scheduling",
                        "record", "booking", "billing", "payment", "tool"})


def _phrase_words(t: Token) -> list[Token]:
    """The words of a noun phrase short of any clause inside it (relative, participle or other)."""
    out, todo = [], [t]
    while todo:
        w = todo.pop()
        out.append(w)
        todo += [c for c in w.children if c.pos_ not in ("VERB", "AUX")]
    return out


# what a company offers, which 'the ...' as a sentence's subject stands for: 'The service runs on ...'
OFFERING_NOUNS = frozenset({"service", "platform", "application", "app", "software", "product", "tool", "robot",
                            "device", "model", "chip", "vehicle", "car", "system"})


# verbs of a clause that makes an offering its subject's ('the platform that Hoya Vision Care rebuilt')
OWNING_CLAUSE_VERBS = MAKING_VERBS | {"make", "run", "use"}


def _offering_owner(subjects: list[Token]) -> list[Token]:
    """The company the sentence before was about, for a subject that is 'the' and a word for what a
    company offers ('The platform runs on Google Cloud'): its own offering runs for it."""
    if len(subjects) != 1 or (s := subjects[0]).lemma_.lower() not in OFFERING_NOUNS or s.pos_ != "NOUN" \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in s.children):
        return []
    # ('The ordering platform that Hoya Vision Care rebuilt in April now runs on AWS': the clause names it)
    makers = [e for r in s.children if r.dep_ == "relcl" and r.lemma_.lower() in OWNING_CLAUSE_VERBS
              for x in r.children if x.dep_ == "nsubj" for e in entities_of([x], load_lexicon()) if etype(e) == "ORG"]
    if makers or any(c.dep_ in ("compound", "poss", "prep", "relcl", "acl", "appos") for c in s.children):
        return makers
    last = s.doc.user_data.get(ANTECEDENT, (None, None))[0]
    return [s.doc[last]] if last is not None and last < s.i and etype(s.doc[last]) == "ORG" else []


# who does work, rather than work done: companies and people, whom the story's company is not
AGENT_NOUNS = frozenset({"customer", "client", "user", "developer", "rival", "competitor", "bank", "researcher",
                         "engineer", "company", "firm", "start-up", "startup", "group", "lab", "maker", "provider",
                         "operator", "business", "partner", "supplier", "buyer", "investor", "government", "agency",
                         "retailer", "carrier", "organisation", "organization", "hospital", "university", "school"})


def _story_work(v: Token, subjects: list[Token]) -> list[Token]:
    """The company the article is about, for work or a machine no owner is named for, in a clause
    that names no other company before the verb ('The training was done on processors rented from
    CoreWeave', 'The machine uses a Jetson processor from Nvidia', 'customers order through an app that
    runs on Google Cloud', 'Its website and the Nook store run on Microsoft's cloud'): in a story about
    one company, its own."""
    doc = v.doc
    topic = doc.user_data.get(ANTECEDENT, (None, None))[1]
    if topic is None or topic > v.i or etype(doc[topic]) != "ORG" or not subjects or v.tag_ == "VBG":
        return []       # (not 'Prices for renting older Nvidia processors have fallen')
    if v.dep_ == "relcl" and len(subjects) == 1 and subjects[0].lower_ in ("which", "that"):
        subjects = [v.head]
    for s in subjects:
        if s.head != v and v.head != s and not (s.dep_ == "conj" and s.head in subjects):
            return []   # (a subject the clause borrows from another)
        # a common noun, 'the' or 'its' or nothing before it ('the training', 'an app'), no other owner
        # (not "The door's app": an owner the sentence names, whoever it is)
        # ('the Nook store': a product's name before it says what, not whose)
        if s.pos_ != "NOUN" or etype(s) or any(c.dep_ == "poss" and c.lower_ not in ("its", "their")
                                               or c.dep_ == "compound" and etype(c) not in (None, "PRODUCT")
                                               for c in s.children):
            return []
        # (not 'the start-ups that use its hardware', 'several banks have built systems'; but 'the customer
        # and alarm-handling systems', the first word read as a noun of its own)
        agent = s.lemma_.lower() in AGENT_NOUNS or s.lemma_.lower() in load_lexicon().anaphora
        # ('those systems', 'that service': what the story has just described)
        if any(c.dep_ == "det" and c.lower_ not in ("the", "a", "an", "that", "those", "this", "these")
               for c in s.children) or agent and not any(
                c.dep_ == "conj" and c.lemma_.lower() not in AGENT_NOUNS for c in s.children):
            return []
    named = doc[topic]
    key = named.ent_id_ or named.lower_
    # no other company or person from the subject on (nor 'It also offers a service, which uses Google's
    # cloud': a company the pronoun stands for)
    first = min(min(s.left_edge.i for s in subjects), v.i)
    if v.dep_ == "relcl":
        first = min(first, v.head.left_edge.i)
        # ('It also offers a service, which uses ...': the subject of the clause the noun is in)
        first = min([first] + [c.i for c in v.head.head.children if c.dep_ in ("nsubj", "nsubjpass")])
    if any(etype(t) in ("ORG", "PERSON") and (t.ent_id_ or t.lower_) != key
           or t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("it", "they") for t in doc[first:v.i]):
        return []
    return [named]


def _first_word(t: Token) -> str:
    """A company name's first word, of its gazetteer id where it has one ('AWS': amazon)."""
    return (t.ent_id_.split("-")[0] if t.ent_id_ else t.text.split()[0]).lower()


# what a company has hosted by another: its service, platform, records, data
HOSTED_THINGS = frozenset({"service", "platform", "record", "data", "app", "application", "software", "website", "shop",
                           "portal", "archive", "engine",
                           "site", "system", "workload", "model", "product"})


def _hosts_owned(out, v: Token, args: dict, lex: Lexicon) -> None:
    """'Google Cloud hosts its patient-records platform', 'Nimbus's platform is hosted by Google
    Cloud': the host supplies the owner of what it hosts (a service, a platform, records, an app)."""
    hosts = [h for h in entities_of(args["subj"], lex) if etype(h) == "ORG"]     # (the logical subject)
    hosted = [o for o in args["obj"] if o.pos_ == "NOUN" and o.lemma_.lower() in HOSTED_THINGS]
    # ('will host the software the Swedish company sells': whose it is, said by a clause about it)
    owners = [p for o in hosted for p in possessors(o, lex) + [
        e for r in o.children if r.dep_ == "relcl" and r.lemma_.lower() in ("sell", "offer", "run", "use")
        for x in r.children if x.dep_ == "nsubj" for e in entities_of([x], lex)]
        if etype(p) == "ORG" and all(p.i != h.i for h in hosts)]
    if hosts and owners:
        out.add(_USES_COMPUTE, hosts, owners, v)


_BOUGHT_UNIT = Rule("participle-bought-unit", "ownership", "acquires", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)
# what a company bought and made part of itself is called after its name
UNIT_DESCRIPTIONS = frozenset({"unit", "division", "arm", "subsidiary", "business"})


def bought_unit(out, v: Token, lex: Lexicon):
    """'Annapurna Labs, the Amazon chip unit acquired in 2015': a unit described as bought, with no
    buyer named, was bought by the company it is a unit of."""
    unit = v.head
    if v.tag_ not in ("VBN", "VBD") or v.dep_ != "acl" or unit.lemma_.lower() not in UNIT_DESCRIPTIONS or unit.dep_ != "appos" \
            or any(c.dep_ == "agent" for c in v.children) or etype(unit.head) != "ORG":
        return
    owners = [c for c in unit.children if c.dep_ in ("compound", "poss", "nmod") and etype(c) == "ORG"]
    if len(owners) == 1:
        out.add(_BOUGHT_UNIT, owners, [unit.head], v)


def _read_as_on(args: dict, on_what: set, toks: list[Token]) -> dict:
    """The verb's arguments with these objects of another preposition read as objects of 'on' (what
    the work runs on), their positions added to on_what."""
    on_what |= {t.i for t in toks}
    return {**args, "prep:on": args.get("prep:on", []) + toks}


def _company_as_person(p: Token) -> bool:
    """"Topgolf's booking and game systems run on Google Cloud", the one-word owner taken for a
    person: only a company's systems run on a cloud. It is noted as a company for the article."""
    data = p.doc.user_data
    if etype(p) != "PERSON" or " " in p.text or p.ent_id_ or not p.text[:1].isupper() \
            or p.text in data.get(SURNAMES, ()) or p.i in data.get(AS_PERSON, ()):
        return False
    data.setdefault(AS_ORG, set()).add(p.i)
    return True


def compute_use(out, v: Token, lex: Lexicon):
    """'OpenAI trains its models on Google's TPUs', 'xAI uses Nvidia chips': the owner of the
    compute supplies the verb's subject."""
    args = verb_args(v)
    # 'hosts much of its service on Google Cloud', 'much' read as an adverb or an apposition
    args["obj"] += [c for c in v.children if c.dep_ in ("advmod", "npadvmod", "appos") and c.i > v.i
                    and c.lower_ in lex.words["portion_words"]]
    if v.lemma_.lower() == "pay":       # 'agreed to pay Oracle $300 billion for computing power'
        paid = [t for t in entities_of(args["obj"] + [d for d in v.children if d.dep_ == "dative"], lex)
                if etype(t) == "ORG"]
        if any(is_site_or_compute(t, lex) for t in args.get("prep:for", [])):
            out.add(_USES_COMPUTE, paid, [t for t in entities_of(args["subj"], lex) if etype(t) == "ORG"], v)
        return
    if v.lemma_.lower() in ("rent", "lease") and args.get("prep:to"):
        return      # 'rents Nvidia GPUs to AI developers': the lessor, not the user
    if v.lemma_.lower() in ("build", "assemble") and is_passive(v) and args.get("prep:by"):
        return      # "NexGen Cloud's servers are built by Dell": who builds the machines makes them
    if v.lemma_.lower() in ("rent", "lease"):
        # 'Sakura Internet also rents CyberAgent additional processors', the renter read as a brand of
        # the processors: a company set apart from the noun by a describing word is who they are rented to
        renters = [c for o in args["obj"] for c in o.children if c.dep_ in ("nmod", "compound") and etype(c) == "ORG"
                   and any(a.dep_ == "amod" and c.i < a.i < o.i for a in o.children) and is_compute(counted(o, lex), lex)]
        if renters:
            out.add(_USES_COMPUTE, [t for t in entities_of(args["subj"], lex) if etype(t) == "ORG"], renters, v)
            return
    # 'run parts of their chat and search services on Cerebras hardware', the 'on' hung inside the object
    # (within the phrase: not 'the models it has trained on Thursday, a step that moves it from depending on OpenAI')
    # ('runs its grower payments, ordering and plant scheduling on SAP's cloud', the list's later nouns
    # hung on the verb as a clause)
    listed = [c for c in v.children if c.dep_ in ("advcl", "npadvmod") and c.pos_ == "NOUN" and c.i > v.i] \
        if args["obj"] else []
    on_inside = [p for o in args["obj"] + listed for w in _phrase_words(o) if w.dep_ == "prep" and w.lower_ == "on"
                 for p in w.children if p.dep_ == "pobj" and p not in args.get("prep:on", [])]
    on_what = {t.i for t in args.get("prep:on", []) + on_inside}
    if v.lemma_.lower() in ("use", "run", "train", "deploy", "access") and args.get("prep:through") \
            and any(is_class_noun(o, lex) or etype(o) == "PRODUCT" for o in args["obj"]):
        # 'uses OpenAI's models through Microsoft's cloud': the cloud it is reached through, as one run on
        args = _read_as_on(args, on_what, args["prep:through"])
    if v.lemma_.lower() in MOVING_VERBS:
        # ('moved its site-management, sales and customer-care systems onto ...': the list's last noun says what)
        moved = [counted(x, lex) for o in args["obj"] for x in (o, *o.conjuncts)]
        if not any(o.lemma_.lower() in MOVED_WORK or o.lower_ in MOVED_WORK or is_compute(o, lex) for o in moved):
            return
        args = _read_as_on(args, on_what, [p for k in ("prep:onto", "prep:to", "prep:into") for p in args.get(k, [])])
    if v.lemma_.lower() in SERVED_FROM_VERBS:
        on_what |= {t.i for t in args.get("prep:from", [])}
    if v.lemma_.lower() in ON_A_CLOUD_VERBS - BUILDING_SITE_VERBS:
        # 'runs its models in Microsoft's data centres': a site the work runs in, as a cloud it runs on
        # (not 'is being built in New Albany, and Microsoft's Fairwater data centre ...')
        args = _read_as_on(args, on_what, [t for t in args.get("prep:in", []) if is_site_or_compute(t, lex)])
    if v.lemma_.lower() == "host" and not on_what and not args.get("prep:for"):
        _hosts_owned(out, v, args, lex)     # 'Google Cloud, which hosts its patient-records platform'
    if v.lemma_.lower() == "host" and (args.get("prep:for") or not any(etype(v.doc[i]) == "ORG" for i in on_what)):
        return      # only 'hosts its service on Google Cloud' ('is hosted on AWS'): not 'hosts Nvidia processors for CoreWeave'
    # ('its data centres are filled with Nvidia GPUs': in a passive clause, what is filled is the user's)
    passive = is_passive(v) and (v.dep_ == "advcl" or any(c.dep_ == "auxpass" for c in v.children))
    customers = entities_of(args["subj"] or (args["obj"] if passive else []), lex)
    # ('Anthropic makes Claude. Claude runs on AWS': a product runs for its maker)
    # (and a name the article said a company makes, wherever the tagger took it for a company)
    # ('Clara, the platform Lucara built ... Clara runs on Microsoft's cloud', the second taken for a person)
    customers = [product_maker(c, v.i) or c if etype(c) in ("PRODUCT", "ORG") or etype(c) == "PERSON" and not c.ent_id_
                 else c for c in customers]
    # ('Its online store and the GameChanger app run on Google Cloud': an app's name, which the tagger
    # took for a company's, is no customer; the owner of what is listed with it is, below)
    customers = [c for c in customers if not (etype(c) == "ORG" and names_software(c))]
    if not customers:
        # ('Atrius, the software Acuity launched ... Atrius runs on Microsoft's cloud', the second untagged)
        customers = [m for t in args["subj"] if t.pos_ == "PROPN" and not etype(t)
                     and (m := product_maker(t, v.i)) is not None]
    if not customers and v.lemma_.lower() in ("run", "host", "use") and not passive:
        customers = _offering_owner(args["subj"])   # 'NotCo sells ... The platform runs on Google Cloud'
    if v.dep_ == "acl" and v.lemma_.lower() in ("run", "operate") and args.get("prep:by"):
        # 'a cluster of Nvidia processors run by Scaleway': who runs the machine uses the maker's chips
        customers = [e for e in entities_of(args["prep:by"], lex) if etype(e) == "ORG"]
        if customers:
            args = {"obj": [v.head]}
    if v.lemma_.lower() == "build" and any(is_site_or_compute(o, lex)
                                           or any(etype(e) == "FACILITY" for e in entities_of([o], lex))
                                           for o in args["obj"]):
        # 'Oracle is building data centres for OpenAI': the builder supplies who they are for
        out.add(_BUILDS_FOR, customers, [e for e in entities_of(args.get("prep:for", []), lex) if etype(e) == "ORG"], v)
    if not any(etype(c) == "ORG" for c in customers):
        # 'Its Colossus supercomputer houses 100,000 Nvidia processors': the site's owner uses them
        # ("CCC's own products, which run on AWS": the owner of what the relative pronoun stands for)
        customers = [p for t in args["subj"] or (args["obj"] if passive else [])
                     for p in possessors(v.head if t.lower_ in ("which", "that") and v.dep_ == "relcl" else t, lex)
                     if etype(p) == "ORG" or _company_as_person(p)]
        # ('The pharmacy and loyalty systems of Walgreens run on Microsoft's cloud')
        customers += [p for t in args["subj"] or (args["obj"] if passive else []) if t.lemma_.lower() in MOVED_WORK
                      for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj" and etype(p) == "ORG"]
    if v.lemma_.lower() in ("run", "host") and not passive and (not customers or any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for t in args.get("subj", []) for c in t.children)):
        # 'The new systems run on Amazon Web Services under a contract UniFirst signed with the cloud
        # provider': who signed the contract the work runs under (named, it beats what 'its' stood for)
        # ('under a six-year agreement Hostess signed', parsed with the agreement as a word of the name
        # and the signing as a clause of the verb)
        customers = [e for a in args.get("prep:under", []) for c in a.children if c.dep_ == "relcl"
                     for e in c.children if e.dep_ == "nsubj" and etype(e) == "ORG"] or [
            e for c in v.children if c.dep_ == "advcl" and c.lemma_.lower() in ("sign", "strike", "reach")
            for e in c.children if e.dep_ == "nsubj" and etype(e) == "ORG" and any(
                k.dep_ == "compound" and k.lemma_.lower() in ("agreement", "contract", "deal") for k in e.children)
            and any(p.dep_ == "prep" and p.lower_ == "under" and p.i < e.i for p in v.children)] or customers
    if not customers and v.dep_ == "acl" and (v.lemma_.lower() in ("fill", "equip", "pack") or v.lemma_.lower() in (
            "build", "base", "run") and args.get("prep:on")) and is_site_or_compute(v.head, lex):
        # (or 'operates a GPU cloud built on Nvidia processors')
        # 'will open a data centre filled with 10,000 Nvidia processors': the site's owner or opener
        up = v.head.head if v.head.dep_ in ("dobj", "pobj") and v.head.head.pos_ == "VERB" else None
        customers = [p for p in possessors(v.head, lex) if etype(p) == "ORG"] or (
            [t for t in entities_of(verb_args(up)["subj"], lex) if etype(t) == "ORG"] if up is not None else [])
    if not customers:
        # 'El Capitan, which Lawrence Livermore runs, uses MI300A processors': who runs the machine
        # ('The cluster, which Nebius operates in Finland, runs on Nvidia H100 chips': an unnamed site too)
        sites = [t for t in args["subj"] if etype(t) == "FACILITY" or not etype(t) and is_site_or_compute(t, lex)]
        customers = [o for t in sites for o in site_operators(t, lex)] or [
            o for t in sites for o in site_operators(t, lex, BUILDING_SITE_VERBS)]
        # ('Colossus, the supercomputer xAI assembled last year, holds 200,000 Nvidia processors')
    story = not customers
    if story:
        customers = _story_work(v, args["subj"] or (args["obj"] if passive else []))
    if not customers:
        return
    things = [t for key, toks in args.items() if key == "obj" or key in ("prep:on", "prep:with", "prep:from")
              for t in toks]
    things += [p for p in on_inside if p not in things]
    # 'switched on an AI factory, a cluster of Nvidia processors': what the site is said to be
    things += [a for t in list(things) if etype(t) == "FACILITY" or is_site_or_compute(t, lex)
               for a in t.children if a.dep_ == "appos" and a not in things]
    for said in things:
        if etype(said) == "FACILITY" and said.i in on_what and v.lemma_.lower() in ON_A_CLOUD_VERBS | RESEARCH_VERBS:
            # 'does much of its research on MareNostrum 5, the supercomputer that the Barcelona
            # Supercomputing Center runs': who runs the machine worked on supplies the work
            out.add(_USES_COMPUTE, site_operators(said, lex), customers, v)
            continue
        if v.lemma_.lower() in RESEARCH_VERBS and not (said.i in on_what and any(
                o.lemma_.lower() in TRAINING_WORK for o in args["obj"])):
            continue    # (but 'The training was done on processors rented from CoreWeave')
        if etype(said) == "ORG" and said.i in on_what and v.lemma_.lower() in ON_A_CLOUD_VERBS | MOVING_VERBS:
            # 'MiniMax will train its models on Alibaba Cloud': a company named as where it runs
            # ("on Google's Tensor Processing Units": a name owned by a company is its thing)
            out.add(_USES_COMPUTE, [p for p in possessors(said, lex) if etype(p) == "ORG"] or [said], customers, v)
            continue
        t = counted(said, lex)       # 'tens of thousands of Nvidia's chips', 'access to TPUs'
        if v.lemma_.lower() in RUNNING_SITE_VERBS | {"host"} and said.i not in on_what \
                and t.lemma_.lower() in RUN_FOR_OWNER and (owners := [
                    p for p in possessors(t, lex) if etype(p) == "ORG" and p not in customers]):
            # 'Microsoft also runs much of Moody's other computing': who runs another's computing
            # supplies it (not 'runs Nvidia's chips', the maker's)
            out.add(_USES_COMPUTE, customers, owners, v)
            continue
        if not is_compute(t, lex) and not (said.i in on_what and (is_site_or_compute(t, lex) or any(
                c.dep_ == "compound" and is_compute(c, lex) for c in t.children))):
            continue    # (but 'on Nvidia's DGX Cloud service': a computing service's name before the noun)
        # "Microsoft's Azure cloud" is supplied by Microsoft (news calls the company, the name before
        # the noun its brand); "Azure's cloud" by Azure
        suppliers = [w for w in t.subtree if w.i < t.i and w.dep_ in ("compound", "nmod") and etype(w) == "ORG"
                     # ('operates the Lingang computing cluster': an unknown name before a site run is its name)
                     and not (v.lemma_.lower() in RUNNING_SITE_VERBS and is_site_noun(t) and not w.ent_id_)]
        owners = possessors(t, lex) or [o for w in suppliers for o in possessors(w, lex)]
        if owners:
            suppliers = owners      # "Nvidia's Drive AGX computers": a name the tagger called a company is the product
        suppliers = suppliers or owners or [
            # ('chips from Qualcomm', 'the clouds of AWS and Google Cloud')
            p for p in entities_of([q for c in (*t.children, *said.children) if c.dep_ == "prep"
                                    and c.lower_ in ("from", "of") for q in c.children if q.dep_ == "pobj"], lex)
            if etype(p) == "ORG"] or [
            p for a in t.children if a.dep_ == "acl" and a.tag_ == "VBN" for c in a.children
            if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
            for p in c.children if p.dep_ == "pobj" and etype(p) == "ORG"] or [   # 'a cluster rented from AWS'
            p for p in args.get("prep:from", []) if etype(p) == "ORG"] or [   # 'use chips from Qualcomm'
            e for c in t.children if c.dep_ == "relcl" and c.lemma_.lower() in SUPPLYING_VERBS
            and any(o.dep_ == "dobj" and o.lower_ in ("which", "that") for o in c.children)
            for s_ in c.children if s_.dep_ == "nsubj" for e in np_entities(s_, lex) if etype(e) == "ORG"]
        # ('uses MI300A processors that AMD supplied')
        if not suppliers:       # 'runs on the clouds of Amazon Web Services, Google Cloud and Microsoft'
            suppliers = [x for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                         if p.dep_ == "pobj" for x in conjuncts(p) if etype(x) == "ORG"]
        # ('Nvidia processors rented from CoreWeave': the maker and the lessor both supply the user)
        suppliers += [p for a in t.children if a.dep_ == "acl" and a.tag_ in ("VBN", "VBD")
                      and a.lemma_.lower() in ("rent", "lease") for c in a.children
                      if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
                      if p.dep_ == "pobj" and etype(p) == "ORG" and p not in suppliers]
        if not suppliers:       # 'installing racks of Nvidia's GB200 systems'
            kinds = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                     if p.dep_ == "pobj" and is_compute(p, lex)]
            suppliers = [w for k in kinds for w in k.subtree if w.i < k.i and w.dep_ in ("compound", "nmod")
                         and etype(w) == "ORG"] or [o for k in kinds for o in possessors(k, lex)]
        if story:   # (not Amazon for Amazon Web Services, in a story about AWS: its own parent)
            suppliers = [p for p in suppliers if _first_word(p) != _first_word(customers[0])]
        out.add(_USES_COMPUTE, suppliers, customers, v)


def site_operators(site: Token, lex: Lexicon, verbs: frozenset = RUNNING_SITE_VERBS) -> list[Token]:
    """Who runs a named site: "SpaceX's Colossus", 'Colossus, which xAI runs', 'MareNostrum 5, the
    supercomputer that the Barcelona Supercomputing Center runs', 'a cluster run by Scaleway' (or,
    with other verbs, who built it)."""
    nouns = [site] + [a for a in site.children if a.dep_ == "appos" and a.pos_ == "NOUN"]
    found = [p for n in nouns for p in possessors(n, lex)]
    for n in nouns:
        for c in n.children:
            if c.lemma_.lower() not in verbs:
                continue
            if c.dep_ == "relcl" and (any(o.dep_ == "dobj" and o.lower_ in ("which", "that") for o in c.children)
                                      or not any(o.dep_ in ("dobj", "nsubjpass") for o in c.children)):
                found += [e for s_ in c.children if s_.dep_ == "nsubj" for e in np_entities(s_, lex)]
            elif c.dep_ == "acl" and c.tag_ == "VBN":
                found += [e for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                          for e in np_entities(p, lex)]
    return [e for e in found if etype(e) == "ORG"]


_SITE_PLACE = Rule("site-in-place", "possession", "located_in", frozenset({"FACILITY"}), frozenset({"PLACE"}), 0.7)


def site_place(out, n: Token, lex: Lexicon):
    """'Lighthouse is a campus in Port Washington', 'Lighthouse, a campus in Wisconsin': the place
    a site noun describing a named site has after 'in', 'near' or 'outside' (no owner in between:
    'TOK4 is its largest site' says nothing of where)."""
    if not is_site_noun(n) or any(c.dep_ == "poss" for c in n.children):
        return
    if n.dep_ == "attr" and n.head.lemma_ == "be":
        named = [s for s in n.head.children if s.dep_ in ("nsubj", "nsubjpass")]
    elif n.dep_ == "appos":
        named = [n.head]
    else:
        return
    places = [p for c in n.children if c.dep_ == "prep" and c.lower_ in ("in", "near", "outside")
              for p in c.children if p.dep_ == "pobj" and etype(p) == "PLACE"]
    out.add(_SITE_PLACE, [t for t in named if etype(t)], places, n)


_SEAT = Rule("seat-in-place", "possession", "located_in", frozenset({"ORG"}), frozenset({"PLACE"}), 0.75)


def seat_place(out, n: Token, lex: Lexicon):
    """"Lightmatter's headquarters are in Mountain View", "the company's home base in Seongnam": a
    company's seat and the place after its 'in' (or after the 'in' of the 'be' it is the subject of)."""
    seats, lemma = lex.words["seat_nouns"], n.lemma_.lower()
    if lemma not in seats:      # (this runs on every noun: the word before it is read only for 'office', 'base')
        mods = [c.lower_ for c in n.children if c.dep_ in ("compound", "amod") and c.i == n.i - 1]
        if not mods or f"{mods[0]} {lemma}" not in seats:
            return
    owners = [o for o in possessors(n, lex) if etype(o) == "ORG"]
    if not owners and lemma == "home" and n.head.lemma_ == "call" and n.dep_ in ("dobj", "oprd"):
        owners = [o for o in entities_of(verb_args(n.head)["subj"], lex) if etype(o) == "ORG"]  # 'calls Paris home'
    with_seat = not owners and n.dep_ == "pobj" and n.head.lower_ == "with"
    if with_seat:
        owners = [o for o in _with_holder(n.head.head, lex) if etype(o) == "ORG"]
    if not owners:
        return
    holders = [n] + ([n.head] if n.dep_ == "nsubj" and n.head.lemma_ == "be" else [])
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
    if with_seat:
        # 'a bank with headquarters in Oslo and offices in Bergen': the seat's own 'in' is the first;
        # 'with research headquarters based in Vancouver': the 'in' of 'based'
        preps = preps[:1] or [c for a in n.children if a.dep_ == "acl" and a.lemma_ in ("base", "locate")
                              for c in a.children if c.dep_ == "prep" and c.lower_ == "in"]
    places = [p for c in preps for p in c.children if p.dep_ == "pobj" and etype(p) == "PLACE"]
    places += [a for p in places for a in p.children if a.dep_ in ("appos", "npadvmod") and etype(a) == "PLACE"]  # 'Oslo, Norway'
    # "its Dallas headquarters", 'calls San Francisco home' (the place read as a modifier of 'home')
    places += [c for c in n.children if c.dep_ in ("compound", "nmod") and etype(c) == "PLACE"]
    out.add(_SEAT, owners, places, n)


def _with_holder(h: Token, lex: Lexicon) -> list[Token]:
    """Who has what a 'with' phrase hung on h gives: 'Klarna, with headquarters in Stockholm,'
    (the name), 'a payments company with headquarters in ...' (what the noun describes), 'Klarna,
    founded in 2005 with ..., filed' (the verb's subject)."""
    if etype(h):
        return [h]
    if h.pos_ in ("NOUN", "PROPN"):
        return referents(h, lex)
    if h.pos_ in ("VERB", "AUX"):
        return entities_of(verb_args(h)["subj"], lex)
    return []


SHIPPING_VERBS = frozenset({"ship", "sell", "deliver", "send"})
_SHIPPED = Rule("shipped-to", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)


def shipped(out, v: Token, lex: Lexicon):
    """'Dell shipped xAI thousands of servers': the company named before the goods receives them."""
    args = verb_args(v)
    objs = args["obj"] + [d for d in v.children if d.dep_ == "dative"]
    goods = [o for o in objs if not etype(o) and is_site_or_compute(counted(o, lex), lex)]
    if goods:
        takers = [o for o in objs if etype(o) == "ORG" and o.i < goods[0].i]
        out.add(_SHIPPED, [t for t in entities_of(args["subj"], lex) if etype(t) == "ORG"], takers, v)


_SUPPLIED_FOR = Rule("supplied-for-owner", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.65)
FOR_OWNER_VERBS = frozenset({"supply", "provide", "sell", "ship", "deliver"})


def supplied_for(out, v: Token, lex: Lexicon):
    """'Nvidia supplies the chips for Tesla's cars', 'the processors in CoreWeave's data centres', 'the
    processors at the heart of CoreWeave's business': computing goods supplied for, in or at a thing a
    company owns go to that company (when no one is named as who receives them)."""
    args = verb_args(v)
    goods = [o for o in args["obj"] if not etype(o) and is_compute(counted(o, lex), lex)]
    if not goods or any(etype(t) == "ORG" for k in ("prep:to", "prep:for") for t in args.get(k, [])) \
            or any(d.dep_ == "dative" for d in v.children):
        return
    places = [p for t in [*goods, v] for c in t.children if c.dep_ == "prep" and c.lower_ in ("for", "in", "at")
              for p in c.children if p.dep_ == "pobj" and not etype(p)]
    # ('at the heart of CoreWeave's business': the owner one 'of' further out)
    places += [q for p in places for c in p.children if c.dep_ == "prep" and c.lower_ == "of"
               for q in c.children if q.dep_ == "pobj" and not etype(q)]
    owners = [o for p in places for o in possessors(p, lex) if etype(o) == "ORG"]
    out.add(_SUPPLIED_FOR, [t for t in entities_of(args["subj"], lex) if etype(t) == "ORG"], owners, v)


_SITE_IS_IN = Rule("site-is-in", "compute", "located_in", frozenset({"FACILITY"}), frozenset({"PLACE"}), 0.6)


def site_is_in(out, v: Token, lex: Lexicon):
    """"Meta's Prometheus cluster is in Ohio": a named site said to be in a place is located there
    (one 'in', naming a place; not 'is in a strong position in China')."""
    ins = [c for c in v.children if c.dep_ == "prep" and c.lower_ == "in"]
    if len(ins) != 1 or any(c.dep_ in ("attr", "acomp") for c in v.children):
        return
    places = [p for p in ins[0].children if p.dep_ == "pobj" and etype(p) == "PLACE"]
    sites = [e for e in entities_of(verb_args(v)["subj"], lex) if etype(e) == "FACILITY"]
    out.add(_SITE_IS_IN, sites, places, v)


POWERING_VERBS = frozenset({"power", "drive", "fuel", "run"})
_POWERS = Rule("compute-powers", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)


def powers(out, v: Token, lex: Lexicon):
    """"Nvidia's chips power Meta's data centres", 'Nvidia processors run its new cluster': the maker of
    the compute that powers a company's site, product or compute supplies the company."""
    args = verb_args(v)
    things = [counted(s, lex) for s in args["subj"] if not etype(s)]
    things = [t for t in things if is_compute(t, lex)]
    if not things or is_passive(v):
        return
    makers = [w for t in things for w in (*possessors(t, lex),
                                           *(c for c in t.children if c.dep_ in ("compound", "nmod")))
              if etype(w) == "ORG"]
    users = [p for o in args["obj"] if not etype(o) for p in possessors(o, lex) if etype(p) == "ORG"]
    users += [o for o in args["obj"] if etype(o) == "ORG"]       # 'Nvidia chips power OpenAI'
    out.add(_POWERS, makers, [u for u in users if u not in makers], v)


REVENUE_VERBS = frozenset({"account", "make", "represent", "come", "get", "derive", "draw", "earn", "generate"})
_REVENUE_SHARE = Rule("revenue-share", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)


def revenue_share(out, v: Token, lex: Lexicon):
    """'Microsoft accounted for 62% of CoreWeave's revenue', 'most of Cerebras's revenue came from
    a single customer, G42', 'Cerebras gets most of its sales from G42': whose revenue it is
    supplies whoever pays it."""
    args = verb_args(v)
    lemma, revenue = v.lemma_.lower(), lex.words["revenue_nouns"]

    def revenue_words(toks) -> list[Token]:
        return [w for t in toks for w in t.subtree if w.lemma_.lower() in revenue or w.lower_ in revenue]

    def sellers(toks) -> list[Token]:
        # the owner of the revenue named in these words ('62% of CoreWeave's revenue', 'its sales')
        return [p for w in revenue_words(toks) for p in possessors(w, lex) if etype(p) == "ORG"]

    def orgs(toks) -> list[Token]:
        return [e for e in entities_of(toks, lex) if etype(e) == "ORG"]

    if lemma in ("account", "make", "represent"):
        if lemma == "make" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in v.children):
            return
        said = args.get("prep:for", []) if lemma == "account" else args["obj"]
        out.add(_REVENUE_SHARE, sellers(said), orgs(args["subj"]), v)
    elif lemma == "come":
        out.add(_REVENUE_SHARE, sellers(args["subj"]), orgs(args.get("prep:from", [])), v)
    elif sellers(args["obj"]):      # 'gets most of its revenue from G42'
        # ('gets nearly all of its sales from G42', the 'from' hung on the revenue noun)
        payers = args.get("prep:from", []) + [
            p for w in revenue_words(args["obj"])
            for c in w.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children if p.dep_ == "pobj"]
        out.add(_REVENUE_SHARE, orgs(args["subj"]), orgs(payers), v)


CHOOSING_VERBS = frozenset({"tap", "pick", "choose", "select", "turn", "contract", "hire", "engage", "enlist"})
_CHOSEN_FOR = Rule("chosen-for-compute", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)


def chosen_for_compute(out, v: Token, lex: Lexicon):
    """'OpenAI taps Google for TPUs', 'turned to CoreWeave for extra capacity', 'has contracted
    CoreWeave for $12 billion of computing power': the company chosen for compute supplies the chooser."""
    args = verb_args(v)
    # ('for $12 billion of computing power': what the money is of)
    wanted = [p for t in args.get("prep:for", []) for p in [t] + [
        q for c in t.children if t.ent_type_ == "MONEY" and c.dep_ == "prep" and c.lower_ == "of"
        for q in c.children if q.dep_ == "pobj"]]
    chosen = args.get("prep:to", []) if v.lemma_.lower() == "turn" else args["obj"]
    chosen = [e for e in entities_of(chosen, lex) if etype(e) == "ORG"]
    # ('Google Cloud, which Tamatem chose because of its data centres in the Gulf': a cloud by name)
    by_name = v.lemma_.lower() in ("pick", "choose", "select") and chosen and all(is_compute(e, lex) for e in chosen)
    if not any(is_site_or_compute(counted(t, lex), lex) for t in wanted) and not by_name:
        return
    out.add(_CHOSEN_FOR, chosen, [e for e in entities_of(args["subj"], lex) if etype(e) == "ORG"], v)


def counted(t: Token, lex: Lexicon) -> Token:
    """The thing a count or a part counts: 'tens of thousands of Nvidia's chips' -> 'chips', 'much of
    its data' -> 'data'; and what
    access is to: 'access to a million TPUs' -> 'TPUs'."""
    for _ in range(3):
        counts = t.like_num or t.ent_type_ in ("CARDINAL", "QUANTITY", "PERCENT") or t.lower_ in lex.words["count_nouns"] \
            or t.lower_ in lex.words["portion_words"]     # 'much of its data', 'part of its computing'
        if is_compute(t, lex) or not counts and t.lower_ != "access":
            return t
        prep = "to" if t.lower_ == "access" else "of"
        inner = [p for c in t.children if c.dep_ == "prep" and c.lower_ == prep for p in c.children if p.dep_ == "pobj"]
        if not inner:
            return t
        t = inner[0]
    return t


OTHER_PARTIES = frozenset({"supplies", "invests_in", "partners_with", "competes_with", "works_for", "leads", "founded"})


def _included_in(item: Token, lex: Lexicon) -> list[Token]:
    """"Meta's advertising business, which includes Facebook, Instagram and WhatsApp": what a
    company's business or line-up includes, the company makes."""
    while item.dep_ == "conj":
        item = item.head
    v = item.head
    if item.dep_ != "dobj" or v.lemma_ not in ("include", "comprise", "span"):
        return []
    out = []
    for s in verb_args(v)["subj"]:
        noun = s.head.head if s.lower_ in ("which", "that") and s.head.dep_ == "relcl" else s
        # (not 'its customers include Aviva' or 'its investors include ...': a noun for other companies)
        if any(r.relation in OTHER_PARTIES for r in rules_for(lex.roles, noun, lex)):
            continue
        if not etype(noun):
            out += [o for o in possessors(noun, lex) if etype(o) == "ORG"]
    return out


_LAUNCHED = Rule("event-launch", "events", "develops", frozenset({"ORG"}), frozenset({"PRODUCT", "FACILITY"}), 0.75)


def launched(out, e: Token, lex: Lexicon):
    """"Microsoft's launch of Copilot", 'the release of GPT-5 by OpenAI', 'SK Hynix completed
    development of HBM4' -> develops (not 'Google scrambled after the launch of ChatGPT')."""
    if e.lemma_.lower() not in lex.words["launch_nouns"]:
        return
    products = [p for c in e.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                if p.dep_ == "pobj" and etype(p) in ("PRODUCT", "FACILITY")]
    if not products:
        return
    makers = possessors(e, lex) + [p for c in e.children if c.dep_ == "prep" and c.lower_ == "by"
                                   for p in c.children if p.dep_ == "pobj"]
    if not makers and e.dep_ == "dobj" and e.head.lemma_.lower() in lex.words["doing_verbs"]:
        makers = verb_args(e.head)["subj"]
    out.add(_LAUNCHED, entities_of(makers, lex), [c for p in products for c in conjuncts(p)], e)


_TENANT = Rule("tenant-at-site", "compute", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)
TENANT_VERBS = frozenset({"occupy", "lease", "rent", "take"})
TENANCY_TRIGGERS = TENANT_VERBS | {"sign", "ink"}      # ('signed a long-term lease for ...')


def _site_owners(site: Token, lex: Lexicon) -> list[Token]:
    """Whose site a phrase names: "TeraWulf's campus", 'Lake Mariner, TeraWulf's campus', 'the first
    phase of Frontier, its campus'."""
    if site.lemma_.lower() in ("phase", "part", "portion", "half", "hall", "building"):
        site = next((p for c in site.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), site)
    nouns = [site] + [c for c in site.children if c.dep_ == "appos"]
    if not any(is_site_noun(n) or etype(n) == "FACILITY" for n in nouns):
        return []
    return [p for n in nouns for p in possessors(n, lex) if etype(p) == "ORG"]


def tenancy(out, v: Token, lex: Lexicon):
    """'Fluidstack will occupy 200 megawatts at Lake Mariner, TeraWulf's campus', 'Oracle signed a
    long-term lease for the first phase of Frontier, its campus': the site's owner supplies the tenant."""
    args = verb_args(v)
    places = [p for c in v.children if c.dep_ == "prep" and c.lower_ in ("at", "in")
              for p in c.children if p.dep_ == "pobj"] if v.lemma_.lower() in TENANT_VERBS else []
    if any(o.lemma_.lower() == "lease" for o in args["obj"]):
        # 'signed a long-term lease for the first phase of Frontier', the phrase hung on the noun or the verb
        places += [p for o in [v] + args["obj"] for c in o.children
                   if c.dep_ == "prep" and c.lower_ in ("for", "at", "on", "in") for p in c.children if p.dep_ == "pobj"]
    if not places or any(c.dep_ == "prep" and c.lower_ == "with" for w in (v, *args["obj"]) for c in w.children):
        return      # ('signed a lease with CoreWeave at its campus': who is the landlord is not said)
    tenants = [e for e in entities_of(args["subj"], lex) if etype(e) == "ORG"]
    owners = [o for p in places for o in _site_owners(p, lex)]
    out.add(_TENANT, [o for o in owners if o not in tenants], tenants, v)
