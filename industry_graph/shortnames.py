"""Short names of the article's companies: after 'Figure AI' or 'Scale AI', the text says 'Figure' or
'Scale', words too common for the tagger or the gazetteer to take for a name on their own. Part of the
name_spans component (spans.py), so that the short name carries the long one's entity id."""
from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from .gazetteer import builtin_gazetteer
from .lexicon import load_lexicon

# starts of the names a span repair typed from context ('Leonardo' after 'Leonardo.ai', a site name), which
# the gazetteer linker must not retype from another entity of the same name
SETTLED = "industry_graph_settled"
WEB_ENDS = ("ai", "io", "com", "co", "net", "org")
DIGITS_AND_CAPITALS = re.compile(r"\d+[A-Z]+|[A-Z]+\d+")     # '1X' after '1X Technologies'
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")                     # 'J.M.' of 'J.M. Huber Corporation'
LOOSE = ("PRODUCT", "FAC", "FACILITY", "WORK_OF_ART", "EVENT", "LAW")


# capitalised words that end a company's name without being company words elsewhere ('the compute
# it rents'): 'Orbital' after 'Orbital Compute' is the company
NAME_ENDS = frozenset({"Compute"})


def _cut_names(ents: list[Span], org_words: frozenset) -> list[Span]:
    """A later 'C.H. Robinson' the tagger took for a person, after the company 'C.H. Robinson Worldwide':
    a company's name of three or more words without its last, company word is that company."""
    cuts: dict[str, Span] = {}
    out = []
    for e in ents:
        words = e.text.split()
        # (a name ending in a company word, even where the tagger made it a person: spans._not_a_person
        # retypes it after this)
        if e.label_ in ("ORG", "PERSON") and len(words) >= 3 and _org_word(words[-1], org_words):
            cuts.setdefault(" ".join(words[:-1]), e)
        elif e.label_ == "PERSON" and not e.ent_id_ and (long := cuts.get(e.text)) is not None:
            e = Span(e.doc, e.start, e.end, label="ORG", span_id=long.ent_id_) if long.ent_id_ \
                else Span(e.doc, e.start, e.end, label="ORG")
        out.append(e)
    return out


def short_names(doc: Doc, ents: list[Span], org_words: frozenset, unknown: list[Span]) -> list[Span]:
    """The entities with every later bare capitalised first word of a longer company name ('Figure'
    after 'Figure AI') added as that company; not at a sentence's start, not followed by another
    capitalised word ('Figure Eight'), and not in a title-case headline."""
    ents = _cut_names(ents, org_words)
    firsts: dict[str, Span] = {}
    for e in ents:
        words = e.text.split()
        # (a name ending in a company word is a company even where the tagger made it a person:
        # spans._not_a_person retypes it after this)
        if e.label_ in ("ORG", "PERSON") and len(words) in (2, 3) \
                and (_org_word(words[-1], org_words) or words[-1] in NAME_ENDS) and (
                words[0][:1].isupper() and words[0].isalpha() and not words[0].isupper()
                or DIGITS_AND_CAPITALS.fullmatch(words[0])) and words[0].lower() not in org_words:
            # (not an acronym: 'AI' after 'AI Alliance' is the technology, not the alliance)
            firsts.setdefault(words[0], e)
        elif e.label_ == "ORG" and len(words) == 3 and INITIALS.fullmatch(words[0]) and _org_word(words[-1], org_words) \
                and words[1][:1].isupper() and words[1].isalpha() and not words[1].isupper():
            firsts.setdefault(words[1], e)      # 'Huber' after 'J.M. Huber Corporation'
        elif e.label_ == "ORG" and len(words) == 1 and "." in words[0]:
            base, _, end = words[0].partition(".")
            if end.lower() in WEB_ENDS and base[:1].isupper() and base.isalpha() and not base.isupper():
                firsts.setdefault(base, e)      # 'Leonardo' after 'Leonardo.ai'
    if not firsts:
        return ents
    # a one-word entity the model or the gazetteer took for a thing ('Constellation' as a product,
    # 'Leonardo' as a supercomputer) gives way to the company the article has just named in full
    # ('Nous' after 'Nous Research' as a person, unless the article names a person with that word)
    longs = {id(e) for e in firsts.values()}
    people = {w for e in ents if e.label_ == "PERSON" and len(e) > 1 and id(e) not in longs for w in e.text.split()}
    loose = {e.start: e for e in ents if len(e) == 1 and e.text in firsts
             and (e.label_ in LOOSE or e.label_ == "GPE" and not e.ent_id_      # ('Vantage' as a place)
                  or e.label_ == "PERSON" and not e.ent_id_ and e.text not in people
                  or e.label_ == "CARDINAL" and DIGITS_AND_CAPITALS.fullmatch(e.text))}     # ('1X' as a number)
    taken = {i for e in ents for i in range(e.start, e.end) if i not in loose}
    added, fresh = [], []
    # found in the text, not by a walk over every token (this runs on every article)
    for word, span in _one_token_matches(doc, firsts):
        tok, long = span[0], firsts[word]
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        # (at a sentence's start only as the subject of the verb right after it: 'Klay calls its ...')
        if tok.i in taken or tok.i < long.end or tok.is_sent_start and tok.i not in loose and not (
                nxt is not None and nxt.pos_ in ("VERB", "AUX") and tok.dep_ in ("nsubj", "nsubjpass")
                and nxt.head.i == nxt.i
                # ('Huber now owns about 16% of ...': adverbs between it and its verb)
                or tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX") and tok.head.i > tok.i + 1
                and all(w.pos_ == "ADV" for w in doc[tok.i + 1:tok.head.i]) or nxt is not None and tok.head.i == nxt.i and nxt.pos_ in ("VERB", "AUX")
                # ('Orbital competes with Groq', read as a kind of competes: the verb is the sentence's head)
                or nxt is not None and tok.head.i == nxt.i and nxt.head.i == nxt.i and nxt.is_lower
                and nxt.tag_ == "NNS"
                # ('Vail, whose headquarters are in Broomfield, ...': set off by a comma, as a subject or
                # with a clause or description about it)
                # ('Fikes, which is based in Temple, ...', the name read as a common noun: its clause)
                or nxt is not None and nxt.text == "," and (tok.pos_ == "PROPN" or any(c.dep_ == "relcl" for c in tok.children))
                and (tok.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ in ("relcl", "appos", "acl") for c in tok.children))
                # ("Figure's chief technology officer, Jerry Pratt, ...": an owner's "'s")
                or nxt is not None and nxt.tag_ == "POS" and tok.dep_ == "poss"):
            continue
        if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha:
            continue
        if in_headline(tok.sent):
            continue        # a headline in title case: every word is capitalised
        if tok.i in loose:
            ents = [e for e in ents if e is not loose[tok.i]]
        if long.ent_id_:
            added.append(Span(doc, tok.i, tok.i + 1, label="ORG", span_id=long.ent_id_))
        else:
            added.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
            fresh.append(added[-1])
    if not added:
        return ents
    # the linker must not give 'Leonardo' the id of another entity of that name (a supercomputer):
    # it is the company named in full before
    # (a span's id is read from its tokens, which may still hold the replaced entity's)
    doc.user_data.setdefault(SETTLED, []).extend(e.start for e in fresh)
    unknown.extend(fresh)
    return sorted(ents + added, key=lambda e: e.start)


