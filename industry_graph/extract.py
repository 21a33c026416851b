"""spaCy Doc -> Mention and Relation records. Pure: no I/O, and no spaCy object leaves here.

Verbs are read here ('Microsoft invested in OpenAI', 'Anthropic was founded by ...', 'xAI, which
built ...'); nouns that carry relations in roles.py (titles and roles), nominal.py (deals,
hyphenated modifiers) and ownership.py (possession). Their vocabulary is resources/triggers.json.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.attrs import DEP, ENT_TYPE, ORTH, POS
from spacy.strings import get_string_id
from spacy.symbols import PROPN, nsubj
from spacy.tokens import Doc, Span, Token

from . import nominal, ownership, reuse, roles
from .bylines import story_start
from .clauses import did_as_well, is_passive, role_tokens, verb_args
from .coref import (
    ANTECEDENT,
    LAST_PERSON,
    PLACED,
    PERSON_ORG,
    PREVIOUS,
    ROUND_NOUNS,
    academic,
    antecedent,
    earlier_organisation,
    is_anaphor,
    note_descriptions,
    note_home,
    note_placed_descriptions,
    note_person,
    opens_sentence,
    owner_of_examples,
    place_key,
    public_body,
    verb_over_it,
)
from .details import describe
from .facilities import CENTRE_KINDS, is_site_or_compute
from .gazetteer import FROM_SPACY, company_kinds
from .lexicon import Lexicon, Rule, load_lexicon
from .models import SYMMETRIC, Mention, Relation
from .names import clean_surface, normalise
from .ownership import OFFERING_NOUNS, kind_of, product_names
from .people import note_people_by_title
from .phrases import BACKER_NOUNS, KNOWN_MAKERS, MAKERS, UNIT_NOUNS, entities_of, np_entities, product_maker
from .possession import possessors, said_of_another
from .shortnames import used_as_company
from .slots import fits, launched_product
from .status import contrasted, status_of
from .syntax import (
    AS_PERSON,
    FAMILY_FIRMS,
    RIVAL_WORDS,
    SEAT_PARTICIPLES,
    SHORT_ORGS,
    SUBJ,
    SURNAMES,
    conjuncts,
    etype,
    is_class_noun,
    maybe_named,
    rules_for,
    sentence,
)
from .verbside import jointly, made_at, places_inside, sold_under, worked_under_contract


# lower-case words for a place's kind the tagger takes into its name ('in Guangdong province')
PLACE_KINDS = frozenset({"province", "prefecture", "region", "state"})


def mention(tok) -> Mention:
    first = tok
    if isinstance(tok, Token) and not tok.ent_type_:
        # a name the tagger missed is one word of the parse: 'Age Wave, a firm she co-founded' is
        # named by the capitalised words before it as well ('Wave' alone is half a name), each hung
        # on a later word of the name ('Champions Soccer Radio Network')
        while first.i and first.i <= (w := tok.doc[first.i - 1]).head.i <= tok.i and w.dep_ == "compound" \
                and w.pos_ == "PROPN" and not w.ent_type_ and w.text[:1].isupper():
            first = w
    # (a Span's text: Doc.text would join every word of the Doc for a few of them)
    text = tok.text if first is tok else tok.doc[first.i:tok.i + 1].text
    kind = kind_of(tok) or ""
    if kind in ("PERSON", "PLACE") and ownership.brand_name(tok):
        kind = "PRODUCT"        # "Coca-Cola's Dasani", whatever the tagger guessed
    text = clean_surface(text)
    if kind == "PLACE" and (cut := text.rsplit(" ", 1))[-1] in PLACE_KINDS and len(cut) == 2:
        text = cut[0]       # 'Guangdong province' is Guangdong
    return Mention(text=text, type=kind, start=first.idx,
                   end=tok.idx + len(tok.text), gazetteer_id=tok.ent_id_)


def mentions(doc: Doc) -> list[Mention]:
    """Every entity mention of a relevant type, in text order."""
    return [mention(t) for t in (doc[i] for i in maybe_named(doc)) if etype(t)]


class _Sentence:
    """Collects the relations of one sentence, keeping the most confident per triple."""

    def __init__(self, sent: Span, lex: Lexicon):
        self.sent, self.lex, self.found = sent, lex, {}
        self.start_char = sent.start_char
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The sentence's text, made when a relation needs it (most sentences state none)."""
        if self._text is None:
            self._text = self.sent.text
        return self._text

    def relations(self) -> list[Relation]:
        """What the sentence says; a person who leads an organisation is not also listed as
        merely working there ('SoftBank Chief Executive Masayoshi Son')."""
        leads = {(r.head.start, r.tail.start) for r in self.found.values() if r.relation == "leads"}
        return [r for r in self.found.values()
                if not (r.relation == "works_for" and (r.head.start, r.tail.start) in leads)]

    def _retyped_elsewhere(self, e, wanted: frozenset) -> bool:
        """A name from another sentence ('the group' standing for Rentokil Initial) that would fill the
        slot only by being taken for another kind: fits() notes such a retyping for the whole article,
        which one sentence's reading of a pronoun or description must not do."""
        return isinstance(e, Token) and not self.sent.start <= e.i < self.sent.end and kind_of(e) not in wanted

    def add(self, rule: Rule, heads, tails, trigger: Token, *, relation: str | None = None):
        relation = relation or rule.relation
        status = None
        if relation == "works_for":
            tails = [_unit_owner(t) for t in tails]
        for h in heads:
            for t in tails:
                if h.i == t.i:
                    continue
                if self._retyped_elsewhere(h, rule.head_types) or self._retyped_elsewhere(t, rule.tail_types):
                    continue
                if not fits(h, rule.head_types) or not fits(t, rule.tail_types):
                    continue
                if h.text == t.text or relation == "founded" and launched_product(t) and kind_of(h) == "ORG":
                    continue
                if relation == "located_in" and _loose_place(t.text, self.lex):
                    # ('In Europe the group also owns ...', 'a Silicon Valley start-up'): a region or an
                    # area news names loosely is where one sells or is near, not where one is
                    continue
                if isinstance(h, Token) and isinstance(t, Token) and abs(h.i - t.i) == 2 \
                        and h.doc[min(h.i, t.i) + 1].text == "(":
                    continue    # 'Greenpark Mortgage Corporation (Greenpark)': one company, named twice
                if (relation == "supplies" and rule.kind == "compute" or rule.kind == "verbs" and relation not in SYMMETRIC) \
                        and isinstance(h, Token) and isinstance(t, Token) and t in h.conjuncts:
                    # 'AWS, Microsoft and Google ... run workloads on those platforms': not each other's;
                    # 'investors led by Jeff Bezos and Thrive Capital': not one leading the other
                    continue
                # what a possessive or a place phrase presupposes holds whatever the clause around
                # it hedges: in "OpenAI's Stargate Abilene campus is expected to reach a gigawatt"
                # only the gigawatt is expected
                # (and so does a modifier: 'the Baltimore-based company ... expects')
                status = status or ("stated" if rule.kind in PRESUPPOSED or rule.place_modifier or _describes(rule, trigger)
                                    else status_of(trigger, self.lex))
                if status == "stated" and relation == "located_in" and rule.id == "verb-has-office" \
                        and _opens_later(trigger):
                    status = "talks"    # 'said it would open an office in the United States': not there yet
                hm, tm = mention(h), mention(t)
                said = "denied" if contrasted(h, trigger) or contrasted(t, trigger) else status
                if relation in SYMMETRIC and (tm.text, tm.start) < (hm.text, hm.start):
                    hm, tm = tm, hm
                key = (hm.start, relation, tm.start)
                old = self.found.get(key)
                if relation == "located_in" and said == "stated" and isinstance(h, Token) and isinstance(t, Token) \
                        and etype(h) == "ORG":
                    if self.sent.start <= h.i < self.sent.end:
                        # for 'the Chicago-based company' later on: a company named here and placed there
                        self.sent.doc.user_data.setdefault(PLACED, {})[t.lower_] = h.i
                    if rule.id != "verb-has-office":
                        # ('ABC Compressors, which is based in Eibar', then 'The Nacka-based group': not ABC;
                        # nor after 'The company is still based in Costa Mesa' said of it)
                        note_home(h, {place_key(t)})
                if relation in ("founded", "leads") and said == "stated" and isinstance(h, Token) \
                        and isinstance(t, Token) and etype(h) == "PERSON" and etype(t) == "ORG":
                    # for 'Heller started the company' later on, in a story about another company
                    self.sent.doc.user_data.setdefault(PERSON_ORG, {})[h.text.split()[-1]] = t.i
                if relation == "develops" and said == "stated" and isinstance(t, Token):
                    # for 'the ChatGPT maker' later on
                    self.sent.doc.user_data.setdefault(MAKERS, {}).setdefault(t.ent_id_ or t.lower_, h.i)
                if old is None or old.confidence < rule.confidence:
                    self.found[key] = Relation(hm, relation, tm, self.text, self.start_char,
                                               rule.id, said, rule.confidence,
                                               describe(relation, self.text, trigger.idx - self.start_char))
                if relation == "partners_with" and said == "stated" and isinstance(h, Token) and isinstance(t, Token):
                    # for 'Under the agreement, CoreWeave will provide ...' in a later sentence
                    self.sent.doc.user_data[LAST_DEAL] = (h.i, t.i)
                if relation == "supplies" and rule.kind == "verbs" and said == "stated" \
                        and _under_contract(trigger, self.lex):
                    # 'CoreWeave will deliver ... to Poolside under an agreement the two signed': a
                    # supply contract is a partnership as well
                    self.add(_CONTRACT_PARTNERS, [h], [t], trigger)


