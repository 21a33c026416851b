"""Names the tagger cut short or missed. Company words after a name it cut short: in 'Chengdu
High-tech Investment Group' the model tags 'Chengdu High-tech' (as a person) and the run of proper
nouns that spans.py joins stops at the hyphen, so 'Investment Group' ends up a company of its own.
A hyphenated name right before a company name it hangs on, which ends in a company word and is not
known to the gazetteer, is the start of that company's name: the two are one company. And a
capitalised name in apposition to a noun only a company can be ('Its closest rival, Rabbit, ...'),
which the tagger left out, is a company; so is one said to be a company ('Kijenge is a diversified
agro-processing company based in Arusha'), whatever the tagger took it for."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicon import load_lexicon
from .names import NOT_GIVEN_NAMES
from .shortnames import settle
from .syntax import rules_unremembered

CUT_SHORT = frozenset({"PERSON", "GPE", "NORP", "FAC", "ORG", "PRODUCT"})


def company_tails(doc: Doc, ents: list[Span], org_words: frozenset, unknown: list[Span]) -> list[Span]:
    """The entities, each cut-short name joined to the company name after it."""
    out: list[Span] = []
    skip = False
    for e, nxt in zip(ents, ents[1:] + [None]):
        if skip:
            skip = False
            continue
        if nxt is not None and _cut_short(e, nxt, org_words):
            span = Span(doc, e.start, nxt.end, label="ORG")
            unknown.append(span)
            out.append(span)
            skip = True
        else:
            out.append(e)
    return out


def _cut_short(e: Span, nxt: Span, org_words: frozenset) -> bool:
    return e.label_ in CUT_SHORT and not e.ent_id_ and "-" in e.text and nxt.start == e.end \
        and nxt.label_ == "ORG" and not nxt.ent_id_ and nxt[-1].lower_ in org_words \
        and nxt.start <= e[-1].head.i < nxt.end


def company_appositions(doc: Doc, ents: list[Span], roles: dict, unknown: list[Span]) -> list[Span]:
    """The entities, with untagged names in apposition to a company-only role noun added."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for t in doc:
        if t.dep_ != "appos" or t.pos_ != "PROPN" or t.i in taken or not t.text[:1].isupper() or t.is_sent_start:
            continue
        rules = roles.get(t.head.lemma_.lower(), ())
        if t.head.pos_ != "NOUN" or not any("ORG" in r.head_types for r in rules) \
                or any("PERSON" in r.head_types for r in rules):
            continue
        start = t.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == t.i \
                and doc[start - 1].pos_ == "PROPN" and start - 1 not in taken:
            start -= 1
        span = Span(doc, start, t.i + 1, label="ORG")
        added.append(span)
        unknown.append(span)
    return sorted(ents + added, key=lambda e: e.start) if added else ents


DOT_ENDINGS = frozenset({"ai", "io", "com"})


def dotted_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, each name the tokenizer cut at a dot made whole: 'Cognigy.AI', 'Character.AI'.
    Named after a company the article names alone, it is that company's product ('Cognigy ...
    Its platform, Cognigy.AI'); otherwise a company."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = {id(e): e for e in ents}
    for t in doc[:-2]:
        dot, end = doc[t.i + 1], doc[t.i + 2]
        if not (t.text[:1].isupper() and t.is_alpha and dot.text == "." and end.lower_ in DOT_ENDINGS
                and not t.whitespace_ and not dot.whitespace_):
            continue
        inside = list({id(by_token[i]): by_token[i] for i in range(t.i, t.i + 3) if i in by_token}.values())
        stem_known = any(e.ent_id_ and e.start == t.i and e.end == t.i + 1 and e.label_ == "ORG" for e in inside)
        if any(e.ent_id_ and not stem_known or e.start < t.i or e.end > t.i + 3 for e in inside):
            continue
        alone = stem_known or any(w.text == t.text and w.i != t.i and (w.i + 1 >= len(doc) or doc[w.i + 1].text != ".")
                                  for w in doc)
        span = Span(doc, t.i, t.i + 3, label="PRODUCT" if alone else "ORG")
        for e in inside:
            del out[id(e)]
        out[id(span)] = span
        unknown.append(span)
    return sorted(out.values(), key=lambda e: e.start)


