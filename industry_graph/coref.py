"""Which organisation 'it', 'its', 'the company' or 'the two companies' stand for.

extract() records, sentence by sentence, the last organisation a sentence was about and the one the
article is about (its most mentioned); these functions read that record and the sentence itself."""
from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import ENT_ID
from spacy.tokens import Token

from .gazetteer import company_homes, company_kinds
from .clauses import BUYING_VERBS
from .facilities import is_site_noun
from .lexicon import Lexicon, load_lexicon
from .reuse import MEMO
from .syntax import COPULAS, KNOWN_NAMES, PART_DESCRIPTIONS, RIVAL_WORDS, SUBJ, conjuncts, etype, sentence

ANTECEDENT = "industry_graph_antecedent"
PERSON_ORG = "industry_graph_person_org"    # a person's surname -> the organisation a stated role ties them to
PREVIOUS = "industry_graph_previous"        # the organisations the sentence before named
LAST_ROUND = "industry_graph_last_round"    # the company whose funding round the article last named
DESCRIBED = "industry_graph_described"      # 'cloud provider' -> the last organisation called one
OFFICER_WORDS = frozenset({"executive", "officer", "chairman", "chair", "president", "founder", "spokesman",
                           "spokeswoman", "spokesperson", "head"})
PLACED = "industry_graph_placed"            # 'tokyo' -> the last organisation said to be there
HOMES = "industry_graph_homes"              # an organisation's name -> the places 'the Tokyo company' put it in
GENERIC = frozenset({"company", "firm", "group", "business"})   # nouns too common to tell companies apart
# nouns for those who put money in: a story about a company quotes them as others
MONEY_NOUNS = frozenset({"investor", "fund", "lender", "bank", "insurer"})


def _description_keys(noun: Token) -> list[str]:
    """'the cloud provider' -> ['cloud provider', 'provider']."""
    mods = [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i and not c.ent_type_]
    lemma = noun.lemma_.lower()
    keys = ([" ".join(mods[-1:] + [lemma])] if mods else []) + [lemma]
    # ('the data-labelling company': a hyphened modifier as written, which the tokenizer cuts in three)
    doc, i = noun.doc, noun.i
    if i >= 3 and doc[i - 2].text == "-" and not doc[i - 3].whitespace_ and not doc[i - 2].whitespace_ \
            and not doc[i - 3].ent_type_:
        keys.insert(0, f"{doc[i - 3].lower_}-{doc[i - 1].lower_} {lemma}")
    return keys


def _remembered(t: Token) -> int | None:
    """The organisation an earlier sentence described with this noun, if any; failing that, the
    last one named before the sentence that news calls so ('the chipmaker' after Nvidia,
    'the search giant' after Google: gazetteer.company_kinds())."""
    keys = _description_keys(t)
    start = sentence(t).start
    # 'the Tokyo company': the organisation the article has placed there ('Preferred Networks, a
    # Tokyo start-up', 'the Tokyo-based Preferred Networks')
    placed = t.doc.user_data.get(PLACED, {})
    places = _home_places(t)
    for c in places:
        if (found := placed.get(c.lower_)) is not None and found < start:
            return found
    memo = t.doc.user_data.get(DESCRIBED, {})
    if t.lemma_.lower() not in GENERIC:
        found = memo.get(keys[0])     # the full description first ('the cloud provider'), then the noun
        if found is None:
            found = memo.get(keys[-1])
        if found is not None and found < start:
            return found
    elif " " in keys[0] and (found := memo.get(keys[0])) is not None and found < start:
        return found        # 'the wholesale business' after 'Worldpac, its wholesale business'
    # ('the social-media company' names a kind; 'the company' alone does not)
    keys = [k for k in keys if " " in k] if t.lemma_.lower() in GENERIC else keys
    # (one company: not 'the closed humanoid companies')
    return _known_kind(t, keys, start) if keys and t.tag_ in ("NN", "NNP") else None


def _home_places(t: Token) -> list[Token]:
    """The places a description puts its company in: 'the Tokyo company', 'the Chicago-based company'
    (the place of 'based'), 'The Boise, Idaho, company' (the place the article is hung on)."""
    places = [c for c in t.children if c.dep_ in ("compound", "nmod", "amod") and etype(c) == "PLACE"]
    places += [p for c in t.children if c.lower_ == "based" and c.dep_ == "amod" for p in c.children
               if etype(p) == "PLACE"]
    if _place_first(t) and etype(t.left_edge.head) == "PLACE":
        places.append(t.left_edge.head)
    return places


def place_key(place: Token) -> str:
    """How the article's record of homes writes a place: 'the netherlands' -> 'netherlands'."""
    return place.lower_.removeprefix("the ")


def note_home(company: Token, places) -> None:
    """Remember that the article puts a company in these places (their place_key()s)."""
    company.doc.user_data.setdefault(HOMES, {}).setdefault(company.ent_id_ or company.text, set()).update(places)


def _elsewhere(found: Token, here: set[str]) -> bool:
    """Whether the article has put the company in other places than `here`, where a description puts
    it ('The Boise, Idaho, company', after 'the Tokyo-based company' stood for the story's company)."""
    if not here:
        return False
    homes = found.doc.user_data.get(HOMES, {}).get(found.ent_id_ or found.text, set())   # (see note_home)
    if homes and not here & homes:
        return True
    # (and where the gazetteer knows a company's headquarters, each place the description gives:
    # 'The Gothenburg-based operator', in a sentence after Microsoft is named, is not Microsoft; 'the
    # Cambridge, Massachusetts-based company' is not General Electric, in Boston)
    # (an area news names loosely, 'the Silicon Valley company', says nothing against a city)
    known = company_homes().get(found.ent_id_) if found.ent_id_ else None
    return bool(known) and not (here - load_lexicon().words["areas"]) <= known


def _known_home(t: Token, here: set[str], start: int) -> int | None:
    """'The Nacka-based group', in a story that has named Atlas Copco: the last company named before
    the sentence whose headquarters the gazetteer puts in every place the description gives (areas
    such as Silicon Valley aside)."""
    here = here - load_lexicon().words["areas"]
    homes = company_homes()
    if not here or not homes:
        return None
    known = _known_names(t.doc)
    for i in reversed(known[:bisect_left(known, start)]):
        e = t.doc[i]
        if etype(e) == "ORG" and here <= homes.get(e.ent_id_, frozenset()):
            return e.i
    return None


def _known_kind(t: Token, keys: list[str], start: int) -> int | None:
    kinds = company_kinds()
    if not kinds:
        return None
    # the article's company first, when it is of that kind ('the chipmaker' in a story about AMD that
    # also names Nvidia); otherwise the last one named
    topic = t.doc.user_data.get(ANTECEDENT, (None, None))[1]
    if topic is not None and topic < start and (e := t.doc[topic]).ent_id_ \
            and any(k in kinds.get(e.ent_id_, ()) for k in keys):
        return topic
    # ('trains its models on Amazon Web Services under an agreement it signed with the cloud company':
    # one named earlier in the same sentence, outside the phrase the description stands in)
    known = _known_names(t.doc)
    for i in reversed(known[bisect_left(known, start):bisect_left(known, t.i)]):
        e = t.doc[i]
        if etype(e) == "ORG" and any(k in kinds.get(e.ent_id_, ()) for k in keys) \
                and not _in_phrase_of(t, e) and not t.is_ancestor(e):
            return e.i
    for i in reversed(known[:bisect_left(known, start)]):
        e = t.doc[i]
        if etype(e) == "ORG" and any(k in kinds.get(e.ent_id_, ()) for k in keys):
            return e.i
    return None


def _known_names(doc) -> list[int]:
    """The positions of the words the gazetteer named, in order (worked out once per Doc: the
    descriptions above are looked up many times an article)."""
    found = doc.user_data.get(KNOWN_NAMES)
    if found is None:
        found = [int(i) for i in doc.to_array(ENT_ID).nonzero()[0]]
        if MEMO in doc.user_data:       # (kept only while extract() reads the Doc: reuse.forget drops it)
            doc.user_data[KNOWN_NAMES] = found
    return found


