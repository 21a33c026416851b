"""Articles -> resolved relations, through one spaCy pipeline (the build's inner loop).

Everything this module hands back is a plain, picklable record: no spaCy object survives a batch,
which lets each batch run inside `nlp.memory_zone()` (the strings and lexemes a batch adds are
dropped at its end, so a long build's vocabulary does not grow) and lets other processes or
machines run the same loop (see parallel.py and cluster.py)."""
from __future__ import annotations

import gc
import hashlib
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from spacy.language import Language

from .bylines import story_start
from .extract import extract, mentions
from .gazetteer import Gazetteer, load_gazetteer, read_entities
from .heap import keep_freed_memory
from .ingest import DEFAULT_BATCH
from .lexicon import Lexicon, load_lexicon
from .models import SYMMETRIC, Article, Entity, Evidence, Relation, Skipped
from .names import clean_surface, normalise, strip_suffix
from .resolve import ArticleResolver, own_entity
from .shortnames import OR_ALIASES

CHUNK_CHARS = 100_000   # spaCy's parser needs ~1 GB per 100k characters; long texts go in pieces
# Strings a pipeline's batches may add to its vocabulary before batches run inside memory zones:
# about 4 MB with their lexemes and tokenizer cache entries (the first 400 to 500 articles of news)
WARM_STRINGS = 20_000
_warm: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()    # pipeline -> its strings when first used


@dataclass(frozen=True)
class Fact:
    """A relation between canonical entities, with the evidence for it."""
    head: Entity
    relation: str
    tail: Entity
    evidence: Evidence


@dataclass(frozen=True)
class ArticleResult:
    article: Article          # without its text: the evidence keeps the sentences that matter
    entities: dict            # entity id -> (Entity, mention count)
    surfaces: dict            # entity id -> surface forms seen
    facts: list
    error: str = ""           # why the pipeline could not read the article ('' when it could)


@dataclass(frozen=True)
class FileResult:
    """What one file gave: its articles' results and the records skipped inside it."""
    file: str
    results: tuple[ArticleResult, ...]
    skipped: tuple[Skipped, ...]
    words: int


@dataclass(frozen=True)
class PipelineSpec:
    """Enough to build the same pipeline anywhere: the model name and the text of each extra
    gazetteer file (a worker on another machine may not see the user's files)."""
    model: str | None = None
    entities: tuple[tuple[str, str], ...] = ()      # (file name, JSONL text)

    @classmethod
    def from_files(cls, model: str | None, files: Iterable) -> PipelineSpec:
        from pathlib import Path

        from .gazetteer import GazetteerError
        out = []
        for f in files:
            try:
                out.append((str(f), Path(f).read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise GazetteerError(f"{f}: cannot read entities file: {exc}") from None
        return cls(model, tuple(out))

    @property
    def digest(self) -> str:
        h = hashlib.sha256(repr(self.model).encode())
        for name, text in self.entities:
            h.update(name.encode() + b"\0" + text.encode() + b"\0")
        return h.hexdigest()[:16]

    def gazetteer(self) -> Gazetteer:
        gaz = load_gazetteer()
        for name, text in self.entities:
            for ent in read_entities(name, text):
                gaz.add(ent)
            gaz.sources.append(name)
        return gaz


_LOADED: dict[str, tuple[Language, Gazetteer, Lexicon]] = {}


def loaded(spec: PipelineSpec) -> tuple[Language, Gazetteer, Lexicon]:
    """The pipeline for a spec, built once per process (workers call this for every task)."""
    if spec.digest not in _LOADED:
        from .nlp import make_nlp
        gaz = spec.gazetteer()
        _LOADED.clear()                     # one pipeline per process is enough
        _LOADED[spec.digest] = (make_nlp(spec.model, gazetteer=gaz), gaz, load_lexicon())
    return _LOADED[spec.digest]


def run_spec(spec: PipelineSpec, articles: list[Article], batch_size: int = DEFAULT_BATCH) -> list[ArticleResult]:
    """One worker task: a list of articles in, their results out, in order."""
    nlp, gaz, lex = loaded(spec)
    return list(process(articles, nlp, gaz, lexicon=lex, batch_size=batch_size))


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) with pieces cut at paragraph or line breaks, at most `size` long."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def process(articles: Iterable[Article], nlp: Language, gazetteer: Gazetteer, *,
            lexicon: Lexicon | None = None, batch_size: int = DEFAULT_BATCH,
            on_article: Callable[[Article], None] | None = None) -> Iterator[ArticleResult]:
    """Run the pipeline over articles and resolve every relation to canonical entities.

    Articles go through in batches of `batch_size`, each inside a memory zone; a batch's results
    are plain records made before its zone closes."""
    lex = lexicon or load_lexicon()
    keep_freed_memory()     # each batch frees what the next one takes again (heap.py)
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        try:
            results = _zoned(batch, nlp, gazetteer, lex, batch_size)
        except Exception:           # noqa: BLE001 (one article the pipeline fails on must not stop the rest)
            results = [_alone(art, nlp, gazetteer, lex) for art in batch]
        # A Doc and the tokens it has handed out point at each other, so only the cycle collector
        # frees a batch's Docs; a build asks it to run rarely (parallel.GC_THRESHOLD), and unasked
        # it would let several batches of Docs pile up first. The young objects are few: cheap.
        gc.collect(1)
        for result in results:
            yield result
            if on_article:
                on_article(result.article)


