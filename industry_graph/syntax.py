"""Reading a dependency parse: which entities fill which role of a trigger word.

Works on a spaCy Doc whose entities were merged into single tokens (see nlp.make_nlp).
Nothing here knows relation names; extract.py, roles.py, nominal.py and ownership.py map roles to relations;
phrases.py turns argument tokens into entities and coref.py resolves "it" and "the company"."""
from __future__ import annotations

import re

from spacy.attrs import ENT_TYPE, POS
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from .facilities import SITE_NOUNS, is_site_noun
from .gazetteer import FROM_SPACY
from .lexicon import Lexicon, load_lexicon
from .names import COMPANY_SUFFIXES, HONORIFICS, TICKER, slug
from .shortnames import used_as_company

# dependency labels, named once
SUBJ = ("nsubj", "nsubjpass", "csubj")
# verbs by which a company names what it makes: 'a chip it calls Rubin', 'which SanDisk brands ...'
GIVES_NAME = frozenset({"call", "dub", "brand"})
OBJ = ("dobj", "dative", "attr", "oprd")
NOUN_MODS = ("compound", "nmod", "npadvmod", "amod")
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
POSS_PRONOUNS = frozenset({"its", "their", "his", "her"})
HANDOFF = ("xcomp", "advcl", "ccomp", "pcomp", "acl", "conj", "relcl", "acomp")

NOT_ENTITIES = frozenset({
    "company", "the company", "group", "the group", "firm", "board", "the board", "llp", "l.l.p", "l.l.p.",
    "inc", "inc.", "ltd", "ltd.", "corp", "corp.", "llc", "plc", "co.",
    "ai", "a.i.", "gpu", "gpus", "llm", "llms", "ceo", "cto", "agi", "api",
    "cloud", "tech", "big tech", "genai", "generative ai", "ipo", "sec", "nasdaq", "ml", "prime", "it",
    # diseases, which name what a drug or vaccine is for ('its Covid-19 vaccine')
    "covid", "covid-19", "sars-cov-2", "mpox", "rsv", "hiv", "influenza", "ebola", "zika", "malaria", "dengue",
})

BOARDS = frozenset({"board", "board of directors", "board of trustees", "board of governors", "directors"})

# the words of a company's functions, which the tagger takes for company names after a title
FUNCTIONS = frozenset({"operations", "sales", "marketing", "finance", "financial", "engineering", "research",
                       "development", "supply", "chain", "management", "business", "strategy", "human", "resources",
                       "product", "products", "technology", "legal", "communications", "investor", "relations",
                       "global", "corporate", "planning", "accounting", "manufacturing", "quality", "risk",
                       "compliance", "administration", "design", "science", "sciences", "policy", "partnerships",
                       "safety", "security", "procurement", "analytics", "and", "&", "of", "the"})

SURNAMES = "industry_graph_surnames"
SHORT_ORGS = "industry_graph_short_orgs"   # first words of the article's longer company names
FAMILY_FIRMS = "industry_graph_family_firms"    # family names the article also uses alone as their company's
AS_PERSON = "industry_graph_as_person"     # token indices a person's title shows to be people
AS_ORG = "industry_graph_as_org"           # ... and names a relation shows to be organisations
ORG_TEXTS = "industry_graph_org_texts"     # (the AS_ORG notes, how many, the texts of the names noted)
AS_PLACE = "industry_graph_as_place"       # ... or places ('based in Ridgefield', tagged a company)
PRODUCT_DESCRIPTIONS = frozenset({"model", "chatbot", "assistant", "chip", "processor", "accelerator", "app",
                                  "messenger", "software", "library", "framework", "llm", "gpu", "agent",
                                  "browser", "platform", "supercomputer", "cluster"})
# kinds of hardware sold under a name, which both lists of product nouns hold ('Armada's Galleon
# modules', 'Vetscan Imagyst analysers', 'a sensor called Halo')
MADE_GOODS = frozenset({"module", "analyser", "analyzer", "sensor"}) | frozenset(load_lexicon().words["goods_nouns"])
# what a place is called in a description ('Memphis, the city xAI built its supercomputer in')
SETTLEMENTS = frozenset({"city", "town", "village", "country", "region", "state", "county", "province", "capital"})
# verbs for starting a company
FOUNDING_VERBS = frozenset({"found", "co-found", "cofound", "establish", "start"})
# verbs by which a company names what it makes ('the assistant, which GoFundMe calls Fundraiser Coach')
NAMING_VERBS = frozenset({"call", "dub", "name", "brand"})
# what only a product is: 'an accelerator card called Corsair' names a product, whatever the tagger says
CALLED_PRODUCT_NOUNS = PRODUCT_DESCRIPTIONS | MADE_GOODS | {
    "card", "product", "service", "tool", "device", "robot", "phone", "smartphone", "editor", "feature", "engine",
    "headset", "server", "superchip", "language model"}
# other kinds of organisation a name can be said to be ('CSRN is a radio network', 'X, a broadcaster'):
# enough to tell a name the tagger missed is an organisation
# nouns for a company by its trade ('the Kentucky distiller', 'the Dutch brewer')
TRADE_NOUNS = frozenset(load_lexicon().words["trade_nouns"])
OTHER_ORG_KINDS = TRADE_NOUNS | frozenset({
    "network", "broadcaster", "channel", "publisher", "newspaper", "magazine", "airline", "carrier", "agency",
    "charity", "foundation", "nonprofit", "non-profit", "institute", "university", "school", "museum", "club",
    "team", "league", "party", "studio", "label", "chain", "brand", "operator", "consultancy", "utility",
    "exchange", "fund", "investor", "insurer", "automaker", "carmaker", "telecom", "cooperative"})
# nouns for several things of a kind: 'a family of language models', 'a line of chips'
GROUP_NOUNS = frozenset({"family", "series", "line", "suite", "range", "set", "lineup", "line-up", "collection",
                         "portfolio"})
# what a name set beside one of these is, is a product ('Clio Work, the product it introduced', 'D/Cipher,
# an advertising tool'), never a company ('service' and 'engine' may be: 'Perplexity, an answer engine')
ONLY_PRODUCTS = frozenset({"product", "tool", "device", "phone", "smartphone", "feature", "headset",
                           "superchip", "card", "server", "robot", "humanoid", "drone", "quadcopter", "version",
                           "e-reader", "reader", "tablet", "laptop", "console", "mower", "subscription", "jet",
                           "aircraft", "excavator", "tractor", "vaccine", "drug", "medicine", "game", "cheese",
                           "beer", "snack", "vitamin"})
# verbs that make or bring out a product: a name its relative clause says a company made is a product
MAKING_VERBS = frozenset({"launch", "introduce", "develop", "build", "release", "unveil", "create", "design",
                          "debut", "roll", "ship", "rebuild", "redesign", "manufacture"})
# the making verbs whose object is never a person ('unveiled Polaris Catalog', however the tagger read it)
UNVEILING_VERBS = frozenset({"launch", "unveil", "release", "debut", "ship", "rebuild", "redesign", "manufacture",
                             "build", "design"})
# verbs for running a site: a name its relative clause says a company runs is a site
RUNNING_VERBS = frozenset({"operate", "run", "manage"})
# a product noun whose owner is named ('its product', "Oppo's model"): a name set beside it is the product
# (and a line of goods: 'its iMow range', 'whose eShepherd collars')
OWNED_PRODUCT_NOUNS = (CALLED_PRODUCT_NOUNS - {"supercomputer", "cluster", "server"}) | {
    "system", "range", "collar", "drug", "medicine", "vaccine", "lens", "fibre", "fiber", "vehicle", "car", "aircraft",
    "helicopter", "fragrance", "perfume"}
ORG_DESCRIPTIONS = frozenset({"startup", "start-up", "company", "firm", "lab", "maker", "developer", "provider",
                              "chipmaker", "unicorn", "rival", "subsidiary", "unit", "spinoff", "spin-off",
                              "group", "organization", "organisation", "association", "manufacturer", "retailer",
                              "nonprofit", "institution", "conglomerate", "insurer", "lender", "bank",
                              "marketplace", "distributor", "supplier", "vendor", "specialist", "carmaker",
                              "automaker", "studio", "producer", "competitor", "operator", "miner"})
# verbs that make a product, and the description nouns of what is no product ('Memphis, the city xAI
# built its supercomputer in', a company a company set up)
MADE_VERBS = MAKING_VERBS | {"make", "produce"}
NOT_MADE_THINGS = ORG_DESCRIPTIONS | SITE_NOUNS | SETTLEMENTS
# what a company is said to sell under a name of its own ('the software Toro sells')
SOLD_GOODS = MADE_GOODS | {"software", "app", "tool", "system", "platform"}
# company nouns set right before a name that make it a company's, whatever the tagger guessed ('the
# specialist CoolTera'; not 'developer', 'maker' or 'provider', which also open products' descriptions)
NAMING_ORG_NOUNS = ORG_DESCRIPTIONS - {"rival", "group", "developer", "maker", "provider", "unit", "marketplace"}

