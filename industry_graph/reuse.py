"""Answers about noun phrases reused while extract() reads one sentence.

The rules ask what the same phrase refers to many times a sentence (a verb's subject is also a role
noun's holder and a deal's owner). The answer depends on the parse, which does not change, and on
notes extract() keeps in doc.user_data as it reads:

  - per sentence: the antecedents of 'it' and 'he' and the descriptions remembered so far. These are
    written before the sentence's rules run, so extract() starts an empty memo after writing them
    (`begin`) and drops it before the next sentence's notes are written (`end`).
  - within a sentence: names noted as people, organisations or places (AS_PERSON, AS_ORG, AS_PLACE)
    and products whose maker a relation has named (MAKERS). These only ever grow, so their sizes
    date an answer: when one grows, every answer kept so far is dropped.

Outside extract() (no memo begun) nothing is kept and every question is worked out afresh.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from spacy.tokens import Token

from .clauses import VERB_ARGS
from .syntax import AS_ORG, AS_PERSON, AS_PLACE, CONJUNCTS, KNOWN_NAMES, SENTENCES

MEMO = "industry_graph_sentence_memo"
MAKERS = "industry_graph_makers"     # product -> the token of the organisation said to make it


def begin(doc) -> None:
    """Start keeping answers: the notes this sentence's rules read are written."""
    doc.user_data[MEMO] = {}


def end(doc) -> None:
    """Stop keeping answers: the per-sentence notes are about to change."""
    doc.user_data.pop(MEMO, None)


def forget(doc) -> None:
    """Drop all that was worked out for one reading of the Doc: this memo, and the parse's
    conjuncts, verb arguments, sentence bounds and the positions of known names (they hold Tokens,
    which keep the Doc alive, and the parse could be changed before the next reading)."""
    for memo in (MEMO, CONJUNCTS, VERB_ARGS, SENTENCES, KNOWN_NAMES):
        doc.user_data.pop(memo, None)


def _version(data: dict, lex) -> tuple:
    return (len(data.get(AS_PERSON, ())), len(data.get(AS_ORG, ())), len(data.get(AS_PLACE, ())),
            len(data.get(MAKERS, ())), id(lex))


def per_sentence(f: Callable) -> Callable:
    """Keep f(tok, lex, _depth)'s answers for the sentence being read (see the module docstring);
    each caller gets its own copy of the list, since callers extend what they are given."""
    name = f.__name__

    @wraps(f)
    def kept(tok, lex, _depth: int = 0):
        data = tok.doc.user_data
        memo = data.get(MEMO)
        if memo is None or type(tok) is not Token:    # an Exact argument answers differently
            return f(tok, lex, _depth)
        version = _version(data, lex)
        if memo.get(None) != version:
            memo.clear()
            memo[None] = version
        key = (name, tok.i, _depth)
        found = memo.get(key)
        if found is None:
            found = f(tok, lex, _depth)
            # the notes may have grown while f ran (an answer found in the middle of the work is
            # then not dated right): keep it only if they did not
            if memo.get(None) == version == _version(data, lex):
                memo[key] = found
        return list(found)
    return kept