def word_matches(doc: Doc, words) -> list[tuple[str, Span]]:
    """Every whole-word occurrence of the words (or phrases) in the text that falls on token bounds, in
    text order: one pass of one pattern (whole words, longest first, so no two matches overlap)."""
    if not words:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    found = ((m.group(), doc.char_span(m.start(), m.end())) for m in pattern.finditer(doc.text))
    return [(word, span) for word, span in found if span is not None]


def _one_token_matches(doc: Doc, words) -> list[tuple[str, Span]]:
    """The matches of word_matches that are one token."""
    return [(word, span) for word, span in word_matches(doc, words) if len(span) == 1]


def _opening_line(t) -> bool:
    """A word of a line near the top with no full stop in it: a headline, in title or sentence case."""
    sent = t.sent
    return sent.start < 80 and not any(w.text in (".", "?", "!") for w in sent)


def in_headline(sent: Span) -> bool:
    """A headline in title case: (nearly) every content word capitalised."""
    content = [w for w in sent if w.is_alpha and not w.is_stop]
    return bool(content) and sum(w.is_title for w in content) > 0.7 * len(content)


def _org_word(word: str, org_words: frozenset) -> bool:
    """A company word, also in the plural: 'Vantage Data Centers'."""
    w = word.lower()
    return w in org_words or w.endswith("s") and w[:-1] in org_words


def settle(doc: Doc, ents: list[Span], added: list[tuple[Span, list[Span]]], unknown: list[Span]) -> list[Span]:
    """The entities with each added span in place of the ones it covers, the added spans noted as
    settled (the gazetteer linker leaves them alone) and as new names."""
    doc.user_data.setdefault(SETTLED, []).extend(span.start for span, _ in added)
    drop = {id(e) for _, inside in added for e in inside}
    unknown.extend(span for span, _ in added)
    return sorted([e for e in ents if id(e) not in drop] + [span for span, _ in added], key=lambda e: e.start)


def _distinctive(e: Span) -> bool:
    """A name no common word could be: capitals or digits inside it ('HATCo', 'ASMPT', '1X')."""
    text = e.text
    bare = text.replace("'", "").replace("\u2019", "")     # ("Lok'nStore")
    return " " not in text and len(text) > 2 and any(c.isupper() for c in text[1:]) and bare.isalnum() \
        and not text.isupper() or " " not in text and len(text) > 3 and text.isupper() and text.isalpha()


CAMEL = re.compile(r"[A-Z][a-z]+(?:['\u2019][a-z]+)?(?:[A-Z][a-z]+)+")    # ('GoFundMe', "Lok'nStore")
# words after a name that make it a product's ('its OpenBlue platform')
NAMED_GOODS = frozenset({"platform", "app", "tool", "service", "software", "assistant", "feature", "system",
                         "network", "model", "chip", "device", "product", "suite", "program", "programme"})


