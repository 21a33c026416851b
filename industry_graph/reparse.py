"""Repairing the small parser's trees where a name follows the noun that describes it.

'Meta acquired the chip startup Rivos', 'Databricks bought the AI start-up MosaicML for $1.3 billion',
'SoftBank to buy chip designer Ampere': the small model often reads the describing noun as a verb
('startup'), as the object with the name left hanging as punctuation or an adverb, or as a second
object beside the name. Every reader downstream then misses the name in its slot. After the names are
merged, such a phrase is rebuilt the way the parser gets it right elsewhere ('software maker
Run:ai'): the name stands where the phrase stood, the describing words are compounds of it.

Left alone: a name already in apposition or compound to its description ('the AI coding company
Windsurf'), and a name that is the subject of a verb after it ('the chip designer Amazon bought in
2015', a clause about the description).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.symbols import NOUN
from spacy.tokens import Doc, Token

from .coref import ROUND_NOUNS
from .facilities import is_site_noun
from .lexicon import load_lexicon
from .products import PRODUCT_NOUNS
from .roles import TEACHING_TITLES
from .syntax import (CALLED_PRODUCT_NOUNS, NAMING_VERBS, ORG_DESCRIPTIONS, PART_DESCRIPTIONS, SEAT_PARTICIPLES, SUBJ, etype,
                     noun_after_comma)

NAMED = frozenset({"ORG", "PRODUCT"})
OTHER_DESCRIPTIONS = frozenset({"designer", "supplier", "operator"})
# the roles a noun phrase fills
NOMINAL = ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "dative", "appos", "conj", "oprd")
MODIFIERS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "NUM"})
HANGING = frozenset({"punct", "advmod", "npadvmod", "dep", "amod"})   # what a name is never, before its verb
TO_NAME = frozenset({"relcl", "acl", "appos"})      # a clause or apposition about the phrase is about the name


_DESCRIPTIONS: dict[str, frozenset] = {}


def _descriptions() -> frozenset:
    """The nouns that describe a name set after them, made once per lexicon."""
    lex = load_lexicon()
    if lex.version not in _DESCRIPTIONS:
        _DESCRIPTIONS[lex.version] = ORG_DESCRIPTIONS | CALLED_PRODUCT_NOUNS | OTHER_DESCRIPTIONS | lex.anaphora
    return _DESCRIPTIONS[lex.version]


def _misread(name: Token, desc: Token) -> bool:
    """Whether the parse got 'DESCRIPTION NAME' wrong."""
    if name.dep_ in ("nsubj", "nsubjpass") and name.head.i > name.i and desc.pos_ != "VERB":
        return False            # 'the chip designer Amazon bought in 2015'
    if desc.pos_ == "VERB" or name.dep_ in HANGING or desc.head.i != name.i and desc.dep_ in HANGING:
        return True
    if name.head.i == desc.i:
        return name.dep_ not in ("appos", "compound", "nmod")
    # 'buy chip designer Ampere' with both nouns objects of 'buy'
    return name.head.i == desc.head.i and name.dep_ == desc.dep_ and desc.dep_ in NOMINAL


def _phrase_start(doc: Doc, desc: Token) -> int:
    """The first word of the description: lower-case modifiers ('AI', 'chip') back to a determiner."""
    k = desc.i
    sent_start = desc.sent.start
    while k - 1 >= sent_start:
        prev = doc[k - 1]
        if prev.pos_ == "DET" or prev.tag_ == "PRP$":
            return k - 1
        if prev.ent_type_ and not prev.text.isupper() or prev.is_punct or prev.pos_ not in MODIFIERS \
                or prev.pos_ == "VERB" and not prev.text.endswith(("ing", "ed")) or prev.like_num:
            return k
        k -= 1
    return k


def _safe(tok: Token, head: Token) -> bool:
    return tok.i != head.i and not tok.is_ancestor(head)


def rebuild(doc: Doc, name: Token) -> bool:
    desc = doc[name.i - 1]
    start = _phrase_start(doc, desc)
    words = [doc[k] for k in range(start, name.i)]
    inside = range(start, name.i + 1)
    outward = [w for w in words + [name] if w.head.i not in inside or w.head.i == w.i]
    if not outward:
        return False
    # the first word hung outside in a noun's role carries the phrase ('chip' the object of 'acquired')
    carrier = next((w for w in outward if w.dep_ in NOMINAL), outward[0])
    head, dep = carrier.head, carrier.dep_
    if dep not in NOMINAL:
        if head.pos_ != "VERB" or any(c.dep_ == "dobj" for c in head.children):
            return False        # no telling what the phrase is ('company Nscale and ... group Aker')
        dep = "dobj"            # 'buy generative AI startup MosaicML', the noun read as a clause
    if carrier.i != name.i and not _safe(name, head):
        return False
    hanging = [c for w in words for c in w.children if c.i not in inside]
    if carrier.i != name.i:
        name.head = head if head.i != carrier.i else name
        name.dep_ = dep
    for w in words:
        target = name if w.i == desc.i or w.pos_ == "DET" or w.tag_ == "PRP$" else desc
        if not _safe(w, target):
            return False
        w.head = target
        w.dep_ = "det" if w.pos_ == "DET" else "poss" if w.tag_ == "PRP$" \
            else "amod" if w.pos_ == "ADJ" else "compound"
    verb = name.head if name.head.pos_ in ("VERB", "AUX") else name
    for c in hanging:
        target = name if c.dep_ in TO_NAME or c.i < name.i else verb
        if _safe(c, target):
            c.head = target
    return True


def _subject_hung_in_brackets(doc: Doc, name: Token) -> None:
    """'Toni Morrison (born Chloe Wofford; February 18, 1931) is a novelist', parsed with the name as
    the subject of 'born' (or an adverb of it: 'Kofi Atta Annan (born 8 April 1938) is') and the
    bracket as the sentence's subject: the name is the subject, the bracket a clause describing it."""
    close = next((t.i for t in doc[name.i + 2:min(len(doc), name.i + 40)] if t.text in (")", "(")), None)
    if close is None or doc[close].text != ")":
        return
    inside = range(name.i + 2, close)
    born = name.head
    if born.i not in inside or born.head.i in inside or born.head.i == born.i \
            or born.dep_ not in ("csubj", "nsubj") or name.dep_ not in ("nsubj", "npadvmod", "dep") \
            or not _safe(name, born.head):
        return
    name.head, name.dep_ = born.head, "nsubj"
    born.head, born.dep_ = name, "acl" if born.pos_ == "VERB" else "appos"


def _subject_of_set_off_participle(doc: Doc, v: Token) -> None:
    """'Elsevier, owned by RELX, has taken ...', parsed with the name as the subject of 'owned' and the
    participle as a clause of the main verb, which is left with no subject: the name is the main
    verb's subject, the participle (passive, with its 'by') describes it."""
    main = v.head
    subj = [c for c in v.children if c.dep_ == "nsubj" and c.i < v.i]
    if v.dep_ != "advcl" or main.i <= v.i or not subj or not any(c.dep_ == "agent" for c in v.children) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in main.children):
        return
    name = subj[0]
    if name.i + 2 != v.i or doc[name.i + 1].text != "," or not _safe(name, main):
        return
    name.head, name.dep_ = main, "nsubj"
    v.head, v.dep_ = name, "acl"


def _subject_hung_on_opening_participle(doc: Doc, v: Token) -> None:
    """'Founded in 2015 by Sam Altman and Greg Brockman, OpenAI has become ...', parsed with the opening
    participle as the main verb's subject and the name after the comma in apposition to the last name
    of its 'by' phrase: the name is the main verb's subject, the participle describes it."""
    main = v.head
    if v.dep_ not in ("csubj", "advcl") or main.i <= v.i or not any(c.dep_ == "agent" for c in v.children) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in main.children):
        return
    comma = next((t for t in doc[v.i + 1:main.i] if t.text == ","), None)
    name = doc[comma.i + 1] if comma is not None and comma.i + 1 < main.i else None
    if name is None or name.dep_ != "appos" or not name.ent_type_ or not v.is_ancestor(name) \
            or not _safe(name, main):
        return
    after = doc[name.i + 1]
    if not (after.i == main.i or after.head.i == main.i and after.dep_ in ("aux", "auxpass", "advmod")):
        return
    name.head, name.dep_ = main, "nsubj"
    v.head, v.dep_ = main, "advcl"


def _apposition_hung_on_subjects_place(doc: Doc, a: Token) -> None:
    """'Gate terminal on the Maasvlakte, the import terminal that Vopak owns ..., has been close to
    full', parsed with the description hung on the place: a site's description set off by commas
    between a named site's place and its verb describes the site, the sentence's subject."""
    place = a.head
    prep = place.head
    subj = prep.head
    if place.dep_ != "pobj" or prep.lower_ not in ("on", "at", "in", "near") or subj.dep_ not in ("nsubj", "nsubjpass") \
            or etype(subj) != "FACILITY" or not is_site_noun(a) or etype(place) not in ("PLACE", "FACILITY"):
        return
    start, end = a.left_edge.i, a.right_edge.i
    if start < 1 or doc[start - 1].text != "," or end + 2 >= len(doc) or doc[end + 1].text != "," \
            or start - 2 != place.i:
        return
    after = doc[end + 2]
    if not (after.i == subj.head.i or after.head.i == subj.head.i and after.dep_ in ("aux", "auxpass", "advmod")) \
            or not _safe(a, subj):
        return
    a.head = subj


MAKING_VERBS = frozenset({"launch", "develop", "make", "build", "create", "design", "introduce", "release",
                          "invent", "start"})


def _contact_clause_read_as_main(doc: Doc, v: Token) -> None:
    """'OMG Meat, the plant-based seafood brand Thai Union launched in 2021, has been slower to take
    off', parsed with the clause's verb as the sentence's, the maker in apposition to the description
    and the real verb joined to it: the clause (with no 'that') describes the product, the maker is
    its subject, and the verb after the comma is the main one, the product its subject."""
    if v.dep_ != "ROOT" or v.tag_ != "VBD" or v.lemma_.lower() not in MAKING_VERBS or v.i < 4:
        return
    maker = doc[v.i - 1]
    desc = maker.head
    if maker.dep_ != "appos" or not maker.ent_type_ or maker.pos_ != "PROPN" or desc.pos_ != "NOUN" \
            or desc.dep_ != "appos" or desc.i >= maker.i or doc[desc.left_edge.i - 1].text != ",":
        return
    name = desc.head
    main = next((c for c in v.children if c.dep_ == "conj" and c.i > v.i and c.pos_ in ("VERB", "AUX")
                 and doc[c.left_edge.i - 1].text == ","), None)
    before = doc[desc.left_edge.i - 2]
    if main is None or not (before.i == name.i or before.head.i == name.i) or not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i == name.i for c in v.children):
        return
    main.head, main.dep_ = main, "ROOT"
    for c in list(v.children):
        if c.i > main.i or c.dep_ == "punct" and c.i == main.left_edge.i - 1:
            c.head = main
    name.head, name.dep_ = main, "nsubj"
    v.head, v.dep_ = desc, "relcl"
    maker.head, maker.dep_ = v, "nsubj"


def _verb_hung_on_subjects_phrase(doc: Doc, v: Token) -> None:
    """"Itron's own cloud services for utilities run on Microsoft's cloud", parsed as one noun phrase
    with 'run' describing 'utilities': where a sentence has no verb but this present-tense one, hung
    on the object of a preposition inside the phrase heading the sentence, the verb is the sentence's
    and the phrase its subject."""
    root = v.sent.root
    if v.dep_ != "acl" or not (v.tag_ in ("VB", "VBP", "VBZ") or v.lower_ == "run") or root.pos_ not in ("NOUN", "PROPN") \
            or any(c.dep_ == "agent" for c in v.children) \
            or root.i >= v.i or v.head.dep_ != "pobj" or v.head.head.dep_ != "prep" or v.head.head.head.i != root.i \
            or any(t.pos_ in ("VERB", "AUX") and t.i != v.i and not v.is_ancestor(t) for t in v.sent):
        return
    sent = v.sent
    v.head, v.dep_ = v, "ROOT"
    root.head, root.dep_ = v, "nsubj"
    for t in sent:
        if t.dep_ == "punct" and t.head.i == root.i and t.i > v.i:
            t.head = v


def _complement_read_as_subject(doc: Doc, be: Token) -> None:
    """"GreenNode's closest rival at home is FPT Smart Cloud", parsed with two subjects of 'is': the
    one after the verb is its complement."""
    subjects = [c for c in be.children if c.dep_ == "nsubj"]
    if len(subjects) == 2 and subjects[0].i < be.i < subjects[1].i \
            and not any(c.dep_ in ("attr", "acomp") for c in be.children):
        subjects[1].dep_ = "attr"
    # "Depop's biggest rival is Vinted, the Vilnius-based company that ...", parsed with two complements:
    # the one set off by a comma after a name is the name's apposition
    said = [c for c in be.children if c.dep_ in ("attr", "acomp") and c.i > be.i]
    if len(said) == 2 and said[0].ent_type_ and said[1].pos_ == "NOUN" and said[0].i + 1 < len(doc) \
            and doc[said[0].i + 1].text == "," and said[1].left_edge.i == said[0].i + 2 and _safe(said[1], said[0]):
        said[0].dep_ = "attr"
        said[1].head, said[1].dep_ = said[0], "appos"


def _bracketed_head(doc: Doc, name: Token) -> None:
    """'of Reliance Industries Ltd (RIL)' parsed with the short form in brackets as the head and the
    name hung on it: the name takes the short form's place, the short form its apposition."""
    if name.i + 3 >= len(doc) or doc[name.i + 1].text != "(" or doc[name.i + 3].text != ")":
        return
    short = doc[name.i + 2]
    if name.head.i != short.i or short.head.i == name.i or not _safe(name, short.head):
        return
    head, dep = short.head, short.dep_
    name.head = head if short.head.i != short.i else name
    name.dep_ = dep
    for t in (short, doc[name.i + 1], doc[name.i + 3]):
        if _safe(t, name):
            t.head = name
    short.dep_ = "appos"
    for c in list(short.children):
        if _safe(c, name):
            c.head = name


