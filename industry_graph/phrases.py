"""Noun phrases -> the entities they name or stand for: 'the Grok model' -> Grok, 'Google and
Amazon' -> both, 'which' -> its antecedent, 'investors including A and B' -> A, B, 'its' -> the
clause's subject."""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import Exact, surface_subjects, verb_args
from .coref import antecedent, is_anaphor, known_as, opens_sentence, person_antecedent, the_two
from .lexicon import Lexicon
from .names import COMPANY_SUFFIXES
from .reuse import MAKERS, per_sentence
from .spans import PLACE_WORDS
from .syntax import (
    GIVES_NAME,
    NOUN_MODS,
    ORG_DESCRIPTIONS,
    RELATIVE_PRONOUNS,
    SUBJ,
    conjuncts,
    etype,
    governing_verb,
    is_class_noun,
    sentence,
)


def _path_up(w: Token, top: Token) -> list[Token]:
    """Tokens from w up to (not including) top."""
    out = []
    while w.i != top.i and w.head.i != w.i:
        out.append(w)
        w = w.head
    return out


def _clause_opened(t: Token) -> Token | None:
    """The relative clause a relative pronoun opens, also the second of two joined ones ('Crunchy
    Data, which Laurence started and which still has its office in Charleston')."""
    rel = t.head
    while rel.dep_ == "conj" and rel.head.pos_ in ("VERB", "AUX"):
        rel = rel.head
    if rel.dep_ == "xcomp" and rel.head.dep_ == "relcl" and t.dep_ == "dobj" and rel.i > rel.head.i:
        rel = rel.head      # ('Capella Space, which IonQ agreed to buy': the object of the verb it governs)
    return rel if rel.dep_ == "relcl" else None


# what buys a company together, led by named firms: 'to a group led by Clearlake Capital'
BUYER_GROUPS = frozenset({"group", "consortium", "syndicate"})