def hyphened_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, each name the tokenizer cut at a hyphen made whole: 'Saxony-Anhalt' tagged
    only as 'Saxony', 'T-Systems' left out with only 'Systems' a subject."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = {id(e): e for e in ents}
    for start, end in _hyphen_runs(doc):
        inside = list({id(by_token[i]): by_token[i] for i in range(start, end) if i in by_token}.values())
        if len(inside) > 1 or any(e.ent_id_ or e.start < start or e.end > end for e in inside):
            continue        # two names joined ('Microsoft-OpenAI'), or a known one: left as they are
        last = doc[end - 1]
        if inside:
            label = inside[0].label_
        elif last.pos_ == "PROPN" and last.dep_ not in ("compound", "amod", "nmod"):
            label = "ORG"   # (not 'a Franco-German venture', a description)
        else:
            continue
        span = Span(doc, start, end, label=label)
        for e in inside:
            del out[id(e)]
        out[id(span)] = span
        unknown.append(span)
    for e in list(out.values()):
        # 'Chung Shin-a', 'Lee Jae-yong': a given name's second syllable after a hyphen
        if e.label_ == "PERSON" and not e.ent_id_ and e.end + 1 < len(doc) and doc[e.end].text == "-" \
                and not doc[e.end - 1].whitespace_ and not doc[e.end].whitespace_ \
                and doc[e.end + 1].is_lower and doc[e.end + 1].is_alpha and len(doc[e.end + 1]) <= 4 \
                and (e.end + 2 >= len(doc) or not doc[e.end + 2].text == "-") and e.end + 1 not in by_token:
            span = Span(doc, e.start, e.end + 2, label="PERSON")
            del out[id(e)]
            out[id(span)] = span
            unknown.append(span)
        elif e.label_ == "PERSON" and not e.ent_id_ and _given_name_before(doc, e) and e.start - 1 not in by_token:
            # 'Adaire Fox-Martin' tagged only from the hyphened surname
            span = Span(doc, e.start - 1, e.end, label="PERSON")
            del out[id(e)]
            out[id(span)] = span
            unknown.append(span)
    return sorted(out.values(), key=lambda e: e.start)


def _given_name_before(doc: Doc, e: Span) -> bool:
    """A capitalised word hung as a compound inside a name that starts with a hyphened word."""
    if e.start == 0 or len(e) < 3 or doc[e.start + 1].text != "-":
        return False
    given = doc[e.start - 1]
    return given.pos_ == "PROPN" and given.is_alpha and given.is_title and given.dep_ == "compound" \
        and e.start <= given.head.i < e.end and given.lower_ not in load_lexicon().roles \
        and given.lower_ not in NOT_GIVEN_NAMES | load_lexicon().public_titles


def _hyphen_runs(doc: Doc):
    """Spans of capitalised words joined by hyphens with no space: 'T-Systems', 'Saxony-Anhalt'."""
    i = 0
    while i < len(doc) - 2:
        j = i
        while j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ \
                and not doc[j + 1].whitespace_ and doc[j].text[:1].isupper() and doc[j + 2].text[:1].isupper():
            j += 2
        if j > i:
            yield i, j + 1
        i = j + 1