# company nouns that never describe a person, set before a one-word name the tagger took for one
PERSONLESS_ORG_NOUNS = frozenset({"maker", "manufacturer", "automaker", "carmaker", "chipmaker", "company", "firm",
                                  "conglomerate", "distributor", "insurer", "lender", "retailer", "supplier",
                                  "start-up", "startup", "bank", "subsidiary"})
# the last word of a site's name that the tagger takes for a company's ('Airports', plural, ends one's)
NAMED_GROUNDS = frozenset({"airport", "stadium"})
# what only a company is called: a product's name so described stands for the company
STARTUP_WORDS = frozenset({"startup", "start-up", "company", "firm"})
COPULAS = frozenset({"be", "remain", "become", "stay"})     # verbs whose complement says what the subject is
ETYPE_MEMO = "industry_graph_etype"        # (surnames, short orgs, token index -> answer) of the Doc read
# label ids (Token.ent_type, Token.pos) of the words etype() has to look at: reading them as ints
# spares making a new string for each of the many words that are no names
_NAMED = frozenset(get_string_id(label) for label in (*FROM_SPACY, "WORK_OF_ART"))
_PROPN = get_string_id("PROPN")


# what a company part is called in an apposition that types a name ('Pershing, BNY's arm'); roles.OWNED_PARTS
# and slots.SUBSIDIARY_NOUNS are near lists for other readings
SITE_NUMBER = re.compile(r"\d+[A-Za-z]?")     # 'Fab 20', 'Fab 12A', 'Fab 12i'
PART_DESCRIPTIONS = frozenset({"business", "division", "arm", "unit", "subsidiary"})
RIVAL_WORDS = frozenset({"rival", "competitor"})
# the last words that make a name a company's, whatever the tagger took it for
CORPORATE_ENDINGS = COMPANY_SUFFIXES | {"company", "companies", "group", "holdings"}
# words that make a name an institution, which people work for, not a building
INSTITUTION_WORDS = frozenset({"university", "universiteit", "universität", "universitat", "université",
                               "universidad", "università", "universidade", "uniwersytet", "college", "institute",
                               "institut", "instituto", "istituto", "academy", "akademie", "school", "museum",
                               "hospital"})
# the company verbs (lexicon company_verbs) that say where a company sits, not who founded it
SEAT_VERBS = frozenset({"headquarter", "domicile"})
# the participles that say where a company is: 'based in Ridgefield', 'Headquartered in McLean, Va., SAIC'
SEAT_PARTICIPLES = frozenset({"headquartered", "based", "located"})
# passive verbs whose subject, done by a person or company, is a company or a site, never a place or a person
PLACE_READ_AS = {"found": "ORG", "co-found": "ORG", "cofound": "ORG", "acquire": "ORG", "operate": "FACILITY"}


def maybe_named(doc) -> list[int]:
    """The positions of the words etype() may type (a tagged or proper-noun word), read from the
    Doc's arrays without making a Token of every word."""
    return [i for i, (kind, pos) in enumerate(doc.to_array([ENT_TYPE, POS]).tolist()) if kind in _NAMED or pos == _PROPN]


def etype(tok: Token) -> str | None:
    """Our entity type of a merged entity token, or None for other words."""
    if tok.ent_type not in _NAMED and tok.pos != _PROPN:
        return None       # most words, asked about several times each: no rule below applies to them
    # The rules ask about the same names many times a sentence. The answer depends on the parse and
    # on the article's surnames and short company names (set once by extract()), except where a
    # rule has noted this very token as a person, company or place: those notes are read each time.
    data = tok.doc.user_data
    memo = data.get(ETYPE_MEMO)
    if memo is None or memo[0] is not data.get(SURNAMES) or memo[1] is not data.get(SHORT_ORGS):
        memo = data[ETYPE_MEMO] = (data.get(SURNAMES), data.get(SHORT_ORGS), {})
    i = tok.i
    found = memo[2].get(i)
    if found is None:
        kind = FROM_SPACY.get(tok.ent_type_)
        found = memo[2][i] = (kind is not None, _etype(tok, kind))
    if found[0]:
        if i in data.get(AS_PERSON, ()):
            return "PERSON"   # 'Alain Connes is a French mathematician': the tagger said company
        as_org = data.get(AS_ORG, ())
        if i in as_org:
            return "ORG"      # 'Myogen was acquired by Gilead': the tagger said person
        if as_org and (tok.ent_type_ == "PERSON" or tok.ent_type_ == "LOC" and not tok.ent_id_) and " " in tok.text \
                and i not in data.get(AS_PERSON, ()):
            # ('Privateer acquired Orbital Insight ... Orbital Insight's main product'): a name of
            # several words a relation showed to be a company is one wherever the article uses it
            # (and 'Knife River', taken for a river)
            texts = data.get(ORG_TEXTS)
            if texts is None or texts[0] is not as_org or texts[1] != len(as_org):
                texts = data[ORG_TEXTS] = (as_org, len(as_org), {tok.doc[k].text for k in as_org})
            if tok.text in texts[2]:
                return "ORG"
        if i in data.get(AS_PLACE, ()):
            return "PLACE"
    return found[1]


def noun_after_comma(tok: Token, whose: bool) -> Token | None:
    """The last word of the modifiers and noun set after a name by a comma and an opening word: an
    article or 'its' ('KakaoTalk, the messenger ...'), or, with `whose`, 'whose' ('Paradox, whose chatbot')."""
    doc, i = tok.doc, tok.i + 2
    if i >= len(doc) or doc[tok.i + 1].text != ",":
        return None
    opener = doc[i]
    if not whose and opener.ent_type_ and opener.ent_iob_ == "B" and i + 1 < len(doc) and doc[i + 1].tag_ == "POS":
        i += 1      # "KwaiYii, Kuaishou's family of language models": an owner's name opens it too
    elif whose != (opener.lower_ == "whose") or not whose and not (opener.pos_ == "DET" or opener.lower_ in ("its", "their")):
        return None
    # ('a business-data company': over a hyphen between modifiers)
    # ("the company's programming assistant": over an owner's "'s" to the noun owned)
    # ('the Taiwanese server maker': over a nationality the tagger marked)
    while i + 1 < len(doc) and (doc[i + 1].pos_ in ("ADJ", "NOUN") and (not doc[i + 1].ent_type_ or
                                                                      doc[i + 1].ent_type_ == "NORP" and doc[i + 1].pos_ == "ADJ")
                                or doc[i + 1].text == "-" and i + 2 < len(doc) and doc[i + 2].pos_ in ("ADJ", "NOUN")
                                and not doc[i + 2].ent_type_ and not doc[i].whitespace_
                                or doc[i + 1].tag_ == "POS" and i + 2 < len(doc) and doc[i + 2].pos_ in ("ADJ", "NOUN")
                                and not doc[i + 2].ent_type_):
        i += 2 if doc[i + 1].tag_ == "POS" else 1
    return doc[i]


def _described_after(tok: Token) -> set[str]:
    """The noun of a description set after a name by a comma, however it was parsed: 'KakaoTalk,
    the messenger Kakao launched in 2010' (read as 'the messenger Kakao'); not 'Paradox, whose chatbot
    ...', a clause about its owner."""
    noun = noun_after_comma(tok, whose=False)
    return {noun.lemma_.lower()} if noun is not None and noun.pos_ == "NOUN" else set()


def described_maker(tok: Token) -> Token | None:
    """The company in 'MiyoSmart, the myopia-control lens Hoya developed with ...', 'SmartStrand, the
    carpet fibre Mohawk makes ...': see described_doer."""
    doer = described_doer(tok, MADE_VERBS | {"sell"}, ("ORG",))
    if doer is None:
        return None
    noun = tok.doc[doer.i - 1].lemma_.lower()
    # (not 'Memphis, the city xAI built its supercomputer in', nor a company a company set up; what a
    # company sells under a name only if goods or software: 'Horizon360, the business-management
    # software Toro sells to landscapers', not 'the chain Liverpool sold')
    if noun in NOT_MADE_THINGS or described_clause(tok)[1].lemma_.lower() == "sell" and noun not in SOLD_GOODS:
        return None
    return doer