_FRONTED_SEAT = Rule("fronted-seat", "possession", "located_in", frozenset({"ORG"}), frozenset({"PLACE"}), 0.75)


def _fronted_seat(out: _Sentence, sent: Span) -> None:
    """'Headquartered in Michigan, USA, Kelly Services is ...': the places a sentence opens with, then
    the company after them, read from the words (the parser often takes the company for one more
    place of the list); and 'Sling Broadband, LLC is an industry-leading, privately held, Internet
    Service Provider based in Florida': a company the sentence opens with, said to be something
    based in places, with no other name between."""
    doc = sent.doc
    if len(sent) >= 5 and sent[0].lower_ in SEAT_PARTICIPLES and sent[1].lower_ == "in":
        places, k = _places_from(doc, sent.start + 2, sent.end)
        if places and k < sent.end and doc[k - 1].text == "," and etype(doc[k]) == "ORG":
            out.add(_FRONTED_SEAT, [doc[k]], places, sent[0])
        return
    first = sent[0] if sent[0].lower_ != "the" or len(sent) < 2 else sent[1]
    if etype(first) != "ORG" or first.i + 1 >= sent.end or doc[first.i + 1].lemma_ != "be":
        return
    for k in range(first.i + 2, min(sent.end - 2, first.i + 20)):
        w = doc[k]
        if etype(w) in ("ORG", "PERSON", "PRODUCT", "FACILITY") or w.text in (";", ":", "(") \
                or w.lower_ in ("to", "for", "with", "by", "from", "and", "but", "which", "that", "who") \
                or w.pos_ == "VERB" and w.lower_ not in SEAT_PARTICIPLES and doc[k - 1].text != "-" and (
                    w.tag_ != "VBN" or k == first.i + 2 or any(c.dep_ == "agent" for c in w.children)):
            # (another name, another party or a clause of its own before the place: 'was acquired
            # by a company based in Ohio', 'a supplier to carmakers based in Ohio'; not
            # 'industry-leading' or 'privately held')
            return
        if w.lower_ in SEAT_PARTICIPLES and doc[k + 1].lower_ == "in":
            places, _ = _places_from(doc, k + 2, sent.end)
            if places:
                out.add(_FRONTED_SEAT, [first], places, w)
            return


def _places_from(doc: Doc, k: int, end: int) -> tuple[list[Token], int]:
    """The places listed from k on ('Michigan, USA'), and where the list stops."""
    places = []
    while k < end and (etype(doc[k]) == "PLACE" or doc[k].text == "," and places):
        if doc[k].text != ",":
            places.append(doc[k])
        k += 1
    return places, k


_JOINED_ROUND = Rule("verb-participate", "verbs", "invests_in", frozenset({"ORG", "PERSON"}), frozenset({"ORG"}), 0.75)
LAST_DEAL = "industry_graph_last_deal"      # Doc.user_data: (head, tail) of the partnership last stated


def _under_the_deal(v: Token, lex: Lexicon) -> bool:
    """'Under the agreement, X will provide ...': a deal named before; 'a contract with IREN, under which
    IREN will provide capacity': the contract the clause hangs on."""
    contracts = _contract_nouns(lex) - {"lease"}
    return any(c.dep_ == "prep" and c.lower_ == "under" and any(
        p.dep_ == "pobj" and p.lemma_.lower() in contracts
        and any(d.lower_ in ("the", "this", "that") for d in p.children)
        or p.lower_ == "which" and v.dep_ == "relcl" and _hung_on_contract(v.head, contracts)
        for p in c.children) for c in v.children)


# what a customer does with what it is sold: 'the supercomputers that OpenAI used'
USING_VERBS = frozenset({"use", "run", "train", "rent", "lease", "buy", "purchase", "need", "deploy", "order",
                         "rely", "tap", "adopt", "get"})
# ('RNGD, which the company unveiled, is manufactured by TSMC': who designed what a foundry makes)
DESIGNING_VERBS = frozenset({"unveil", "design", "develop", "launch", "announce", "introduce", "create",
                             "sell", "market"})     # ('makes the processors Nvidia sells')
OPENING_VERBS = frozenset({"open", "establish", "add", "set"})


def _names_customer(clause: Token, v: Token) -> bool:
    """Whether a clause on the goods says who takes them: 'on which Cohere trains', 'that OpenAI used',
    for a foundry's goods 'which the company unveiled'."""
    lemma = clause.lemma_.lower()
    return lemma in USING_VERBS or v.lemma_.lower() in MANUFACTURING and lemma in DESIGNING_VERBS \
        or any(p.dep_ == "prep" and any(w.lower_ == "which" for w in p.children) for p in clause.children)


def _opens_later(v: Token) -> bool:
    """'will open an office', 'would double its staff and open an office': an opening still to come."""
    if v.lemma_.lower() not in OPENING_VERBS:
        return False
    verbs = [v] + ([v.head] if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") else [])
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for w in verbs for c in w.children)


def _hung_on_contract(n: Token, contracts: frozenset) -> bool:
    """The contract noun itself, or the party after its 'with', where the parser hung the clause
    ('a contract with IREN, ..., under which')."""
    if n.dep_ == "pobj" and n.head.lower_ == "with":
        n = n.head.head
    return n.lemma_.lower() in contracts


def _other_party(v: Token, heads: list[Token]) -> list[Token]:
    """The other party of the deal last stated, when the verb's subject is one of its parties."""
    pair = v.doc.user_data.get(LAST_DEAL)
    if pair is None or max(pair) >= v.i:
        return []
    a, b = (v.doc[i] for i in pair)
    key = lambda t: t.ent_id_ or t.lower_
    for h in heads:
        if key(h) == key(a):
            return [b]
        if key(h) == key(b):
            return [a]
    return []


_CONTRACT_PARTNERS = Rule("supply-contract", "verbs", "partners_with", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)
LEASE_NOUNS = frozenset({"lease", "deal"})


def _contract_nouns(lex: Lexicon) -> frozenset:
    """'contract', 'agreement', 'partnership', 'pact', 'deal', 'lease'."""
    return lex.words["contract_nouns"] | LEASE_NOUNS


def _under_contract(v: Token, lex: Lexicon) -> bool:
    """A supplying verb a contract governs: 'under an agreement', 'under 12-year contracts', 'signed a deal
    to supply', 'The agreement ... commits Nvidia to deliver'."""
    contracts = _contract_nouns(lex)

    def contract(n: Token) -> bool:
        return n.lemma_.lower() in contracts
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "under" and any(contract(p) for p in c.children if p.dep_ == "pobj"):
            return True
    if v.dep_ in ("acl", "relcl") and contract(v.head):
        return True      # 'a deal to supply CoreWeave', 'a contract under which IREN will provide
    if v.dep_ in ("advcl", "xcomp") and any(contract(o) for o in v.head.children if o.dep_ == "dobj"):
        return True      # 'signed a six-year agreement in 2023 to license ...'
    up = v.head if v.dep_ in ("xcomp", "ccomp") else None
    return up is not None and any(contract(s) for s in up.children if s.dep_ in ("nsubj", "nsubjpass"))


PRESUPPOSED = ("possession", "modifiers")     # rule kinds whose relation no hedge on the clause reaches