def known_as(t: Token, kind: str) -> Token | None:
    """The organisation named earlier that news calls `kind` ('alphabet unit' -> Google), if any."""
    found = _known_kind(t, [kind], sentence(t).start)
    return None if found is None else t.doc[found]


def _in_phrase_of(t: Token, e: Token) -> bool:
    """Whether a description stands in the name's own phrase ('Oracle, the cloud company'; 'Nvidia,
    one of the chipmaker's ...')."""
    up = t
    for _ in range(4):
        if up.dep_ not in ("appos", "poss", "compound", "nmod", "pobj", "prep") or up.head.i == up.i:
            return False
        up = up.head
        if up.i == e.i:
            return True
    return False


# the last words of names that news uses alone for the named body: 'the partnership' after the AI
# Infrastructure Partnership, 'the foundation' after the OpenAI Foundation
NAME_HEADS = frozenset({"partnership", "fund", "foundation", "alliance", "consortium", "coalition", "initiative"})


def note_descriptions(doc, sent: list[Token], lex: Lexicon) -> None:
    """Remember what the sentence (its tokens) calls each organisation: 'CoreWeave, a cloud provider',
    'chipmaker Broadcom', 'Nvidia is the largest chipmaker'; a later 'the cloud provider' or 'the
    chipmaker' stands for it."""
    memo = doc.user_data.setdefault(DESCRIBED, {})
    placed = doc.user_data.setdefault(PLACED, {})
    for e in sent:
        if etype(e) != "ORG":
            continue
        if " " in e.text and (head := e.text.split()[-1].lower()) in NAME_HEADS:
            memo[head] = e.i
        nouns = [c for c in e.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
        if e.dep_ == "appos" and e.head.pos_ == "NOUN":
            nouns.append(e.head)
        if e.dep_ in ("nsubj", "nsubjpass") and e.head.lemma_ == "be":
            nouns += [c for c in e.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        nouns += _described_after(e, lex)
        for w in (e, *nouns):
            if w is not e and w.lemma_.lower() not in lex.anaphora:
                continue
            for c in w.children:
                if c.dep_ in ("compound", "nmod", "amod") and etype(c) == "PLACE" and w is not e:
                    placed[c.lower_] = e.i
                elif c.lower_ == "based" and c.dep_ == "amod":
                    placed.update((p.lower_, e.i) for p in c.children if etype(p) == "PLACE")
        for n in nouns:
            if n.lemma_.lower() in lex.anaphora:
                # (a common noun only with its modifier: 'Worldpac, its wholesale business', then 'the
                # wholesale business')
                for key in _description_keys(n):
                    if n.lemma_.lower() not in GENERIC or " " in key:
                        memo[key] = e.i


def note_placed_descriptions(sent: list[Token], lex: Lexicon) -> None:
    """'The Kyoto-based maker of electric motors said ...': a sentence's opening subject that describes
    a company by where it is based, resolved as soon as its sentence is read, so that the article
    remembers the place (antecedent() notes it) even where no relation asks who it is; a later 'The
    Tokyo-based company' is then not taken for the same company."""
    for t in sent:
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and t.lemma_.lower() in lex.anaphora \
                and t.left_edge.i == sentence(t).start \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) \
                and not any(c.dep_ == "appos" for c in t.children) and _home_places(t):
            antecedent(t)       # (also 'the maker of electric motors', which is_anaphor() leaves to others)


def _described_after(e: Token, lex: Lexicon) -> list[Token]:
    """'Run:ai, the Israeli startup whose ...' read by position, for when the parser did not hang
    the description on the name: a comma, an article, a few modifiers, then a describing noun."""
    doc = e.doc
    i = e.i + 1
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("the", "a", "an"):
        return []
    for t in doc[i + 2:min(i + 7, sentence(e).end)]:
        if t.lemma_.lower() in lex.anaphora and t.pos_ == "NOUN":
            return [t]
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV") and t.text != "-":
            return []
    return []


def is_anaphor(t: Token, lex: Lexicon) -> bool:
    """'It' or 'the company', standing for the organisation the text is about."""
    if t.dep_ not in ("nsubj", "nsubjpass", "poss", "dobj", "pobj", "dative"):
        return False
    if t.lower_ == "it":
        return t.dep_ != "poss"
    if t.lemma_.lower() in NAME_HEADS and t.n_lefts + t.n_rights == 1 and t.doc[t.i - 1].lower_ == "the" \
            and t.doc.user_data.get(DESCRIBED, {}).get(t.lemma_.lower(), t.i) < sentence(t).start:
        return True     # 'the partnership', after the AI Infrastructure Partnership
    if t.lemma_.lower() not in lex.anaphora:
        return False    # (most words: no test below can make them one)
    # 'the company', or a person's company: "Jim Keller's chip start-up takes on Nvidia"
    founder = [c for c in t.children if c.dep_ == "poss" and (etype(c) == "PERSON" or c.lower_ in ("his", "her"))]
    if t.tag_ in ("NNS", "NNPS") and not founder:
        return False    # 'sell optical components to the large cloud companies': many, not the one
    if not founder and not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) and not _place_first(t):
        return False
    # not 'the lab known as FAIR', 'the company's unit' or 'the firm that ...': the phrase names its own
    # (but 'the company, the largest owner of ...' and 'the start-up, which launched ...' describe it)
    # ('founded the company in 2008': a date hung on the noun names nothing)
    if any(c.dep_ == "poss" and c not in founder or c.dep_ == "prep" and not _dated(c)
           or c.dep_ == "acl" and c.lemma_ in NAMING_VERBS and not _known_for(c)
           or c.dep_ in ("relcl", "appos") and not _set_off(c) for c in t.children):
        return False
    if _remembered(t) is not None:
        return True           # 'the cloud provider', after 'CoreWeave, a cloud provider'
    if t.lemma_.lower() in MONEY_NOUNS:
        return False          # 'the Hong Kong investor said': someone else unless called so before
    # 'the company' or 'the Redmond-based company', but not 'the Chinese company Moonshot'; 'the
    # software giant' only as an object, for a company the sentence has just named (antecedent())
    # ('the AI start-up': the technology is no name)
    tech = lex.words["technology_words"]
    # ('the Andreessen Horowitz-backed start-up': a name joined to a modifier by a hyphen is no name of it)
    # ('the Tel Aviv-based company, one of the oldest names in security': a description set off after
    # it names nothing)
    return not any(c.ent_type_ not in ("GPE", "LOC", "NORP") and etype(c) != "PLACE" and not _hyphened(c)
                   and c not in founder
                   and not (c.dep_ == "appos" and c.ent_type_ == "CARDINAL" and _set_off(c))
                   if c.ent_type_
                   else c.dep_ in ("compound", "nmod") and (c.pos_ == "PROPN" and c.text not in tech
                                                           or t.dep_ not in OBJECTS and not founder)
                   for c in t.children)


def _known_for(v: Token) -> bool:
    """'the Bloomington-based company, best known for its red mowers': what it is known for, not a name."""
    return v.lemma_ == "know" and not any(c.dep_ == "prep" and c.lower_ == "as" for c in v.children)


def _dated(prep: Token) -> bool:
    """'in 2008', 'in March': a preposition whose object is a date."""
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objs) and all(p.ent_type_ == "DATE" for p in objs)


def _place_first(t: Token) -> bool:
    """'The San Jose, California, company', its article hung on the place (or tagged with it)."""
    first = t.left_edge
    return first.i < t.i and (first.lower_ == "the" and first.head.ent_type_ in ("GPE", "LOC")
                              or first.ent_type_ in ("GPE", "LOC") and first.lower_.startswith("the "))


