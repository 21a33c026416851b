"""Named products: 'its Wormhole cards', 'the Blackhawk accelerator', 'Rebellions' ATOM chips'. A
name the gazetteer does not know, right before a product noun that has an owner or an article, names
the product, whatever the tagger made of it (a person, a company, a place). Without an owner or
article the name is more often the maker ('Etched chips'), and a known name is left as it is."""
from __future__ import annotations

from spacy.attrs import DEP
from spacy.tokens import Doc, Span

from .shortnames import settle, word_matches
from .lexicon import load_lexicon
from .syntax import GIVES_NAME, MADE_GOODS, MADE_VERBS, MAKER_NOUNS, called_by_relative

# nouns for things a company makes and sells under a name (not 'platform' or 'service', which follow
# a company's own name as often as a product's)
PRODUCT_NOUNS = MADE_GOODS | {"chip", "processor", "accelerator", "gpu", "superchip", "card", "server", "headset",
                              "device", "robot", "model", "chatbot", "assistant", "lidar"}
OWNERS = frozenset({"the", "its", "their", "his", "her", "our"})
# nouns that follow a company's own name too ('the Microsoft platform'), so only a pronoun owner
# makes the name before them a product's: 'its Bolt service', 'whose Bolt service'
PRONOUN_OWNED = frozenset({"service", "platform", "app", "software", "tool", "editor", "browser", "agent"})
PRONOUNS = frozenset({"its", "their", "whose"})
NAMED_TOOLS = frozenset({"app", "software", "tool", "editor", "browser", "agent"})
# what 'the company behind the ...' names after a name: 'the Hyperstack GPU cloud'
BEHIND_NOUNS = PRONOUN_OWNED | {"cloud", "network", "marketplace", "game", "series", "engine"}
CANDIDATES = PRODUCT_NOUNS | BEHIND_NOUNS | {"product"}
# capitalised words of kind that stand between a product's name and its noun ('the Hyperstack GPU cloud')
KIND_CAPITALS = frozenset({"GPU", "AI", "CPU", "TPU", "API", "LLM", "HPC"})
# what the tagger makes of a code name it does not know ('QX-4-lite' as a quantity)
GUESSED = frozenset({"QUANTITY", "CARDINAL", "ORDINAL", "PERSON", "ORG", "GPE", "WORK_OF_ART", "PRODUCT"})