def _describes(rule: Rule, trigger: Token) -> bool:
    """A role noun that describes a name rather than says what it becomes: in 'Amazon would invest
    more in the maker of the Claude chatbot' only the investment is hedged (but not 'is expected
    to be named chief executive', nor 'would hire him as its chief executive')."""
    if rule.kind != "roles":
        return False
    definite = any(c.lower_ == "the" for c in trigger.children) and any(c.lower_ == "of" for c in trigger.children)
    return trigger.dep_ in ("appos", "compound") or trigger.dep_ == "pobj" and definite and trigger.head.lower_ != "as"


def misparsed_verb(tok: Token, lex: Lexicon) -> bool:
    """'Anthropic competes with OpenAI': the small model may tag 'competes' as a plural noun with
    the company as its modifier. A sentence root that is a verb of ours in -s form, with an
    entity before it, is read as that verb."""
    if tok.pos_ not in ("NOUN", "PROPN") or not tok.lower_.endswith("s"):
        return False
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and any(
            c.i < tok.i and c.dep_ in ("compound", "nmod") and etype(c) for c in tok.children):
        # 'Meta has recruited researchers, and Meta competes with OpenAI': a clause read as a noun
        stem = tok.lower_[:-1]
        return any(k in lex.verbs for k in (stem, stem[:-1]))
    if tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "prep" and c.lower_ in ("with", "against") for c in tok.children) and any(
            c.dep_ == "cc" for c in tok.head.children) and tok.i > tok.head.i:
        # 'which rents GPUs to developers and competes with CoreWeave': the second verb read as a noun
        stem = tok.lower_[:-1]
        return any(k in lex.verbs for k in (stem, stem[:-1]))
    if tok.dep_ != "ROOT":
        return False
    stem = tok.lower_[:-1]
    if not any(k in lex.verbs for k in (stem, stem[:-1], stem[:-2] + "y" if stem.endswith("ie") else stem)):
        return False
    return any(c.i < tok.i and c.dep_ in ("amod", "compound", "nmod", "nsubj") and etype(c) for c in tok.children)


# the named parts of a university or a company a person works in: 'Carnegie Mellon's Robotics Institute'
UNIT_WORDS = frozenset({"institute", "school", "department", "laboratory", "laboratories", "lab", "labs", "center",
                        "centre", "faculty", "college"})


def _unit_owner(t):
    """'teaches at Carnegie Mellon's Robotics Institute': one works for the owner of a unit named with
    a possessive, not for the unit."""
    if not isinstance(t, Token):
        return t
    unit = t.head if t.dep_ in ("compound", "nmod") and t.head.lemma_.lower() in UNIT_WORDS else t
    if unit is t and not any(w.lower() in UNIT_WORDS for w in t.text.split()):
        return t
    owners = [c for c in unit.children if c.dep_ == "poss" and etype(c) == "ORG"]
    return owners[0] if owners else t


MANUFACTURING = frozenset({"make", "manufacture", "produce", "build", "fabricate"})
# verbs of taking a stake in a company, which a later 'and X invested' may share the object of
BUYING_OR_BACKING = frozenset({"buy", "acquire", "invest", "back", "fund"})


@lru_cache(maxsize=1)
def _contract_makers() -> frozenset:
    """Gazetteer ids of foundries and contract manufacturers, from what news calls them (kinds.json)."""
    return frozenset(eid for eid, phrases in company_kinds().items() if any(
        p.endswith(("chip foundry", "contract chipmaker", "contract chip maker", "contract manufacturer"))
        or p == "foundry" for p in phrases))


def contract_maker(t) -> bool:
    return isinstance(t, Token) and t.ent_id_ in _contract_makers()


# verbs of trying a product out, which its maker does and so do its customers
TRYING_VERBS = frozenset({"test", "deploy", "trial", "pilot", "evaluate", "preview", "roll", "adopt", "use"})


def _makers_named(t, lex: Lexicon) -> list[Token]:
    """The organisations a product's own phrase names as its maker: "AMD's MI450 chips", 'Nvidia
    Blackwell processors', "the Tokyo company's MN-Core chips"."""
    if not isinstance(t, Token):
        return []
    nps = [t] + ([t.head] if t.dep_ in ("compound", "nmod") else [])
    named = [c for n in nps for c in n.children if c.dep_ in ("poss", "compound", "nmod") and etype(c) == "ORG"]
    # (a described owner only, not 'its': 'its own Gemini models, which are developed by its Google
    # DeepMind unit' names a unit of the owner as the developer)
    described = [n for n in nps if any(c.dep_ == "poss" and c.pos_ == "NOUN" for c in n.children)]
    # ("on Nvidia's software, including its NeMo platform": an 'its' that stands for another's examples)
    examples = [o for n in nps for c in n.children if c.dep_ == "poss" and (o := owner_of_examples(c)) is not None]
    return named + [o for n in described if not named for o in possessors(n, lex) if etype(o) == "ORG"] + examples


def _participated(out: _Sentence, v: Token, lex: Lexicon):
    """'Thrive Capital, an existing investor, also participated': money in the round last raised (not
    'participated in the programme', which names what was joined)."""
    args = verb_args(v)
    if not args.get("prep:in") and _joins_round(v, args) \
            and (i := v.doc.user_data.get(nominal.LAST_ROUND)) is not None and i < v.i:
        out.add(_JOINED_ROUND, entities_of(args["subj"], lex), [v.doc[i]], v)


_MADE_FOR_MAKER = Rule("product-made-by", "verbs", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)
CAUSING_VERBS = frozenset({"have", "get"})


def _makers_served(tails: list, heads: list, v: Token, lex: Lexicon) -> list:
    """Who a manufacturer makes a product for: its known maker ('Lunar Lake is manufactured by TSMC'
    after 'Intel launched Lunar Lake'), or who had it made ('Intel had Lunar Lake manufactured by TSMC')."""
    if v.dep_ == "acl" and v.head.dep_ == "dobj" and v.head.head.lemma_.lower() in CAUSING_VERBS:
        return [e for e in entities_of(verb_args(v.head.head)["subj"], lex) if etype(e) == "ORG"]
    makers = [product_maker(t, v.i) for t in tails if isinstance(t, Token) and etype(t) == "PRODUCT"]
    return [m for m in makers if m is not None and etype(m) == "ORG" and not _among(m, heads)]


def _among(m: Token, heads: list) -> bool:
    """Whether the maker is one of the heads, by position or by gazetteer id."""
    return any(h.i == m.i or h.ent_id_ and h.ent_id_ == m.ent_id_ for h in heads)


def _not_made_by_another(tails: list, heads: list, v: Token) -> list:
    """The products among tails that no maker other than the heads is known for before v."""
    return [t for t in tails if not (isinstance(t, Token) and (m := product_maker(t, v.i)) is not None
                                     and not _among(m, heads))]


def _buying_before(v: Token) -> Token | None:
    """The verb of buying or backing a company that 'and X invested' is coordinated with, through
    the clauses the parser may have hung it on ('bought control of Genesys in 2012, when it was
    still a unit of Alcatel-Lucent, and Hellman & Friedman invested')."""
    up = v.head
    for _ in range(5):
        if up.lemma_.lower() in BUYING_OR_BACKING and up.pos_ == "VERB":
            return up
        if up.dep_ not in ("relcl", "advcl", "conj", "pobj", "prep") or up.head.i == up.i:
            return None
        up = up.head
    return None


def _joins_round(v: Token, args: dict) -> bool:
    """'also invested', 'put in more', 'chipped in', 'took part', 'invested, as did Index Ventures':
    money added to a round already named."""
    return any(c.lower_ in ("also", "too", "again") for c in v.children) \
        or any(o.lower_ in ("more", "part") for o in args["obj"]) \
        or _as_backer(args) \
        or any(c.dep_ == "prt" and c.lower_ == "in" for c in v.children) \
        or bool(did_as_well(v))


def _as_backer(args: dict) -> bool:
    """'joined as new investors', with no object: what the subject joined is a round."""
    return not args["obj"] and any(p.lemma_.lower() in BACKER_NOUNS for p in args.get("prep:as", []))


