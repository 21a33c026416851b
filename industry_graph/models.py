"""Plain records passed between the stages: files -> articles -> relations -> graph."""
from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("ORG", "PERSON", "PRODUCT", "FACILITY", "PLACE")
RELATIONS = (
    "partners_with", "invests_in", "founded", "leads", "works_for", "develops",
    "acquires", "competes_with", "subsidiary_of", "supplies", "operates", "located_in",
)
SYMMETRIC = frozenset({"partners_with", "competes_with"})
STATUSES = ("stated", "talks", "denied", "ended")


@dataclass(frozen=True)
class Article:
    """One document's text and metadata, as ingest found it."""
    id: str
    file: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""


@dataclass(frozen=True)
class Skipped:
    """A file (or record inside one) that was not processed, and why."""
    file: str
    reason: str


@dataclass(frozen=True)
class Entity:
    """A gazetteer entry or an entity first met in text."""
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    maker: str = ""               # products: the id of the organisation that makes it ('the ChatGPT maker')


@dataclass(frozen=True)
class Mention:
    """An entity mention in a document, before names are resolved."""
    text: str
    type: str
    start: int
    end: int
    gazetteer_id: str = ""


@dataclass(frozen=True)
class Relation:
    """One relation stated (or denied, or talked about) by one sentence."""
    head: Mention
    relation: str
    tail: Mention
    sentence: str
    sent_start: int
    rule: str
    status: str = "stated"
    confidence: float = 0.8
    details: dict = field(default_factory=dict)    # amount, round, valuation; kinds of a deal


@dataclass(frozen=True)
class Evidence:
    """The sentence behind an edge, with where it came from."""
    article: str
    file: str
    title: str
    date: str
    sentence: str
    start: int
    end: int
    rule: str
    status: str
    confidence: float
    details: dict = field(default_factory=dict)


@dataclass
class BuildReport:
    """What a build found, processed and skipped."""
    found: int = 0
    processed: int = 0
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)     # whole files
    partial: list[Skipped] = field(default_factory=list)     # records skipped inside read files
    relations: int = 0
    seconds: float = 0.0
    words: int = 0
    cached: int = 0            # files whose results came from the build cache
    parsed: int = 0            # files run through the pipeline
    cache_errors: int = 0      # damaged cache entries, recomputed