def companies_after_titles(doc: Doc, ents: list[Span], lex, unknown: list[Span]) -> list[Span]:
    """The entities, with an unknown 'place' after a noun only a company follows made a company:
    'chief executive of Costa Crociere', 'a product of Trayport' (a place has a president or a
    governor, not a chief executive)."""
    out = []
    # ("the Green Data Center at Tres Cantos": a site's name, no title)
    sites = {i for e in ents if e.label_ == "FAC" for i in range(e.start, e.end)}
    for e in ents:
        root = e.root
        prep = root.head.lower_ if root.dep_ == "pobj" else ""
        title = root.head.head if prep in ("of", "at") else None
        # ('the chairman of Nautor Swan', the name taken for a person's)
        if (e.label_ == "GPE" and e.text.lower() not in lex.countries and len(e.text.strip(".")) > 1
                or e.label_ == "PERSON" and prep == "of" and len(e) > 1 and _title_for(title, lex)) \
                and not e.ent_id_ and title is not None and title.i not in sites \
                and _company_title(title, prep, lex):
            e = Span(doc, e.start, e.end, label="ORG")
            unknown.append(e)
        out.append(e)
    return _untagged_after_titles(doc, out, lex, unknown)


LEADING = ("leads", "founded")


def _title_for(title: Token, lex, relations: tuple = LEADING) -> bool:
    """Whether a noun is a title for one of these relations: by default of one who runs or started a
    company ('chairman', 'co-founder'), not of staff."""
    return any(r.relation in relations for r in rules_unremembered(lex.roles, title, lex))


def _company_title(title: Token, prep: str, lex) -> bool:
    """A noun only a company follows with this preposition: 'chief executive of', 'a product of'."""
    # ('vice president' is a company's title, whatever a country's president is)
    public = title.lemma_.lower() in lex.public_titles and not any(c.lower_ == "vice" for c in title.children)
    return title.pos_ in ("NOUN", "PROPN") and not public \
        and any((r.head_types if r.reverse else r.tail_types) == {"ORG"} and prep in r.about_preps
                for r in rules_unremembered(lex.roles, title, lex))


def _untagged_after_titles(doc: Doc, ents: list[Span], lex, unknown: list[Span]) -> list[Span]:
    """The entities, with a capitalised name the tagger left out after such a noun made a company:
    'the co-founder of Age Wave'."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for t in doc:
        if t.dep_ != "pobj" or t.pos_ != "PROPN" or t.i in taken or not t.text[:1].isupper() \
                or t.head.lower_ not in ("of", "at") or not _company_title(t.head.head, t.head.lower_, lex):
            continue
        start = t.i
        while doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == t.i and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].text[:1].isupper() and start - 1 not in taken:
            start -= 1
        if t.i + 1 < len(doc) and (doc[t.i + 1].pos_ == "PROPN" or doc[t.i + 1].text in ("&", "-")) \
                or start - 1 in taken or doc[start - 1].pos_ == "PROPN":
            continue        # a longer name the parse cut
        if any(c.dep_ == "det" for c in t.children) \
                or t.head.lower_ == "of" and not _title_for(t.head.head, lex, LEADING + ("subsidiary_of",)):
            continue        # ('the Registrant'; a professor of Psychology: a field, not a company; but
            #                 'vice president of engineering at Flock': whom one works at)
        span = Span(doc, start, t.i + 1, label="ORG")
        added.append(span)
        unknown.append(span)
        taken.update(range(start, t.i + 1))
    added += _untagged_agents(doc, lex, taken, unknown)
    return sorted(ents + added, key=lambda e: e.start) if added else ents


def _untagged_agents(doc: Doc, lex, taken: set, unknown: list[Span]) -> list[Span]:
    """A capitalised name the tagger left out after 'by' of a verb only a company does: 'was bought
    by IDG', 'is owned by Zorbex'."""
    added = []
    for t in doc:
        if t.dep_ != "pobj" or t.pos_ != "PROPN" or t.i in taken or not t.text[:1].isupper() or not t.is_alpha \
                or t.head.dep_ != "agent" or t.head.head.tag_ != "VBN" \
                or t.i + 1 < len(doc) and (doc[t.i + 1].pos_ == "PROPN" or doc[t.i + 1].text in ("&", "-")):
            continue
        # (of the verb's own rules, one between subject and object: not 'set' of 'set ... against')
        if any(c.dep_ in ("det", "compound") for c in t.children) or not any(
                {r.head, r.tail} == {"subj", "obj"} and (r.head_types if r.head == "subj" else r.tail_types) == ORG_ONLY
                for r in rules_unremembered(lex.verbs, t.head.head, lex)):
            continue
        span = Span(doc, t.i, t.i + 1, label="ORG")
        added.append(span)
        unknown.append(span)
    return added