def _given_role(v: Token, lex: Lexicon) -> bool:
    """'picked X as its cloud provider', 'chose X as one of its hosts': a role noun after 'as'."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            for p in c.children:
                nouns = [p] + [q for o in p.children if o.dep_ == "prep" and o.lower_ == "of"
                               for q in o.children if q.dep_ == "pobj"] if p.lower_ in roles.PART_WORDS else [p]
                if any(rules_for(lex.roles, q, lex) for q in nouns):
                    return True
    return False


# what makes a 'unit' a thing made rather than a part of a company
GOODS_UNITS = frozenset({"processing", "power", "cooling", "distribution", "backup", "battery", "storage"})


def _sold_it(o: Token) -> bool:
    """'bought Signode ... and sold it (most of it) to Kohlberg': what a company sells as 'it' is what
    it bought, a business (not 'lease it to the software company', a campus)."""
    return o.lower_ == "it" and o.dep_ in ("dobj", "pobj") and verb_over_it(o).lemma_.lower() == "sell"


def _object_kind(o: Token) -> str:
    """What a rule's object test sees: MONEY, PERCENT (a minority share), MAJORITY, or the lemma."""
    if o.ent_type_ == "PERCENT":
        m = re.search(r"\d+(?:\.\d+)?", o.text)
        return "MAJORITY" if m and float(m.group()) > 50 else "PERCENT"
    if o.ent_type_ == "MONEY":
        return "MONEY"
    if o.ent_type_ == "DATE":       # '15 years', 'more than a decade' (one merged word): 'year', 'decade'
        return o.text.split()[-1].lower().removesuffix("s")
    if o.ent_type_ == "CARDINAL" and len(o.text.split()) > 1:
        return o.text.split()[-1].lower()       # 'a third', 'about half': 'third', 'half'
    if o.ent_type_ == "ORG" or _sold_it(o):
        return "ORG"                # 'sold Advanced Technologies Group to Aurora': a company, not goods
    if o.ent_type_ == "FAC":
        return "FAC"                # 'bought the Lehi fab from Micron': a site, not goods
    if o.lower_ in ("that", "which") and o.head.dep_ == "relcl":
        a = o.head.head
        while a.ent_type_ in ("GPE", "LOC") and a.dep_ in ("pobj", "appos") and a.head.i < a.i:
            a = a.head.head if a.dep_ == "pobj" else a.head     # 'its fab in Lehi, Utah, which it bought'
        if a.pos_ == "NOUN" or a.ent_type_ in ("ORG", "FAC"):
            return _object_kind(a)      # 'Nvidia processors that OVHcloud buys': what the pronoun stands for
    if o.lemma_.lower() == "unit" and any(c.lower_ in GOODS_UNITS for c in o.children):
        return "goods unit"     # 'tensor processing units', 'power units' are goods, not a business unit
    if o.lemma_.lower() in ("centre", "center") and any(c.lower_ in CENTRE_KINDS for c in o.children):
        return "data centre"        # a site, not an office ('opened a data centre in Munich', 'a computing centre')
    return o.lemma_.lower()


# a company's people who run its machines for it ("Eni's own engineers will operate HPC6")
SITE_STAFF = frozenset({"engineer", "staff", "employee", "technician", "crew", "worker"})
# people whose workplace, named after 'at', is what a thing they made was made by
RESEARCHERS = frozenset({"researcher", "scientist", "engineer", "team", "group", "developer"})
# words for a body of people that a name before them names (not coref.MONEY_NOUNS, the kinds of backer)
BODY_WORDS = frozenset({"team", "lab", "laboratory", "institute", "university", "consortium", "group"})
_MONEY_FROM = Rule("money-came-from", "verbs", "invests_in", frozenset({"ORG", "PERSON"}), frozenset({"ORG"}), 0.75)
RAISED_NOUNS = frozenset({"money", "funding", "capital", "cash", "investment", "financing", "round", "funds"})


def _money_came_from(out: _Sentence, v: Token, lex: Lexicon):
    """'The money came from Bezos Expeditions and Prysm Capital': the backers of the round last named."""
    args = verb_args(v)
    # ('Most of the money came from ...')
    if not any((c := ownership.counted(s, lex)).lemma_.lower() in RAISED_NOUNS or c.ent_type_ == "MONEY"
               for s in args["subj"]):
        return
    i = v.doc.user_data.get(nominal.LAST_ROUND)
    if i is not None and i < v.i:
        out.add(_MONEY_FROM, entities_of(args.get("prep:from", []), lex), [v.doc[i]], v)


# what a company names without making it: 'a programme it calls EDGE', 'a plan it calls Fit for 55'
UNMADE_NAMED = frozenset({"programme", "program", "plan", "strategy", "initiative", "scheme", "campaign", "policy",
                          "effort", "drive", "push", "approach"})
HOLDING_VERBS = frozenset({"own", "hold", "control", "have"})     # 'owns about a third of the shares'


def _shares_of(v: Token, objs: list[Token], holders: list[Token], lex: Lexicon) -> list[Token]:
    """The company whose unnamed shares a holding is of ('owns about a third of the shares', 'of its
    shares'): the shares' owner, else an organisation the sentence set before the verb as a subject,
    else the one the sentences before were about; never the holder."""
    shares = [p for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in ("share", "stock")
              and not any(q.dep_ == "prep" for q in p.children)]
    if not shares or not holders or any(h.dep_ == "compound" and h.head.lower_ == "family" for h in holders):
        return []       # ('The Rollins family controls about 40% of the shares': of its own company, unnamed)
    owners = [p for s_ in shares for p in possessors(s_, lex) if etype(p) == "ORG" and p not in holders]
    if owners or any(c.dep_ == "poss" for s_ in shares for c in s_.children):
        return owners
    before = [e for e in sentence(v) if e.i < v.i and e.dep_ in SUBJ and etype(e) == "ORG" and e not in holders]
    if before:
        return before[:1]
    # (the article's company before the one last written about: 'Jacobs Holding ... owns about 30% of
    # the shares' in a story about Barry Callebaut)
    topic = v.doc.user_data.get(ANTECEDENT, (None, None))[1]
    if topic is not None and topic < sentence(v).start and etype(v.doc[topic]) == "ORG" \
            and all(h.i != topic for h in holders):
        return [v.doc[topic]]
    return [e for e in earlier_organisation(v, holders) if etype(e) == "ORG"]


def _loose_place(text: str, lex: Lexicon) -> bool:
    """A region or an area news names loosely: 'Europe', 'the Middle East', 'Silicon Valley'."""
    return lex.region(text) or text.lower().removeprefix("the ") in lex.words["areas"]


def _set_off_after(o: Token) -> list[Token]:
    """The one name set off by commas right after a noun: 'its defence business, Zeta Vehicles, to ...'."""
    doc, i = o.doc, o.i + 2
    if i + 1 < len(doc) and doc[o.i + 1].text == "," and doc[i + 1].text == "," and doc[i].pos_ == "PROPN":
        return [doc[i]]
    return []