def product_names(doc: Doc, ents: list[Span], org_words: frozenset, unknown: list[Span]) -> list[Span]:
    """The entities, with unknown names before owned product nouns made products."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for n in doc:
        lemma = n.lemma_.lower()
        if n.pos_ != "NOUN" or lemma not in CANDIDATES:
            continue
        behind = n.dep_ == "pobj" and n.head.lower_ == "behind" and any(c.lower_ == "the" for c in n.children)
        if behind and lemma in BEHIND_NOUNS:
            pass    # ('the start-up behind the Touch Surgery video platform': what a company is behind is its product)
        elif lemma in BEHIND_NOUNS - PRONOUN_OWNED:
            continue        # ('cloud', 'network': a product's noun only after 'behind')
        elif lemma in PRONOUN_OWNED:
            # ('its Bolt service'; "OpenAI's Deep Research tool": a company written before the name, but
            # not before a platform or a service, which often follow a technology's name: "Nvidia's
            # Ethernet platform")
            if not any(c.dep_ == "poss" and (c.lower_ in PRONOUNS or c.ent_type_ == "ORG" and lemma in NAMED_TOOLS)
                       for c in n.children):
                continue
        elif (named := _set_off_name(doc, n, by_token)) is not None:
            added.append(named)
            continue
        elif lemma not in PRODUCT_NOUNS or not _owned(n):
            continue
        end = n.i
        # ('the Zixiao inference processor': the name before a lower-case word for the product's use)
        while end > n.i - 2 and end > 1 and (doc[end - 1].pos_ == "NOUN" and doc[end - 1].is_lower
                                             or doc[end - 1].text in KIND_CAPITALS) \
                and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == n.i and _name_word(doc[end - 2], n):
            end -= 1
        start = end
        # ('the Touch Surgery video platform': a name word may hang on the name word after it)
        while start > 0 and (_name_word(doc[start - 1], n) or start < end and doc[start - 1].pos_ == "PROPN"
                             and _name_word(doc[start - 1], doc[start])):
            start -= 1
        if start == end or doc[end - 1].lower_ in org_words:
            continue        # no name, or a company's ('the Zorblax Robotics chips')
        inside = {id(by_token[i]): by_token[i] for i in range(start, end) if i in by_token}.values()
        if any(e.ent_id_ or e.start < start and not _article_taken(doc, e, start)
               or e.end > end and not all(doc[k].text in KIND_CAPITALS for k in range(end, e.end)) for e in inside):
            continue        # a known name ('the Nvidia chips'), or one reaching outside the phrase
        added.append((Span(doc, start, end, label="PRODUCT"), list(inside)))
    added += _coded_names(doc, by_token)
    added = list({span.start: (span, inside) for span, inside in added}.values())
    if not added:
        return ents
    return settle(doc, ents, added, unknown)


def described_products(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a name set in apposition after a product noun made a product, whatever the
    tagger made of it: 'has released a new model, Aurora', 'a foundation model for the atmosphere,
    Aurora' (the name hung on the last noun of the phrase). Not a name the gazetteer knows."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for t in doc:
        if t.dep_ != "appos" or t.pos_ != "PROPN" or t.i == 0 or doc[t.i - 1].text != ",":
            continue
        noun = t.head
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i < noun.i:
            noun = noun.head.head
        # ('a new model, Aurora'; "the company's assistant, Rufus": a product noun someone owns)
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or noun.lemma_.lower() not in PRODUCT_NOUNS and not (
                noun.lemma_.lower() in APPOSED_PRODUCT_NOUNS and any(c.dep_ == "poss" for c in noun.children)):
            continue
        e = by_token.get(t.i)
        if e is not None and (e.ent_id_ or e.label_ in ("PRODUCT", "FAC")):
            continue
        start = e.start if e is not None else t.i
        end = e.end if e is not None else t.i + 1
        added.append((Span(doc, start, end, label="PRODUCT"), [e] if e is not None else []))
    # ('the San Francisco start-up behind the companion chatbot Replika': a name right after a product
    # noun that describes it)
    for e in ents:
        noun = doc[e.start - 1] if e.start > 1 else None
        if e.ent_id_ or e.label_ not in ("PERSON", "ORG", "GPE") or noun is None or not noun.is_lower \
                or noun.lemma_.lower() not in PRODUCT_NOUNS or noun.dep_ != "compound" \
                or not e.start <= noun.head.i < e.end or e.root.pos_ != "PROPN" \
                or any(span.start == e.start for span, _ in added):
            continue
        if e.end < len(doc) and doc[e.end].pos_ == "VERB" and doc[e.end].tag_ in ("VBD", "VBZ", "VBP"):
            continue    # ('the myopia-control lens Hoya developed': the maker, subject of the clause)
        added.append((Span(doc, e.start, e.end, label="PRODUCT"), [e]))
    # ('launched Draft One, an artificial-intelligence tool that ...': a name described after a comma
    # by a phrase whose head is a word for a product)
    # ("Gideon's main product is Trey": the name a company's product noun is said to be)
    for e in ents:
        v = e.root.head
        if e.ent_id_ or e.label_ not in RELABELLED | {"FAC"} or e.root.dep_ != "attr" or v.lemma_ != "be" \
                or any(span.start == e.start for span, _ in added):
            continue
        if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in OWNED_PRODUCT_WORDS
               and any(d.dep_ == "poss" for d in c.children) for c in v.children):
            added.append((Span(doc, e.start, e.end, label="PRODUCT"), [e]))
    # (a place the gazetteer knows too: 'Phoenix, the artificial-intelligence system it built')
    described = set()
    for e in ents:
        if e.ent_id_ and e.label_ != "GPE" or e.label_ not in RELABELLED \
                or any(span.start == e.start for span, _ in added) \
                or not (_described_as_product(doc, e.end, _launched(e))
                        or not e.ent_id_ and e.root.head.i < e.start and called_by_relative(e.root)):
            continue
        added.append((Span(doc, e.start, e.end, label="PRODUCT"), [e]))
        described.add(e.text)
    # ('Club Avolta, the loyalty programme it launched last year', 'GoodHome, the own-label range that
    # Kingfisher launched': a name set before a noun that a clause says someone launched, built or
    # makes, the noun no word for a company, is a product's, tagged or not
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    done = {span.start for span, _ in added}
    made = _made_things()
    for k in (doc.to_array(DEP) == doc.vocab.strings["appos"]).nonzero()[0]:
        t = doc[int(k)]
        name = t.head
        if t.pos_ != "NOUN" or name.pos_ != "PROPN" or not name.text[:1].isupper() \
                or name.i > t.i or t.lemma_.lower() not in made \
                or not any(c.dep_ == "relcl" and _making(c) for c in _described_phrase(t)):
            continue
        e = by_token.get(name.i)
        if e is not None:
            # (a tagged name only with the clause on the noun itself, not on 'a deal that ...')
            if not any(c.dep_ == "relcl" and _making(c) for c in t.children):
                continue
            if not e.ent_id_ and e.label_ in RELABELLED and e.start not in done:
                added.append((Span(doc, e.start, e.end, label="PRODUCT"), [e]))
                done.add(e.start)
                described.add(e.text)
            continue
        start = name.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == name.i \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and start - 1 not in by_token:
            start -= 1
        added.append((Span(doc, start, name.i + 1, label="PRODUCT"), []))
        done.add(start)
        described.add(doc[start:name.i + 1].text)
    if not added:
        return ents
    ents = settle(doc, ents, added, unknown)
    # (and the same name elsewhere in the article, which the tagger took for a company: 'Axon said
    # every Draft One report ...')
    again = [(Span(doc, e.start, e.end, label="PRODUCT"), [e]) for e in ents if e.text in described
             and (not e.ent_id_ or e.label_ == "GPE") and e.label_ in RELABELLED]
    # (and where the tagger left it untagged: 'Kestrel runs on Google Cloud')
    again += [(span, []) for span in _untagged_again(doc, ents, described)]
    return settle(doc, ents, again, unknown) if again else ents


def _untagged_again(doc: Doc, ents: list[Span], names: set) -> list[Span]:
    """Other occurrences of the names, as proper nouns outside every entity."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for name in names:
        words = name.split()
        for t in doc:
            end = t.i + len(words)
            if t.pos_ == "PROPN" and end <= len(doc) and [w.text for w in doc[t.i:end]] == words \
                    and not taken & set(range(t.i, end)) and not (end < len(doc) and doc[end].pos_ == "PROPN"):
                out.append(Span(doc, t.i, end, label="PRODUCT"))
                taken.update(range(t.i, end))
    return out


