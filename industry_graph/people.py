"""Names the tagger typed as a company or place that a title shows to be people: 'Alain Connes is a
French mathematician', 'Iyer will serve as the CFO'. extract() notes them (syntax.AS_PERSON) for each
sentence before the relation rules read it, and etype() then answers PERSON for them."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .clauses import surface_subjects
from .lexicon import Lexicon
from .roles import SUBJECT_TAKES_ROLE
from .syntax import AS_PERSON, ORG_DESCRIPTIONS, etype, rules_for


def looks_like_name(tok: Token, lex: Lexicon, single: bool = False) -> bool:
    """'Alain Connes', 'Laurent Kratz': two to four capitalised words (one with `single`), none a
    company word."""
    words = tok.text.split()
    return (not tok.ent_id_ and (1 if single else 2) <= len(words) <= 4
            and all(w[:1].isupper() and w.replace("-", "").replace("'", "").replace(".", "").isalpha()
                    and not w.isupper() for w in words)
            and not any(w.lower() in lex.org_words or w.lower() in lex.class_nouns for w in words))


def note_people_by_title(doc: Doc, toks: list[Token], lex: Lexicon) -> None:
    """The holder of a title only people hold ('Alain Connes is a French mathematician') is a
    person, even where the statistical tagger said organisation or place: note such names."""
    marked = doc.user_data.setdefault(AS_PERSON, set())
    for tok in toks:
        if tok.pos_ not in ("NOUN", "PROPN") or etype(tok):
            continue
        rules = rules_for(lex.roles, tok, lex)
        if not rules or not all(r.head_types == {"PERSON"} and not r.reverse for r in rules):
            continue
        if tok.lemma_.lower() in ORG_DESCRIPTIONS and not _employer_named(tok):
            continue        # 'Dantrel Zirconia, a South African producer of steel': a company's description too
        named = tok
        while named.dep_ == "appos" and not etype(named.head):     # 'a mathematician, currently Professor at'
            named = named.head
        if named.dep_ == "attr":
            holders = [s for s in named.head.children if s.dep_ == "nsubj"]
        elif named.dep_ in ("appos", "compound"):
            holders = [named.head]
        elif named.dep_ == "pobj" and named.head.lower_ == "as" and named.head.head.pos_ in ("VERB", "AUX"):
            # 'Iyer will serve as the CFO', 'named Iyer as its CFO': the object, else the subject
            verb = named.head.head
            takes = verb.lemma_.lower() in SUBJECT_TAKES_ROLE or not any(c.dep_ == "dobj" for c in verb.children)
            holders = [c for c in verb.children if c.dep_ in (("nsubj", "nsubjpass") if takes else ("dobj",))]
            if not holders and takes and verb.dep_ == "xcomp":
                holders = surface_subjects(verb)    # 'Khatib began serving as editor of ...'
        else:
            holders = [c for c in tok.children if c.dep_ == "appos"]
        # one word only as the subject of 'was a professor' ('Claus'), not beside 'a leader in ...'
        marked.update(h.i for h in holders if etype(h) in ("ORG", "PLACE")
                      and (looks_like_name(h, lex, single=named.dep_ in ("attr", "pobj"))
                           or named.dep_ == "appos" and _surname_like_company_word(h, named, lex)))


def _employer_named(title: Token) -> bool:
    """Whether a title names where its holder works: 'a producer at Pinewood Studios', "Aehr's
    specialist", 'a producer for the BBC'."""
    return any(c.dep_ == "poss" and etype(c) == "ORG" for c in title.children) \
        or any(c.dep_ == "prep" and any(p.dep_ == "pobj" and etype(p) == "ORG" for p in c.children)
               for c in title.children)


def _surname_like_company_word(h: Token, title: Token, lex: Lexicon) -> bool:
    """'said Vernon Mills, Aehr's vice-president of sales': a given name and a surname that is also a
    company word, set beside a person's title at a named company, name a person."""
    words = h.text.split()
    return not h.ent_id_ and len(words) == 2 and words[0].isalpha() and words[0].istitle() \
        and words[1].isalpha() and words[1].istitle() and words[0].lower() not in lex.org_words \
        and words[0].lower() not in lex.class_nouns \
        and any(c.dep_ == "poss" and etype(c) == "ORG" for c in title.children)