ORG_ONLY = frozenset({"ORG"})


# what the tagger may take an unknown company's name for
RETAGGABLE = frozenset({"PERSON", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


# (a place before 'the': "in Culpeper, Virginia, the Denver-based developer said")
PLACE_TAGS = frozenset({"GPE", "LOC", "NORP", "FAC"})


def described_companies(doc: Doc, ents: list[Span], company_nouns: frozenset, unknown: list[Span]) -> list[Span]:
    """The entities, with the subject of 'is a ... company' made a company: left untagged, or tagged
    as something else and not known to the gazetteer ('Kijenge is a diversified agro-processing
    company', the name read as a common noun)."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added: list[tuple[Span, list[Span]]] = []
    for v in doc:
        if v.lemma_ != "be":
            continue
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        attr = [c for c in v.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        if len(subj) != 1 or not attr or attr[0].lemma_.lower() not in company_nouns \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in attr[0].children):   # 'a unit of ...'
            continue
        s = subj[0]
        if not s.text[:1].isupper() or s.pos_ in ("PRON", "DET", "NUM") or not s.is_alpha:
            continue
        start = s.i
        while start > s.sent.start and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == s.i \
                and doc[start - 1].text[:1].isupper():
            start -= 1
        if start > s.sent.start and (doc[start - 1].text in (")", "&", "-", "'s")
                                     or doc[start - 1].pos_ == "PROPN"):
            continue        # the end of a longer name the parse cut: 'Cheung Kong (Holdings) Limited'
        old = {id(by_token[i]): by_token[i] for i in range(start, s.i + 1) if i in by_token}
        if any(e.label_ == "ORG" or e.ent_id_ or e.label_ not in RETAGGABLE for e in old.values()):
            continue
        if any(e.start < start or e.end > s.i + 1 for e in old.values()):
            continue        # a name reaching out of the subject: left as it is
        added.append((Span(doc, start, s.i + 1, label="ORG"), list(old.values())))
    # 'founded MetaMind, a deep-learning start-up that ...': a name with a company noun in apposition
    taken = {span.start for span, _ in added}
    # (the owners of a superlative's range, not of a company: "the country's largest dairy co-operative")
    wide = load_lexicon().words["wide_owners"]
    for e in ents:
        if e.ent_id_ or e.label_ == "ORG" or e.label_ not in RETAGGABLE or e.start in taken or len(e) > 4:
            continue
        nouns = [c for c in e.root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > e.end
                 and c.lemma_.lower() in company_nouns and c.tag_ == "NN"
                 and any(d.dep_ == "det" and (d.lower_ in ("a", "an") or d.lower_ == "the" and e.label_ not in PLACE_TAGS)
                         or d.dep_ == "poss" and d.lower_ in wide for d in c.children)]
        # (set right after the name: not 'Orsk, who founded ... with OpenAI, the lab she co-founded')
        nouns = [c for c in nouns if c.left_edge.i == e.end + 1]
        if nouns and e.end < len(doc) and doc[e.end].text == "," \
                and not (e.start > 0 and doc[e.start - 1].text[:1].isupper() and doc[e.start - 1].is_alpha
                         and not doc[e.start].is_sent_start):
            # (not the end of a longer name: 'FUJIFILM North America Corporation')
            added.append((Span(doc, e.start, e.end, label="ORG"), [e]))
    return settle(doc, ents, added, unknown) if added else ents
