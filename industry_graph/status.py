"""Whether a sentence states a relation, reports talks about it, denies it or says it ended."""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import is_infinitive
from .lexicon import Lexicon

# a clause boundary: hedges and negations above it belong to another statement
BOUNDARY = ("relcl", "appos", "conj", "parataxis", "acl")


def status_of(tok: Token, lex: Lexicon) -> str:
    """stated / talks / denied / ended, from negation, hedges and reporting verbs governing
    the trigger: 'is not in talks to buy' -> denied; 'may partner with' -> talks."""
    t, seen = tok, 0
    found = "stated"
    while seen < 12:
        seen += 1
        lemma = t.lemma_.lower()
        for c in t.children:
            if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
                return "ended"      # 'will no longer be OpenAI's compute provider'
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return "denied"
            if c.dep_ in ("aux", "advmod", "mark", "amod") and (c.lower_ in lex.talks or c.lemma_ in lex.talks):
                # reported speech shifts 'will' to 'would': 'Google said it would supply SSI'
                if not (c.lower_ == "would" and t.dep_ == "ccomp" and t.head.lemma_ in lex.reporting_verbs):
                    found = "talks"
        if lemma in lex.denied and t != tok:
            return "denied"
        if lemma in lex.ended:
            return "ended"
        if lemma in lex.talks and found == "stated":
            found = "talks"
        if (t.dep_ in BOUNDARY and not is_infinitive(t)) or t.head == t:
            break
        t = t.head
    return found
