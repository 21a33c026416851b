"""Clauses: a verb's logical subject, object and prepositional arguments, through passive voice,
participles, relative clauses and coordination ('Anthropic was founded by ...', 'a startup backed
by ...', 'xAI, which built Colossus', 'the company Elon Musk founded'). Used by the relation rules
through `verb_args` and `role_tokens`."""
from __future__ import annotations

from spacy.tokens import Token

from .gazetteer import FROM_SPACY
from .lexicon import load_lexicon
from .syntax import (BUYING_VERBS, GIVES_NAME, GROUP_NOUNS, HANDOFF, OBJ, ORG_DESCRIPTIONS, RELATIVE_PRONOUNS, SUBJ, etype, rules_for,
                     sentence, the_company)


def is_passive(v: Token) -> bool:
    """Passive voice, also in participles: 'Anthropic was backed by', 'a startup founded by',
    'Created in 1899 by A and B, VINCI ...', 'Arm, which is majority-owned by SoftBank'."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    if v.tag_ == "VBD" and v.dep_ == "acl" and v.head.i == v.i - 1 and v.head.pos_ == "NOUN" \
            and not any(c.dep_ in ("nsubj", "dobj", "aux") for c in v.children):
        return True     # 'Nvidia processors rented from CoreWeave', the participle tagged as a past tense
    if v.tag_ != "VBN":
        return False
    if v.dep_ == "acomp":       # ('which remains headquartered in Hsinchu')
        return any(c.dep_ == "agent" for c in v.children) or v.head.lemma_ in ("remain", "stay", "become")
    # ('Based in Paris, ...', which the parser may even make the subject of the main verb; with an
    # object it is active: '... and named Sean White as CEO')
    if v.dep_ in ("advcl", "prep", "nsubj", "nsubjpass"):
        return not any(c.dep_ in ("aux", "nsubj", "dobj") for c in v.children)
    if v.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj", "dobj") for c in v.children):
        if v.head.pos_ == "VERB":
            return is_passive(v.head)   # 'a bank founded in 1986 and headquartered in Laredo'
        # 'Maveron is a firm based in Seattle and co-founded by ...', the participle read as a
        # second main verb beside 'is': passive if it has a 'by' of its own
        return any(c.dep_ == "agent" for c in v.children)
    return v.dep_ in ("acl", "amod")


def is_infinitive(v: Token) -> bool:
    """'talks to invest': the verb's subject is not the noun it hangs from."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


# verbs whose object did what the 'of' or 'for' after them says: 'accused Stability of copying'
ACCUSING = frozenset({"accuse", "charge", "blame", "sue", "fine", "credit", "praise", "thank", "suspect", "criticise",
                      "criticize", "penalise", "penalize"})


def did_as_well(v: Token) -> list[Token]:
    """The 'as did X' clauses on a verb: 'Index Ventures also invested, as did Innovation Endeavors'."""
    return [c for c in v.children if c.dep_ == "advcl" and c.lemma_ == "do"
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)]


def _with_before(v: Token) -> Token | None:
    """The name after a 'with' whose phrase, set off by commas, ends right before the participle: the
    participle's subject in an absolute phrase the parser split ('with X, Y's arm, taking part')."""
    doc = v.doc
    if v.i < 3 or doc[v.i - 1].text != ",":
        return None
    for w in reversed(doc[sentence(v).start:v.i - 1]):
        if w.lower_ == "with" and w.dep_ == "prep":
            named = [p for p in w.children if p.dep_ == "pobj" and etype(p)]
            # (set off with a description of its own: not 'an agreement with Adept, hiring its chief',
            # where the participle is the clause's)
            return named[0] if named and named[0].right_edge.i == v.i - 2 and named[0].right_edge.i > named[0].i + 1 \
                else None
        if w.pos_ in ("VERB", "AUX"):
            return None
    return None