def described_doer(tok: Token, verbs: frozenset, kinds: tuple) -> Token | None:
    """Who did one of these verbs to a name, as a clause without 'that' after the name's description
    says ('SmartStrand, the carpet fibre Mohawk makes'), where the doer is of one of these kinds ('it'
    standing for a company)."""
    found = described_clause(tok)
    if found is None:
        return None
    doer, verb = found
    # ('Uncrustables, the frozen sandwiches it makes at its Longmont plant': 'it' for a company)
    if FROM_SPACY.get(doer.ent_type_) not in kinds and not (doer.lower_ == "it" and "ORG" in kinds):
        return None
    return doer if verb.lemma_.lower() in verbs else None


DESCRIBED = "industry_graph_described_clause"     # token index -> (doer index, verb index) or None


def described_clause(tok: Token) -> tuple[Token, Token] | None:
    """The doer and the verb of a clause without 'that' after a name's description: a name, a comma,
    a description, then the doer and the verb ('SmartStrand, the carpet fibre Mohawk makes', 'Aladdin
    Mills, the carpet maker his father, Alan Lorberbaum, had founded'). Read from the words, as the
    parser often hangs such a clause elsewhere or makes it the sentence's own; once for each name, as
    several rules ask."""
    memo = tok.doc.user_data.setdefault(DESCRIBED, {})
    if tok.i not in memo:
        memo[tok.i] = _described_clause(tok)
    found = memo[tok.i]
    return None if found is None else (tok.doc[found[0]], tok.doc[found[1]])


def _described_clause(tok: Token) -> tuple[int, int] | None:
    doc, k = tok.doc, tok.i + 3
    if k + 1 >= len(doc) or doc[tok.i + 1].text != "," or doc[tok.i + 2].lower_ not in ("the", "its", "a", "an"):
        return None
    # (a place may be part of the description: 'Gen-Probe, the San Diego test maker Hologic bought')
    while k < min(len(doc) - 2, tok.i + 9) and doc[k].text not in (",", ";", ":", ".", "(") and (
            not doc[k].ent_type_ and doc[k].pos_ in ("ADJ", "NOUN", "PUNCT", "ADV", "VERB", "NUM")
            or doc[k].ent_type_ in ("GPE", "NORP", "LOC") and doc[k].i < doc[k].head.i):
        k += 1
    if k == tok.i + 3 or doc[k - 1].pos_ != "NOUN":
        return None
    if doc[k].lower_ in ("his", "her", "their") and k + 3 < len(doc) and doc[k + 1].pos_ == "NOUN" \
            and doc[k + 2].text == ",":
        k += 3      # 'the carpet maker his father, Alan Lorberbaum, had founded'
    elif doc[k].lower_ in ("that", "which") and k + 2 < len(doc) and doc[k + 1].ent_type_ and doc[k + 1].i < doc[k + 1].head.i:
        k += 1      # 'GameChanger, a youth-sports app that Dick's developed': the doer named after 'that'
    j = k + 1
    if j < len(doc) and doc[j].text == "," and k > tok.i + 3 and doc[k - 1].text == ",":
        j += 1
    if j + 1 < len(doc) and doc[j].lemma_ == "have" and doc[j + 1].tag_ == "VBN":
        j += 1
    return (k, j) if j < len(doc) and doc[j].tag_ in ("VBD", "VBZ", "VBP", "VBN") else None


def _made_by_clause(tok: Token, verbs: frozenset = MAKING_VERBS) -> bool:
    """'Khanmigo, which the organisation launched last year', 'Maya, which it built to pause': a name
    set off by a comma, whose relative clause has a company (a name, 'it' or a description) making it."""
    if tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].text != ",":
        return False
    # ('Koukaryoku, the GPU cloud service it launched last year': the clause hung on the description,
    # its object the description itself)
    described = [a for a in tok.children if a.dep_ == "appos" and a.pos_ == "NOUN" and a.i > tok.i]
    for c in [c for w in (tok, *described) for c in w.children]:
        if c.dep_ == "relcl" and c.lemma_.lower() in verbs and (any(
                w.dep_ == "dobj" and w.lower_ in ("which", "that") for w in c.children)
                or c.head.i != tok.i and not any(w.dep_ in ("dobj", "nsubjpass") or w.lower_ in ("which", "that")
                                                 for w in c.children)):
            subj = [w for w in c.children if w.dep_ == "nsubj"]
            if subj and (subj[0].lower_ in ("it", "they") or subj[0].pos_ == "NOUN" and any(
                    d.lower_ == "the" for d in subj[0].children) or FROM_SPACY.get(subj[0].ent_type_) == "ORG"):
                return True
    return False


def _owns_product_after(tok: Token) -> bool:
    """A name followed by ', whose' and a product's noun: its maker."""
    noun = noun_after_comma(tok, whose=True)
    return noun is not None and noun.lemma_.lower() in PRODUCT_DESCRIPTIONS | CALLED_PRODUCT_NOUNS


def called_by_relative(tok: Token, nouns: frozenset = CALLED_PRODUCT_NOUNS) -> bool:
    """Whether a name is what a relative clause about a product noun (or another of the nouns) calls
    it: 'The tool, which Mondelez calls AIDA, ...'."""
    v = tok.head
    return v.lemma_ in ("call", "name", "dub") and v.dep_ == "relcl" and v.head.lemma_.lower() in nouns \
        and any(c.lower_ in ("which", "that") for c in v.children)


def _owned(noun: Token) -> bool:
    """A noun with an owner before it: 'its site', "Teraco's site"."""
    return any(c.dep_ == "poss" for c in noun.children)


def _place_of_named_site(tok: Token) -> bool:
    """A town a named site is said to be in, the site's description set after the town: 'its Smart
    Power Fab in Dresden, a 5-billion-euro plant' (the plant is the fab, not Dresden)."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "outside") \
        and any(c.dep_ == "appos" for c in tok.head.head.children) and tok.head.head.ent_type_ not in ("", "GPE", "LOC")


# a company's verbs of closing a deal, and what it signs
SIGNING_VERBS = frozenset({"sign", "ink", "strike"})
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "contract", "partnership", "accord"})
# what an app is called when it is its company ('Wolt, the delivery app acquired by DoorDash')
APP_NOUNS = frozenset({"app", "platform", "marketplace"})
# what a company holds in another ('a large stake in Bumble')
STAKE_NOUNS = frozenset({"stake", "shareholding", "holding", "interest"})
# verbs for buying a company: 'a maker of test systems that it bought' bought the maker
BUYING_VERBS = frozenset({"buy", "acquire", "purchase"})


def _bought_or_buying(tok: Token) -> bool:
    """A name that buys, is bought, or whose description after a comma is 'acquired by' someone."""
    verb = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in BUYING_VERBS:
        return True
    return any(c.dep_ == "appos" and any(v.dep_ == "acl" and v.tag_ == "VBN" and v.lemma_.lower() in BUYING_VERBS
                                          for v in c.children) for c in tok.children)


def _seat_town(tok: Token) -> bool:
    """A one-word name after 'based in' or 'headquartered in' that a US state's postal code follows
    ('based in Ridgefield, CT'), or that postal code itself."""
    doc, codes = tok.doc, load_lexicon().words["state_codes"]
    if tok.text in codes and tok.i > 1 and doc[tok.i - 1].text == ",":
        tok = doc[tok.i - 2]
    elif not (tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].text in codes):
        return False
    return tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.lower_ in SEAT_PARTICIPLES


MAKER_NOUNS = frozenset({"maker", "manufacturer", "producer"})


PLACE_PREPOSITIONS = frozenset({"outside", "inside", "across", "beyond", "within", "throughout"})
WORD_CASES = "industry_graph_word_cases"      # (words written lower-case, words capitalised inside a sentence)


def _common_word(tok: Token) -> bool:
    """A capitalised word that opens a sentence and that the article writes lower-case elsewhere,
    and never capitalised inside a sentence: a common word, not a name."""
    data = tok.doc.user_data
    cases = data.get(WORD_CASES)
    if cases is None:
        lower = {t.text for t in tok.doc if t.is_lower}
        named = {t.text.lower() for t in tok.doc if not t.is_lower and not t.is_sent_start}
        cases = data[WORD_CASES] = (lower, named)
    word = tok.text.lower()
    return tok.is_title and word in cases[0] and word not in cases[1]


def _made_by_maker(tok: Token) -> bool:
    """A name after 'the maker of', alone, in a list or before a noun: 'the maker of Wrangler and Lee
    jeans', 'the maker of Jose Cuervo tequila'."""
    t = tok.head if tok.dep_ == "compound" and (tok.head.pos_ == "NOUN" or tok.head.is_lower) else tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in MAKER_NOUNS