OBJECTS = ("dobj", "pobj", "dative")
ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr", "appos", "conj", "poss")


def _kind_given(t: Token) -> bool:
    """'the software giant', 'the chip company': a description that says what kind of company."""
    return any(c.dep_ in ("compound", "nmod") and not c.ent_type_ for c in t.children)


def opens_sentence(e: Token) -> bool:
    """A name set off by a comma at the start of its sentence and left out of the clause by the
    parser ('Anysphere, the company behind Cursor, was started by ...'): the sentence's subject."""
    return e.i == sentence(e).start and e.i + 1 < len(e.doc) and e.doc[e.i + 1].text == "," \
        and e.dep_ not in ("conj", "appos", "nsubj", "nsubjpass")


def verb_over_it(t: Token) -> Token:
    """The verb an object pronoun hangs on, past a portion of it ('... and sold most of it to Kohlberg')."""
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ == "dobj" \
            and t.head.head.lower_ in load_lexicon().words["portion_words"]:
        return t.head.head.head
    return t.head


def antecedent(t: Token) -> list[Token]:
    if t.dep_ == "poss" and t.lower_ not in ("its", "their") and (maker := _maker_of_possessed(t)) is not None:
        return [maker]
    found = _antecedent(t)
    here = {place_key(p) for p in _home_places(t)}     # ('The Santa Clara, California, company')
    if len(found) == 1 and _elsewhere(found[0], here):
        # ('The Boise, Idaho, company' right after Micron is named, in a story about a Tokyo company)
        # (another company the sentence before named, the first that may be there)
        start, key = sentence(t).start, found[0].ent_id_ or found[0].text
        before = sentence(t.doc[start - 1]) if start else []
        # (nor the same company by a shorter name: 'Goldman' after 'Goldman Sachs')
        before = [e for e in before if not _shorter(e, found[0])]
        # (the company whose officer the sentence before quoted first: 'said Olivier Chretien,
        # InvoCare's chief executive. The Sydney-based company runs ...')
        officers = [e for e in before if etype(e) == "ORG" and e.dep_ == "poss" and (e.ent_id_ or e.text) != key
                    and e.head.lemma_.lower() in OFFICER_WORDS and not _elsewhere(e, here)]
        found = officers[-1:] or [e for e in before if etype(e) == "ORG" and e.dep_ in ARGUMENTS
                                  and (e.ent_id_ or e.text) != key and not _elsewhere(e, here)][:1]
        # (failing those, the story's company, if it may be there: 'The Paris-based insurer' after a
        # rival from Munich is named, in a story about AXA)
        topic = t.doc.user_data.get(ANTECEDENT, (None, None))[1]
        if not found and topic is not None and topic < t.i and etype(t.doc[topic]) == "ORG" \
                and (t.doc[topic].ent_id_ or t.doc[topic].text) != key and not _elsewhere(t.doc[topic], here):
            found = [t.doc[topic]]
        if not found and (known := _known_home(t, here, start)) is not None:
            found = [t.doc[known]]      # ('The Nacka-based group' after Atlas Copco and its target are named)
    if len(found) == 1 and here:     # remember where the description put the company
        note_home(found[0], here)
    if found and t.dep_ == "poss" and t.head.dep_ == "appos" and _parent_in_name(t.head.head) \
            and not _names_parent(t.head.head, found[0]) and found[0].dep_ in SUBJ \
            and sentence(found[0]).start == sentence(t).start:
        # 'MiniMax will train its models on Alibaba Cloud, the group's cloud-computing arm': no arm
        # of the company that uses it (but 'Google Cloud, the company's unit' after Alphabet is)
        return []
    return found


def _maker_of_possessed(t: Token) -> Token | None:
    """("The company's Altra and AmpereOne processors" in a story about SoftBank buying Ampere): the
    maker the article or the gazetteer gives for the products named, when named before, is the
    company meant (not for 'its', which the clause itself resolves: 'its HBM3E' is Micron's as much
    as Samsung's)."""
    from .phrases import product_maker      # (phrases reads coref)
    noun = t.head
    named = [noun] if etype(noun) == "PRODUCT" else [
        c for c in noun.children if c.dep_ in ("compound", "nmod") and etype(c) == "PRODUCT"]
    for p in named:
        for q in conjuncts(p):
            if etype(q) == "PRODUCT" and (maker := product_maker(q, t.i)) is not None:
                return maker
    return None


ROUND_NOUNS = frozenset({"round", "funding", "financing", "raise"})
ROUND_VERBS = frozenset({"lead", "co-lead", "join", "back", "anchor"})
BACKING_LEMMAS = ROUND_VERBS | {"take", "participate", "invest"}     # ('took part', 'participated', 'invested')


def backed_round(pron: Token) -> bool:
    """'Jump Capital led its Series A round': the owner of a round its investor leads or joins is the
    company raising the money, not the verb's subject."""
    noun = pron.head
    # ('led its $255 million Series C': a round named by its letter alone)
    lettered = len(noun) == 1 and noun.is_upper and any(c.dep_ == "compound" and c.lower_ == "series"
                                                         for c in noun.children)
    if pron.dep_ != "poss" or not (noun.lemma_.lower() in ROUND_NOUNS or lettered):
        return False
    # ('invested in the company's Series A round')
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in ROUND_VERBS or noun.dep_ == "pobj" \
        and noun.head.lower_ in ("in", "into") and noun.head.head.lemma_.lower() in ("invest", "participate")


def owner_of_examples(t: Token) -> Token | None:
    """"on Nvidia's software, including its NeMo platform": an 'its' in examples set after a comma is
    the owner of the noun right before the comma, however the parser hung the examples."""
    ex = t.head.head if t.dep_ == "poss" and t.head.dep_ == "pobj" else None
    if ex is None or ex.lower_ not in ("including", "like") or ex.i < 2 or t.doc[ex.i - 1].text != ",":
        return None
    return next((c for c in t.doc[ex.i - 2].children if c.dep_ == "poss" and etype(c) == "ORG"), None)


def _shorter(a: Token, b: Token) -> bool:
    """Whether one of two mentions is the other's name cut short ('Goldman', 'Goldman Sachs')."""
    return a.text.startswith(b.text + " ") or b.text.startswith(a.text + " ")


def _same_name(a: Token, b: Token) -> bool:
    """Whether two mentions name the same organisation (by its gazetteer id, or as written)."""
    return a.ent_id_ == b.ent_id_ if a.ent_id_ or b.ent_id_ else a.text == b.text


def _names_parent(unit: Token, owner: Token) -> bool:
    """Whether a unit's first word names the owner: 'Alibaba' or 'SB' (SoftBank's capitals)."""
    first = unit.text.split()[0]
    return owner.text.split()[0] == first or "".join(c for c in owner.text if c.isupper()) == first


def started_by_subject(pron: Token) -> list[Token]:
    """'Tom Hale, who founded Halter in 2016 after working at Rocket Lab, is its chief executive': for
    'its' in what a copula says of a person, the company the person's relative clause says they started."""
    said = pron.head
    if said.dep_ not in ("attr", "oprd") or said.head.lemma_ not in COPULAS:
        return []
    return [o for p in said.head.children if p.dep_ in SUBJ and etype(p) == "PERSON" for r in p.children
            if r.dep_ == "relcl" and load_lexicon().company_verb(r) for o in r.children
            if o.dep_ == "dobj" and etype(o) == "ORG" and o.i < pron.i][:1]