def odd_capitals(tok: Token) -> bool:
    """'ASMPT', 'TOBi', 'S3NS' tagged as common nouns: capitals after the first letter make a name (not
    'GPUs', nor a short acronym such as 'PC')."""
    text = tok.text
    lex = load_lexicon()
    if len(text) > 3 and text.isalnum() and not text.isalpha() and not text.isdigit() and text[:1].isupper() \
            and sum(c.isupper() for c in text) >= 2 and not any(c.islower() for c in text):
        return True     # 'S3NS', 'CPT1': capitals and digits
    return len(text) > 3 and text.isalpha() and text[:1].isupper() and any(c.isupper() for c in text[1:]) \
        and not (text.endswith("s") and text[:-1].isupper()) \
        and text.lower() not in lex.words["technology_words"] and text.lower() not in lex.roles


TITLE_WORDS = frozenset({"ADJ", "NOUN", "PROPN", "CCONJ", "VERB"})


def _possessed_title(doc: Doc, person: Token) -> None:
    """'said Dev Ittycheria, MongoDB's chief executive', 'June Paik, FuriosaAI's co-founder and chief
    executive': the parser often hangs the company beside the person and the title apart, with no
    owner for the title. Rebuilt as "PERSON, [ORG's TITLE]" with the title in apposition."""
    i = person.i
    if i + 3 >= len(doc) or doc[i + 1].text != "," or doc[i + 3].text not in ("'s", "'", "\u2019s", "\u2019"):
        return
    org = doc[i + 2]
    if org.ent_type_ != "ORG":
        return
    if org.dep_ == "poss" and org.head.i > org.i + 1:
        title = org.head
        if title.dep_ == "conj" and title.head.i == person.i and title.lower_ in load_lexicon().roles \
                and not any(c.dep_ == "cc" and c.i < title.i for c in person.children):
            # 'said Jean-Philippe Vert, Bioptimus's co-founder and chief executive', the title read as a
            # second name listed after the person with no 'and': it describes the person
            title.dep_ = "appos"
        return
    run = []
    for w in doc[i + 4:]:
        if w.pos_ not in TITLE_WORDS or w.ent_type_ or w.pos_ == "VERB" and not w.text.islower() \
                or w.pos_ == "PROPN" and w.text.islower() is False and w.lower_ not in load_lexicon().roles:
            break
        run.append(w)
    segments, seg = [], []
    for w in run:
        if w.pos_ == "CCONJ":
            segments.append(seg)
            seg = []
        else:
            seg.append(w)
    segments.append(seg)
    heads = [sg[-1] for sg in segments if sg]
    if not heads or len(segments) != len(heads) or heads[0].lower_ not in load_lexicon().roles \
            and not any(h.lower_ in load_lexicon().roles for h in heads):
        return
    first = heads[0]
    moves = [(first, person, "appos"), (org, first, "poss"), (doc[i + 3], org, "case")]
    for sg, h in zip(segments, heads):
        moves += [(w, h, "amod" if w.pos_ == "ADJ" else "compound") for w in sg[:-1]]
        if h.i != first.i:
            moves.append((h, first, "conj"))
    moves += [(w, first, "cc") for w in run if w.pos_ == "CCONJ"]
    if not all(_safe(w, head) for w, head, _ in moves):
        return
    outside = [c for w, _, _ in moves for c in w.children if c.i < i or c.i > run[-1].i]
    for w, head, dep in moves:      # each move checked again as the tree changes: it stays a tree
        if not _safe(w, head):
            break
        w.head, w.dep_ = head, dep
    for c in outside:           # ('..., who founded the company': a clause about the person)
        if c.dep_ in TO_NAME and _safe(c, person):
            c.head = person


def _people_after_owner(doc: Doc, person: Token) -> None:
    """'The founders of Mistral, Arthur Mensch, Guillaume Lample and Timothee Lacroix, met ...', parsed
    with the people listed after the company: names set off right after the company a plural title
    is of, and closed by a comma, are the title's holders."""
    org = person.head
    of = org.head
    noun = of.head
    if person.dep_ != "conj" or doc[person.i - 1].text != "," or org.i != person.i - 2 or org.ent_type_ != "ORG" \
            or org.dep_ != "pobj" or of.lower_ != "of" or noun.pos_ != "NOUN" or noun.tag_ != "NNS" \
            or noun.lemma_.lower() not in load_lexicon().roles or not _safe(person, noun):
        return
    last = person
    while (nxt := next((c for c in last.children if c.dep_ == "conj"), None)) is not None:
        last = nxt
    if last.ent_type_ != "PERSON" or last.i + 1 >= len(doc) or doc[last.i + 1].text != ",":
        return
    person.head, person.dep_ = noun, "appos"


DATIVE_VERBS = frozenset({"rent", "lease", "sell", "offer", "give", "grant", "lend", "ship", "send"})


def _dative_read_as_clause(doc: Doc, name: Token) -> None:
    """'Green Mountain rents NexGen Cloud the space and the power', parsed with the name as a clause
    whose verb is the thing rented: the name is who it is rented to, the thing the verb's object."""
    v = name.head
    if name.dep_ not in ("ccomp", "xcomp") or v.i != name.i - 1 or v.lemma_.lower() not in DATIVE_VERBS \
            or any(c.dep_ in ("dobj", "dative") for c in v.children):
        return
    objs = [c for c in name.children if c.dep_ == "dobj" and c.i > name.i]
    if len(objs) != 1 or not _safe(objs[0], v):
        return
    name.dep_ = "dative"
    objs[0].head, objs[0].dep_ = v, "dobj"


# what is given to someone and has no maker to name before it (not 'rents Nvidia GPUs to ...')
GIVEN_NOT_MADE = frozenset({"access", "capacity", "space", "room", "credit", "time", "priority"})


def _dative_read_as_modifier(doc: Doc, name: Token) -> None:
    """'Google gave Anthropic access to its TPUs', parsed with the name as a modifier of the object
    right after it: the name is who is given it."""
    noun = name.head
    v = noun.head
    if name.dep_ not in ("amod", "compound", "nmod") or noun.i != name.i + 1 or noun.dep_ != "dobj" \
            or noun.lemma_.lower() not in GIVEN_NOT_MADE \
            or v.i != name.i - 1 or v.lemma_.lower() not in DATIVE_VERBS or not _safe(name, v):
        return
    name.head, name.dep_ = v, "dative"


def _place_description(doc: Doc, place: Token) -> None:
    """'founded the Mountain View, California, organisation', parsed with the town as the object and
    the noun in apposition to it: the noun takes the town's place, the town its compound."""
    i = place.i
    if i + 4 >= len(doc) or doc[i + 1].text != "," or doc[i + 3].text != "," or doc[i + 2].ent_type_ != "GPE":
        return
    noun = doc[i + 4]
    # (or both read as subjects of the verb: 'The Berkeley, California, company was founded ...')
    second = noun.head.i == place.head.i != place.i and noun.dep_ == place.dep_
    # ('The Mountain View, California, start-up', the noun tagged as a name)
    if not (noun.pos_ == "NOUN" or noun.pos_ == "PROPN" and noun.is_lower) or noun.lower_ not in load_lexicon().anaphora or noun.head.i != i and not second \
            or place.dep_ not in NOMINAL or not _safe(noun, place.head) and place.head.i != place.i:
        return
    head, dep = place.head, place.dep_
    moved = [c for c in place.children if c.i > noun.i]
    noun.head = noun if head.i == place.i else head
    noun.dep_ = dep
    if not _safe(place, noun):
        return
    place.head, place.dep_ = noun, "compound"
    for c in moved:
        if _safe(c, noun):
            c.head = noun


def _site_described_after_place(doc: Doc, place: Token) -> None:
    """'its Smart Power Fab in Dresden, a 5-billion-euro plant, ...', parsed with the plant in
    apposition to the town: a site noun set after the place a named site is in describes the site."""
    prep = place.head
    if place.dep_ != "pobj" or prep.lower_ not in ("in", "near", "outside") or not prep.head.ent_type_ \
            or prep.head.ent_type_ in ("GPE", "LOC"):
        return
    for n in list(place.children):
        if n.dep_ == "appos" and n.pos_ == "NOUN" and is_site_noun(n) and _safe(n, prep.head):
            n.head = prep.head


# what a company does, which 'which' after a place in its description says of the company
COMPANY_DEEDS = frozenset({"buy", "acquire", "purchase", "raise", "invest", "sign", "launch", "employ", "make", "sell"})


def _clause_after_place(doc: Doc, place: Token) -> None:
    """"SalMar, Mowi's nearest rival in Norway, which bought NTS in 2022, ...", parsed with the
    clause about the place: a 'which' clause of a company's deed after the place in a company's
    description is about the company."""
    prep = place.head
    if place.dep_ != "pobj" or prep.lower_ not in ("in", "at") or prep.head.pos_ != "NOUN":
        return
    noun = prep.head
    company = noun.head if noun.dep_ == "appos" and etype(noun.head) == "ORG" else None
    if company is None:
        return
    for v in list(place.children):
        if v.dep_ == "relcl" and v.lemma_.lower() in COMPANY_DEEDS and doc[v.i - 1].lower_ == "which" \
                and doc[v.i - 1].head.i == v.i and doc[place.i + 1].text == "," and _safe(v, company):
            v.head = company


def _list_after_place(doc: Doc, place: Token) -> None:
    """'its closest rivals in China, Vivo and Xiaomi', parsed with the names listed after the place
    (as if 'China, Vivo and Xiaomi' were three places): names of companies after the comma are in
    apposition to the noun the place's 'in' hangs on."""
    prep = place.head
    if place.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos != NOUN or place.i + 2 >= len(doc) \
            or doc[place.i + 1].text != ",":
        return
    first = doc[place.i + 2]
    if first.dep_ != "conj" or first.head.i != place.i or first.pos_ != "PROPN":
        return
    listed = [first] + [c for c in first.subtree if c.dep_ == "conj" and c.i > first.i]
    if any(etype(n) == "PLACE" for n in listed) or not any(etype(n) == "ORG" for n in listed):
        return
    if _safe(first, prep.head):
        first.head, first.dep_ = prep.head, "appos"


def _gerund_object(doc: Doc, verb: Token) -> None:
    """'known for co-founding Oculus', parsed with the gerund as a modifier of the name: the gerund
    takes the name's place after the preposition, the name becomes its object."""
    name = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if name is None or name.head.i != verb.i and verb.head.i != name.i:
        return
    if verb.dep_ == "compound" and name.dep_ == "ROOT" and verb.head.i == name.i and name.ent_type_ \
            and any(c.dep_ == "aux" for c in verb.children) and any(c.dep_ == "nsubj" for c in verb.children):
        # 'Meta is building Hyperion, a data center in ...', parsed with the name heading the sentence
        # and the verb as its modifier: the verb heads it, the name is its object
        verb.head, verb.dep_ = verb, "ROOT"
        name.head, name.dep_ = verb, "dobj"
        for c in list(name.children):
            if c.dep_ == "punct" and c.i == len(doc) - 1 or c.i == name.right_edge.i and c.is_punct:
                c.head = verb
        return
    if verb.dep_ != "compound" or not (name.ent_type_ or name.pos_ == "PROPN") or name.dep_ != "pobj" \
            or name.head.pos_ != "ADP":
        return
    prep = name.head
    if not _safe(verb, prep):
        return
    verb.head, verb.dep_ = prep, "pcomp"
    if _safe(name, verb):
        name.head, name.dep_ = verb, "dobj"
    # ('co-founding Oculus, the headset maker that ...': the description set off after the name)
    described = noun_after_comma(name, False)
    if described is not None and described.dep_ in ("npadvmod", "dep", "appos") and described.head.i != name.i \
            and _safe(described, name):
        described.head, described.dep_ = name, "appos"


# verbs of making, selling and using goods, which take no '-ing' clause right after them: in 'supplies
# cooling equipment' or 'builds networking switches' the '-ing' word is part of the object
GOODS_VERBS = frozenset({
    "supply", "provide", "sell", "deliver", "ship", "lease", "rent", "offer", "license", "build", "make",
    "manufacture", "produce", "fabricate", "assemble", "design", "develop", "buy", "purchase", "use",
    "deploy", "install", "operate", "run", "power", "equip"})


def _gerund_read_as_clause(doc: Doc, ger: Token) -> None:
    """'Vertiv supplies cooling equipment to Equinix', parsed as if the company supplied by cooling
    equipment: the '-ing' word right after a verb of goods that has no object, with a noun right after
    it as its object, is a modifier of that noun, and the noun with what follows is the verb's
    object."""
    v = ger.head
    if ger.dep_ != "xcomp" or v.i != ger.i - 1 or v.pos_ != "VERB" or v.lemma_ not in GOODS_VERBS \
            or not ger.is_lower or any(c.dep_ in ("dobj", "ccomp") for c in v.children):
        return
    noun = next((c for c in ger.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")
                 and c.left_edge.i == ger.i + 1), None)
    if noun is None or not _safe(noun, v):
        return
    _gerund_into_noun(ger, noun, v, v, "dobj")


def _gerund_read_as_conjunct(doc: Doc, ger: Token) -> None:
    """'Disco supplies grinders and dicing saws to TSMC', parsed as if the company supplied grinders
    and diced saws to TSMC: an '-ing' word after 'and' or 'or' that follows the object of a verb of
    goods, with a noun right after it as its object and no subject of its own, is a modifier of that
    noun, the noun a second object, and what follows it the verb's. After a comma ('grinders, dicing
    saws and laser cutters') the same holds when the noun goes on the list with 'and' or 'or'."""
    v = ger.head
    joint = doc[ger.i - 1]
    if ger.dep_ not in ("conj", "advcl") or v.pos_ != "VERB" or v.lemma_ not in GOODS_VERBS or not ger.is_lower \
            or joint.lower_ not in ("and", "or", ",") or any(c.dep_ in SUBJ for c in ger.children):
        return
    first = next((c for c in v.children if c.dep_ == "dobj" and c.i < ger.i), None)
    if first is None or joint.head.i not in (v.i, first.i):
        return
    noun = next((c for c in ger.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                 and c.left_edge.i == ger.i + 1), None)
    if noun is None or not _safe(noun, first):
        return
    if joint.text == ",":
        # ('chillers, cooling towers and pumps to Equinix': the list goes on from the noun, or from the
        # '-ing' word, when the parser hung 'and pumps' there)
        rest = [c for c in ger.children if c.dep_ in ("cc", "conj") and c.i > noun.i]
        if not any(c.dep_ == "cc" for c in noun.children) and not (
                any(c.dep_ == "cc" for c in rest) and any(c.dep_ == "conj" and c.pos_ == "NOUN" for c in rest)):
            return
        for c in rest:
            if _safe(c, noun):
                c.head = noun
        # (what the parser hung on the last item belongs to the verb: 'pumps to Equinix')
        for c in [c for c in rest if c.dep_ == "conj"]:
            for prep in [p for p in c.children if p.dep_ in ("prep", "dative") and p.i > c.i]:
                if _safe(prep, v):
                    prep.head = v
    cc = doc[ger.i - 1]
    if _safe(cc, first):
        cc.head = first
    _gerund_into_noun(ger, noun, v, first, "conj")