def _said_to_be_part(tok: Token) -> bool:
    """A subject said to be a company's subsidiary, unit or division: 'MBS is a subsidiary of
    Sealaska', or with that said first: 'A subsidiary of CABAL Media, AtelierCABAL is ...'."""
    if tok.dep_ != "nsubj":
        return False
    parts = PART_DESCRIPTIONS - {"business"}

    def of_owner(noun: Token) -> bool:
        return noun.lemma_.lower() in parts and any(p.dep_ == "prep" and p.lower_ == "of" for p in noun.children)
    verb = tok.head
    if verb.lemma_ == "be" and any(c.dep_ == "attr" and of_owner(c) for c in verb.children):
        return True
    return tok.i > 0 and tok.doc[tok.i - 1].text == "," and any(
        c.dep_ == "nsubj" and c.i < tok.i and of_owner(c) and c.left_edge.i == tok.sent.start for c in verb.children)


def _said_to_be_rival(tok: Token) -> bool:
    """"Rentokil's biggest competitor in the United States is Rollins": a name a company's rival is
    said to be."""
    return tok.dep_ == "attr" and tok.head.lemma_ == "be" and any(
        s.dep_ == "nsubj" and s.lemma_.lower() in RIVAL_WORDS and any(
            p.dep_ == "poss" and (FROM_SPACY.get(p.ent_type_) == "ORG" or p.lower_ in ("its", "their"))
            for p in s.children) for s in tok.head.children)


FAMILY_WORDS = frozenset({"family", "families", "brother", "brothers", "sister", "sisters", "heir", "heirs", "dynasty"})


def _family_firm(tok: Token) -> bool:
    """"Nordstrom declined to comment", in a story that names Erik and Pete Nordstrom and "Nordstrom's
    chief financial officer": the family's name alone is its company ('the Nordstrom family' and 'Mr
    Nordstrom' are the family)."""
    if tok.text not in tok.doc.user_data.get(FAMILY_FIRMS, ()) or tok.ent_id_:
        return False
    before = tok.doc[tok.i - 1].lower_.rstrip(".") if tok.i else ""
    return before not in HONORIFICS and not (
        tok.dep_ == "compound" and tok.head.lemma_.lower() in FAMILY_WORDS) and not (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in FAMILY_WORDS)


