"""Whether an entity can fill a relation's slot, where the statistical tagger's type and the slot
disagree: a one-word 'person' that only a company could be ('Myogen was acquired by Gilead'), a
'place' that someone joined, a 'company' that another company launched (a product). What such a
reading settles is noted on the Doc (syntax.AS_ORG, AS_PLACE) for the rest of the article."""
from __future__ import annotations

from spacy.tokens import Token

from .facilities import is_site_noun
from .lexicon import load_lexicon
from .names import COMPANY_SUFFIXES, HONORIFICS as NAME_HONORIFICS
from .ownership import brand_name, kind_of
from .syntax import (AS_ORG, AS_PERSON, AS_PLACE, FOUNDING_VERBS, GIVES_NAME, SURNAMES, conjuncts, rules_for,
                     the_company, town_before_based)

HONORIFICS = NAME_HONORIFICS | {"miss", "dame", "professor"}
DEAL_NOUNS = frozenset({"acquisition", "purchase", "takeover", "buyout", "investment", "merger", "stake", "bid"})


# the titles only a company's officers hold ('chief executive', 'CFO'; not 'president' or 'head')
OFFICER_TITLES = frozenset({"ceo", "cfo", "coo", "cto", "cpo", "cso", "chief executive", "chief executive officer",
                            "chief operating officer", "chief financial officer", "chief technology officer",
                            "co-ceo", "managing director"})


def _officer(n: Token) -> bool:
    """A company officer's title ending in n: 'chief executive', 'acting chief executive', 'CEO'."""
    words = [c.lower_ for c in n.children if c.dep_ in ("amod", "compound") and c.i < n.i and c.lower_ != "acting"]
    return n.lower_ in OFFICER_TITLES or " ".join(words[-2:] + [n.lower_]) in OFFICER_TITLES \
        or " ".join(words[-1:] + [n.lower_]) in OFFICER_TITLES


def _company_word_in(text: str) -> bool:
    return any(w.lower() in load_lexicon().org_words for w in text.split())


