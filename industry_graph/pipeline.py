"""Articles -> resolved relations, through one spaCy pipeline (the build's inner loop)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language

from .extract import extract, mentions
from .gazetteer import Gazetteer
from .lexicon import Lexicon, load_lexicon
from .models import SYMMETRIC, Article, Entity, Evidence, Relation
from .names import clean_surface, normalise, strip_suffix
from .resolve import ArticleResolver

CHUNK_CHARS = 100_000   # spaCy's parser needs ~1 GB per 100k characters; long texts go in pieces


@dataclass(frozen=True)
class Fact:
    """A relation between canonical entities, with the evidence for it."""
    head: Entity
    relation: str
    tail: Entity
    evidence: Evidence


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    entities: dict            # entity id -> (Entity, mention count)
    surfaces: dict            # entity id -> surface forms seen
    facts: list


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
            lexicon: Lexicon | None = None, batch_size: int = 32,
            on_article: Callable[[Article], None] | None = None) -> Iterator[ArticleResult]:
    """Run the pipeline over articles and resolve every relation to canonical entities."""
    lex = lexicon or load_lexicon()
    pieces = ((piece, (art, offset)) for art in articles for offset, piece in chunks(art.text))
    current, ments, rels = None, [], []
    for doc, (art, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        if current is not None and art is not current:
            yield _resolve(current, ments, rels, gazetteer)
            if on_article:
                on_article(current)
            ments, rels = [], []
        current = art
        rels += [(r, offset) for r in extract(doc, lex)]       # first: it notes the article's surnames
        ments += [_shift(m, offset) for m in mentions(doc)]
    if current is not None:
        yield _resolve(current, ments, rels, gazetteer)
        if on_article:
            on_article(current)


def _shift(m, offset):
    return replace(m, start=m.start + offset, end=m.end + offset) if offset else m


def _as_written(ent: Entity, seen) -> Entity:
    """A known entity under a name this article uses: the gazetteer's name when the text has it,
    else the longest form the text has ('Harvard', not 'Harvard University', for an article that
    never writes the latter). The id, which joins articles, stays."""
    forms = {normalise(strip_suffix(clean_surface(s))): strip_suffix(clean_surface(s)) for s in seen}
    if not forms or normalise(ent.name) in forms or ent.type == "PERSON":
        return ent
    return replace(ent, name=max(forms.values(), key=lambda f: (len(f.split()), len(f), f)),
                   aliases=(ent.name, *ent.aliases))


def _resolve(art: Article, ments, rels: list[tuple[Relation, int]], gaz: Gazetteer) -> ArticleResult:
    resolver = ArticleResolver(gaz, ments)
    entities, surfaces = {}, {}
    for m in ments:
        ent = resolver.resolve(m)
        count = entities.get(ent.id, (ent, 0))[1]
        entities[ent.id] = (ent, count + 1)
        surfaces.setdefault(ent.id, set()).add(m.text)
    named = {eid: _as_written(ent, surfaces.get(eid, ())) for eid, (ent, _) in entities.items()}
    facts = []
    for r, offset in rels:
        head, tail = resolver.apart(r.head, r.tail)
        head, tail = named.get(head.id, head), named.get(tail.id, tail)
        if head.id == tail.id:
            continue
        if r.relation in SYMMETRIC and tail.id < head.id:
            head, tail = tail, head
        start = r.sent_start + offset
        facts.append(Fact(head, r.relation, tail, Evidence(
            article=art.id, file=art.file, title=art.title, date=art.date, sentence=r.sentence.strip(),
            start=start, end=start + len(r.sentence), rule=r.rule, status=r.status,
            confidence=r.confidence, details=r.details)))
    return ArticleResult(art, entities, surfaces, facts)
