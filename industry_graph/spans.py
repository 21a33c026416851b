"""Repairing the statistical tagger's name boundaries from the parse.

The small model often tags part of an unknown company's name ('Eagle' in 'Eagle Rock
Entertainment', as a facility) or none of it ('First Apex Holdings'). The parser still sees the
name as one flat noun phrase: capitalised proper nouns hanging as compounds on the last one. Such a
phrase becomes one entity, an organisation when its last word is a company word ('Holdings',
'Entertainment', 'Bank'). Gazetteer matches are left alone (gazetteer_bounds decides about them),
except a product, facility or place that starts a company's name; and so are phrases holding a title or another trigger word ('OpenAI CEO Sam Altman')."""
from __future__ import annotations

import re
import unicodedata

from spacy.attrs import LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import load_lexicon
from .names import CALENDAR_WORDS, COMPANY_SUFFIXES, NOT_GIVEN_NAMES
from .bylines import bylines
from .facilities import (SITE_CODE, called_sites, coded_sites, data_center_names, facility_appositions, facility_names,
                         is_compute, is_site_noun)
from .products import (NAMED_BY_MAKER, described_products, joined_products, maker_named_products, product_names,
                       repeated_products, set_beside_product)
from .shortnames import (FOUNDED_VERBS, birth_names, camel_names, described_names, in_headline, names_retagged, or_aliases,
                         owned_word_names, possessive_names, repeated_names, settle, short_names, unfound_companies)
from .syntax import ORG_DESCRIPTIONS, rules_unremembered
from .tails import (companies_after_titles, company_appositions, company_tails, described_companies, dotted_names,
                    hyphened_names)

EXTENDABLE = frozenset({"ORG", "FAC", "GPE", "PRODUCT", "NORP", "LOC"})
KNOWN_INSIDE = frozenset({"FAC", "GPE", "PRODUCT"})     # known names that start a company's name
PLACE_PARTS = frozenset({"GPE", "LOC", "NORP", "FAC"})
# words that open a company's name only after a town's or an owner's ('Guangzhou Industrial
# Investment Fund Management'): alone they name no one
GENERIC_NAME_WORDS = frozenset({"industrial", "investment", "investments", "capital", "state", "development",
                                "venture", "ventures", "fund", "holdings", "municipal", "provincial", "financial",
                                "asset", "equity", "private", "infrastructure", "science", "technology",
                                "innovation", "high-tech", "city"})
PLACE_WORDS = frozenset({"county", "parish", "city", "province", "state", "district", "prefecture", "township",
                         "region", "valley", "bay", "island", "islands"})


def _runs(doc: Doc):
    """Maximal runs [start, end) of capitalised proper nouns, each but the last a compound of a
    later word of the run, the last one's head outside it."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not (tok.pos_ == "PROPN" and (tok.text[:1].isupper() or tok.ent_type_)):    # 'xAI Holdings'
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j].dep_ == "compound" and j < doc[j].head.i \
                and doc[j + 1].pos_ == "PROPN" \
                and (doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ in COMPANY_SUFFIXES) \
                and not doc[j + 1].is_sent_start and not doc[j + 1].is_stop and not doc[j].whitespace_ == "":
            j += 1
        # every compound in the run must hang inside it ('Pfizer' on 'Bourla' would leave it)
        if j > i and all(doc[k].head.i <= j for k in range(i, j)):
            yield i, j + 1
        i = j + 1


def _blocked(span: Span, words) -> bool:
    return any(t.lower_ in words for t in span)


# kinds of business that describe a one-word name as a company ('Boots, the British chain')
SHOP_KINDS = frozenset({"chain", "cooperative", "co-operative"})


@Language.component("name_spans")
def name_spans(doc: Doc) -> Doc:
    lex = load_lexicon()
    before = list(doc.ents)
    unknown: list[Span] = []        # new names, which must not keep a known name's id
    runs = list(_runs(doc))         # (the parse stays as it is until the end: the runs too)
    ents = _whole_names(doc, before, lex, unknown, runs)
    ents = _without_listings(doc, ents)
    ents = _name_particles(doc, ents, unknown)
    ents = _first_name_products(doc, ents, unknown)
    ents = _owner_split(doc, ents, unknown)
    ents = _bought_names(doc, ents, unknown)
    ents = _country_arms(doc, ents, lex, unknown)
    ents = _home_countries(doc, ents, lex, unknown)
    ents = _numbered_names(doc, ents, unknown)
    ents = _legal_suffixes(doc, ents, unknown)
    ents = _suffixed_names(doc, ents, unknown)
    ents = _investment_arms(doc, ents, unknown)
    ents = _group_words(doc, ents)
    ents = _colon_names(doc, ents, unknown)
    ents = _dated_names(doc, ents, unknown)
    ents = _names_after_dates(doc, ents, unknown)
    ents = hyphened_names(doc, ents, unknown)
    ents = dotted_names(doc, ents, unknown)
    ents = company_tails(doc, ents, lex.org_words, unknown)
    ents = _institutions_of(doc, ents, unknown)
    ents = company_appositions(doc, ents, lex.roles, unknown)
    ents = companies_after_titles(doc, ents, lex, unknown)
    ents = described_companies(doc, ents, lex.anaphora | ORG_DESCRIPTIONS, unknown)
    ents = described_names(doc, ents, lex.anaphora | ORG_DESCRIPTIONS | SHOP_KINDS, unknown)
    ents = _based_places(doc, ents)
    ents = [_version_words(doc, e, ents, lex, unknown) for e in ents]
    ents = _numbered(doc, ents, unknown, lex.words["count_words"])
    ents = _word_before_figures(doc, ents, unknown)
    ents = short_names(doc, ents, lex.org_words, unknown)
    ents = or_aliases(doc, ents, unknown)
    ents = camel_names(doc, ents, unknown)
    ents = repeated_names(doc, ents, unknown)
    ents = unfound_companies(doc, ents, unknown)
    ents = possessive_names(doc, ents, unknown)
    ents = owned_word_names(doc, ents, lex.anaphora | ORG_DESCRIPTIONS, unknown)
    ents = names_retagged(doc, ents, unknown)
    ents = bylines(doc, ents, lex.org_words)
    ents = facility_names(doc, ents, unknown)
    ents = facility_appositions(doc, ents, unknown)
    ents = data_center_names(doc, ents, unknown)
    ents = coded_sites(doc, ents, unknown)
    ents = called_sites(doc, ents, unknown)
    ents = product_names(doc, ents, lex.org_words, unknown)
    ents = joined_products(doc, ents, unknown)
    ents = described_products(doc, ents, unknown)
    ents = _brand_names(doc, ents, unknown)
    ents = _founded_names(doc, ents, unknown)
    ents = maker_named_products(doc, ents, lex.org_words, unknown)
    ents = repeated_products(doc, ents, unknown)
    ents = _longer_names(doc, ents, lex, unknown, runs)
    ents = [_sentence_break(doc, e) for e in ents]
    ents = [_code_before_site_noun(doc, e) for e in ents]
    ents = [_title_removed(doc, e, lex) for e in ents]
    ents = [t for t in (_trimmed(doc, e) for e in ents) if t is not None]
    ents = [_opening_new(doc, e) for e in ents]
    ents = _comma_split(doc, ents, unknown)
    ents = _joined_split(doc, ents, unknown)
    ents = _ampersand_names(doc, ents, unknown)
    ents = [_article_of_noun(doc, e, lex) for e in ents]
    ents = [_place_in_description(doc, e, lex) for e in ents]
    # 'Rachael Chong is Founder and CEO of ...': a capitalised title alone is no name; nor is 'The
    # Idaho company', a description ending in a lower-case company noun
    ents = [e for e in ents if e.ent_id_ or not (_is_title(e, lex) or e.label_ == "ORG" and len(e) > 1
                                                 and e[-1].is_lower and e[-1].lower_ in lex.anaphora)]
    ents = [_not_a_person(doc, e, lex) for e in ents]
    ents = [_person_in_list(doc, e) for e in ents]
    ents = [_not_a_place(doc, e) for e in ents]
    ents = _town_before_company(doc, ents, unknown)
    ents = _people_before_titles(doc, ents, lex, unknown)
    # 'the AI start-up', 'AI chips': the technology, which the tagger often takes for a company
    # (and 'Colossus, the AI supercomputer that xAI runs', a technology before a lower-case site noun
    # set beside a name: the name is the site's)
    tech = lex.words["technology_words"]
    ents = [e for e in ents if e.ent_id_ or e.text not in tech and not (
        e.label_ == "FAC" and len(e) > 1 and e[-1].is_lower and all(t.text in tech for t in e[:-1])
        and (e.root.dep_ == "appos" and e.root.head.ent_type_ or any(c.dep_ == "appos" and c.ent_type_
                                                                     for c in e.root.children)))]
    # 'the Emirati technology group': a nationality, which the tagger sometimes takes for a company
    ents = [Span(doc, e.start, e.end, label="NORP") if not e.ent_id_ and e.label_ != "NORP"
            and e.text.lower() in lex.words["demonyms"] else e for e in ents]
    for e in ents:
        _suffix_heads(doc, e)
    birth_names(doc, ents)
    if ents != before:
        doc.ents = sorted(ents, key=lambda e: e.start)
        for span in unknown:            # setting the entities keeps a known name's id on its tokens
            for tok in span:
                tok.ent_id_ = ""
    return doc


def _people_before_titles(doc: Doc, ents: list[Span], lex, unknown: list[Span]) -> list[Span]:
    """Two or three capitalised words set off before a person's title, or before a clause opened by
    'who', are a person's name, whatever the tagger made of the first of them ('Dawn Allen, Tate &
    Lyle's chief financial officer, said ...', 'Dawn' taken for a building)."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = ents
    for e in ents:
        if e.label_ not in ("FAC", "GPE", "LOC", "PRODUCT", "WORK_OF_ART", "NORP") or len(e) > 2:
            continue
        end = e.end
        while end < len(doc) and end - e.start < 3 and end not in by_token and doc[end].pos_ == "PROPN" \
                and doc[end].is_title and doc[end].is_alpha:
            end += 1
        # (or with a first name before it: 'Michael Rubin, Fanatics' chief executive', where the
        # gazetteer knows a product called Rubin)
        start = e.start
        while start > 0 and e.start - start < 2 and start - 1 not in by_token and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].is_title and doc[start - 1].is_alpha and end == e.end:
            start -= 1
        run = doc[start:end]
        # (a known site's or product's name only with a surname after it: 'Dawn Allen')
        if not 2 <= len(run) <= 3 or e.ent_id_ and end == e.end and start == e.start or end >= len(doc) \
                or doc[end].text != "," \
                or not all(t.is_title and t.is_alpha and t.lower_ not in lex.org_words for t in run):
            continue
        title = next((c for c in run.root.children if c.dep_ == "appos" and c.i > end), None)
        rules = rules_unremembered(lex.roles, title, lex) if title is not None else ()
        # (or a clause opened by 'who': 'Leonardo Ferragamo, who bought control of ...')
        if not (rules and all(r.head_types == {"PERSON"} and not r.reverse for r in rules)) \
                and not (end + 1 < len(doc) and doc[end + 1].lower_ == "who"):
            continue
        person = Span(doc, start, end, label="PERSON")
        out = [x for x in out if x is not e] + [person]
        unknown.append(person)
    return sorted(out, key=lambda x: x.start) if out is not ents else ents


