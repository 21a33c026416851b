"""Relations a verb states beyond what its trigger table says: organisations acting together
('jointly develop', 'Samsung and Tesla teamed up'), work done at a place ('designed at MIT by X'),
a place named inside an unnamed one ('built in a building in Santa Clara'), and a brand a company
sells under ('makes its inks under the SunVisto name'). Called by extract.py for every verb."""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import role_tokens, verb_args
from .lexicon import Lexicon, Rule
from .nominal import MERGING_VERBS
from .phrases import entities_of
from .syntax import PART_DESCRIPTIONS, etype, rules_for


def places_inside(toks: list[Token]) -> list[Token]:
    """'built in a former industrial building in the Whitehaven area': the place named inside an
    unnamed one (two steps down at most, through 'in' or 'of' and words before the noun)."""
    out, todo = [], [(t, 0) for t in toks if type(t) is Token and not etype(t)]
    while todo:
        t, depth = todo.pop()
        for c in t.children:
            if c.dep_ in ("compound", "nmod") and etype(c) == "PLACE":
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("in", "of") and depth < 2:
                for p in c.children:
                    if p.dep_ == "pobj":
                        if etype(p) == "PLACE":
                            out.append(p)
                        elif not etype(p):
                            todo.append((p, depth + 1))
    return sorted(out, key=lambda t: t.i)


_JOINT = Rule("jointly", "verbs", "partners_with", frozenset({"ORG"}), frozenset({"ORG"}), 0.75)


AMOUNTS = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})
# (a wider list than coref.ROUND_VERBS, which names the verbs whose object round is the raiser's)
BACKING_VERBS = frozenset({"lead", "co-lead", "colead", "back", "fund", "finance", "invest", "participate", "join"})


def jointly(out, v: Token, lex: Lexicon) -> None:
    """'the two companies said they would jointly develop products': what several organisations do
    together makes them partners; 'Samsung and Tesla teamed up on chips', a verb of partnership or
    rivalry with no one named after it, pairs the organisations before it."""
    rule = _JOINT
    if v.lemma_.lower() in BACKING_VERBS:
        return      # 'Bezos Expeditions and Prysm Capital, which jointly led the round': co-investors, not partners
    if v.lemma_.lower() in MERGING_VERBS | {"bring"}:
        return      # 'have agreed to merge, ... bringing together 12,000 farmers': a merger, not a partnership
    if any(o.ent_type_ in AMOUNTS or o.like_num or o.lower_ in lex.words["count_nouns"] for o in verb_args(v)["obj"]):
        return      # 'AWS, Microsoft and Google have together announced tens of billions': a sum, not a deal
    if not any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together", "collaboratively") for c in v.children):
        args = verb_args(v)
        # (only verbs that are mutual by meaning: not 'Microsoft and Amazon are building sites', nor
        # 'Google and Meta work on ...', nor 'Astellas and Daiichi Sankyo signed up as customers')
        rule = next((r for r in rules_for(lex.verbs, v, lex) if r.id in ("verb-partner", "verb-compete")
                     and v.lemma_.lower() not in ("work", "sign") and not role_tokens(args, r.tail)), None)
        if rule is None:
            return
    group = [e for e in entities_of(verb_args(v)["subj"], lex) if etype(e) == "ORG"]
    for i, a in enumerate(group):
        out.add(rule, [a], group[i + 1:], v)


_MADE_AT = Rule("made-at-by", "verbs", "works_for", frozenset({"PERSON"}), frozenset({"ORG"}), 0.65)


def made_at(out, v: Token, lex: Lexicon) -> None:
    """'a language designed at MIT by Barbara Liskov', 'developed by Carl Hewitt at MIT': the people
    a passive verb names as its doers did the work at the organisation its 'at' names."""
    if v.lemma_.lower() not in lex.work_verbs:     # not 'unveiled at the White House by ...'
        return
    at = [p for c in v.children if c.dep_ == "prep" and c.lower_ == "at" for p in c.children if p.dep_ == "pobj"]
    if not at:
        return
    doers = verb_args(v)["subj"] if any(c.dep_ == "agent" for c in v.children) else []
    # ('designed at MIT by ...', with the 'by' hung on the organisation)
    doers += [p for a in at for c in a.children if c.dep_ == "prep" and c.lower_ == "by"
              for p in c.children if p.dep_ == "pobj"]
    people = [e for e in entities_of(doers, lex) if etype(e) == "PERSON"]
    out.add(_MADE_AT, people, [e for e in entities_of(at, lex) if etype(e) == "ORG"], v)


_SOLD_UNDER = Rule("sold-under-brand", "verbs", "develops", frozenset({"ORG"}), frozenset({"PRODUCT"}), 0.7)


def sold_under(out, v: Token, lex: Lexicon) -> None:
    """'Sun Chemical makes its inks under the SunVisto name', 'sells them under the Crayola brand': the
    name goods are made or sold under is the maker's product (spans.py types it so); the verbs of making
    or selling and the nouns for a brand are the lexicon's branding_verbs and brand_nouns."""
    if v.lemma_.lower() not in lex.words["branding_verbs"]:
        return
    # (on the verb, its object, or its object misread as a clause: 'makes its packaging inks under ...')
    holders = [v, *(o for o in v.children if o.dep_ in ("dobj", "ccomp"))]
    brands = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "under"
              for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in lex.words["brand_nouns"]]
    names = [n for b in brands for n in b.children if n.dep_ in ("compound", "nmod") and etype(n) == "PRODUCT"]
    if names:
        makers = [e for e in entities_of(verb_args(v)["subj"], lex) if etype(e) == "ORG"]
        out.add(_SOLD_UNDER, makers, names, v)


_UNDER_CONTRACT = Rule("under-contract", "verbs", "partners_with", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)
# where a clause done under a contract names the other party: 'for Meta', 'with OpenAI', 'through Fidelidade'
OTHER_PARTY_PREPS = frozenset({"for", "with", "through"})


def worked_under_contract(out, v: Token, lex: Lexicon) -> None:
    """'Turner is building Meta's El Paso data centre under a contract valued at $1.5 billion', 'sells
    its programmes through Fidelidade under a distribution agreement': a company doing a thing under a
    contract (the lexicon's contract nouns, or a deal) partners with the company the clause names as
    the owner of what it works on or after 'for', 'with' or 'through'."""
    contracts = lex.words["contract_nouns"] | {"deal"}
    if not any(c.dep_ == "prep" and c.lower_ == "under" and any(
            p.dep_ == "pobj" and p.lemma_.lower() in contracts for p in c.children) for c in v.children):
        return
    subjects = [e for e in entities_of(verb_args(v)["subj"], lex) if etype(e) == "ORG"]
    if not subjects:
        return
    # (not the owner of a unit the clause names: 'supply Amazon's cloud unit')
    others = [p for o in v.children if o.dep_ == "dobj" and o.lemma_.lower() not in PART_DESCRIPTIONS
              for p in o.children if p.dep_ == "poss" and etype(p) == "ORG"]
    others += [e for c in v.children if c.dep_ == "prep" and c.lower_ in OTHER_PARTY_PREPS
               for p in c.children if p.dep_ == "pobj" for e in entities_of([p], lex) if etype(e) == "ORG"]
    # (nor its own arm: 'sells them through David Wilson Homes, the group's higher-priced arm')
    others = [o for o in others if all(o.i != s.i for s in subjects) and not any(
        a.dep_ == "appos" and a.lemma_.lower() in PART_DESCRIPTIONS for a in o.children)]
    if others:
        out.add(_UNDER_CONTRACT, subjects, others, v)