def _verb(out: _Sentence, v: Token, lex: Lexicon):
    if v.lemma_.lower() == "participate" or v.lemma_.lower() == "join" and _as_backer(verb_args(v)):
        _participated(out, v, lex)      # ('A and B joined as new investors', not 'Ng also joined')
    if v.lemma_.lower() == "come":
        _money_came_from(out, v, lex)
    rules = rules_for(lex.verbs, v, lex)
    if not rules:
        return
    args = verb_args(v)
    if v.lemma_.lower() == "license" and args.get("prep:to") and _under_contract(v, lex):
        # 'signed a six-year agreement to license images to OpenAI': a licensing deal between the two
        out.add(_CONTRACT_PARTNERS, [e for e in entities_of(args["subj"], lex) if etype(e) == "ORG"],
                [e for e in entities_of(args["prep:to"], lex) if etype(e) == "ORG"], v)
    # ('host 168 megawatts of Fluidstack's equipment': what a count or an amount is of counts too)
    # (the verb's own object only: not the antecedent a relative clause was hung on)
    amounts_of = [c for o in args["obj"] if o.head.i == v.i and (c := ownership.counted(o, lex)) is not o]
    for rule in rules:
        if rule.relation == "leads" and v.dep_ == "xcomp" and v.head.lemma_.lower() == "help":
            continue    # 'a partner who will help run the fund': one of those running it
        if rule.relation == "partners_with" and rule.tail == "obj" and _given_role(v, lex):
            continue    # 'picked Navitas as one of the suppliers': the role says what the pick makes it
        # ('sells TSMC etching machines': who is sold to is no part of what is sold)
        own_objs = [o for o in args["obj"] if o not in args.get("dative", [])] if rule.tail == "dative" else args["obj"]
        objs = {_object_kind(o) for o in own_objs + amounts_of}
        if any(o.ent_type_ == "PRODUCT" for o in own_objs):
            objs.add("PRODUCT")     # 'makes the EN100 for EnCharge': a named product is goods
        # ('sold Solidigm, its memory unit, to SK Hynix': what the object is said to be counts against)
        objs_not = objs | {_object_kind(a) for o in own_objs for a in o.children
                           if a.dep_ == "appos" and a.pos_ == "NOUN"}
        if rule.obj_lemmas and not objs & rule.obj_lemmas or objs_not & rule.obj_not_lemmas:
            continue
        tail_toks = role_tokens(args, rule.tail)
        if rule.relation == "located_in" and rule.head == "obj":
            # ('runs the Port of Felixstowe, as well as terminals in Rotterdam': the place of another object)
            tail_toks = [t for t in tail_toks if not (t.dep_ == "pobj" and t.head.head.dep_ == "conj"
                                                      and t.head.head.i != v.i and not etype(t.head.head))]
        tails = entities_of(tail_toks, lex)
        if rule.id == "verb-operate" and v.lemma_.lower() in ("open", "reopen"):
            # ('has opened what it calls Norway's first AI factory': no site by name)
            tails = [t for t in tails if not (t.dep_ == "oprd" and t.head.lemma_.lower() in ("call", "dub", "describe")
                                              and t.text.split()[-1].islower())]
        if rule.id == "verb-call-name":
            # ('The site, which Poolside calls Horizon': a site's name; not 'what it calls Norway's first AI factory')
            tails = [t for t in tails if etype(t) != "FACILITY" or t.text[:1].isupper() and not t.text.split()[-1].islower()]
            if v.dep_ in ("relcl", "acl") and v.head.lemma_.lower() in UNMADE_NAMED:
                tails = []      # 'a training programme it calls EDGE': a name for a plan, not for goods
        if rule.relation == "invests_in" and rule.tail == "subj" and "MONEY" in objs and tails \
                and v.lemma_.lower() in nominal.RECEIVING_VERBS and status_of(v, out.lex) == "stated":
            # 'Physical Intelligence has raised $400 million ...': the round a later 'also took part' joins
            v.doc.user_data[nominal.LAST_ROUND] = next((t.i for t in tails if etype(t) == "ORG"),
                                                       v.doc.user_data.get(nominal.LAST_ROUND))
        if rule.tail_is_possessor:      # 'Oracle has long hosted Cohere's models'
            tails = [p for o in tail_toks for p in possessors(o, lex)] or [
                p for o in tail_toks if o in args["obj"] and o.head.i == v.i
                for p in possessors(ownership.counted(o, lex), lex)] or [
                p for o in tail_toks for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj" and etype(p) == "ORG"]    # 'ran the retail business of Staples'
        if rule.named_only:
            named = {c.i for t in tail_toks for c in conjuncts(t)}
            # ('launch a service with the AI start-up': a description of a company the sentence names)
            start = out.sent.start
            named |= {a.i for t in tail_toks if is_anaphor(t, lex) and t.lower_ != "it"
                      for a in antecedent(t) if a.i >= start}
            # ('with the TurkuNLP research group': a name set before a word for an organisation names it)
            named |= {c.i for t in tail_toks if t.lemma_.lower() in lex.anaphora | BODY_WORDS
                      for c in t.children if c.dep_ in ("compound", "nmod") and etype(c) == "ORG"}
            tails = [t for t in tails if t.i in named]
        if not tails and rule.relation == "acquires" and rule.tail == "obj":
            # ('sell its defence business, Iveco Defence Vehicles, to Leonardo', 'its Precision Sensors
            # business'): the unit named beside or inside the noun for it
            # (the name set off by commas, wherever the parser hung it)
            tails = [a for o in tail_toks if o.lemma_.lower() in UNIT_NOUNS
                     for a in [c for c in o.children if c.dep_ in ("appos", "compound")] + _set_off_after(o)
                     if etype(a) == "ORG"]
        if not tails and rule.relation == "develops":      # 'General Motors introduced the Chevrolet Volt'
            tails = product_names(tail_toks, lex)
        if rule.id == "verb-rely-on":
            # ('the GameChanger app runs on Google Cloud': an app's name the tagger took for a company's)
            tails = [t for t in tails if not (isinstance(t, Token) and ownership.names_software(t))]
        if rule.relation == "develops" and v.tag_ == "VBN" and v.dep_ in ("advcl", "acl", "conj") and v.i >= 2 \
                and v.doc[v.i - 1].text == "," and etype(v.doc[v.i - 2]) == "PRODUCT" \
                and any(c.dep_ == "agent" for c in v.children):
            # 'open models such as Llama, released by Meta Platforms, ...': the product right before the
            # participle, wherever the parser hung it (not the clause's subject it borrowed)
            tails = [v.doc[v.i - 2]]
        if not tails and rule.relation == "located_in":
            tails = places_inside(tail_toks)
        if not tails and rule.relation == "works_for" and not rule.reverse:
            # 'worked at Meta's AI research lab', 'left to join Meta Platforms' new effort': the owner employs
            tails = [p for o in tail_toks if not etype(o) for p in possessors(o, lex) if etype(p) == "ORG"]
        if not tails and rule.relation == "invests_in" and rule.tail != "subj":
            # "invest up to $5 billion in Applied Digital's high-performance computing business": the owner
            # ("invested in the company's Series A round": whose round it is)
            tails = [p for o in tail_toks if not etype(o) and o.lemma_.lower() in roles.OWNED_PARTS | ROUND_NOUNS
                     for p in possessors(o, lex) if etype(p) == "ORG"]
        if not tails and rule.relation == "invests_in" and rule.tail == "obj" and v.lemma_.lower() in HOLDING_VERBS:
            # 'Suntory Holdings owns about a third of the shares': of the company the clause or the
            # story is about
            tails = _shares_of(v, tail_toks, entities_of(role_tokens(args, rule.head), lex), lex)
        if not tails and rule.relation == "supplies" and not tail_toks and _under_the_deal(v, lex):
            # 'CoreWeave signed a deal with Meta. Under the agreement, CoreWeave will provide capacity':
            # the other party of the deal last stated
            tails = _other_party(v, entities_of(role_tokens(args, rule.head), lex))
        if not tails and rule.relation == "supplies" and (rule.tail.startswith("prep:") or rule.tail == "obj"):
            # 'deliver power to Vantage's Texas campuses', 'will power Google's data centres': the
            # owner of the site supplied
            tails = [p for o in tail_toks if is_site_or_compute(o, lex)
                     for p in ownership.site_operators(o, lex)]
        if not tails and rule.relation == "supplies" and rule.tail.startswith("prep:"):
            # 'Oracle supplies the cloud infrastructure on which Cohere trains its models'
            # (not 'sells DRAM that CXMT makes for it': the maker of what is sold is no customer)
            tails = [e for o in args["obj"] for c in o.children if c.dep_ == "relcl" and _names_customer(c, v)
                     for s_ in c.children if s_.dep_ == "nsubj" for e in np_entities(s_, lex) if etype(e) == "ORG"]
        if not tails and rule.relation == "supplies" and rule.tail.startswith("prep:") and v.dep_ == "xcomp" \
                and v.head.lemma_.lower() in lex.control_verbs and v.head.lemma_.lower() != "help" \
                and not any(args.get(k) for k in ("prep:to", "prep:for", "prep:with")) \
                and not any(c.dep_ == "dative" for c in v.children):
            # 'OpenAI tapped Broadcom to supply custom chips': who picked the supplier receives
            tails = [e for e in entities_of(verb_args(v.head)["subj"], lex) if etype(e) == "ORG"]
        if not tails and rule.relation in ("leads", "works_for"):
            # 'took back the chair of its board': the board's company
            tails = [e for o in tail_toks if o.lower_ in roles.BODIES
                     for e in (entities_of([roles.past_board(o)], lex) or possessors(o, lex)) if etype(e) == "ORG"]
        if not tails and rule.relation == "invests_in" and not tail_toks and v.dep_ == "conj" \
                and not args["obj"] and (before := _buying_before(v)) is not None:
            # 'Permira bought control of Genesys in 2012, ... and Hellman & Friedman invested four
            # years later': what the verb before was done to
            tails = [e for e in entities_of(verb_args(before)["obj"], lex) if etype(e) == "ORG"]
        if not tails and rule.relation == "invests_in" and not tail_toks and _joins_round(v, args):
            # 'GV ... put in more', 'Sequoia also invested': the round the article last named
            i = v.doc.user_data.get(nominal.LAST_ROUND)
            tails = [v.doc[i]] if i is not None and i < v.i else []
        head_toks = role_tokens(args, rule.head)
        heads = entities_of(head_toks, lex)
        if rule.relation == "acquires" and rule.head.startswith("prep:") \
                and (owners := [p for o in head_toks if o.lemma_.lower() in UNIT_NOUNS
                                for p in possessors(o, lex) if etype(p) == "ORG"]):
            heads = owners      # 'folded into Nokia's Network Infrastructure business': the owner takes it in
        if rule.relation == "invests_in" and rule.head == "subj" and not is_passive(v):
            # 'took part, alongside Bpifrance', 'invested in Mistral alongside Nvidia': a co-investor
            heads += [e for e in entities_of(args.get("prep:alongside", []), lex) if e not in heads]
        if rule.head_is_possessor:
            # 'distributes Nvidia's Jetson modules', 'resells chips from AMD': whose goods they are
            # ('reserved 10% of Corning's output': whose the counted goods are)
            heads = [p for o in head_toks
                     for p in possessors(o, lex) or possessors(ownership.counted(o, lex), lex)] + entities_of(
                [p for o in head_toks for c in o.children if c.dep_ == "prep" and c.lower_ == "from"
                 for p in c.children if p.dep_ == "pobj"], lex)
        if all(etype(h) == "PRODUCT" for h in heads) and rule.head == "subj" and rule.relation in ("develops", "operates"):
            # "Meta's AI lab released Llama 4", "Alibaba's Qwen team released Qwen3": an unnamed unit
            # of a company makes what the company makes
            # ("Eni's own engineers will operate HPC6": a company's staff run its machines)
            # (a one-word owner the tagger called a person too: add() asks whether it fits)
            # ("SeamSight, which Shenzhou's engineers built": a company's researchers make its goods)
            heads = [p for t in args["subj"] if (t.lemma_.lower() in UNIT_NOUNS or rule.relation == "operates"
                                                 and t.lemma_.lower() in SITE_STAFF or rule.relation == "develops"
                                                 and t.lemma_.lower() in RESEARCHERS)
                     and not any(etype(c) not in (None, "PRODUCT") for c in t.children if c.dep_ in ("compound", "appos"))
                     for p in possessors(t, lex) if etype(p) == "ORG" or etype(p) == "PERSON"
                     and t.lemma_.lower() in SITE_STAFF]
            # 'a model built by researchers at the University of Cambridge': where the makers work
            heads = heads or [p for t in args["subj"] if t.lemma_.lower() in RESEARCHERS
                              for p in nominal.participants(t, ("at", "from"), lex) if etype(p) == "ORG"]
            # ('an open-source model built by Microsoft researchers': the company named before them)
            heads = heads or [c for t in args["subj"] if rule.relation == "develops" and t.lemma_.lower() in RESEARCHERS
                              for c in t.children if c.dep_ == "compound" and etype(c) == "ORG"]
        if rule.head == "prep:on" and rule.relation == "supplies":
            # ("on Microsoft's Azure cloud platform": the owner named before the brand supplies)
            heads = [h.doc[h.i - 2] if isinstance(h, Token) and h.i >= 2 and h.doc[h.i - 1].tag_ == "POS"
                     and etype(h.doc[h.i - 2]) == "ORG" else h for h in heads]
        if not heads and rule.head == "prep:on" and rule.relation == "supplies":
            # 'runs almost all of its systems on Amazon Web Services', the 'on' hung inside the object
            heads = entities_of([p for o in args["obj"] for w in o.subtree if w.dep_ == "prep" and w.lower_ == "on"
                                 for p in w.children if p.dep_ == "pobj"], lex)
        if not heads and rule.head == "prep:from" and rule.relation == "supplies":
            # 'buy power from Constellation's nuclear plant': the owner of the site sold from
            heads = [p for o in args.get("prep:from", []) if is_site_or_compute(o, lex) or ownership.is_facility_noun(o, lex)
                     for p in possessors(o, lex) if etype(p) == "ORG"]
        if not heads and rule.head == "subj" and rule.relation == "supplies":
            # "Crusoe's Abilene campus is leased to Oracle": the owner of the site or the chips passed on
            heads = [p for o in v.children if o.dep_ == "nsubjpass"
                     and (is_site_or_compute(o, lex) or etype(o) == "FACILITY")
                     for p in ownership.site_operators(o, lex)]
        if rule.relation == "develops":
            # 'Oracle is deploying AMD's MI450 chips': a product the phrase gives to another maker
            tails = [t for t in tails if not (owners := _makers_named(t, lex)) or any(o in heads for o in owners)]
            # 'Broadcom designs the TPU for Google': made for the company the gazetteer knows as its maker
            makers = v.doc.user_data.get(KNOWN_MAKERS, {})
            for_ids = {e.ent_id_ for e in entities_of(args.get("prep:for", []), lex) if e.ent_id_}
            # (a product only: a facility's gazetteer 'maker' is who runs it, 'Fugaku, which Fujitsu built for RIKEN')
            tails = [t for t in tails if not (isinstance(t, Token) and etype(t) == "PRODUCT"
                                              and makers.get(t.ent_id_) in for_ids)]
            if v.lemma_.lower() in TRYING_VERBS:
                # 'Goldman Sachs was testing Devin' after 'Cognition makes Devin': a product another
                # maker is known for is tried out, not made
                tails = _not_made_by_another(tails, heads, v)
            made_by = v.lemma_.lower() in MANUFACTURING and v.lemma_.lower() != "build" and is_passive(v)
            if made_by:
                # 'Its ATOM chip is manufactured by Samsung Electronics': a product another maker is
                # known for is made for that maker, whom the manufacturer supplies
                out.add(_MADE_FOR_MAKER, [h for h in heads if etype(h) == "ORG"], _makers_served(tails, heads, v, lex), v)
            if v.lemma_.lower() in MANUFACTURING or any(c.dep_ == "conj" and c.lemma_.lower() in MANUFACTURING
                                                       for c in v.children):
                # 'RNGD ... is manufactured by Taiwan Semiconductor Manufacturing Co.': a foundry or a
                # contract manufacturer makes what others design (it supplies them)
                # ('the BR100, was unveiled in 2022 and manufactured by TSMC', the maker hung on both)
                heads = [h for h in heads if not contract_maker(h)]
            if made_by:
                # (a product another maker is known for is made for that maker)
                tails = _not_made_by_another(tails, heads, v)
        if rule.relation == "founded" and v.lemma_.lower() == "launch":
            # 'Chegg ... would launch CheggMate': what a company launches is a product unless its name
            # says it is a body ('launch the AI Infrastructure Partnership', 'a fund')
            tails = [t for t in tails if not all(etype(h) == "ORG" for h in heads)
                     or t.text.split()[-1].lower() in lex.org_words]
        if rule.relation == "leads":
            # 'went on to lead an Amazon lab': the owner of an unnamed team is where one works
            parts = [o for o in tail_toks if not etype(o) and o.lemma_.lower() in roles.COMPANY_PARTS]
            owners = [t for t in tails if type(t) is Token and t.head in parts
                      and t.dep_ in ("compound", "nmod", "poss")]
            out.add(rule, heads, owners, v, relation="works_for")
            tails = [t for t in tails if t not in owners]
            if tail_toks and all(_line_of_business(o) for o in tail_toks):
                tails = []      # 'Judith Egger, who runs the care chemicals business': a division, not a company
        if rule.relation == "subsidiary_of" and _owned_jointly(v, tail_toks):
            # 'is owned in equal shares by Nippon Suisan Kaisha and Moana New Zealand': no one parent,
            # each owner holds a stake
            out.add(rule, tails, heads, v, relation="invests_in")
            continue
        out.add(rule, heads, tails, v)
        if rule.relation == "founded" and rule.head == "subj" and heads and tails \
                and all(etype(h) == "ORG" for h in heads) and all(etype(t) == "ORG" for t in tails):
            # 'TomTom set up the foundation together with Amazon Web Services, Meta and Microsoft':
            # the companies it founded a body with founded it too
            out.add(rule, [e for e in entities_of(args.get("prep:with", []), lex) if etype(e) == "ORG"], tails, v)




JOINTLY = frozenset({"jointly", "equally"})


def _owned_jointly(v: Token, owners: list[Token]) -> bool:
    """'jointly owned by A and B', 'owned in equal shares by A and B', 'owned equally by two groups':
    owned by several owners, none of them its parent (not 'jointly controlled by', which says who
    governs it, not who holds its shares)."""
    return v.lemma_.lower() == "own" and len([c for o in owners for c in conjuncts(o)]) > 1 and (
        any(c.dep_ == "advmod" and c.lower_ in JOINTLY for c in v.children)
        or any(c.dep_ == "prep" and c.lower_ == "in" and any(p.lemma_.lower() in ("share", "part", "stake")
                                                            for p in c.children) for c in v.children))


def _line_of_business(o: Token) -> bool:
    """'the care chemicals business', 'the biologics division': a part of a company named by what it
    does, with no owner given ('the group' alone, or 'the Swiss group', is the company itself)."""
    return not etype(o) and o.lemma_.lower() in roles.OWNED_PARTS - {"group"} \
        and not any(c.dep_ == "poss" for c in o.children) \
        and any(c.dep_ in ("compound", "amod", "nmod") and not c.ent_type_ and c.pos_ == "NOUN" for c in o.children)


def _subject_org(sent: Span, lex: Lexicon) -> int | None:
    """The organisation a sentence is about: its main subject, when that names one."""
    if said_of_another(sent.root):
        return None     # 'Uber Technologies remains one of its largest shareholders': about the one before
    for s in sent.root.children:
        if s.dep_ in ("nsubj", "nsubjpass") and s.lemma_.lower() in UNIT_NOUNS \
                and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in s.children):
            return None     # 'Its Taiga Cloud unit rents out clusters': still about the owner, not the unit
        if s.dep_ in ("nsubj", "nsubjpass") and s.lemma_.lower() in RIVAL_WORDS \
                and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in s.children):
            return None     # 'Its biggest European rival, Vaillant Group, reported ...': an aside about a rival
        if s.dep_ in ("nsubj", "nsubjpass"):
            found = [e for e in np_entities(s, lex) if etype(e) == "ORG"]
            if found:
                return found[0].i
    if opens_sentence(sent[0]) and etype(sent[0]) == "ORG":
        return sent[0].i    # the name set off at the start: 'Anysphere, the company behind Cursor, was ...'
    if len(sent) > 2 and etype(sent[0]) == "ORG" and sent[1].text == "," and sent[0].dep_ == "nsubj" \
            and sent[0].head.dep_ == "csubj" and sent[0].head.head.i == sent.root.i:
        return sent[0].i    # 'Mistral, founded two years ago, has become ...', the participle read as a clause
    if len(sent) > 3 and sent[0].lower_ == "for" and etype(sent[1]) == "ORG" and sent[2].text == ",":
        return sent[1].i    # 'For CoreWeave, the lease is part of a scramble ...'
    return None