def _gerund_into_noun(ger: Token, noun: Token, v: Token, head: Token, dep: str) -> None:
    """The '-ing' word made a modifier of the noun it took as its object, the noun hung on `head` as
    `dep`, and what came after the noun in the '-ing' word's clause handed to the verb."""
    moved = [c for c in ger.children if c.i > noun.i]
    noun.head, noun.dep_ = head, dep
    ger.head, ger.dep_, ger.pos_ = noun, "amod", "NOUN"
    for c in moved:
        if _safe(c, v):
            c.head = v


def _described_list_item(doc: Doc, name: Token) -> None:
    """'Chevron, the investment firm Engine No. 1 and GE Vernova said ...', parsed with 'the
    investment firm Engine No. 1' in apposition to Chevron: a description with a name of its own
    right after it, inside a list the first name heads, is the next item of the list."""
    desc = name.head
    first = desc.head
    if name.dep_ not in ("appos", "compound") or desc.i != name.i - 1 or desc.pos_ != "NOUN" or desc.dep_ != "appos" \
            or etype(first) != "ORG" or etype(name) != "ORG" or doc[desc.left_edge.i - 1].text != "," \
            or not any(c.dep_ == "conj" and c.i > name.i for c in first.children) or not _safe(name, first):
        return
    name.head, name.dep_ = first, "conj"
    desc.head, desc.dep_ = name, "compound"


DEAL_NOUNS = frozenset({"agreement", "deal", "contract", "pact", "partnership", "arrangement", "accord"})


def _infinitive_read_as_noun(doc: Doc, to: Token) -> None:
    """'signed a six-year agreement in 2023 to license images, videos and music to OpenAI', parsed
    as 'to [license images]' with the verb a noun modifier: a verb of goods right after a 'to'
    whose object is the noun after it is an infinitive; it hangs on the deal the verb's object names
    (or on the verb), takes that noun as its object and what was said after the noun."""
    w = doc[to.i + 1]
    n = w.head
    if to.dep_ != "prep" or w.lemma_.lower() not in GOODS_VERBS or not w.is_lower or w.tag_ not in ("NN", "VB", "VBP") \
            or w.dep_ not in ("compound", "amod") or n.dep_ != "pobj" or n.head.i != to.i or n.i <= w.i:
        return
    up = to.head
    deal = next((c for c in up.children if c.dep_ == "dobj" and c.lemma_.lower() in DEAL_NOUNS and c.i < to.i), None) \
        if up.pos_ in ("VERB", "AUX") else (up if up.lemma_.lower() in DEAL_NOUNS else None)
    head = deal if deal is not None else up
    if not _safe(w, head):
        return
    moved = [c for c in n.children if c.dep_ == "prep" and c.i > n.i]
    w.head, w.dep_, w.pos_, w.tag_ = head, "acl" if deal is not None else "advcl", "VERB", "VB"
    to.head, to.dep_, to.pos_, to.tag_ = w, "aux", "PART", "TO"
    n.head, n.dep_ = w, "dobj"
    for c in moved:
        c.head = w


SECOND_OBJECTS = frozenset({"dobj", "npadvmod", "dep"})


def _apposition_after_name(doc: Doc, name: Token) -> None:
    """'production at Fab 20, its new fab in Hsinchu', parsed with 'fab' as a second object of the
    verb: a noun phrase set off by a comma right after a name, opened by an article or 'its', is
    the name's apposition (not when it is a subject: 'in Anthropic, the company said')."""
    if name.dep_ in HANGING:
        return          # ('counts Anysphere, the start-up behind Cursor, as its rival': the noun holds the role)
    noun = noun_after_comma(name, False)
    # ('X is a co-founder of Siri, the voice-assistant start-up that ...', read as a second complement)
    second_attr = noun is not None and noun.dep_ == "attr" and any(
        c.dep_ == "attr" and c.i < name.i for c in noun.head.children)
    if noun is None or noun.dep_ not in SECOND_OBJECTS and not second_attr or noun.head.i == name.i or noun.pos_ != "NOUN" \
            or not noun.head.is_ancestor(name) or not _safe(noun, name):
        return
    noun.head, noun.dep_ = name, "appos"


def _owned_description_in_list(doc: Doc, name: Token) -> None:
    """'co-led by GV, Alphabet's venture-capital arm, and Kleiner Perkins', 'by A, its chief executive,
    and B', parsed as lists of three: a common noun with an owner, set between commas right after a
    name, describes the name."""
    owner = doc[name.i + 2]
    noun = owner.head
    if owner.dep_ == "poss" and noun.dep_ == "appos" and noun.head.i == name.i and noun.i + 1 < len(doc) \
            and doc[noun.i + 1].text == ",":
        # ('by David Haber, its chief executive, and Mateo Rojas-Carulla, its chief scientist', the
        # second name hung on the first one's title)
        for c in list(noun.children):
            if c.i > noun.i and (c.dep_ == "cc" or c.dep_ == "conj" and c.ent_type_) and _safe(c, name):
                c.head = name
        return
    if owner.dep_ != "poss" or not (owner.ent_type_ or owner.lower_ in ("its", "their")) or noun.dep_ != "conj" \
            or noun.head.i != name.i or noun.pos_ != "NOUN" or noun.i + 1 >= len(doc) or doc[noun.i + 1].text != "," \
            or not _safe(noun, name):
        return
    noun.dep_ = "appos"
    # ('founded by A, its chief executive, and B, its technology chief': the list goes on from A)
    for c in list(noun.children):
        if c.dep_ in ("conj", "cc") and c.i > noun.i and _safe(c, name):
            c.head = name


def _owned_pair_read_as_one(doc: Doc, owner: Token) -> None:
    """"Google's Veo 3 and OpenAI's Sora", parsed as Google's (Veo 3 and OpenAI)'s Sora: two owned
    names in a list, each with its own owner, are two phrases, the second a conjunct of the first."""
    if owner.dep_ != "poss" or owner.i + 2 >= len(doc) or doc[owner.i + 1].dep_ != "case":
        return
    first, last = doc[owner.i + 2], owner.head
    if first.head.i != last.i or first.dep_ not in ("nmod", "compound") or not first.ent_type_:
        return
    second = next((c for c in first.children if c.dep_ == "conj" and c.ent_type_ == owner.ent_type_
                   and c.i + 2 == last.i and doc[c.i + 1].dep_ == "case"), None)
    if second is None or not _safe(first, last.head):
        return
    first.head, first.dep_ = last.head, last.dep_
    last.head, last.dep_ = first, "conj"
    second.head, second.dep_ = last, "poss"
    owner.head = first


DURATIONS = frozenset({"hour", "day", "week", "month", "year"})
TIME_LINKS = frozenset({"after", "before", "later", "earlier", "ago"})


def _duration_read_as_object(doc: Doc, name: Token) -> None:
    """'bought Windsurf days after Google hired its chief', 'invested in Mistral months before', parsed
    with the name as a modifier of 'days': the name is the object, the time an adverb of the verb."""
    if name.i + 2 >= len(doc):
        return
    span = doc[name.i + 1]
    if name.head.i != span.i or name.dep_ not in ("compound", "amod", "nmod") \
            or span.lemma_.lower() not in DURATIONS or span.dep_ not in ("dobj", "pobj") \
            or doc[span.i + 1].lower_ not in TIME_LINKS or not _safe(name, span.head):
        return
    name.head, name.dep_ = span.head, span.dep_
    span.dep_ = "npadvmod"
    if span.head.dep_ == "prep":
        span.head = span.head.head


def _subject_after_date(doc: Doc, name: Token) -> None:
    """'In August Serve bought Vayu Robotics', parsed as 'in August Serve' with the object as the
    subject: a name between an opening date and its verb is the verb's subject, the date the
    preposition's object, and a subject after the verb its object."""
    prep, verb = name.head, doc[name.i + 1] if name.i + 1 < len(doc) else None
    if verb is None or name.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.i != verb.i \
            or verb.pos_ != "VERB" or not prep.is_sent_start:
        return
    dates = [c for c in name.children if c.dep_ in ("compound", "nmod") and c.ent_type_ == "DATE" and c.i == name.i - 1]
    if not dates or any(c.dep_ in SUBJ and c.i < verb.i for c in verb.children):
        return
    dates[0].head, dates[0].dep_ = prep, "pobj"
    name.head, name.dep_ = verb, "nsubj"
    for c in verb.children:
        if c.dep_ == "nsubj" and c.i > verb.i:
            c.dep_ = "dobj"


def _contact_clause(doc: Doc, name: Token) -> None:
    """'Psyche, a network Nous Research built', 'the database service MongoDB launched in 2016',
    parsed with the company in apposition to the noun and the verb a modifier of the company: a
    clause without 'which' or 'that', the company its subject and the noun its object."""
    verb = doc[name.i + 1]
    noun = name.head
    before = doc[name.i - 1]
    if name.dep_ == "nsubj" and noun.i == verb.i and verb.dep_ == "ccomp" and verb.tag_ in ("VBD", "VBZ", "VBP") \
            and before.pos_ == "NOUN" and before.dep_ == "nsubj" and before.head.i == verb.i \
            and (main := verb.head).pos_ == "VERB" and main.i < before.i \
            and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children if c.i != verb.i) \
            and not any(c.dep_ == "dobj" for c in main.children) and _safe(before, main):
        # 'TSMC makes the processors Nvidia sells', parsed as a clause with two subjects: the noun is
        # the object of the verb before it, and the company the subject of a clause about the noun
        before.head, before.dep_ = main, "dobj"
        verb.head, verb.dep_ = before, "relcl"
        return
    if name.dep_ == "appos" and before.pos_ == "NOUN" and before.head.i == name.i and before.dep_ == "compound" \
            and verb.head.i == name.i and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN") and verb.dep_ in ("acl", "relcl") \
            and not any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in verb.children) and _safe(before, noun):
        # 'TuneLab, a platform Lilly launched in September', parsed with the noun as a compound of the
        # company: the noun is the apposition, the company the subject of a clause about it
        before.head, before.dep_ = noun, "appos"
        for c in list(name.children):
            if c.i < before.i and _safe(c, before):
                c.head = before
        verb.head, verb.dep_ = before, "relcl"
        name.head, name.dep_ = verb, "nsubj"
        return
    if name.dep_ == "nsubj" and noun.i == verb.i and verb.dep_ == "relcl" and verb.tag_ in ("VBD", "VBN") \
            and before.pos_ == "NOUN" and before.head.i == name.i and before.dep_ == "compound" \
            and (named := verb.head).i < before.i and named.pos_ == "PROPN" and doc[name.left_edge.i - 1].text == "," \
            and not any(c.lower_ in ("that", "which") for c in verb.children) and _safe(before, named):
        # 'Giuseppe, the AI platform NotCo developed to ...', parsed with the noun a compound of the
        # company and the clause hung on the name: the noun is the name's apposition, the clause its
        for c in list(name.children):
            if c.i < before.i and _safe(c, before):
                c.head = before
        before.head, before.dep_ = named, "appos"
        verb.head = before
        return
    if name.dep_ != "appos" or noun.i != name.i - 1 or noun.pos_ != "NOUN" or verb.head.i not in (name.i, noun.i) \
            or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or verb.dep_ not in ("acl", "relcl") \
            or any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "ccomp", "xcomp") for c in verb.children) \
            or not _safe(verb, noun):
        return
    verb.head, verb.dep_ = noun, "relcl"
    if _safe(name, verb):
        name.head, name.dep_ = verb, "nsubj"


def _contact_clause_read_as_complement(doc: Doc, name: Token) -> None:
    """'Chess.com bought Play Magnus Group, the Oslo-based company Magnus Carlsen co-founded, for $80
    million', parsed with the noun as the subject of a clause the main verb takes, the founder in
    apposition to it: the noun is the apposition of the name before the comma, and a clause without
    'that' about it has the founder for its subject."""
    noun, verb = name.head, doc[name.i + 1]
    if name.dep_ != "appos" or noun.i != name.i - 1 or noun.pos_ != "NOUN" or noun.dep_ != "nsubj" \
            or noun.head.i != verb.i or verb.tag_ not in ("VBD", "VBN") or verb.dep_ not in ("ccomp", "advcl") \
            or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return
    main, comma = verb.head, noun.left_edge.i - 1
    if comma < 1 or doc[comma].text != "," or main.pos_ not in ("VERB", "AUX") or main.i > comma:
        return
    named = doc[comma - 1]
    if not named.ent_type_ or named.pos_ != "PROPN" or not _safe(noun, named) or not _safe(name, verb):
        return
    # (what follows the clause's closing comma is the main verb's again: ', for $80 million')
    closing = next((c.i for c in verb.children if c.dep_ == "punct" and c.text == "," and c.i > verb.i), None)
    for c in list(verb.children):
        if closing is not None and c.i >= closing and _safe(c, main):
            c.head = main
    noun.head, noun.dep_ = named, "appos"
    verb.head, verb.dep_ = noun, "relcl"
    name.head, name.dep_ = verb, "nsubj"


def _series_letter(doc: Doc, letter: Token) -> None:
    """'led its $18 million Series A round', parsed with the letter as the object and the round as a
    second one: the round takes the letter's place, and the letter, its owner and its amount hang on
    the round."""
    noun = doc[letter.i + 1]
    if noun.lemma_.lower() not in ROUND_NOUNS or noun.pos_ != "NOUN":
        return
    # ('Prompt Security's Series A round', the owner hung on the letter: it goes to the round)
    moved = [c for c in letter.children if c.i < letter.i and c.dep_ in ("poss", "det", "nummod", "amod")]
    if letter.head.i != noun.i:
        if letter.dep_ not in NOMINAL or noun.head.i != letter.head.i or noun.dep_ not in NOMINAL \
                or not _safe(letter, noun):
            return
        head, dep = letter.head, letter.dep_
        moved = [c for c in letter.children if c.i < letter.i and c.lower_ != "series"]
        noun.head, noun.dep_ = (head, dep) if head.i != letter.i else (noun, "ROOT")
        letter.head, letter.dep_ = noun, "compound"
    for c in moved:
        if _safe(c, noun):
            c.head = noun