def _antecedent(t: Token) -> list[Token]:
    """An organisation that is a subject earlier in the same sentence ('Nvidia supplies Oracle, one of
    the chipmaker's largest customers'); otherwise, for 'it', the organisation the previous sentence
    was about, and for 'the company' or 'the startup', the one the article is about (the most
    mentioned so far). extract() keeps both in doc.user_data as it reads."""
    last, topic = t.doc.user_data.get(ANTECEDENT, (None, None))
    if any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in t.children):
        return _persons_company(t)  # 'Alibaba chairman Joe Tsai confirmed that his company was working with Apple'
    if t.lower_ not in ("it", "its") and (i := _remembered(t)) is not None:
        return [t.doc[i]]     # 'the cloud provider': the organisation the article last called that
    if t.dep_ == "poss" and t.lemma_.lower() in load_lexicon().anaphora and t.head.dep_ != "appos" \
            and any(c.dep_ == "amod" and c.ent_type_ == "NORP" for c in t.children) \
            and (named := _last_named_object(t)):
        # 'signed an agreement with Siemens to install the German group's Industrial Copilot': a
        # description by nationality stands for the company the sentence has just named (not in a
        # description of a name: 'SB Energy, the Japanese group's US power subsidiary')
        return named
    if t.dep_ in OBJECTS:
        if t.dep_ == "dobj" and t.head.lemma_.lower() == "value" and (i := t.doc.user_data.get(LAST_ROUND)) is not None \
                and i < t.i and any(s.dep_ == "nsubj" and s.lemma_.lower() in ROUND_NOUNS | {"deal", "investment"}
                                    for s in t.head.children):
            return [t.doc[i]]   # 'The round values the Shanghai company at $2.5 billion': who raised it
        v = verb_over_it(t)
        if t.lower_ == "it" and v.dep_ == "conj" and v.head.pos_ == "VERB":
            # 'co-founded HockeyApp ... and sold it to Microsoft': the object of the verb before
            named = [o for o in v.head.children if o.dep_ == "dobj" and etype(o) == "ORG"]
            if named:
                return named[:1]
        if _kind_given(t):
            # 'signed an agreement with Microsoft, under which it will provide capacity to the software
            # giant': a description of the kind of company stands for the one the sentence last named
            # as an object, not by default for the article's company ('the company' does)
            return _last_named_object(t)
        if other := _subject_outside(t):
            # 'Moveworks was founded by Bhavin Shah, who runs it as chief executive', '... who will keep
            # a stake in the business'
            return other
        doers = [s for s in _verb_above(t.head).children if s.dep_ == "nsubj"]
        doers = [s.head.head if s.lower_ == "who" and s.head.dep_ == "relcl" else s for s in doers]
        if t.lemma_.lower() in load_lexicon().anaphora and doers and etype(doers[0]) == "PERSON" \
                and not any(c.dep_ in ("amod", "compound", "nmod") for c in t.children):
            verb = _verb_above(t.head)
            if verb.dep_ == "advcl" and (bought := [o for o in verb.head.children if o.dep_ == "dobj" and o.i < t.i
                                                    and etype(o) == "ORG"]):
                # 'It bought Zipcar in 2013, a decade after Robin Chase co-founded the company': the
                # company the clause it hangs on names
                return bought[:1]
            # 'Jake Heller, Casetext's co-founder ... . Heller started the company in 2013', in a story
            # about its buyer: the company the article has tied the person to
            if (tied := t.doc.user_data.get(PERSON_ORG, {}).get(doers[0].text.split()[-1])) is not None \
                    and tied < sentence(t).start:
                return [t.doc[tied]]
            if (named := _named_after(doers[0], sentence(t).start)) is not None:
                return [named]  # 'Harvey Benjamin Fuller started the company', in a story about H.B. Fuller
            if (one := _single_previous(t)) is not None:
                # 'Mistral ... has become Europe's most prominent AI developer. Arthur Mensch ... started
                # the company': the one organisation the sentence before was about, in a story about another
                return [t.doc[one]]
        if t.lower_ == "it" and t.dep_ == "dobj" and t.head.dep_ in ("advcl", "conj", "relcl"):
            # 'He spent two decades at Sogou ..., until Tencent bought it': in a clause whose doer is
            # named, the organisation named before in the sentence, other than the doer
            verb = t.head
            while verb.dep_ == "conj" and not any(s.dep_ == "nsubj" for s in verb.children):
                verb = verb.head    # ('... bought it in 2021 and took it private')
            doers = {x.i for s in verb.children if s.dep_ == "nsubj" for x in s.conjuncts + (s,)}
            if any(etype(t.doc[i]) == "ORG" for i in doers):
                # ('Tiger Global led its Series C, and Madrona has backed it': not a fellow backer)
                backing = verb.lemma_.lower() in BACKING_LEMMAS
                named = [e for e in sentence(t) if e.i < t.i and etype(e) == "ORG" and e.i not in doers
                         and e.dep_ not in ("compound", "poss") and not describes_person(e)
                         and not (backing and e.dep_ in SUBJ and e.head.lemma_.lower() in BACKING_LEMMAS)]
                if named:
                    return named[-1:]
        if t.lemma_.lower() in load_lexicon().anaphora and _verb_above(t).dep_ != "relcl" \
                and (about := _relative_subject_above(t, passive=True)) is not None \
                and not any(s.dep_ in SUBJ and _same_name(s, about) for s in _verb_above(t.head).children):
            # 'Virtus Health, which has been owned by BGH Capital since BGH bought the company': the
            # company the relative clause around the object's clause is about
            return [about]
        # an object is not its own clause's subject: 'Amazon has invested $8 billion in the startup'
        clause = [e for e in sentence(t) if e.dep_ in SUBJ and etype(e) == "ORG"]
        if t.lower_ == "it" and t.dep_ == "dobj" and clause and (doer := [
                s for s in t.head.children if s.dep_ == "nsubj" and not etype(s) and s.pos_ == "NOUN"]) \
                and (meant := _antecedent(doer[0])) and meant[0] not in clause:
            # 'X has belonged to Y since 2021, when the conglomerate took it over': the subject above,
            # the description standing for another
            return clause[:1]
        # ('Supermicro and Dell both supplied servers for it': nor, by name, any subject of its own verb)
        own = [c for s in _verb_above(t).children if s.dep_ in SUBJ for c in (s, *s.conjuncts)] \
            if t.lower_ == "it" or t.lemma_.lower() in load_lexicon().anaphora else []
        if t.lower_ == "it" and t.dep_ == "dobj" and t.head.lemma_.lower() in ("buy", "acquire", "purchase") \
                and (one := _single_previous(t)) is not None and one != topic \
                and not any(_same_name(e, t.doc[one]) for e in own + clause):
            # ('Helly Hansen ... was founded in 1877 by Helly Juell Hansen. Canadian Tire bought it in 2018',
            # in a story about its new buyer): the one company the sentence before was about
            return [t.doc[one]]
        if t.lower_ == "it" and t.dep_ == "dobj" and t.head.lemma_.lower() in BUYING_VERBS \
                and (sold := [e for e in clause if e.i < t.i and etype(e) == "ORG" and not e.head.is_ancestor(t)
                              and e.head.i != t.head.i and not any(_same_name(e, o) for o in own)]):
            # 'ASM Global is itself changing hands: Legends agreed in March to buy it': the company another
            # clause of the sentence is about, not the article's
            return sold[-1:]
        return [t.doc[topic]] if topic is not None and topic < t.i and all(e.i != topic for e in clause) \
            and not any(_same_name(e, t.doc[topic]) for e in own) else []
    if t.lower_ == "it" and _speaker_is_no_company(t):
        return []       # 'The ministry said it was renting them from NHN Cloud': the speaker itself
    first = next((x for x in sentence(t) if x.i < t.i and x.lower_ == "it" and x.dep_ in SUBJ
                  and x.head.dep_ == "ROOT"), None) if t.lower_ in ("it", "its") else None
    if first is not None and not any(etype(e) == "ORG" and e.dep_ in SUBJ for e in t.doc[first.i:t.i]):
        # 'It sold its pet-food brands to Post Holdings, and it has leaned on Uncrustables, the sandwiches
        # it makes ...': after a sentence opened by 'it' as its subject, a later 'it' is the same company
        return _antecedent(first)
    # not the name the phrase stands beside: "Google DeepMind, the company's AI lab"
    beside = t.head.head.i if t.dep_ == "poss" and t.head.dep_ == "appos" else -1
    if beside >= 0 and (parent := _named_in(t.doc[beside], t.i)) is not None:
        return [parent]     # 'Alibaba Cloud, the group's cloud-computing arm': Alibaba, named before
    # (not a name that only describes a person or a thing: 'Tang Jie, a Tsinghua professor, is among its
    # co-founders')
    before = [e for e in sentence(t) if e.i < t.i and etype(e) == "ORG" and e.i != beside
              and not describes_person(e) and e.head.i != t.i]     # ('the Nvidia-backed start-up')
    # ('Its Taiga Cloud unit rents out clusters, and the company has bought ...': not the name of the
    # owner's unit, which the owner's 'its' sets apart)
    before = [e for e in before if not (e.dep_ in ("compound", "appos") and e.head.lemma_.lower() in PART_DESCRIPTIONS
                                        and any(c.dep_ == "poss" and c.lower_ in ("its", "their")
                                                for c in e.head.children))]
    if t.dep_ == "poss":
        # ('NBA cards brought in a fifth of the revenue of Panini America, its American unit': not a
        # name that only modifies a common noun, when another name came before it or the story has one)
        modifiers = [e for e in before if e.dep_ == "compound" and e.head.pos_ == "NOUN" and e.head.i < t.i
                     and e.head.lemma_.lower() not in PART_DESCRIPTIONS]
        if modifiers and (len(modifiers) < len(before) or t.doc.user_data.get(ANTECEDENT, (None, None))[1] is not None):
            before = [e for e in before if e not in modifiers]
    if t.lower_ == "it" and t.dep_ in SUBJ:
        # 'In China, where its sales have slipped behind BYD's, it paid ...': not a name inside a
        # relative clause about something else
        before = [e for e in before if not _in_other_clause(e, t)]
    said = t.head
    while said.dep_ == "pobj" and said.head.lower_ == "of" and said.head.head.lower_ in ("one", "some", "among"):
        said = said.head.head   # 'Intel Capital, the venture arm of Intel, was one of its earliest investors'
    if t.dep_ == "poss" and (founded := started_by_subject(t)):
        return founded
    if t.dep_ == "poss" and said.dep_ in ("attr", "oprd") and said.head.lemma_ in COPULAS:
        # 'Amazon Web Services is the company's main cloud provider': not the subject's own, nor a
        # name inside the subject's phrase
        said_of = [s for s in said.head.children if s.dep_ in SUBJ and etype(s) == "ORG"]
        inside = {w.i for s in said_of for w in s.subtree}
        if said_of and before and all(e.i in inside for e in before):
            return earlier_organisation(t, before)
    if backed_round(t):
        # (nor the name a relative clause is about: 'Creandum, which led its previous round')
        verb = t.head.head if t.head.dep_ == "dobj" else t.head.head.head
        # ('AMD Ventures, the chipmaker's arm, invested in the company's round', read as a participle of the name)
        doer = -1 if verb.dep_ != "acl" else verb.head.head.i if verb.head.dep_ == "appos" else verb.head.i
        # ('Founders Fund, the venture firm of the investor Peter Thiel, which also led the company's
        # first financing': nor any name of the phrase the clause hangs in)
        phrase = set()
        x = verb.head if verb.dep_ == "relcl" else None
        while x is not None and x.pos_ not in ("VERB", "AUX"):
            phrase.add(x.i)
            x = x.head if x.dep_ in ("appos", "pobj", "prep", "conj") and x.head.i != x.i else None
        # ('Forestay Capital also took part, along with March Capital, which led the company's Series B':
        # nor a fellow investor, the subject of the backing verb the phrase hangs on)
        fellow = x.i if x is not None and x.lemma_.lower() in BACKING_LEMMAS else -1
        before = [e for e in before if not (e.dep_ in SUBJ and e.head.i in (verb.i, fellow) or e.i in phrase
                                            or e.i == doer)]
    if t.dep_ in SUBJ and t.head.dep_ == "relcl":
        # 'Cadence, the company it has fought for decades': the subject of a clause about a company
        # is another one
        described = {t.head.head.i, t.head.head.head.i if t.head.head.dep_ == "appos" else -1}
        # (nor a name inside the phrase the clause is about: 'models on Nvidia processors that it rents')
        described |= {w.i for w in t.head.head.subtree if w.i < t.head.left_edge.i}
        # ('Verigy, a maker of test systems that it bought': the name the description after 'of' is of)
        d = t.head.head
        while d.dep_ == "pobj" and d.head.lower_ == "of" and d.head.head.i != d.head.i:
            d = d.head.head
        if d.dep_ == "appos" and d.left_edge.i >= 2 and t.doc[d.left_edge.i - 1].text == ",":
            described |= {d.head.i, d.left_edge.i - 2}
        before = [e for e in before if e.i not in described]
    if before and not _quoted(t):
        # '"... HashiCorp gives clients a way ...," chief executive Arvind Krishna said': the speaker's
        # company is not one named inside the quotation
        before = [e for e in before if not _quoted(e)]
    if not before and t.lower_ in ("it", "its"):
        # 'The chipmaker will deliver HGX B300 systems, its newest servers', 'The Emeryville company is
        # known for RFM-1, a model it released in March': the subject before it, itself a description
        # standing for a company
        described = [s for s in sentence(t) if s.i < t.i and s.dep_ in SUBJ and s.head.dep_ == "ROOT"
                     and s.lemma_.lower() in load_lexicon().anaphora and s.pos_ == "NOUN"
                     and (any(c.dep_ == "det" and c.lower_ == "the" for c in s.children) or _place_first(s))]
        if described and described[0] is not t and (found := antecedent(described[0])):
            return found
    if not before and t.lower_ == "its" and any(s.dep_ in SUBJ and s.lemma_.lower() in FAMILY_NOUNS and s.i < t.i
                                                for s in sentence(t)):
        return []       # 'The Marlow family controls 30% ... through Ketch Holdings, its holding company': the family's
    if t.lower_ == "its" and (owner := owner_of_examples(t)) is not None:
        return [owner]
    if t.lower_ == "it" and t.dep_ in SUBJ and (about := _relative_subject_above(t)) is not None:
        return [about]
    if t.lower_ == "it" and t.dep_ == "nsubj" and (owned := _unit_when_bought(t, before)) is not None:
        return [owned]
    subjects = [e for e in before if e.dep_ in SUBJ or opens_sentence(e)]
    if not subjects and t.lower_ == "it" and t.dep_ in SUBJ and t.head.dep_ == "conj":
        # "Teradyne's customers include TSMC and Intel, and it supplies ...": the owner of the first
        # clause's subject, not a name in its object
        subjects = subject_owners(before, t.head)
    if subjects and t.lower_ not in ("it", "its") and topic is not None and topic < t.i \
            and (subjects[-1].dep_ == "conj" or any(c.dep_ == "conj" for c in subjects[-1].children)) \
            and all(s.i != topic for s in conjuncts(subjects[-1])):
        # 'Mistral AI and Perplexity both run ... on Cerebras hardware, and the company announced':
        # one company is not a list; the article's company is meant
        return [t.doc[topic]]
    if subjects and t.lower_ not in ("it", "its") and t.dep_ in SUBJ and len(before) > 1 \
            and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.head.children) \
            and (others := [e for e in before if e not in subjects and e.dep_ in ARGUMENTS]):
        # 'X has belonged to Y since 2021, when the conglomerate took it over': 'it' is the subject
        # named before, the description the other organisation
        return others[-1:]
    if subjects:
        return subjects[-1:]
    listed = before and (before[-1].dep_ == "conj" or any(c.dep_ == "conj" for c in before[-1].children))
    if listed and t.lower_ not in ("it", "its") and topic is not None and topic < t.i:
        # '... OpenAI, Nvidia and AMD ... with Oracle Cloud Infrastructure, the company's cloud
        # division': the last of a list is no likelier than the others; the article's company is
        return [t.doc[topic]]
    if before:
        # ('join Airbnb with the rest of the GamePlanner team ... Ari Balogh, the company's chief
        # technology officer': a name that only modifies a noun is a weaker candidate than an argument)
        named = [e for e in before if e.dep_ != "compound"] if t.lower_ not in ("it", "its") else before
        return (named or before)[-1:]   # "Lisa Su, AMD's chief executive, said the company's chips ..."
    # ('Menlo pointed to its record. ... The firm's earlier bets include Siri': the subject's owner too)
    # ('Annie Callanan, the publisher's chief executive, said': the owner in the subject's apposition too)
    subject_like = t.dep_ in SUBJ or t.dep_ == "poss" and (t.head.dep_ in SUBJ or t.head.dep_ == "appos"
                                                           and t.head.head.dep_ in SUBJ)
    i = last if t.lower_ in ("it", "its") or (subject_like and _same_paragraph(last, t)) else topic
    if i == last and t.lower_ == "its" and topic is not None and last is not None and last != topic \
            and topic < t.i and not _same_paragraph(last, t) and t.head.dep_ == "appos" \
            and t.head.head.i == sentence(t).start:
        i = topic   # a new paragraph's 'Teradyne, its main American rival, ...': the article's company
    elif i == last and t.lower_ not in ("it", "its") and topic is not None and last != topic \
            and (t.doc[topic].ent_id_ or t.doc[topic].lower_) in t.doc.user_data.get(PREVIOUS, ()):
        i = topic   # 'Amazon bought Zoox in 2020. The company, headquartered in Foster City, ...'
    elif i == topic and t.lemma_.lower() in load_lexicon().anaphora and subject_like and last is not None \
            and (one := _single_previous(t)) is not None:
        i = one     # '... binds Mistral more tightly into the supply chain. In June the startup announced'
    elif i == last and t.lower_ == "its" and topic is not None and last is not None and last != topic \
            and topic < t.i and (is_site_noun(t.head) or etype(t.head) == "FACILITY"
                                 or t.head.lemma_.lower() in RIVAL_WORDS) \
            and investor(t.doc[last]) and not investor(t.doc[topic]):
        i = topic   # 'Alta Fox Capital ... has since become one of its largest shareholders. Its Redwood Falls
        #             plant makes ...': a fund runs no plant, and has no rival in the article's trade
    elif i == last and t.lower_ == "it" and t.dep_ in SUBJ and last is not None and not _same_paragraph(last, t) \
            and (one := _single_previous(t)) is not None \
            and not any(w.lower_ in ("it", "its") for w in sentence(t.doc[one])):
        i = one     # 'The deal is part of a broader push by Medtronic into software. It bought ...': the one
        #             organisation the paragraph's sentence before named, not a subject of an earlier paragraph
    if i is not None and i != topic and topic is not None and t.lemma_.lower() in COMPANY_NOUNS \
            and public_body(t.doc[i]):
        i = topic   # 'The Army selected Teal's Black Widow ... The San Juan, Puerto Rico, company bought Teal'
    elif i == last and i != topic and topic is not None and t.lemma_.lower() in COMPANY_NOUNS - {"firm", "group"} \
            and investor(t.doc[i]) and not investor(t.doc[topic]):
        i = topic   # '... M12, Microsoft's venture fund, also took part. The Palo Alto company did not
        #             disclose its valuation': a fund is no company a story calls 'the company'
    if i is not None and t.lemma_.lower() in ("startup", "start-up") and giant(t.doc[i]):
        # ('Samala founded Heirloom in 2020 ... The start-up is backed by ...', in a story whose
        # company is Microsoft): a giant is no start-up; the other candidate, or the last company
        # the sentence before named, is meant
        other = topic if i == last else last
        if other is None or other >= t.i or etype(t.doc[other]) != "ORG" or giant(t.doc[other]):
            start = sentence(t).start
            before = sentence(t.doc[start - 1]) if start > 0 else []
            other = next((e.i for e in reversed(list(before)) if etype(e) == "ORG" and not giant(e)), None)
        if other is not None:
            i = other
    if i is not None and (bought := _bought_just_before(t)) is not None and bought != i:
        i = bought  # 'That is why Infineon bought Imagimob in 2023. The Stockholm-based company was founded ...'
    if i is not None and t.lemma_.lower() in COMPANY_NOUNS and academic(t.doc[i]):
        # ('started it with three fellow students at Stanford University. The Palo Alto company raised
        # ...': a university is no company)
        i = None
    return [t.doc[i]] if i is not None and i < t.i else []


