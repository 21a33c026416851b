"""Role nouns: what an entity is to another. 'Elon Musk, SpaceX's founder and CEO', 'OpenAI CEO Sam
Altman', 'Microsoft's AI unit, Microsoft AI', 'counts Nvidia among its backers'. `role` reads one
trigger noun and hands what it finds to the sentence collector `out` (extract._Sentence); the
nouns and their relations are the "roles" table of resources/triggers.json."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from .clauses import verb_args
from .coref import ANTECEDENT, antecedent, last_subject
from .gazetteer import company_kinds
from .lexicon import Lexicon, Rule, load_lexicon
from .models import SYMMETRIC
from .nominal import LAST_ROUND, participants
from .ownership import product_names, run_by_another
from .phrases import entities_of, listed_before, referents
from .possession import misread_owner, possessors
from .syntax import (
    FUNCTIONS,
    INSTITUTION_WORDS,
    ORG_DESCRIPTIONS,
    POSS_PRONOUNS,
    SUBJ,
    conjuncts,
    etype,
    governing_verb,
    rules_for,
    sentence,
    verb_of_subject,
)

# verbs whose subject takes the role named after 'as': 'Suleyman joined Microsoft as CEO'
SUBJECT_TAKES_ROLE = frozenset({"join", "rejoin", "serve", "work", "act", "remain", "return", "stay",
                                "operate", "function", "start", "begin", "continue", "come", "step", "take"})
# (not 'sign': in 'signed Humain as its first customer' the one signed takes the role)


def _as_roles(v: Token, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """(who takes the role, whom it is at) for 'X joined Y as CEO' and 'Y named X as CEO' /
    'CoreWeave counts Nvidia as an investor'."""
    args = verb_args(v)
    subj, obj = entities_of(args["subj"], lex), entities_of(args["obj"], lex)
    if not subj:
        # "Intel's board appointed Jane Roe as ...": the board's company
        subj = [p for s in args["subj"] if s.lower_ in BOARD_WORDS for p in possessors(s, lex) if etype(p) == "ORG"]
    if not obj or v.lemma_.lower() in SUBJECT_TAKES_ROLE:
        return subj, obj
    return obj, subj


# verbs of 'makes Microsoft the largest shareholder', 'named Jane Roe its chief executive'
SMALL_CLAUSE_VERBS = frozenset({"make", "name", "leave", "appoint", "elect"})
PART_WORDS = frozenset({"one", "some", "several", "two", "three", "many", "each"})


def as_verb(n: Token) -> Token | None:
    """The verb a role noun is given by with 'as': 'picked Navitas as a supplier', also 'as one of
    the suppliers' (the noun hung on 'one')."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ in PART_WORDS:
        n = n.head.head
    if n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ in ("VERB", "AUX"):
        return n.head.head
    return None