def _object_read_as_adverb(doc: Doc, name: Token) -> None:
    """'Riken runs Fugaku', parsed with the name as an adverb of the verb (as a time would be): a
    name right after a verb that has no object is its object."""
    v = name.head
    if name.dep_ == "npadvmod" and v.i == name.i - 1 and v.pos_ == "VERB" \
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in v.children):
        name.dep_ = "dobj"


def _town_read_as_head(doc: Doc, town: Token) -> None:
    """'The Duluth, Georgia-based company is ...', parsed with the town as the phrase's head and the
    company noun in apposition to it: the noun heads the phrase, and the town, like its state, says
    where it is based."""
    if not (0 < town.i < len(doc) - 5) or doc[town.i - 1].lower_ != "the" or doc[town.i + 1].text != "," \
            or doc[town.i + 3].text != "-" or doc[town.i + 4].lower_ != "based" or doc[town.i + 2].ent_type_ != "GPE":
        return
    noun, based = doc[town.i + 5], doc[town.i + 4]
    if noun.pos_ != "NOUN" or noun.head.i != town.i or noun.dep_ != "appos" or based.head.i != noun.i:
        return
    if town.head.i == town.i:
        noun.head, noun.dep_ = noun, "ROOT"
    else:
        noun.head, noun.dep_ = town.head, town.dep_
    for c in list(town.children):
        if c.i != noun.i and _safe(c, noun):
            c.head = noun
    town.head, town.dep_ = based, "npadvmod"


def _object_read_as_clause(doc: Doc, name: Token) -> None:
    """'a wholly owned subsidiary of Urgently', a company named with a word the parser reads as an
    adverb, hung on the preposition as a clause: it is the preposition's object."""
    if name.dep_ == "pcomp" and name.pos_ in ("ADV", "ADJ") and name.head.pos_ == "ADP" and name.n_lefts == 0 \
            and not any(c.dep_ in ("pobj", "pcomp") and c != name for c in name.head.children):
        name.dep_, name.pos_ = "pobj", "PROPN"


def _subject_read_as_compound(doc: Doc, name: Token) -> None:
    """'and Riken runs Fugaku', parsed with the name as a compound of the verb (as if 'Riken runs'
    were a noun): a name right before a verb with no subject is its subject."""
    v = name.head
    # (or as an adverb, a company named with a word that is one: 'the centre that Urgently opened',
    # 'would help Urgently spot breakdowns', 'said Urgently had been in talks')
    adverb = name.dep_ in ("advmod", "npadvmod") and name.pos_ in ("ADV", "ADJ") and v.i > name.i \
        and v.pos_ in ("VERB", "AUX") and v.tag_ != "VBG" \
        and all(w.dep_ in ("aux", "auxpass", "neg", "advmod") and w.head == v for w in doc[name.i + 1:v.i])
    if not adverb and (name.dep_ != "compound" or v.i != name.i + 1 or v.pos_ != "VERB"
                       or v.tag_ not in ("VBZ", "VBD", "VBP")):
        return
    subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        name.dep_ = "nsubjpass" if adverb and any(c.dep_ == "auxpass" for c in v.children) else "nsubj"
        name.pos_ = "PROPN"
    elif len(subjects) == 1 and subjects[0].lower_ in ("which", "that") and subjects[0].i == name.i - 1 \
            and v.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in v.children):
        # 'the Rosenholm data centre, which Telenor runs': the pronoun is the object
        name.dep_, subjects[0].dep_ = "nsubj", "dobj"


def _subject_read_as_adverb(doc: Doc, name: Token) -> None:
    """'Poolside, founded in 2023 by Jason Warner, is based in Paris', parsed with the unknown name
    as an adverb of the verb: a name that opens its sentence, hanging on a later verb that has no
    subject, is its subject, and a participle clause set off by commas between them is about the
    name."""
    v = name.head
    if name.dep_ not in ("advmod", "npadvmod", "dep") or v.i <= name.i or v.pos_ not in ("VERB", "AUX") \
            or not name.left_edge.is_sent_start \
            or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in v.children):
        return
    name.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in v.children) else "nsubj"
    name.pos_ = "PROPN"
    for c in v.children:
        if c.dep_ == "advcl" and name.i < c.i < v.i and c.tag_ in ("VBN", "VBG") \
                and doc[c.left_edge.i - 1].text == "," and _safe(c, name):
            c.head, c.dep_ = name, "acl"


def _description_read_as_modifier(doc: Doc, desc: Token) -> None:
    """'Isomorphic Labs, an Alphabet spin-off, signed ...', parsed with the noun as a modifier of the
    name before it (as if the name were what the phrase is): the describing noun heads the phrase
    and the name is its compound, as in 'an Alphabet unit'."""
    owner = doc[desc.i - 1]
    if desc.head.i != owner.i or desc.dep_ not in ("prep", "amod", "dep", "npadvmod", "advmod") \
            or owner.ent_type_ != "ORG" or owner.dep_ not in NOMINAL or desc.n_lefts or desc.n_rights:
        return
    det = [c for c in owner.lefts if c.dep_ == "det"]
    desc.head, desc.dep_ = (owner.head, owner.dep_) if owner.head.i != owner.i else (desc, "ROOT")
    desc.pos_ = "NOUN"
    owner.head, owner.dep_ = desc, "compound"
    for c in det:
        c.head = desc


def _name_read_as_determiner(doc: Doc, name: Token) -> None:
    """'named Oh Jun-ho, Rainbow's co-founder, to lead it', parsed with the name as a determiner of
    the noun after the comma: the name stands where the noun stood, the noun is its apposition."""
    noun = name.head
    # ('by Lintasarta, Indosat's IT subsidiary, which ...', the name read as a modifier of the noun)
    if name.dep_ not in ("det", "nmod", "compound") or noun.i <= name.i + 1 or doc[name.i + 1].text != "," \
            or noun.pos_ not in ("NOUN", "PROPN") or not _safe(name, noun.head) and noun.head.i != noun.i:
        return
    if noun.head.i == noun.i:
        name.head, name.dep_ = name, "ROOT"
    else:
        name.head, name.dep_ = noun.head, "dobj" if noun.dep_ == "oprd" else noun.dep_
    noun.head, noun.dep_ = name, "appos"


def _subject_taken_by_list(doc: Doc, v: Token) -> None:
    """'agreed to buy Edge Impulse, ..., and Texas Instruments and STMicroelectronics have both added
    ...', parsed with the two names listed after the object: the names right before a coordinated
    verb that has no subject are its subject, from the 'and' that opens their clause."""
    if v.dep_ != "conj" or v.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return
    k = v.i - 1
    while k > 0 and (doc[k].dep_ in ("aux", "auxpass", "neg") or doc[k].dep_ == "advmod" and doc[k].head.i == v.i):
        k -= 1
    last = doc[k]
    if k == v.i - 1 or not last.ent_type_ or last.dep_ != "conj":
        return
    first = last
    while first.dep_ == "conj" and first.head.ent_type_ and not (
            first.i > 1 and doc[first.i - 1].lower_ == "and" and doc[first.i - 2].text == ","):
        first = first.head
    if not (first.i > 1 and doc[first.i - 1].lower_ == "and" and doc[first.i - 2].text == ",") \
            or first.dep_ != "conj" or not _safe(first, v):
        return
    first.head, first.dep_ = v, "nsubj"
    cc = doc[first.i - 1]
    if cc.head.i != v.head.i and _safe(cc, v.head):
        cc.head = v.head        # (the 'and' now joins the two clauses)


def _apposition_read_as_second_subject(doc: Doc, name: Token) -> None:
    """"Arla's biggest rival in northern Europe, the Dutch cooperative FrieslandCampina, agreed ...",
    parsed with two subjects of one verb (or the name read as an adverb: "Volvo's parent company,
    Geely, said ..."): a name set off by commas right after the first subject's phrase, a noun's, is
    that noun's apposition."""
    v = name.head
    first = next((c for c in v.children if c.dep_ == "nsubj" and c.i < name.i and c.pos_ == "NOUN"), None)
    start = name.left_edge.i
    if first is None or start < 1 or doc[start - 1].text != "," or first.right_edge.i not in (start - 2, start - 1) \
            or name.i + 1 >= len(doc) or doc[name.i + 1].text != "," or not _safe(name, first):
        return
    name.head, name.dep_ = first, "appos"
    if name.pos_ != "PROPN":
        name.pos_ = "PROPN"


def _apposition_read_as_second_object(doc: Doc, name: Token) -> None:
    """'brought in Alexandr Wang to lead a new division, Meta Superintelligence Labs, which ...', parsed
    with the name a second object of the main verb: a name set off by a comma right after a phrase
    whose noun describes a company (or a part of one) is that noun's apposition."""
    start = name.left_edge.i
    if start < 2 or doc[start - 1].text != ",":
        return
    noun = doc[start - 2]
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ORG_DESCRIPTIONS | PART_DESCRIPTIONS or noun.i == name.head.i \
            or noun.dep_ not in ("dobj", "pobj", "attr") or noun.head.i == name.head.i or not _safe(name, noun):
        return
    name.head, name.dep_ = noun, "appos"


def _description_read_as_second_object(doc: Doc, noun: Token) -> None:
    """'wants more revenue from Venus Control Suite, the software Daktronics makes for ...', parsed with
    'the software' a second object of the main verb: a phrase opened by 'the' right after a comma and
    a name, its verb already holding an object before the name, describes the name."""
    start = noun.left_edge.i
    if start < 2 or doc[start - 1].text != "," or doc[start].lower_ != "the":
        return
    name, verb = doc[start - 2], noun.head
    if name.pos_ != "PROPN" or not name.ent_type_ or name.i == noun.head.i or not _safe(noun, name) \
            or not any(c.dep_ == "dobj" and c.i < name.i and c.i != noun.i for c in verb.children) \
            or not any(a.i == verb.i for a in name.ancestors):
        return
    noun.head, noun.dep_ = name, "appos"