# what a company is called and a public body never is; and the words that name a public body
COMPANY_NOUNS = frozenset({"company", "firm", "startup", "start-up", "business", "maker", "group", "chipmaker"})
PUBLIC_BODY_WORDS = frozenset({"army", "navy", "air force", "pentagon", "ministry", "department", "agency",
                               "commission", "council", "government", "parliament", "congress", "senate"})


INVESTOR_NAME_WORDS = frozenset({"capital", "ventures", "partners", "investments"})
INVESTOR_KIND_WORDS = ("venture", "vc ", "investor", "investment", "fund", "backer")


def investor(e: Token) -> bool:
    """A firm that invests: a name ending in 'Capital' or 'Ventures', or a known company most of whose
    descriptions are an investor's ('venture arm', 'vc firm', 'investment giant')."""
    if e.ent_id_:
        kinds = company_kinds().get(e.ent_id_)
        return bool(kinds) and 2 * sum(any(w in k for w in INVESTOR_KIND_WORDS) for k in kinds) > len(kinds)
    return e.text.split()[-1].lower() in INVESTOR_NAME_WORDS


def subject_owners(before: list[Token], clause: Token) -> list[Token]:
    """The names among before that own the subject of the clause a second clause is joined to
    ("Teradyne's customers include TSMC, and it supplies ...": Teradyne)."""
    return [e for e in before if e.dep_ == "poss" and e.head.dep_ in SUBJ and e.head.head.i == clause.head.i]