def _etype(tok: Token, kind: str | None) -> str | None:
    if kind in ("ORG", "PERSON", "PRODUCT") and not tok.ent_id_ and tok.is_sent_start and " " not in tok.text \
            and _common_word(tok):
        return None       # 'Hardware is only part of the pitch': a sentence's first word, written lower-case elsewhere
    if kind == "ORG" and not tok.ent_id_ and " " in tok.text and tok.text.split()[0].lower() in PLACE_PREPOSITIONS \
            and tok.text.split(" ", 1)[1].lower() in load_lexicon().countries:
        return None       # 'Outside India, Lenskart's biggest business is ...': a phrase, not a name
    if kind is None and tok.ent_type_ == "WORK_OF_ART" and not tok.ent_id_ and " " in tok.text \
            and tok.text.split()[-1].lower().rstrip(".,") in CORPORATE_ENDINGS:
        return "ORG"      # 'a unit of The Cooper Companies', which the tagger took for a title
    if kind in (None, "PERSON", "PLACE") and tok.pos_ == "PROPN" and _family_firm(tok):
        return "ORG"
    if kind is None and tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.head.lemma_ in ("run", "operate") \
            and any(c.dep_ == "dobj" and c.ent_type_ == "FAC" for c in tok.head.children):
        return "ORG"      # 'Debswana runs the Jwaneng mine': who runs a mine, untagged, is a company
    if kind in (None, "PERSON", "PLACE", "ORG") and not tok.ent_id_ and tok.pos_ == "PROPN" and _said_to_be_part(tok):
        return "ORG"      # 'MBS is a subsidiary of Sealaska Corporation', 'A subsidiary of CABAL Media,
        #                   AtelierCABAL is ...', which the tagger called people: no person is a subsidiary
    if not tok.ent_id_ and tok.text in load_lexicon().words["technology_words"]:
        return None       # 'stacks DRAM, the companies said': a technology, whatever describes it
    if kind == "ORG" and not tok.ent_id_ and tok.dep_ == "compound" and tok.i > 0 \
            and tok.doc[tok.i - 1].lower_ == "the" and tok.doc[tok.i - 1].head.i == tok.head.i \
            and tok.head.lemma_.lower() in load_lexicon().anaphora and tok.head.i == tok.i + 1:
        return "PLACE"    # 'The Bordeaux company makes Reachy 2': a town the tagger took for a company
    if kind == "FACILITY" and not tok.ent_id_ and tok.ent_type_ == "FAC" \
            and not INSTITUTION_WORDS.isdisjoint(tok.lower_.split()):
        return "ORG"      # 'a professor at the Vrije Universiteit', which the tagger took for a building
    if kind == "PLACE" and tok.ent_type_ == "LOC" and not tok.ent_id_ and " " in tok.text and tok.dep_ == "nsubj" \
            and tok.head.lemma_.lower() in load_lexicon().reporting_verbs \
            and not load_lexicon().region(tok.text):
        return "ORG"      # 'Knife River said on Wednesday ...': a place does not speak; a company named like one does
    if kind == "ORG" and not tok.ent_id_ and tok.lower_ in _based_towns(tok.doc):
        return "PLACE"    # 'Stoke' and 'STOKE-ON-TRENT' in a story about 'the Stoke-on-Trent-based group'
    if kind == "ORG" and not tok.ent_id_ and town_before_based(tok):
        return "PLACE"    # 'the Baar, Switzerland-based private-markets firm': a town before its country
    if kind == "ORG" and not tok.ent_id_ and tok.lower_ in load_lexicon().countries:
        return "PLACE"    # "China's Ministry of Industry ...", 'China' tagged as a company
    if kind == "ORG" and not tok.ent_id_ and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
            and tok.head.head.ent_type_ == "FAC" and tok.head.head.i == tok.head.i - 1 and " " not in tok.text \
            and tok.text not in tok.doc.user_data.get(SHORT_ORGS, ()):
        return "PLACE"    # 'its Kemsley mill in Kent, which makes ...': a site is in a place, not in a company
    if kind in ("ORG", "PERSON") and not tok.ent_id_ and len(tok.text) <= 3 and tok.text.isupper() \
            and tok.i > 1 and tok.doc[tok.i - 1].text == "," and FROM_SPACY.get(tok.doc[tok.i - 2].ent_type_) == "PLACE":
        return "PLACE"    # 'Sacramento, CA': a state's postal code after a city
    if kind == "ORG" and not tok.ent_id_ and tok.lower_.endswith((" center", " centre")) \
            and any(c.dep_ == "poss" and (c.lower_ in ("its", "their") or FROM_SPACY.get(c.ent_type_) == "ORG")
                    for c in tok.children):
        return "FACILITY"     # 'trains at its GameStop Performance Center in Frisco': a company's own centre
    if kind == "ORG" and not tok.ent_id_ and " " not in tok.text and _seat_town(tok):
        return "PLACE"    # 'a firm based in Ridgefield, CT': the town a company is based in, with its state's code
    if kind == "PRODUCT" and not tok.ent_id_ and tok.dep_ == "compound" and tok.head.i == tok.i + 1 \
            and tok.head.lemma_.lower() in PART_DESCRIPTIONS and any(
                c.dep_ == "poss" and FROM_SPACY.get(c.ent_type_) == "ORG" for c in tok.head.children):
        return "ORG"      # "Meta's Reality Labs division": what a company's division is called is a company
    if kind == "PRODUCT" and not tok.ent_id_ and tok.dep_ in ("dobj", "nsubjpass") and load_lexicon().company_verb(tok.head):
        return "ORG"      # 'co-founded TomTom in 1991', 'TomTom is headquartered in Amsterdam': no product is founded
    if kind == "PRODUCT" and tok.dep_ != "compound" and _described_after(tok) & STARTUP_WORDS:
        return "ORG"      # 'Siri, the voice-assistant start-up that Apple bought in 2010': the company of that name
    if kind == "PRODUCT" and not tok.ent_id_ and tok.dep_ != "compound" \
            and (part := noun_after_comma(tok, whose=False)) is not None \
            and part.lemma_.lower() in PART_DESCRIPTIONS and any(c.dep_ == "poss" for c in part.children):
        return "ORG"      # 'Take 5 Car Wash, its American car-wash business': a company's business is a company
    if kind == "PRODUCT" and not tok.ent_id_ and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in NAMING_ORG_NOUNS \
            and (tok.doc[tok.i - 1].head.i == tok.i and tok.doc[tok.i - 1].dep_ == "compound"
                 or tok.dep_ == "appos" and tok.head.i == tok.i - 1):
        return "ORG"      # 'the liquid-cooling specialist CoolTera': what a company noun names is a company
    if kind == "PERSON" and not tok.ent_id_ and _made_by_maker(tok):
        return "PRODUCT"  # 'Kontoor Brands, the maker of Wrangler and Lee jeans', 'Becle, the maker of Jose Cuervo
        #                   tequila': a brand, not a person
    if kind in ("ORG", "PLACE") and not tok.ent_id_ and _made_by_maker(tok) and tok.lower_ not in load_lexicon().countries \
            and not any(w.lower().rstrip(".,") in CORPORATE_ENDINGS for w in tok.text.split()):
        # 'the maker of Similac', 'the maker of the Swiss Army Knife', taken for a place or a company
        return "PRODUCT"
    if kind == "PERSON" and not tok.ent_id_ and " " not in tok.text and tok.i > 0 \
            and tok.doc[tok.i - 1].lemma_.lower() in PERSONLESS_ORG_NOUNS and tok.doc[tok.i - 1].pos_ == "NOUN":
        # 'the Swiss drug-ingredients maker Siegfried' (however parsed): what no person is called names a company
        return "ORG"
    if tok.dep_ in ("oprd", "attr", "xcomp", "dobj") and tok.head.lemma_ in ("call", "name", "dub", "brand") \
            and tok.head.dep_ == "acl" and (
                tok.ent_type_ == "WORK_OF_ART" and tok.head.head.lemma_.lower() in load_lexicon().class_nouns
                or not tok.ent_id_ and tok.head.head.lemma_.lower() in CALLED_PRODUCT_NOUNS):
        return "PRODUCT"  # 'a Japanese-language model called Takane', 'an accelerator card called Corsair'
    if tok.dep_ in ("oprd", "attr", "xcomp", "dobj", "npadvmod") and not tok.ent_id_ and called_by_relative(tok):
        return "PRODUCT"  # 'The tool, which Mondelez calls AIDA, ...'
    if tok.dep_ in ("oprd", "attr", "xcomp", "dobj", "npadvmod") and not tok.ent_id_ \
            and called_by_relative(tok, SITE_NOUNS - {"cluster", "supercomputer"}):
        return "FACILITY"  # 'The site, which Poolside calls Horizon, ...'
    if kind is None and tok.ent_type_ in ("", "EVENT") and tok.pos_ == "PROPN" \
            and (_names_employer(tok) or _employer_after(tok) or _leads_round(tok) or _said_to_be_rival(tok)
                 or tok.text[:1].isupper() and used_as_company(tok.doc[tok.i:tok.i + 1])):
        # 'Pfizer CEO Albert Bourla', "Steve Barnard, Mission's chief executive", where the tagger found
        # no name in 'Pfizer' or 'Mission' (or an event in "Rockstar Games' parent company")
        return "ORG"
    if kind is None and not tok.ent_type_ and tok.pos_ == "PROPN" and tok.dep_ == "nsubj" \
            and tok.head.lemma_ in NAMING_VERBS and tok.head.dep_ == "relcl" and any(
                c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in tok.head.children):
        return "ORG"      # 'the assistant, which GoFundMe calls Fundraiser Coach': who names a product makes it
    if tok.dep_ in ("appos", "compound") and tok.pos_ == "PROPN" and (kind == "PLACE" or not tok.ent_id_) \
            and tok.lower_ not in NOT_ENTITIES and not (tok.is_upper and len(tok.text) <= 4) \
            and kind in (None, "PERSON", "ORG", "PLACE") and tok.head.lemma_.lower() in OWNED_PRODUCT_NOUNS \
            and any(c.dep_ == "poss" for c in tok.head.children):
        return "PRODUCT"    # 'its open-source product, Phoenix', 'whose LangSmith product', which the
        #                     tagger called a place or a company
    if kind is None and not tok.ent_id_ and tok.pos_ == "PROPN" and any(
            c.dep_ in ("nmod", "compound") and c.i < tok.i - 1 and tok.doc[tok.i - 1].text == ","
            and c.lemma_.lower() in OWNED_PRODUCT_NOUNS and any(p.dep_ == "poss" for p in c.children)
            for c in tok.children):
        return "PRODUCT"    # 'its Japanese language model, CyberAgentLM3', the model hung on the name
    # (or 'the Port of Felixstowe', a place's name the tagger took with its article)
    if not tok.ent_id_ and tok.pos_ == "PROPN" and (tok.text[:1].isupper() or tok.text[:4] == "the " and tok.text[4:5].isupper()) \
            and (kind is None or kind in ("PERSON", "ORG", "PLACE")) and tok.ent_type_ not in ("DATE", "MONEY") \
            and not (kind is None and tok.lower_ in load_lexicon().roles):   # 'a Director of X, a ... company'
        if kind is None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SIGNING_VERBS and any(
                o.dep_ == "dobj" and o.lemma_.lower() in AGREEMENT_NOUNS for o in tok.head.children):
            return "ORG"      # 'Babbel, the language-learning app, has signed a multi-year agreement with ...'
        # 'Meta acquired PlayAI, a voice AI startup', 'Jais, an Arabic-language model': what the
        # apposition calls a name beats the tagger's guess, or its silence
        described = {c.lemma_.lower() for c in tok.children if c.dep_ == "appos"} | _described_after(tok)
        if kind in (None, "PLACE") and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into") \
                and tok.head.head.lemma_.lower() in STAKE_NOUNS:
            return "ORG"      # 'holds a large stake in Bumble', which the tagger called a place
        if described & APP_NOUNS and _bought_or_buying(tok):
            return "ORG"      # 'Wolt, the delivery app acquired by DoorDash', 'Vinted, the resale app, bought
            #                   Trendsales': an app that is bought or buys is its company
        # ('AndesGPT, a family of language models it developed'): what a family or a line is of
        described |= {p.lemma_.lower() for c in tok.children if c.dep_ == "appos" and c.lemma_.lower() in GROUP_NOUNS
                      for o in c.children if o.dep_ == "prep" and o.lower_ == "of" for p in o.children if p.dep_ == "pobj"}
        if tok.dep_ == "nsubj" and tok.head.lemma_ in COPULAS and tok.lower_.rstrip(".") not in COMPANY_SUFFIXES:
            # 'TCG is a subsidiary of ...', 'Depop remains a unit of Etsy'
            described |= {c.lemma_.lower() for c in tok.head.children if c.dep_ == "attr"}
        # (not a person with a product in the title: "Jack Forestell, Visa's chief product officer")
        # (nor a name closed by a legal suffix: 'founded Realty Advisory Group, Inc., his new platform')
        if described & (PRODUCT_DESCRIPTIONS | (ONLY_PRODUCTS if kind != "PERSON" else ONLY_PRODUCTS - {"product"})) \
                and tok.text.split()[-1].lower().rstrip(".,") not in COMPANY_SUFFIXES:
            return "PRODUCT"
        if kind in (None, "ORG") and _owned_product_apposition(tok) \
                and tok.text.split()[-1].lower().rstrip(".,") not in COMPANY_SUFFIXES:
            return "PRODUCT"    # 'Visa Protect, the company's set of fraud-prevention services': what a
            #                     company owns and calls a service is a product of it
        if kind in (None, "PERSON") and described_doer(tok, FOUNDING_VERBS, ("PERSON",)) is not None:
            return "ORG"        # 'Brandt Textiles, the weaver his father, Otto Brandtner, had founded'
        if kind in (None, "ORG", "PERSON") and _made_by_clause(tok) or described_maker(tok) is not None:
            return "PRODUCT"    # 'Khanmigo, which the organisation launched last year'
        if kind == "PERSON" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in UNVEILING_VERBS \
                and not described & SITE_NOUNS:     # ('is building Vega, a 205-megawatt facility')
            return "PRODUCT"    # 'Snowflake had unveiled Polaris Catalog': nobody launches a person
        if kind in (None, "PLACE", "PERSON") and _made_by_clause(tok, RUNNING_VERBS):
            # ('Aurora, the system that Argonne National Laboratory runs', which the tagger called a person)
            return "FACILITY"   # 'Jupiter, which Forschungszentrum Jülich operates in western Germany'
        if kind in (None, "PLACE", "PERSON") and described & (SITE_NOUNS - {"site", "cluster"}) \
                and tok.dep_ != "appos" and not (kind == "PLACE" and _place_of_named_site(tok)):
            return "FACILITY"   # "M16, SK Hynix's newest plant": a site the tagger took for a town
        if kind == "ORG" and tok.text.split()[-1].lower().rstrip(".,") not in COMPANY_SUFFIXES \
                and tok.text.split()[-1].lower() not in load_lexicon().org_words \
                and any(c.dep_ == "appos" and c.pos_ == "NOUN" and (c.lemma_.lower() in SITE_NOUNS - {"site", "cluster"}
                                                                   or c.lemma_.lower() == "site" and _owned(c))
                        and c.left_edge.i <= tok.i + 4 for c in tok.children):
            return "FACILITY"   # 'its Smart Power Fab in Dresden, a 5-billion-euro plant': a site taken for a company
        if kind in (None, "PLACE") and _owns_product_after(tok):
            return "ORG"      # 'acquire Paradox, whose chatbot handles scheduling'
        if kind is None and tok.i > 0 and tok.doc[tok.i - 1].head.i == tok.i \
                and tok.doc[tok.i - 1].lemma_.lower() in ORG_DESCRIPTIONS - {"rival", "group"}:
            return "ORG"      # 'through its subsidiary BTMU': a name the tagger missed after a company noun
        # ('... through its German arm, EBV Elektronik, fell', the name hung on another word)
        # ("Ansell's biggest rival in disposable gloves, Top Glove of Malaysia": the noun it hangs on)
        nouns = {tok.doc[tok.i - 2] if tok.i > 1 and tok.doc[tok.i - 1].text == "," else tok.head, tok.head}
        if kind in (None, "PERSON", "PLACE") and tok.dep_ == "appos" and any(
                any(c.dep_ == "poss" for c in noun.children)
                and (noun.lemma_.lower() in PART_DESCRIPTIONS or noun.lemma_.lower() in RIVAL_WORDS
                     and any(FROM_SPACY.get(c.ent_type_) == "ORG" or c.lower_ in ("its", "their")
                             for c in noun.children if c.dep_ == "poss")) for noun in nouns):
            return "ORG"      # "Ubisoft's own research division, La Forge", "Metaphysic's closest rival, Deep
            #                   Voodoo", which the tagger called people
        if kind in (None, "PERSON", "PLACE") and tok.dep_ == "attr" and tok.head.lemma_ in COPULAS and any(
                s.lemma_.lower() in RIVAL_WORDS and verb_of_subject(s) == tok.head
                and any(c.dep_ == "poss" and etype(c) == "ORG" for c in s.children) for s in sentence(tok)):
            return "ORG"      # "Verisure's closest rival is Prosegur", which the tagger called a place
        if (kind is None or kind == "PLACE" or kind == "PERSON" and " " in tok.text
            or kind == "FACILITY" and not described & SITE_NOUNS) \
                and described & (ORG_DESCRIPTIONS | PART_DESCRIPTIONS | OTHER_ORG_KINDS) \
                or kind == "PRODUCT" and not tok.ent_id_ and described & (ORG_DESCRIPTIONS | PART_DESCRIPTIONS | TRADE_NOUNS):
            # ('ISS, the Danish facility-services group', which the tagger called a building; 'Becle, the
            # tequila distiller', which it called a product)
            return "ORG"      # ('Cox Automotive, a subsidiary of ...', 'Boyd Thermal, the liquid-cooling business
            #                  of Boyd Corporation', which the tagger called a person; 'Pershing, BNY's arm')
        if kind is None and (tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "pobj" and tok.head.dep_ == "agent") \
                and any(_person_title(d) for d in described):
            return "PERSON"   # 'Okafor was a professor at ...', 'founded by Ilya Gelfenbeyn, its chief executive'
        if kind is None and tok.dep_ == "conj" and tok.i > 0 and tok.doc[tok.i - 1].dep_ == "compound" \
                and tok.doc[tok.i - 1].is_title and FROM_SPACY.get(tok.head.ent_type_) == "PERSON" \
                and any(_person_title(d) for d in described):
            return "PERSON"   # '... by Itamar Golan, its chief executive, and Lior Drihem, its chief technology officer'
        if kind is None and tok.dep_ in ("nsubjpass", "dobj") and load_lexicon().company_verb(tok.head):
            return "ORG"      # 'Zumo is headquartered in ...', 'co-founded Tide Shift': names the tagger missed
        if kind == "PERSON" and tok.dep_ == "dobj" and tok.head.lemma_.lower() not in SEAT_VERBS \
                and load_lexicon().company_verb(tok.head) and tok.text not in tok.doc.user_data.get(SURNAMES, ()):
            return "ORG"      # 'Anupam co-founded Occams Advisory': nobody founds a person
        if kind is None and tok.dep_ == "nsubj" and tok.is_title and tok.head.lemma_.lower() not in SEAT_VERBS \
                and load_lexicon().company_verb(tok.head) and tok.lower_ not in load_lexicon().org_words \
                and any(FROM_SPACY.get(o.ent_type_) == "ORG" for o in tok.head.children if o.dep_ == "dobj"):
            return "PERSON"   # 'Dabbiere founded Manhattan Associates', 'Professor Edelman founded ...': a
            #                   name the tagger missed, founding a company
        # ('the newest of them, Olivia, is operated by ...': the subject's apposition)
        sub = tok if tok.dep_ == "nsubjpass" else tok.head if tok.dep_ == "appos" and tok.head.dep_ == "nsubjpass" \
            and not etype(tok.head) else None
        if kind in ("PLACE", "PERSON") and sub is not None and sub.head.lemma_.lower() in PLACE_READ_AS and any(
                a.dep_ == "agent" and any(FROM_SPACY.get(p.ent_type_) in ("PERSON", "ORG") or p.pos_ == "PROPN"
                                          for p in a.children)
                for a in sub.head.children):
            # 'Amelia ... was founded in 1998 by Chetan Dube', 'Olivia is operated by the company Sigma2':
            # names the tagger took for places or people, where neither would stand
            return PLACE_READ_AS[sub.head.lemma_.lower()]
        if kind is None and any(c.dep_ == "relcl" and (load_lexicon().company_verb(c) or c.lower_ == "based" and any(
                w.dep_ == "prep" and w.lower_ == "in" for w in c.children)) for c in tok.children):
            return "ORG"      # 'Getty, which is based in Seattle', 'Zumo, which was founded in 2019'
        if kind is None and tok.dep_ == "appos" and tok.head.lemma_.lower() in ORG_DESCRIPTIONS \
                and not etype(tok.head):
            return "ORG"      # "Besi's main rival in hybrid bonding, ASMPT"
        if kind is None and tok.dep_ == "nsubjpass" and tok.head.lemma_ in ("lead", "run", "head") and any(
                a.dep_ == "agent" and any(FROM_SPACY.get(p.ent_type_) == "PERSON" for p in a.children)
                for a in tok.head.children):
            return "ORG"      # 'CoreAI is led by Jay Parikh': what a person runs, named and left untagged
    if kind is None:
        if not tok.ent_type_ and tok.pos_ == "PROPN" and tok.text in tok.doc.user_data.get(SURNAMES, ()):
            return "PERSON"   # 'Pang' after 'Ruoming Pang', which the tagger left untagged
        if tok.ent_type_ in ("", "NORP") and tok.pos_ == "PROPN" and tok.text in tok.doc.user_data.get(SHORT_ORGS, ()):
            return "ORG"      # 'Annapurna' after 'Annapurna Labs' ('Empyrean' after 'Empyrean Technology',
            #                   which the tagger took for a nationality)
        if not tok.ent_type_ and tok.pos_ == "PROPN" and tok.dep_ == "conj" and tok.text[:1].isupper() \
                and FROM_SPACY.get(tok.head.ent_type_) == "ORG" and tok.lower_ not in load_lexicon().last_words:
            return "ORG"      # 'Core42 ... and Inception': a name listed with a company, left untagged
        return None
    if not tok.ent_id_ and kind in ("PLACE", "PERSON") and tok.text in tok.doc.user_data.get(SHORT_ORGS, ()):
        return "ORG"      # 'Annapurna' after 'Annapurna Labs', though the tagger called it a place
    if not tok.ent_id_ and kind != "PERSON" and tok.text in tok.doc.user_data.get(SURNAMES, ()):
        return "PERSON"   # 'Pang' after 'Ruoming Pang', though the tagger called it a company
    if tok.ent_id_ and kind == "ORG" and tok.text in tok.doc.user_data.get(SURNAMES, ()) and slug(tok.text) != tok.ent_id_:
        return "PERSON"   # 'Cowen' after 'Alan Cowen': a person, not the short form of a known company's
        #                   name (TD Cowen); a company's own name stays one ('Dell' after 'Michael Dell')
    if not tok.ent_id_:  # statistical NER only: skip the junk it tags in this domain
        text = tok.text.strip()
        if text.lower() in NOT_ENTITIES or len(text) < 2 or text.islower() or TICKER.fullmatch(text):
            return None
        if kind == "ORG" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) \
                and tok.dep_ not in ("compound", "poss"):
            return None   # 'a former Navy SEAL': a kind of person or thing, which no company's name is
        if kind == "ORG" and (text.lower().removeprefix("the ") in BOARDS or text.lower().endswith(" committee")):
            return None   # 'Chairman of the Board of Directors': a company's organ, not a company
        if kind == "ORG" and all(w in FUNCTIONS for w in text.lower().replace(",", " ").split()):
            return None   # 'Vice President of Operations and Supply Chain Management': a function
        words = text.split()
        if kind in ("ORG", "PERSON", "PLACE") and len(words) == 2 and words[0].lower() in SITE_NOUNS \
                and SITE_NUMBER.fullmatch(words[1]):
            return "FACILITY"   # 'Fab 20', 'Campus 2', 'Fab 12A': a site noun and its number
        lex, last = load_lexicon(), words[-1].lower()
        if kind == "PRODUCT" and (_names_site(tok) or any(
                c.dep_ == "conj" and c.i - tok.i in (3, 4) and c.lemma_.lower() in ("centre", "center", "campus", "plant")
                and tok.doc[tok.i + 1].lower_ == "and" and tok.doc[tok.i + 2].text[:1].isupper() for c in tok.children)):
            return "FACILITY"   # 'the NM1 and D1 data centres', which the tagger called products
        if kind in ("ORG", "PERSON", "PLACE") and len(words) > 1 and last in NAMED_GROUNDS and words[-1].istitle():
            return "FACILITY"   # 'London Luton Airport', 'Hill Dickinson Stadium': one site, whatever the tagger said
        if kind in ("ORG", "PERSON", "PLACE") and len(words) > 2 and words[-2].lower() == "data" \
                and last in ("center", "centre"):
            return "FACILITY"   # 'the National AI Data Center': one site (not 'Vantage Data Centers', a firm)
        if kind in ("PERSON", "FACILITY") and last in lex.org_words \
                and (kind == "PERSON" or not any(r.relation == "operates" for r in lex.roles.get(last, ()))
                     and not _names_site(tok)):
            return "ORG"   # 'Zorblax Robotics', 'the Hing Wa Group' (not a '... Center'): firms taken for people, sites
        if kind == "PLACE" and len(words) > 1 and last.strip(".,") in COMPANY_SUFFIXES:
            return "ORG"   # 'Las Vegas Sands Corp.': a legal suffix ends a company's name, not a place's
    return kind