def _name_read_as_dates_owner(doc: Doc, name: Token) -> None:
    """'signed an agreement with EDF last year to buy ...', parsed with the name the owner of the date
    after it (no 's between them): the name is the preposition's object, the date says when the verb
    happened."""
    date = name.head
    if name.dep_ != "poss" or date.i != name.i + 1 or date.ent_type_ != "DATE" or date.dep_ != "pobj" \
            or any(c.tag_ == "POS" for c in name.children):
        return
    prep = date.head
    verb = next((a for a in prep.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or not _safe(name, prep) or not _safe(date, verb):
        return
    name.head, name.dep_ = prep, "pobj"
    date.head, date.dep_ = verb, "npadvmod"


# verbs of a clause that says who launched or makes a described thing, and the nouns that describe it
LAUNCHING_OR_MAKING = frozenset(load_lexicon().words["launching_verbs"]) | {"make", "produce"}
DESCRIBED_WARES = frozenset(load_lexicon().words["launched_nouns"]) | frozenset(load_lexicon().words["goods_nouns"]) \
    | frozenset(load_lexicon().words["product_nouns"])


def _clause_hung_on_phrase_object(doc: Doc, v: Token) -> None:
    """'Agentforce, the software for autonomous agents that Salesforce launched last autumn', parsed
    with the clause hung on 'agents': a clause of launching or making after a phrase that describes a
    name as software or goods is about the described noun, not about the plural noun of its 'for' or
    'with' that no article sets apart ('agents')."""
    n = v.head
    if n.dep_ != "pobj" or n.head.dep_ != "prep" or n.head.lower_ not in ("for", "with") or n.pos_ != "NOUN":
        return
    desc = n.head.head
    if desc.dep_ != "appos" or desc.pos_ != "NOUN" or desc.head.pos_ != "PROPN" or desc.lemma_.lower() not in DESCRIBED_WARES \
            or n.tag_ != "NNS" or any(c.dep_ in ("det", "poss") for c in n.children) or not _safe(v, desc):
        return
    v.head = desc


def _relative_verb_read_as_object(doc: Doc, name: Token) -> None:
    """'Amazon AGI, which Rohit Prasad runs, ...', parsed with the name heading the relative clause and
    the verb its object: the verb heads the clause, the name its subject and 'which' its object."""
    rel = doc[name.i - 1] if name.i > 0 else None
    v = doc[name.i + 1]
    if rel is None or rel.lower_ not in ("which", "that") or rel.head.i != name.i or v.head.i != name.i \
            or v.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return
    antecedent = name.head
    v.head, v.dep_ = antecedent, "relcl"
    name.head, name.dep_ = v, "nsubj"
    rel.head, rel.dep_ = v, "dobj"


def _apposition_of_nearer_name(doc: Doc, name: Token) -> None:
    """'led by General Catalyst, with NVentures, Nvidia's venture-capital arm, taking part', parsed
    with the description in apposition to the first name: a description set off right after a name
    inside a preposition's phrase describes that name."""
    if name.dep_ != "pobj" or name.i + 2 >= len(doc) or doc[name.i + 1].text != ",":
        return
    opener = doc[name.i + 2]
    if not (opener.pos_ == "DET" or opener.tag_ == "PRP$" or opener.ent_type_ and name.i + 3 < len(doc)
            and doc[name.i + 3].text in ("'s", "'")):
        return      # (a description opens with an article or an owner: not 'with Adept, hiring its chief')
    noun = next((t for t in doc[name.i + 2:name.i + 8] if t.dep_ == "appos" and t.pos_ == "NOUN"), None)
    # (or hung on the clause's subject: 'KT will run its services on processors designed by
    # Rebellions, the Seongnam-based start-up in which ...')
    if noun is None or noun.left_edge.i != name.i + 2 or noun.head.i >= name.i or not _safe(noun, name) \
            or not (noun.head.is_ancestor(name) or noun.head.dep_ in SUBJ and noun.head.head.is_ancestor(name)):
        return
    if name.ent_type_ in ("GPE", "LOC") and is_site_noun(noun) and name.head.head.ent_type_ not in ("", "GPE", "LOC"):
        return      # ('its Smart Power Fab in Dresden, a 5-billion-euro plant': the town a named site is in is no plant)
    noun.head = name


def _list_read_as_apposition(doc: Doc, name: Token) -> None:
    """'The Pasadena company has signed agreements with the Financial Times, Axel Springer, The
    Atlantic and Fortune', parsed with 'Axel Springer' in apposition to the subject far before it: a
    name set off by a comma right after another name of its kind, hung past that name, continues
    the list the other name is in."""
    prev = doc[name.i - 2]
    # ('the CFO for Blue Dart Express, Blue Dart Aviation and Concorde', the list hung on the title)
    listed_on_title = name.dep_ == "conj" and not etype(name.head) and name.head.pos_ in ("NOUN", "PROPN") \
        and prev.dep_ == "pobj" and prev.head.head.i == name.head.i
    # ('Professor at the Collège de France, IHÉS, The Ohio State University and Vanderbilt University':
    # a name opening on 'The', read as a determiner, and the last one after 'and', hung elsewhere)
    last = doc[name.i - 1].lower_ in ("and", "or") and prev.dep_ == "conj" and name.dep_ in ("appos", "dep") \
        and etype(prev) == etype(name) and name.head.i < prev.i and (name.i + 1 == len(doc) or doc[name.i + 1].is_punct)
    if last and _safe(name, prev.head):
        name.head, name.dep_ = prev.head, "conj"
        doc[name.i - 1].head = prev.head
        return
    if name.dep_ not in ("appos", "dep", "det") and not listed_on_title or doc[name.i - 1].text != "," \
            or etype(prev) != etype(name) \
            or prev.dep_ not in ("pobj", "dobj", "conj") or name.head.i >= prev.i and name.dep_ != "det" \
            or name.i + 1 >= len(doc) or doc[name.i + 1].text not in (",", "and", "or") or not _safe(name, prev):
        return
    name.head = prev
    name.dep_ = "conj"


RELATION_NOUNS = frozenset({"rival", "competitor", "challenger", "customer", "client", "backer", "investor",
                            "shareholder", "partner", "supplier", "owner", "parent", "acquirer", "buyer"})


def _apposition_of_described_noun(doc: Doc, name: Token) -> None:
    """"NatWest's largest rival in British retail banking, Lloyds Banking Group, has built ...",
    parsed with the name in apposition to the last noun of the phrase after 'rival': a name set off
    after a phrase that opens with such a noun is that noun's apposition."""
    nearer = name.head
    if name.dep_ != "appos" or nearer.pos_ != "NOUN" or etype(nearer) or nearer.dep_ != "pobj" \
            or doc[name.i - 1].text != "," or name.i + 1 >= len(doc) or doc[name.i + 1].text not in (",", ".") :
        return
    prep = nearer.head
    noun = prep.head
    # ('a foundation model for the atmosphere, Aurora': a product's name after a product noun's phrase)
    nouns = PRODUCT_NOUNS if name.ent_type_ == "PRODUCT" else RELATION_NOUNS
    if prep.dep_ != "prep" or noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns or not _safe(name, noun):
        return
    name.head = noun


def _until_recently(doc: Doc, until: Token) -> None:
    """'who was until recently a vice-president of research at Google DeepMind', parsed with the
    role as the object of 'until': the role is what the subject was."""
    be = until.head
    if be.lemma_ != "be" or any(c.dep_ in ("attr", "acomp") for c in be.children) \
            or not any(c.dep_ in ("pcomp", "advmod") and c.lower_ in ("recently", "lately") for c in until.children):
        return
    role = next((c for c in until.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if role is not None and _safe(role, be):
        role.head, role.dep_ = be, "attr"


def _site_name_hung_elsewhere(doc: Doc, name: Token) -> None:
    """'Naver opened its second data centre, Gak Sejong, in late 2023', parsed with the name as an
    adverb of the verb: a site's name set off right after the site's noun is its apposition."""
    noun = doc[name.i - 2]
    if name.dep_ in ("npadvmod", "dep", "conj") and doc[name.i - 1].text == "," and noun.pos_ == "NOUN" \
            and name.head.i != noun.i and noun.head.i == name.head.i and _safe(name, noun):
        name.head, name.dep_ = noun, "appos"


def _currency_read_as_verb(doc: Doc, won: Token) -> None:
    """'won orders worth about 21 billion won from SK Hynix', parsed with the currency as a second
    'won' verb that takes the 'from': the amount's unit is a noun, and what hung on it belongs to the
    clause above."""
    amount, clause = doc[won.i - 1], won.head
    if not (amount.ent_type_ == "MONEY" or amount.like_num) or clause.i == won.i or clause.pos_ != "VERB":
        return
    for c in list(won.children):
        if c.dep_ == "prep" and _safe(c, clause):
            c.head = clause
    won.pos_, won.tag_ = "NOUN", "NN"
    worth = doc[amount.i - 1] if amount.i > 0 else None
    if worth is not None and worth.lower_ == "worth" and _safe(won, worth):
        won.head, won.dep_ = worth, "pobj"
    else:
        won.dep_ = "npadvmod"


def _participle_read_as_clause(doc: Doc, v: Token) -> None:
    """'Andreessen Horowitz and 8VC, the firm started by Joe Lonsdale, also took part', parsed as the
    clause 'the firm started by ...' with the names hung on it: the description is the names'
    apposition, the participle its clause, and the names the subject of the verb after it."""
    noun = doc[v.i - 1]
    if noun.dep_ != "nsubj" or noun.head.i != v.i or noun.pos_ != "NOUN" or noun.i < 3 \
            or not any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in noun.children) \
            or not any(c.dep_ == "agent" for c in v.children):
        return
    comma = doc[noun.left_edge.i - 1]
    name = doc[comma.i - 1]
    while name.dep_ == "conj" and name.head.i < name.i:
        name = name.head
    if comma.text != "," or not name.ent_type_ or name.head.i != v.i:
        return
    later = next((c for c in v.children if c.dep_ in ("dep", "conj", "ccomp") and c.pos_ == "VERB" and c.i > v.i), None)
    above, dep = v.head, v.dep_
    noun.head, noun.dep_ = doc[comma.i - 1], "appos"     # (the nearest name: '8VC, the firm ...')
    v.head, v.dep_, v.tag_ = noun, "acl", "VBN"
    if later is not None:
        later.head, later.dep_ = (later, "ROOT") if above.i == v.i else (above, dep)
        name.head, name.dep_ = later, "nsubj"
    elif above.i != v.i and _safe(name, above):
        name.head, name.dep_ = above, "nsubj"


def _participle_read_as_noun(doc: Doc, run: Token) -> None:
    """'the start-up run by Jason Warner', parsed with 'run' as a noun (the start-up's run, or the
    head of the phrase): a 'run' with a 'by' of its own is the participle describing the noun before."""
    if run.pos_ != "NOUN" or not any(c.dep_ == "agent" for c in run.children):
        return
    run.pos_, run.tag_, run.lemma_ = "VERB", "VBN", "run"
    noun = doc[run.i - 1] if run.i > 0 else None
    if noun is not None and noun.pos_ in ("NOUN", "PROPN") and noun.head.i == run.i and noun.dep_ == "compound":
        # ('the AI coding start-up run by ...', the noun read as a compound of 'run'): the noun heads
        # the phrase, 'run' is its clause
        if run.head.i == run.i:
            noun.head, noun.dep_ = noun, "ROOT"
        else:
            noun.head, noun.dep_ = run.head, run.dep_
        for c in list(run.children):
            if c.i < noun.i and _safe(c, noun):
                c.head = noun
        run.head, run.dep_ = noun, "acl"
    elif run.dep_ != "acl" and run.head.i == run.i - 1 and run.head.pos_ in ("NOUN", "PROPN"):
        run.dep_ = "acl"


# verbs whose third-person form the small model reads as a plural noun when nothing else in the
# sentence is a verb ('OpenAI rents capacity from CoreWeave': 'OpenAI rents' as a kind of capacity)
PRESENT_VERBS = frozenset({"rent", "lease", "host", "ship", "fund", "license", "licence", "power", "source",
                           "order", "supply", "sell", "own", "operate", "back", "make", "build", "design",
                           "train", "provide", "deliver", "run", "buy", "use", "compete", "control"})


def _present_base(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word[:-1] in PRESENT_VERBS else word[:-2]


def _verb_read_as_noun(doc: Doc, name: Token) -> None:
    """'OpenAI rents computing capacity from CoreWeave', parsed with no verb at its head ('rents' a
    noun in a compound of 'capacity'): a plural noun that could be a verb, right after the name that opens
    a sentence headed by no verb, is the verb; the name is its subject, the phrase after it its
    object, and the object's prepositions after it are the verb's ('Glean hosts much of its service
    on Google Cloud, and runs ...', with 'runs' coordinated with the noun)."""
    end = name.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end >= len(doc):
        return
    verb = doc[end]
    # (or tagged a verb but hung as a compound: 'Xiaomi rents computing capacity for them from ...')
    if not (verb.pos == NOUN and verb.tag_ == "NNS" or verb.pos_ == "VERB" and verb.tag_ == "VBZ"
            and verb.dep_ == "compound") or not verb.is_lower or verb.dep_ not in ("compound", "ROOT") \
            or _present_base(verb.lower_) not in PRESENT_VERBS:
        return
    root = next((w for w in doc[name.i:end] if not name.i <= w.head.i < end or w.head.i == w.i), name)
    sent = name.sent
    # ('Tasks too large for the phone go to the cloud: outside China, Oppo rents ...': a clause after a
    # colon or semicolon stands as a sentence of its own)
    start = max([t.i + 1 for t in doc[sent.start:name.i] if t.text in (":", ";")], default=sent.start)
    if root.head.i != verb.i \
            or start == sent.start and sent.root.pos_ in ("VERB", "AUX") \
            or any(t.pos_ not in ("PUNCT", "PROPN", "SPACE") for t in doc[start:name.i]) \
            and (doc[name.i - 1].text != "," or any(t.pos_ in ("VERB", "AUX") for t in doc[start:name.i])):
        # (an opening phrase set off by a comma may come first: 'Outside China, Oppo rents ...')
        return
    if verb.dep_ == "compound":
        obj = verb.head
        while obj.dep_ in ("compound", "amod", "nmod") and obj.head.i > obj.i:
            obj = obj.head
        if obj.i <= verb.i:
            return
        if obj.head.i == obj.i:
            verb.head, verb.dep_ = verb, "ROOT"
        else:
            verb.head, verb.dep_ = obj.head, obj.dep_
        obj.head, obj.dep_ = verb, "dobj"
        for c in list(obj.children):
            if c.dep_ == "prep" and c.i > obj.i and _safe(c, verb):
                c.head = verb
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBZ", _present_base(verb.lower_)
    root.head, root.dep_ = verb, "nsubj"


def _verb_after_name(doc: Doc, verb: Token) -> None:
    """'Orbital competes with Groq and Cerebras', parsed as one noun phrase (a kind of competes)
    heading the sentence: a plural noun that could be a verb, right after a company's name that opens
    the sentence and right before a preposition (or another verb joined by 'and'), is the verb, the
    name its subject."""
    if verb.i < 1 or verb.head.i != verb.i or not verb.is_lower or _present_base(verb.lower_) not in PRESENT_VERBS:
        return
    name = doc[verb.i - 1]
    if name.head.i != verb.i or not name.is_sent_start:
        return
    # ('Fastenal designs and builds its own FASTVend machines': a verb joined by 'and' follows)
    joined = verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ == "and" and doc[verb.i + 2].tag_ == "VBZ" \
        and doc[verb.i + 2].head.i == verb.i and doc[verb.i + 2].dep_ == "conj"
    if not (name.ent_type_ == "ORG" or joined and name.is_title and name.is_alpha) \
            or not (joined or any(c.dep_ == "prep" and c.i == verb.i + 1 for c in verb.children)):
        return
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBZ", _present_base(verb.lower_)
    name.dep_ = "nsubj"
    if name.pos_ == "ADJ":
        name.pos_ = "PROPN"


def _verb_after_owned_noun(doc: Doc, verb: Token) -> None:
    """"Qwak's platform runs on Amazon Web Services", parsed as one noun phrase ('platform runs', a
    kind of runs) with no verb in the sentence: a plural noun that could be a verb, heading the
    sentence with a possessed noun as its compound and a preposition after it, is the verb, the
    noun before it its subject."""
    if verb.i < 2 or verb.head.i != verb.i or not verb.is_lower or _present_base(verb.lower_) not in PRESENT_VERBS:
        return
    noun = doc[verb.i - 1]
    if noun.head.i != verb.i or noun.dep_ != "compound" or noun.pos_ != "NOUN" \
            or not any(c.dep_ == "poss" and c.i < noun.i for c in (*noun.children, *verb.children)) \
            or not any(c.dep_ == "prep" and c.i == verb.i + 1 for c in verb.children):
        return
    for c in list(verb.children):
        if c.i < noun.i and _safe(c, noun):
            c.head = noun       # (the possessor hung on the phrase's head)
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBZ", _present_base(verb.lower_)
    noun.head, noun.dep_ = verb, "nsubj"


def _relative_verb_read_as_noun(doc: Doc, verb: Token) -> None:
    """'Dawn, the AI supercomputer that the University of Cambridge runs', parsed with 'runs' as a
    noun (a kind of runs) heading the relative clause: a plural noun that could be a verb, right after
    the name that follows 'that' or 'which', is the clause's verb, the name its subject and the
    relative pronoun its object."""
    if verb.i < 2 or not verb.is_lower or _present_base(verb.lower_) not in PRESENT_VERBS:
        return
    name = doc[verb.i - 1]
    if name.ent_type_ not in ("ORG", "PERSON") or name.head.i != verb.i:
        return
    # (the name may come with its description: 'that the Finnish IT centre CSC runs')
    k = name.i - 1
    while k > 0 and (doc[k].dep_ in ("det", "amod", "compound", "nmod") and name.i > doc[k].head.i > k
                     or doc[k].head.i == verb.i and doc[k].dep_ in ("det", "compound")):
        k -= 1
    rel = doc[k]
    if rel.lower_ not in ("that", "which") or rel.head.i != verb.i:
        return
    for w in doc[k + 1:name.i]:
        if w.head.i == verb.i:
            w.head = name
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBZ", _present_base(verb.lower_)
    name.dep_ = "nsubj"
    rel.dep_ = "dobj"


def _contact_verb_read_as_noun(doc: Doc, verb: Token) -> None:
    """"Pilgrim's Pride, the chicken producer JBS controls, is based in ...", parsed with 'controls' a
    noun (a kind of controls) set beside the description: a plural noun that could be a verb, right
    after a name that opens no phrase of its own, is a clause about the description before the name,
    the name its subject."""
    if verb.i < 3 or not verb.is_lower or _present_base(verb.lower_) not in PRESENT_VERBS:
        return
    name, noun = doc[verb.i - 1], verb.head
    if name.ent_type_ not in ("ORG", "PERSON") or name.head.i != verb.i or name.dep_ not in ("compound", "nmod") \
            or noun.pos_ != "NOUN" or noun.i != name.i - 1 or verb.dep_ not in ("appos", "conj", "compound") \
            or any(c.dep_ not in ("compound", "nmod", "punct", "prep") or c.i > verb.i and c.dep_ != "prep"
                   for c in verb.children if c.i != name.i):
        return
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBZ", _present_base(verb.lower_)
    verb.dep_ = "relcl"
    name.dep_ = "nsubj"


FOUNDER_TITLES = frozenset({"founder", "co-founder", "cofounder", "founders", "co-founders", "cofounders"})


def _title_read_as_verb(doc: Doc, person: Token) -> None:
    """'founded by Jane Roe and co-founder John Doe', parsed with the title as a verb coordinated with
    'founded' and the person as its object: the person is the coordinated name, the title its compound."""
    title = doc[person.i - 1]
    if title.lower_ not in FOUNDER_TITLES or title.pos_ != "VERB" or person.head.i != title.i \
            or person.dep_ != "dobj" or title.dep_ != "conj":
        return
    verb = title.head
    # ('by Jane Roe and co-founder John Doe': the name coordinated with the one after 'by')
    first = next((p for a in verb.children if a.dep_ == "agent" for p in a.children
                  if p.dep_ == "pobj" and p.i < title.i), verb)
    if not _safe(person, first):
        return
    title.pos_, title.tag_ = "NOUN", "NN"
    person.head, person.dep_ = first, "conj"
    title.head, title.dep_ = person, "compound"
    for c in list(title.children):
        if c.dep_ in ("cc", "det", "amod"):
            c.head = first if c.dep_ == "cc" else person
        elif c.dep_ == "prep" and _safe(c, verb):      # '... John Doe in 2021': the date is the verb's
            c.head = verb
    for c in list(verb.children):
        if c.dep_ == "cc" and title.i > c.i > first.i:
            c.head = first


def _staff_title_read_as_verb(doc: Doc, person: Token) -> None:
    """'founded in 2019 by former Amazon engineers Priya Raman and Tom Ellis', parsed with 'engineers'
    as the sentence's verb and the people as its object: a plural title right after a company's
    name and right before a person's is the people's title, the company its compound, and the
    people stand where the company stood. A sentence the title headed is headed by the clause the
    parser hung on it."""
    title = doc[person.i - 1]
    if person.i < 2 or title.pos_ != "VERB" or title.tag_ != "VBZ" or person.head.i != title.i \
            or person.dep_ != "dobj" or not title.is_lower or title.lower_[:-1] not in load_lexicon().roles:
        return
    org = doc[title.i - 1]
    if org.ent_type_ != "ORG" or org.head.i == title.i or org.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass") \
            or not _safe(person, org.head):
        return
    if title.dep_ == "ROOT":
        clause = next((c for c in title.children if c.dep_ in ("ccomp", "conj") and c.i > person.i
                       and c.pos_ in ("VERB", "AUX")), None)
        if clause is None:
            return
        clause.head, clause.dep_ = clause, "ROOT"
        rest = clause
    else:
        if not _safe(title, person):
            return
        rest = person
    person.head, person.dep_ = org.head, org.dep_
    for c in list(title.children):
        if c.i in (person.i, rest.i):
            continue
        target = rest if c.i > person.i or c.dep_ in SUBJ else person
        if _safe(c, target):
            c.head = target
    title.pos_, title.tag_, title.lemma_ = "NOUN", "NNS", title.lower_[:-1]
    title.head, title.dep_ = person, "compound"
    org.head, org.dep_ = title, "compound"


def _name_read_as_adjective(doc: Doc, name: Token) -> None:
    """'The service's biggest rival is Audible, Amazon's audiobook unit, which ...', parsed with the
    name as an adjective complement and the description after the comma as the verb's own complement:
    the name is the complement, the description its apposition."""
    be = name.head
    if name.pos_ != "ADJ" or name.dep_ != "acomp" or name.i + 2 >= len(doc) or doc[name.i + 1].text != ",":
        return
    desc = next((c for c in be.children if c.dep_ == "attr" and c.left_edge.i == name.i + 2), None)
    if desc is None or not _safe(desc, name):
        return
    name.pos_, name.tag_, name.dep_ = "PROPN", "NNP", "attr"
    desc.head, desc.dep_ = name, "appos"
    doc[name.i + 1].head = name


def _computing_read_as_verb(doc: Doc, ger: Token) -> None:
    """'CoreWeave rents computing to OpenAI', 'sells computing power to Meta', parsed with 'computing'
    as a participle: it is the goods (or a compound of them), the verb's object, and the 'to' is the
    verb's."""
    verb = ger.head
    if ger.lower_ != "computing" or ger.pos_ != "VERB" or ger.dep_ not in ("acl", "xcomp", "advcl", "ccomp") \
            or verb.pos_ != "VERB" or verb.i != ger.i - 1 or any(c.dep_ == "dobj" for c in verb.children):
        return
    obj = next((c for c in ger.children if c.dep_ == "dobj" and c.i == ger.i + 1 and c.pos_ == "NOUN"), None)
    goods = obj if obj is not None else ger
    if not _safe(goods, verb):
        return
    for c in list(ger.children):
        if c.dep_ in ("prep", "dative") and _safe(c, verb):
            c.head, c.dep_ = verb, "prep" if c.lower_ != "to" or c.dep_ == "prep" else "dative"
    ger.pos_, ger.tag_, ger.lemma_ = "NOUN", "NN", "computing"
    goods.head, goods.dep_ = verb, "dobj"
    if obj is not None:
        ger.head, ger.dep_ = obj, "compound"


AMOUNT_OPENERS = frozenset({"up", "to", "about", "around", "nearly", "almost", "roughly", "some", "another",
                            "a", "further", "more", "than", "over"})


def _gapped_amount(doc: Doc, name: Token) -> None:
    """'Microsoft will invest up to $5 billion in Anthropic and Nvidia up to $10 billion', parsed with
    Nvidia a second company invested in: a name in a list, followed by an amount of its own, after a
    verb that already has an amount, is the subject of the same verb with its words left out."""
    first = name.head
    # (', and Nvidia $10 billion', hung on the verb itself)
    if name.dep_ != "conj" or first.i > name.i or first.pos_ != "VERB" and (
            first.dep_ not in ("pobj", "dobj") or not first.ent_type_):
        return
    i = name.i + 1
    while i < len(doc) and doc[i].lower_ in AMOUNT_OPENERS:
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "MONEY" or i + 1 < len(doc) and doc[i + 1].lower_ in ("in", "for", "into"):
        return
    verb = first if first.pos_ == "VERB" else first.head.head if first.dep_ == "pobj" else first.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.ent_type_), None)
    if verb.pos_ != "VERB" or subj is None or doc[i].head.i not in (verb.i, name.i) or not any(
            c.dep_ == "dobj" and c.ent_type_ == "MONEY" and c.i < name.i for c in verb.children) or not _safe(name, subj):
        return
    for c in list(name.children):
        if c.i > name.i and c.ent_type_ == "MONEY":
            c.head = verb
    name.head = subj
    for c in list(first.children):
        if c.dep_ == "cc" and c.i < name.i and c.i > subj.i:
            c.head = subj


def _list_around_aside(doc: Doc, name: Token) -> None:
    """'Its backers include Jeff Bezos, through his family office Bezos Expeditions, and Microsoft',
    parsed with Microsoft in a list with the family office: a list's last name after an aside set off
    by commas ('through ...', 'via ...') goes on the list the aside interrupts."""
    aside = name.head
    prep = aside.head
    if name.dep_ != "conj" or aside.dep_ != "pobj" or prep.lower_ not in ("through", "via") or prep.i < 2 \
            or doc[prep.i - 1].text != "," or doc[name.i - 1].lower_ not in ("and", "or") or doc[name.i - 2].text != ",":
        return
    first = doc[prep.i - 2]
    while first.dep_ == "compound" and first.head.i > first.i:
        first = first.head
    if not first.ent_type_ or first.head.i != prep.head.i or first.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr", "pobj") \
            or not _safe(name, first):
        return
    name.head = first
    doc[name.i - 1].head = first


def _apposition_read_as_conjunct(doc: Doc, name: Token) -> None:
    """"Lime's biggest rivals on the continent, Voi and Dott, have ...", "the company's main rival on
    the routes between Britain and Ireland, P&O Ferries, is owned by ...", parsed with the names in a
    list with the phrase's last noun: a name set off by a comma after a phrase of prepositions hung on
    a noun of roles names what the role noun says (after a common noun, or after a list of places
    already closed by its 'and')."""
    noun = name.head
    if name.dep_ != "conj" or noun.dep_ != "pobj" or doc[name.i - 1].text != "," or noun.i > name.i:
        return
    closed = any(c.dep_ == "cc" and c.i < name.i for c in noun.children)
    if noun.ent_type_:
        if noun.ent_type_ not in ("GPE", "LOC") or name.ent_type_ != "ORG" or not closed:
            return
    elif noun.pos_ != "NOUN" or closed:
        return
    holder = noun.head.head
    for _ in range(2):      # ('rival on the routes between Britain and Ireland': up over a second phrase)
        if holder.dep_ == "pobj" and holder.head.dep_ == "prep":
            holder = holder.head.head
    if noun.head.dep_ != "prep" or holder.pos_ != "NOUN" or holder.lemma_.lower() not in load_lexicon().roles \
            or any(c.dep_ == "appos" for c in holder.children) or not _safe(name, holder):
        return
    name.head, name.dep_ = holder, "appos"


def _relative_object_read_as_passive(doc: Doc, rel: Token) -> None:
    """'Capella Space, which IonQ bought in May', parsed with 'which' the subject of a passive 'bought'
    (and even 'IonQ' its auxiliary): a relative clause with a name of its own before the verb and no
    form of 'be' is active, the name its subject and 'which' its object."""
    v = rel.head
    if rel.dep_ != "nsubjpass" or v.dep_ != "relcl" or v.i != rel.i + 2 or v.tag_ not in ("VBN", "VBD"):
        return
    subj = doc[rel.i + 1]
    if not subj.ent_type_ or subj.ent_iob_ != "B" or subj.head.i != v.i or subj.dep_ not in ("nsubj", "auxpass") \
            or any(c.dep_ in ("auxpass", "aux") and c.i != subj.i for c in v.children):
        return
    rel.dep_ = "dobj"
    subj.dep_, subj.pos_ = "nsubj", "PROPN"
    v.tag_ = "VBD"
    # ('which IonQ agreed in May to buy': the object of the verb the clause's verb governs)
    then = next((c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                 and not any(o.dep_ == "dobj" for o in c.children)), None)
    if then is not None:
        rel.head = then


def _namer_read_as_adverb(doc: Doc, rel: Token) -> None:
    """'The assistant, which GoFundMe calls Fundraiser Coach', parsed with 'which' the subject and the
    name an adverb or a modifier of the verb: a capitalised word between 'which' and a naming verb
    that has a name after it is the verb's subject, and 'which' its object."""
    v = rel.head
    if v.dep_ != "relcl" or v.i != rel.i + 2 or not any(c.dep_ in ("oprd", "attr", "dobj") and c.i > v.i
                                                        and c.pos_ == "PROPN" for c in v.children):
        return
    namer = doc[rel.i + 1]
    if namer.head.i != v.i or namer.dep_ not in ("advmod", "npadvmod", "compound", "nsubj") \
            or not namer.text[:1].isupper() or namer.is_stop:
        return
    rel.dep_ = "dobj"
    namer.dep_, namer.pos_ = "nsubj", "PROPN"


def _clause_read_as_apposition(doc: Doc, maker: Token) -> None:
    """'FitScan, a tool Lenskart developed to measure faces, is now used ...', parsed with Lenskart a
    second apposition and 'developed' a clause of the main verb with FitScan its subject: a name right
    after a description's noun, followed by a past-tense verb with no subject of its own, is the
    subject of a clause about the noun (a relative clause without 'that')."""
    noun, v = maker.head, doc[maker.i + 1] if maker.i + 1 < len(doc) else None
    if v is None or maker.dep_ != "appos" or noun.pos_ != "NOUN" or noun.i != maker.i - 1 or noun.dep_ != "appos" \
            or v.tag_ not in ("VBD", "VBN") or v.pos_ != "VERB" or v.dep_ not in ("ccomp", "advcl", "conj"):
        return
    main, name = v.head, noun.head
    if main.pos_ not in ("VERB", "AUX") or main.i < v.i or name.i > noun.i or name.head.i not in (v.i, main.i) \
            or any(c.dep_ in ("nsubj", "nsubjpass") and c.i != name.i for c in v.children) or not _safe(v, noun):
        return
    v.head, v.dep_ = noun, "relcl"
    maker.head, maker.dep_ = v, "nsubj"
    if name.head.i == v.i:
        name.head = main
        name.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in main.children) else "nsubj"


def _name_read_as_infinitive(doc: Doc, name: Token) -> None:
    """'to supply power to Switch', parsed with 'to Switch' an infinitive: a company's name read as a
    verb after 'to', hung on a noun or verb before it, is the object of the preposition."""
    to = doc[name.i - 1]
    up = name.head
    if name.pos_ != "VERB" or name.dep_ not in ("acl", "advcl", "xcomp") or to.lower_ != "to" or to.head.i != name.i \
            or up.i > name.i or any(c.dep_ in ("dobj", "nsubj") for c in name.children):
        return
    to.head, to.dep_, to.pos_, to.tag_ = up, "prep", "ADP", "IN"
    name.head, name.dep_, name.pos_, name.tag_ = to, "pobj", "PROPN", "NNP"


def _reporter_read_as_apposition(doc: Doc, v: Token) -> None:
    """'... at ByteDance Seed, the owner of TikTok confirmed on Friday', parsed with 'the owner of TikTok'
    an apposition of the name before it and 'confirmed' a participle of it: a past-tense reporting verb
    hung on an apposition, with no subject or object of its own, has that phrase for its subject."""
    noun = v.head
    if v.dep_ != "acl" or v.tag_ != "VBD" or noun.dep_ != "appos" or noun.pos_ != "NOUN" \
            or any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "ccomp") for c in v.children) \
            or doc[noun.left_edge.i - 1].text != ",":
        return
    root = noun
    while root.head.i != root.i:
        root = root.head
    if not _safe(v, root):
        return
    v.head, v.dep_ = root, "parataxis"
    noun.head, noun.dep_ = v, "nsubj"