GIANT_KIND_WORDS = ("giant", "behemoth", "hyperscaler", "conglomerate", "powerhouse", "juggernaut")


def giant(e: Token) -> bool:
    """A known company news calls a giant ('software giant', 'hyperscaler'): never 'the start-up'."""
    kinds = company_kinds().get(e.ent_id_) if e.ent_id_ else None
    return bool(kinds) and any(w in k for k in kinds for w in GIANT_KIND_WORDS)


ACADEMIC_WORDS = frozenset({"university", "college", "institute", "school"})
DOC_TEXT = "industry_graph_doc_text"     # Doc.user_data: the article's text, joined once


def academic(e: Token) -> bool:
    """'Stanford University', 'the Indian Institute of Science': what 'the company' does not stand for;
    nor 'Stanford' in an article that names Stanford University."""
    if any(w in ACADEMIC_WORDS for w in e.text.lower().split()):
        return True
    if " " in e.text or not e.text[:1].isupper():
        return False
    whole = e.doc.user_data.get(DOC_TEXT)
    if whole is None:       # (Doc.text joins every word anew: once an article)
        whole = e.doc.user_data[DOC_TEXT] = e.doc.text
    return any(f"{e.text} {w.title()}" in whole for w in ACADEMIC_WORDS)


def public_body(e: Token) -> bool:
    """'the United States Army', 'the Department of Energy': a body no 'the company' stands for."""
    words = e.text.lower().split()
    return any(w in PUBLIC_BODY_WORDS for w in words) or " ".join(words[-2:]) in PUBLIC_BODY_WORDS