def role_holders(n: Token, lex: Lexicon) -> list[Token]:
    """Who a role noun describes: 'Elon Musk, SpaceX's founder' -> Elon Musk."""
    left = n.left_edge.i
    if n.dep_ == "appos" and left >= 2 and n.doc[left - 1].text == "," and etype(last := n.doc[left - 2]) \
            and last.dep_ == "conj" and last.i != n.head.i:
        if n.doc[left].lower_ in ("both", "all", "each") or n.tag_ == "NNS":   # ('A and B, its two rivals')
            first = last
            while first.dep_ == "conj" and etype(first.head):
                first = first.head
            return [x for x in conjuncts(first) if etype(x) == etype(last)]   # 'A and B, both professors at X'
        return [last]       # 'A, B and MGX, the Abu Dhabi investor', hung on A: the description is MGX's
    if any(c.dep_ == "poss" and listed_before(c) is not None for c in n.children):
        # 'BlackRock, its arm Global Infrastructure Partners, Microsoft and MGX': the arm's own name
        return [c for c in n.children if c.dep_ in ("appos", "compound") and etype(c) == "ORG" and c.i > n.i]
    if n.dep_ in ("oprd", "dobj") and n.head.lemma_.lower() in SMALL_CLAUSE_VERBS and (named := [
            c for c in n.head.children if c.dep_ in ("dobj", "oprd") and n.head.i < c.i < n.i and etype(c) == "PERSON"]):
        # 'named Eduardo Menezes its chief executive', 'elected Maria Lopez its chair' (read as two
        # objects): who is named, not the namer (a person: 'named AWS the startup's primary cloud
        # provider' is left to the other rules)
        return named
    holders = referents(n, lex)
    # (not 'the San Diego test maker Hologic bought in 2012': the subject of a clause without 'that')
    # (but "Roche's unit Genentech has run the plant", '..., which Roche's unit Genentech has run': the
    # verb whose subject the noun itself is)
    holders = [h for h in holders if not (h.i == n.i + 1 and h.dep_ == "appos" and h.i + 1 < len(h.doc)
                                          and h.doc[h.i + 1].tag_ in ("VBD", "VBZ")
                                          and (verb := _verb_of(h.doc[h.i + 1])).dep_ != "ROOT"
                                          and not (n.dep_ in ("nsubj", "nsubjpass") and n.head.i == verb.i))]
    titled = [c for c in n.children if c.dep_ == "appos" and c.i == n.i + 1 and etype(c)]
    if n.tag_ == "NN" and titled:
        # "Microsoft's venture fund M12 and Playground Global": a singular noun right before a name
        # is that name's title only
        holders = [h for h in holders if h.i == titled[0].i or h.i < n.i]
    if n.dep_ == "appos" and etype(n.head):
        # ('between Ormat Nevada, a subsidiary of Ormat Technologies, and JPM Capital', the last name
        # hung on the noun: it is listed with the name the noun describes, not described by it)
        holders = [h for h in holders if not (h.head.i == n.i and h.dep_ == "conj" and _closes_apposition(n, h))]
    if (v := as_verb(n)) is not None:
        holders += _as_roles(v, lex)[0]
    elif n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.dep_ in ("dobj", "dep") \
            and n.head.head.head.lemma_ in ("count", "see", "regard", "view", "consider", "name", "describe"):
        holders += referents(n.head.head, lex)   # 'counts X, the start-up behind Y, as its rival', 'as' hung on X
    if n.dep_ == "pobj" and n.head.lower_ == "among":       # 'counts X and Y among its backers'
        v = n.head.head
        if etype(v):      # '... among its investors' hung on the list itself
            holders += [c for c in conjuncts(v) if etype(c)]
        elif v.pos_ in ("VERB", "AUX"):
            args = verb_args(v)
            holders += entities_of(args["obj"] or args["subj"], lex)
            if holders:
                # 'counts Microsoft among its clients, as well as OpenAI': the name added after it
                holders += [x for x in sentence(n) if x.i > n.i and x.i >= 3 and etype(x) == etype(holders[0])
                            and [w.lower_ for w in n.doc[x.i - 3:x.i]] == ["as", "well", "as"]]
    if (v := verb_of_subject(n)) is not None and v.lemma_ in ("include", "be", "comprise", "count", "number") \
            and not (v.lemma_ == "count" and (titled or any(
                c.dep_ == "prep" and c.lower_ in ("as", "among") for c in v.children))):
        # (not 'Its rival CoreWeave counts Microsoft as its biggest customer', 'The chipmaker counts
        # G42 as its largest customer': who is counted as what is another relation)
        # ("OpenAI's most direct rival is Anthropic", the name read as an adjective)
        holders += entities_of([c for c in v.children if c.dep_ in ("dobj", "attr")
                                or c.dep_ in ("acomp", "advmod", "npadvmod", "dep") and c.i > v.i and etype(c)], lex)
        if holders:
            # '... include OpenAI and Anthropic, both of which ..., as well as Mistral AI': the last
            # item, hung inside the clause about the others
            holders += [x for x in sentence(n) if x.i > holders[-1].i and x.i >= 3 and etype(x) == etype(holders[0])
                        and [w.lower_ for w in n.doc[x.i - 3:x.i]] == ["as", "well", "as"]]
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ in ("one", "some", "several", "two", "three"):
        holders += referents(n.head.head, lex)               # 'Microsoft is one of Nvidia's largest customers'
    if not holders and n.dep_ == "amod" and n.pos_ in ("ADJ", "NOUN") and etype(n.head):
        holders = [n.head]      # "Google's rival OpenAI", with 'rival' read as an adjective ('its longtime rival X')
    if not holders and n.dep_ == "conj" and n.head.lemma_ == "be" and n.pos_ in ("NOUN", "PROPN"):
        # 'X is an American executive, and the current chairman of Y': a second complement read as
        # a clause of its own
        holders = entities_of([c for c in n.head.children if c.dep_ == "nsubj"], lex)
    if not holders and n.dep_ in ("ccomp", "oprd", "xcomp") and n.head.lemma_.lower() in SMALL_CLAUSE_VERBS:
        # 'The deal makes Microsoft the largest shareholder in Mistral AI': the small clause's subject
        holders = entities_of([c for c in n.children if c.dep_ == "nsubj"], lex) or entities_of(
            [c for c in n.head.children if c.dep_ == "dobj"], lex)
    if not holders and n.dep_ == "conj" and not etype(n.head):   # 'SpaceX's founder and CEO'
        holders = role_holders(n.head, lex)
    if not holders and n.dep_ == "conj" and n.head.dep_ == "pobj" and n.head.head.lower_ == "of" \
            and (first := n.head.head.head).dep_ == "appos" and first.pos_ == "NOUN" \
            and etype(n.head) in (None, "PRODUCT") and any(c.dep_ == "poss" for c in n.children):
        # 'Emerson, the largest maker of control valves and Flowserve's biggest rival, ...', 'the maker of
        # Chivas Regal and Edrington's closest rival': the second description read as listed with the
        # first one's object (a thing or a product): both describe the name
        holders = role_holders(first, lex)
    if not holders and n.dep_ == "conj" and etype(n.head) == "ORG" and n.head.dep_ == "pobj" \
            and n.head.head.lower_ in ("of", "at") and (title := n.head.head.head).pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ == "prep" and c.lower_ in ("of", "at") for c in n.children) \
            and any(r.head_types == {"PERSON"} for r in rules_for(lex.roles, title, lex)):
        # 'chairman of Tom Ford International and former president of Gucci Group', the second title
        # read as listed with the first one's company: both titles are the same person's
        holders = role_holders(title, lex)
    if not holders and n.dep_ in ("nsubj", "nsubjpass") and n.left_edge.i == sentence(n).start:
        # 'A professor of history at Brandeis University, Antony Polonsky, said ...': the name set off
        # after the title's company, hung on the company, is who holds the title
        holders = [a for p in n.children if p.dep_ == "prep" and p.lower_ in ("at", "of")
                   for o in p.children if o.dep_ == "pobj" and etype(o) == "ORG"
                   for a in o.children if a.dep_ == "appos" and etype(a) == "PERSON" and n.doc[a.i - 1].text == ","]
    if not holders:       # "Ghodsi, Databricks' chief executive", misread: the person is the 'owner'
        holders = [c for c in n.children if c.dep_ == "poss" and misread_owner(c) is not None]
    if not holders:       # 'hiring co-founder and Chief Executive David Luan': the name ends the list of titles
        holders = [c for c in n.children if c.dep_ == "conj" and etype(c) == "PERSON"]
    if not holders and left >= 2 and n.doc[left - 1].text == "," and possessors(n, lex) \
            and etype(before := n.doc[left - 2]) and before.head.i == n.head.i and before.dep_ == n.dep_:
        holders = [before]      # 'pressure on FuriosaAI, Rebellions' chief rival', read as two objects
    if holders:
        # 'Nvidia is also one of WeRide's early backers, alongside the German auto-parts maker Bosch':
        # who stands alongside the holder holds the role too
        up = n
        for _ in range(4):
            if up.pos_ in ("VERB", "AUX") or up.head.i == up.i:
                break
            up = up.head
        kind = etype(holders[0])
        holders += [e for c in up.children if c.dep_ == "prep" and c.lower_ == "alongside" and up.i < n.i < c.i
                    for p in c.children if p.dep_ == "pobj" for e in referents(p, lex)
                    if etype(e) == kind and e not in holders]
    if not holders and (named := _named_next(n)) is not None:
        holders = [named]       # 'chairman and chief executive Chuck Robbins said', the titles left hanging
    if not holders and n.i + 3 < sentence(n).end and n.doc[n.i + 1].text == "," and etype(n.nbor(2)) \
            and n.nbor(2).dep_ == "appos" and n.nbor(2).head.i < n.i and n.nbor(3).text == "," \
            and any(c.dep_ == "poss" for c in n.children):
        # 'those of its closest rival, Mitsubishi Corporation, were unchanged', the name set off after
        # the noun hung on an earlier word: what the noun calls it
        holders = [n.nbor(2)]
    if not holders and n.i + 2 < (end := sentence(n).end) and n.doc[n.i + 1].text == "," and etype(n.nbor(2)) \
            and n.nbor(2).head.i != n.i and all(t.is_punct for t in n.doc[n.i + 3:end]):
        # 'X and its wholly owned subsidiary, Y.' with Y hung elsewhere: the name closing the sentence
        # right after the noun and a comma is what the noun calls it
        holders = [n.nbor(2)]
    return holders


