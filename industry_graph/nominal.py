"""Relations carried by nouns rather than verbs. Each function reads one kind of trigger word and
hands what it finds to the sentence collector `out` (extract._Sentence):

  role        what an entity is to another: 'Elon Musk, SpaceX's founder and CEO'
  event       a deal between entities: 'a partnership between X and Y', "xAI's funding round"
  modifier    hyphenated participles: 'Amazon-backed Anthropic', 'Paris-based Mistral AI'

Products, facilities and units owned, and compute used, are read in ownership.py.
"""
from __future__ import annotations

from spacy.tokens import Token

from .coref import antecedent, last_subject
from .lexicon import Lexicon, Rule
from .models import SYMMETRIC
from .phrases import entities_of, misread_owner, possessors, referents
from .syntax import (
    AS_PLACE,
    POSS_PRONOUNS,
    conjuncts,
    etype,
    governing_verb,
    is_infinitive,
    rules_for,
    verb_args,
)

# verbs whose subject receives the money of a funding round ("OpenAI raised $6.6 billion in a round")
RECEIVING_VERBS = frozenset({"raise", "close", "secure", "complete", "announce", "land", "get",
                             "receive", "finalize", "finalise", "seek", "launch"})


# verbs whose subject takes the role named after 'as': 'Suleyman joined Microsoft as CEO'


SUBJECT_TAKES_ROLE = frozenset({"join", "rejoin", "serve", "work", "act", "remain", "return", "stay",
                                "start", "begin", "continue", "come", "step", "sign", "take"})