@per_sentence
def np_entities(tok: Token, lex: Lexicon, _depth: int = 0) -> list[Token]:
    """Entities a noun phrase names: 'the Grok model' -> Grok; 'Google and Amazon' -> both;
    'which' -> its antecedent. 'former OpenAI executives' names no entity (role nouns block)."""
    if _depth > 6:
        return []
    out: list[Token] = []
    for t in conjuncts(tok):
        if etype(t):
            out.append(t)
            # 'in Dallas, Texas': the place the place is in is named as well
            # ('in Palo Alto, California, and Tel Aviv': a list hung on the state)
            # ('in West Palm Beach, Florida', the state read as an adverb of the town)
            out += [x for c in t.children if etype(t) == etype(c) == "PLACE" and (
                        c.dep_ == "appos" or c.dep_ == "npadvmod" and c.i == t.i + 2 and t.doc[t.i + 1].text == ",")
                    for x in conjuncts(c) if etype(x) == "PLACE"]
            out += _listed_after_person(t, lex)
            # 'BlackRock, its arm Global Infrastructure Partners, Microsoft and MGX', the rest of the
            # list hung on the arm's name
            out += [x for c in t.children if c.dep_ == "appos" and any(
                        p.dep_ == "poss" and listed_before(p) is not None for p in c.children)
                    for n in c.children if n.dep_ == "appos" and etype(n) == "ORG" for x in conjuncts(n)]
        elif t.lower_ in ("both", "all", "each") and t.head.dep_ == "relcl" and t.dep_ in ("nsubj", "nsubjpass", "dobj") \
                and any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in ("which", "whom") for p in c.children)
                        for c in t.children):
            out += np_entities(t.head.head, lex, _depth + 1)    # 'SoftBank and Temasek, both of which keep stakes'
        elif t.lower_ in RELATIVE_PRONOUNS and (rel := _clause_opened(t)) is not None:
            # 'the US arm of delivery giant DHL, which itself is ...': a name right before 'which' is
            # what it stands for, not what that name is said to be
            named = rel.head
            before = t.doc[t.i - 2] if t.i > 1 and t.doc[t.i - 1].text == "," else None
            if t.lower_ == "which" and before is not None and not etype(named) and etype(before) == "ORG" \
                    and named.left_edge.i <= before.i:
                named = before      # 'the largest customer of CoreWeave, which competes with ...'
            found = (np_entities(named, lex, _depth + 1) if etype(named) and t.lower_ in ("which", "that")
                     else referents(named, lex, _depth + 1))
            if t.lower_ == "who" and named.dep_ == "conj" and before is not None and before.i == named.i \
                    and etype(named) == "PERSON" and _plural(rel):
                first = named
                while first.dep_ == "conj" and first.head.i < first.i:
                    first = first.head
                # 'Robert Gentz and David Schneider, who founded Zalando ... and run it as co-chief
                # executives': a clause about several, after the last of a list, is about the list
                found = [e for e in conjuncts(first) if etype(e) == "PERSON"] or found
            if before is not None and before.i == named.i and named.dep_ != "conj" and len(found) > 1:
                # 'rivals are Vertiv, which bought CoolTera, and Schneider Electric': a clause set off
                # right after the first of a list is about that one, not the names after it
                found = [e for e in found if e.i < t.i] or found
            # ('Ray Villanueva, a former fleet manager for a utility company, who still runs it': the
            # clause hung on the last noun, which names nobody)
            if t.lower_ in ("who", "whom") and not any(etype(e) == "PERSON" for e in found):
                found = _person_above(rel.head, lex, _depth) or found
            if t.lower_ == "which" and found and all(etype(e) == "PLACE" for e in found) \
                    and rel.lemma_.lower() in ("operate", "run", "own", "manage", "build", "develop"):
                # 'the Stargate data centre in Abilene, Texas, which Oracle operates for OpenAI': a
                # place is not run; the site the place is given for is
                found = _named_above(named, "FACILITY", ("pobj", "prep", "appos", "compound", "conj")) or found
            if t.lower_ == "which" and found and all(etype(e) == "PERSON" for e in found):
                # 'Founders Fund, the venture firm of the investor Peter Thiel, which also led ...':
                # 'which' is no person; the organisation whose phrase the person ends
                found = _named_above(named, "ORG", ("appos", "pobj", "prep")) or found
            if not found and named.dep_ == "pobj" and named.head.dep_ == "prep" and named.head.lower_ == "of":
                # 'the maker of AI processors that had struggled to compete': a clause the parser hung
                # on the unnamed 'of' noun is about the named noun above it
                found = referents(named.head.head, lex, _depth + 1)
            if not found and named.dep_ == "pobj" and named.head.lower_ == "among" and named.head.head.lemma_ == "be":
                # 'Accel was among the venture firms that took part': the names the firms are counted from
                found = [e for s in named.head.head.children if s.dep_ in SUBJ
                         for e in np_entities(s, lex, _depth + 1)]
            if len(found) > 1 and (_singular(rel) or t.lower_ == "who" and not _plural(rel)
                                   and all(etype(e) == "PERSON" for e in found)):
                # 'A, B and C, who is also a co-founder of Databricks': the name right before it
                found = [e for e in found if e.i < t.i][-1:] or found
            out += found
        elif t.lemma_.lower() in BUYER_GROUPS and t.dep_ == "pobj" and t.head.lower_ == "to":
            # 'sold it to a group led by Clearlake Capital and Francisco Partners': the group's leaders
            out += [e for a in t.children if a.dep_ == "acl" and a.lemma_.lower() == "lead" for b in a.children
                    if b.dep_ == "agent" for p in b.children if p.dep_ == "pobj" for e in np_entities(p, lex, _depth + 1)]
        elif t.lower_ in ("which", "whom") and t.dep_ == "pobj" and t.head.head.dep_ == "relcl":
            out += referents(t.head.head.head, lex, _depth + 1)     # 'the company in which SoftBank owns a stake'
        elif t.lower_ == "whose":       # 'Mistral AI, whose investors include Nvidia'
            clause = t.head
            while clause.dep_ != "relcl" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ == "relcl":
                out += referents(clause.head, lex, _depth + 1)
        elif t.lower_ in ("it", "they") and t.dep_ in SUBJ and t.head.dep_ in ("ccomp", "xcomp", "advcl", "conj") \
                and (above := [e for s in surface_subjects(_clause_above(t)) if s.i < t.i
                               for e in np_entities(s, lex, _depth + 1)
                               or [p for p in s.children if p.dep_ == "poss" and p.lower_ in ("its", "their")]]):
            # 'Nvidia denied that it had invested': 'it' is the subject of the clause above, or what the
            # 'its' of that subject stands for ('Its closest rival is StackBlitz, and it also competes
            # with Replit'); not 'Most of ... comes from ..., and it also sells to Nvidia', which names none
            out += [a for e in above for a in (antecedent(e) if e.lower_ in ("its", "their") else [e])]
        elif is_anaphor(t, lex):
            # 'made by the start-up Anysphere', the name read as a word of its own: the name right after
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            # (not 'the start-up Nvidia backed', a clause whose subject the name is)
            named = nxt is not None and etype(nxt) == "ORG" and nxt.dep_ not in SUBJ
            out += [nxt] if named else antecedent(t)
        elif t.lower_ in ("he", "she") and t.dep_ in SUBJ:
            out += person_antecedent(t)
        elif t.lemma_.lower() in lex.anaphora and any(c.lower_ in ("two", "both") for c in t.children):
            out += the_two(t)
        elif t.lower_ in COUNTED and t.dep_ == "pobj" and any(c.lower_ in ("all", "the") for c in t.children) \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            # 'OpenAI, Anthropic and Google DeepMind ... it works with all three': the names of the list
            # (not the subject of the verb the phrase hangs on: 'Irregular works with all three')
            n = COUNTED[t.lower_]
            for count in (n + 1, n):
                listed = [e for e in the_two(t, count) if not (e.dep_ in SUBJ and e.head.i == t.head.head.i)][-n:]
                if len(listed) == n and all(e in conjuncts(listed[0]) for e in listed):
                    out += listed
                    break
        elif t.lemma_.lower() in COLLECTIVE_NOUNS and (members := _members(t)):
            # 'raised $320 million from a group of new investors that includes A and B'
            out += [e for m in members for e in np_entities(m, lex, _depth + 1)]
        elif t.ent_type_ == "PERCENT" or t.lower_.split()[-1] in lex.quantity_nouns \
                or t.lemma_.lower() in lex.quantity_nouns:    # "90 percent of Arm", 'the rest of Windsurf'
            out += [e for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                    for p in c.children if p.dep_ == "pobj" for e in np_entities(p, lex, _depth + 1)]
            if t.dep_ == "dobj":    # 'owns a stake in which ...', 'holds 49% in Scale AI': 'in' hung on the verb
                out += [e for c in t.head.children if c.dep_ == "prep" and c.lower_ == "in"
                        for p in c.children if p.dep_ == "pobj" for e in np_entities(p, lex, _depth + 1)]
        elif t.lemma_.lower() in PLACE_NOUNS:     # 'based in the eastern city of Hangzhou'
            out += [e for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"
                    for e in np_entities(p, lex, _depth + 1) if etype(e) == "PLACE"]
        elif t.lemma_.lower() in MAKER_NOUNS and _maker_of(t):
            out += _maker_of(t)         # 'the ChatGPT maker', 'the Claude developer': who makes it
        elif is_class_noun(t, lex):     # 'the Grok model', 'its Instinct graphics processors'
            # ('two data centres of its own, Gak Chuncheon and Gak Sejong': each of a list)
            out += [x for c in t.children if c.dep_ == "appos" and etype(c) for x in conjuncts(c) if etype(x)]
            # 'a consumer chatbot called Le Chat'; 'its models, a text model called MAI-1'
            out += called(t, lex) + [e for c in t.children if c.dep_ == "appos" and not etype(c)
                                     and is_class_noun(c, lex) for x in conjuncts(c) for e in called(x, lex)]
            # 'a network of AI supercomputers called Condor Galaxy'
            out += [e for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                    if p.dep_ == "pobj" and not etype(p) and is_class_noun(p, lex) for e in called(p, lex)]
            # not through a participle: in 'an Nvidia-backed cloud provider' Nvidia is the backer
            out += [w for w in t.subtree if w.i < t.i and w.dep_ in NOUN_MODS and etype(w)
                    and all(a.dep_ in NOUN_MODS and (a.i == w.i or a.pos_ != "VERB") for a in _path_up(w, t))]
        else:     # 'former OpenAI employees Dario Amodei and Daniela Amodei'
            named = [e for c in t.children if c.dep_ == "appos" and etype(c) for e in conjuncts(c) if etype(e)]
            # ('the telecoms operator Orange and the consulting group Capgemini': the second name in
            # apposition to a description listed after the first name)
            named += [a for c in t.children if c.dep_ == "appos" and etype(c) for e in conjuncts(c)
                      if not etype(e) and e.pos_ == "NOUN" for a in e.children if a.dep_ == "appos" and etype(a)]
            out += named + [x for e in named for x in _listed_after_person(e, lex)]
            if t.lemma_.lower() in UNIT_NOUNS and (parent := _parent_before_unit(t)) is not None \
                    and (unit := known_as(t, f"{parent.lower_} {t.lemma_.lower()}")) is not None:
                out.append(unit)    # 'The Alphabet unit runs ...': Google, which news calls so, not Alphabet
            elif t.lemma_.lower() in UNIT_NOUNS:     # 'its Google DeepMind research unit'
                out += [c for c in t.children if c.dep_ == "compound" and etype(c) == "ORG"]
            # 'Claude Opus 4.5', where the tagger took the version for a date: the product named first
            out += [c for c in t.children if c.dep_ == "compound" and etype(c) == "PRODUCT"]
            if t.lower_.replace(".", "").rstrip(",") in COMPANY_SUFFIXES:     # 'Airbus S.A.S.' split in two
                out += [c for c in t.children if c.dep_ == "compound" and etype(c) == "ORG"]
        if not etype(t):
            out += examples(t, lex, _depth)
    return list(dict.fromkeys(out))