def _named_after(person: Token, start: int) -> Token | None:
    """The one company named before `start` whose name holds the person's surname as a word after its
    first ('H.B. Fuller' for Harvey Benjamin Fuller), for a person named with two words or more."""
    words = person.text.split()
    if len(words) < 2:
        return None
    surname = words[-1]
    found = {e.ent_id_ or e.text: e for e in person.doc[:start] if etype(e) == "ORG" and surname in e.text.split()[1:]}
    return next(iter(found.values())) if len(found) == 1 else None


def _rivalled_before(t: Token) -> int | None:
    """The company whose rival the sentence before named ('Electrolux is Alliance's biggest rival')."""
    start = sentence(t).start
    if not start:
        return None
    owners = [c.i for w in sentence(t.doc[start - 1]) if w.lemma_.lower() in RIVAL_WORDS
              for c in w.children if c.dep_ == "poss" and etype(c) == "ORG"]
    return owners[-1] if owners else None


def _single_previous(t: Token) -> int | None:
    """The one organisation the sentence before named, when it named only one and it is not the
    article's company: what a description opening the next sentence of the paragraph most likely means."""
    previous = t.doc.user_data.get(PREVIOUS, ())
    if len(previous) != 1:
        return None
    [key] = previous
    start = sentence(t).start
    if start == 0:
        return None
    before = sentence(t.doc[start - 1])
    if any(s.dep_ in SUBJ and (s.lower_ in ("it", "they") or s.lemma_.lower() in load_lexicon().anaphora
                               and any(d.lower_ == "the" for d in s.children))
           for s in before.root.children):
        return None     # ('It introduced Zendesk AI, built on models from OpenAI. The company runs ...'): the
        # sentence before was about the company before it, which it names only by a pronoun
    for e in reversed(before):
        if (e.ent_id_ or e.lower_) == key and etype(e) == "ORG":
            # (a party to the sentence or an owner, not a word of a phrase: 'his Weta days')
            return e.i if _same_paragraph(e.i, t) and e.dep_ in ARGUMENTS else None
    return None


def _speaker_is_no_company(t: Token) -> bool:
    """Whether 'it' is the subject of what a speaker said, the speaker being a body that is no
    company the article names or describes ('the ministry', 'the agency')."""
    v = t.head
    if t.dep_ not in SUBJ or v.dep_ != "ccomp" or v.head.lemma_.lower() not in load_lexicon().reporting_verbs:
        return False
    speakers = [s for s in v.head.children if s.dep_ == "nsubj"]
    return bool(speakers) and speakers[0].pos_ == "NOUN" and not etype(speakers[0]) \
        and speakers[0].lemma_.lower() not in load_lexicon().anaphora     # (not 'the company said')


def _named_in(unit: Token, before: int) -> Token | None:
    """The last organisation written before `before` whose name begins the unit's name ('Alibaba'
    for 'Alibaba Cloud', 'Amazon' for 'Amazon Web Services')."""
    if etype(unit) != "ORG" or " " not in unit.text:
        return None
    found = None
    for w in unit.doc[:before]:
        if w.i != unit.i and etype(w) == "ORG" and unit.text.startswith(w.text + " "):
            found = w
    return found


def _parent_in_name(unit: Token) -> bool:
    """A unit named by its parent's name and company words: 'Alibaba Cloud', 'Amazon Web Services'."""
    words = unit.text.split()
    return etype(unit) == "ORG" and len(words) > 1 and words[0][:1].isupper() \
        and all(w.lower() in load_lexicon().org_words or w.lower() in ("web", "services") for w in words[1:])


def earlier_organisation(t: Token, besides: list[Token]) -> list[Token]:
    """The organisation the text was about before t's sentence, other than `besides`: the one the
    previous sentences were about, else the article's ('Anthropic raised ... . Amazon is its largest
    investor')."""
    last, topic = t.doc.user_data.get(ANTECEDENT, (None, None))
    start = sentence(t).start
    order = (last, topic)
    if t.head.lemma_.lower() in RIVAL_WORDS:
        # ('Electrolux is Alliance's biggest rival. Girbau, a Spanish maker, is its other main rival';
        # a new paragraph's 'Siegwerk, the company that is its main rival': the article's company's)
        order = (_rivalled_before(t), *(order if _same_paragraph(last, t) else (topic, last)))
    for i in order:
        if i is not None and i < start and all(i != b.i for b in besides):
            return [t.doc[i]]
    return []


def _unit_when_bought(t: Token, before: list[Token]) -> Token | None:
    """'Permira bought control of Genesys in 2012, when it was still a unit of Alcatel-Lucent': what
    was then a unit of another company is the company bought, named as an object before."""
    be = t.head
    if be.lemma_ != "be" or not any(c.dep_ == "advmod" and c.lower_ == "when" for c in be.children) \
            or not any(c.dep_ == "attr" and c.lemma_.lower() in ("unit", "division", "subsidiary", "part", "arm")
                       for c in be.children):
        return None
    objects = [e for e in before if e.dep_ in ("dobj", "pobj") and not e.is_ancestor(t) and not be.is_ancestor(e)]
    return objects[-1] if objects else None


def _bought_just_before(t: Token) -> int | None:
    """A description opening a sentence with where the company is based ('The Stockholm-based
    company was founded in 2013 ...'), right after a sentence of the same paragraph in which a
    company bought another: the company bought, which the description introduces."""
    if t.dep_ not in ("nsubj", "nsubjpass") or t.left_edge.i != sentence(t).start \
            or not (_place_first(t) or any(c.lower_ == "based" for c in t.children)):
        return None
    start = sentence(t).start
    if start == 0:
        return None
    before = sentence(t.doc[start - 1])
    bought = [o.i for v in before if v.lemma_.lower() in BUYING_VERBS and v.pos_ == "VERB"
              for o in v.children if o.dep_ == "dobj" and etype(o) == "ORG"]
    return bought[-1] if len(bought) == 1 and _same_paragraph(bought[-1], t) else None


def _relative_subject_above(t: Token, passive: bool = False) -> Token | None:
    """The company a relative clause around t's own clause is about, when 'which' is that clause's
    subject: 'sells its cards to TSMC, which uses them to test the wafers it makes for Nvidia' (with
    `passive`, its passive subject too: 'which has been owned by BGH Capital since ...')."""
    up = t.head
    subjects = ("nsubj", "nsubjpass") if passive else ("nsubj",)
    for _ in range(6):
        if up.dep_ == "relcl" and up.i != t.head.i:
            return up.head if etype(up.head) == "ORG" and any(
                c.dep_ in subjects and c.lower_ in ("which", "that") for c in up.children) else None
        if up.head.i == up.i:
            return None
        up = up.head
    return None


def _in_other_clause(e: Token, t: Token) -> bool:
    """Whether e stands in a relative clause that t is not in."""
    up = e
    for _ in range(8):
        if up.dep_ == "relcl" and not up.is_ancestor(t):
            return True
        if up.head.i == up.i:
            return False
        up = up.head
    return False