def _subject_owner(sent: Span) -> int | None:
    """The organisation whose thing a sentence's subject or complement is ("Nvidia's contribution comes
    largely as hardware"): what 'the chipmaker' in the next sentence stands for, though the sentence is
    not about it."""
    # ('Dario Amodei is Anthropic's chief executive; Daniela Amodei is its president')
    found = [c for s in sent.root.children if s.dep_ in ("nsubj", "nsubjpass", "attr")
             for c in s.children if c.dep_ == "poss" and etype(c) == "ORG"]
    if not found and not any(etype(t) == "ORG" and t.dep_ != "poss" for t in sent) and not any(
            s.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "the" for d in s.children) and not etype(s)
            and (s.lemma_.lower() in OFFERING_NOUNS or s.lemma_.lower() in load_lexicon().anaphora)
            for s in sent.root.children):
        # ('The spending spree follows a turbulent few months for Meta's AI effort. Its Llama 4 models
        # ...': the one company whose undertaking a sentence names, where it names no other; not
        # where the sentence is about 'the product' or 'the operator', another's)
        found = [t for t in sent if t.dep_ == "poss" and etype(t) == "ORG" and etype(t.head) in (None, "FACILITY")]
        found = found if len({t.ent_id_ or t.text for t in found}) == 1 else []
        # (not where the sentence has gone on about the company before with 'its': 'Much of the stock for
        # its shops moves through its Miami centre, which handles goods for Hudson's stores')
        if found and any(t.lower_ == "its" and t.dep_ == "poss" for t in sent if t.i < found[0].i):
            found = []
    return found[0].i if found else None