def _as_roles(v: Token, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """(who takes the role, whom it is at) for 'X joined Y as CEO' and 'Y named X as CEO' /
    'CoreWeave counts Nvidia as an investor'."""
    args = verb_args(v)
    subj, obj = entities_of(args["subj"], lex), entities_of(args["obj"], lex)
    if v.lemma_.lower() in SUBJECT_TAKES_ROLE or not obj:
        return subj, obj
    return obj, subj


def role_holders(n: Token, lex: Lexicon) -> list[Token]:
    """Who a role noun describes: 'Elon Musk, SpaceX's founder' -> Elon Musk."""
    holders = referents(n, lex)
    if n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ in ("VERB", "AUX"):
        holders += _as_roles(n.head.head, lex)[0]
    if n.dep_ == "pobj" and n.head.lower_ == "among":       # 'counts X and Y among its backers'
        v = n.head.head
        if etype(v):      # '... among its investors' hung on the list itself
            holders += [c for c in conjuncts(v) if etype(c)]
        elif v.pos_ in ("VERB", "AUX"):
            args = verb_args(v)
            holders += entities_of(args["obj"] or args["subj"], lex)
    if n.dep_ in ("nsubj", "nsubjpass") and n.head.lemma_ in ("include", "be", "comprise", "count", "number"):
        holders += entities_of([c for c in n.head.children if c.dep_ in ("dobj", "attr")], lex)
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ in ("one", "some", "several", "two", "three"):
        holders += referents(n.head.head, lex)               # 'Microsoft is one of Nvidia's largest customers'
    if not holders and n.dep_ == "conj" and not etype(n.head):   # 'SpaceX's founder and CEO'
        holders = role_holders(n.head, lex)
    if not holders:       # "Ghodsi, Databricks' chief executive", misread: the person is the 'owner'
        holders = [c for c in n.children if c.dep_ == "poss" and misread_owner(c) is not None]
    if not holders:       # 'hiring co-founder and Chief Executive David Luan': the name ends the list of titles
        holders = [c for c in n.children if c.dep_ == "conj" and etype(c) == "PERSON"]
    return holders


def _hirer(person: Token, lex: Lexicon) -> list[Token]:
    """Who hires a person named as a verb's object ('hiring co-founder David Luan'): not their employer yet."""
    while person.dep_ == "conj":        # 'hiring co-founder and Chief Executive David Luan'
        person = person.head
    v = person.head
    if person.dep_ == "dobj" and v.pos_ == "VERB" and any(
            r.id == "verb-hire" for r in rules_for(lex.verbs, v, lex)):
        return entities_of(verb_args(v)["subj"], lex)
    return []


FUNCTION_TITLES = frozenset({"chief", "head", "boss", "lead", "leader"})
_FUNCTION_CHIEF = Rule("function-chief", "roles", "works_for", frozenset({"PERSON"}), frozenset({"ORG"}), 0.75)
_TITLE_RULE = Rule("title-before-name", "roles", "works_for", frozenset({"PERSON"}), frozenset({"ORG"}), 0.6)


# verbs that give someone a title: '(was) appointed senior vice president of Koppers'
TITLE_VERBS = SUBJECT_TAKES_ROLE | {"appoint", "name", "elect", "hire", "promote", "tap", "choose", "select"}


def role(out, n: Token, lex: Lexicon):
    rules = rules_for(lex.roles, n, lex)
    if n.lemma_.lower() == "part" and not any(etype(p) == "ORG" for c in n.children if c.lower_ == "of"
                                             for p in c.children if p.dep_ == "pobj"):
        return     # 'part of Alphabet' names an owner; 'as part of the deal' does not
    if not rules and n.dep_ == "compound" and n.pos_ == "NOUN" and etype(n.head) == "PERSON":
        rules = (_TITLE_RULE,)    # 'Harvard mathematician Arthur Jaffe', 'Gestapo chief Heinrich Mueller'
    if not rules and n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.lemma_.lower() in TITLE_VERBS \
            and any(c.dep_ == "prep" and c.lower_ in ("of", "at", "for") for c in n.children):
        rules = (_TITLE_RULE,)    # 'served as Assistant Controller of Williams'
    if not rules:
        return
    holders = role_holders(n, lex)
    if not holders and possessors(n, lex):   # "Amazon's AWS unit": the name before the noun holds the role
        holders = [c for c in n.children if c.dep_ == "compound" and etype(c)]
    for rule in rules:
        if rule.place_modifier:    # 'DeepMind, a London artificial intelligence lab'
            places = [c for c in n.children if c.dep_ in ("compound", "nmod", "amod") and etype(c) == "PLACE"]
            out.add(rule, holders, places, n)
            continue
        if rule.holder_from_verb and not holders:
            v = governing_verb(n)
            holders = entities_of(verb_args(v)["subj"], lex) if v is not None else []
        about = list(dict.fromkeys(_about(n, rule, holders, lex)))
        about = [a for a in about if a not in holders] or about   # add() drops a pair of one entity
        if rule.relation == "leads" and n.lemma_.lower() in FUNCTION_TITLES and any(
                c.dep_ == "compound" and c.pos_ == "NOUN" and not etype(c) for c in n.children):
            rule = _FUNCTION_CHIEF    # 'Google advertising chief Sridhar Ramaswamy' runs a part of Google
        if rule.reverse:
            out.add(rule, about, holders, n)
        else:
            out.add(rule, holders, about, n)


def _about(n: Token, rule: Rule, holders: list[Token], lex: Lexicon) -> list[Token]:
    """The organisation a role is held at: "SpaceX's founder", 'CEO of OpenAI', 'OpenAI CEO'."""
    about = possessors(n, lex)
    if n.dep_ == "dobj" and n.head.lemma_ in ("have", "own", "run", "operate"):   # 'X has an arm, Y'
        about += [e for e in entities_of(verb_args(n.head)["subj"], lex) if etype(e) != "PERSON"]
    by_prep = []
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in rule.about_preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    # 'vice president of AI research at Meta': the organisation sits one step further
                    by_prep += entities_of([p], lex) or _participants(p, ("at", "of", "with"), lex)
    compounds = [c for c in n.children if c.dep_ in ("compound", "nmod", "amod") and etype(c)]
    # 'Google advertising chief': the organisation one word further out
    compounds += [g for c in n.children if c.dep_ == "compound" and not etype(c)
                  for g in c.children if g.dep_ in ("compound", "nmod") and etype(g) == "ORG"]
    if n.dep_ == "compound" and etype(n.head):           # 'OpenAI CEO Sam Altman'
        compounds += [c for c in n.head.children if c.dep_ in ("compound", "nmod") and c != n and etype(c)]
    # 'the Finance Director of Global Energy': a named 'of' beats a word the tagger took for a name
    about += by_prep or compounds
    f = n
    while not about and f.dep_ == "conj":
        f = f.head
        about = possessors(f, lex) + [c for c in f.children if c.dep_ == "compound" and etype(c)]
        # 'an engineer, founder and CEO of MEGA International': the 'of' hangs on the first noun
        about = about or [e for p in f.children if p.dep_ == "prep" and p.lower_ in ("of", "at")
                          for e in _participants(f, (p.lower_,), lex)]
    if not about:   # 'Founder and CEO of Catchafire': the 'of' hangs on the last title
        about = [e for c in n.children if c.dep_ == "conj" for p in c.children
                 if p.dep_ == "prep" and p.lower_ in ("of", "at")
                 for e in _participants(c, (p.lower_,), lex)]
    if not about and n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ in ("VERB", "AUX"):
        about = _as_roles(n.head.head, lex)[1]
    a = n
    while a.dep_ == "conj":
        a = a.head
    if not about and a.dep_ == "pobj" and a.head.lower_ == "among":
        about = entities_of(verb_args(a.head.head).get("subj", []), lex)
    if not about and n.dep_ == "compound" and n.head.dep_ == "conj" and etype(n.head) == "PERSON":
        # 'Oracle chief executive Safra Catz and co-founder Larry Ellison': the first title's company
        first = n.head.head
        while first.dep_ == "conj" and etype(first.head) == "PERSON":
            first = first.head
        titled = [t for t in first.children if t.dep_ == "compound" and not etype(t)]
        if titled:
            about = [c for t in [first, *titled] for c in t.children
                     if c.dep_ in ("compound", "nmod") and etype(c) == "ORG"]
    if not about and rule.relation in ("founded", "leads") and n.dep_ in ("compound", "nmod") \
            and etype(n.head) == "PERSON" and n.head.dep_ == "pobj" and n.head.head.dep_ == "agent":
        # 'a developer led by co-founder and chief executive Chase Lochmiller': the title is at what was led
        about = [e for e in entities_of(verb_args(n.head.head.head)["obj"], lex) if etype(e) == "ORG"]
    person = n.head if n.dep_ == "compound" and etype(n.head) == "PERSON" else next(
        (c for c in n.children if c.dep_ == "conj" and etype(c) == "PERSON"), None)
    if not about and person is not None and (rule.relation == "leads" or n.dep_ != "compound") \
            and n.lemma_.lower() not in lex.public_titles:
        about = antecedent(n)    # '... Chief executive Jensen Huang said': the company just written about
        hirer = _hirer(person, lex)
        if hirer:   # 'Amazon reached a deal with Adept, hiring co-founder and Chief Executive David Luan'
            others = [t for t in n.sent if t.i < n.i and etype(t) == "ORG" and t not in hirer]
            about = others[-1:]
    if not about and rule.relation == "subsidiary_of" and n.dep_ in ("dobj", "pobj") and holders:
        about = _reorganiser(n, lex)
    if not about and rule.relation in ("invests_in", "works_for") and n.dep_ == "nsubj" \
            and n.head.lemma_ in ("include", "be"):
        about = antecedent(n)    # 'Other investors include General Catalyst', 'Early hires include X'
    if not about and rule.relation in ("leads", "works_for") and n.dep_ == "attr" and not possessors(n, lex) \
            and not any(c.dep_ == "prep" for c in n.children) and n.head.lemma_ == "be":
        about = last_subject(n)  # 'Barret Zoph, who ran research at OpenAI, is chief technology officer'
    if about and all(a in holders for a in about) and any(c.lower_ in POSS_PRONOUNS for c in n.children):
        # 'Amazon ... remains its primary cloud partner': 'its' is not Amazon here
        about = [a for a in antecedent(n) if a not in holders]
    if not about and rule.relation in SYMMETRIC and holders:
        # 'sets SSI apart from rivals such as OpenAI': the verb's other party
        v = governing_verb(n)
        if v is not None:
            args = verb_args(v)
            about = [e for e in entities_of(args["subj"] + args["obj"], lex) if e not in holders]
    return about


def _participants(e: Token, preps, lex) -> list[Token]:
    return entities_of([p for c in e.children if c.dep_ == "prep" and c.lower_ in preps
                  for p in c.children if p.dep_ == "pobj"], lex)


def _deal_purpose(e: Token, lex: Lexicon) -> list[Token]:
    """'signed an agreement to offer Cohere's models', 'struck a deal to hire the co-founders of
    Character.AI and license its technology', 'a partnership that made Mistral's models available':
    the company whose models, technology or staff the deal is for."""
    out = []
    purposes = [c for c in e.children if c.dep_ == "acl" and is_infinitive(c) or c.dep_ == "relcl"]
    if e.dep_ == "dobj":          # 'struck a deal to hire ...', the infinitive hung on the verb
        purposes += [c for c in e.head.children if c.dep_ in ("advcl", "xcomp") and is_infinitive(c)]
    for v in purposes:
        for verb in conjuncts(v):
            for o in verb_args(verb)["obj"]:
                out += [p for p in possessors(o, lex) if etype(p) == "ORG"]
                out += [x for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj" for x in entities_of([p], lex) if etype(x) == "ORG"]
    return out


def _inner_participants(e: Token, preps, lex) -> list[Token]:
    """'a contract worth up to $11.9 billion with OpenAI': the party hangs on a word inside the
    deal's noun phrase rather than on the deal."""
    return entities_of([p for t in e.subtree if t.dep_ == "prep" and t.lower_ in preps and t.head.i != e.i
                        and t.head.pos_ not in ("VERB", "AUX") and t.head.i > e.i
                        for p in t.children if p.dep_ == "pobj"], lex)


def _round_leaders(v: Token, lex: Lexicon) -> list[Token]:
    """'The round ... was led by Iconiq Capital': who leads a round its verb (or a verb
    coordinated with it) names."""
    out = []
    for verb in conjuncts(v):
        if verb.lemma_.lower() in ("lead", "co-lead", "anchor", "join") and verb.i != v.i or \
                verb.i == v.i and verb.lemma_.lower() in ("lead", "co-lead", "anchor"):
            args = verb_args(verb)
            # 'led by Iconiq, with Fidelity and Lightspeed as co-leads'
            out += entities_of(args["subj"] + args.get("prep:with", []), lex)
    return out


LAST_ROUND = "industry_graph_last_round"


def event(out, e: Token, lex: Lexicon):
    """Deals named by a noun: 'a partnership between X and Y', "Microsoft's investment in OpenAI",
    'OpenAI raised $6.6 billion in a round led by Thrive Capital'."""
    rules = rules_for(lex.events, e, lex)
    if not rules:
        return
    v = governing_verb(e)
    subject = entities_of(verb_args(v)["subj"], lex) if v is not None else []
    if not subject and v is not None and v.dep_ in ("acl", "advcl", "xcomp"):
        # 'developed a model called Takane in collaboration with Cohere': the clause above says who
        up = v.head if v.head.pos_ in ("VERB", "AUX") else governing_verb(v.head)
        subject = entities_of(verb_args(up)["subj"], lex) if up is not None else []
    receiving = v is not None and v.lemma_.lower() in RECEIVING_VERBS
    for rule in rules:
        pairs = _participants(e, rule.pair_preps, lex)
        for i, a in enumerate(pairs):
            out.add(rule, [a], pairs[i + 1:], e)
        targets = _participants(e, rule.target_preps, lex) or _inner_participants(e, rule.target_preps, lex)
        if not targets and rule.relation == "partners_with":
            targets = _deal_purpose(e, lex)
        if not targets and v is not None:
            targets = entities_of([t for p in rule.target_preps for t in verb_args(v).get(f"prep:{p}", [])], lex)
        named = possessors(e, lex) + [c for c in e.children if c.dep_ in ("compound", "nmod") and etype(c)]
        owners = _participants(e, rule.owner_preps, lex) + _backers(e, lex)
        if rule.possessor_is_target:                           # "xAI's funding round", 'the OpenAI round'
            targets += named
            owners += _round_leaders(v, lex) if v is not None else []
            if receiving or v is not None and e.dep_ in ("nsubj", "nsubjpass") and (
                    v.lemma_.lower() in ROUND_TAKES | ROUND_LEAD or v.lower_ in ROUND_LEAD_FORMS):
                owners += _round_backers(v, e, lex)     # 'The round was led by A, with participation from B'
                if v.lemma_.lower() in ROUND_LEAD or v.lower_ in ROUND_LEAD_FORMS:
                    owners += entities_of(verb_args(v)["subj"], lex)
        else:
            owners += named
        if rule.relation == "invests_in":
            targets = targets or _money_target(e, v, subject, owners, lex, rule.possessor_is_target)
            if targets and rule.possessor_is_target:
                e.doc.user_data[LAST_ROUND] = targets[0].i
        if not owners and rule.relation in SYMMETRIC and v is not None and e.dep_ == "pobj" \
                and e.head.lower_ == "in" and v.lemma_.lower() in ("put", "place", "bring", "pit", "leave", "set"):
            owners = entities_of(verb_args(v)["obj"], lex)   # 'puts Databricks in competition with OpenAI'
        if not owners and not (rule.relation == "invests_in" and receiving):
            owners = subject
        if not targets and rule.relation in SYMMETRIC and not pairs:
            group = list(dict.fromkeys(owners))
            for i, a in enumerate(group):
                out.add(rule, [a], group[i + 1:], e)
        out.add(rule, owners, targets, e)


def _backers(e: Token, lex: Lexicon) -> list[Token]:
    """'a round led by Thrive Capital', 'with participation from Y and Z'."""
    owners = []
    for acl in e.children:
        if acl.dep_ == "acl":
            owners += entities_of(verb_args(acl)["subj"], lex)
    for t in e.subtree:
        if t.lemma_.lower() in ("participation", "participate"):
            owners += _participants(t, ("from", "by", "of"), lex)
    return owners


# verbs whose subject is a round and whose object its investors: 'the round included A and B'
ROUND_TAKES = frozenset({"include", "draw", "attract", "feature", "comprise", "bring", "count", "see"})
# participles that name a round's backers wherever the parser hung them: 'co-led by Fidelity'
ROUND_LEAD = frozenset({"lead", "co-lead", "colead", "anchor", "back", "join"})
ROUND_LEAD_FORMS = frozenset({"co-led", "coled", "led", "anchored", "backed", "joined"})
ROUND_ALSO = frozenset({"invest", "participate", "join", "contribute", "chip"})


def _round_backers(v: Token, e: Token, lex: Lexicon) -> list[Token]:
    """Every backer a funding sentence names, wherever the parser attached the phrase:
    'raised $13 billion in a round led by A, co-led by B and C, with participation from D and E',
    'with F and G also investing', 'alongside H', 'the round included I, J and K'."""
    out = []
    if e.dep_ in ("nsubj", "nsubjpass") and v.lemma_.lower() in ROUND_TAKES:
        out += entities_of(verb_args(v)["obj"], lex)
    for t in v.subtree:
        lemma = t.lemma_.lower()
        if t.i != v.i and t.tag_ in ("VBN", "VBD") and (lemma in ROUND_LEAD or t.lower_ in ROUND_LEAD_FORMS) \
                and t.dep_ in ("acl", "advcl", "conj") and any(c.dep_ == "agent" for c in t.children):
            out += entities_of(verb_args(t)["subj"], lex)
        elif lemma in ("participation", "participate") and t.pos_ == "NOUN":
            out += _participants(t, ("from", "by", "of"), lex)
        elif t.tag_ == "VBG" and lemma in ROUND_ALSO and t.dep_ in ("advcl", "pcomp", "pobj", "acl"):
            out += entities_of([c for c in t.children if c.dep_ == "nsubj"], lex)   # 'with Nvidia also investing'
        elif t.dep_ == "prep" and t.lower_ in ("alongside",) and t.head.i == v.i:
            out += entities_of([c for c in t.children if c.dep_ == "pobj"], lex)
    return out


def _money_target(e: Token, v: Token | None, subject, owners, lex: Lexicon, is_round: bool) -> list[Token]:
    """Who gets the money when the noun phrase does not say: the subject of 'raised', the object
    of 'backed', what 'the round valued', or for 'the round' the round last named."""
    if v is None:
        return []
    joins = v.lemma_.lower() in ("participate", "join") or v.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "part" for c in v.children)    # 'also took part in the round'
    if v.lemma_.lower() in RECEIVING_VERBS and not joins:  # 'OpenAI raised $6.6 billion in a round'
        return subject
    if not joins and any(r.relation == "invests_in" for r in rules_for(lex.verbs, v, lex)):
        args = verb_args(v)                           # 'Nvidia backed Wayve in a round led by SoftBank'
        return entities_of(args["obj"] + args.get("prep:in", []), lex)
    if v.lemma_.lower() in ("value", "give") and e.dep_ == "nsubj":
        return entities_of(verb_args(v)["obj"], lex)  # 'the round valued Anthropic at ...'
    if is_round and any(c.lower_ == "the" for c in e.children):    # 'The round was led by Iconiq'
        i = e.doc.user_data.get(LAST_ROUND)
        found = [e.doc[i]] if i is not None and i < e.i else last_subject(e)
        return [t for t in found if t not in owners]
    return []


def modifier(out, m: Token, lex: Lexicon):
    """'Amazon-backed Anthropic', 'a Paris-based startup', 'Musk-founded xAI'."""
    if m.dep_ not in ("amod", "acl", "compound", "nmod") or m.tag_ not in ("VBN", "JJ", "VBD"):
        return
    rules = rules_for(lex.modifiers, m, lex)
    if not rules:
        return
    mods = [c for c in m.children if c.dep_ in ("npadvmod", "compound", "nmod", "advmod", "poss") and etype(c)]
    if not mods:
        return
    if any(r.relation == "located_in" for r in rules):
        mods = _city_before(mods) + mods
    modified = referents(m.head, lex)
    for rule in rules:
        if rule.modifier_is == "head":
            out.add(rule, mods, modified, m)
        else:
            out.add(rule, modified, mods, m)


def _city_before(places: list[Token]) -> list[Token]:
    """'the Livingston, New Jersey-based company': the town before the state is a place too,
    whatever the tagger made of it."""
    out = []
    for p in places:
        doc = p.doc
        if etype(p) == "PLACE" and p.i >= 2 and doc[p.i - 1].text == "," and doc[p.i - 2].text[:1].isupper() \
                and (etype(doc[p.i - 2]) == "PLACE" or etype(doc[p.i - 2]) and not doc[p.i - 2].ent_id_):
            doc.user_data.setdefault(AS_PLACE, set()).add(p.i - 2)
            out.append(doc[p.i - 2])
    return out


REORGANISING_VERBS = frozenset({"reorganize", "reorganise", "restructure", "create", "form", "launch", "set",
                                "run", "establish", "consolidate", "fold", "merge", "combine", "put", "place",
                                "spin", "move", "group", "organize", "organise", "build", "lead", "head"})


def _reorganiser(n: Token, lex: Lexicon) -> list[Token]:
    """'Meta has reorganised its AI work under a new division, Meta Superintelligence Labs',
    'Microsoft hired Suleyman to run a newly created division called Microsoft AI': a unit nobody
    owns in the phrase belongs to the company that makes or staffs it, the subject of the verbs above."""
    v = governing_verb(n)
    for _ in range(3):
        if v is None or v.lemma_.lower() not in REORGANISING_VERBS | {"hire", "appoint", "name", "tap"}:
            return []
        found = [e for s in verb_args(v)["subj"] for e in entities_of([s], lex) if etype(e) == "ORG"]
        if found:
            return found[:1]
        if v.dep_ == "relcl":      # '..., Alexandr Wang, who now leads a new unit called ...'
            v = governing_verb(v.head)
        else:
            v = v.head if v.dep_ in ("xcomp", "advcl", "conj") and v.head.pos_ == "VERB" else None
    return []