def _list_after_description(doc: Doc, name: Token) -> None:
    """'ADQ, one of Abu Dhabi's sovereign funds, and the American firm Energy Capital Partners have
    signed ...', parsed with the second name in a list with the first one's description: a name after
    the comma and 'and' that close a description set off after a first name goes on with that name."""
    desc = name.head
    first = desc.head
    left = name.left_edge.i
    if name.dep_ != "conj" or desc.dep_ != "appos" or not first.ent_type_ or first.i > desc.i or left < 2 \
            or doc[left - 1].lower_ != "and" or doc[left - 2].text != "," or desc.ent_type_ not in ("", "CARDINAL") \
            or any(w.i >= left - 2 and w.i != desc.i and w.i not in range(left, name.i + 1) and w.i < name.i
                   for w in desc.subtree if w.dep_ not in ("cc", "punct")) or not _safe(name, first):
        return
    name.head = first
    doc[left - 1].head = first


def _with_list_split(doc: Doc, v: Token) -> None:
    """'..., with NVentures, Salesforce Ventures and Index Ventures also participating', parsed with
    the first names as the object of 'with' and the last ones as the subject of 'participating': the
    whole list is the subject, and the clause is what 'with' introduces."""
    subj = next((c for c in v.children if c.dep_ == "nsubj" and c.ent_type_ == "ORG"), None)
    if subj is None or subj.left_edge.i < 2 or doc[subj.left_edge.i - 1].text not in (",", "and"):
        return
    prev = doc[subj.left_edge.i - 2]
    if prev.text == ",":        # ', and'
        prev = doc[prev.i - 1]
    root = prev
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    prep = root.head
    if prev.ent_type_ != "ORG" or root.dep_ != "pobj" or prep.lower_ != "with" or not _safe(root, v) \
            or not _safe(subj, root) or v.is_ancestor(prep):
        return
    subj.head, subj.dep_ = root, "conj"
    root.head, root.dep_ = v, "nsubj"
    v.head, v.dep_ = prep, "pcomp"


