"""The build cache: one JSON file per article file, keyed by the file's bytes and the pipeline.

A key is the SHA-256 of the pipeline's version (package code, spaCy and model versions, gazetteer,
trigger lexicon), the file's path as shown and its content; anything that changes what extraction
would say about a file changes its key. Entries are plain JSON (no pickle: a cache folder is data,
never code), written atomically; an entry that cannot be read back is treated as missing."""
from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import orjson
import spacy

from . import __version__
from .graphfile import write_atomic
from .models import Article, Entity, Evidence, Skipped
from .pipeline import ArticleResult, Fact, FileResult

LAYOUT = "2"            # bump when the entry format below changes


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the package's own code and data, so an edited rule invalidates old entries even
    before a release bumps the version number."""
    h = hashlib.sha256()
    root = resources.files("industry_graph")
    for item in sorted([*root.iterdir(), *(root / "resources").iterdir()], key=lambda p: p.name):
        if item.is_file() and item.name.endswith((".py", ".json", ".jsonl")):
            h.update(item.name.encode() + b"\0" + item.read_bytes())
    return h.hexdigest()[:16]


def pipeline_version(model: str, gazetteer: str, lexicon: str) -> str:
    """Everything a file's result depends on besides the file itself."""
    return "|".join((LAYOUT, __version__, code_digest(), spacy.__version__, model, gazetteer, lexicon))


def _entity(e: Entity) -> list:
    return [e.id, e.name, e.type, list(e.aliases), list(e.ambiguous)]


def _entity_of(x: list) -> Entity:
    return Entity(x[0], x[1], x[2], tuple(x[3]), tuple(x[4]))


# Evidence fields that repeat the article's own: an entry stores them once, with the article
ARTICLE_FIELDS = (("article", "id"), ("file", "file"), ("title", "title"), ("date", "date"))


def encode(fr: FileResult) -> dict:
    """A file's result as JSON data. Entities are listed once per file and named by their place in
    that list, and evidence leaves out what its article says: a rebuild reads a thousand entries,
    and each entity record or title written once is one less to parse."""
    table: dict[Entity, int] = {}

    def ref(e: Entity) -> int:
        return table.setdefault(e, len(table))

    def evidence(ev, art) -> dict:
        out = dict(vars(ev))
        for field, own in ARTICLE_FIELDS:
            if out[field] == getattr(art, own):
                del out[field]
        return out
    results = [{"article": dict(vars(r.article)),
                "entities": [[ref(e), n] for e, n in r.entities.values()],
                "surfaces": {k: sorted(v) for k, v in r.surfaces.items()},
                "facts": [[ref(f.head), f.relation, ref(f.tail), evidence(f.evidence, r.article)] for f in r.facts]}
               for r in fr.results]
    return {"file": fr.file, "words": fr.words, "skipped": [[s.file, s.reason] for s in fr.skipped],
            "entities": [_entity(e) for e in table], "results": results}


def decode(data: dict) -> FileResult:
    table = [_entity_of(e) for e in data["entities"]]
    results = []
    # one string per rule, status and sentence however many relations share it (and the article's
    # fields, from the article): a large graph holds hundreds of thousands of pieces of evidence
    shared: dict[str, str] = {}
    for r in data["results"]:
        art = Article(**r["article"])
        own = {field: getattr(art, name) for field, name in ARTICLE_FIELDS}
        ents = {}
        for i, n in r["entities"]:
            ents[table[i].id] = (table[i], int(n))
        facts = []
        for h, rel, t, ev in r["facts"]:
            ev["rule"], ev["status"] = sys.intern(ev["rule"]), sys.intern(ev["status"])
            ev["sentence"] = shared.setdefault(ev["sentence"], ev["sentence"])
            facts.append(Fact(table[h], rel, table[t], Evidence(**{**own, **ev})))
        results.append(ArticleResult(art, ents, {k: set(v) for k, v in r["surfaces"].items()}, facts))
    return FileResult(data["file"], tuple(results), tuple(Skipped(f, why) for f, why in data["skipped"]),
                      int(data["words"]))


class ResultCache:
    """Per-file results under FOLDER, for one pipeline version.

    >>> cache = ResultCache(Path("graph/.cache"), "v")       # doctest: +SKIP
    >>> key = cache.key("a.txt", b"Amazon invested in Anthropic.")
    >>> cache.get(key) is None                               # doctest: +SKIP
    True
    """

    def __init__(self, folder: Path | str, version: str):
        self.folder = Path(folder)
        self.version = version
        self.used: set[str] = set()
        self.errors = 0               # entries found damaged and recomputed

    def key(self, shown: str, data: bytes) -> str:
        h = hashlib.sha256(self.version.encode() + b"\0" + shown.encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        self.used.add(key)
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            self.errors += 1
            return None
        try:
            data = orjson.loads(raw)
            if data.get("key") != key:
                raise ValueError("entry is for another key")
            return decode(data["result"])
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            self.errors += 1          # a damaged entry is recomputed and overwritten
            return None

    def put(self, key: str, result: FileResult) -> None:
        self.used.add(key)
        entry = {"key": key, "result": encode(result)}
        try:
            # orjson writes the same JSON data several times faster than json.dumps; what it refuses
            # (an integer past 64 bits, half a surrogate pair) json writes as before
            text: str | bytes = orjson.dumps(entry, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:
            text = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        try:
            # no fsync: an entry lost or cut short by a crash reads as damaged and is recomputed
            write_atomic(self._path(key), text, durable=False)
        except OSError:
            pass                      # a cache that cannot be written only costs time next build

    def prune(self) -> int:
        """Delete entries this build did not use (removed or changed files, older pipelines) and
        temporary files a killed build left; returns how many went."""
        gone = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            stale = path.name.startswith(".") or (path.suffix == ".json" and path.stem not in self.used)
            if stale and path.is_file():
                path.unlink(missing_ok=True)
                gone += 1
        return gone