def fits(tok, wanted: frozenset) -> bool:
    """Whether an entity can fill a slot. A one-word name the statistical tagger called a person
    fills a slot only organisations fill ('Myogen was acquired by Gilead'): it is noted as an
    organisation for the rest of the article's reading."""
    kind = kind_of(tok)
    if kind in wanted:
        return True
    if kind == "ORG" and "PRODUCT" in wanted and launched_product(tok):
        return True
    if kind in ("ORG", "PERSON") and "PRODUCT" in wanted and named_by_maker(tok):
        return True
    if kind in ("PERSON", "PLACE") and "PRODUCT" in wanted and brand_name(tok):
        return True     # 'the group that makes Centrum', "Coca-Cola's Dasani"
    if kind == "PRODUCT" and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and (tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("join", "rejoin") or _title_of(tok)):
        # 'before joining Sand 9': one joins a company; 'founder of Tallyho, a booking platform': a
        # title is held at one
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind in ("ORG", "PERSON") and "FACILITY" in wanted and isinstance(tok, Token) and not tok.ent_id_ \
            and _called_a_site(tok) and not _company_word_in(tok.text) \
            and tok.text.split()[-1].lower().rstrip(".") not in COMPANY_SUFFIXES:
        # 'Lighthouse is a campus in Port Washington': whatever the tagger guessed (not 'Hollis
        # Brothers Co., ..., its factory', a company)
        return True
    if kind == "PRODUCT" and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and tok.dep_ == "appos" and tok.head.lemma_.lower() in SUBSIDIARY_NOUNS:
        # 'its subsidiary, Discovery Gas Transmission': what a company's part is called is a company
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind == "PRODUCT" and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and tok.dep_ == "poss" and tok.head.lemma_.lower() in DEAL_NOUNS:
        # "EchoStar's acquisition of Hughes": who makes a deal is a company, whatever the tagger guessed
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind in ("PLACE", "PERSON") and wanted == {"ORG"} and isinstance(tok, Token) \
            and tok.dep_ == "poss" and _officer(tok.head) and (kind == "PLACE" or " " in tok.text) \
            and tok.text.lower() not in load_lexicon().countries:     # ("Uganda's minister for ICT")
        # "NEOM's chief executive", "Orbital Insight's chief executive": only a company has a chief
        # executive, whatever the tagger guessed
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind in ("PERSON", "FACILITY") and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and tok.dep_ == "conj" and (first := tok.head).dep_ == "appos" and kind_of(first) == "ORG" \
            and first.head.lemma_.lower() in LISTED_COMPANY_ROLES and first.head.tag_ == "NNS":
        # "Barratt's biggest rivals, Persimmon and Taylor Wimpey": listed with a company as companies'
        # rivals or customers, a company, whatever the tagger guessed
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind == "FACILITY" and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and tok.dep_ == "appos" and tok.head.lemma_.lower() in COMPANY_ROLES and not _called_a_site(tok):
        # "Disco's main domestic rival, Tokyo Seimitsu": what a company's rival or customer is called
        # is a company, whatever the tagger guessed
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind == "FACILITY" and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and _owning_party(tok):
        # 'Miller Electric, which is owned by Illinois Tool Works': a building owns nothing, whatever
        # the tagger guessed from 'Works'
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind == "FACILITY" and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and " " not in tok.text and tok.text[:1].isupper() and not tok.text.isupper() \
            and not any(ch.isdigit() for ch in tok.text) and not _called_a_site(tok):   # ('Taipei-1')
        # 'sold the unit to Aurora': a one-word name the tagger took for a building, which the
        # gazetteer does not know as one, where only a company fits
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind in ("ORG", "FACILITY") and wanted == {"PERSON"} and isinstance(tok, Token) and not tok.ent_id_ \
            and 2 <= len(tok.text.split()) <= 3 and all(w[:1].isupper() and not w.isupper() for w in tok.text.split()) \
            and not _company_word_in(tok.text) and not any(ch.isdigit() or ch == "," for ch in tok.text):
        # 'set up the company with Sudeep Bhoja': a person's name the tagger guessed to be a company
        # (or a building: 'appointed Carolyne Hannon as ...'), where only a person fits
        tok.doc.user_data.setdefault(AS_PERSON, set()).add(tok.i)
        return True
    if kind == "ORG" and wanted == {"PLACE"} and isinstance(tok, Token) and not tok.ent_id_ \
            and tok.text[:1].isupper() and not tok.text.isupper() and len(tok.text.split()) <= 3 \
            and not _company_word_in(tok.text):
        # 'a firm based in Ridgefield, CT': a name the tagger guessed to be a company, where only a
        # place fits, and with no company word in it
        tok.doc.user_data.setdefault(AS_PLACE, set()).add(tok.i)
        return True
    if kind == "PERSON" and wanted == {"PLACE"} and isinstance(tok, Token) and not tok.ent_id_ \
            and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
            and tok.head.head.lower_ in ("based", "headquartered", "located") \
            and tok.text not in tok.doc.user_data.get(SURNAMES, ()):
        # 'based in Aliso Viejo': a town the tagger took for a person, where only a place fits
        tok.doc.user_data.setdefault(AS_PLACE, set()).add(tok.i)
        return True
    if kind == "PLACE" and wanted == {"ORG"} and isinstance(tok, Token) and not tok.ent_id_ \
            and (" " not in tok.text or tok.dep_ in ("dobj", "nsubjpass") and len(tok.text.split()) <= 3) \
            and tok.text[:1].isupper() and (not tok.text.isupper() or len(tok.text) >= 3 and tok.dep_ == "pobj"
                                            and tok.head.lower_ in ("at", "for")) \
            and not (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "outside", "across")) \
            and tok.dep_ != "compound" and not (tok.dep_ == "nmod" and tok.i < tok.head.i) \
            and not town_before_based(tok) \
            and tok.text.lower() not in load_lexicon().countries \
            and not load_lexicon().region(tok.text):
        # (nor 'The Bordeaux company', "Uganda's minister", 'running the company's Americas business')
        # (nor 'The Crawley, England-based group', the town read as a modifier of the noun, or set off:
        # 'the Baar, Switzerland-based firm')
        # 'Daniel Feldmann joined Timbercreek', 'Kinross acquired Echo Bay': a name the tagger guessed
        # to be a place, which the gazetteer does not know as one, filling a slot only organisations fill
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind == "PERSON" and "ORG" in wanted and "PERSON" not in wanted and isinstance(tok, Token) and not tok.ent_id_ \
            and " " not in tok.text and _named_by_founder(tok):
        # 'Orkin was started by Otto Orkin': a company the passive founding verb gives its founder's name
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    if kind == "PERSON" and "ORG" in wanted and "PERSON" not in wanted and isinstance(tok, Token) and not tok.ent_id_ \
            and tok.ent_type_ and (" " not in tok.text or _title_of(tok) or _company_verb(tok)) \
            and tok.i not in tok.doc.user_data.get(AS_PERSON, ()) \
            and tok.text not in tok.doc.user_data.get(SURNAMES, ()) \
            and not (tok.i and tok.doc[tok.i - 1].lower_.rstrip(".") in HONORIFICS) \
            and not (tok.dep_ == "compound" and tok.head.lower_ == "family"):   # 'Mr. Simes', 'the Aleotti family'
        tok.doc.user_data.setdefault(AS_ORG, set()).add(tok.i)
        return True
    return False


# nouns for a company's place among others: what such a noun is called in apposition is a company
COMPANY_ROLES = frozenset({"rival", "competitor", "partner", "customer", "client", "supplier", "investor", "backer",
                           "shareholder", "owner", "parent"})
# ... and those no person is listed in with companies (not 'its backers, Sequoia and Peter Thiel')
LISTED_COMPANY_ROLES = frozenset({"rival", "competitor", "customer", "client", "supplier"})
# nouns for a company held by another: what such a noun is called in apposition is a company
SUBSIDIARY_NOUNS = frozenset({"subsidiary", "unit", "division", "affiliate", "arm", "spinoff", "spin-off"})
LAUNCHING = frozenset({"launch", "release", "unveil", "introduce", "debut", "roll", "preview", "ship", "open-source"})
MAKING = frozenset({"design", "develop", "build", "train", "create", "make", "engineer", "construct"})