SITE_NOUN_WORDS = frozenset({"data", "centre", "center", "campus", "site", "facility"})


def _code_before_site_noun(doc: Doc, ent: Span) -> Span:
    """"Teraco's JB1 data centre", the tagger's name running on into the lower-case words after a
    site's code: the code alone is the site's name."""
    if ent.ent_id_ or len(ent) < 2 or not SITE_CODE.fullmatch(ent[0].text) \
            or not all(t.is_lower and t.lower_ in SITE_NOUN_WORDS for t in ent[1:]):
        return ent
    return Span(doc, ent.start, ent.start + 1, label="FAC")


# lower-case words inside a person's family name ('Daniela Gerd tom Markotten', 'Rafael van der Vaart')
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das",
                            "ten", "ter", "tom", "zu", "le", "la", "bin", "al"})


def _name_particles(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """The entities, with a person's name that the tagger cut at a lower-case particle of the family
    name ('Daniela Gerd' and then 'tom Markotten') carried on to the capitalised words after it."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for e in ents:
        if e.label_ != "PERSON" or e.ent_id_:
            continue
        k = e.end
        while k < len(doc) and doc[k].lower_ in NAME_PARTICLES and doc[k].is_lower and doc[k - 1].whitespace_:
            k += 1
        if not (k > e.end or e[-1].lower_ in NAME_PARTICLES and len(e) > 1):
            continue
        end = k
        while end < len(doc) and end < k + 2 and doc[end].is_title and doc[end].is_alpha \
                and doc[end - 1].whitespace_ and not (end in by_token and by_token[end].ent_id_):
            end += 1
        if end == k:
            continue
        inside = {id(x): x for i in range(e.start, end) if (x := by_token.get(i)) is not None}
        if any(x.start < e.start or x.end > end for x in inside.values()):
            continue
        added.append((Span(doc, e.start, end, label="PERSON"), list(inside.values())))
    return settle(doc, ents, added, unknown) if added else ents


def _first_name_products(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Ernie Garcia, Carvana's co-founder': a known product's one-word name that is also a first
    name, right before a family name the tagger calls a person, is the person's first name (not
    "Baidu's Ernie", owned)."""
    starts = {e.start: e for e in ents}
    added = []
    for e in ents:
        after = starts.get(e.end)
        if e.label_ != "PRODUCT" or len(e) != 1 or not e.text.istitle() or after is None \
                or after.label_ != "PERSON" or after.ent_id_ or not e[-1].whitespace_ \
                or not all(t.is_title for t in after) \
                or e.start > 0 and doc[e.start - 1].tag_ == "POS":
            continue
        added.append((Span(doc, e.start, after.end, label="PERSON"), [e, after]))
    return settle(doc, ents, added, unknown) if added else ents


# the last words of a company's investing or cloud arm's name: 'Geely Capital', 'Hanwha Ventures', 'IBM Cloud'
ARM_WORDS = frozenset({"Capital", "Ventures", "Investment", "Investments", "Cloud"})


def _investment_arms(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Geely Capital', tagged as the known carmaker and a word after it: a known company's name with
    an investing word after it names the company's investing arm, a company of its own."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for e in ents:
        k = e.end
        # ('Point72 Private Investments': one capitalised word before the investing word)
        if k + 1 < len(doc) and doc[k].is_title and doc[k].is_alpha and doc[k].text not in ARM_WORDS \
                and doc[k + 1].text in ARM_WORDS and k not in taken and e[-1].whitespace_:
            k += 1
        if e.label_ != "ORG" or not e.ent_id_ or k >= len(doc) or doc[k].text not in ARM_WORDS \
                or not e[-1].whitespace_ or k + 1 < len(doc) and doc[k + 1].is_title and doc[k + 1].pos_ == "PROPN":
            continue
        inside = [x for x in ents if x is not e and x.start <= k and x.end > e.end]
        if any(x.ent_id_ or x.start < e.end or x.end > k + 1 for x in inside) \
                or k == e.end and inside and len(inside[0]) > 1:
            continue
        arm = Span(doc, e.start, k + 1, label="ORG")
        out = [x for x in out if x is not e and all(x is not y for y in inside)] + [arm]
        unknown.append(arm)
    return sorted(out, key=lambda e: e.start)


INSTITUTIONS = frozenset({"center", "centre", "institute", "school", "laboratory", "laboratories", "department",
                          "office", "council", "agency", "foundation", "commission", "bureau", "academy"})


def _institutions_of(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'the RIKEN Center for Computational Science' tagged as 'RIKEN Center': a body's name goes on
    through its 'for' or 'of' and the capitalised words after it."""
    out = []
    taken = {i for e in ents for i in range(e.start, e.end)}
    places, eaten = {e.start: e for e in ents if e.label_ == "GPE"}, set()
    for e in ents:
        end = e.end
        if e.label_ == "ORG" and not e.ent_id_ and e[-1].lower_ in INSTITUTIONS and end + 1 < len(doc) \
                and doc[end].lower_ in ("for", "of") and doc[end + 1].is_title and end + 1 not in taken:
            k = end + 1
            while k < len(doc) and k not in taken and (doc[k].is_title and doc[k].is_alpha
                                                       or doc[k].lower_ == "and" and k + 1 < len(doc)
                                                       and doc[k + 1].is_title):
                k += 1
            if doc[k - 1].is_title:
                e = Span(doc, e.start, k, label="ORG")
                unknown.append(e)
        elif e.label_ == "ORG" and not e.ent_id_ and e[-1].lower_ in INSTITUTIONS and end + 1 < len(doc) \
                and doc[end].lower_ == "of" and (place := places.get(end + 1)) is not None:
            # ('VTT Technical Research Centre of Finland': a known place may end the body's name)
            e = Span(doc, e.start, place.end, label="ORG")
            unknown.append(e)
            eaten.add(place.start)
        out.append(e)
    out = [e for e in out if not (e.label_ == "GPE" and e.start in eaten)]
    # "the Chinese Academy of Sciences' Institute of Computing Technology": a body's name after its
    # owner's possessive, untagged
    for t in doc[2:-2]:
        if t.i in taken or not t.is_title or t.lower_ not in INSTITUTIONS or doc[t.i - 1].tag_ != "POS" \
                or doc[t.i - 2].i not in taken or doc[t.i + 1].lower_ not in ("for", "of") \
                or not doc[t.i + 2].is_title or t.i + 2 in taken:
            continue
        k = t.i + 2
        while k < len(doc) and k not in taken and (doc[k].is_title and doc[k].is_alpha
                                                   or doc[k].lower_ == "and" and k + 1 < len(doc) and doc[k + 1].is_title):
            k += 1
        if doc[k - 1].is_title:
            body = Span(doc, t.i, k, label="ORG")
            unknown.append(body)
            out.append(body)
    return sorted(out, key=lambda e: e.start)


NUMBER_WORDS = frozenset({"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
                          "Twelve", "Hundred", "Thousand"})


def _word_before_figures(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'agreed to sell Take 5 Car Wash', the name read from its figure on ('5 Car Wash'): a
    capitalised word right before a company or product name that opens with a figure opens the name."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for e in ents:
        if e.label_ not in ("ORG", "PRODUCT") or e.ent_id_ or not e[0].text.isdigit() or len(e) < 2 or e.start == 0:
            continue
        w = doc[e.start - 1]
        if w.i in taken or not (w.is_title and w.is_alpha) or w.lower_ in CALENDAR_WORDS \
                or w.pos_ in ("DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "NUM"):
            continue
        added.append((Span(doc, w.i, e.end, label=e.label_), [e]))
    return settle(doc, ents, added, unknown) if added else ents


def _numbered_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'led by Four Rivers', 'Eight Roads': a capitalised number word with capitalised names after it,
    inside a sentence that is not a headline, is a company's name (the tagger takes it for a count)."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    added = []
    for e in ents:
        if e.label_ != "CARDINAL" or len(e) != 1:
            continue
        # ('500 Global, one of Tamatem's earliest backers': figures and a company word, not a count of
        # global things)
        digits = e.text.isdigit() and e.end + 1 < len(doc) and doc[e.end].pos_ == "PROPN" and doc[e.end].is_title \
            and doc[e.end].lower_ in load_lexicon().org_words and not doc[e.end + 1].is_lower
        if e.text not in NUMBER_WORDS and not digits:
            continue
        k = e.end
        while k < len(doc) and k - e.end < 3 and doc[k].pos_ == "PROPN" and doc[k].is_title \
                and not (k in by_token and (by_token[k].ent_id_ or by_token[k].start < e.end)):
            k += 1
        if k == e.end and not digits:
            # 'the labelling platform Figure Eight': capitalised words before the number word
            j = e.start
            while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].is_title and not doc[j - 1].is_sent_start \
                    and not (j - 1 in by_token and (by_token[j - 1].ent_id_ or by_token[j - 1].label_ not in ("ORG", "PRODUCT"))):
                j -= 1
            # (not 'Its Figure Eight test', the words naming a kind of test)
            if j == e.start or in_headline(e.sent) or e.end < len(doc) and doc[e.end].pos_ == "NOUN" and doc[e.end].is_lower:
                continue
            inside = list({id(by_token[i]): by_token[i] for i in range(j, e.start) if i in by_token}.values())
            if not any(x.start < j for x in inside):
                added.append((Span(doc, j, e.end, label="ORG"), [e] + inside))
            continue
        if in_headline(e.sent):
            continue
        inside = list({id(by_token[i]): by_token[i] for i in range(e.end, k) if i in by_token}.values())
        if any(x.end > k for x in inside):
            continue
        added.append((Span(doc, e.start, k, label="ORG"), [e] + inside))
    return settle(doc, ents, added, unknown) if added else ents


def _country_arms(doc: Doc, ents: list[Span], lex, unknown: list[Span]) -> list[Span]:
    """'Matrix Partners India', 'Microsoft Japan', 'BBVA México': a company's name with a country's
    written after it, read by the parser as one name, is the company's arm in that country, a company
    of its own."""
    out = list(ents)
    # (a country the tagger left untagged after the name: 'BBVA México')
    starts = {e.start for e in ents}
    after = [Span(doc, a.end, a.end + 1, label="GPE") for a in ents if a.label_ == "ORG" and a.end < len(doc)
             and a.end not in starts and doc[a.end].pos_ == "PROPN" and not doc[a.end].ent_type_]
    by_end = {a.end: a for a in ents}
    regions = lex.words["regions"]
    for a, b in list(zip(ents, ents[1:])) + [(by_end[b.start], b) for b in after]:
        if a.label_ != "ORG" or b.label_ not in ("GPE", "LOC") or a.end != b.start \
                or _plain(b.text) not in lex.countries and b.text.lower() not in regions:
            continue
        end = b.end
        # ('Toyota Motor North America', 'Fujifilm North America Corporation': a region, with the
        # company's legal suffix after it)
        if end < len(doc) and doc[end].lower_ in COMPANY_SUFFIXES and doc[end].text[:1].isupper():
            end += 1
        elif end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            continue
        if a.root.dep_ not in ("compound", "nmod") or not (b.start <= a.root.head.i < end):
            continue
        span = Span(doc, a.start, end, label="ORG")
        out = [e for e in out if e is not a and e is not b] + [span]
        unknown.append(span)
    return sorted(out, key=lambda e: e.start)


# the last words of a company's name that a country after 'of' does not belong to: 'ECN Capital of
# Canada', 'Evoca Group of Italy' (not 'Bank of Canada' or 'Power Corporation of Canada', whose names
# end in the country)
BEFORE_HOME_COUNTRY = frozenset({"capital", "group", "holdings", "partners", "foods", "technologies", "systems",
                                 "labs", "inc", "inc.", "ltd", "ltd.", "plc", "ag", "se", "nv", "n.v.", "gmbh",
                                 "spa", "s.p.a."})


def _home_countries(doc: Doc, ents: list[Span], lex, unknown: list[Span]) -> list[Span]:
    """'Triad is owned by ECN Capital of Canada': a name the tagger ran on over 'of' and a country is
    the company, and the country where it is from."""
    out = []
    for e in ents:
        k = next((t.i for t in e[2:-1] if t.lower_ == "of"), None) if e.label_ == "ORG" and not e.ent_id_ else None
        if k is None or doc[k - 1].lower_ not in BEFORE_HOME_COUNTRY:
            out.append(e)
            continue
        rest = doc[k + 2:e.end] if doc[k + 1].lower_ == "the" else doc[k + 1:e.end]     # ('of the U.S.')
        if _plain(rest.text) not in lex.countries:
            out.append(e)
            continue
        parts = [Span(doc, e.start, k, label="ORG"), Span(doc, rest.start, rest.end, label="GPE")]
        unknown.extend(parts)
        out.extend(parts)
    return out


def _plain(text: str) -> str:
    """'México' -> 'mexico': a name as the lists of places spell it, without accents."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _whole_names(doc: Doc, ents: list[Span], lex, unknown: list[Span], runs: list) -> list[Span]:
    ents = list(ents)
    by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
    for start, end in runs:
        run = doc[start:end]
        last = run[-1].lower_
        inside = sorted({by_token[t] for t in range(start, end) if t in by_token})
        if not inside and (named := _after_title(run, lex)) is not None:
            ents.append(Span(doc, named, end, label="PERSON"))
            continue
        if len(inside) == 2 and _one_company(ents[inside[0]], ents[inside[1]], start, end, lex):
            span = Span(doc, start, end, label="ORG")
            unknown.append(span)
            ents = [e for k, e in enumerate(ents) if k not in inside] + [span]
            ents.sort(key=lambda e: e.start)
            by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
            continue
        # ('AXA Investment Managers': a generic word inside a name that ends in a company word)
        if _blocked(run, lex.trigger_words - GENERIC_NAME_WORDS if last in lex.org_words else lex.trigger_words):
            continue
        if not inside:
            # (a name ends in a capitalised company word: 'Zorblax Robotics', not 'the Idaho company')
            # ('AI Infrastructure Partnership': 'AI' opens many names, though it ends others)
            if last in lex.org_words and len(run) > 1 and run[-1].text[:1].isupper() \
                    and (run[0].lower_ not in lex.org_words or run[0].text == "AI" and len(run) > 2):
                ents.append(Span(doc, start, end, label="ORG"))
            elif _who_clause(run) and last not in lex.org_words:
                ents.append(Span(doc, start, end, label="PERSON"))     # 'KR Sridhar, who founded Bloom'
            elif _listed_before_person(run, ents, by_token, lex):
                ents.append(Span(doc, start, end, label="PERSON"))     # 'by Ana Torres, Wei Zhang and ...'
            continue
        if len(inside) > 1 and last in PLACE_WORDS and all(
                ents[k].label_ in PLACE_PARTS and not ents[k].ent_id_ for k in inside):
            # 'Richland Parish' tagged as a place and a nationality: one place
            ents[inside[0]] = Span(doc, start, end, label="GPE")
            for k in inside[1:]:
                ents[k] = None
            ents = [e for e in ents if e is not None]
            by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
            continue
        if len(inside) == 2 and (a := ents[inside[0]]).label_ == (b := ents[inside[1]]).label_ == "GPE" \
                and not a.ent_id_ and (a.start, a.end, b.start, b.end) == (start, b.start, a.end, end):
            # 'Navi Mumbai', tagged as an unknown place and the city: one place
            ents[inside[0]] = Span(doc, start, end, label="GPE")
            ents = [e for k, e in enumerate(ents) if k != inside[1]]
            by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
            continue
        if len(inside) == 2 and all(not ents[k].ent_id_ for k in inside) \
                and {ents[k].label_ for k in inside} == {"GPE", "PERSON"} and _place_after_comma(run):
            # 'based in Aliso Viejo, California', tagged a place and a person: one town, in its state
            ents[inside[0]] = Span(doc, start, end, label="GPE")
            ents = [e for k, e in enumerate(ents) if k != inside[1]]
            by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
            continue
        if len(inside) != 1:
            continue
        ent = ents[inside[0]]
        # ('Positive Sum Ventures' with 'Sum Ventures' tagged a person: a company word ends it)
        misread = ent.label_ == "PERSON" and not ent.ent_id_ and last in lex.org_words
        # ('Sterling Anderson' with only the surname tagged: the given name before it)
        given = ent.label_ == "PERSON" and not ent.ent_id_ and ent.end == end and ent.start - start == 1 \
            and (doc[start].is_title or _initials(doc[start], lex)) and doc[start].is_alpha \
            and doc[start].lower_ not in lex.org_words \
            and doc[start].lower_ not in NOT_GIVEN_NAMES | lex.public_titles
        if ent.label_ not in EXTENDABLE and not misread and not given or (ent.start, ent.end) == (start, end):
            continue
        if ent.start < start or ent.end > end:
            continue                    # the entity reaches outside the phrase: the parse is unsure
        rest = [t.lower_.replace(".", "").rstrip(",") for t in doc[ent.end:end]]
        if ent.ent_id_ and ent.label_ == "PRODUCT" and ent.end == end and _product_prefix(doc[start:ent.start], lex):
            span = Span(doc, start, end, label="PRODUCT")   # 'DAX Copilot': another product than Copilot
            unknown.append(span)
        elif ent.ent_id_ and ent.start == start and all(w in COMPANY_SUFFIXES for w in rest):
            span = Span(doc, start, end, label=ent.label_, span_id=ent.ent_id_)    # 'AT&T Inc.'
        elif ent.ent_id_ and ent.label_ == "PRODUCT" and ent.start == start and end - ent.end <= 2 \
                and all(t.text.isalnum() and (t.is_title or t.is_upper) and t.lower_ not in lex.org_words
                        and t.text not in lex.words["technology_words"] for t in doc[ent.end:end]):
            span = Span(doc, start, end, label="PRODUCT")   # 'Jetson AGX Orin': a model of the Jetson line
            unknown.append(span)
        elif ent.ent_id_ and not (ent.start == start and last in lex.org_words - {"ai"} and (
                ent.label_ in KNOWN_INSIDE or ent.label_ == "ORG")) and not _product_mid_name(doc, ent, start, end, lex):
            # a known name, unless it starts a company's longer name: 'Eagle Rock Entertainment',
            # 'AT&T Mobility LLC' (but 'Google AI' is Google)
            continue
        else:
            span = Span(doc, start, end, label="ORG" if last in lex.org_words else ent.label_)
            unknown.append(span)
        ents[inside[0]] = span
    return ents


def _one_company(first: Span, body: Span, start: int, end: int, lex) -> bool:
    """Whether a name tagged in two parts, a place or a known name and then a company the article does
    not know, is one company's name ending in a company word."""
    if body.label_ != "ORG" or body.ent_id_ or first.start != start or body.start != first.end or body.end != end \
            or body[-1].lower_ not in lex.org_words:
        return False
    # 'Guangzhou Industrial Investment Fund Management', tagged as a town and a company: a generic
    # company name needs its town to be a name at all
    if first.label_ == "GPE" and body[0].lower_ in GENERIC_NAME_WORDS:
        return True
    # 'Trillium Crest Capital', tagged as a known chip and a company: a known product's or place's
    # name that opens a company's name is part of it
    return bool(first.ent_id_) and first.label_ in KNOWN_INSIDE


def _initials(tok, lex) -> bool:
    """'KR Sridhar', 'DS Smith': two or three capitals before a surname the tagger took alone (not a
    country's or a title's letters: 'US', 'AI', 'CEO')."""
    return tok.is_upper and 2 <= len(tok) <= 3 and tok.lower_ not in lex.countries \
        and tok.text not in ("AI", "US", "UK", "EU", "UN", "CEO", "CFO", "CTO", "COO", "VP")


def _without_listings(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Southwest Airlines Co. (NYSE: LUV)': an exchange and a ticker after a colon, inside brackets
    after a name, are where the name's shares trade, not two more names."""
    listed = set()
    for t in doc[2:len(doc) - 2]:
        if t.text == ":" and doc[t.i - 2].text in ("(", ";", ",") and doc[t.i - 1].text.isupper() \
                and doc[t.i + 1].text.replace(".", "").isalnum() \
                and (doc[t.i + 1].text.isupper() or doc[t.i + 1].text.isdigit()) \
                and doc[t.i + 2].text in (")", ";", ","):
            listed |= {t.i - 1, t.i + 1}
    if not listed:
        return ents
    return [e for e in ents if not (len(e) == 1 and e.start in listed)]


def _listed_before_person(run: Span, ents: list[Span], by_token: dict, lex) -> bool:
    """Two or three capitalised words the tagger left out, right before ', ' or ' and ' and a
    person's name: the first of a list of people ('co-founded by Ana Torres, Wei Zhang and Omar
    Haddad')."""
    doc, k = run.doc, run.end
    if not 2 <= len(run) <= 3 or k + 1 >= len(doc) or doc[k].text not in (",", "and") \
            or not all(t.is_title and t.is_alpha and t.lower_ not in lex.org_words and t.lower_ not in lex.roles
                       for t in run):
        return False
    nxt = by_token.get(k + 1)
    return nxt is not None and ents[nxt].label_ == "PERSON" and ents[nxt].start == k + 1 and len(ents[nxt]) > 1


def _product_mid_name(doc: Doc, ent: Span, start: int, end: int, lex) -> bool:
    """A known product's one-word name inside a longer name that ends in a company word, with
    capitalised words on both sides: 'Air Command International' is a company, not Cohere's Command."""
    return ent.label_ == "PRODUCT" and start < ent.start and ent.end < end and len(ent) == 1 \
        and doc[end - 1].lower_ in lex.org_words - {"ai"} \
        and all(t.is_title and t.is_alpha and t.lower_ not in lex.org_words for t in doc[start:ent.start])


def _product_prefix(words: Span, lex) -> bool:
    """Words before a known product's name that make another product's name: a capitalised word
    that is no sentence opening, no company word and no technology word ('DAX' in 'DAX Copilot')."""
    return all(t.text[:1].isupper() and not t.is_sent_start and t.lower_ not in lex.org_words
               and t.text not in lex.words["technology_words"] and t.lower_ not in lex.roles
               and t.is_alpha for t in words)


def _place_after_comma(run: Span) -> bool:
    """A run followed by ', <place>,' hung on it: 'Aliso Viejo, California'."""
    return any(c.dep_ == "appos" and c.ent_type_ == "GPE" and c.i == run.end + 1 and run.doc[run.end].text == ","
               for c in run[-1].children)


def _who_clause(run: Span) -> bool:
    """Two or three capitalised words with a clause opened by 'who' hung on them: a person's name."""
    return 2 <= len(run) <= 3 and all(t.is_alpha and (t.is_title or t.is_upper) for t in run) and any(
        c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") and w.i < c.i for w in c.children)
        for c in run[-1].children)


def _after_title(run: Span, lex) -> int | None:
    """'Chief Executive Omri Geller', which the tagger left untagged: where the name after a person's
    title starts, when two or three capitalised words follow the title."""
    k = 0
    while k < len(run) and run[k].lower_ in lex.roles and any(
            r.head_types == {"PERSON"} for r in lex.roles[run[k].lower_]):
        k += 1
    rest = run[k:]
    if k and 2 <= len(rest) <= 3 and all(t.is_alpha and t.is_title and t.lower_ not in lex.org_words
                                         and t.lower_ not in lex.last_words and t.lemma_.lower() not in lex.last_words
                                         for t in rest):
        return rest.start
    return None


QUARTERS = re.compile(r"(?:[QH][1-4]|FY\d{2,4}|\d+[A-Za-z]{0,2}|[A-Z][a-z]+\d{2,4})")    # 'Q3', 'FY2025', '2020s'


def _dated_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'bought SYNQ3', tagged as a date for its 'Q3': one capitalised word of letters and digits that
    is no quarter, year or period is a name."""
    out = []
    for e in ents:
        if e.label_ == "DATE" and len(e) == 1 and e.text[:1].isupper() and any(c.isdigit() for c in e.text) \
                and sum(c.isalpha() for c in e.text) >= 3 and not QUARTERS.fullmatch(e.text):
            e = Span(doc, e.start, e.end, label="ORG")
            unknown.append(e)
        out.append(e)
    return out


DATE_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday"})


def _names_after_dates(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Last month Minh Phu signed ...', tagged as one date: the capitalised words after a date that
    ends in a lower-case word or a figure ('month', '2019') are a name of their own, the sentence's
    subject (a company's more often than a person's)."""
    out = []
    for e in ents:
        k = next((t.i for t in e[1:] if t.is_title and t.pos_ == "PROPN" and t.lower_ not in DATE_NAMES
                  and (doc[t.i - 1].is_lower or doc[t.i - 1].like_num)), None) if e.label_ == "DATE" else None
        tail = doc[k:e.end] if k is not None else None
        if tail is None or len(tail) > 3 or not all(t.is_title and t.pos_ == "PROPN" for t in tail) \
                or tail.root.dep_ not in ("nsubj", "nsubjpass"):
            out.append(e)
            continue
        name = Span(doc, k, e.end, label="ORG")
        unknown.append(name)
        out += [Span(doc, e.start, k, label="DATE"), name]
    return out


COLON_NAME = re.compile(r"[A-Z][a-z]+[A-Za-z]*:[A-Z][a-z]+[A-Za-z]*")    # 'Generate:Biomedicines'
DOT_NAME = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\.(?:AI|Ai|ai|io|com)")     # 'GamePlanner.AI'


def _colon_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Generate:Biomedicines', kept one word by the tokenizer and left untagged: a company's name."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if ":" in t.text and t.i not in taken
             and COLON_NAME.fullmatch(t.text) and t.text.split(":")[1].lower() not in STOP_WORDS]  # (not 'Note:This')
    unknown.extend(added)
    return sorted(ents + added, key=lambda e: e.start) if added else ents


GROUP_WORDS = frozenset({"Holding", "Holdings", "Group", "Company", "Corporation"})


def _group_words(doc: Doc, ents: list[Span]) -> list[Span]:
    """'ASE Technology Holding', 'Nebius Group', where the gazetteer has the shorter name only: the
    word is part of the name as the article writes it, and the name stays the known company's."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        end = e.end
        if e.ent_id_ and e.label_ == "ORG" and e[-1].whitespace_:
            # ('Fidelity Management & Research Company': up to four capitalised words ending in one)
            k = end
            while k < min(end + 4, len(doc)) and k not in taken and (doc[k].is_title and doc[k].is_alpha
                                                                      or doc[k].text == "&" and k > end):
                if doc[k].text in GROUP_WORDS:
                    e = Span(doc, e.start, k + 1, label="ORG", span_id=e.ent_id_)
                    break
                k += 1
            # ('Eisai Co., Ltd.': legal suffixes, one after a comma, left outside the known name)
            k = e.end
            while k < len(doc) and k not in taken and doc[k].text[:1].isupper() \
                    and doc[k].lower_.rstrip(".") in COMPANY_SUFFIXES and k - e.end < 3:
                k += 1
                if k + 1 < len(doc) and doc[k].text == "," and k + 1 not in taken \
                        and doc[k + 1].lower_.rstrip(".") in COMPANY_SUFFIXES and doc[k + 1].text[:1].isupper():
                    k += 1
            if k > e.end:
                e = Span(doc, e.start, k, label="ORG", span_id=e.ent_id_)
        out.append(e)
    return out


def _legal_suffixes(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Honey Design & Drafting, LLC': a legal suffix after a comma belongs to the name before it
    (a company's, whatever the tagger guessed)."""
    suffixed = {e.end + 1: e for e in ents if e.label_ in ("ORG", "PERSON") and e.end + 1 < len(doc)
                and doc[e.end].text == "," and doc[e.end + 1].lower_.replace(".", "") in COMPANY_SUFFIXES}

    def whole(e: Span) -> Span:
        if any(e is u for u in unknown):   # a new name keeps no id of a known name inside it
            unknown.append(Span(doc, e.start, e.end + 2, label="ORG"))
            return unknown[-1]
        return Span(doc, e.start, e.end + 2, label="ORG", span_id=e.ent_id_)
    ents = [whole(e) if suffixed.get(e.end + 1) is e else e for e in ents if e.start not in suffixed]
    # 'NuStar GP, LLC' with only the suffix tagged: the capitalised words before the comma are the name
    taken = {t for e in ents for t in range(e.start, e.end)}
    out = []
    for e in ents:
        start = e.start
        if len(e) == 1 and e.label_ == "ORG" and e[0].lower_.replace(".", "") in COMPANY_SUFFIXES \
                and start >= 2 and doc[start - 1].text == ",":
            k = start - 2
            while k >= 0 and k not in taken and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() \
                    and not doc[k].is_sent_start:
                k -= 1
            start = k + 1 if k + 1 < start - 1 else start
        out.append(e if start == e.start else Span(doc, start, e.end, label="ORG"))
    return out


def _suffixed_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Jordan formed TN Media LLC': capitalised words the tagger left untagged, ending in a legal
    suffix, are a company's name (read from the words: the tagger may call 'Media' a common noun)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for t in doc:
        if t.i in taken or not t.text[:1].isupper() or t.lower_.replace(".", "") not in COMPANY_SUFFIXES \
                or t.i + 1 < len(doc) and doc[t.i + 1].text in ("-", "&"):
            continue        # (not the 'Co' of 'Inside Co-op Live')
        k = t.i - 1
        while k >= 0 and k not in taken and doc[k].text[:1].isupper() and doc[k].is_alpha \
                and doc[k].pos_ in ("PROPN", "NOUN") and not doc[k + 1].is_sent_start:
            k -= 1
        if k + 1 < t.i:
            added.append(Span(doc, k + 1, t.i + 1, label="ORG"))
            taken.update(range(k + 1, t.i + 1))
    unknown.extend(added)
    return sorted(ents + added, key=lambda e: e.start) if added else ents


def _suffix_heads(doc: Doc, ent: Span) -> None:
    """'President ... of NuStar GP, LLC', parsed as a list of 'President' and 'LLC': the merged name
    must stand where the name before the comma stood, so the suffix is hung on that name."""
    if len(ent) < 3 or doc[ent.end - 2].text != "," \
            or doc[ent.end - 1].lower_.replace(".", "") not in COMPANY_SUFFIXES:
        return
    name = doc[ent.end - 3]
    if ent.start <= name.head.i < ent.end and name.head.i >= ent.end - 2:
        return      # the name hangs on its suffix already
    for t in (doc[ent.end - 2], doc[ent.end - 1]):
        # (not where the name hangs below the suffix through other words: that would be a cycle)
        if not ent.start <= t.head.i < ent.end and not t.is_ancestor(name):
            t.head, t.dep_ = name, "punct" if t.text == "," else "appos"


PLACE_SUFFIXES = ("based", "headquartered")
_GLUED_PLACE = re.compile(r"-(?:based|headquartered)", re.IGNORECASE)
DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ch")     # Korean, Japanese, British, Israeli, Dutch


def _based_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """'the Yokneam-based maker': a capitalised word glued to '-based' is a place, whatever the
    tagger made of it (a nationality, or nothing)."""
    if not _GLUED_PLACE.search(doc.text):
        return ents             # most articles: no need to make a Token of every word
    by_start = {e.start: e for e in ents}
    taken = {t for e in ents for t in range(e.start, e.end)}
    out = list(ents)
    for tok in doc[:-2]:
        if not (tok.text[:1].isupper() and tok.is_alpha and doc[tok.i + 1].text == "-"
                and doc[tok.i + 2].lower_ in PLACE_SUFFIXES and not tok.whitespace_ and not doc[tok.i + 1].whitespace_):
            continue
        start = _hyphened_start(doc, tok.i)
        if start < tok.i:
            # ('the Charenton-le-Pont-based company': the whole hyphened name, whatever was tagged inside)
            inside = [e for e in out if e.start < tok.i + 1 and e.end > start]
            if all(not e.ent_id_ and start <= e.start and e.end <= tok.i + 1 for e in inside):
                out = [e for e in out if e not in inside] + [Span(doc, start, tok.i + 1, label="GPE")]
            continue
        ent = by_start.get(tok.i)
        if tok.i not in taken or ent is not None and len(ent) == 1 and ent.label_ == "NORP" and not ent.ent_id_ \
                and not tok.lower_.endswith(DEMONYM_ENDINGS):       # but not 'Israeli-based'
            out = [e for e in out if e is not ent] + [Span(doc, tok.i, tok.i + 1, label="GPE")]
            continue
        # ('The Ca Mau-based company', the words to '-based' tagged a work of art: the town's words)
        ent = next((e for e in out if e.start < tok.i < e.end), None)
        if ent is not None and not ent.ent_id_ and ent.label_ not in ("GPE", "LOC") and ent.end <= tok.i + 3:
            start = tok.i       # (and 'Rio de Janeiro': a particle between capitalised words)
            while start > ent.start and (doc[start - 1].is_title and doc[start - 1].is_alpha and doc[start - 1].lower_ != "the"
                                         or doc[start - 1].lower_ in PLACE_PARTICLES and start - 2 >= ent.start
                                         and doc[start - 2].is_title and doc[start - 2].lower_ != "the"):
                start -= 1
            out = [e for e in out if e is not ent] + [Span(doc, start, tok.i + 1, label="GPE")]
    return sorted(out, key=lambda e: e.start)


PLACE_PARTICLES = frozenset({"le", "la", "les", "lès", "de", "du", "des", "sur", "sous", "en", "upon", "on", "am",
                             "an", "der", "di", "del"})


def _hyphened_start(doc: Doc, i: int) -> int:
    """Where a place name of several words glued by hyphens ends at doc[i] starts: 'Charenton-le-Pont',
    'Aix-en-Provence', 'Saint-Denis'; i itself when the word before is not glued on."""
    start = k = i
    while k >= 2 and doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_ \
            and doc[k - 2].is_alpha and (doc[k - 2].text[:1].isupper() or doc[k - 2].lower_ in PLACE_PARTICLES):
        k -= 2
        if doc[k].text[:1].isupper():
            start = k
    return start


def _version_words(doc: Doc, ent: Span, ents: list[Span], lex, unknown: list[Span]) -> Span:
    """'MAI-1-preview', 'o4-mini': a version word glued on by a hyphen is part of a product's name
    (another product than the known one before it)."""
    end = ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].lower_ in lex.version_words:
        end += 2
    if end == ent.end or ent.label_ not in ("PRODUCT", "ORG") or any(e.start < end and e.end > ent.end for e in ents):
        return ent
    span = Span(doc, ent.start, end, label="PRODUCT")
    unknown.append(span)
    return span


VERSION_NUMBER = re.compile(r"\d{1,2}(\.\d{1,2})?")


def _numbered(doc: Doc, ents: list[Span], unknown: list[Span], count_words: frozenset) -> list[Span]:
    """'Tomahawk 6', 'Figure 03', 'Qwen 2.5': a product's number after it is part of its name (the tagger calls
    the number a quantity of its own)."""
    out: list[Span] = []
    skip = -1
    for ent in ents:
        if ent.start == skip:       # the number's own entity, if the tagger made one
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == "PRODUCT" and nxt is not None and VERSION_NUMBER.fullmatch(nxt.text) \
                and doc[ent.end - 1].whitespace_ and nxt.ent_type_ in ("", "CARDINAL") \
                and (ent.end + 1 >= len(doc) or doc[ent.end + 1].lower_ not in count_words):
            span = Span(doc, ent.start, ent.end + 1, label="PRODUCT")
            unknown.append(span)
            out.append(span)
            skip = ent.end
            continue
        out.append(ent)
    return out


def _sentence_break(doc: Doc, ent: Span) -> Span:
    """'the social network X. In March, ...': a sentence break the tagger read into a name."""
    cut = next((t.i for t in ent[1:] if t.is_stop and t.is_title and doc[t.i - 1].text.endswith(".")), None)
    return Span(doc, ent.start, cut, label=ent.label_) if cut is not None and not ent.ent_id_ else ent


EDGE_PUNCT = frozenset({",", ";", ":", "(", ")", '"', "'", "\u201c", "\u201d", "-", "\u2014", "\u2013"})


EDGE_WORDS = frozenset({"ADP", "CCONJ", "SCONJ", "PART"})     # 'Founder of', 'of Catchafire'


def _article_of_noun(doc: Doc, ent: Span, lex) -> Span:
    """'The Mountain View company': the article belongs to the noun after the place, not to its name."""
    if ent.label_ in ("GPE", "LOC", "NORP", "ORG") and len(ent) > 1 and ent[0].lower_ == "the" \
            and ent.end < len(doc) and doc[ent.end].is_lower and doc[ent.end].lower_ in lex.anaphora:
        return Span(doc, ent.start + 1, ent.end, label=ent.label_, span_id=ent.ent_id_)
    return ent


# words that open a sentence as a preposition, capitalised there like a name
OPENING_PREPOSITIONS = frozenset({"outside", "inside", "beyond", "across", "despite", "after", "before", "under",
                                  "within", "among", "besides", "unlike", "without", "since", "during"})


# words for a share of something, which open no name before 'of' ('Much of X', 'Most of X')
PART_OF_WORDS = frozenset({"much", "most", "many", "some", "all", "none", "part", "half", "each", "both"})


def _trimmed(doc: Doc, ent: Span) -> Span | None:
    """'Amodei,' tagged with the comma after it, 'Founder of': no name starts or ends with
    punctuation, nor with a small lower-case word such as a preposition."""
    start, end = ent.start, ent.end

    def edge(t) -> bool:
        return t.text in EDGE_PUNCT or t.is_lower and t.pos_ in EDGE_WORDS
    while start < end and edge(doc[start]):
        start += 1
    if start + 2 < end and doc[start].lower_ in PART_OF_WORDS and doc[start + 1].lower_ == "of" and not ent.ent_id_:
        start += 2      # "Much of Urgently's revenue comes from ...": a share of the company, not its name
    if start + 1 < end and doc[start].is_sent_start and doc[start].lower_ in OPENING_PREPOSITIONS and not ent.ent_id_ \
            and end < len(doc) and doc[end].text == ",":
        return None     # 'Outside Scotch, Edrington ... said': a sentence opened by a preposition
    while end > start and (edge(doc[end - 1]) or doc[end - 1].is_lower and doc[end - 1].pos_ == "DET"):
        end -= 1
    if end - start == 1 and doc[start].is_lower and not ent.ent_id_ and doc[start].lemma_ in load_lexicon().anaphora:
        return None     # ('the two dairy cooperatives said', the word a company's, tagged as its name)
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_, span_id=ent.ent_id_) if end > start else None


def _opening_new(doc: Doc, ent: Span) -> Span:
    """'New Fox staff will also be trained ...': the 'New' that opens a sentence is no part of a name the
    article writes without it elsewhere ('New York' or 'New Relic' never stands without its 'New')."""
    if ent.ent_id_ or len(ent) < 2 or ent[0].text != "New" or not ent[0].is_sent_start:
        return ent
    rest, n = ent[1:].text, len(ent) - 1
    if not any(doc[i:i + n].text == rest and i != ent.start + 1 and (i == 0 or doc[i - 1].text != "New")
               for i in range(len(doc) - n + 1)):
        return ent
    return Span(doc, ent.start + 1, ent.end, label=ent.label_)


def _comma_split(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """"Fiverr International, Upwork's main rival", tagged as one company: two names either side of
    the comma (not 'Acme, Inc.', a name and its legal suffix)."""
    out = []
    taken = {i for e in ents for i in range(e.start, e.end)}
    for e in ents:
        cut = next((t.i for t in e[1:-1] if t.text == ","), None) if e.label_ == "ORG" and not e.ent_id_ else None
        if cut is not None and cut + 2 == e.end and e.end < len(doc) and doc[e.end].is_title \
                and doc[e.end].pos_ == "PROPN" and e.end not in taken:
            # ('Doug Cannon, NV Energy's chief executive', tagged 'Doug Cannon, NV': a name goes on past
            # what looked like a legal suffix)
            end = e.end
            while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and end not in taken:
                end += 1
            for part in (Span(doc, e.start, cut, label="ORG"), Span(doc, cut + 1, end, label="ORG")):
                unknown.append(part)
                out.append(part)
            continue
        if cut is None and e.label_ == "PERSON" and not e.ent_id_:
            # 'With Politico executive editor, Jim VandeHei, Harris founded ...', 'Prior to joining
            # Anaeko, Denis was ...': two names either side of the comma (not 'Richard Wilson, Jr.')
            cut = next((t.i for t in e[1:-1] if t.text == ","), None)
            if cut is not None and (len(doc[cut + 1].text.rstrip(".")) <= 3 or doc[cut + 1].is_upper):
                cut = None
        if cut is None or not doc[cut + 1].text[:1].isupper() \
                or doc[cut + 1].lower_.replace(".", "").rstrip(",") in COMPANY_SUFFIXES:
            out.append(e)
            continue
        for part in (Span(doc, e.start, cut, label=e.label_), Span(doc, cut + 1, e.end, label=e.label_)):
            unknown.append(part)
            out.append(part)
    return out


JOINED_LABELS = frozenset({"PRODUCT", "FAC", "WORK_OF_ART", "EVENT"})


def _ampersand_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'BDT & MSD Partners', 'BASF Colors & Effects', which the tagger cut at the ampersand: the two
    parts are one company's name (unless both are names the gazetteer knows: 'Microsoft & OpenAI')."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for e in ents:
        a = out[-1] if out else None
        gap = doc[a.end:e.start].text if a is not None else ""
        if a is not None and not (a.ent_id_ and e.ent_id_) and "ORG" in (a.label_, e.label_) \
                and a.label_ in ("ORG", "PERSON") and e.label_ in ("ORG", "PERSON") \
                and (gap == "&" or not gap and a[-1].text.endswith("&")) and e[0].text[:1].isupper():
            out[-1] = Span(doc, a.start, e.end, label="ORG")
            unknown.append(out[-1])
            continue
        out.append(e)
    # ('BASF Colors & Effects' with 'Effects' left untagged)
    for k, e in enumerate(out):
        end = e.end + 1
        if e.label_ != "ORG" or e.ent_id_ or e.end + 1 >= len(doc) or doc[e.end].text != "&":
            continue
        while end < len(doc) and end not in taken and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end > e.end + 1:
            out[k] = Span(doc, e.start, end, label="ORG")
            unknown.append(out[k])
    # ('Ackermans & van Haaren', with 'Ackermans' left untagged and the rest taken for a person)
    taken = {i for e in out for i in range(e.start, e.end)}
    for k, e in enumerate(out):
        start = e.start - 1
        if e.label_ not in ("ORG", "PERSON") or e.ent_id_ or start < 1 or doc[start].text != "&" \
                or not (e[0].text[:1].isupper() or e[0].lower_ in NAME_PARTICLES):
            continue
        while start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].is_alpha and not doc[start - 1].is_sent_start:
            start -= 1
        if start > 0 and doc[start - 1].is_sent_start and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].is_title and doc[start - 1].is_alpha:
            start -= 1      # (the name may open the sentence)
        if start < e.start - 1:
            out[k] = Span(doc, start, e.end, label="ORG")
            unknown.append(out[k])
    return out


