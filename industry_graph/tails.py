"""Company words after a name the tagger cut short: in 'Chengdu High-tech Investment Group' the model
tags 'Chengdu High-tech' (as a person) and the run of proper nouns that spans.py joins stops at the
hyphen, so 'Investment Group' ends up a company of its own. A hyphenated name right before a company
name it hangs on, which ends in a company word and is not known to the gazetteer, is the start of
that company's name: the two are one company."""
from __future__ import annotations

from spacy.tokens import Doc, Span

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