def surface_subjects(v: Token, _depth: int = 0) -> list[Token]:
    """Grammatical subject of a verb, borrowed from the verb it is coordinated with or
    subordinate to when it has none ('xAI, which developed Grok and built Colossus')."""
    subs = [c for c in v.children if c.dep_ in SUBJ]
    if not subs and (v.dep_ == "ROOT" or v.pos_ in ("NOUN", "PROPN")):   # 'Mistral AI competes ...' as a noun
        subs = [c for c in v.children if c.i < v.i and c.dep_ in ("amod", "compound", "nmod", "npadvmod")
                and c.ent_type_]
    if not subs and v.dep_ == "ROOT":
        # 'In July Perplexity also launched Comet': the parser hung the subject on the date's 'In'
        subs = [p for c in v.children if c.dep_ == "prep" and c.i < v.i for p in c.children
                if p.dep_ == "pobj" and FROM_SPACY.get(p.ent_type_) == "ORG"
                and any(d.ent_type_ == "DATE" for d in p.children)]
    if not subs and v.dep_ == "ROOT" and (first := sentence(v)[0]).i + 2 < v.i and etype(first) \
            and v.doc[first.i + 1].text == "," and v.doc[first.i + 2].lower_ in ("whose", "which", "who") \
            and v.doc[v.i - 1].text == "," and first.head.i != v.i:
        # 'Tesla, whose Optimus robot Musk has called ..., is Figure's most visible rival': the name
        # opening the sentence, its clause read as the main one
        subs = [first]
    if v.dep_ == "ROOT" and (not subs or len(subs) == 1 and subs[0].tag_ in ("VBN", "VBG")):
        # 'Based in Secaucus, New Jersey, ZT Systems was founded ...': the name just before the verb
        # (or its auxiliary), hung by the parser in apposition to the opening phrase's place (which
        # it may even have made the subject, the participle 'Based')
        first = min([c for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i] + [v], key=lambda t: t.i)
        prev = v.doc[first.i - 1] if first.i > 1 else None
        if prev is not None and prev.dep_ == "appos" and v.doc[prev.i - 1].text == "," \
                and etype(prev) in ("ORG", "PERSON") and all(s.i < prev.i for s in subs):
            subs = [prev]
    if not subs and (named := _subordinated_subject(v)) is not None:
        subs = [named]
    if subs or _depth > 5:
        return subs
    if v.tag_ == "VBG" and v.dep_ == "advcl" and (named := _with_before(v)) is not None:
        return [named]      # 'with NVentures, Nvidia's venture-capital arm, taking part'
    if (up := _set_off_participle(v)) is not None:
        return surface_subjects(up, _depth + 1)
    if v.dep_ in ("relcl", "acl") and not is_infinitive(v):
        return [v.head]
    if v.dep_ == "pcomp" and v.head.lower_ in ("of", "for") and v.head.head.lemma_.lower() in ACCUSING:
        objs = [c for c in v.head.head.children if c.dep_ == "dobj"]   # 'accusing it of copying photos'
        if objs:
            return objs
    # ('brought in X to lead Y', the infinitive read as a clause of purpose)
    if (v.dep_ == "xcomp" or v.dep_ == "advcl" and is_infinitive(v) and v.head.lemma_.lower() in STAFFING_VERBS) \
            and v.head.lemma_.lower() in load_lexicon().control_verbs:
        objs = [c for c in v.head.children if c.dep_ == "dobj"]   # 'hired X to lead Y', not 'left X to join Y'
        # ("brought in the company's co-founder, Alexandr Wang, to lead ...": the name beside the title)
        objs = [next((a for a in o.children if a.dep_ == "appos" and etype(a) == "PERSON"), o) if not etype(o) else o
                for o in objs]
        if objs:
            return objs
    if is_infinitive(v) and v.i >= 2:
        # 'delivers systems for Ai2 to train its models': the name after 'for' right before 'to'
        to = next((c for c in v.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        named = v.doc[to.i - 1] if to is not None else None
        if named is not None and named.dep_ == "pobj" and named.head.lower_ == "for" and etype(named):
            return [named]
    # 'Based in Paris, ...': a participle opening the sentence takes the main verb's subject
    if v.dep_ in HANDOFF or v.dep_ == "pobj" or v.dep_ in ("prep", "nsubj", "nsubjpass") and v.tag_ == "VBN":
        up = v.head
        while up.pos_ not in ("VERB", "AUX") and up.dep_ != "ROOT" and up.head != up:
            up = up.head
        if up.pos_ in ("VERB", "AUX") and up != v:
            if up.i > v.i and up.dep_ in ("advcl", "parataxis", "ccomp") and up.head.i < v.i \
                    and up.head.pos_ in ("VERB", "AUX") \
                    and up.lemma_.lower() in load_lexicon().reporting_verbs:
                # '... after exercising an option to raise its stake, the two companies said', with
                # the clause hung on the closing 'said': its doer is the main verb's subject
                up = up.head
            return surface_subjects(up, _depth + 1)
    return []


SUBORDINATORS = frozenset({"after", "since", "before", "until", "once", "because", "when", "while"})


def _subordinated_subject(v: Token) -> Token | None:
    """'after Microsoft, the software giant, bought Activision', 'since WT Microelectronics, a
    Taiwanese distributor, bought Future Electronics': the name right after the conjunction, set off
    by commas from the verb, is the verb's subject, though the parser took it for the object of a
    preposition and hung the verb elsewhere."""
    if v.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or v.dep_ not in ("advcl", "conj", "acl", "relcl"):
        return None
    doc = v.doc
    first = min([c for c in v.children if c.dep_ in ("aux", "auxpass", "advmod", "neg") and c.i < v.i] + [v],
                key=lambda t: t.i)
    if first.i < 4 or doc[first.i - 1].text != ",":
        return None
    start = sentence(v).start
    for k in range(first.i - 2, max(start, first.i - 16), -1):
        w = doc[k]
        if w.text == "," and k > start + 1 and etype(doc[k - 1]) in ("ORG", "PERSON") \
                and doc[k - 1].dep_ == "pobj" and doc[k - 2].lower_ in SUBORDINATORS:
            return doc[k - 1]
        if w.pos_ in ("VERB", "AUX") and w.dep_ not in ("relcl", "acl") and not any(
                a.dep_ == "relcl" for a in w.ancestors if a.i > k - 16):
            return None
    return None


DEAL_WORDS = frozenset({"agreement", "deal", "plan", "offer", "proposal", "contract", "pact"})


def _set_off_participle(v: Token) -> Token | None:
    """'has built up a 9% stake in Besi, ..., becoming its largest shareholder': a participle set off by
    a comma, hung by the parser on an unnamed object, says more of the clause's subject: that clause's verb."""
    if not (v.dep_ == "acl" and v.tag_ == "VBG" and v.i > 0 and v.doc[v.i - 1].text == ","
            and v.lemma_ in ("become", "make", "give", "bring", "take")
            and v.head.dep_ in ("dobj", "pobj") and not FROM_SPACY.get(v.head.ent_type_)):
        return None
    up = v.head.head if v.head.dep_ == "dobj" else v.head.head.head
    return up if up.pos_ in ("VERB", "AUX") else None


def _described(v: Token) -> Token:
    """The noun a participle describes; '(acquired by Sumitomo)' right after a name describes that name."""
    doc = v.doc
    if v.i >= 2 and doc[v.i - 1].text == "(" and etype(doc[v.i - 2]):
        return doc[v.i - 2]
    n, lex = v.head, load_lexicon()
    if n.lemma_.lower() in DEAL_WORDS and is_infinitive(v):
        # 'Elpida entered into an agreement to be acquired by Micron': who made the agreement is acquired
        up = n.head.head if n.dep_ == "pobj" else n.head if n.dep_ == "dobj" else None
        subjects = surface_subjects(up) if up is not None and up.pos_ in ("VERB", "AUX") else []
        if subjects:
            return subjects[0]
    if not etype(n) and n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN" \
            and v.lemma_.lower() in lex.seat_verbs \
            and not any(r.place_modifier for r in lex.roles.get(n.lemma_.lower(), ())):
        # 'a maker of airships based in Montebello': the maker is based there (but in 'founder of
        # an agency based in Leeds' the agency is, a noun for something that has a seat)
        return n.head.head
    if v.i >= 2 and doc[v.i - 1].text == "," and v.lemma_.lower() in lex.seat_verbs and not etype(n) \
            and etype(named := doc[v.i - 2]) == "ORG" and named.dep_ == "pobj" and named.head.head.i == n.i \
            and any(r.head_types == {"PERSON"} for r in rules_for(lex.roles, n, lex)):
        # 'the CEO of Veooz, based in Hyderabad': a person's title has no seat; the company named
        # right before the comma has
        return named
    if not etype(n) and n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lemma_.lower() in GROUP_NOUNS \
            and n.head.head.dep_ == "appos" and etype(n.head.head.head):
        return n.head.head.head     # 'Gemini, the family of models developed by Google DeepMind': the name
    return n


VERB_ARGS = "industry_graph_verb_args"


def verb_args(v: Token) -> dict[str, list[Token]]:
    """Logical roles of a verb: subj (the doer, also in passive), obj, and prep:X objects.

    Several rules ask for the same verb's roles in one sentence; the parse does not change while
    extract() reads it, so each verb's are worked out once per Doc (kept in its user_data)."""
    if not isinstance(v, Token):
        return _verb_args(v)
    memo = v.doc.user_data.setdefault(VERB_ARGS, {})
    if v.i not in memo:
        memo[v.i] = _verb_args(v)
    return {k: list(toks) for k, toks in memo[v.i].items()}     # a copy: callers may extend it


DESCRIBING = frozenset({"DET", "ADJ", "NOUN", "NUM"})


def _named_before_description(v: Token, subj: Token) -> list[Token]:
    """'Taipei-1, the supercomputer Nvidia runs in Kaohsiung', 'Polaris Forge 1, the campus Applied
    Digital is building', parsed as a clause with no object ('the supercomputer Nvidia' its subject):
    a relative clause without 'that' after a name and a description of it; the name is the object."""
    # ('MagicLM, a language model the company trained', 'a chip it designed': the company meant)
    described = subj.lower_ == "it" or the_company(subj) and subj.left_edge.i == subj.i - 1
    if not (etype(subj) or described) or subj.i > v.i \
            or any(not (w.dep_ in ("aux", "auxpass", "advmod", "neg")) for w in v.doc[subj.i + 1:v.i]):
        return []
    doc, i = v.doc, subj.left_edge.i - 1 if described else subj.i - 1
    words = []
    while i > 0 and doc[i].pos_ in DESCRIBING | {"PRON"} and doc[i].text != "," and not etype(doc[i]):
        words.append(doc[i])
        i -= 1
    if i < 1 or doc[i].text != "," or not etype(doc[i - 1]) or not any(w.pos_ == "NOUN" for w in words) \
            or not (words and (words[-1].pos_ == "DET" or words[-1].lower_ in ("its", "their"))):
        return []
    # ('Pixar, Marvel and Lucasfilm, the studios Disney bought': a plural description is the whole list's)
    if any(w.tag_ == "NNS" for w in words if w.pos_ == "NOUN"):
        first = doc[i - 1]
        while first.dep_ == "conj" and etype(first.head):
            first = first.head
        return [first]
    return [Exact(doc[i - 1])]


NAMING_CLAUSE_VERBS = GIVES_NAME | {"describe"}


def what_called(clause: Token) -> list[Token]:
    """'what it calls Norway's first AI factory' -> the thing so named, a clause that stands for a noun."""
    if clause.lemma_.lower() not in NAMING_CLAUSE_VERBS \
            or not any(w.dep_ == "dobj" and w.lower_ == "what" for w in clause.children):
        return []
    return [o for o in clause.children if o.dep_ == "oprd"]


# prepositions a relative clause may leave at its end: 'the start-up Nvidia invested in'
STRANDED = frozenset({"in", "into", "with", "from", "to", "for", "on", "at"})


def _verb_args(v: Token) -> dict[str, list[Token]]:
    kids = list(v.children)     # (read once: each reading makes a Token of every child)
    passive = is_passive(v)
    surface = surface_subjects(v)
    args: dict[str, list[Token]] = {"subj": [], "obj": []}
    stranded = stranded_obj = None
    if passive and v.dep_ == "acl" and (v.head.dep_ == "ROOT" or sentence(v).root.pos_ not in ("VERB", "AUX")) \
            and not any(c.dep_ == "agent" for c in kids):
        # The small model reads 'Mistral AI partnered with Microsoft.' as a noun phrase with a
        # participle; with no 'by' agent, the noun is the doer (and, if nothing else is, the object).
        passive = False
        args["subj"] = [v.head]
        if not any(c.dep_ in OBJ for c in kids):
            args["obj"] = [v.head]
    # (not 'a statement that it was serving ...': a clause with a subject of its own)
    if v.dep_ == "acl" and v.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in kids):
        args["subj"] = [v.head]
        if (up := _set_off_participle(v)) is not None:
            args["subj"] = surface_subjects(up) or args["subj"]
    doer = v.doc[v.i - 1] if v.i > 0 else None
    if v.dep_ == "acl" and v.tag_ in ("VBN", "VBD") and doer is not None and doer.head == v.head \
            and doer.dep_ in ("appos", "compound") \
            and FROM_SPACY.get(doer.ent_type_) in ("PERSON", "ORG") and not any(c.dep_ == "agent" for c in kids):
        # 'the company Elon Musk founded in 2023', read as a name in apposition and a participle:
        # a relative clause without 'that', the name its subject and the noun its object
        return _relative_without_that(v, doer)
    if passive:
        # 'CDT (acquired by Sumitomo), Canon, ...': a participle describes its own noun, not the list
        args["obj"] = [Exact(_described(v))] if v.dep_ in ("acl", "amod") else surface
        agents = [p for c in kids if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agents:
            # '... by A, and by B and C', '... by A, who ..., and B': list items the parser hung on the verb
            agents += [p for c in kids if c.dep_ in ("prep", "conj") and c.lower_ == "by"
                       for p in c.children if p.dep_ == "pobj"]
            # '... by A, a former researcher who ..., and by B and C': the second 'by' hung on the first
            agents += [p for c in kids if c.dep_ == "agent" for b in c.children
                       if b.dep_ == "conj" and b.lower_ == "by" for p in b.children if p.dep_ == "pobj"]
            agents += [c for c in kids if c.dep_ == "conj" and c.i > agents[0].i
                       and c.pos_ == "PROPN" and FROM_SPACY.get(c.ent_type_) == "PERSON"]
            # '... by A, its chairman, and his brother B', the kin noun hung on the verb
            agents += [a for c in kids if c.dep_ == "conj" and c.i > agents[0].i and c.pos_ == "NOUN"
                       for a in c.children if a.dep_ == "appos" and FROM_SPACY.get(a.ent_type_) == "PERSON"]
            # '... by A, a former researcher, together with B, C and D'
            agents += [p for a in list(agents) for c in a.children if c.dep_ == "prep" and c.lower_ == "with"
                       and any(w.lower_ in ("together", "along") for w in c.children)
                       for p in c.children if p.dep_ == "pobj"]
            if FROM_SPACY.get(agents[0].ent_type_) == "PERSON":
                agents += _counted_people(v, agents[0])
        if not agents:   # 'was started as an operation called Atlantic Crypto by A, B and C'
            agents = [p for c in kids if c.dep_ == "prep" and c.lower_ == "as" for w in c.subtree
                      if w.dep_ == "agent" and w.head.lemma_ in ("call", "name", "know")
                      for p in w.children if p.dep_ == "pobj"]
        if not agents:   # 'founded and led by Billy Hughes': coordinated participles share the 'by'
            # (not a clause with its own verb: 'was formed in 2022 ... and is jointly controlled by X')
            agents = [p for c in kids if c.dep_ == "conj" and c.tag_ == "VBN"
                      and not any(x.dep_ in ("aux", "auxpass") for x in c.children) for a in c.children
                      if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        if agents and not any(FROM_SPACY.get(a.ent_type_) for a in agents):
            agents += _among_them(v)
        args["subj"] += agents
    else:
        args["subj"] = args["subj"] or surface
        args["obj"] = [c for c in kids if c.dep_ in OBJ] or args["obj"] or [
            c for c in kids if c.dep_ == "appos" and c.i > v.i and c.pos_ in ("NOUN", "PROPN")
            and v.pos_ == "VERB"]     # 'Rebellions ships ATOM accelerators for ...', the object read as an apposition
        if not args["obj"]:     # 'opened what it calls Norway's first AI factory': the thing named
            args["obj"] = [o for c in kids if c.dep_ == "ccomp" for o in what_called(c)]
        clause = v.head if v.dep_ == "xcomp" and v.head.dep_ == "relcl" else v
        wh = [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ in ("which", "that")]
        if wh and clause.dep_ == "relcl" and not args["obj"] and any(
                c.dep_ == "nsubj" and c.i > wh[0].i for c in clause.children):
            # 'OpenAI, which he helped found': the relative pronoun read as a second subject is the object
            args["subj"] = [t for t in args["subj"] if t.i != wh[0].i]
            args["obj"] = wh
        if not args["obj"]:   # 'started Etched in 2022': a company named like a verb, read as a clause
            args["obj"] = [c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.i == v.i + 1
                           and FROM_SPACY.get(c.ent_type_) in ("ORG", "PERSON", "PRODUCT")]
        if not args["obj"] and v.lemma_.lower() == "help":   # 'helping OpenAI design a chip', read as a clause
            args["obj"] = [s for c in kids if c.dep_ in ("ccomp", "xcomp")
                           for s in c.children if s.dep_ == "nsubj"]
        if not args["obj"] and v.dep_ == "conj" and v.head.dep_ == "relcl" and not any(
                c.dep_ in ("prep", "dative") and c.lower_ not in ("as", "in", "at", "since", "from")
                and not (c.lower_ == "to" and v.lemma_ == "sell") for c in kids) \
                and any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in v.head.children):
            # 'vLex, which Lluís Faus founded in 2000 and still runs as chief executive': the second verb's
            # object is the first's, the name the clause is about ('Mobileye, the maker of chips that
            # Intel bought and still controls': what the first verb's object was read as)
            first = [o for o in verb_args(v.head)["obj"] if o.lower_ not in ("which", "that")]
            # ('Project Halo, a cluster that Humain will build and run': the pronoun, read as the first's is)
            args["obj"] = first if first and etype(first[0]) else [v.head.head] if etype(v.head.head) else [
                c for c in v.head.children if c.dep_ == "dobj" and c.lower_ in ("which", "that")]
        if not args["obj"] and any(c.dep_ == "cc" for c in kids):
            # 'co-founded and leads Cohere': the object is shared with the next verb (not 'the supercomputer
            # xAI runs in Memphis, holds 200,000 Nvidia processors', a clause the parser joined by its comma)
            args["obj"] = [o for c in kids if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i
                           for o in c.children if o.dep_ == "dobj"]
        if not args["obj"] and any(c.dep_ == "conj" and c.lemma_ in ("become", "serve", "remain") for c in kids) \
                and any(r.relation == "founded" for r in rules_for(load_lexicon().verbs, v, load_lexicon())):
            # 'founded and became chief executive of Acme', 'co-founded and served as CEO of Acme':
            # the company the next verb's title is of
            args["obj"] = [p for c in kids if c.dep_ == "conj" and c.lemma_ in ("become", "serve", "remain")
                           and c.i > v.i for a in c.children
                           for t in ([a] if a.dep_ == "attr" else [x for x in a.children if x.dep_ == "pobj"]
                                     if a.dep_ == "prep" and a.lower_ == "as" else [])
                           for o in t.children if o.dep_ == "prep" and o.lower_ == "of"
                           for p in o.children if p.dep_ == "pobj"]
        # ('a family of models it developed itself': an emphatic 'itself' is no object)
        args["obj"] = [o for o in args["obj"] if o.lower_ not in ("itself", "themselves")]
        # ('a campus that Amazon bought', read as a clause with 'that' as its marker)
        that_clause = v.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in kids) \
            and any(c.dep_ == "nsubj" for c in kids)
        # (the parser may hang a date after it on it: 'that Nvidia invested in last year')
        stranded = next((c for c in kids if c.dep_ == "prep" and c.i > v.i and c.lower_ in STRANDED
                         and (c.i + 1 == len(c.doc) or c.doc[c.i + 1].is_punct or c.doc[c.i + 1].head.i == c.i
                              or c.doc[c.i + 1].dep_ == "prep" and c.doc[c.i + 1].head.i == v.i)
                         and all(p.ent_type_ == "DATE" and p.left_edge.i == c.i + 1
                                 and p.doc[c.i + 1].lower_.split()[0] in ("last", "this", "earlier", "later", "next")
                                 for p in c.children if p.dep_ in ("pobj", "pcomp"))), None)
        if stranded is not None and v.dep_ == "relcl" and args["obj"] \
                and all(o.lower_ in ("that", "which", "whom") for o in args["obj"]):
            args["obj"] = []
        if not args["obj"] and (v.dep_ == "relcl" or that_clause) and stranded is not None:
            # 'a start-up that Nvidia invested in', 'the consultancy it bought into': the antecedent is
            # the object of the preposition left at the end, not of the verb
            stranded_obj = v.head
        elif not args["obj"] and (v.dep_ == "relcl" or that_clause) and not any(
                c.dep_ in SUBJ and c.lower_ in RELATIVE_PRONOUNS for c in kids):
            args["obj"] = [v.head]   # 'the company Elon Musk founded in 2023': the object is the antecedent
            of = v.head.head if v.head.dep_ == "pobj" and v.head.head.lower_ == "of" else None
            if of is not None and of.head.lemma_.lower() in GROUP_NOUNS and of.head.dep_ == "appos" and etype(of.head.head):
                args["obj"] = [of.head.head]    # 'AndesGPT, a family of models it developed': the name
        if (not args["obj"] or args["obj"] == [v.head] and not etype(v.head)) and args["subj"] and stranded_obj is None:
            args["obj"] = _named_before_description(v, max(args["subj"], key=lambda t: t.i)) or args["obj"]
        of = v.head.head if v.dep_ == "relcl" and v.head.dep_ == "pobj" and v.head.head.lower_ == "of" else None
        if of is not None and v.lemma_.lower() in BUYING_VERBS and of.head.lemma_.lower() in ORG_DESCRIPTIONS \
                and of.head.dep_ == "appos" and not etype(v.head) \
                and all(o.lower_ in ("which", "that") or o.i == v.head.i for o in args["obj"]):
            # 'Verigy, a maker of test systems that it bought in 2011': the name described (the one
            # before the comma, wherever the parser hung the description)
            left = of.head.left_edge.i
            named = v.doc[left - 2] if left >= 2 and v.doc[left - 1].text == "," else of.head.head
            if etype(named) == "ORG":
                args["obj"] = [Exact(named)]
    if not passive:
        # 'Index Ventures also invested, as did Innovation Endeavors': who did the same is a subject too
        args["subj"] = args["subj"] + [s for c in did_as_well(v) for s in c.children if s.dep_ == "nsubj"]
    preps: dict[str, list[Token]] = {}
    # ('makes processors for Apple and chips for AMD': each object's own 'for')
    holders = [v] + [c for o in args["obj"] if o.head == v for c in o.conjuncts + (o,)]
    # ('buy $10 billion of chips from AMD': the 'from' hung on what the amount is of)
    # ('buys most of its chips from AMD': the same for a share of them)
    holders += [p for o in args["obj"] if o.head == v and (o.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY")
                                                            or o.lower_ in load_lexicon().quantity_nouns)
                for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    # ('buy chips worth $40 billion from Nvidia': the 'from' hung on 'worth')
    holders += [a for o in args["obj"] if o.head == v for a in o.children if a.dep_ == "amod" and a.lower_ == "worth"]
    for h in holders:
        for c in h.children:
            # 'invested $1 billion in OpenAI in 2019': the verb's 'in' and its object's both count
            # ('competes with OpenAI, ..., and with Google': the second 'with' hung on the verb as a conjunct)
            if c.dep_ in ("prep", "agent", "dative") or c.dep_ == "conj" and c.pos_ == "ADP":
                preps.setdefault(c.lower_, []).extend(o for p in c.children if p.dep_ in ("pobj", "pcomp")
                                                      for o in what_called(p) or [p])
                # ('competes with start-ups and with LangChain', the second 'with' a conjunct of the first)
                preps[c.lower_].extend(p for a in c.children if a.dep_ == "conj" and a.pos_ == "ADP"
                                       and a.lower_ == c.lower_ for p in a.children if p.dep_ in ("pobj", "pcomp"))
                # ('moved its computing out of its own data centres and onto Google Cloud')
                for a in c.children:
                    if a.dep_ == "conj" and a.pos_ == "ADP" and a.lower_ != c.lower_:
                        preps.setdefault(a.lower_, []).extend(p for p in a.children if p.dep_ in ("pobj", "pcomp"))
    if stranded_obj is not None:
        preps.setdefault(stranded.lower_, []).append(stranded_obj)
    # ('leases space in the building from ST Telemedia': the 'from' hung on where)
    if v.lemma_.lower() in ("lease", "rent", "buy", "purchase", "license", "source"):
        sellers = [f for c in kids if c.dep_ == "prep" and c.lower_ in ("in", "at") for p in c.children
                   if p.dep_ == "pobj" and not etype(p) for a in p.children if a.dep_ == "prep" and a.lower_ == "from"
                   for f in a.children if f.dep_ == "pobj"]
        if sellers:
            preps.setdefault("from", []).extend(sellers)
    # 'is based out of London': the place after 'out of'
    outs = [p for c in kids if c.dep_ == "prep" and c.lower_ == "out" for o in c.children
            if o.dep_ == "prep" and o.lower_ == "of" for p in o.children if p.dep_ == "pobj"]
    if outs:
        preps["out of"] = outs
    # ('founded the business in 2013 as Codota with Eran Yahav': the 'with' hung on the name it had)
    once_called = [p for a in preps.get("as", []) if etype(a) for c in a.children
                   if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
    if once_called:
        preps.setdefault("with", []).extend(once_called)
    if v.lemma_ == "work" and "at" not in preps:
        # 'worked on particle experiments at CERN': where one worked, hung on what one worked on
        preps["at"] = [p for o in preps.get("on", []) for c in o.children if c.dep_ == "prep" and c.lower_ == "at"
                       for p in c.children if p.dep_ == "pobj"]
    # 'delivers systems for Ai2 to train its models', the 'for' hung on the infinitive after it
    for c in kids:
        if c.dep_ in ("advcl", "xcomp") and is_infinitive(c):
            preps.setdefault("for", []).extend(p for f in c.children if f.dep_ == "prep" and f.lower_ == "for"
                                               and f.i < c.i for p in f.children if p.dep_ == "pobj")
    # 'designed by Google with help from Broadcom', 'with the help of Broadcom': the helper
    helped = [h for p in preps.get("with", []) if p.lemma_.lower() in ("help", "support", "assistance")
              for c in p.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
              for h in c.children if h.dep_ == "pobj"]
    if helped:
        preps["with"] = [p for p in preps["with"] if p.lemma_.lower() not in ("help", "support", "assistance")] + helped
    # 'competing for talent with OpenAI', 'work on AI products within Meta Superintelligence Labs':
    # a partner, rival or employer hung on the verb's 'for' or 'on' object
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "over"):
            for p in c.children:
                for w in p.children if p.dep_ == "pobj" else ():
                    if w.dep_ == "prep" and w.lower_ in ("with", "against", "within", "inside", "at"):
                        preps.setdefault(w.lower_, []).extend(o for o in w.children if o.dep_ == "pobj")
    # ('makes phone processors for Apple and server chips for AMD', read as 'for [Apple and server]
    # chips' with AMD after the chips' own 'for')
    for name in ("for", "to"):
        preps[name] = preps.get(name, []) + [q for p in preps.get(name, []) if not etype(p) for c in p.children
                                             if c.dep_ == "prep" and c.lower_ == name
                                             for q in c.children if q.dep_ == "pobj" and etype(q)]
        if not preps[name]:
            del preps[name]
    for name, toks in preps.items():
        args[f"prep:{name}"] = toks
    # 'Tokyo Electron sells TSMC etching machines': who is sold to (also read as the first of two objects)
    dobjs = [c for c in kids if c.dep_ == "dobj"]
    if dative := [c for c in kids if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")
                  or c.dep_ == "dobj" and etype(c) and dobjs[-1].i > c.i]:
        args["dative"] = dative
    # 'invested in several AI start-ups, including Harvey and Glean', the examples hung on the verb:
    # they fill the role of the plural noun right before them
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("including", "like"):
            examples = [p for p in c.children if p.dep_ == "pobj"]
            if not examples:
                continue
            roles = [(key, t) for key, toks in args.items() if key == "obj" or key.startswith("prep:")
                     for t in toks if t.i < c.i and t.tag_ == "NNS" and not etype(t)]
            if roles:
                key = max(roles, key=lambda r: r[1].i)[0]
                args[key] = args[key] + examples
    return args


def _relative_without_that(v: Token, doer: Token) -> dict[str, list[Token]]:
    args: dict[str, list[Token]] = {"subj": [doer], "obj": [Exact(v.head)]}
    for c in v.children:
        if c.dep_ == "prep":
            args.setdefault(f"prep:{c.lower_}", []).extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
    return args


def _counted_people(v: Token, first: Token) -> list[Token]:
    """'founded by A and two of his former students, B and C, along with D': the people a counted
    phrase listed after the first 'by' names, and whoever comes 'along with' it."""
    out = []
    for n in v.children:
        if n.dep_ != "conj" or n.ent_type_ != "CARDINAL" or n.i < first.i:
            continue
        # (the names listed beside the count, or beside what it counts: 'two of her colleagues, B and C')
        stack = [c for c in n.children if c.dep_ in ("conj", "appos")] + [
            a for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
            if p.dep_ == "pobj" for a in p.children if a.dep_ in ("appos", "conj")]
        # 'along with D', 'together with D', hung on the counted phrase or on the verb
        stack += [p for h in (n, v) for c in h.children if c.dep_ == "prep" and c.lower_ in ("along", "together")
                  and c.i > n.i for w in c.children if w.lower_ == "with" for p in w.children if p.dep_ == "pobj"]
        while stack:
            t = stack.pop()
            if FROM_SPACY.get(t.ent_type_) == "PERSON":
                out.append(t)
                stack += [c for c in t.children if c.dep_ == "conj"]
    return sorted(out, key=lambda t: t.i)


def _among_them(v: Token) -> list[Token]:
    """'founded by the creators of Spark, among them Ali Ghodsi, Matei Zaharia and Ion Stoica':
    the people named after 'among them', wherever the parser hung the list."""
    out = []
    for tok in sentence(v):
        if tok.lower_ == "among" and tok.i > v.i and any(c.lower_ == "them" for c in tok.children):
            stack = [tok.head]
            while stack:
                t = stack.pop()
                if FROM_SPACY.get(t.ent_type_) == "PERSON":
                    out.append(t)
                    stack += [c for c in t.children if c.dep_ in ("appos", "conj")]
    return sorted(out, key=lambda t: t.i)


# verbs that bring a person in to do something: 'brought in X to lead Y' (not 'pay $2 billion to license')
STAFFING_VERBS = frozenset({"hire", "bring", "recruit", "appoint", "name", "tap", "poach", "lure", "enlist"})


def role_tokens(args: dict[str, list[Token]], spec: str) -> list[Token]:
    """'prep:in|into' -> the objects of either preposition; 'obj|subj' -> the object, or the subject
    when there is none ('folded Inflection into Microsoft AI', 'Inflection merged into Microsoft AI')."""
    if spec.startswith("prep:"):
        return [t for p in spec[5:].split("|") for t in args.get(f"prep:{p}", [])]
    return next((args[s] for s in spec.split("|") if args.get(s)), [])


class Exact:
    """An argument that stands for its own token only, without the items coordinated with it."""

    def __init__(self, tok: Token):
        self.tok = tok

    def __getattr__(self, name):
        return getattr(self.tok, name)