def _joined_split(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """Two sites or products the tagger joined into one name ('the NM1 and D1 data centres'), and a
    name with its place ('the National AI Data Center in Gwangju'): cut at the 'and' and at the
    'in' before a capitalised word (the place stays a place)."""
    out = []
    for e in ents:
        if e.ent_id_ or e.label_ in ("PERSON", "GPE", "LOC", "NORP") or len(e) < 3:
            out.append(e)
            continue
        cut = next((t.i for t in e[1:-1] if t.lower_ == "in" and e.end - t.i <= 4
                    and all(w.is_title for w in doc[t.i + 1:e.end])), None)
        # ('worked with Conservation International on Wildlife Insights': a name the article also
        # writes alone, joined to the next by 'on', 'at' or 'with')
        joint = next((t.i for t in e[1:-1] if t.lower_ in ("on", "at", "with") and doc[t.i + 1].is_title
                      and doc.text.count(doc[e.start:t.i].text) > doc.text.count(e.text)), None)
        if cut is not None:
            parts = [Span(doc, e.start, cut, label=e.label_), Span(doc, cut + 1, e.end, label="GPE")]
        elif joint is not None:
            parts = [Span(doc, e.start, joint, label=e.label_), Span(doc, joint + 1, e.end, label=e.label_)]
        else:
            cut = next((t.i for t in e[1:-1] if t.lower_ == "and"), None) if e.label_ in JOINED_LABELS else None
            if cut is None or not all(w.text[:1].isupper() or w.text[:1].isdigit()
                                      for w in (doc[cut - 1], doc[cut + 1])):
                out.append(e)
                continue
            parts = [Span(doc, e.start, cut, label=e.label_), Span(doc, cut + 1, e.end, label=e.label_)]
        for part in parts:
            unknown.append(part)
            out.append(part)
    return out


DEAL_VERBS = frozenset({"buy", "acquire", "purchase"})


# words after a company's name that make an event of it ('the DARPA Robotics Challenge')
EVENT_WORDS = frozenset({"challenge", "conference", "summit", "award", "awards", "prize", "day", "days", "week",
                         "expo", "forum", "festival", "cup", "championship", "games", "hackathon", "fellowship",
                         "program", "programme", "keynote", "event", "show", "fair"})
# last words of a company's product's name ('Zendesk AI', 'UiPath Agent Builder', 'Microsoft Foundry')
PRODUCT_END_WORDS = frozenset({"ai", "gpt", "assistant", "copilot", "studio", "builder", "translate",
                               "companion", "foundry", "agent", "agents", "chat", "search", "maps", "suite"})
SITE_END_WORDS = frozenset({"factory", "campus", "supercomputer", "plant", "fab"})
LOOSE_INSIDE = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "ORG", "FAC", "NORP", "EVENT"})