def _verb_read_as_modifier(doc: Doc, v: Token) -> None:
    """'Meta financed Hyperion through a joint venture with Blue Owl', parsed as one noun phrase (a
    financed Hyperion of Meta's) heading the sentence: a past-tense verb between a company's name that
    opens the sentence and a name the sentence is headed by is the verb, the first name its subject
    and the second its object."""
    noun = v.head
    subj = doc[v.i - 1] if v.i > 0 else None
    if subj is None or v.dep_ != "amod" or v.tag_ not in ("VBN", "VBD") or noun.dep_ != "ROOT" or noun.i != v.i + 1 \
            or not noun.ent_type_ or subj.ent_type_ != "ORG" or subj.head.i != noun.i or not subj.is_sent_start \
            or any(t.pos_ in ("VERB", "AUX") and t.i != v.i for t in noun.sent):
        return
    v.pos_, v.tag_, v.dep_ = "VERB", "VBD", "ROOT"
    v.head = v
    subj.head, subj.dep_ = v, "nsubj"
    for c in list(noun.children):
        if c.i > noun.i and (c.dep_ == "prep" or c.is_punct and c.i == noun.sent.end - 1):
            c.head = v
    noun.head, noun.dep_ = v, "dobj"


def _agent_hung_on_phrase(doc: Doc, by: Token) -> None:
    """'was backed from the start by Invoke Capital', the 'by' hung on 'start': a 'by' naming someone,
    inside a phrase of a passive verb that has no agent, is that verb's agent."""
    noun = by.head
    if by.dep_ != "prep" or noun.dep_ != "pobj" or noun.head.dep_ != "prep" \
            or not any(p.dep_ == "pobj" and p.ent_type_ in ("ORG", "PERSON") for p in by.children):
        return
    v = noun.head.head
    if v.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in v.children) or any(c.dep_ == "agent" for c in v.children):
        return
    if _safe(by, v):
        by.head, by.dep_ = v, "agent"


def _prep_hung_on_apposition(doc: Doc, prep: Token) -> None:
    """'sold its fresh-cut business, Renaissance Food Group, to Gold Star Foods', the 'to' hung on the
    name set off between commas: it belongs to the verb whose object the name describes."""
    name, verb = prep.head, prep.head.head.head
    if prep.dep_ != "prep" or name.dep_ != "appos" or not name.ent_type_ or doc[prep.i - 1].text != "," \
            or prep.i - 1 != name.right_edge.i + 1 and doc[prep.i - 1].head.i != name.i \
            or name.head.dep_ != "dobj" or verb.pos_ != "VERB" or verb.i > name.i \
            or any(c.dep_ == "prep" and c.lower_ == prep.lower_ for c in verb.children):
        return
    if _safe(prep, verb):
        prep.head = verb


def _prep_hung_on_relative_head(doc: Doc, prep: Token) -> None:
    """'Delta, which sold its charter operation, Delta Private Jets, to Wheels Up in 2020', the 'to'
    hung on the name the relative clause is about: after the clause's object, it belongs to the
    clause's verb."""
    name = prep.head
    verb = next((c for c in name.children if c.dep_ == "relcl" and c.i < prep.i
                 and c.lemma_.lower() in ("sell", "transfer", "hand", "spin", "lease", "rent", "license")), None)
    if verb is None or doc[prep.i - 1].text != "," or verb.right_edge.i + 1 != prep.i - 1 \
            or any(c.dep_ == "prep" and c.lower_ == prep.lower_ for c in verb.children):
        return
    if _safe(prep, verb):
        prep.head = verb


def _name_read_as_preposition(doc: Doc, name: Token) -> None:
    """'sold ... to Wheels Up in 2020', a company named with a word the parser reads as a
    preposition, hung on the 'to' before it as another preposition: it is the 'to''s object."""
    prep = doc[name.i - 1]
    if name.dep_ == "prep" and name.pos_ == "ADP" and prep.pos_ == "ADP" and prep.dep_ in ("prep", "agent", "dative") \
            and not any(c.dep_ in ("pobj", "pcomp") for c in prep.children) and _safe(name, prep):
        for c in list(name.children):
            if c.dep_ == "prep" and _safe(c, prep.head):
                c.head = prep.head      # ('in 2020': the verb's, not the name's)
        name.head, name.dep_, name.pos_, name.tag_ = prep, "pobj", "PROPN", "NNP"


def _object_read_as_punctuation(doc: Doc, name: Token) -> None:
    """'a round led by Point72 Private Investments', the merged name hung on the main verb as
    punctuation: a name right after a preposition with no object is that preposition's object, and
    one right after a verb with no object is the verb's."""
    prep = doc[name.i - 1]
    if name.dep_ != "punct":
        return
    if prep.pos_ == "VERB" and name.head.i == prep.i and prep.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VB") \
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in prep.children):
        # ('Databricks bought MosaicML for $1.3 billion': the name right after a verb with no object)
        name.dep_ = "dobj"
        return
    if prep.dep_ not in ("prep", "agent") or any(c.dep_ == "pobj" for c in prep.children):
        return
    if _safe(name, prep):
        name.head, name.dep_ = prep, "pobj"


def _owned_noun_hung_on_owner(doc: Doc, name: Token) -> None:
    """"StarKist, Chicken of the Sea's main rival on American shelves, is owned by ...", parsed with
    the owner in apposition to the subject and the noun it owns hung on the owner: the noun is the
    apposition, the name before its 's the noun's owner."""
    if name.dep_ != "appos" or name.i + 2 >= len(doc) or doc[name.i + 1].tag_ != "POS" \
            or doc[name.i + 1].head.i != name.i or doc[name.i - 1].text != ",":
        return
    noun = next((c for c in name.children if c.pos == NOUN and c.i > name.i + 1
                 and c.dep_ in ("pobj", "dobj", "appos", "npadvmod", "attr")
                 and all(t.head.i == c.i or t.dep_ in ("amod", "compound") for t in doc[name.i + 2:c.i])), None)
    if noun is None or not _safe(noun, name.head):
        return
    noun.head, noun.dep_ = name.head, "appos"
    name.head, name.dep_ = noun, "poss"


def _owner_read_as_verb(doc: Doc, name: Token) -> None:
    """"has been Recorded Future's largest shareholder", the name read as the clause's verb with
    'been' its auxiliary and the owned noun its object: 'be' is the verb again, the noun its
    complement and the name the noun's owner."""
    be = next((c for c in name.children if c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.i < name.i), None)
    noun = next((c for c in name.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i > name.i), None)
    if be is None or noun is None or name.i + 1 >= len(doc) or doc[name.i + 1].tag_ != "POS" \
            or doc[name.i + 1].head.i != name.i:
        return
    moved = [c for c in name.children if c not in (be, noun, doc[name.i + 1])]
    if name.dep_ == "ROOT":
        be.head, be.dep_ = be, "ROOT"
    else:
        be.head, be.dep_ = name.head, name.dep_
    be.pos_ = "AUX"
    for c in moved:
        c.head = be
    noun.head, noun.dep_ = be, "attr"
    name.head, name.dep_, name.pos_, name.tag_ = noun, "poss", "PROPN", "NNP"


def _owner_in_apposition_read_as_verb(doc: Doc, name: Token) -> None:
    """"said George Mattson, Wheels Up's chief executive", the company read as a verb with the title
    its object: the title is in apposition to the person, and the company owns it."""
    noun = next((c for c in name.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i > name.i), None)
    if noun is None or name.i < 2 or name.i + 1 >= len(doc) or doc[name.i + 1].tag_ != "POS" \
            or doc[name.i + 1].head.i != name.i or doc[name.i - 1].text != "," \
            or doc[name.i - 2].ent_type_ != "PERSON" or any(c.dep_ in ("aux", "auxpass", "nsubj") for c in name.children):
        return
    person = doc[name.i - 2]
    for c in name.children:
        if c not in (noun, doc[name.i + 1]):
            c.head = noun
    noun.head, noun.dep_ = person, "appos"
    name.head, name.dep_, name.pos_, name.tag_ = noun, "poss", "PROPN", "NNP"


def _subject_read_as_place_apposition(doc: Doc, name: Token) -> None:
    """'Elsewhere in the Gulf, Moro Hub, a subsidiary of ..., runs the Green Data Center', parsed with
    the company in apposition to the place that ends the opening phrase: no company describes a place;
    it is the subject of the verb that has none."""
    place = name.head
    if name.dep_ != "appos" or place.ent_type_ not in ("GPE", "LOC") or place.dep_ != "pobj" \
            or doc[name.i - 1].text != "," or place.i >= name.i - 1:
        return
    # ('Headquartered in McLean, Va., SAIC had ...': the town's state between them)
    if any(t.text != "," and t.ent_type_ not in ("GPE", "LOC") for t in doc[place.i + 1:name.i - 1]):
        return
    verb = place
    while verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i < name.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return
    if _safe(name, verb):
        name.head, name.dep_ = verb, "nsubj"
        # the opening participle, read as the verb's subject, says where the subject is
        for c in verb.children:
            if c.dep_ == "csubj" and c.tag_ == "VBN" and c.i < name.i:
                c.dep_ = "advcl"


def _founder_read_as_subject(doc: Doc, person: Token) -> None:
    """'Founded in 1996 by the linguist Julie Vonwiller, Appen began as ...', parsed with the person as
    the subject and the company in apposition to them: the person describes the noun after 'by', the
    company is the subject."""
    if person.dep_ != "nsubj" or person.i + 2 >= len(doc) or doc[person.i + 1].text != ",":
        return
    org, noun, verb = doc[person.i + 2], doc[person.i - 1], person.head
    if org.dep_ != "appos" or org.head.i != person.i or org.ent_type_ != "ORG" or noun.pos_ != "NOUN" \
            or noun.dep_ != "pobj" or noun.head.dep_ != "agent" or noun.head.head.dep_ != "advcl" \
            or noun.head.head.head.i != verb.i or noun.head.head.i > noun.i:
        return
    if _safe(org, verb) and _safe(person, noun):
        org.head, org.dep_ = verb, "nsubj"
        person.head, person.dep_ = noun, "appos"


def _subject_read_as_owner_conjunct(doc: Doc, name: Token) -> None:
    """'A subsidiary of CABAL Media, AtelierCABAL is an e-commerce platform', parsed with the company
    as a second item beside its owner: an opening 'a subsidiary of X' describes the subject after it."""
    owner = name.head
    if name.dep_ != "conj" or owner.dep_ != "pobj" or owner.head.lower_ != "of" or doc[name.i - 1].text != "," \
            or any(c.dep_ == "cc" for c in owner.children) or any(c.dep_ == "conj" and c.i < name.i for c in owner.children):
        return
    desc = owner.head.head
    if desc.lemma_.lower() not in PART_DESCRIPTIONS or desc.dep_ not in ("nsubj", "nsubjpass") \
            or desc.i != desc.sent.start + 1 or doc[desc.i - 1].pos_ != "DET":
        return
    verb = desc.head
    if verb.i > name.i and _safe(name, verb):
        name.head, name.dep_ = verb, "nsubj"
        doc[name.i - 1].head = verb


def _title_read_as_modifier(doc: Doc, title: Token) -> None:
    """'Dantzig was Professor of Operations Research at Stanford', parsed with the title as a modifier
    of the field after its 'of': the title heads the phrase, the field is what its 'of' names."""
    of, field = doc[title.i + 1], title.head
    if title.dep_ not in ("nmod", "compound") or of.lower_ != "of" or of.head.i != title.i \
            or field.i <= of.i or not field.ent_type_ or not _safe(title, field.head):
        return
    title.head, title.dep_ = field.head, field.dep_
    field.head, field.dep_ = of, "pobj"


def _participle_joined_to_main_verb(doc: Doc, v: Token) -> None:
    """'... is backed by Maveron, a venture firm based in Seattle and co-founded by Howard Schultz',
    parsed with 'co-founded' joined to the main verb 'backed': a participle after an 'and' that
    directly ends another participle's phrase about a noun (no comma before it) continues that phrase."""
    main = v.head
    cc = doc[v.i - 1]
    if cc.dep_ != "cc" or cc.lower_ != "and" or doc[cc.i - 1].is_punct or main.i >= v.i \
            or any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in v.children):
        return
    last = doc[cc.i - 1]
    acl = next((a for a in last.ancestors if a.dep_ == "acl" and a.tag_ == "VBN" and a.i > main.i
                and a.right_edge.i == last.i), None) if last.dep_ != "acl" else last
    if acl is None or acl.i == v.i or acl.right_edge.i != last.i or acl.head.pos_ != "NOUN" or not _safe(v, acl):
        return
    v.head = acl
    cc.head = acl