def _verb_of(w: Token) -> Token:
    """The verb an auxiliary serves, or the word itself."""
    return w.head if w.dep_ in ("aux", "auxpass") else w


def _named_next(n: Token) -> Token | None:
    """The person named right after a title, or after the last of titles joined to it ('chairman and
    chief executive Chuck Robbins'), wherever the parser hung the name."""
    last = max((c for c in n.children if c.dep_ == "conj" and c.pos_ == "NOUN"), key=lambda c: c.i, default=n)
    nxt = n.doc[last.i + 1] if last.i + 1 < len(n.doc) else None
    return nxt if n.pos_ == "NOUN" and nxt is not None and etype(nxt) == "PERSON" else None


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
# titles a firm gives many people at once: with 'a' before them, a rank rather than the firm's head
RANK_TITLES = frozenset({"director", "managing director", "principal"})
_FUNCTION_CHIEF = Rule("function-chief", "roles", "works_for", frozenset({"PERSON"}), frozenset({"ORG"}), 0.75)
_TITLE_RULE = Rule("title-before-name", "roles", "works_for", frozenset({"PERSON"}), frozenset({"ORG"}), 0.6)


# verbs that give someone a title: '(was) appointed senior vice president of Koppers'
TITLE_VERBS = SUBJECT_TAKES_ROLE | {"appoint", "name", "elect", "hire", "promote", "tap", "choose", "select"}


_IN_CHARGE = Rule("in-charge", "roles", "leads", frozenset({"PERSON"}), frozenset({"ORG"}), 0.7)


def in_charge(out, n: Token, lex: Lexicon):
    """'Satya Nadella, in charge at Microsoft since 2014': the person runs the company named."""
    if n.lower_ != "charge" or n.head.lower_ != "in":
        return
    above = n.head.head
    # ('Satya Nadella, in charge at Microsoft, said ...', the phrase hung on the verb after it)
    people = [above] if etype(above) == "PERSON" else [s for s in above.children if s.dep_ in SUBJ
                                                         and s.i < n.i < above.i and etype(s) == "PERSON"]
    orgs = [e for h in (n, n.head) for c in h.children if c.dep_ == "prep" and c.lower_ in ("at", "of")
            for e in participants(h, (c.lower_,), lex) if etype(e) == "ORG"]
    out.add(_IN_CHARGE, people, orgs, n)


def _place_after(n: Token) -> list:
    """'a cloud company in London', 'a start-up from Lyon', 'an AI company out of London': the place
    a prepositional phrase sets after a described company."""
    preps = [c for c in n.children if c.dep_ == "prep" and c.lower_ in ("in", "from")]
    preps += [o for c in n.children if c.dep_ == "prep" and c.lower_ == "out" for o in c.children
              if o.dep_ == "prep" and o.lower_ == "of"]
    return [e for p in preps for o in p.children if o.dep_ == "pobj" for e in conjuncts(o) if etype(e) == "PLACE"]