def _verb_above(t: Token) -> Token:
    """The first verb up from t (or the sentence's root)."""
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _subject_outside(t: Token) -> list[Token]:
    """For an object anaphor in a relative clause about a person ('who runs it', 'who keeps a stake
    in the business'): the organisation that is the subject of the clause the relative clause hangs in."""
    v = _verb_above(t.head)
    while v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
        v = v.head          # '... who still sees patients and who runs the company'
    person = v.head
    if person.dep_ == "appos" and not etype(person) and etype(person.head) == "PERSON":
        person = person.head    # 'Shiv Rao, a cardiologist who runs the company'
    if v.dep_ != "relcl":
        # 'Dan Adika, WalkMe's chief executive, ... will keep running the business': the company of
        # the title of the person the clause is about
        up = v.head if v.dep_ == "xcomp" else v
        people = [s for s in up.children if s.dep_ in SUBJ and etype(s) == "PERSON"]
        return _title_company(people[0]) if people else []
    if etype(person) != "PERSON" and any(c.lower_ == "who" for c in v.children):
        # 'Tengyu Ma, an assistant professor at Stanford University, who leads the company': 'who' hung
        # on the last name of the apposition stands for the person it describes
        up = person
        for _ in range(5):
            if etype(up) == "PERSON" or up.dep_ not in ("pobj", "prep", "appos", "compound") or up.head.i == up.i:
                break
            up = up.head
        if etype(up) == "PERSON":
            person = up
    if etype(person) != "PERSON" and t.lower_ == "it" and person.pos_ == "NOUN":
        # 'Anthropic trains on Project Rainier, a cluster that AWS will operate for it': the company
        # the clause around the described thing is about
        outer = _verb_above(person.head)
        return [e for e in outer.children if e.dep_ in SUBJ and e.i < v.i and etype(e) == "ORG"][-1:]
    if etype(person) != "PERSON":
        return []
    # 'Dan Adika, WalkMe's chief executive, who founded the company': the company of the person's title
    if titled := _title_company(person):
        return titled
    outer = _verb_above(person.head)
    return [e for e in outer.children if e.dep_ in SUBJ and e.i < t.i and etype(e) == "ORG"][-1:]


def _persons_company(t: Token) -> list[Token]:
    """'his company', 'her start-up': the company the person last named before it runs or founded,
    as a stated role or a title beside the name says."""
    people = [e for e in sentence(t) if e.i < t.i and etype(e) == "PERSON"]
    if not people:
        return []
    person = people[-1]
    tied = t.doc.user_data.get(PERSON_ORG, {}).get(person.text.split()[-1])
    if tied is not None and tied < t.i:
        return [t.doc[tied]]
    return _title_company(person) or [c for w in person.children if w.dep_ == "compound"
                                       for c in w.subtree if etype(c) == "ORG"][:1]


def _title_company(person: Token) -> list[Token]:
    """The company named in a title set beside a person: "Dan Adika, WalkMe's chief executive"."""
    return [p for a in person.children if a.dep_ == "appos" and not etype(a)
            for p in a.children if p.dep_ == "poss" and etype(p) == "ORG"][:1]


def _hyphened(c: Token) -> bool:
    return c.i + 2 < len(c.doc) and c.doc[c.i + 1].text == "-" and not c.whitespace_


def _set_off(c: Token) -> bool:
    """A clause after a comma ('the company, which calls San Francisco home'), or an apposition after
    one that names nothing: it describes the noun, not names it."""
    return c.doc[c.left_edge.i - 1].text == "," and (c.dep_ == "relcl" or not any(etype(w) for w in c.subtree))


FAMILY_NOUNS = frozenset({"family", "dynasty", "clan"})


def describes_person(e: Token) -> bool:
    """A company named inside a description of a person: 'Tang Jie, a Tsinghua professor'."""
    if e.dep_ in ("compound", "nmod", "amod") and e.head.tag_ == "NNS" and any(
            "PERSON" in r.head_types for r in load_lexicon().roles.get(e.head.lemma_.lower(), ())):
        return True     # 'with two former Meta Platforms scientists'
    # ('Mensch, a former researcher at Google DeepMind, is its chief executive')
    held = e.head.head if e.dep_ == "pobj" and e.head.dep_ == "prep" and e.head.lower_ in ("at", "of", "from") else None
    if held is not None and held.pos_ == "NOUN" and held.dep_ == "appos" and etype(held.head) == "PERSON":
        return True
    if e.dep_ == "compound" and e.head.lemma_.lower() in FAMILY_NOUNS:
        return True     # 'The Rollins family controls about 40% ... through LOR Inc., its holding company': people
    return e.dep_ in ("compound", "nmod", "amod") and e.head.pos_ == "NOUN" and e.head.dep_ == "appos" \
        and etype(e.head.head) == "PERSON"


def _last_named_object(t: Token) -> list[Token]:
    """The company the sentence last named as an object before t: a single name, not one of a list,
    and not the one t's own clause is about ('Elliott, which took a stake in the company')."""
    v = _verb_above(t.head)
    about = (v.head.i, v.head.head.i) if v.dep_ in ("relcl", "acl") else ()
    named = [e for e in sentence(t) if e.i < t.i and etype(e) == "ORG" and e.dep_ in OBJECTS
             and not _quoted(e) and not any(c.dep_ == "conj" for c in e.children) and e.i not in about]
    return named[-1:]


QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})


def _quoted(t: Token) -> bool:
    """Inside a quotation that opens in the token's sentence (an odd number of quote marks before it)."""
    sent = sentence(t)
    return sum(1 for w in t.doc[sent.start:t.i] if w.text in QUOTES) % 2 == 1


NAMING_VERBS = frozenset({"call", "name", "know", "dub", "brand"})
LAST_PERSON = "industry_graph_last_person"  # the person the sentences before were last about


def note_person(tokens: list[Token]) -> None:
    """Remember the last person the sentences of these tokens have as a subject, for a 'he' or
    'she' after them."""
    people = [t for t in tokens if t.dep_ in SUBJ and etype(t) == "PERSON"]
    if people:
        people[-1].doc.user_data[LAST_PERSON] = people[-1].i


def person_antecedent(t: Token) -> list[Token]:
    """'Pineau spent eight years at Meta, where she ran the lab': the person 'he' or 'she' stands for,
    the last one named before in the sentence, else the last person a sentence before was about."""
    before = [e for e in sentence(t) if e.i < t.i and etype(e) == "PERSON"]
    if before:
        return before[-1:]
    i = t.doc.user_data.get(LAST_PERSON)
    return [t.doc[i]] if i is not None and i < t.i and _same_paragraph(i, t) else []


# goods a maker's name is set before ('Nvidia H200 processors'): the maker is no party to the deal
GOODS = frozenset({"processor", "chip", "gpu", "accelerator", "server", "card", "model", "system"})


def the_two(t: Token, count: int = 2) -> list[Token]:
    """'the two companies': the last two organisations named before, in this sentence or the one
    before ('ASML invested in Mistral AI, and the two companies signed an agreement'); with a count,
    that many ('works with all three')."""
    start = sentence(t).start
    if start > 0:
        start = sentence(t.doc[start - 1]).start
    seen: dict[str, Token] = {}
    for e in reversed(t.doc[start:t.i]):
        # (not a name its owner stands right before: "Microsoft's Azure cloud" is one company)
        if etype(e) == "ORG" and not (e.i >= 2 and e.doc[e.i - 1].tag_ == "POS" and etype(e.doc[e.i - 2]) == "ORG") \
                and not _in_description(e) \
                and not (e.dep_ in ("compound", "nmod", "poss") and (etype(e.head) == "PRODUCT"
                                                                     or e.head.lemma_.lower() in GOODS)):
            seen.setdefault(e.ent_id_ or e.lower_, e)
        if len(seen) == count:
            return sorted(seen.values(), key=lambda e: e.i)
    return []


def _in_description(e: Token) -> bool:
    """'Giga Computing, the server arm of Taiwan's Gigabyte Technology': a company named only to
    describe another, which is no party of its own."""
    x = e
    for _ in range(4):
        if x.dep_ == "appos" and not etype(x) and etype(x.head) == "ORG":
            return True
        if x.dep_ not in ("poss", "pobj", "prep", "compound"):
            return False
        x = x.head
    return False


def last_subject(t: Token) -> list[Token]:
    """The organisation the sentence before was about: 'Anthropic raised $13 billion. The round was
    led by Iconiq.'"""
    last = t.doc.user_data.get(ANTECEDENT, (None, None))[0]
    return [t.doc[last]] if last is not None and last < t.i else []


def _same_paragraph(i: int | None, t: Token) -> bool:
    """Whether token i stands in t's paragraph (no line break between them)."""
    return i is not None and i < t.i and "\n" not in t.doc[i:t.i].text