def launched_product(tok) -> bool:
    """'GSK launched Horizant', 'General Motors introduced the Chevrolet Volt': what a company
    launches, under a name the gazetteer does not know and with no company word in it, is a
    product, whatever the tagger guessed."""
    if not isinstance(tok, Token) or tok.ent_id_ or len(tok.text.split()) > 3 or _company_word_in(tok.text):
        return False
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in LAUNCHING:
        return any(c.dep_ == "nsubj" and kind_of(c) == "ORG" for c in tok.head.children)
    if any(a.dep_ == "appos" and a.lemma_.lower() in load_lexicon().words["product_nouns"]
           and any(p.dep_ == "poss" for p in a.children) for a in tok.children):
        return True     # "ATOM, Rebellions' first-generation inference processor"
    # 'Sohu, which Etched has designed', 'Lighthouse, which Vantage is developing': made by a company;
    # also 'Psyche, a network that Nous is building', the clause on the noun in apposition
    described = [tok] + [a for a in tok.children if a.dep_ == "appos" and a.pos_ == "NOUN"]
    return any(v.dep_ == "relcl" and v.lemma_.lower() in LAUNCHING | MAKING
               and (any(d.dep_ == "dobj" and d.lower_ in ("which", "that") for d in v.children)
                    or not any(d.dep_ in ("dobj", "ccomp", "xcomp", "attr") and not _purpose(d)
                               for d in v.children))  # ('a model it trained', '... trained to run on phones')
               and any(c.dep_ == "nsubj" and (kind_of(c) == "ORG" or c.lower_ == "it" or the_company(c))
                       for c in v.children)
               for n in described for v in n.children)


def _purpose(d: Token) -> bool:
    """'to run on the device' after a verb: what a thing was made for, not what was made."""
    return d.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in d.children)


def named_by_maker(tok) -> bool:
    """'a chip it calls Rubin', 'the technology, which SanDisk calls High Bandwidth Flash', 'Klay calls
    its technology Large Music Model': what a company calls the thing it has made is a product's name,
    whatever the tagger guessed (a person, a company)."""
    if not isinstance(tok, Token) or tok.ent_id_ or len(tok.text.split()) > 4 or _company_word_in(tok.text):
        return False
    v = tok.head if tok.dep_ == "oprd" else tok.head.head if tok.dep_ == "appos" and tok.head.dep_ == "dobj" else None
    # ('released what it calls the Empathic Voice Interface': 'it', the company the sentence is about)
    return v is not None and v.lemma_.lower() in GIVES_NAME \
        and any(c.dep_ == "nsubj" and (kind_of(c) == "ORG" or c.lower_ == "it") for c in v.children)


def _called_a_site(tok: Token) -> bool:
    """A name the sentence calls a site: 'Lighthouse is a campus', 'Gak, a data centre'."""
    described = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "be":
        described += [c for c in tok.head.children if c.dep_ == "attr"]
    if tok.dep_ == "appos":
        described.append(tok.head)
    return any(is_site_noun(d) for d in described)


def _company_verb(tok: Token) -> bool:
    """'Ostrava Metalworks is headquartered in Brno', 'Xiha Life was founded by ...': only a company is
    the passive subject of some verbs, whatever the tagger guessed (a firm named after its founders
    looks like a person)."""
    lex = load_lexicon()
    return tok.dep_ == "nsubjpass" and lex.company_verb(tok.head) \
        or any(c.dep_ == "acl" and lex.company_verb(c) for c in tok.children)


def _named_by_founder(tok: Token) -> bool:
    """The passive subject of a founding verb whose agent is a person of that family name."""
    return tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in FOUNDING_VERBS and any(
        p.ent_type_ == "PERSON" and " " in p.text and p.text.split()[-1] == tok.text
        for a in tok.head.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj")


OWNING_VERBS = frozenset({"own", "buy", "acquire", "purchase", "control", "back", "fund"})


def _owning_party(tok: Token) -> bool:
    """Who owns, buys or backs in the clause: 'owned by Illinois Tool Works', 'Illinois Tool Works owns'."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return tok.head.head.lemma_.lower() in OWNING_VERBS
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in OWNING_VERBS


def _title_of(tok: Token) -> bool:
    """'the Owner and General Manager of Volunteer Chevrolet', 'a subsidiary of Hallmark Cards': a
    name after 'of' and a title or a unit is a company, whatever the tagger guessed ('the wife of'
    is no title; a word in lower case is no name: 'a producer of zirconia')."""
    lex = load_lexicon()
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and len(tok.text.split()) <= 3 \
        and not tok.text.islower() \
        and any(r.relation in ("leads", "works_for", "founded", "subsidiary_of") and r.tail_types == {"ORG"}
                for title in conjuncts(tok.head.head) for r in rules_for(lex.roles, title, lex))