def camel_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a name in joined capitals the tagger never tagged ('GoFundMe', which it
    reads as an adjective) made a company where the article uses it at least three times, hardly ever
    after 'the' or an owner or before a word for a product."""
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    seen: dict[str, list[int]] = {}
    for t in doc:
        if CAMEL.fullmatch(t.text):
            seen.setdefault(t.text, []).append(t.i)
    added = []
    for word, places in seen.items():
        # (a place the tagger already took for the company is no objection: "Lok'nStore's board")
        if len(places) < 3 or any(i in taken and taken[i].label_ != "ORG" for i in places):
            continue
        # (mostly: "the Lok'nStore sites", once in six, still names the company)
        if 3 * sum(i > 0 and doc[i - 1].lower_ in ("the", "its", "their", "our", "his", "her", "a", "an")
                   or i + 1 < len(doc) and doc[i + 1].lemma_.lower() in NAMED_GOODS for i in places) > len(places):
            continue
        added += [(Span(doc, i, i + 1, label="ORG"), []) for i in places if i not in taken]
    return settle(doc, ents, added, unknown) if added else ents


def repeated_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities with every other untagged occurrence of a distinctive company or product name
    the article tagged somewhere ('the Health Assurance Transformation Corporation, or HATCo', then
    'HATCo' untagged in later sentences) added with the same label."""
    names, long = {}, {}
    # ('Ubitus orders Nvidia servers', a headline whose 'Ubitus' the tagger missed, in a story that
    # tags 'Ubitus' a company again and again): a one-word name tagged a company at least twice, and
    # never anything else, is one in a headline too
    labels: dict[str, set] = {}
    for e in ents:
        labels.setdefault(e.text, set()).add(e.label_)
    tagged = Counter(e.text for e in ents if e.label_ == "ORG" and not e.ent_id_ and len(e) == 1
                     and e[0].is_title and e[0].is_alpha and not e[0].is_stop)
    headline = {w for w, k in tagged.items() if k >= 2 and labels[w] == {"ORG"}}
    # ("Poste Italiane, Italy's national postal service, has signed ..." tagged a place, in a story
    # that calls it 'Poste' again and again): a name of two or three words the tagger took for
    # something else, opened by such a one-word company name, is that company
    others = Counter(e.text for e in ents if len(e) == 1 and e.label_ != "ORG")
    mostly = {w for w, k in tagged.items() if k >= 2 and k > 2 * others[w]}
    # (not a venue named after the company and its town, 'Topgolf Las Vegas')
    retyped = {e.start: Span(doc, e.start, e.end, label="ORG") for e in ents
               if e.label_ in ("PERSON", "GPE", "LOC", "FAC", "NORP") and not e.ent_id_
               and 2 <= len(e) <= 3 and e[0].text in mostly and not _known_place(e[1:].text)}
    if retyped:
        unknown.extend(retyped.values())
        ents = [retyped.get(e.start, e) for e in ents]
    for e in ents:
        if e.label_ in ("ORG", "PRODUCT") and not e.ent_id_ and _distinctive(e):
            names.setdefault(e.text, e.label_)
        elif e.label_ == "ORG" and not e.ent_id_ and 2 <= len(e) <= 4 and all(t.is_title and t.is_alpha for t in e) \
                and e[0].lower_ not in ("the", "a", "an"):
            long.setdefault(tuple(t.text for t in e), e.label_)
    counts = Counter(t.text for t in doc if t.is_title and t.is_alpha)
    lower = {t.lower_ for t in doc if t.is_lower}
    # (not a surname: 'Weiss' after Dror Weiss; nor a letter: 'H', 'Runner H')
    surnames = {w for e in ents if e.label_ == "PERSON" for w in e.text.split()[1:]}
    frequent = {w for w, k in tagged.items() if counts[w] >= 4 and w.lower() not in lower and k >= others[w]
                and len(w) > 2 and w not in surnames}
    if not names and not long and not headline and not frequent:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for word, span in _one_token_matches(doc, names):
        if span.start in taken:
            continue
        added.append(Span(doc, span.start, span.end, label=names[word]))
        taken.add(span.start)
    # ('Advance Auto Parts has signed ...', then 'Advance' tagged a company again and again): the
    # capitalised words right after such a name, all left untagged, are the rest of its full name
    for t in doc if headline else ():
        if t.text not in headline or t.i in taken or t.pos_ != "PROPN":
            continue
        end = t.i + 1
        while end < len(doc) and end - t.i < 4 and end not in taken and doc[end].is_title and doc[end].is_alpha \
                and doc[end].pos_ == "PROPN" and not doc[end].is_sent_start:
            end += 1
        if end > t.i + 1 and (end == len(doc) or not doc[end].is_title):
            added.append(Span(doc, t.i, end, label="ORG"))
            taken.update(range(t.i, end))
    # ('Sandoz opened a new production line ...' left untagged in a story that tags 'Sandoz' a
    # company again and again): tagged so three times and never anything else, it is one in the body too
    often = {w for w in headline if tagged[w] >= 3}
    for t in doc if headline else ():
        alone = not (t.i > 0 and doc[t.i - 1].is_title and doc[t.i - 1].pos_ == "PROPN"
                     or t.i + 1 < len(doc) and doc[t.i + 1].is_title and doc[t.i + 1].pos_ == "PROPN")
        # (and 'Urgently was started in 2013', a company named with a word the tagger reads as an
        # adverb: tagged a company three times, never anything else, it is one however it is read)
        if t.text in headline and t.i not in taken and (t.pos_ == "PROPN" and (_opening_line(t) or t.text in often and alone)
                                                        or t.pos_ in ("ADV", "ADJ") and t.text in often and alone):
            added.append(Span(doc, t.i, t.i + 1, label="ORG"))
            taken.add(t.i)
    # ('Daktronics said ...', 'founded Daktronics in 1968', left untagged or read as a plural noun in a
    # story that tags it a company once): a one-word name tagged a company at least as often as
    # anything else, which the article writes four times or more and never in lower case, is one
    # wherever it stands alone
    for t in doc if frequent else ():
        if t.text in frequent and t.i not in taken and t.pos_ in ("PROPN", "NOUN") \
                and not (t.i > 0 and doc[t.i - 1].is_title) \
                and not (t.i + 1 < len(doc) and doc[t.i + 1].is_title):
            added.append(Span(doc, t.i, t.i + 1, label="ORG"))
            taken.add(t.i)
    # ('Orbital Insight' tagged in one sentence and left untagged in another): a name of several
    # capitalised words the article tagged as a company is one wherever the same words stand alone
    firsts = {words[0] for words in long}
    for t in doc if firsts else ():
        if t.text not in firsts or t.i in taken or t.pos_ != "PROPN" or t.i > 0 and _after_capital(doc, t):
            continue
        for words, label in long.items():
            end = t.i + len(words)
            if end <= len(doc) and tuple(w.text for w in doc[t.i:end]) == words \
                    and not any(k in taken for k in range(t.i, end)) \
                    and not (end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN"):
                added.append(Span(doc, t.i, end, label=label))
                taken.update(range(t.i, end))
                break
    if not added:
        return ents
    unknown.extend(added)
    return sorted(ents + added, key=lambda e: e.start)


# the officers only a company has, and the nouns for a company that owns or runs something
COMPANY_OFFICERS = frozenset({"chief executive", "chief executive officer", "ceo", "cfo", "cto", "coo",
                              "chief financial officer", "chief technology officer", "chief operating officer",
                              "board of directors", "finance chief", "chief scientist", "executive chairman"})
OWNER_NOUNS = frozenset({"owner", "parent", "operator"})
# ... what else only a company has, after its name ("Saputo's president and chief executive", "Nordstrom's
# shares"), and who speaks for one
COMPANY_HOLDINGS = frozenset({"president", "shares", "share price", "stores", "profit", "quarterly profit", "sales",
                              "brands", "plants", "factories", "stock"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
COMPANY_PLACES = frozenset({"rival", "competitor"})
COMPANY_PARTS = frozenset({"unit", "division", "arm", "subsidiary", "subsidiaries", "headquarters", "revenue",
                           "revenues", "workforce", "employees", "shareholders", "parent company"})
FOUNDED_VERBS = frozenset({"found", "co-found", "cofound"})


def _described_as_company(doc: Doc, e: Span, company_nouns: frozenset, owned: bool = True) -> bool:
    """'Clio, the Canadian maker of practice-management software': a name followed by a comma and a
    description whose noun is a company's (with `owned` False, not one a possessive makes another's:
    'Dana Reyes, the company's finance chief')."""
    k = e.end
    if k >= len(doc) or doc[k].text != ",":
        return False
    # ('Incal, now a unit of Aehr': a description with a word of time before it)
    w = k + 1 if k + 1 < len(doc) and doc[k + 1].lower_ in ("now", "still", "formerly", "once") else k
    if w + 4 < len(doc) and doc[w + 1].lower_ == "one" and doc[w + 2].lower_ == "of" \
            and doc[w + 3].lower_ in ("the", "its", "their"):
        first = w + 4       # 'Monaghan Mushrooms, one of the largest mushroom growers in Europe'
    elif w + 3 < len(doc) and doc[w + 1].text[:1].isupper() and doc[w + 2].text in ("'s", "\u2019s", "'", "\u2019"):
        first = w + 3       # 'Lintasarta, Indosat's information-technology subsidiary': an owner's description
    elif w + 2 < len(doc) and doc[w + 1].lower_ in ("the", "a", "an", "its", "their"):
        first = w + 2       # ('Castorama, its French chain': a company's own company)
    else:
        return False
    for t in doc[first:min(first + 7, len(doc))]:
        word = t.lower_
        if word in OWNER_NOUNS and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of":
            return True     # 'Informa, the owner of one of the largest academic publishers'
        if not owned and t.i + 1 < len(doc) and doc[t.i + 1].text in ("'s", "\u2019s", "'", "\u2019"):
            return False
        if word in company_nouns or t.lemma_.lower() in company_nouns and first > w + 3 \
                or word.endswith("maker") and len(word) > 5:
            # (not '... will remain in California, the company said': the speaker, not a description)
            # (a participle may follow: 'Tensorlane, a compiler startup based in Toronto')
            # ('Leonardo, the Italian defence group, said ...': a subject set off by commas is a description)
            return (t.dep_ not in ("nsubj", "nsubjpass") or t.i + 1 < len(doc) and doc[t.i + 1].text == ",") and not (
                t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("VERB", "AUX") and doc[t.i + 1].tag_ != "VBN")
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT") and t.lower_ != "and" or t.text in (",", ";"):
            return False        # ('the events and information group': a list of what it does, too)
    return False


def _phrase_at(doc: Doc, k: int, phrases: frozenset) -> bool:
    """Whether one of the phrases (of one to three words) starts at doc[k]: 'chief executive officer'."""
    return any(" ".join(w.lower_ for w in doc[k:k + n]) in phrases for n in (1, 2, 3))


def used_as_company(e: Span) -> bool:
    """"Informa's chief executive", "Zalando's headquarters", 'who founded Zalando in 2008': what only
    a company has, or how only a company comes to be."""
    doc, k = e.doc, e.end
    # ("Staples' chief executive": a name ending in s takes the bare apostrophe)
    if k + 2 < len(doc) and (doc[k].text in ("'s", "\u2019s") or doc[k].text in ("'", "\u2019") and e.text.endswith("s")) \
            and _phrase_at(doc, k + 1, COMPANY_OFFICERS | COMPANY_PARTS | COMPANY_HOLDINGS):
        return True
    # ("Mission's main listed rival", "Mister's biggest rivals": only a company has rivals)
    if k + 1 < len(doc) and (doc[k].text in ("'s", "\u2019s") or doc[k].text in ("'", "\u2019") and e.text.endswith("s")):
        j = k + 1
        while j < len(doc) and j - k <= 3 and doc[j].pos_ in ("ADJ", "VERB") and doc[j].is_lower:
            j += 1
        if j < len(doc) and doc[j].lemma_.lower() in COMPANY_PLACES:
            return True
    # ('a Saputo spokesman': who speaks for a company)
    if k < len(doc) and doc[k].lower_ in SPOKESPEOPLE and e.start > 0 and doc[e.start - 1].lower_ in ("a", "an", "the"):
        return True
    return e.root.dep_ == "dobj" and e.root.head.lemma_.lower() in FOUNDED_VERBS


def possessive_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a company whose name holds a possessive ("Dick's Sporting Goods has agreed
    to buy ...", then "Dick's said", "while Dick's fell") made one name wherever it stands, in place of
    the person the tagger found in it: a capitalised word written at least three times with "'s" and
    never without, where "'s" is twice followed by no noun it could own."""
    seen: dict[str, list[int]] = {}
    for t in doc[:-1]:
        if t.is_title and t.is_alpha and doc[t.i + 1].text in ("'s", "\u2019s"):
            seen.setdefault(t.text, []).append(t.i)
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for word, starts in seen.items():
        if len(starts) < 3 or any(t.text == word and t.i not in starts and not (
                (e := by_token.get(t.i)) is not None and len(e) > 1) for t in doc):
            continue    # (a word also written alone is a name of its own: 'Dick Stack' aside)
        alone = [i for i in starts if i + 2 >= len(doc) or doc[i + 2].pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PUNCT")]
        if len(alone) < 2:
            continue
        for i in starts:
            end = i + 2
            # ("Dick's Sporting Goods has agreed": capitalised words after it, then its verb, name it in full)
            k = end
            while k < len(doc) and k - end < 3 and doc[k].is_title and doc[k].is_alpha and k not in by_token:
                k += 1
            if k == end and (e := by_token.get(end)) is not None and e.start == end and e.label_ == "ORG" \
                    and not e.ent_id_ and len(e) <= 3:
                k = e.end       # ('Sporting Goods' tagged a company of its own)
            if k > end and k < len(doc) and doc[k].pos_ in ("VERB", "AUX"):
                end = k
            inside = list({id(e): e for j in range(i, end) if (e := by_token.get(j)) is not None}.values())
            if any(e.start < i or e.end > end or e.ent_id_ for e in inside):
                continue
            added.append((Span(doc, i, end, label="ORG"), inside))
    return settle(doc, ents, added, unknown) if added else ents


def owned_word_names(doc: Doc, ents: list[Span], company_nouns: frozenset, unknown: list[Span]) -> list[Span]:
    """The entities, with a name built on a possessive ("Nature's One", "Voisey's Bay") made one name
    wherever it stands: a capitalised word that is no known name, written with "'s" and the same
    capitalised words after it at least twice, or once with a company noun set beside it ("Pilgrim's
    Pride, the chicken producer JBS controls"), and never without them (except at the start of another
    name, 'Nature Made'). A company's name, or a place's where it ends in a word for one ('Bay', 'Lake')."""
    orths = doc.to_array(ORTH)
    marks = sorted(int(k) for mark in ("'s", "\u2019s") for k in (orths[1:-1] == doc.vocab.strings[mark]).nonzero()[0])
    if not marks:
        return ents
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    seen: dict[str, list[tuple[int, int]]] = {}
    for k in marks:
        t = doc[k]      # (the word before the possessive: the marks were found from the second word on)
        if not (t.is_title and t.is_alpha and doc[t.i + 2].is_title and doc[t.i + 2].is_alpha) or t.lower_ in STOP_WORDS:
            continue
        e = by_token.get(t.i)
        if e is not None and (e.start < t.i or e.ent_id_ or e.label_ in ("GPE", "NORP", "DATE", "TIME")):
            continue    # (a person's family name, a known name, a country's: "Britain's Unilever")
        stop = t.i + 2
        while stop < len(doc) and stop - t.i < 5 and doc[stop].is_title and doc[stop].is_alpha \
                and not ((f := by_token.get(stop)) is not None and f.ent_id_):
            stop += 1
        if stop > t.i + 2:
            seen.setdefault(t.text, []).append((t.i, stop))
    added = []
    for word, found in seen.items():
        if len(found) == 1:
            i, k = found[0]
            if not any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in company_nouns
                       for c in doc[k - 1].children):
                continue
        starts = {i for i, _ in found}
        uses = (orths == doc.vocab.strings[word]).nonzero()[0]
        if any(int(j) not in starts and not (j + 1 < len(doc) and doc[int(j) + 1].is_title) for j in uses):
            continue    # (a word also written alone is a name of its own)
        # (the words every use has after the possessive: 'Nature's One' of "Nature's One Chief ...")
        end = min(k - i for i, k in found)
        texts = {doc[i + 2:i + end].text for i, _ in found}
        while end > 2 and len(texts) > 1:
            end -= 1
            texts = {doc[i + 2:i + end].text for i, _ in found}
        if len(texts) > 1:
            continue
        label = "LOC" if doc[found[0][0] + end - 1].text in load_lexicon().words["place_name_ends"] else "ORG"
        for i, _ in found:
            inside = list({id(e): e for j in range(i, i + end) if (e := by_token.get(j)) is not None}.values())
            if any(e.start < i or e.end > i + end for e in inside):
                continue
            added.append((Span(doc, i, i + end, label=label), inside))
    return settle(doc, ents, added, unknown) if added else ents


def unfound_companies(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a company whose name the tagger never found ('Wheels Up said on Thursday',
    'Wheels Up has agreed to buy') added wherever it stands: two or three capitalised words, untagged
    every time, written at least three times, once as only a company is ("Wheels Up's chief executive")."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    runs: dict[str, list[int]] = {}
    # (each run from a capitalised word the tagger left alone: the other words are not looked at)
    capitals = [t.i for t in doc if t.is_title and t.is_alpha and t.i not in taken]
    for n in (2, 3):
        for i in capitals:
            if i + n > len(doc):
                continue
            words = doc[i:i + n]
            if not all(w.is_title and w.is_alpha and w.i not in taken for w in words) \
                    or i > 0 and doc[i - 1].is_title and doc[i - 1].is_alpha and not doc[i].is_sent_start \
                    or i + n < len(doc) and doc[i + n].is_title and doc[i + n].is_alpha:
                continue    # (the whole run of capitals, not a part of it)
            runs.setdefault(words.text, []).append(i)
    added = []
    for text, starts in runs.items():
        n = len(text.split())
        if len(starts) < 3 or text.split()[0].lower() in STOP_WORDS \
                or not any(used_as_company(doc[i:i + n]) for i in starts):
            continue
        added += [Span(doc, i, i + n, label="ORG") for i in starts]
    if not added:
        return ents
    unknown.extend(added)
    return sorted(ents + added, key=lambda e: e.start)


def names_retagged(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """A name of several words the article tags as a company at least twice, and whole as anything else
    at most once for every three, is that company wherever else the same words stand, though the tagger cut or retyped them
    there ('Air France-KLM', read in the headline as the country 'France' and in the lede as an event
    'France-KLM'). Not over a known company's name inside, nor over a name reaching outside."""
    # (a name is counted without the possessive the tagger may still hold: "Air France-KLM's")
    # (a known company's name counts as a label of its own: such a name is left to the gazetteer)
    ents = _one_word_companies(doc, ents)
    tagged: dict[str, Counter] = {}
    for e in ents:
        if len(e) > 1:
            label = "known" if e.ent_id_ and e.label_ == "ORG" else e.label_
            tagged.setdefault(_bare(e.text), Counter())[label] += 1
    # (or tagged a company three times for every time it was tagged whole as something else: 'In
    # 2022 Club Car bought Garia', the name after a year read as a product)
    names = {text for text, labels in tagged.items() if labels["ORG"] >= 2
             and (len(labels) == 1 or "known" not in labels and labels["ORG"] >= 3 * (sum(labels.values()) - labels["ORG"]))
             and text[:1].isupper() and text.split()[0].lower() not in ("the", "a", "an")}
    # ('FaZe Clan', tagged a building, in an article that calls the company 'FaZe' a dozen times): a
    # name opening on a word the article tags alone as a company three times, the tagger's other guess
    # for it a place, a person or a building, names that company
    # (written at least twice: not 'Topgolf Las Vegas', a venue named once after its company)
    alone = Counter(e.text for e in ents if len(e) == 1 and e.label_ == "ORG" and not e.ent_id_)
    longer = {_bare(e.text) for e in ents if len(e) > 1 and e.label_ in ("FAC", "PERSON", "GPE", "NORP")
              and not e.ent_id_ and alone[e[0].text] >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in e.text.split())}
    if longer:
        whole = doc.text        # (joined once: Doc.text joins every word of the Doc)
        names |= {text for text in longer if whole.count(text) >= 2}
    if not names:
        return ents
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for text, span in word_matches(doc, names):
        inside = {id(e): e for i in range(span.start, span.end) if (e := by_token.get(i)) is not None}
        if any(e.start == span.start and e.end == span.end and e.label_ == "ORG" for e in inside.values()) \
                or any(e.start < span.start or e.end > span.end or e.ent_id_ and e.label_ == "ORG"
                       for e in inside.values()):
            continue
        added.append((Span(doc, span.start, span.end, label="ORG"), list(inside.values())))
    return settle(doc, ents, added, unknown) if added else ents


def _one_word_companies(doc: Doc, ents: list[Span]) -> list[Span]:
    """A one-word name the gazetteer does not know, tagged a company at least three times and a
    person at most once for every three, and in no longer person's name, is the company where it
    was tagged a person or a place ('EssilorLuxottica has also been buying its way into ...'); so is a name
    the article once describes as a part of a company."""
    tagged: dict[str, Counter] = {}
    for e in ents:
        if len(e) == 1 and not e.ent_id_:
            tagged.setdefault(e.text, Counter())[e.label_] += 1
    people = {w for e in ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()}
    names = {text for text, labels in tagged.items() if labels["ORG"] >= 3
             and 0 < 3 * (labels["PERSON"] + labels["GPE"]) <= labels["ORG"] and text not in people
             and text[:1].isupper()}
    # ('Ducati Corse, the racing department of Ducati Motor Holding', a name the tagger took for a
    # person's: a part of a company wherever the article writes it)
    names |= {_bare(e.text) for e in ents if e.label_ == "PERSON" and not e.ent_id_ and described_as_part(e)}
    # ("Makino's shares fell", tagged a nationality, in an article about Makino Milling Machine: a word
    # that is no people's name, opening a company's name the article gives, is that company)
    lex = load_lexicon()
    openers = {e[0].text for e in ents if e.label_ == "ORG" and len(e) > 1}
    # (not 'a Nordic bank', a people's word as an adjective, beside Nordic Semiconductor)
    names |= {_bare(e.text) for e in ents if e.label_ == "NORP" and len(e) == 1 and not e.ent_id_
              and e.root.pos_ == "PROPN" and e.root.dep_ != "amod"
              and _bare(e.text) in openers and e.text.lower() not in lex.words["demonyms"] and e.text.lower() not in lex.countries}
    if not names:
        return ents
    return [Span(doc, e.start, e.end, label="ORG") if e.label_ in ("PERSON", "GPE", "NORP") and _bare(e.text) in names
            and not e.ent_id_ else e for e in ents]


# what a part of a company is called in apposition to its name (never a person)
PART_NOUNS = frozenset({"unit", "division", "department", "subsidiary", "arm", "affiliate"})


def described_as_part(e: Span) -> bool:
    """A name with a word for a part of a company in apposition after it: 'Ducati Corse, the racing
    department of ...'."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in PART_NOUNS and c.i > e.end for c in e.root.children)


def _bare(text: str) -> str:
    """A name without a possessive ending."""
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _after_capital(doc: Doc, t) -> bool:
    """Whether a word follows a capitalised word of the same name ('Tide Shift', 'Age Wave'); not
    the first word of a sentence ('... which led its Series A. Qwak's platform runs on ...')."""
    # ('Plenty Unlimited, the indoor-farming company, ...': the first word of a sentence that the
    # parser hangs on the word after it as part of one name)
    # ('NV Energy, Nevada's main electric utility': capitals, too)
    return t.i > 0 and (doc[t.i - 1].is_title or doc[t.i - 1].is_upper and doc[t.i - 1].is_alpha) \
        and doc[t.i - 1].pos_ == "PROPN" and not t.is_sent_start \
        and (not doc[t.i - 1].is_sent_start or doc[t.i - 1].dep_ == "compound" and doc[t.i - 1].head.i == t.i)


# what only a company has, after a name of several words ("Stena Line's chief executive")
COMPANY_ONLY = COMPANY_OFFICERS | {"headquarters", "shareholders", "subsidiary", "subsidiaries"}


def _known_place(text: str) -> bool:
    """Whether the gazetteer knows these words as a place ('Las Vegas')."""
    known = builtin_gazetteer().lookup(text)
    return known is not None and known.type == "PLACE"


def _companies_taken_for_people(doc: Doc, ents: list[Span], unknown: list[Span],
                                company_nouns: frozenset) -> list[Span]:
    """A name of two or three words the tagger took for a person's ('Stena Line has signed ...') that
    the article once gives what only a company has ("Stena Line's chief executive"), or describes as a
    company ('Amer Sports, the Finnish sporting-goods group whose brands include ...'), is that company
    wherever the article writes it."""
    named = set()
    # (the last words of the people's names the article gives: 'Nordstrom' stays a family's name)
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    countries = load_lexicon().countries
    for e in ents:
        if e.label_ not in ("PERSON", "GPE", "ORG") or e.ent_id_:
            continue
        if len(e) == 1 and e.text not in surnames and e.text[:1].isupper() and e.end + 2 < len(doc) \
                and e.text.lower() not in countries \
                and doc[e.end].text in ("'s", "\u2019s") and _phrase_at(doc, e.end + 1, COMPANY_OFFICERS):
            named.add(e.text)       # "Nidec's chief executive", "Gildan's chief executive": a one-word name
            continue                # the tagger took for a person's or a place's (there or elsewhere)
        if e.label_ != "PERSON":
            continue
        if 2 <= len(e) <= 3 and _described_as_company(doc, e, company_nouns, owned=False):
            named.add(e.text)
            continue
        # (the tagger often keeps the possessive inside the name)
        inside = e[-1].text in ("'s", "\u2019s")
        k = e.end if inside else e.end + 1
        if 2 <= len(e) - inside <= 3 and k + 1 < len(doc) and (inside or doc[e.end].text in ("'s", "\u2019s")) \
                and _phrase_at(doc, k, COMPANY_ONLY):
            named.add(e[:-1].text if inside else e.text)
    if not named:
        return ents
    out = []
    for e in ents:
        # (and 'Nidec Machine Tool', a longer person's name opening on such a one-word company's)
        # (not a venue named after the company and its town, 'Topgolf Las Vegas')
        if not e.ent_id_ and (e.label_ in ("PERSON", "GPE") and _bare(e.text) in named
                              or e.label_ == "PERSON" and 2 <= len(e) <= 3 and e[0].text in named
                              and not _known_place(e[1:].text)):
            e = Span(doc, e.start, e.end, label="ORG")
            unknown.append(e)
        out.append(e)
    return out


def described_names(doc: Doc, ents: list[Span], company_nouns: frozenset, unknown: list[Span]) -> list[Span]:
    """A one-word name the article once describes as a company ('Clio, the Canadian maker of ...') is
    that company wherever else it stands alone, whatever the tagger guessed there (a person, for
    'Clio', or nothing), unless the article also gives a person that name ('Maria Clio')."""
    ents = _companies_taken_for_people(doc, ents, unknown, company_nouns)
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    named, used = set(), set()
    as_company: list[Span] = []     # one-word names taken for people, each written as a company's
    for t in doc:
        e = taken.get(t.i)
        # ('Incal, now a unit of Aehr, developed ...', the opening name read as an adjective)
        if e is None and (t.pos_ == "PROPN" or t.pos_ in ("ADJ", "NOUN") and (
                not t.is_sent_start or t.i + 1 < len(doc) and doc[t.i + 1].text == "," and not t.is_stop)) \
                and t.is_title and t.is_alpha and not _after_capital(doc, t):
            e = doc[t.i:t.i + 1]    # ('is Audible, Amazon's audiobook unit', the name read as an adjective)
        elif e is not None and len(e) == 2 and e.start == t.i and e[-1].text == ",":
            e = Span(doc, t.i, t.i + 1, label=e.label_)     # 'Lintasarta,' tagged with its comma
        if e is not None and len(e) == 1 and e.start == t.i and not e.ent_id_ and t.text[:1].isupper() \
                and (e.label_ in ("", "ORG", "PERSON", "GPE", "NORP", "FAC")):     # (or a name taken for a building)
            if _described_as_company(doc, e, company_nouns):
                named.add(t.text)
            elif (e.label_ or t.pos_ == "PROPN" and not (t.i > 0 and doc[t.i - 1].text[:1].isupper())) \
                    and used_as_company(e):      # (an untagged word: not the end of a longer name, 'NV Energy')
                used.add(t.text)
                if e.label_ == "PERSON":
                    as_company.append(e)
    if used:
        # (a word used so must stand alone wherever the article writes it: not the 'Klay' of 'Klay Vision')
        named |= used - {t.text for t in doc if t.text in used and (
            t.i + 1 < len(doc) and doc[t.i + 1].is_title and doc[t.i + 1].pos_ == "PROPN"
            and not doc[t.i + 1].is_sent_start or _after_capital(doc, t))}
    named -= {w for e in ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()}
    # ("David Thomas, Barratt's chief executive", in an article about Barratt Developments that its
    # founder Lawrie Barratt named: the company there, where it is written as one, and nowhere else)
    firsts = {e.text.split()[0] for e in ents if e.label_ == "ORG" and len(e.text.split()) > 1}
    retyped = {e.start for e in as_company if e.text in firsts and e.text not in named}
    if not named and not retyped:
        return ents
    out = []
    for e in ents:
        if e.start in retyped and len(e) == 1 and e.label_ == "PERSON" \
                or len(e) == 1 and e.text in named and e.label_ != "ORG" and not e.ent_id_:
            e = Span(doc, e.start, e.end, label="ORG")
            unknown.append(e)
        out.append(e)
    for t in doc:
        if t.text in named and t.i not in taken and not _after_capital(doc, t):
            out.append(Span(doc, t.i, t.i + 1, label="ORG"))
            unknown.append(out[-1])
    return sorted(out, key=lambda e: e.start)


OR_ALIASES = "industry_graph_or_aliases"       # Doc.user_data: short form -> the name it is given for


def or_aliases(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'the Health Assurance Transformation Corporation, or HATCo, which ...': the capitalised word
    after ', or' is the company's short name, an organisation whatever the tagger made of it."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for e in ents:
        k = e.end
        if e.label_ != "ORG" or k + 3 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ != "or":
            continue
        short = doc[k + 2]
        if short.i in taken or not short.text[:1].isupper() or not short.is_alpha and not short.text.isalnum() \
                or doc[k + 3].text not in (",", ")", ".", ";") or short.is_sent_start:
            continue
        added.append(Span(doc, short.i, short.i + 1, label="ORG"))
        doc.user_data.setdefault(OR_ALIASES, {})[short.text] = e.text
    if not added:
        return ents
    unknown.extend(added)
    return sorted(ents + added, key=lambda e: e.start)


def birth_names(doc: Doc, ents: list[Span]) -> None:
    """'Toni Morrison (born Chloe Ardelia Wofford; ...)': the name after 'born' in brackets is the
    same person's, which the article's own name for her stands for."""
    for e, after in zip(ents, ents[1:]):
        k = e.end
        if e.label_ == after.label_ == "PERSON" and k + 2 < len(doc) and doc[k].text == "(" \
                and doc[k + 1].lower_ in ("born", "née", "nee") and after.start == k + 2:
            doc.user_data.setdefault(OR_ALIASES, {})[after.text] = e.text