def role(out, n: Token, lex: Lexicon):
    in_charge(out, n, lex)
    rules = rules_for(lex.roles, n, lex)
    if n.lemma_.lower() == "part" and not any(
            etype(p) == "ORG" or p.lemma_.lower() in OWNED_PARTS and any(etype(o) == "ORG" for o in possessors(p, lex))
            for c in n.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"):
        # 'part of Alphabet' and "part of Prysmian's North American business" name an owner; 'as part
        # of the deal' does not
        return
    if not rules and n.dep_ == "compound" and n.pos_ == "NOUN" and etype(n.head) == "PERSON":
        rules = (_TITLE_RULE,)    # 'Harvard mathematician Arthur Jaffe', 'Gestapo chief Heinrich Mueller'
    if not rules and n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.lemma_.lower() in TITLE_VERBS \
            and any(c.dep_ == "prep" and c.lower_ in ("of", "at", "for") for c in n.children):
        rules = (_TITLE_RULE,)    # 'served as Assistant Controller of Williams'
    if not rules:
        return
    # ("OpenAI's Stargate campus and xAI's Colossus cluster": a later noun with an owner of its own
    # brings its names to its own owner, not to this one's)
    holders = [h for h in role_holders(n, lex) if not (
        h.head.i > n.i and h.head.dep_ == "conj" and h.head.pos_ == "NOUN"
        and any(c.dep_ == "poss" for c in h.head.children))]
    if n.lemma_.lower() == "part" and n.dep_ == "appos" and (last := [
            q for c in n.head.children if c.dep_ == "prep" and c.lower_ == "of" for q in c.children
            if q.dep_ == "pobj" and etype(q) == "ORG" and q.right_edge.i == n.left_edge.i - 2]):
        holders = last      # 'the solar unit of Hanwha Solutions, part of Hanwha Group': the name just before
    if not holders and possessors(n, lex):   # "Amazon's AWS unit": the name before the noun holds the role
        holders = [c for c in n.children if c.dep_ == "compound" and etype(c)]
    if holders and "founder" in n.lower_:
        # 'the co-founder of Acme together with John Doe and Max Poe': those it was founded with
        holders += [e for c in n.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
                    if p.dep_ == "pobj" for e in conjuncts(p) if etype(e) == "PERSON" and e not in holders]
    if n.tag_ == "NNS" and n.lemma_.lower() in ("owner", "parent"):
        # 'Its two largest owners are Kühne Holding and CSAV': owners of a part each, not parents
        rules = tuple(r for r in rules if r.relation != "subsidiary_of")
    if n.lemma_.lower() == "investment" and any(c.dep_ == "prep" and c.lower_ == "in" for c in n.children):
        # 'its first direct investment in another start-up' is a deal (nominal.event), not a holding
        rules = tuple(r for r in rules if r.relation != "invests_in")
    for rule in rules:
        if rule.place_modifier:    # 'DeepMind, a London artificial intelligence lab'
            places = [c for c in n.children if c.dep_ in ("compound", "nmod", "amod") and etype(c) == "PLACE"
                      and c.lower_ not in lex.countries]     # ('the U.S. chipmaker': where from, not where based)
            # 'a Bellevue, Washington, company': the town hung on the state
            places = [g for p in places for g in p.children if g.dep_ in ("compound", "nmod")
                      and etype(g) == "PLACE"] + places
            if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children):
                places += _place_after(n)
            out.add(rule, holders, places, n)
            continue
        if rule.holder_from_verb and not holders:
            v = governing_verb(n)
            holders = entities_of(verb_args(v)["subj"], lex) if v is not None else []
        # ('parent of A, B and C', the list read on: what comes after the noun's own 'of' does not hold it)
        prep = next((c.i for c in n.children if c.dep_ == "prep" and c.lower_ in rule.about_preps), len(n.doc))
        who = [h for h in holders if not rule.reverse or h.i < prep]
        about = list(dict.fromkeys(_about(n, rule, who, lex) + [h for h in holders if h not in who]))
        # add() drops a pair of one entity; a list of holders pairs among itself only for a symmetric
        # relation ('Nvidia and AMD are rivals', not 'a round whose backers included A and B')
        listed = len(who) > 1 and all(h in conjuncts(who[0]) for h in who)
        about = [a for a in about if a not in who] or (about if not listed or rule.relation in SYMMETRIC else [])
        if not about and listed and rule.relation in SYMMETRIC and n.dep_ == "attr" and n.tag_ == "NNS":
            about = who         # 'Nvidia and AMD are rivals': each the other's
        if not about and (rule.relation == "competes_with" or rule.relation == "supplies" and rule.reverse
                          and n.lemma_.lower() in ("customer", "client", "buyer")
                          or rule.relation == "invests_in" and n.lemma_.lower() in ("shareholder", "investor", "backer")
                          and _said_also(n)) and holders \
                and (n.dep_ == "appos" or _said_also(n) or any(c.dep_ == "appos" and c in holders for c in n.children)) \
                and (any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in n.children)
                     or n.tag_ == "NNS" and _said_also(n) and not any(c.dep_ == "det" for c in n.children)):
            # ('Nvidia and Microsoft are also shareholders')
            # 'Moore Threads, a rival founded by ...', 'Another domestic rival, Primarius', 'AMD is also a
            # customer', in a story about Biren, Empyrean or Ibiden: the story's company's rival or customer
            topic = n.doc.user_data.get(ANTECEDENT, (None, None))[1]
            if topic is not None and topic < n.i and etype(n.doc[topic]) == "ORG" \
                    and all(h.i != topic and (h.ent_id_ or h.text) != (n.doc[topic].ent_id_ or n.doc[topic].text)
                            for h in holders):
                about = [n.doc[topic]]
        if rule.relation == "subsidiary_of" and n.tag_ in ("NN", "NNP") and len(about) > 2:
            about = about[:1]   # 'a division of A, B, C and D' (a list of parties read on): one owner
        elif rule.relation == "subsidiary_of" and len(about) == 2 and _closes_apposition(about[0], about[1]):
            about = about[:1]   # 'between Ormat Nevada, a subsidiary of Ormat Technologies, and JPM Capital'
        if rule.relation == "leads" and n.lemma_.lower() in FUNCTION_TITLES and any(
                c.dep_ == "compound" and c.pos_ == "NOUN" and not etype(c) for c in n.children):
            rule = _FUNCTION_CHIEF    # 'Google advertising chief Sridhar Ramaswamy' runs a part of Google
        elif rule.relation == "leads" and _heads_a_function(n, lex):
            rule = _FUNCTION_CHIEF    # "Cisco's president of go-to-market", 'head of research at Google'
        elif rule.relation == "leads" and n.lemma_.lower() in RANK_TITLES and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children):
            rule = _FUNCTION_CHIEF    # 'a managing director at Bain Capital': one of many, a rank
        if rule.reverse and rule.relation == "supplies":
            # ('OpenAI was already one of Statsig's customers', 'a large customer of OpenAI'): a customer
            # of a company news never calls a maker, host or seller of computing, chips, power or
            # networks buys software or models, which is no supply in this schema
            about = [a for a in about if a.ent_id_ not in _sells_no_infrastructure(lex.version)]
        if rule.relation == "operates" and run_by_another(n):
            continue    # "The company's first Stargate site ... will be run by Oracle"
        if rule.reverse:
            out.add(rule, about, who, n)
        else:
            out.add(rule, holders, about, n)