# the tagger's labels that etype() reads as ours (the only words whose type notes can change)
_SPACY_TYPES = frozenset(get_string_id(label) for label in FROM_SPACY)
NOMINAL = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "conj", "compound", "oprd"})


RAISING_VERBS = frozenset({"raise", "secure", "close", "land", "net", "bag"})


def _untagged(doc: Doc, attr: int, value: int) -> list[Token]:
    """The words no entity covers whose attribute (a part of speech, a dependency) has this value,
    found from the Doc's arrays rather than by making every Token."""
    arr = doc.to_array([attr, ENT_TYPE])
    return [doc[int(i)] for i in ((arr[:, 0] == value) & (arr[:, 1] == 0)).nonzero()[0]]


def _fundraisers(doc: Doc) -> frozenset:
    """Names the tagger left untagged that raise money ('Tractable, which uses computer vision ...,
    has raised $65 million'): companies wherever they stand in the article."""
    raisers = {t.text for t in _untagged(doc, DEP, nsubj) if t.text[:1].isupper() and t.text.isalpha()
               and t.head.lemma_.lower() in RAISING_VERBS and any(
                   o.dep_ == "dobj" and any(w.ent_type_ == "MONEY" for w in o.subtree) for o in t.head.children)}
    if not raisers:
        return frozenset()
    # a proper noun somewhere, or capitalised inside a sentence ('Turing, a company that ...', read as
    # a verb at the start of its sentence, is 'pay Turing' later)
    found = frozenset(w for w in raisers if any(
        t.text == w and (t.pos_ == "PROPN" or not t.is_sent_start and t.i > 0 and not t.nbor(-1).is_punct)
        for t in doc))
    for t in doc:       # ('Tractable raises $65 million', the headline's word read as an adjective)
        if t.text in found and t.pos_ in ("ADJ", "NOUN", "VERB") and not t.ent_type_:
            t.pos_ = "PROPN"
    return found


def extract(doc: Doc, lexicon: Lexicon | None = None) -> Iterator[Relation]:
    """Relations stated in a Doc built by make_nlp(), sentence by sentence.

    >>> doc = make_nlp()("Amazon invested $4 billion in Anthropic.")   # doctest: +SKIP
    >>> [(r.head.text, r.relation, r.tail.text) for r in extract(doc)]  # doctest: +SKIP
    [('Amazon', 'invests_in', 'Anthropic')]
    """
    lex = lexicon or load_lexicon()
    # (the entities and their words read once: Doc.ents makes every Span anew when asked)
    names = [(e.label_, e.text.split()) for e in doc.ents if e.label_ in ("PERSON", "ORG")]
    people = [words for label, words in names if label == "PERSON" and len(words) > 1
              and all(w[:1].isupper() for w in words)]    # (not 'start-up Ultimate', a misread company)
    # ('Zhang Wen ... Zhang said': a family name written first, used alone later)
    # (not 'Lilt Create', a product taken for a person, whose 'Lilt' the article names as a company)
    proper = _untagged(doc, POS, PROPN)     # (the proper nouns no entity covers, read once)
    alone = {t.text for t in proper}
    companies = {w for label, words in names if label == "ORG" for w in words}
    surnames = frozenset(words[-1] for words in people) | frozenset(
        words[0] for words in people if len(words) == 2 and words[0] in alone
        and words[0] not in companies and words[0].lower() not in lex.org_words)
    # ("Sandoz's chief financial officer" in an article that also names Edouard Sandoz, "Barratt's
    # chief executive" after Lawrie Barratt: a word the article writes as only a company is written
    # names that company, not the person, wherever it stands alone)
    ids = {doc.vocab.strings[w] for w in surnames}
    firms = {doc[i].text for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in ids
             and used_as_company(doc[i:i + 1])}
    doc.user_data[SURNAMES] = surnames - firms
    # (and 'Erik Nordstrom, the chief executive' beside "Nordstrom's chief financial officer": a family
    # name the article uses alone as a company's is that company wherever it stands alone)
    doc.user_data[FAMILY_FIRMS] = frozenset(w for w in firms if any(
        len(words) > 1 and words[-1] == w for label, words in names if label == "PERSON"))
    # ('Dror Weiss, Tabnine's chief executive', a person the tagger left untagged: 'Weiss' later,
    # tagged as a company, is the person)
    untagged = [t for t in proper if t.i > 0 and t.is_title
                and doc[t.i - 1].dep_ == "compound" and doc[t.i - 1].head.i == t.i and doc[t.i - 1].is_title
                and not doc[t.i - 1].ent_type_]
    found = {t.text for t in untagged if etype(t) == "PERSON"}
    if found:
        doc.user_data[SURNAMES] = doc.user_data[SURNAMES] | found
    # (not a country: 'China Electronics' does not make "China's ministry" the company)
    doc.user_data[SHORT_ORGS] = frozenset(
        words[0] for label, words in names if label == "ORG" and len(words) > 1
        and words[-1].lower() in lex.org_words and words[0][:1].isupper()
        and words[0].lower() not in lex.countries and words[0].lower() != "the") | _fundraisers(doc)
    doc.user_data.pop(LAST_PERSON, None)
    doc.user_data.pop(NOTED_PEOPLE, None)
    reuse.forget(doc)
    try:
        yield from _sentences(doc, lex)
    finally:
        reuse.forget(doc)