def _names_site(tok: Token) -> bool:
    """A site's name set before its noun: 'the Gasan AI data centre', 'the Nurion supercomputer'."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.text[:1].isupper() and nxt is not None and nxt.pos_ == "NOUN" \
        and (is_site_noun(nxt) or nxt.lower_ == "data")


def _person_title(lemma: str) -> bool:
    rules = load_lexicon().roles.get(lemma, ())
    return bool(rules) and all(r.head_types == {"PERSON"} and not r.reverse for r in rules)


FLAT = ("compound", "amod")      # how the words of a title set before a name hang on it

IRREGULAR = {"led": "lead", "ran": "run", "founders": "founder", "investors": "investor", "owners": "owner",
             "ceos": "ceo", "founded": "found", "founding": "found"}

SENTENCES = "industry_graph_sentences"     # (token count, token index -> its sentence's (start, end))
KNOWN_NAMES = "industry_graph_known_names"  # the positions of the words the gazetteer named


def the_company(t: Token) -> bool:
    """'the company', 'the start-up': a description right after 'the', standing for a company named before."""
    return t.lemma_.lower() in load_lexicon().anaphora and t.i > 0 and t.doc[t.i - 1].lower_ == "the"


def verb_of_subject(n: Token) -> Token | None:
    """The verb whose subject a noun is; also for a noun the parser hung as an apposition on an
    opening phrase, right before a 'be' left without a subject ('In Spain, its biggest market,
    Verisure's closest rival is Prosegur')."""
    if n.dep_ in ("nsubj", "nsubjpass"):
        return n.head
    after = n.right_edge.i + 1
    # (or on the phrase the parser took for the subject: 'its biggest market' there)
    if n.dep_ == "appos" and after < len(n.doc) and (v := n.doc[after]).lemma_ == "be" and v.dep_ == "ROOT" \
            and all(c.i == n.head.i for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")):
        return v
    return None


def sentence(tok: Token) -> Span:
    """The sentence a token stands in. Token.sent searches the Doc for the boundaries each time it is
    asked; they are found once per Doc here (a Doc whose length changed is searched again)."""
    doc = tok.doc
    memo = doc.user_data.get(SENTENCES)
    if memo is None or memo[0] != len(doc):
        bounds = [(0, 0)] * len(doc)
        for sent in doc.sents:
            bounds[sent.start:sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
        memo = doc.user_data[SENTENCES] = (len(doc), bounds)
    start, end = memo[1][tok.i]
    return Span(doc, start, end)


def key_phrases(tok: Token, max_words: int) -> list[str]:
    """Lookup keys for a trigger token, longest first: 'chief executive officer', 'team up', 'ceo'."""
    lemma = tok.lemma_.lower()
    keys = []
    for prt in tok.children:
        if prt.dep_ == "prt":
            keys.append(f"{lemma} {prt.lower_}")
        elif prt.dep_ == "oprd" and prt.lower_ == "private" or prt.dep_ == "dobj" and any(
                c.dep_ == "amod" and c.lower_ == "private" and c.i > prt.i for c in prt.children):
            keys.append(f"{lemma} private")     # 'SoftBank took Arm private'
        elif prt.dep_ == "dobj" and prt.lower_ == "part" and lemma == "take":
            keys.append("take part")            # 'OpenAI also took part'
    # the words before the trigger, in its sentence, as far as the longest phrase reaches: made once
    first = max(sentence(tok).start, tok.i - max_words + 1) if max_words > 1 else tok.i
    before = [tok.doc[j] for j in range(first, tok.i)]
    # what the test below reads of each word, read once for all the phrase lengths tried:
    # (its head's index, whether it is flat beside the trigger, whether it is punctuation, a hyphen)
    flat_trigger, trigger_head = tok.dep_ in FLAT, tok.head.i
    seen = [(h, flat_trigger and w.dep_ in FLAT and h == trigger_head, w.is_punct, w.text == "-")
            for w in before for h in (w.head.i,)]
    for k in range(max_words - 1, 0, -1):
        start = tok.i - k
        if start < first:
            continue
        words = before[start - first:]
        # modifiers of the trigger, or flat words beside it ('SoftBank Chief Executive Masayoshi
        # Son'; 'SK Hynix chief executive Kwak Noh-jung' with 'chief' hung on the name)
        if all((start <= h <= tok.i or flat) and not punct or dash
               for h, flat, punct, dash in seen[start - first:]):
            text = "".join(w.lower_ + w.whitespace_ for w in words).replace(" - ", "-")
            keys.append(f"{text}{lemma}" if text.endswith("-") else f"{text.strip()} {lemma}")
    keys += [lemma, tok.lower_]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "ROOT" and tok.lower_.endswith("s"):
        stem = tok.lower_[:-1]    # 'competes' read as a noun: try the verb's base forms
        keys += [stem, stem[:-1], stem[:-2] + "y" if stem.endswith("ie") else stem]
    if tok.lower_.startswith("co-"):      # 'co-founded' is kept whole by the tokenizer
        base = tok.lower_[3:]
        forms = [IRREGULAR.get(base, base), *(base[:-len(e)] for e in ("ed", "ing", "s") if base.endswith(e))]
        # the co- verb's own base forms first ('co-designed' -> 'co-design'; the lemmatizer gives 'co-designe')
        keys += [f"co-{f}" for f in forms] + forms
    return list(dict.fromkeys(keys))


CONJUNCTS = "industry_graph_conjuncts"


def conjuncts(tok: Token) -> list[Token]:
    """The token and everything coordinated with it ('Google and Amazon')."""
    if type(tok) is not Token:        # an Exact argument is listed as itself
        return _conjuncts(tok)
    # asked of the same phrase by many rules; the parse does not change while extract() reads
    # it, so each token's list is worked out once per Doc (extract() starts a new memo)
    memo = tok.doc.user_data.get(CONJUNCTS)
    if memo is None:
        memo = tok.doc.user_data[CONJUNCTS] = {}
    found = memo.get(tok.i)
    if found is None:
        found = memo[tok.i] = _conjuncts(tok)
    return list(found)


def _conjuncts(tok: Token) -> list[Token]:
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
        if t.ent_type_:   # 'by Mike Clark, Hayden Tennant and Lisa Humphries': a list read as apposition
            # (not one hung on a subject from beyond its verb: 'Perplexity teamed up with Time, Der Spiegel, ...')
            todo.extend(c for c in t.children if c.dep_ == "appos" and c.ent_type_ == t.ent_type_
                        and not t.i < t.head.i < c.i)
            # 'Bharti Airtel and Deutsche Telekom' read as a modifier of the second name
            todo.extend(c for c in t.children if c.dep_ in ("nmod", "compound") and c.ent_type_ == t.ent_type_
                        and c.i + 1 < t.i and t.doc[c.i + 1].lower_ in ("and", "or", ","))
            # 'OpenAI and Anthropic, both of which ..., as well as Mistral AI': the last item hung on the clause
            todo.extend(c for r in t.children if r.dep_ == "relcl" for c in r.children
                        if c.dep_ == "conj" and c.ent_type_ == t.ent_type_ and c.pos_ == "PROPN")
            if t.dep_ == "pobj" and t.i + 2 < len(t.doc) and t.doc[t.i + 1].text == ",":
                # 'teamed up with Time, Der Spiegel, Fortune and The Texas Tribune': the rest of the list
                # hung on the verb, as if its own phrase; it must end in 'and' or 'or' to be a list
                n = t.doc[t.i + 2]
                if n.ent_type_ == t.ent_type_ and n.head.i < t.i and n.dep_ in ("npadvmod", "appos", "dobj") \
                        and any(c.dep_ == "cc" for m in n.subtree if m.dep_ == "conj" for c in m.children):
                    todo.append(n)
    return sorted(out, key=lambda t: t.i)


def is_class_noun(tok: Token, lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.class_nouns or tok.lower_ in lex.class_nouns


def governing_verb(tok: Token) -> Token | None:
    """The verb a noun phrase hangs from, through prepositions: 'entered into a partnership'."""
    t = tok
    for _ in range(6):
        if t.dep_ in ("ROOT",) and t.pos_ not in ("VERB", "AUX"):
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.dep_ not in ("prep", "pobj", "dobj", "attr", "appos", "conj", "npadvmod", "compound", "nmod"):
            return None if t.pos_ not in ("ADP",) else t.head if t.head.pos_ in ("VERB", "AUX") else None
    return None


KEY_PHRASES = "industry_graph_key_phrases"


def rules_for(table: dict, tok: Token, lex: Lexicon) -> tuple:
    """The trigger rules of a token, matching its longest key phrase first."""
    # the same token is looked up in several tables (verbs, roles, events, modifiers), and most
    # words in none: its phrases (none for most) are worked out once per Doc and lexicon
    memo = tok.doc.user_data.get(KEY_PHRASES)
    if memo is None or memo[0] is not lex:
        memo = tok.doc.user_data[KEY_PHRASES] = (lex, {})
    keys = memo[1].get(tok.i)
    if keys is None:
        keys = memo[1][tok.i] = _trigger_keys(tok, lex)
    for key in keys:
        if key in table:
            return table[key]
    return ()


def rules_unremembered(table: dict, tok: Token, lex: Lexicon) -> tuple:
    """rules_for() for a Doc whose tokens may still be merged (the memo is by token index)."""
    return next((table[key] for key in _trigger_keys(tok, lex) if key in table), ())


def _trigger_keys(tok: Token, lex: Lexicon) -> list[str]:
    if tok.lemma_.lower() not in lex.last_words and tok.lower_ not in lex.last_words \
            and not tok.lower_.startswith("co-") \
            and not (tok.lower_.endswith("s") and tok.dep_ in ("ROOT", "conj") and tok.pos_ in ("NOUN", "PROPN")):
        return []     # most words end no trigger phrase ('competes' read as a noun is tried as a verb)
    # only as many words before the trigger as its longest phrase has ('chief executive officer')
    reach = max(lex.reach.get(tok.lemma_.lower(), 0), lex.reach.get(tok.lower_, 0))
    return key_phrases(tok, min(lex.max_words, reach + 1))


_TITLE_WORDS: dict[str, frozenset] = {}


def _title_words(lex: Lexicon) -> frozenset:
    """Every word of a person's title ('chief', 'executive', 'officer', ...)."""
    if lex.version not in _TITLE_WORDS:
        _TITLE_WORDS[lex.version] = frozenset(
            w for lemma, rules in lex.roles.items() if any(r.head_types == {"PERSON"} for r in rules)
            for w in lemma.split())
    return _TITLE_WORDS[lex.version]