def _said_also(n: Token) -> bool:
    """'AMD is also a customer': the noun said of the subject with 'also'."""
    return n.dep_ == "attr" and n.head.lemma_ == "be" and any(c.lower_ == "also" for c in n.head.children)


@lru_cache(maxsize=2)
def _sells_no_infrastructure(version: str) -> frozenset:
    """Gazetteer ids of companies none of whose news descriptions (kinds.json) names computing,
    chips, power, networks or sites ('a/b testing start-up', 'chatgpt maker')."""
    words = tuple(load_lexicon().words["infrastructure_kind_words"])
    return frozenset(eid for eid, phrases in company_kinds().items()
                     if not any(w in p for p in phrases for w in words))


EXECUTIVE_SHORT = frozenset({"cfo", "coo", "cto", "cpo", "cso", "cro", "cmo"})


def _executive_title(n: Token) -> bool:
    """A company officer's title: 'the chief operating officer', 'the CFO' (not 'the analyst')."""
    return n.lower_ in EXECUTIVE_SHORT or n.lower_ == "officer" and any(
        c.lower_ == "chief" for c in n.subtree if c.i < n.i)


def _closes_apposition(first: Token, second: Token) -> bool:
    """Two names joined by ', and' with nothing else listed: the comma closes the phrase the first
    ends ('X, a unit of Y, and Z'), and the second is listed with what that phrase describes."""
    if second.dep_ != "conj" or second.head.i != first.i:
        return False
    cc = [c for c in first.children if c.dep_ == "cc" and c.i < second.i]
    commas = [c for c in first.children if c.dep_ == "punct" and c.lower_ == ","]
    return len(cc) == 1 and len(commas) == 1 and commas[0].i == cc[0].i - 1