def _longer_names(doc: Doc, ents: list[Span], lex, unknown: list[Span], runs: list) -> list[Span]:
    """'Mayo Clinic Platform', 'Crown Castle Fiber', 'AXA XL', 'UiPath Agent Builder', tagged as the known
    company and capitalised words left untagged: one longer name, of a unit or a thing of the company's
    own (a product when its last word or a description beside it says so, a site when a site word ends
    it), not the company. Not in a title-case headline, and not a title, an event or goods after the name
    ('Microsoft Chairman', 'the DARPA Robotics Challenge', 'Nvidia GPUs')."""
    by_token = {t: e for e in ents for t in range(e.start, e.end)}
    # ('Sify Infinit Spaces', its first word parsed as a verb: the known name, then a run of two words)
    after = {start: end for start, end in runs if end - start > 1}
    runs = runs + [(e.start, after[e.end]) for e in ents if e.ent_id_ and e.label_ == "ORG" and e[-1].pos_ in ("VERB", "ADJ")
             and e.end in after]
    added = []
    for start, end in runs:
        e = by_token.get(start)
        if e is None or e.label_ != "ORG" or not e.ent_id_ or e.start != start or e.end >= end or end - e.end > 3:
            continue
        # (the words after it left untagged, or tagged as an unknown name of their own: 'Studio' a person)
        inside = {id(x): x for k in range(e.end, end) if (x := by_token.get(k)) is not None}
        if any(x.ent_id_ or x.start < e.end or x.end > end or x.label_ not in LOOSE_INSIDE for x in inside.values()):
            continue
        if len(e) == 1 and any(x.label_ == "PERSON" and len(x) > 1 for x in inside.values()):
            # ('Harvey Benjamin Fuller': a given name that is also a company's, then a person's name)
            if all(t.is_title and t.is_alpha for t in doc[start:end]):
                added.append((Span(doc, start, end, label="PERSON"), [e, *inside.values()]))
            continue
        rest = doc[e.end:end]
        words = [t.lower_ for t in rest]
        if any(w in lex.public_titles or w in EVENT_WORDS or _person_title(w, lex) for w in words) \
                or any(is_compute(t, lex) and t.lower_ != "cloud" for t in rest) \
                or any(not (t.is_alpha or t.text.isalnum()) or not (t.is_title or t.is_upper) for t in rest) \
                or all(t.is_upper for t in doc[start:end]) and end - start > 2 or in_headline(doc[start].sent):
            continue
        last = words[-1]
        described = _description_noun(doc, end)
        if described is not None and described.lemma_.lower() in lex.anaphora | ORG_DESCRIPTIONS:
            label = "ORG"       # 'HP IQ, a new AI innovation lab inside HP'
        elif last in SITE_END_WORDS:
            label = "FAC"
        elif last in PRODUCT_END_WORDS or set_beside_product(doc, start, end) \
                or start > 0 and doc[start - 1].lower_ in ("called", "named", "dubbed"):
            label = "PRODUCT"
        else:
            label = "ORG"
        added.append((Span(doc, start, end, label=label), [e, *inside.values()]))
        if label == "PRODUCT":      # (its maker, by the product's first character, as products.py notes it)
            doc.user_data.setdefault(NAMED_BY_MAKER, {})[doc[start].idx] = e.ent_id_
    return settle(doc, ents, added, unknown) if added else ents