# what the tagger makes of a product's name that a description shows to be one
RELABELLED = frozenset({"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART"})


# words a phrase after a name ends in that make the name a product's: 'Peloton IQ, an AI coach'
DESCRIBED_PRODUCT_NOUNS = frozenset({"tool", "chatbot", "assistant", "model", "coach", "copilot", "chip",
                                     "processor", "accelerator", "headset", "device", "feature"})
# and words that make a product only with a word for AI before them: 'an artificial-intelligence system'
AI_PRODUCT_NOUNS = frozenset({"system", "agent"})
AI_WORDS = frozenset({"ai", "intelligence", "artificial-intelligence", "genai", "generative"})


def _made_things() -> frozenset:
    """Nouns for what a company launches or makes ('the loyalty programme it launched', 'the own-label
    range Kingfisher launched'), not for what it builds up or sets up ('a stake it built up'): the
    product nouns and the lexicon's launched_nouns and made_things."""
    words = load_lexicon().words
    return PRODUCT_NOUNS | DESCRIBED_PRODUCT_NOUNS | words["launched_nouns"] | words["made_things"]


def _described_phrase(noun):
    """The words a clause about a described noun may hang on: the noun's, and those of what its 'of'
    names ('the own-label range of paint, kitchens and bathrooms that Kingfisher launched')."""
    yield from noun.children
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            for q in p.children:
                if q.dep_ == "pobj":
                    for r in (q, *q.conjuncts):
                        yield from r.children


def _making(v) -> bool:
    """A verb of making or launching, or one that begins it: 'launched', 'began building'."""
    verbs = load_lexicon().words["launching_verbs"] | MADE_VERBS
    return v.lemma_.lower() in verbs or any(c.dep_ == "xcomp" and c.lemma_.lower() in verbs for c in v.children)


