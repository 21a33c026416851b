"""Whether a sentence states a relation, reports talks about it, denies it or says it ended."""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import is_infinitive
from .lexicon import Lexicon
from .syntax import sentence

# a clause boundary: hedges and negations above it belong to another statement
BOUNDARY = ("relcl", "appos", "conj", "parataxis", "acl")


# what sets a name against the one a sentence chose: 'on Google's TPUs rather than Nvidia's GPUs'
CONTRASTS = {"than": "rather", "of": "instead"}


def contrasted(arg: Token, trigger: Token) -> bool:
    """An argument named after 'rather than' or 'instead of' (and no verb between), where the
    trigger is not in that stretch: the sentence says the relation does not hold for it."""
    if not isinstance(arg, Token):
        return False        # a name read from the text alone has no parse to look back through
    doc, sent = arg.doc, sentence(trigger)
    start = sent.start
    if not start <= arg.i < sent.end:
        return False        # 'it' or 'he' standing for a name in an earlier sentence
    if arg.dep_ in ("nsubj", "nsubjpass"):
        return False        # the subject is not what the sentence sets aside
    for k in range(arg.i - 1, max(arg.i - 8, start), -1):
        w = doc[k]
        if w.pos_ in ("VERB", "AUX") or k == trigger.i or w.is_quote:
            return False    # (a quotation's 'rather than' belongs to the quotation)
        if CONTRASTS.get(w.lower_) == doc[k - 1].lower_:
            return True
    return False


def _possessed(t: Token) -> bool:
    """A title or role with an owner: "its rival OpenAI", "Google's partner" (the owner may hang on the
    name the word describes)."""
    if t.dep_ in ("amod", "compound") and t.i < t.head.i:
        t = t.head
    # (not what a clause says something is or will be: 'to be OpenAI's compute provider')
    return t.dep_ not in ("attr", "oprd", "acomp") and any(c.dep_ == "poss" for c in t.children)


# what the parties themselves put out, beside which hearsay is no longer all there is
OWN_WORD = frozenset({"statement", "filing", "release", "announcement", "spokesman", "spokeswoman", "spokesperson"})


def _hearsay(according: Token, lex: Lexicon) -> bool:
    """'according to media reports', 'according to a person briefed on it' (not 'according to a
    filing' or 'to the company'): what others say of it, not the parties."""
    return any(p.dep_ == "pobj" and p.lemma_.lower() in lex.words["hearsay_nouns"]
               # (not '... to people familiar with the deal and a statement from the company')
               and not any(w.dep_ == "conj" and w.lemma_.lower() in OWN_WORD for w in p.subtree)
               for c in according.children if c.lower_ == "to" for p in c.children)


def _becomes(noun: Token) -> bool:
    """'become its customer', 'become one of its customers': the role is what the subject turns into."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        noun = noun.head.head
    return noun.dep_ in ("attr", "oprd") and noun.head.lemma_ == "become"


DEAL_WORDS = frozenset({"deal", "agreement", "plan", "transaction", "purchase", "acquisition", "merger", "investment",
                        "partnership", "it", "talks", "pact", "contract"})


def _ends_the_deal(v: Token, lex: Lexicon) -> bool:
    """A clause joined on by 'but' that ends what the first one agreed: 'but the two sides called off
    the deal' (not 'and ended its deal with Lambda', another deal)."""
    words = [v.lemma_.lower()] + [f"{v.lemma_.lower()} {c.lower_}" for c in v.children if c.dep_ == "prt"]
    return any(c.dep_ == "cc" and c.lower_ == "but" for c in v.head.children) \
        and any(w in lex.ended for w in words) and any(
            c.dep_ in ("dobj", "nsubjpass", "pobj") and c.lemma_.lower() in DEAL_WORDS
            and (c.lower_ == "it" or any(d.lower_ in ("the", "that") for d in c.children))
            and not any(p.dep_ == "prep" and p.lower_ == "with" for p in c.children)
            for c in [*v.children, *(g for p in v.children if p.dep_ == "prt" for g in p.children)])


def status_of(tok: Token, lex: Lexicon) -> str:
    """stated / talks / denied / ended, from negation, hedges and reporting verbs governing
    the trigger: 'is not in talks to buy' -> denied; 'may partner with' -> talks."""
    t, seen, below = tok, 0, None
    found = "stated"
    while seen < 12:
        seen += 1
        lemma = t.lemma_.lower()
        for c in t.children:
            if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
                return "ended"      # 'will no longer be OpenAI's compute provider'
            if c.dep_ == "prep" and c.lower_ == "until" and t.tag_ == "VBD" \
                    and any(p.ent_type_ == "DATE" for p in c.children):
                return "ended"      # 'It was the Australian business of Service Corporation International until 2001'
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return "denied"
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("none", "neither", "nobody"):
                return "denied"     # '... though none has announced an agreement of this size'
            if c.lower_ == "according" and _hearsay(c, lex):
                found = "talks"     # 'according to media reports', '... to people familiar with it'
            if c.dep_ in ("aux", "advmod", "mark", "amod") and (c.lower_ in lex.talks or c.lemma_ in lex.talks):
                # reported speech shifts 'will' to 'would': 'Google said it would supply SSI'
                if not (c.lower_ == "would" and t.dep_ == "ccomp" and t.head.lemma_ in lex.reporting_verbs):
                    found = "talks"
        if lemma in lex.denied and t != tok:
            return "denied"
        if lemma in lex.ended:
            return "ended"
        if t.dep_ == "prep" and t.lower_ == "as" and t.head.lemma_.lower() in ("begin", "start"):
            return "ended"  # 'began in 2012 as part of Bitfury': what it was, not what it is
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "conj" and c.i > tok.i and _ends_the_deal(c, lex) for c in t.children):
            return "ended"  # 'agreed to buy a stake in Xpeedic, but the two sides called off the deal'
        if lemma in lex.talks and found == "stated":
            found = "talks"
        if lemma == "look" and below is not None and below.dep_ == "prep" and below.lower_ in ("at", "into") \
                and found == "stated":
            found = "talks"     # 'had looked at buying a larger rival': weighed, not done
        if t.dep_ in ("acl", "ccomp", "relcl") and t.head.pos_ == "NOUN" \
                and t.head.lemma_.lower() in lex.words["report_nouns"] \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            return "talks"  # 'there have been reports that Nvidia agreed to ...': what is reported, not stated
        if (t.dep_ in BOUNDARY and not is_infinitive(t)) or t.head == t:
            break
        if t.dep_ == "advcl" and t.tag_ == "VBG" and lemma in lex.reporting_verbs:
            break   # 'ended its agreement with OpenAI, saying it had built Helix itself': what the
            #         company says, not what it ended
        if t.dep_ == "ccomp" and t.head.i > t.i and t.pos_ in ("VERB", "AUX") and t.head.lemma_ not in lex.reporting_verbs \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and t.left_edge.i == sentence(t).start:
            break   # a whole clause opening the sentence, hung by the parser on a later verb that does not
            # report it ('Equinix has formed a joint venture ..., a vehicle the three say could invest ...')
        if t is tok and lemma in lex.roles and _possessed(t) and not _becomes(t) \
                and not (t.dep_ == "pobj" and t.head.lower_ == "among"):
            break   # 'its main rival OpenAI' describes, and a hedge on the clause around it does not reach it
            # (but 'would become one of Rapidus's first customers' says what it becomes, and 'no longer
            # lists Apple among its largest customers' gives a role the verb's negation reaches)
        below, t = t, t.head
    return found