def _description_noun(doc: Doc, end: int):
    """The noun of a description set off after a name ending at `end`: 'lab' in 'HP IQ, a new AI
    innovation lab inside HP', 'unit' in "AXA XL, the group's commercial and specialty insurance unit"."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the", "its"):
        return None
    for t in doc[end + 2:min(end + 12, len(doc))]:
        if t.pos_ == "NOUN" and t.head.i == t.i or t.pos_ == "NOUN" and t.dep_ == "appos":
            return t
        if t.pos_ == "NOUN" and t.head.i > t.i:
            continue
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV", "PART", "CCONJ") and t.text != "-":
            return None
    return None


def _person_title(word: str, lex) -> bool:
    """'chairman', 'founder': a word naming a person's post."""
    return any(r.relation in ("leads", "works_for", "founded") for r in lex.roles.get(word, ()))


def _bought_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Autonomy was bought by Hewlett-Packard', 'Hewlett-Packard bought Autonomy': a one-word
    capitalised name the tagger left out, bought by a company, is a company."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    org = {i for e in ents if e.label_ == "ORG" for i in range(e.start, e.end)}
    added = []
    for t in doc:
        if t.dep_ not in ("nsubjpass", "dobj") or t.head.lemma_.lower() not in DEAL_VERBS or t.i in taken \
                or not t.is_title or not t.is_alpha \
                or t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" or t.i > 0 and doc[t.i - 1].pos_ == "PROPN":
            continue
        # (a name opening the sentence may be tagged a common noun, 'Autonomy was bought by ...', when
        # the article writes it with a capital inside a sentence somewhere else)
        if t.pos_ != "PROPN" and not (t.tag_ == "NN" and t.is_sent_start and t.dep_ == "nsubjpass"
                                      and not any(c.dep_ == "det" for c in t.children)
                                      and any(w.text == t.text and not w.is_sent_start for w in doc if w.i != t.i)):
            continue
        v = t.head
        if t.dep_ == "nsubjpass":
            buyers = [p for a in v.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        else:
            buyers = [s_ for s_ in v.children if s_.dep_ == "nsubj"]
        if any(b.i in org for b in buyers):
            added.append(Span(doc, t.i, t.i + 1, label="ORG"))
    unknown.extend(added)
    return sorted(ents + added, key=lambda e: e.start) if added else ents


SITE_BEFORE_PLACE = frozenset({"Center", "Centre", "Campus", "Park"})


def _owner_split(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """"Eni's Green Data Center at Ferrera Erbognone", tagged as one company: the owner before the
    possessive is a company of its own, and a site's name ends before 'at' or 'in' and a place."""
    out = []
    for e in ents:
        if e.ent_id_ or e.label_ == "PERSON":
            out.append(e)
            continue
        cut = next((t.i for t in e[1:-1] if t.tag_ == "POS" and t.text[:1] in ("'", "\u2019")
                    and doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper()), None)
        # (a name after it: capitalised words, joined by 'of', 'for', 'and', not 'Current Report on Form 8-K')
        if cut is not None and any(w.is_lower and w.lower_ not in ("of", "for", "and", "at", "in")
                                   for w in doc[cut + 1:e.end]):
            cut = None
        begin = e.start if cut is None else cut + 1
        at = next((t.i for t in doc[begin + 1:e.end - 1] if t.lower_ in ("at", "in")
                   and doc[t.i - 1].text in SITE_BEFORE_PLACE and all(w.is_title for w in doc[t.i + 1:e.end])), None)
        # (an owner only before a site's name: "St. Luke's Hospital", "Women's Missionary Union" are one name;
        # or a bare apostrophe after a name the article writes on its own: "Jacobs' Divergent Solutions
        # unit", not "Ontario Teachers' Pension Plan")
        # ("Magna's Troy plant": an owner the article names on its own, before a site noun)
        if at is None and (cut is None or doc[e.end - 1].text not in SITE_BEFORE_PLACE and not (
                doc[cut].text in ("'", "\u2019") and doc[e.start:cut].text in {x.text for x in ents if x is not e})
                and not (e.end < len(doc) and is_site_noun(doc[e.end]) and _owner_named_alone(doc, e, cut, ents))):
            out.append(e)
            continue
        parts = [Span(doc, e.start, cut, label="ORG")] if cut is not None else []
        if at is None:
            parts.append(Span(doc, begin, e.end, label=e.label_))
        else:
            parts += [Span(doc, begin, at, label="FAC"), Span(doc, at + 1, e.end, label="GPE")]
        unknown.extend(parts)
        out.extend(parts)
    return out


def _owner_named_alone(doc: Doc, e: Span, cut: int, ents: list[Span]) -> bool:
    """Whether the owner before the possessive of a name is written on its own elsewhere in the
    article: tagged ("Magna's Troy plant" after 'Magna'), or untagged as the same words ('Exmark,
    its commercial mower unit, builds mowers at Exmark's Beatrice factory')."""
    owner = doc[e.start:cut].text
    if any(x is not e and x.text.split()[0] == owner for x in ents):
        return True
    n = cut - e.start
    return any(doc[k:k + n].text == owner and not (k + n < len(doc) and doc[k + n].text[:1].isupper())
               for k in range(len(doc) - n + 1) if not e.start <= k < e.end)


def _place_in_description(doc: Doc, ent: Span, lex) -> Span:
    """'the Heidelberg start-up' tagged whole as a facility or a company: a description of a company,
    with the place it is from inside it."""
    if ent.ent_id_ or ent.label_ not in ("ORG", "FAC") or not ent[-1].is_lower:
        return ent
    first = 1 if ent[0].lower_ == "the" else 0
    k = first
    while k < len(ent) and ent[k].is_title and ent[k].is_alpha and ent[k].lower_ not in lex.org_words:
        k += 1
    if not 1 <= k - first <= 3 or ent[k:].text.lower() not in lex.anaphora | ORG_DESCRIPTIONS:
        return ent
    return Span(doc, ent.start + first, ent.start + k, label="GPE")


def _not_a_person(doc: Doc, ent: Span, lex) -> Span:
    """'Myford Limited', 'Orrin Mining', 'Tangipahoa Parish' tagged as people: a name ending in a
    company word is a company, one ending in 'Parish' or 'County' a place."""
    if ent.label_ != "PERSON" or ent.ent_id_ or len(ent) < 2 or not ent[-1].text[:1].isupper():
        return ent
    if ent[-1].lower_ in lex.org_words or ent.start > 0 and doc[ent.start - 1].lower_ in lex.anaphora \
            and doc[ent.start - 1].dep_ == "compound":
        return Span(doc, ent.start, ent.end, label="ORG")    # (or 'the software company Altair Engineering')
    if ent[-1].lower_ in PLACE_WORDS:
        return Span(doc, ent.start, ent.end, label="GPE")
    return ent


def _person_in_list(doc: Doc, ent: Span) -> Span:
    """'founded by Logan Green and John Zimmer', the first name tagged as a product: two or three
    capitalised words joined by 'and' to a person's name are a person's name (so are 'started in
    Tunis by Karim Beguir and Zohra Slim', the first name tagged as a place)."""
    if ent.label_ not in ("PRODUCT", "GPE", "LOC", "FAC") or ent.ent_id_ or not 2 <= len(ent) <= 3 \
            or not all(t.is_title and t.is_alpha for t in ent):
        return ent
    root = ent.root
    if ent.label_ != "PRODUCT" and not (root.dep_ == "pobj" and root.head.lower_ == "by"):
        return ent      # (a place only as the first of the doers after 'by': not 'Gak Chuncheon and Gak Sejong')
    joined = [root.head] if root.dep_ == "conj" else []
    joined += [c for c in root.children if c.dep_ == "conj"]
    if any(j.ent_type_ == "PERSON" and j.ent_iob_ in ("B", "I") for j in joined) \
            and any(c.dep_ == "cc" and c.lower_ == "and" for j in [root, *joined] for c in j.children):
        return Span(doc, ent.start, ent.end, label="PERSON")
    return ent


# company words no place or building name ends in ('Halvern Labs' tagged as a place)
FIRM_ENDINGS = frozenset({"labs", "lab", "robotics", "technologies", "systems", "capital", "ventures", "partners",
                          "ai", "holdings", "inc", "corp", "ltd", "llc", "software", "networks", "therapeutics",
                          "semiconductor", "semiconductors", "analytics", "computing", "dynamics", "industries",
                          "solutions", "studios", "pharmaceuticals", "biosciences", "electronics", "microsystems",
                          "platforms", "investments"})


def _founded_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'Durbin had earlier co-founded Sendwave, an app for ...': a capitalised name the tagger left
    alone, the object of 'founded', is the company founded."""
    lowers = doc.to_array(LOWER)
    verbs = sorted(int(k) for w in FOUNDED_VERBS for k in (lowers == doc.vocab.strings[f"{w}ed"]).nonzero()[0])
    if not verbs:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for k in verbs:
        v = doc[k]
        # (by its form: the lemmatiser makes 'co-founded' 'co-founde')
        if v.pos_ != "VERB" or v.tag_ not in ("VBD", "VBN"):
            continue
        for o in v.children:
            if o.dep_ != "dobj" or o.pos_ != "PROPN" or not o.text[:1].isupper() or o.i in taken or o.is_sent_start:
                continue
            start = o.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == o.i \
                    and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and start - 1 not in taken:
                start -= 1
            added.append(Span(doc, start, o.i + 1, label="ORG"))
    if not added:
        return ents
    unknown.extend(added)
    return sorted(ents + added, key=lambda e: e.start)


def _brand_names(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'makes its inks under the SunVisto name', 'sold under the Spode brand': a name the article does
    not know, right before the noun goods are sold under, is a product's, whatever the tagger made of
    it (or left untagged: capitalised words after 'the')."""
    lowers = doc.to_array(LOWER)
    unders = (lowers[:-3] == doc.vocab.strings["under"]).nonzero()[0]
    if not len(unders):
        return ents             # most articles: no Token made of every word
    by_end = {e.end: e for e in ents}
    brand_nouns = load_lexicon().words["brand_nouns"]
    added = []
    for k in unders:
        t = doc[int(k) + 2]     # ('under the SunVisto name': the noun two or three words on)
        if t.lower_ not in brand_nouns:
            t = doc[int(k) + 3]
        if t.lower_ not in brand_nouns or t.dep_ != "pobj" or t.head.lower_ != "under" or t.i < 2:
            continue
        e = by_end.get(t.i)
        if e is not None:
            if not e.ent_id_ and e.label_ not in ("PRODUCT", "DATE", "CARDINAL", "MONEY", "PERCENT") \
                    and e.start > 0 and doc[e.start - 1].lower_ == "the":
                added.append((Span(doc, e.start, e.end, label="PRODUCT"), [e]))
            continue
        start = t.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and not doc[start - 1].ent_type_:
            start -= 1
        if 0 < start < t.i and doc[start - 1].lower_ == "the":
            added.append((Span(doc, start, t.i, label="PRODUCT"), []))
    return settle(doc, ents, added, unknown) if added else ents


def _not_a_place(doc: Doc, ent: Span) -> Span:
    """'Halvern Labs', 'Corvex Robotics' tagged as places or buildings: a name ending in a company word
    no place has is a company; so is a people's name of two words standing as a noun."""
    if ent.label_ in ("LOC", "GPE", "FAC") and not ent.ent_id_ and len(ent) > 1 \
            and ent[-1].lower_.rstrip(".") in FIRM_ENDINGS and ent[0].text[:1].isupper():
        return Span(doc, ent.start, ent.end, label="ORG")
    # ('Anglo American, which owns 85% of De Beers': two capitalised words read as a people's name,
    # standing as a noun of their own, name a company)
    if ent.label_ == "NORP" and not ent.ent_id_ and len(ent) > 1 and all(t.is_title for t in ent) \
            and ent.root.tag_ == "NNP" and ent.root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos") \
            and ent.root.i == ent.end - 1:
        return Span(doc, ent.start, ent.end, label="ORG")
    return ent


# what news calls a company after its home town ('the Torrance company'; not 'the Claude maker', a product's)
TOWN_DESCRIBED = frozenset({"company", "firm", "start-up", "startup", "group", "lender", "insurer", "retailer",
                            "chipmaker", "carmaker", "automaker", "conglomerate", "business", "outfit"})
# ('the Freiburg-based lab', 'the Austin-based provider'; not 'an Arm-based chip')
BASED_DESCRIBED = TOWN_DESCRIBED | ORG_DESCRIPTIONS


def _town_before_company(doc: Doc, ents: list[Span], unknown: list[Span]) -> list[Span]:
    """'The Torrance company's chips', 'the Broomfield company employs ...', 'The Centennial,
    Colorado, company': one capitalised word the tagger does not know (or took for a person or a
    company) between 'the' and a company noun is the town the company is in; so is a name the
    tagger took for a company or person before '-based' ('the Roubaix-based company')."""
    by_start = {e.start: e for e in ents}
    towns: list[tuple[Span | None, int, int]] = []      # (the entity replaced, if any; the town's bounds)
    for ent in ents:
        # 'The Roubaix-based company', 'the Florence-based group': what a company is based in is a place
        based = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
        if ent.label_ in ("ORG", "PERSON") and not ent.ent_id_ and len(ent) <= 3 and based is not None \
                and doc[ent.end].text == "-" and based.lower_ == "based" and based.head.lower_ in BASED_DESCRIBED \
                and not doc[ent.end - 1].whitespace_ and not doc[ent.end].whitespace_:
            towns.append((ent, ent.start, ent.end))
    # (only the words after a 'the', found without making a Token of every word)
    lowers = doc.to_array(LOWER)
    for i in (lowers[:-2] == doc.vocab.strings["the"]).nonzero()[0] + 1:
        tok = doc[int(i)]
        nxt = doc[tok.i + 1]
        if tok.pos_ != "PROPN" or not tok.is_title or not tok.is_alpha:
            continue
        state = by_start.get(tok.i + 2) if nxt.text == "," else None
        if state is not None and state.label_ == "GPE" and state.end + 1 < len(doc) and doc[state.end].text == "," \
                and doc[state.end + 1].lower_ in TOWN_DESCRIBED:
            pass        # 'The Centennial, Colorado, company': the town with its state
        elif nxt.lower_ not in TOWN_DESCRIBED or not nxt.is_lower or tok.head.i != nxt.i or tok.dep_ != "compound":
            continue
        ent = by_start.get(tok.i)
        if ent is not None and (ent.ent_id_ or len(ent) > 1 or ent.label_ not in ("PERSON", "ORG")):
            continue
        if ent is None and tok.ent_type_:
            continue
        towns.append((ent, tok.i, tok.i + 1))
    # ('Pennine Growth Partners, a Yorkshire fund': after 'a', only a word the tagger took for a
    # person and the article writes once; a company is named again, 'a SoftBank fund' a known one)
    for det in ("a", "an"):
        for i in (lowers[:-2] == doc.vocab.strings[det]).nonzero()[0] + 1:
            tok = doc[int(i)]
            nxt = doc[tok.i + 1]
            ent = by_start.get(tok.i)
            if ent is None or len(ent) > 1 or ent.ent_id_ or ent.label_ != "PERSON" or tok.pos_ != "PROPN" \
                    or nxt.lower_ not in TOWN_DESCRIBED | {"fund"} or tok.head.i != nxt.i or tok.dep_ != "compound" \
                    or int((lowers == tok.lower).sum()) > 1:
                continue
            towns.append((ent, tok.i, tok.i + 1))
    replaced = {id(ent) for ent, _, _ in towns}
    made = [Span(doc, start, end, label="GPE") for _, start, end in towns]
    unknown += made
    return sorted([e for e in ents if id(e) not in replaced] + made, key=lambda e: e.start)


def _is_title(ent: Span, lex) -> bool:
    """'Founder', 'the Founder & CEO', 'General Counsel': titles alone, joined by 'and' or '&'."""
    parts, part = [], []
    for t in ent:
        if t.lower_ in ("and", "&"):
            parts.append(part)
            part = []
        elif t.lower_ not in ("the", "-"):     # ('Secretary-General': the hyphen joins one title)
            part.append(t.lower_)
    parts.append(part)
    return all(part and (" ".join(part) in lex.roles or all(w in lex.roles for w in part)) for part in parts)


BOARD = frozenset({"board", "directors"})
BOARD_MEMBERS = frozenset({"governors", "regents", "trustees", "directors", "supervisors", "visitors"})


def _title_removed(doc: Doc, ent: Span, lex) -> Span:
    """'Mathematician George Stibitz', 'CEO Jane Roe': a title the tagger took into the name."""
    start = ent.start
    if ent.label_ == "ORG" and not ent.ent_id_ and (named := _after_long_title(ent, lex)) is not None:
        return Span(doc, named, ent.end, label="PERSON")    # 'General Counsel Dominic Perella', read as a company
    if ent.label_ == "PERSON" and not ent.ent_id_ and len(ent) > 1 and doc[start].is_lower \
            and (doc[start].lower_ in ORG_DESCRIPTIONS or _descriptor(doc[start].lower_)):
        return Span(doc, start + 1, ent.end, label="ORG")   # 'AI agent start-up Ultimate': a company
    while ent.label_ == "PERSON" and not ent.ent_id_ and ent.end - start > 2 \
            and (doc[start].lower_ in lex.roles or doc[start].lower_ in lex.public_titles):
        start += 1
    first = start + 1 if doc[start].lower_ == "the" else start
    board = first
    while ent.label_ == "ORG" and not ent.ent_id_ and ent.end - board > 2 and doc[board].lower_ in BOARD \
            and doc[board + 1].lower_ == "of":
        board += 2          # 'Board of Directors of Koppers', 'Board of LiqTech': the company
    if board != first and doc[board].text[:1].isupper() and doc[board].lower_ not in BOARD_MEMBERS:
        start = first = board    # (but 'Board of Governors of the Federal Reserve' is a body of its own)
    # '(the) Founder of Quillmark', 'General Counsel of Quillmark', tagged as one name: the company
    # after the title
    of = next((k for k in range(first + 1, min(first + 4, ent.end - 1)) if doc[k].lower_ == "of"), None)
    if not ent.ent_id_ and of is not None and doc[of - 1].lower_ not in lex.org_words \
            and " ".join(t.lower_ for t in doc[first:of]) in lex.roles:
        start = of + 1
    k = first if start == ent.start else start
    while ent.label_ == "ORG" and not ent.ent_id_ and (n := _descriptor_words(doc, k)) and ent.end - k > n:
        k = start = k + n   # 'Drugmaker Sanofi SA', 'US chipmaker Cerebras', 'the start-up CoolTera': what
        #                     it is, then its name
    return Span(doc, start, ent.end, label=ent.label_) if start != ent.start else ent


def _after_long_title(ent: Span, lex) -> int | None:
    """Where the person's name starts in a title of two or three words and a name of two or three
    capitalised words, all tagged as one company: 'General Counsel Dominic Perella'."""
    for n in (3, 2):
        title, rest = ent[:n], ent[n:]
        if 2 <= len(rest) <= 3 and any(r.head_types == {"PERSON"} for r in lex.roles.get(title.text.lower(), ())) \
                and all(t.is_alpha and t.is_title and t.lower_ not in lex.org_words for t in rest):
            return rest.start
    return None


def _descriptor_words(doc: Doc, k: int) -> int:
    """How many words of a company noun start at k: 'chipmaker' one, 'start-up' three, none zero."""
    if _descriptor(doc[k].lower_):
        return 1
    if k + 2 < len(doc) and doc[k + 1].text == "-" and _descriptor(f"{doc[k].lower_}-{doc[k + 2].lower_}"):
        return 3
    return 0


# (not 'giant', which begins names of its own: 'Giant Eagle')
DESCRIPTORS = frozenset({"startup", "start-up", "rival", "retailer", "insurer", "lender", "conglomerate",
                         "unicorn", "subsidiary", "spinoff", "spin-off"})


def _descriptor(word: str) -> bool:
    return word in DESCRIPTORS or word.endswith("maker") and len(word) > 5