def _launched(e: Span) -> bool:
    """Whether the name is the object of a verb of launching (the lexicon's launching_verbs): 'the
    company launched Keepsake'."""
    return e.root.dep_ == "dobj" and e.root.head.lemma_.lower() in load_lexicon().words["launching_verbs"]


def _described_as_product(doc: Doc, end: int, launched: bool = False) -> bool:
    """Whether the name ending at doc[end] is followed by ', a' or ', an' and a short description
    whose head (its last noun) is a product word: 'Draft One, an artificial-intelligence tool that ...'
    (not 'Replika, a chatbot company', whose head is the company); after a verb of launching, a wider
    word ('launched Keepsake, an online service')."""
    if end + 3 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the", "its"):
        return False
    k = end + 2
    while k < len(doc) and (doc[k].pos_ in ("ADJ", "ADV", "NOUN", "PROPN") or doc[k].text == "-"):
        k += 1
    head = doc[k - 1]
    # (the phrase ends there: not 'an AI chip startup that ...' with 'startup' read as a verb)
    ends = k == len(doc) or doc[k].is_punct or doc[k].pos_ in ("DET", "ADP", "PRON", "SCONJ", "CCONJ", "PART")
    return ends and k - end - 2 <= 6 and head.pos_ == "NOUN" and head.tag_ == "NN" \
        and (head.lemma_.lower() in DESCRIBED_PRODUCT_NOUNS or head.lemma_.lower() in AI_PRODUCT_NOUNS
             and any(w.lower_ in AI_WORDS for w in doc[end + 2:k - 1])
             or launched and head.lemma_.lower() in load_lexicon().words["launched_nouns"])


def maker_named_products(doc: Doc, ents: list[Span], org_words: frozenset, unknown: list[Span]) -> list[Span]:
    """The entities, with 'the Kodiak Driver', 'the Waabi Driver' made products: after 'the', a
    known company's name followed by one capitalised word the name hangs on, which is no company
    word and no other name, names a thing the company makes."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for e in ents:
        k = e.end
        nxt = by_token.get(k)
        if e.label_ != "ORG" or not e.ent_id_ or e.start == 0 \
                or k >= len(doc) or nxt is not None and (nxt.ent_id_ or len(nxt) > 1):
            continue
        if doc[e.start - 1].lower_ != "the" and not set_beside_product(doc, e.start, k + 1):
            continue
        word = doc[k]
        if word.pos_ != "PROPN" or not word.is_title or not word.is_alpha or word.lower_ in org_words \
                or e.root.head.i != k or e.root.dep_ not in ("compound", "nmod") \
                or k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].text[:1].isupper():
            continue
        added.append((Span(doc, e.start, k + 1, label="PRODUCT"), [e] + ([nxt] if nxt is not None else [])))
        # (the maker its name carries, by the product's first character: tokens are merged later)
        doc.user_data.setdefault(NAMED_BY_MAKER, {})[doc[e.start].idx] = e.ent_id_
    return settle(doc, ents, added, unknown) if added else ents


def name_maker(tok) -> str | None:
    """The id of the known company whose name a product's name begins with ('Glean Assistant')."""
    return tok.doc.user_data.get(NAMED_BY_MAKER, {}).get(tok.idx)


NAMED_BY_MAKER = "industry_graph_named_by_maker"     # product's first character -> its maker's gazetteer id

# what a company's own product is called in apposition: 'Its main product, Lakera Guard', 'Glean
# Assistant, a chat interface'
APPOSED_PRODUCT_NOUNS = frozenset({"product", "tool", "platform", "assistant", "chatbot", "app", "model", "agent",
                                   "interface", "service", "software", "engine", "copilot", "browser", "system"})


# what a company's product noun is ("Gideon's main product is Trey")
OWNED_PRODUCT_WORDS = PRODUCT_NOUNS | APPOSED_PRODUCT_NOUNS