def _leads_round(tok: Token) -> bool:
    """'a Series B round led by DTCP': who leads a round is an investor the tagger missed."""
    verb = tok.head.head
    return tok.text[:1].isupper() and tok.dep_ == "pobj" and tok.head.dep_ == "agent" and verb.dep_ == "acl" \
        and verb.lemma_.lower() in ("lead", "co-lead", "back", "fund") \
        and verb.head.lemma_.lower() in ("round", "financing", "funding")


# nouns a name's owned apposition calls it by, beside the product nouns: 'its layer of AI models'
OWNED_GROUP_NOUNS = GROUP_NOUNS | {"layer", "combination"}
OWNED_THINGS = OWNED_PRODUCT_NOUNS | {"database", "format", "catalogue", "catalog"}


def _owned_product_apposition(tok: Token) -> bool:
    """'Atlas, the cloud database service the company launched', 'Workday Illuminate, its layer of AI
    models': an apposition owned by someone ('its', 'the company's') or made by them, naming a service,
    tool or other product noun."""
    for c in tok.children:
        if c.dep_ != "appos" or c.pos_ != "NOUN" or c.i < tok.i:
            continue
        nouns = [c] + [p for o in c.children if o.dep_ == "prep" and o.lower_ == "of"
                       and c.lemma_.lower() in OWNED_GROUP_NOUNS for p in o.children if p.dep_ == "pobj"]
        owned = any(o.dep_ == "poss" for o in c.children) or any(
            r.dep_ == "relcl" and r.lemma_.lower() in MAKING_VERBS for r in c.children)
        if owned and any(n.lemma_.lower() in OWNED_THINGS for n in nouns):
            return True
    return False