def _zoned(batch: list[Article], nlp: Language, gaz: Gazetteer, lex: Lexicon, batch_size: int) -> list[ArticleResult]:
    """One batch's results, read inside a memory zone once the pipeline is warm."""
    first = _warm.setdefault(nlp, len(nlp.vocab.strings))
    if len(nlp.vocab.strings) - first < WARM_STRINGS:
        # Inside a memory zone the tokenizer caches nothing and every word new to the vocabulary
        # is made again in each batch (its lexical attributes computed in Python): tokenizing
        # costs about twice as much. A pipeline's batches run outside one until they have added
        # WARM_STRINGS strings, so that the words of its first articles are kept for good, and
        # the vocabulary of a long build stops growing there.
        return list(_batch(batch, nlp, gaz, lex, batch_size))
    with nlp.memory_zone():
        return list(_batch(batch, nlp, gaz, lex, batch_size))


def _alone(art: Article, nlp: Language, gaz: Gazetteer, lex: Lexicon) -> ArticleResult:
    """An article of a batch that failed, read on its own; if it fails again, a result that says why
    (the build reports it as skipped) and the other articles are unharmed."""
    try:
        return _zoned([art], nlp, gaz, lex, 1)[0]
    except Exception as exc:    # noqa: BLE001 (spaCy and the rules: whatever they raise on this text)
        why = f"the language pipeline failed on it ({type(exc).__name__}: {str(exc)[:200]})"
        return ArticleResult(replace(art, text=""), {}, {}, [], error=why)