def set_beside_product(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] is set off by commas right after a product noun, or is followed by a
    comma and an article and a short description ending in one."""
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].lemma_.lower() in APPOSED_PRODUCT_NOUNS \
            and doc[start - 2].pos_ == "NOUN":
        return True
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an", "the", "its"):
        # ('Visa Protect, the company's set of fraud-prevention services', 'Workday Illuminate, its layer
        # of AI models')
        for t in doc[end + 2:min(end + 12, len(doc))]:
            # (the phrase's last noun: not 'the consulting firm's marketing-services arm')
            if t.pos_ == "NOUN" and t.lemma_.lower() in APPOSED_PRODUCT_NOUNS \
                    and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "NOUN"):
                return True
            if t.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV") and t.text != "-" and t.tag_ != "POS" and t.lower_ != "of":
                return False
    return False


def _code_runs(doc: Doc):
    """Spans [start, end) of a name written as a code, words joined by hyphens with no space and a
    digit somewhere: 'LTM-2-mini', 'Model-7-base' (the tokenizer cuts it at a hyphen before a word)."""
    i = 0
    while i < len(doc):
        j = i
        while j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_ \
                and doc[j + 2].text[:1].isalnum():
            j += 2
        text = doc[i:j + 1].text
        if doc[i].text[:1].isupper() and any(c.isdigit() for c in text) and "-" in text \
                and any(c.isalpha() for c in text):
            yield i, j + 1
        i = j + 1


def _coded_names(doc: Doc, by_token: dict) -> list[tuple[Span, list[Span]]]:
    """'LTM-2-mini, a model it trained', 'a chip, QX-5-lite': an untagged code name in apposition
    with a product noun is a product."""
    out = []
    for start, end in _code_runs(doc):
        if any(i in by_token and (by_token[i].ent_id_ or by_token[i].label_ not in GUESSED
                                  or by_token[i].start < start or by_token[i].end > end) for i in range(start, end)):
            continue
        run = range(start, end)
        for t in doc[start:end]:
            nouns = [c for c in t.children if c.dep_ == "appos" and c.i not in run]
            if t.dep_ == "appos" and t.head.i not in run:
                nouns.append(t.head)
            if t.dep_ == "oprd" and t.head.lemma_ in GIVES_NAME | {"name"} and t.head.dep_ == "acl":
                nouns.append(t.head.head)       # 'a chip called Ara-2
            if any(n.pos_ == "NOUN" and n.lemma_.lower() in PRODUCT_NOUNS for n in nouns):
                inside = {id(by_token[i]): by_token[i] for i in run if i in by_token}
                out.append((Span(doc, start, end, label="PRODUCT"), list(inside.values())))
                break
    return out


def _set_off_name(doc: Doc, n, by_token: dict) -> tuple[Span, list[Span]] | None:
    """'ATOM, Rebellions' inference processor, ...', 'GlobalVision, a product of Trayport': the unknown
    name set off before a product noun that has an owner (the parser often hangs the two apart)."""
    left = n.left_edge.i
    # (not 'Read AI, whose assistant joins video calls': the name owns the product)
    maker = any(c.dep_ == "poss" and c.lower_ != "whose" for c in n.children) or any(
        c.lower_ == "of" and any(p.i in by_token and by_token[p.i].label_ == "ORG" for p in c.children)
        for c in n.children)
    if left < 2 or doc[left - 1].text not in (",", "(") or not maker:
        return None
    name = doc[left - 2]
    ent = by_token.get(name.i)
    start = ent.start if ent is not None else name.i
    known = ent is not None and (ent.ent_id_ or ent.label_ == "PERSON")
    if name.pos_ != "PROPN" or not name.text[:1].isupper() or known \
            or not (doc[start].is_sent_start or start > 0 and doc[start - 1].text in (",", "(")):
        return None
    return Span(doc, start, name.i + 1, label="PRODUCT"), [ent] if ent is not None else []


def _owned(n) -> bool:
    """'its ... chips', 'the ... accelerator', "Rebellions' ... chips", 'the maker of ... washers'."""
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in OWNERS for c in n.children) \
        or n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lemma_.lower() in MAKER_NOUNS


def _article_taken(doc: Doc, e: Span, start: int) -> bool:
    """Whether a guessed name reaches before `start` only by the article ('the Quarrystack GPU')."""
    return e.start == start - 1 and doc[e.start].lower_ == "the" and e.label_ in GUESSED | {"LAW"}


def _name_word(t, noun) -> bool:
    """A capitalised or numbered word hanging on the noun, right before it ('the Sable Pulse video
    platform': a capitalised word the parser took for an adjective too)."""
    # ('its Carryall utility vehicles': a name the tagger read as an adjective, not a people's word
    # such as 'American')
    adjective = t.pos_ == "ADJ" and t.dep_ == "amod" and t.ent_type_ not in ("NORP", "GPE", "LOC") \
        and not t.is_sent_start and t.text[1:].islower() and t.is_alpha
    return t.head.i == noun.i and (t.dep_ in ("compound", "nmod", "nummod") or t.dep_ == "amod" and t.pos_ == "PROPN"
                                   or adjective) \
        and not t.is_stop \
        and (t.text[:1].isupper() or any(ch.isdigit() for ch in t.text)) and (t.pos_ in ("PROPN", "NUM", "NOUN") or adjective)


def joined_products(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with two product names written together as one name made one product: 'HGX
    B300 systems', where the tagger and the gazetteer each found a product ('HGX', 'B300')."""
    added = []
    for a, b in zip(ents, ents[1:]):
        if a.label_ == b.label_ == "PRODUCT" and a.end == b.start and a[-1].whitespace_ == " " \
                and a.root.head.i in (b.root.i, b.root.head.i) and a.root.dep_ in ("compound", "nmod", "amod") \
                and not (added and added[-1][0].end > a.start):
            added.append((Span(doc, a.start, b.end, label="PRODUCT"), [a, b]))
    return settle(doc, ents, added, unknown) if added else ents


def repeated_products(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a name described as a product ('Atrius, the building-data software Acuity
    launched') made that product there and wherever else it stands alone ('Atrius runs on Microsoft's
    cloud'), untagged or taken for a person, a company or a place the gazetteer does not know."""
    named = _described_as_goods(doc, ents)
    if not named:
        return ents
    ents = settle(doc, ents, [(Span(doc, e.start, e.end, label="PRODUCT"), [e]) for e in named], unknown)
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for _, span in word_matches(doc, {e.text for e in named}):
        inside = {id(by_token[i]): by_token[i] for i in range(span.start, span.end) if i in by_token}.values()
        if any(e.label_ == "PRODUCT" or e.ent_id_ or e.start != span.start or e.end != span.end
               or e.label_ not in ("PERSON", "ORG", "GPE") for e in inside):
            continue
        added.append((Span(doc, span.start, span.end, label="PRODUCT"), list(inside)))
    return settle(doc, ents, added, unknown) if added else ents


# what a name described after a comma is as a product: goods and software (not 'app', 'platform' or
# 'service', which news calls companies too: 'Depop, the resale app')
DESCRIBED_GOODS = MADE_GOODS | {"software", "chatbot", "copilot"}


def _described_as_goods(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Atrius, the building-data software Acuity launched in 2020', 'Optic White, its best-selling
    toothpaste': the unknown names a phrase whose noun is goods or software describes after a comma,
    which the tagger took for a person's, a company's or a place's."""
    return [e for e in ents if not e.ent_id_ and e.label_ in ("PERSON", "ORG", "GPE") and e.text[:1].isupper()
            and e.end < len(doc) and doc[e.end].text == "," and any(
                n.dep_ == "appos" and n.pos_ == "NOUN" and n.left_edge.i == e.end + 1
                and n.lemma_.lower() in DESCRIBED_GOODS and _phrase_ends(doc, n)
                and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an")
                        or c.dep_ == "poss" and c.lower_ in ("its", "their") for c in n.children)
                for n in e.root.children)]


# words that may follow a product noun that ends its phrase: 'the software Acuity launched', 'the
# pump that ...', 'the drone made by ...' (not 'the drinks wholesaler', a noun read as a verb)
_AFTER_PHRASE = frozenset({"that", "which", "from", "by", "for", "with", "made", "built", "developed", "launched",
                           "designed", "sold", "it", "its"})


def _phrase_ends(doc: Doc, n) -> bool:
    """Whether the noun ends its phrase: a name, a punctuation mark or a word that opens a clause or
    a phrase of its own comes next."""
    if n.i + 1 >= len(doc):
        return True
    after = doc[n.i + 1]
    return after.is_punct or after.pos_ == "PROPN" or after.lower_ in _AFTER_PHRASE