def _topic_key(t: Token, seen: dict) -> str:
    """What the topic count files a mention under: its gazetteer id, or for a name the gazetteer does
    not know, the form first seen that it shortens or lengthens ('Baichuan' after 'Baichuan
    Intelligence' counts for one company, as the resolver will later make them)."""
    if t.ent_id_:
        return t.ent_id_
    # (as the resolver compares names: "Dick" and "Dick's Sporting Goods" without the possessive)
    key = UNKNOWN_KEY + normalise(t.text)
    if key in seen:
        return key
    words = load_lexicon().org_words
    for k, i in seen.items():
        # the form filed under k as written (a known name's too: 'Hume' after 'Hume AI')
        other = k if k.startswith(UNKNOWN_KEY) else UNKNOWN_KEY + normalise(t.doc[i].text)
        short, long = sorted((key, other), key=len)
        # one company word more: 'Baichuan Intelligence' and the known 'Baichuan', 'Volvo Group' and
        # 'Volvo' (not 'Volvo Autonomous Solutions', a unit of it)
        # (and the first word of a name written in full before it: 'Advance' after 'Advance Auto Parts')
        # (and a name written in full after the headline's short form: 'Barratt completes Redrow
        # takeover', then 'Barratt Developments has completed ...')
        if long.startswith(short + " ") and (long[len(short) + 1:] in words or short == key and long == other
                                             or short == other and t.doc[i].sent.start == 0):
            return k
    return key


UNKNOWN_KEY = "?"       # marks the topic keys of names the gazetteer does not know


def _surnames_of_noted(doc: Doc) -> None:
    """'said Pelonomi Moiloa, Lelapa's chief executive', a person the tagger took for a company and a
    title showed to be one: 'Moiloa', later, is the person too."""
    marked = doc.user_data.get(AS_PERSON)
    if not marked or doc.user_data.get(NOTED_PEOPLE) == len(marked):
        return
    doc.user_data[NOTED_PEOPLE] = len(marked)
    new = {words[-1] for i in marked if len(words := doc[i].text.split()) > 1} - doc.user_data[SURNAMES]
    if new:
        doc.user_data[SURNAMES] = doc.user_data[SURNAMES] | new


NOTED_PEOPLE = "industry_graph_noted_people"     # how many names were noted as people when surnames were taken


def _sentences(doc: Doc, lex: Lexicon) -> Iterator[Relation]:
    last = topic = None
    previous: frozenset = frozenset()       # the organisations the sentence before named
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    since: list[Token] = []         # the words since the last sentence read, for note_person
    opening = story_start(doc.text)
    for n, sent in enumerate(doc.sents):
        reuse.end(doc)
        doc.user_data[ANTECEDENT] = (last, topic)
        doc.user_data[PREVIOUS] = previous
        found = _subject_org(sent, lex)
        last = found if found is not None else _subject_owner(sent) or last
        toks = list(sent)           # iterating a Span makes every Token anew: once per sentence
        kinds = [etype(t) for t in toks]
        # ('Developer Tools Weekly · November 8, 2023': the publication's line names no topic)
        # (nor 'Southern Africa Tech Bulletin', a publication's name alone on the first line above the story)
        masthead = n < 3 and not any(t.pos_ in ("VERB", "AUX") for t in toks) \
            and (any(t.ent_type_ == "DATE" or t.text in ("·", "|") for t in toks)
                 or n == 0 and sent.end_char <= opening and "\n" not in sent.text.strip())
        # the article's topic: the organisation it mentions most, where being what a sentence is
        # about (its subject, named or 'the company') and being in the headline or lede count extra
        # (not a public body: 'The Army selected ...' in a story about the company it chose)
        for t, kind in zip(toks, kinds):
            if kind == "ORG" and not masthead and not public_body(t) and not academic(t):
                key = _topic_key(t, first_seen)
                counts[key] = counts.get(key, 0) + 1 + (2 if n < 2 else 0)
                first_seen.setdefault(key, t.i)
        if found is not None and not public_body(doc[found]) and not academic(doc[found]):
            key = _topic_key(doc[found], first_seen)
            counts[key] = counts.get(key, 0) + 2
            first_seen.setdefault(key, found)
        if counts:
            topic = first_seen[max(counts, key=lambda k: (counts[k], -first_seen[k]))]
        previous = frozenset(t.ent_id_ or t.lower_ for t, kind in zip(toks, kinds) if kind == "ORG")
        if not any(kinds):
            since += toks
            continue
        if n:
            note_person(since)
        since = list(toks)
        note_people_by_title(doc, toks, lex)
        _surnames_of_noted(doc)
        note_descriptions(doc, toks, lex)
        note_placed_descriptions(toks, lex)
        reuse.begin(doc)        # this sentence's notes are written: answers hold until its end
        out = _Sentence(sent, lex)
        _fronted_seat(out, sent)
        for tok, kind in zip(toks, kinds):
            # a word the tagger named may be retyped by what the rules note as they read (slots.fits):
            # ask again each time; any other word's type is fixed for the Doc, as read above
            retyped = tok.ent_type in _SPACY_TYPES
            pos, dep = tok.pos_, tok.dep_
            if pos in ("VERB", "AUX") or pos in ("NOUN", "PROPN") and misparsed_verb(tok, lex):
                _verb(out, tok, lex)
                jointly(out, tok, lex)
                made_at(out, tok, lex)
                sold_under(out, tok, lex)
                worked_under_contract(out, tok, lex)
                if tok.lemma_.lower() in lex.compute_verbs:
                    ownership.compute_use(out, tok, lex)
                elif tok.lemma_.lower() in ownership.SHIPPING_VERBS:
                    ownership.shipped(out, tok, lex)
                if tok.lemma_.lower() in ownership.FOR_OWNER_VERBS:
                    ownership.supplied_for(out, tok, lex)
                if tok.lemma_.lower() in ownership.BUYING_VERBS:
                    ownership.bought_unit(out, tok, lex)
                if tok.lemma_.lower() in ownership.TENANCY_TRIGGERS:
                    ownership.tenancy(out, tok, lex)
                if tok.lemma_.lower() in ownership.CHOOSING_VERBS:
                    ownership.chosen_for_compute(out, tok, lex)
                if tok.lemma_.lower() in ownership.REVENUE_VERBS:
                    ownership.revenue_share(out, tok, lex)
                if tok.lemma_.lower() in ownership.POWERING_VERBS:
                    ownership.powers(out, tok, lex)
                elif tok.lemma_ == "be":
                    ownership.site_is_in(out, tok, lex)
            # the tagger sometimes calls a noun something else ('funding round' as an adverb)
            if (pos in ("NOUN", "PROPN") or dep in NOMINAL) and not (etype(tok) if retyped else kind):
                roles.role(out, tok, lex)
                nominal.event(out, tok, lex)
                ownership.launched(out, tok, lex)
                ownership.seat_place(out, tok, lex)
                if is_class_noun(tok, lex):
                    ownership.named_product(out, tok, lex)
                    ownership.site_place(out, tok, lex)
                elif dep == "appos" and tok.lemma_.lower() in lex.words["goods_nouns"]:
                    ownership.named_product(out, tok, lex)      # ('Colgate Total, its best-selling toothpaste')
            elif dep == "amod" and etype(tok.head):
                roles.role(out, tok, lex)       # "Google's rival OpenAI", with 'rival' read as an adjective
            if pos in ("VERB", "ADJ") or tok.tag_ == "VBN":
                nominal.modifier(out, tok, lex)
            if pos == "ADP":
                roles.tenure(out, tok, lex)
            if etype(tok) if retyped else kind:
                ownership.possession(out, tok, lex)
        yield from sorted(out.relations(), key=lambda r: (r.head.start, r.relation, r.tail.start))
        if found is None and (said := _described_subject(sent, lex)) is not None:
            last = said     # 'The Tel Aviv-based company has been buying ... It bought Perimeter 81'


def _described_subject(sent: Span, lex: Lexicon) -> int | None:
    """The organisation a sentence's subject stands for when it is a description ('The Tel Aviv-based
    company has been buying smaller businesses'): what an 'it' in the next sentence means."""
    for s in sent.root.children:
        if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ == "NOUN" and is_anaphor(s, lex):
            found = [a for a in antecedent(s) if etype(a) == "ORG"]
            return found[0].i if found else None
    return None