def _employer_after(tok: Token) -> bool:
    """A capitalised word after a person's title and 'at': 'Kristina Lehmann, a partner at DTCP'."""
    title = tok.head.head
    if tok.dep_ != "pobj" or tok.head.lower_ != "at" or not tok.text[:1].isupper() or title.pos_ != "NOUN" \
            or title.dep_ != "appos" or FROM_SPACY.get(title.head.ent_type_) != "PERSON":
        return False
    lex = load_lexicon()
    return tok.lower_ not in _title_words(lex) and _employee_title(title, lex)


BASED_TOWNS = "industry_graph_based_towns"


def _based_towns(doc) -> frozenset:
    """The unknown names the article writes before '-based' and a word for a company ('the
    Stoke-on-Trent-based group'), lower-case, with the first word of a hyphened one ('stoke'): places,
    whatever the tagger calls them elsewhere."""
    towns = doc.user_data.get(BASED_TOWNS)
    if towns is None:
        anaphora = load_lexicon().anaphora
        found = set()
        for t in doc[:-3]:
            if t.ent_type_ and not t.ent_id_ and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ == "based" \
                    and doc[t.i + 3].lemma_.lower() in anaphora:
                found.add(t.lower_)
                if "-" in t.text and t.text.split("-")[0].istitle():
                    found.add(t.text.split("-")[0].lower())
        towns = doc.user_data[BASED_TOWNS] = frozenset(found)
    return towns


def town_before_based(tok: Token) -> bool:
    """'the Baar, Switzerland-based private-markets firm': a name between 'the' and a place's '-based'."""
    doc = tok.doc
    return 0 < tok.i < len(doc) - 4 and doc[tok.i - 1].lower_ == "the" and doc[tok.i + 1].text == "," \
        and FROM_SPACY.get(doc[tok.i + 2].ent_type_) == "PLACE" and doc[tok.i + 3].text == "-" \
        and doc[tok.i + 4].lower_ == "based"


def _names_employer(tok: Token) -> bool:
    """A capitalised word before a person's title before the person: 'Pfizer CEO Albert Bourla'."""
    title = tok.head
    if tok.dep_ != "compound" or not tok.text[:1].isupper() or title.dep_ != "compound" \
            or FROM_SPACY.get(title.head.ent_type_) != "PERSON" or title.ent_type_:
        return False
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return False          # 'Blue Origin CEO Dave Limp': one word of a longer name, leave it
    lex = load_lexicon()
    if tok.lower_ in _title_words(lex) or tok.lower_ in lex.class_nouns \
            or f"{tok.lower_} {title.lower_}" in lex.public_titles:
        return False          # 'Chief Executive Officer Jane Roe', 'Prime Minister Mark Carney'
    return _employee_title(title, lex)


def _employee_title(title: Token, lex: Lexicon) -> bool:
    """A title a person holds at an organisation ('partner', 'CEO')."""
    return any(r.head_types == {"PERSON"} and "ORG" in r.tail_types for r in rules_for(lex.roles, title, lex))