def listed_before(pron: Token) -> Token | None:
    """The organisation right before 'its' in a list, when the parser hung the 'its' phrase on it as
    an apposition although the phrase names another member: 'BlackRock, its arm Global
    Infrastructure Partners, Microsoft and MGX' (not 'Alibaba Cloud, its cloud arm', which
    describes the name before it)."""
    noun, first = pron.head, pron.head.head
    if noun.dep_ != "appos" or etype(first) != "ORG" or first.i > pron.i or first.i != pron.i - 2:
        return None
    named = [c for c in noun.children if c.dep_ in ("appos", "compound") and etype(c) == "ORG" and c.i > noun.i]
    listed = any(c.dep_ == "conj" and c.i > noun.i for w in (first, *named) for c in w.children)
    return first if named and listed else None


def _parent_before_unit(t: Token) -> Token | None:
    """'the Alphabet unit', 'the Amazon subsidiary': an organisation named as the owner of an unnamed
    unit, the phrase opened by 'the' (not 'its Google DeepMind research unit', which names the unit)."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) \
            or any(c.dep_ in ("poss", "appos") for c in t.children):
        return None
    orgs = [c for c in t.children if c.dep_ == "compound" and etype(c) == "ORG"]
    return orgs[0] if len(orgs) == 1 and orgs[0].i == t.i - 1 else None


def _listed_after_person(t: Token, lex: Lexicon) -> list[Token]:
    """'includes the investor Eric Schmidt, the trading firm Jane Street and Sequoia Capital', the list
    read as appositions to the person: a company's description describes no person."""
    if etype(t) != "PERSON":
        return []
    return [x for c in t.children if c.dep_ == "appos" and not etype(c)
            and c.lemma_.lower() in ORG_DESCRIPTIONS | lex.anaphora
            for a in c.children if a.dep_ == "appos" and etype(a) == "ORG" for x in conjuncts(a) if etype(x)]