def _run_read_as_noun(doc: Doc, run: Token) -> None:
    """"... and Yalo's software runs on Google Cloud", "Industrious's booking app and its member
    platform run on Amazon Web Services": 'run(s)' with 'on' after it, read as a noun joined to the
    clause or to the noun before the 'and': it is the verb, the noun before it (and the nouns listed
    with that one) its subject."""
    noun = doc[run.i - 1]
    on = doc[run.i + 1]
    if run.dep_ != "conj" or noun.head.i != run.i or noun.dep_ != "compound" or noun.pos_ not in ("NOUN", "PROPN") \
            or on.head.i != run.i or on.lower_ != "on" or not any(c.dep_ == "pobj" and (c.ent_type_ or c.lemma_ == "cloud")
                                                                  for c in on.children):
        return
    first = run.head
    if first.pos_ in ("NOUN", "PROPN") and first.dep_ == "ROOT" and first.i < noun.i:
        # the list of what runs ends at the verb: the first noun heads it
        run.head, run.dep_ = run, "ROOT"
        first.head, first.dep_ = run, "nsubj"
        for c in list(run.children):
            if c.dep_ == "cc" and c.i < noun.i:
                c.head = first
        noun.head, noun.dep_ = first, "conj"
    elif first.pos_ in ("VERB", "AUX") and first.i < noun.i:
        noun.dep_ = "nsubj"
    else:
        return
    for c in list(run.children):
        if c.dep_ == "poss" and c.i < noun.i and _safe(c, noun):
            c.head = noun
    run.pos_, run.tag_, run.lemma_ = "VERB", "VBZ" if run.lower_ == "runs" else "VBP", "run"


def _opening_seat_phrase(doc: Doc, part: Token) -> None:
    """'Headquartered in McLean, Va., SAIC had revenues of ...', 'Based in Alton, IL, Challenge
    Unlimited has become ...': an opening participle with its town and state, then the company and its
    verb, which the small model parses in many wrong ways (the company as the object of 'in', the
    participle as the verb's subject). Rebuilt the one way it reads: the places are where the
    participle says, the company is the subject of the verb."""
    k = part.i + 2
    places = []
    while k < len(doc) and doc[k].ent_type_ in ("GPE", "LOC"):
        places.append(doc[k])
        if k + 1 < len(doc) and doc[k + 1].text == ",":
            k += 2
        else:
            return
    if not places or k >= len(doc) or doc[k].ent_type_ != "ORG" or doc[k].ent_iob_ != "B":
        return
    name, root = doc[k], part.sent.root
    if root.i <= name.i or root.pos_ not in ("VERB", "AUX") \
            or any(c.dep_ in ("nsubj", "nsubjpass") and c.i != name.i for c in root.children):
        return
    prep = doc[part.i + 1]
    if any(tok.is_ancestor(root) for tok in [part, name] + places):
        return
    part.head, part.dep_ = root, "advcl"
    name.head, name.dep_ = root, "nsubj"
    places[0].head, places[0].dep_ = prep, "pobj"
    prep.head, prep.dep_ = part, "prep"
    for other in places[1:]:
        other.head, other.dep_ = places[0], "appos"
    for t in doc[places[0].i + 1:name.i]:
        if t.text == ",":
            t.head, t.dep_ = places[0] if t.i < name.i - 1 else root, "punct"


@Language.component("descriptor_heads")
def descriptor_heads(doc: Doc) -> Doc:
    descriptions = _descriptions()
    for tok in doc:
        if tok.pos == NOUN and not tok.ent_type and odd_capitals(tok):
            tok.pos_ = "PROPN"
    for name in doc:
        if name.lower_ == "run" and name.pos_ == "NOUN":
            _participle_read_as_noun(doc, name)
        if name.lower_ in ("run", "runs") and name.pos_ == "NOUN" and 1 < name.i < len(doc) - 2:
            _run_read_as_noun(doc, name)
        if name.pos == NOUN and name.tag_ == "NNS" and name.dep_ == "ROOT":
            _verb_after_owned_noun(doc, name)
            _verb_after_name(doc, name)
        elif name.pos == NOUN and name.tag_ == "NNS" and name.dep_ == "relcl":
            _relative_verb_read_as_noun(doc, name)
        elif name.pos == NOUN and name.tag_ == "NNS" and name.dep_ in ("appos", "conj", "compound"):
            _contact_verb_read_as_noun(doc, name)
        if name.tag_ in ("VBD", "VBN") and name.pos_ == "VERB" and name.i > 4:
            _participle_read_as_clause(doc, name)
        if name.tag_ in ("VBD", "VBN") and name.pos_ == "VERB" and name.dep_ == "amod":
            _verb_read_as_modifier(doc, name)
        if name.tag_ == "VBN" and name.dep_ == "advcl" and name.i > 1:
            _subject_of_set_off_participle(doc, name)
        if name.lower_ in TEACHING_TITLES and name.i + 2 < len(doc) and name.dep_ in ("nmod", "compound"):
            _title_read_as_modifier(doc, name)
        if name.tag_ == "VBN" and name.dep_ == "conj" and name.head.dep_ == "ROOT" and name.i > 6:
            _participle_joined_to_main_verb(doc, name)
        if name.dep_ == "appos" and name.pos == NOUN and name.head.dep_ == "pobj" and name.i > 3:
            _apposition_hung_on_subjects_place(doc, name)
        if name.dep_ == "acl" and name.lemma_ in ("run", "rely", "depend", "sit"):
            _verb_hung_on_subjects_phrase(doc, name)
        if name.dep_ == "ROOT" and name.tag_ == "VBD" and name.i > 3:
            _contact_clause_read_as_main(doc, name)
        if name.i == name.sent.start and name.tag_ == "VBN" and name.dep_ in ("csubj", "advcl"):
            _subject_hung_on_opening_participle(doc, name)
        if name.i == name.sent.start and name.lower_ in SEAT_PARTICIPLES and name.i + 3 < len(doc) \
                and doc[name.i + 1].lower_ == "in":
            _opening_seat_phrase(doc, name)
        if name.lemma_ == "be" and name.pos_ == "AUX":
            _complement_read_as_subject(doc, name)
        if name.lower_ == "won" and name.pos_ == "VERB" and name.i > 0:
            _currency_read_as_verb(doc, name)
        if name.dep_ == "conj" and name.pos_ == "VERB":
            _subject_taken_by_list(doc, name)
        if name.dep_ == "nsubj" and name.pos_ == "PROPN" and name.ent_type_ and name.i > 2 \
                or name.dep_ in ("advmod", "npadvmod") and name.ent_type_ in ("ORG", "PERSON") and name.i > 2:
            _apposition_read_as_second_subject(doc, name)
        if name.dep_ == "dobj" and name.pos_ == "PROPN" and name.ent_type_ and name.i > 2:
            _apposition_read_as_second_object(doc, name)
        elif name.dep_ == "dobj" and name.pos == NOUN and name.i > 3:
            _description_read_as_second_object(doc, name)
        if name.dep_ == "relcl" and name.pos_ == "PROPN" and name.ent_type_ and name.i + 1 < len(doc):
            _relative_verb_read_as_object(doc, name)
        elif name.dep_ == "relcl" and name.pos_ == "VERB" and name.lemma_.lower() in LAUNCHING_OR_MAKING:
            _clause_hung_on_phrase_object(doc, name)
        if len(name) == 1 and name.is_upper and name.is_alpha and 0 < name.i < len(doc) - 1 \
                and doc[name.i - 1].lower_ == "series":
            _series_letter(doc, name)
        if name.i > 0 and name.lower_ in ORG_DESCRIPTIONS and name.is_lower and doc[name.i - 1].ent_type_:
            _description_read_as_modifier(doc, name)
        if name.lower_ == "to" and name.dep_ == "prep" and name.i + 2 < len(doc):
            _infinitive_read_as_noun(doc, name)
        if name.dep_ == "acl" and name.tag_ == "VBD" and name.lemma_ in load_lexicon().reporting_verbs:
            _reporter_read_as_apposition(doc, name)
        if name.lower_ in ("which", "that") and name.dep_ == "nsubjpass":
            _relative_object_read_as_passive(doc, name)
        elif name.lower_ in ("which", "that") and name.dep_ == "nsubj" and name.head.lemma_ in NAMING_VERBS:
            _namer_read_as_adverb(doc, name)
        if name.lower_ == "until" and name.dep_ == "prep":
            _until_recently(doc, name)
        if name.lower_ == "by" and name.dep_ == "prep":
            _agent_hung_on_phrase(doc, name)
        elif name.lower_ in ("to", "for") and name.dep_ == "prep" and name.head.dep_ == "appos":
            _prep_hung_on_apposition(doc, name)
        elif name.lower_ == "to" and name.dep_ == "prep" and name.head.ent_type_:
            _prep_hung_on_relative_head(doc, name)
        if name.tag_ == "VBG" and name.pos_ == "VERB" and name.lemma_ in ("participate", "join", "invest", "contribute"):
            _with_list_split(doc, name)
        if name.tag_ == "VBG" and name.lower_ == "computing":
            _computing_read_as_verb(doc, name)
        if name.tag_ == "VBG" and name.pos_ == "VERB" and name.dep_ == "compound":
            _gerund_object(doc, name)
        elif name.tag_ == "VBG" and name.pos_ == "VERB" and name.dep_ == "xcomp":
            _gerund_read_as_clause(doc, name)
        elif name.tag_ == "VBG" and name.pos_ == "VERB" and name.dep_ in ("conj", "advcl"):
            _gerund_read_as_conjunct(doc, name)
        if name.i + 3 < len(doc) and doc[name.i + 1].text == "(" and (
                name.ent_type_ and name.ent_iob_ == "B" or name.pos_ == "PROPN" and doc[name.i + 2].is_upper):
            _bracketed_head(doc, name)      # ('the Chief Design Officer (CDO) of Apple': a title too)
        if name.ent_type_ == "PERSON":
            if name.ent_iob_ == "B" and name.i + 3 < len(doc) and doc[name.i + 1].text == "(":
                _subject_hung_in_brackets(doc, name)
            _possessed_title(doc, name)
            if name.i > 3 and name.ent_iob_ == "B":
                _people_after_owner(doc, name)
            if name.i > 3 and name.ent_iob_ == "B":
                _founder_read_as_subject(doc, name)
            if name.ent_iob_ == "B" and name.i > 0:
                _title_read_as_verb(doc, name)
                _staff_title_read_as_verb(doc, name)
        elif name.ent_type_ == "GPE" and name.ent_iob_ == "B":
            _place_description(doc, name)
            _site_described_after_place(doc, name)
            _list_after_place(doc, name)
            _clause_after_place(doc, name)
        if name.ent_type_ in ("ORG", "GPE", "PERSON") and name.ent_iob_ == "B" and name.i > 0:
            _town_read_as_head(doc, name)
        if name.ent_type_ and name.ent_iob_ == "B" and name.dep_ == "conj" and name.i > 4:
            _subject_read_as_owner_conjunct(doc, name)
        if name.ent_type_ in ("ORG", "PERSON") and name.ent_iob_ == "B" and 1 < name.i < len(doc) - 1:
            _contact_clause_read_as_complement(doc, name)
        if name.ent_type_ == "ORG" and name.ent_iob_ == "B" and 0 < name.i < len(doc) - 1:
            _contact_clause(doc, name)
            if name.i > 2:
                _subject_read_as_place_apposition(doc, name)
        if name.ent_type_ in ("ORG", "PRODUCT", "FAC") and name.ent_iob_ == "B":
            _duration_read_as_object(doc, name)
        if name.ent_type_ in ("ORG", "PERSON") and name.ent_iob_ == "B" and name.i > 1:
            _subject_after_date(doc, name)
        if name.ent_type_ == "ORG" and name.ent_iob_ == "B" and name.i > 2:
            _clause_read_as_apposition(doc, name)
            _name_read_as_infinitive(doc, name)
        if name.ent_type_ and name.ent_iob_ == "B" and name.i > 4:
            _list_after_description(doc, name)
            _list_around_aside(doc, name)
            _apposition_read_as_conjunct(doc, name)
        if name.ent_type_ == "ORG" and name.ent_iob_ == "B" and name.dep_ == "poss" and name.i + 1 < len(doc):
            _name_read_as_dates_owner(doc, name)
        if name.ent_type_ == "ORG" and name.ent_iob_ == "B":
            _gapped_amount(doc, name)
            _owned_pair_read_as_one(doc, name)
            _verb_read_as_noun(doc, name)
            _name_read_as_adjective(doc, name)
            _owned_noun_hung_on_owner(doc, name)
            if name.pos_ == "VERB":
                _owner_read_as_verb(doc, name)
                _owner_in_apposition_read_as_verb(doc, name)
            if name.i > 0:
                _dative_read_as_clause(doc, name)
                _dative_read_as_modifier(doc, name)
        if name.ent_type_ in ("ORG", "PRODUCT", "FAC", "PERSON") and name.ent_iob_ == "B" and name.i > 0:
            _object_read_as_punctuation(doc, name)
            _object_read_as_adverb(doc, name)
            _name_read_as_preposition(doc, name)
            _object_read_as_clause(doc, name)
            _subject_read_as_compound(doc, name)
        if name.ent_type_ == "FAC" and name.ent_iob_ == "B" and name.i > 1:
            _site_name_hung_elsewhere(doc, name)
        if name.ent_type_ in ("ORG", "PRODUCT", "FAC", "PERSON") and name.ent_iob_ == "B":
            _subject_read_as_adverb(doc, name)
            _name_read_as_determiner(doc, name)
        if name.ent_type_ in ("ORG", "PRODUCT") and name.ent_iob_ == "B" and name.i > 1:
            _apposition_of_described_noun(doc, name)
        if name.ent_type_ == "ORG" and name.ent_iob_ == "B" and name.i > 2:
            _list_read_as_apposition(doc, name)
            _described_list_item(doc, name)
        if name.ent_type_ and name.ent_iob_ == "B" and name.i + 2 < len(doc) and doc[name.i + 1].text == ",":
            _apposition_of_nearer_name(doc, name)
            _apposition_after_name(doc, name)
            _owned_description_in_list(doc, name)
        if name.i == 0 or name.ent_type_ not in NAMED or name.ent_iob_ != "B":
            continue
        desc = doc[name.i - 1]
        if desc.lower_ in descriptions and desc.text.islower() and not desc.is_sent_start \
                and _misread(name, desc):
            rebuild(doc, name)
    return doc
