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

import spacy

from . import __version__
from .graph import write_atomic
from .models import Article, Entity, Evidence, Skipped
from .pipeline import ArticleResult, Fact, FileResult

CACHE_DIR = ".cache"
LAYOUT = "1"            # bump when the entry format below changes


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


def encode(fr: FileResult) -> dict:
    return {"file": fr.file, "words": fr.words,
            "skipped": [[s.file, s.reason] for s in fr.skipped],
            "results": [{"article": dict(vars(r.article)),
                         "entities": [[_entity(e), n] for e, n in r.entities.values()],
                         "surfaces": {k: sorted(v) for k, v in r.surfaces.items()},
                         "facts": [[_entity(f.head), f.relation, _entity(f.tail), dict(vars(f.evidence))]
                                   for f in r.facts]}
                        for r in fr.results]}


def _evidence(ev: dict) -> Evidence:
    # JSON gives each piece of evidence its own copy of the article's file name, title and date;
    # one shared string each keeps a large graph's memory down
    for k in ("article", "file", "title", "date", "rule", "status"):
        ev[k] = sys.intern(ev[k])
    return Evidence(**ev)


def decode(data: dict) -> FileResult:
    results = []
    for r in data["results"]:
        ents = {}
        for e, n in r["entities"]:
            ent = _entity_of(e)
            ents[ent.id] = (ent, int(n))
        results.append(ArticleResult(
            Article(**r["article"]), ents, {k: set(v) for k, v in r["surfaces"].items()},
            [Fact(_entity_of(h), rel, _entity_of(t), _evidence(ev)) for h, rel, t, ev in r["facts"]]))
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
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            self.errors += 1
            return None
        try:
            data = json.loads(text)
            if data.get("key") != key:
                raise ValueError("entry is for another key")
            return decode(data["result"])
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            self.errors += 1          # a damaged entry is recomputed and overwritten
            return None

    def put(self, key: str, result: FileResult) -> None:
        self.used.add(key)
        text = json.dumps({"key": key, "result": encode(result)}, ensure_ascii=False, sort_keys=True)
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