def _clause_above(t: Token) -> Token:
    """The verb above the clause of 't', or the verb that one is coordinated with when it has no
    subject of its own ('the company struck a deal ... and said it would ...')."""
    up = t.head.head
    if up.dep_ == "relcl" and t.head.dep_ == "conj" and (v := governing_verb(up.head)) is not None:
        # 'SoundHound bought SYNQ3, which handles phone orders, and in June it bought Allset': a
        # clause with a subject of its own, hung on the relative clause, is joined to the main one
        up = v
    while up.dep_ == "conj" and up.head.i != up.i and not any(c.dep_ in SUBJ for c in up.children):
        up = up.head
    return up


def _singular(v: Token) -> bool:
    """A clause whose verb agrees with one subject: 'who is', 'which was', 'that has'."""
    verbs = [v] + [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    return any(w.tag_ == "VBZ" or w.lower_ == "was" for w in verbs)


def _plural(v: Token) -> bool:
    """A clause that says it is about several: 'who were', 'who have', 'who both worked', 'who began
    ... while they were engineers at Netflix'."""
    # (or a verb joined to it: 'who founded Zalando in 2008 and run it as co-chief executives')
    verbs = [v] + [c for c in v.children if c.dep_ in ("aux", "auxpass") or c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    # ('... and run it', a present verb with no ending; 'as co-chief executives', a plural role)
    return any(w.tag_ == "VBP" or w.lower_ in ("were", "are", "have") or w.tag_ == "VB" and w is not v
               and not any(c.dep_ in ("aux", "auxpass") for c in w.children) for w in verbs) \
        or any(w.tag_ == "NNS" and w.dep_ == "pobj" and w.head.lower_ == "as" for w in v.subtree) or any(
        w.lower_ in ("together", "jointly", "both", "all", "each", "they", "their", "them") for w in v.subtree)


def _named_above(tok: Token, kind: str, through: tuple) -> list[Token]:
    """The nearest name of `kind` up the phrase `tok` ends (through the given links), itself or a
    name compounded with a noun on the way: what 'which' after a place or a person stands for."""
    x = tok
    while x.dep_ in through and x.head.i != x.i:
        x = x.head
        if etype(x) == kind:
            return [x]
        if kind == "FACILITY" and (site := [c for c in x.children if c.dep_ in ("compound", "nmod") and etype(c) == kind]):
            return site[:1]
    return []


def _person_above(noun: Token, lex: Lexicon, _depth: int) -> list[Token]:
    """'Renée James, a former president of Intel, who remains ...': 'who' is a person, so a clause
    the parser hung on the company is about the person the phrase above it describes."""
    while noun.dep_ in ("pobj", "prep", "appos", "conj") and noun.head.i != noun.i:
        noun = noun.head
        people = [e for e in referents(noun, lex, _depth + 1) if etype(e) == "PERSON"]
        if people:
            return people
    return []


UNIT_NOUNS = frozenset({"unit", "division", "arm", "subsidiary", "team", "lab", "laboratory", "business"})
KNOWN_MAKERS = "industry_graph_known_makers"     # set by nlp.GazetteerLinker from the gazetteer
MAKER_NOUNS = frozenset({"maker", "developer", "creator", "owner", "company", "startup", "firm", "lab"})
# nouns for a place that name it after 'of': 'the city of Hangzhou', 'the state of Texas'
PLACE_NOUNS = PLACE_WORDS | {"town", "village", "capital", "emirate", "kingdom"}
COUNTED = {"three": 3, "four": 4, "five": 5}       # 'all three', 'the four' standing for a list of names


def _maker_of(noun: Token) -> list[Token]:
    """The organisation this article (or, failing that, the gazetteer) says makes the product
    named before the noun or after its 'of': 'the ChatGPT maker', 'the maker of the Claude chatbot'."""
    products = [c for c in noun.children if c.dep_ in ("compound", "nmod") and etype(c) == "PRODUCT"]
    products += [w for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj" for w in (p, *p.children)
                 if etype(w) == "PRODUCT" and (w == p or w.dep_ == "compound")]
    if not products or not any(c.lower_ == "the" for c in noun.children):
        return []
    maker = product_maker(products[0], noun.i)
    return [maker] if maker is not None else []


def product_maker(product: Token, before: int) -> Token | None:
    """The organisation the article, before token `before`, says makes the product; failing that the
    gazetteer's maker, when the article has named it before ('Anthropic said ... the Claude developer')."""
    makers = product.doc.user_data.get(MAKERS, {})
    key = product.ent_id_ or product.lower_
    if key in makers and makers[key] < before:
        return product.doc[makers[key]]
    known = product.doc.user_data.get(KNOWN_MAKERS, {}).get(product.ent_id_)
    if not known:
        return None
    return next((t for t in reversed(product.doc[:before]) if t.ent_id_ == known), None)


COLLECTIVE_NOUNS = frozenset({"group", "consortium", "syndicate", "coalition", "club"})


def _members(t: Token) -> list[Token]:
    """The plural noun after 'a group of': what the group stands for."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
        return []
    return [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj" and p.tag_ in ("NNS", "NNPS") and not etype(p)]


BACKER_NOUNS = frozenset({"investor", "backer", "shareholder", "syndicate", "consortium"})
EXAMPLE_PREPS = frozenset({"including", "like", "such as", "among them", "notably"})


def examples(noun: Token, lex: Lexicon, _depth: int = 0) -> list[Token]:
    """'investors including A, B and C', 'rivals such as X', 'a syndicate that includes X and Y'."""
    out = []
    for c in noun.children:
        key = c.lower_
        if c.dep_ == "prep" and key == "as" and any(g.lower_ == "such" for g in c.children):
            key = "such as"
        if c.dep_ == "prep" and key in EXAMPLE_PREPS:
            out += [e for p in c.children if p.dep_ == "pobj" for e in np_entities(p, lex, _depth + 1)]
        if c.dep_ == "relcl" and c.lemma_ in ("include", "comprise") and all(
                s.lower_ in ("which", "that") for s in c.children if s.dep_ in ("nsubj", "nsubjpass")):
            # (not 'its tobacco subsidiary, whose brands include Pyramid and Montego': what the clause's
            # own subject includes)
            out += [e for o in c.children if o.dep_ == "dobj" for e in np_entities(o, lex, _depth + 1)]
        if c.dep_ == "acl" and c.lemma_ in ("lead", "co-lead", "head") and noun.lemma_.lower() in BACKER_NOUNS:
            # 'raised $400 million from investors led by Jeff Bezos and Thrive Capital'
            out += [e for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                    for e in np_entities(p, lex, _depth + 1)]
    return out + _among_them(noun)


def _among_them(noun: Token) -> list[Token]:
    """'runs its own computing clusters, among them MN-3, a supercomputer ..., and MN-2': the names
    after ', among them' (read by position, which the parser gets wrong), the first one and those of its
    type opened by 'and' or a comma later in the sentence."""
    doc, k = noun.doc, noun.right_edge.i + 1
    if noun.tag_ not in ("NNS", "NNPS") or k + 3 >= len(doc) or doc[k].text != "," \
            or doc[k + 1].lower_ != "among" or doc[k + 2].lower_ not in ("them", "those"):
        return []
    k += 3
    if doc[k].lower_ in ("its", "their", "the"):
        k += 1
    kind = etype(doc[k])
    if not kind:
        return []
    out = [doc[k]]
    end = sentence(noun).end
    # ('among them Axel Springer, Le Monde and Schibsted': a name right after another's comma only in a
    # list an 'and' closes)
    closed = any(t.lower_ == "and" and t.i + 1 < end and doc[t.i + 1].text[:1].isupper() for t in doc[k + 1:end])
    for t in doc[k + 1:end]:
        if etype(t) == kind and doc[t.i - 1].lower_ in ("and", ",", "its", "their", "the") \
                and (doc[t.i - 1].text != "," or etype(doc[t.i - 2]) != kind or closed):
            out.append(t)
    return out


# money a firm manages for others, and the verbs for managing it: 'funds managed by TPG'
MANAGED_MONEY = frozenset({"fund", "vehicle", "affiliate", "entity"})
MANAGING_VERBS = frozenset({"manage", "advise", "run", "control", "sponsor"})


@per_sentence
def referents(tok: Token, lex: Lexicon, _depth: int = 0) -> list[Token]:
    """What a noun phrase is said to be: 'Elon Musk, SpaceX's founder' -> founder refers to
    Elon Musk; 'Sam Altman is OpenAI's CEO' -> CEO refers to Sam Altman."""
    out = np_entities(tok, lex, _depth + 1)
    if _depth > 6:
        return out
    if not out and tok.lemma_.lower() in MANAGED_MONEY:
        # 'now owned by funds managed by TPG': the firm that manages the money
        out = [p for a in tok.children if a.dep_ == "acl" and a.lemma_.lower() in MANAGING_VERBS
               for b in a.children if b.dep_ == "agent" for p in b.children if p.dep_ == "pobj" and etype(p) == "ORG"]
    if tok.dep_ == "appos":
        # 'a major U.S. airline, the largest low-cost carrier': what the head refers to, as far up as it goes
        heads = referents(tok.head, lex, _depth + 1)
        left = tok.left_edge
        if not heads and tok.head.i < left.i - 2 and tok.doc[left.i - 1].text == "," \
                and etype(tok.doc[left.i - 2]) and tok.doc[left.i - 2].head.i != tok.i:
            # 'centres on Trainium, the training chip designed by ...', the apposition hung on a word
            # the parser misread: it describes the name right before its comma
            heads = [tok.doc[left.i - 2]]
        if tok.tag_ in ("NN", "NNP") and len(heads) > 1:
            # 'Nvidia, Salesforce Ventures and AMD Ventures, the venture arm of AMD': a singular
            # apposition describes the list item right before it
            # (the nearest: '"..., the United States, ...," Gilberto Tomazoni, JBS's chief executive,
            # said', the name hung on a place that the climb up the appositions also finds; but not a
            # second name for the one before: 'Andrzej Wróblewski (pronunciation: Vrooblevski) – ... dean')
            before = sorted((h for h in heads if h.i < tok.i), key=lambda h: h.i)
            while len(before) > 1 and before[-1].dep_ == "appos" and before[-1].head.i == before[-2].i \
                    and etype(before[-1]) == etype(before[-2]):
                before.pop()
            heads = before[-1:] or heads[:1]
        if heads and all(etype(h) == "PERSON" for h in heads) and tok.lemma_.lower() in ORG_DESCRIPTIONS \
                and left.i >= 2 and tok.doc[left.i - 1].text == "," and etype(tok.doc[left.i - 2]) == "ORG":
            # 'Musk ... feuding with OpenAI, the lab he co-founded', the lab hung on the person: a
            # company's description describes the company written right before it
            heads = [tok.doc[left.i - 2]]
        if heads:
            # 'Crunchy Bridge, a fully managed Postgres service': the noun is the name's; a name on it
            # says what it is built on or for, not what it refers to
            out = [e for e in out if not (e.head.i == tok.i and e.dep_ in ("compound", "nmod") and e.i < tok.i)]
        out += heads
    if tok.dep_ in ("attr", "oprd", "acomp") and tok.head.pos_ in ("VERB", "AUX"):
        for s in surface_subjects(tok.head):
            out += np_entities(s, lex, _depth + 1)
        left = tok.left_edge.i
        if tok.dep_ == "attr" and left > 1 and tok.doc[left - 1].text == ",":
            # 'Among its customers is GEICO, the Berkshire Hathaway-owned insurer, which ...': a second
            # complement set off after a name describes that name
            out += [c for c in tok.head.children if c.dep_ == "attr" and c.i == left - 2 and etype(c)]
    if tok.dep_ in ("compound", "nmod") and etype(tok.head):
        # a plural title covers the list: 'MIT professors Harold Abelson and Gerald Sussman', but
        # not 'OpenAI CEO Sam Altman and Elon Musk', nor 'and co-founder Larry Ellison'
        plural = tok.tag_ in ("NNS", "NNPS")
        out += [c for c in conjuncts(tok.head) if etype(c) and (c.i == tok.head.i or plural and not any(
            d.dep_ == "compound" and not etype(d) for d in c.children))]

    head = tok.head
    if tok.dep_ == "conj" and etype(head) == "ORG" and not etype(tok) and tok.pos_ == "NOUN" \
            and tok.doc[head.i + 1].text == "," and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
            and not any(c.dep_ == "cc" and head.i < c.i < tok.i for c in head.children):
        out.append(head)   # 'Databricks, the San Francisco-based data and AI company', read as a list
    if tok.dep_ == "conj" and tok.head.dep_ in ("appos", "attr") and not etype(tok) and not etype(tok.head):
        # 'Jordan Jacobs, managing partner at Radical and one of Cohere's backers': a list of
        # appositions; 'X is a coffee roaster and retailer headquartered in Oakland': of complements
        out += referents(tok.head, lex, _depth + 1)
    if tok.dep_ in ("nsubj", "nsubjpass") and not etype(tok):
        # 'xAI, the company Elon Musk founded, built ...' read as two subjects: the name before the comma
        # ('Anysphere, the company behind Cursor, raised ...', with the name left outside the clause)
        out += [s for s in tok.head.children if (s.dep_ == tok.dep_ or opens_sentence(s)) and s.i < tok.i
                and etype(s) and tok.doc[s.i + 1].text == ","]
        # 'A subsidiary of CABAL Media, AtelierCABAL is ...': the name after the comma
        out += [s for s in tok.head.children if s.dep_ == tok.dep_ and s.i > tok.i and etype(s)
                and tok.doc[s.i - 1].text == "," and tok.left_edge.i == sentence(tok).start]
    left = tok.left_edge.i
    if not any(etype(e) == "ORG" for e in out) and not etype(tok) and tok.lemma_.lower() in lex.anaphora and left >= 2 \
            and tok.doc[left - 1].text == "," and tok.doc[left].pos_ == "DET" \
            and etype(name := tok.doc[left - 2]) == "ORG" and (
                name.head.i == tok.head.i and name.dep_ in ("advmod", "npadvmod", "dobj", "dep")
                or name.dep_ == "pobj" and tok.dep_ in ("dobj", "npadvmod")
                and next((a for a in name.ancestors if a.pos_ in ("VERB", "AUX")), None) == tok.head):
        # 'counts Anysphere, the start-up behind the Cursor code editor, as ...', the name read as an
        # adverb beside the noun, or 'competes with Abridge, the Pittsburgh start-up that ...', the
        # noun as the verb's object: the description is the name's
        out.append(name)
    if not out and tok.tag_ == "NNS" and is_class_noun(tok, lex):
        out += _listed_after_colon(tok)
    if tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.tag_ == "NNS" and tok.head.head.pos_ == "VERB":
        # 'citing OpenAI, xAI and AMD among the companies that have signed agreements with OCI'
        out += [e for o in verb_args(tok.head.head)["obj"] for e in np_entities(o, lex, _depth + 1)]
    out += called(tok, lex)
    return list(dict.fromkeys(out))


def _listed_after_colon(tok: Token) -> list[Token]:
    """'runs three supercomputers for G42: Condor Galaxy 1, Condor Galaxy 2 and Condor Galaxy 3':
    the names a colon closing the noun's phrase lists (the parser starts a sentence of its own there)."""
    doc, end = tok.doc, tok.right_edge.i + 1
    # (a count announces the list: not 'a showcase for its image models: Grok, the chatbot ...')
    if not any(c.dep_ == "nummod" or c.lower_ in ("several", "these", "following") for c in tok.children):
        return []
    if end + 1 >= len(doc) or doc[end].text != ":" or not etype(first := doc[end + 1]):
        return []
    listed = [first]
    for w in doc[end + 2:]:
        if w.text in (",", "and") or w.dep_ == "cc":
            continue
        if not etype(w) or etype(w) != etype(first) or w.head.i not in [x.i for x in listed]:
            break
        listed.append(w)
    return listed


def called(tok: Token, lex: Lexicon) -> list[Token]:
    """'a division called Microsoft AI', 'the Abilene campus, known as Stargate I' -> the name."""
    out = []
    for acl in tok.children:
        if acl.dep_ == "relcl" and acl.lemma_ in GIVES_NAME \
                and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in acl.children):
            # 'a chip it calls Rubin' (not 'which was called TrialSpark', an old name)
            out += [e for c in acl.children if c.dep_ == "oprd" for e in np_entities(c, lex)]
        if acl.dep_ == "acl" and acl.lemma_ in ("call", "name", "dub", "know", "brand"):
            out += [e for c in acl.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj")
                    for e in np_entities(c, lex)]
            out += [e for c in acl.children if c.dep_ == "prep" and c.lower_ == "as"
                    for p in c.children if p.dep_ == "pobj" for e in np_entities(p, lex)]
    return out


def entities_of(tokens, lex: Lexicon) -> list[Token]:
    """Entities the given argument tokens refer to, in order, without repeats."""
    out = []
    for t in tokens:
        if isinstance(t, Exact):
            out += [t.tok] if etype(t.tok) else referents(t.tok, lex)
        else:
            out += referents(t, lex)
    return list(dict.fromkeys(out))