def _heads_a_function(n: Token, lex: Lexicon) -> bool:
    """A title 'of' a function or an unnamed part of a company ('president of sales', 'head of its
    cloud unit'): whoever holds it works for the company, and leads only that part of it."""
    of = [p for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if not of or of[0].pos_ in ("PRON", "DET", "NUM") or etype(of[0]) \
            or any(etype(r) != "PRODUCT" for r in referents(of[0], lex)):
        return False
    p = of[0]
    # (a product's name before the function is no company's: 'head of Llama research')
    return p.lemma_.lower() not in ORG_DESCRIPTIONS | BOARD_WORDS and not any(
        etype(c) not in (None, "PRODUCT") for c in p.children if c.dep_ in ("compound", "nmod", "appos", "conj"))


# parts of a company that stand for it after 'of': 'a subsidiary of its telecom business'
OWNED_PARTS = frozenset({"business", "unit", "arm", "division", "operation", "group", "segment"})
# unnamed parts of a company that someone leads or works in while working for it
COMPANY_PARTS = OWNED_PARTS | {"lab", "laboratory", "team", "effort", "department", "project"}
BOARD_WORDS = frozenset({"board", "director", "directors", "trustees", "governors"})
# bodies of people one sits on, joins or serves on for an organisation: 'served on the faculty of Harvard'
BODIES = BOARD_WORDS | {"faculty", "staff"}


def _in_charge_of(p: Token) -> Token:
    """'the executive in charge of Baidu's cloud business': what one is in charge of."""
    if p.lower_ != "charge" or p.head.lower_ != "in":
        return p
    return next((g for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"), p)


def past_board(p: Token) -> Token:
    """'chairman of the board of directors of Koppers', 'the faculty of Harvard': the organisation, past its body."""
    for _ in range(3):
        if p.lower_ not in BODIES:
            break
        nxt = [g for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if not nxt:
            break
        p = nxt[0]
    return p


# titles whose 'of' names what is taught: 'Professor of Astronomy'
TEACHING_TITLES = frozenset({"professor", "lecturer", "reader", "instructor", "teacher", "docent"})


def _field(tok: Token, title: Token, lex: Lexicon) -> bool:
    """A name after a title's 'of' that is a field, not a body: after a teaching title, any name
    with no word of an organisation ('Physics', 'Operations Research'; not 'the University of
    Chicago'); after another, a name made of a company's functions ('Engineering and Product
    Development', not 'Acme')."""
    if tok.ent_id_:
        return False
    words = tok.lower_.replace("&", " ").split()
    if title.lemma_.lower() in TEACHING_TITLES:
        return not any(w in lex.org_words or w in INSTITUTION_WORDS for w in words)
    return all(w in FUNCTIONS for w in words)


def _about(n: Token, rule: Rule, holders: list[Token], lex: Lexicon) -> list[Token]:
    """The organisation a role is held at: "SpaceX's founder", 'CEO of OpenAI', 'OpenAI CEO'."""
    about = possessors(n, lex)
    if n.dep_ in ("compound", "amod") and etype(n.head):
        about += possessors(n.head, lex)       # "Microsoft's partner OpenAI", 'and its subsidiary X'
    # ('Oracle, which runs AMD's MI300X chips': a noun with an owner of its own is not the subject's)
    if not about and n.dep_ == "dobj" and n.head.lemma_ in ("have", "own", "run", "operate"):   # 'X has an arm, Y'
        about += [e for e in entities_of(verb_args(n.head)["subj"], lex) if etype(e) != "PERSON"]
    if not about and n.dep_ == "attr" and n.head.dep_ == "relcl" and any(
            c.dep_ == "prep" and c.lower_ in ("in", "of") and any(w.lower_ == "which" for w in c.children)
            for c in n.head.children):
        # 'Commonwealth Fusion Systems, the start-up in which it is the largest shareholder': what the
        # 'which' stands for (the name a description in apposition is of)
        meant = n.head.head
        about += [e for e in entities_of([meant.head if meant.dep_ == "appos" and etype(meant.head) == "ORG"
                                          else meant], lex) if etype(e) == "ORG"]
    by_prep = []
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in rule.about_preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    p = past_board(_in_charge_of(p))
                    # 'vice president of AI research at Meta': the organisation sits one step further
                    # ('the largest buyers of Nvidia's rack systems': a customer of the systems' maker)
                    # ('a member of SAP's executive board': the board's company)
                    owned = p.lemma_.lower() in COMPANY_PARTS or p.lower_ in BODIES or rule.relation == "supplies"
                    named = entities_of([p], lex)
                    if rule.relation == "supplies" and named and not any(etype(e) == "ORG" for e in named):
                        named = []   # "a big buyer of AMD's Instinct accelerators": the product's maker
                    if rule.relation == "supplies" and not named and c.lower_ == "of" and not rule.reverse:
                        # 'the main supplier of chips to OpenAI', the 'to' hung on the goods
                        named = [e for g in p.children if g.dep_ == "prep" and g.lower_ in ("to", "for")
                                 for q in g.children if q.dep_ == "pobj" for e in entities_of([q], lex)
                                 if etype(e) == "ORG"]
                    if rule.relation == "works_for" and c.lower_ == "of" and named \
                            and all(_field(x, n, lex) for x in named):
                        # 'Professor of Computer Science at New York University', 'VP of Engineering and
                        # Product Development at Flock': the field is no employer; the 'at' after it names one
                        named = [e for x in named for g in x.children if g.dep_ == "prep" and g.lower_ == "at"
                                 for q in g.children if q.dep_ == "pobj" for e in entities_of([q], lex) if etype(e) == "ORG"]
                        if not named:
                            continue
                    if rule.relation == "works_for":
                        # 'a professor in the Department of Psychology at Boston University': both
                        named += [e for x in named if etype(x) == "ORG" for g in x.children
                                  if g.dep_ == "prep" and g.lower_ == "at" for q in g.children
                                  if q.dep_ == "pobj" for e in entities_of([q], lex) if etype(e) == "ORG"]
                    # ('a family of Thai language models from SCB 10X': the maker hangs on the goods)
                    by_prep += named or participants(p, ("at", "of", "with", "from") if rule.relation == "develops"
                                                     else ("at", "of", "with"), lex) or (
                        possessors(p, lex) if owned else []) \
                        or (product_names([p], lex) if rule.relation == "develops" else [])   # 'behind the Ai Pin'
    if not by_prep and (n.dep_ == "dobj" or n.dep_ == "attr" and n.head.lemma_ == "be") \
            and rule.relation in ("works_for", "leads") \
            and not any(c.dep_ == "compound" and c.lower_ in lex.roles for c in n.children):
        # (not 'takes CEO role at SSI', which says more than working there)
        # 'left her job at Google', 'took a post at Google', 'was head of product at Acme', the 'at'
        # hung on the verb right after the noun
        by_prep = [e for c in n.head.children if c.dep_ == "prep" and c.lower_ in rule.about_preps
                   and c.i == n.right_edge.i + 1 for p in c.children if p.dep_ == "pobj"
                   for e in entities_of([p], lex) if etype(e) == "ORG"]
    compounds = [c for c in n.children if c.dep_ in ("compound", "nmod", "amod") and etype(c)]
    # 'Google advertising chief': the organisation one word further out
    compounds += [g for c in n.children if c.dep_ == "compound" and not etype(c)
                  for g in c.children if g.dep_ in ("compound", "nmod") and etype(g) == "ORG"]
    if n.dep_ in ("compound", "amod") and etype(n.head):     # 'OpenAI CEO Sam Altman'
        # ('Klarna chief executive Sebastian Siemiatkowski', the title read as an adjective)
        compounds += [c for c in n.head.children if c.dep_ in ("compound", "nmod") and c != n and etype(c)
                      and c.i < n.i]
    # 'the Finance Director of Global Energy': a named 'of' beats a word the tagger took for a name
    about += by_prep or compounds
    # ('a subsidiary of Hallmark Cards and an intermediate parent of the Company': a title with an
    # 'of' of its own is not held at the first title's organisation, even when its own is unnamed)
    own_of = any(c.dep_ == "prep" and c.lower_ in rule.about_preps and any(p.dep_ == "pobj" for p in c.children)
                 for c in n.children)
    f = n
    while not about and not own_of and f.dep_ == "conj":
        f = f.head
        about = possessors(f, lex) + [c for c in f.children if c.dep_ == "compound" and etype(c)]
        # 'an engineer, founder and CEO of MEGA International': the 'of' hangs on the first noun
        # ('a writer and former columnist for The Washington Times')
        about = about or [e for p in f.children if p.dep_ == "prep" and (
            p.lower_ in ("of", "at") or p.lower_ == "for" and rule.relation == "works_for")
                          for e in participants(f, (p.lower_,), lex)]
    if not about and f.dep_ == "appos" and not etype(f.head):
        # 'an Italian engineer, founder and CEO of Acme': the 'of' after the titles hung on the noun they describe
        about = [e for p in f.head.children if p.dep_ == "prep" and p.lower_ in ("of", "at") and p.i > n.i
                 for e in participants(f.head, (p.lower_,), lex)]
    if not about:   # 'Founder and CEO of Catchafire': the 'of' hangs on the last title
        # (not 'an investor and the former chief executive of X': two titles, each with its article)
        own = any(d.dep_ == "det" for d in n.children)
        about = [e for c in n.children if c.dep_ == "conj" and not (own and any(d.dep_ == "det" for d in c.children))
                 for p in c.children
                 if p.dep_ == "prep" and p.lower_ in ("of", "at")
                 for e in participants(c, (p.lower_,), lex)]
    if not about and (v := as_verb(n)) is not None \
            and rule.relation != "subsidiary_of":     # ('singled out Zhipu as a lab': a kind, not a unit of it)
        about = _as_roles(v, lex)[1]
    a = n
    while a.dep_ == "conj":
        a = a.head
    if not about and a.dep_ == "pobj" and a.head.lower_ == "among" and a.head.head.lemma_ == "be":
        # 'MGX is among the investors in xAI', the 'in' hung on the verb
        v = a.head.head
        about = [e for c in v.children if c.dep_ == "prep" and c.i > a.i and c.lower_ in rule.about_preps
                 for e in participants(v, (c.lower_,), lex)]
    if not about and rule.relation == "invests_in" and a.dep_ == "pobj" and a.head.lower_ == "among" \
            and a.head.head.lemma_ == "be" and (i := n.doc.user_data.get(LAST_ROUND)) is not None and i < n.i:
        # 'M12 and Playground Global were among the other investors': in the round the article last named
        about = [n.doc[i]]
    if not about and rule.relation in SPEAKER_SIDES and a.dep_ == "pobj" and a.head.lower_ == "among" \
            and a.head.head.lemma_ == "be" and not any(c.dep_ == "prep" for c in a.children):
        about = _speaker(a.head.head, lex)  # 'A and B are among the first customers, Xeureka said'
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
    if not about and rule.relation in ("works_for", "leads") and n.dep_ == "attr" and n.head.lemma_ == "be" \
            and n.head.dep_ == "relcl" and etype(n.head.head) == "ORG" \
            and any(c.dep_ == "advmod" and c.lower_ == "where" for c in n.head.children):
        about = [n.head.head]   # 'the University of Washington, where Ceze is a professor'
    # ('Osika, the chief executive, is ...': the title set after the name, the company the article's;
    # 'Zatarain, a co-founder, said': one of its founders)
    person = n.head if (n.dep_ == "compound" or n.dep_ == "appos" and (
        rule.relation in ("leads", "founded") or rule.relation == "works_for" and _executive_title(n)) and (any(
        c.dep_ == "det" and (c.lower_ == "the" or c.lower_ == "a" and _one_of_founders(n))
        for c in n.children) or rule.relation == "leads" and _bare_title(n)) and not any(
        c.dep_ in ("prep", "compound", "amod", "nmod") and etype(c) for c in n.children)) \
        and etype(n.head) == "PERSON" else next(
        (c for c in n.children if c.dep_ == "conj" and etype(c) == "PERSON"), None) or _named_next(n)
    if not about and person is not None and person.dep_ == "pobj" and person.head.lower_ == "under" \
            and person.head.head.pos_ in ("VERB", "AUX"):
        # 'Under chief executive Satya Nadella, Microsoft has ...': the clause's company
        about = [e for e in entities_of(verb_args(person.head.head)["subj"], lex) if etype(e) == "ORG"]
    if not about and person is not None and (rule.relation == "leads" or n.dep_ != "compound") \
            and n.lemma_.lower() not in lex.public_titles \
            and not (rule.relation == "invests_in" and person.i == n.i + 1):
        # (not 'the venture firm of the investor Peter Thiel': a calling set before a name)
        about = antecedent(n)    # '... Chief executive Jensen Huang said': the company just written about
        hirer = _hirer(person, lex)
        if hirer:   # 'Amazon reached a deal with Adept, hiring co-founder and Chief Executive David Luan'
            others = [t for t in sentence(n) if t.i < n.i and etype(t) == "ORG" and t not in hirer]
            about = others[-1:]
    if not about and (rule.relation == "leads" or rule.relation == "works_for" and _executive_title(n)) \
            and n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.lemma_ in SERVING_VERBS \
            and holders and all(etype(h) == "PERSON" for h in holders) \
            and not any(c.dep_ in ("prep", "poss") for c in n.children):
        about = antecedent(n)    # 'Raman, who serves as chief executive, said ...': the article's company
    if not about and rule.relation == "subsidiary_of" and n.dep_ in ("dobj", "pobj") and holders:
        about = _reorganiser(n, lex)
    if not about and rule.relation in ("invests_in", "works_for") and n.dep_ == "nsubj" \
            and n.head.lemma_ in ("include", "be"):
        about = antecedent(n)    # 'Other investors include General Catalyst', 'Early hires include X'
    if not about and rule.relation in ("leads", "works_for") and n.dep_ == "attr" and not possessors(n, lex) \
            and not any(c.dep_ == "prep" for c in n.children) and n.head.lemma_ == "be":
        about = last_subject(n)  # 'Barret Zoph, who ran research at OpenAI, is chief technology officer'
    if not about and rule.relation in SPEAKER_SIDES and n.dep_ == "attr" and n.head.lemma_ == "be" \
            and not possessors(n, lex) and not any(c.dep_ == "prep" for c in n.children):
        about = _speaker(n.head, lex)   # 'Micron, ..., is also a large customer, Disco said'
    if rule.relation == "develops" and all(a in holders for a in about):
        # 'HGX B300 systems, its newest servers': the owner the apposition gives
        about += [p for c in n.children if c.dep_ == "appos" and not etype(c) for p in possessors(c, lex)
                  if etype(p) == "ORG"]
    clauses = {w.i for c in n.children if c.dep_ in ("relcl", "acl", "appos") for w in c.subtree}
    if about and all(a in holders for a in about) and any(
            c.lower_ in POSS_PRONOUNS for c in n.subtree if c.dep_ == "poss" and c.i not in clauses
            and not _under_other_prep(c, n)):
        # (not an 'its' inside a clause or an apposition on the noun: 'the Abu Dhabi technology group
        # that is its biggest customer', 'HGX B300 systems, its newest servers')
        # 'Amazon ... remains its primary cloud partner': 'its' is not Amazon here
        # ('Anthropic said Amazon remained the main provider of its compute': the other subject)
        about = [a for a in antecedent(n) if a not in holders] or [
            e for e in sentence(n) if e.i < n.i and e.dep_ in SUBJ and etype(e) == "ORG" and e not in holders][-1:]
    if not about and rule.relation in SYMMETRIC and holders:
        # 'sets SSI apart from rivals such as OpenAI': the verb's other party
        v = governing_verb(n)
        if v is not None:
            args = verb_args(v)
            about = [e for e in entities_of(args["subj"] + args["obj"], lex) if e not in holders]
    return about


def _bare_title(n: Token) -> bool:
    """'Anthony Fischetti, President and Chief Executive Officer.', 'Jane Doe, chief executive, said':
    a title set off after a name with no article or owner (the caller also wants no named 'of')."""
    doc = n.doc
    if any(c.dep_ in ("det", "poss") for c in n.children):
        return False
    return n.i + 1 < len(doc) and doc[n.i + 1].is_punct or any(c.dep_ == "conj" for c in n.children) \
        and n.right_edge.i + 1 < len(doc) and doc[n.right_edge.i + 1].is_punct


def _one_of_founders(n: Token) -> bool:
    """'Zatarain, a co-founder, said': one of the company's founders (not 'Green, a serial founder')."""
    return n.lower_ in ("co-founder", "cofounder") and not any(c.dep_ in ("amod", "compound") for c in n.children)


def _under_other_prep(w: Token, n: Token) -> bool:
    """Whether a word inside a noun's phrase hangs under a preposition other than 'of': the 'its' of
    'Nvidia H200 chips for its data centre' is no owner of the chips."""
    while w.i != n.i and w.head.i != w.i:
        if w.dep_ == "prep" and w.lower_ != "of":
            return True
        w = w.head
    return False


SPEAKER_SIDES = frozenset({"supplies", "invests_in", "partners_with"})
# verbs that hold a title someone already has: 'serves as chief executive'
SERVING_VERBS = frozenset({"serve", "remain", "stay", "continue", "act"})


def _speaker(clause: Token, lex: Lexicon) -> list[Token]:
    """The organisation that says a clause ('X is a customer, Disco said'; 'Disco said X was a
    customer'): the other side of a relation the clause gives without naming it."""
    says = [c for c in clause.children if c.dep_ in ("parataxis", "ccomp") and c.lemma_ in lex.reporting_verbs]
    if clause.dep_ == "ccomp" and clause.head.lemma_ in lex.reporting_verbs:
        says.append(clause.head)
    return [e for v in says for e in entities_of([s for s in v.children if s.dep_ == "nsubj"], lex) if etype(e) == "ORG"]


REORGANISING_VERBS = frozenset({"reorganize", "reorganise", "restructure", "create", "form", "launch", "set",
                                "run", "establish", "consolidate", "fold", "merge", "combine", "put", "place",
                                "spin", "move", "group", "organize", "organise", "build", "lead", "head"})


def _reorganiser(n: Token, lex: Lexicon) -> list[Token]:
    """'Meta has reorganised its AI work under a new division, Meta Superintelligence Labs',
    'Microsoft hired Suleyman to run a newly created division called Microsoft AI': a unit nobody
    owns in the phrase belongs to the company that makes or staffs it, the subject of the verbs above."""
    if n.dep_ == "pobj" and n.head.lower_ in ("for", "with", "from", "to", "by"):
        return []   # 'runs three supercomputers for G42, the Abu Dhabi technology group': a customer, no unit
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


_TENURE = Rule("tenure-at", "roles", "works_for", frozenset({"PERSON"}), frozenset({"ORG"}), 0.7)
SPAN_NOUNS = frozenset({"year", "decade", "stint", "tenure", "career", "month", "time"})
SPAN_PREPS = frozenset({"during", "after", "over", "following", "before", "in"})


def _span_of_time(t: Token) -> bool:
    """'years', 'a stint', 'more than a decade' (one merged date)."""
    return t.lemma_.lower() in SPAN_NOUNS or t.ent_type_ == "DATE" and t.text.split()[-1].lower().rstrip("s") in SPAN_NOUNS


def tenure(out, prep: Token, lex: Lexicon):
    """'While at Pender, Ann Norstrud advised ...', 'During his 28 years with Boston Financial, John
    Hawthorne served ...': the subject of the clause worked where the phrase puts them."""
    if prep.lower_ not in ("at", "with") or prep.dep_ != "prep":
        return
    span = prep.head
    if prep.i > 0 and prep.doc[prep.i - 1].lower_ == "while" and span.pos_ in ("VERB", "AUX"):
        v = span
    elif _span_of_time(span) and span.dep_ == "pobj" and span.head.lower_ in SPAN_PREPS \
            and span.head.head.pos_ in ("VERB", "AUX"):
        v = span.head.head
    elif span.pos_ in ("VERB", "AUX") and prep.i > 0 and _span_of_time(before := prep.doc[prep.i - 1]) \
            and before.dep_ == "pobj" and before.head.lower_ in SPAN_PREPS and before.head.head.i == span.i:
        v = span    # 'started Field AI after more than a decade at NASA', the 'at' hung on the verb
    else:
        return
    employers = [e for p in prep.children if p.dep_ == "pobj" for e in entities_of([p], lex) if etype(e) == "ORG"]
    people = [e for e in entities_of(verb_args(v)["subj"], lex) if etype(e) == "PERSON"]
    out.add(_TENURE, people, employers, prep)