def _batch(articles: list[Article], nlp: Language, gaz: Gazetteer, lex: Lexicon,
           batch_size: int) -> Iterator[ArticleResult]:
    pieces = ((piece, (i, offset)) for i, art in enumerate(articles) for offset, piece in chunks(art.text))
    current, ments, rels, aliases = None, [], [], {}
    for doc, (i, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        if current is not None and i != current:
            yield _resolve(articles[current], ments, rels, gaz, aliases)
            ments, rels, aliases = [], [], {}
        current = i
        rels += [(r, offset) for r in extract(doc, lex)]       # first: it notes the article's surnames
        ments += [_shift(m, offset) for m in mentions(doc)]
        aliases.update(doc.user_data.get(OR_ALIASES, {}))
    if current is not None:
        yield _resolve(articles[current], ments, rels, gaz, aliases)


def _shift(m, offset):
    return replace(m, start=m.start + offset, end=m.end + offset) if offset else m


PERSON_HEADS = frozenset({"invests_in", "founded", "leads", "works_for"})   # the relations a person can hold


def _as_written(ent: Entity, seen) -> Entity:
    """A known entity under a name this article uses: the gazetteer's name when the text has it,
    else the longest form the text has ('Harvard', not 'Harvard University', for an article that
    never writes the latter). The id, which joins articles, stays."""
    forms = {normalise(strip_suffix(clean_surface(s))): strip_suffix(clean_surface(s)) for s in seen}
    if not forms or normalise(ent.name) in forms or ent.type == "PERSON":
        return ent
    return replace(ent, name=max(forms.values(), key=lambda f: (len(f.split()), len(f), f)),
                   aliases=(ent.name, *ent.aliases))


def _resolve(art: Article, ments, rels: list[tuple[Relation, int]], gaz: Gazetteer,
             aliases: dict | None = None) -> ArticleResult:
    resolver = ArticleResolver(gaz, ments, aliases, opening=story_start(art.text))
    # (a unit and its parent share a name more often than any other pair: 'DHL Express', 'DHL')
    resolver.keep_apart((r.head, r.tail) for r, _ in rels if r.relation == "subsidiary_of")
    entities, surfaces = {}, {}
    # The resolver has seen every mention, so until a relation brings a new one its answers are
    # fixed: an article names the same company a hundred times, look it up once.
    # (the answer depends on the name, its type and its gazetteer id only, not on where it stands)
    seen: dict = {}
    for m in ments:
        key = (m.text, m.type, m.gazetteer_id)
        ent = seen.get(key)
        if ent is None:
            ent = seen[key] = resolver.resolve(m)
        count = entities.get(ent.id, (ent, 0))[1]
        entities[ent.id] = (ent, count + 1)
        surfaces.setdefault(ent.id, set()).add(m.text)
    named = {eid: _as_written(ent, surfaces.get(eid, ())) for eid, (ent, _) in entities.items()}
    facts = []
    sentences: dict[str, str] = {}   # one string per sentence, however many relations it states
    for r, offset in rels:
        head, tail = resolver.apart(r.head, r.tail, part=r.relation == "subsidiary_of")
        head, tail = named.get(head.id, head), named.get(tail.id, tail)
        # ('Orkin, Rollins' largest business, was started by Otto Orkin'): a name the rules read as a
        # company where no person fits is not the person whose family name it is
        if r.head.type == "ORG" and head.type == "PERSON" and r.relation not in PERSON_HEADS:
            head = own_entity(r.head)
        if r.tail.type == "ORG" and tail.type == "PERSON":
            tail = own_entity(r.tail)
        if head.id == tail.id:
            continue
        if r.relation in SYMMETRIC and tail.id < head.id:
            head, tail = tail, head
        start = r.sent_start + offset
        sentence = r.sentence.strip()
        facts.append(Fact(head, r.relation, tail, Evidence(
            article=art.id, file=art.file, title=art.title, date=art.date,
            sentence=sentences.setdefault(sentence, sentence),
            start=start, end=start + len(r.sentence), rule=r.rule, status=r.status,
            confidence=r.confidence, details=r.details)))
    # ('Lefever, who ran the company's US business before he became chief executive'): whom the
    # article says leads a company, it does not also list as working there (the news annotations
    # give both for 4 of 579 leaders); a title says so, a verb ('has overseen its AI strategy') less surely
    led = {(f.head.id, f.tail.id) for f in facts if f.relation == "leads" and f.evidence.status == "stated"
           and f.evidence.rule != "verb-lead"}
    facts = [f for f in facts if f.relation != "works_for" or (f.head.id, f.tail.id) not in led]
    return ArticleResult(replace(art, text=""), entities, surfaces, _supplied_to_makers(facts))


COMPANY_TAILS = frozenset({"founded", "leads", "works_for", "acquires", "invests_in", "subsidiary_of"})


def _supplied_to_makers(facts: list[Fact]) -> list[Fact]:
    """('Genesys Cloud runs on Amazon Web Services', in a story that says Genesys makes Genesys
    Cloud): what is supplied for a product the article says a company makes is supplied to the
    company; a product is no customer."""
    # (not a company the article also has founded, led, bought or backed: 'CBRE ... first investing in
    # Industrious' is no product of CBRE's, however a rule read it)
    companies = {f.tail.id for f in facts if f.relation in COMPANY_TAILS}
    makers = {}
    for f in facts:
        if f.relation == "develops" and f.evidence.status == "stated" and f.tail.id not in companies:
            makers.setdefault(f.tail.id, f.head)
    if not makers:
        return facts
    out = []
    for f in facts:
        maker = makers.get(f.tail.id) if f.relation == "supplies" else None
        if maker is not None and maker.id != f.head.id:
            f = replace(f, tail=maker)
        out.append(f)
    return out

