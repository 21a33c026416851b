"""The gazetteer: AI-industry entities with canonical names, types and aliases (data, not code)."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .models import ENTITY_TYPES, Entity
from .names import normalise, slug

# spaCy's NER labels for our entity types, and back.
SPACY_LABEL = {"ORG": "ORG", "PERSON": "PERSON", "PRODUCT": "PRODUCT", "FACILITY": "FAC", "PLACE": "GPE"}
FROM_SPACY = {"ORG": "ORG", "PERSON": "PERSON", "PRODUCT": "PRODUCT", "FAC": "FACILITY",
              "GPE": "PLACE", "LOC": "PLACE"}


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read; the message names the file and line."""


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    # normalised name or alias -> entity id; ambiguous strings map to None
    index: dict[str, str | None] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add(self, entity: Entity) -> None:
        if entity.id in self.entities:
            old = self.entities[entity.id]
            entity = Entity(old.id, entity.name, entity.type,
                            tuple(dict.fromkeys(old.aliases + entity.aliases)),
                            tuple(dict.fromkeys(old.ambiguous + entity.ambiguous)),
                            entity.maker or old.maker)
        self.entities[entity.id] = entity
        for surface in (entity.name, *entity.aliases):
            key = normalise(surface)
            if key and self.index.get(key, entity.id) != entity.id:
                self.index[key] = None
            elif key:
                self.index[key] = entity.id
        for surface in entity.ambiguous:
            key = normalise(surface)
            if key and self.index.get(key) != entity.id:
                self.index[key] = None

    def lookup(self, name: str) -> Entity | None:
        """Entity for a name or alias, or None when unknown or ambiguous."""
        eid = self.index.get(normalise(name))
        return self.entities.get(eid) if eid else None

    def patterns(self) -> list[dict]:
        """EntityRuler patterns: one per unambiguous surface form, with the entity id."""
        out = []
        for ent in self.entities.values():
            for surface in dict.fromkeys((ent.name, *ent.aliases)):
                if self.index.get(normalise(surface)) == ent.id:
                    out.append({"label": SPACY_LABEL[ent.type], "pattern": surface, "id": ent.id})
        return out

    def inner_punctuation_names(self) -> list[str]:
        """One-word names with a dot or colon inside ('Character.AI', 'Run:ai'), for the tokenizer."""
        return sorted({s for ent in self.entities.values() for s in (ent.name, *ent.aliases)
                       if " " not in s and re.search(r"\w[.:]\w", s) and not s.endswith(".")})

    @property
    def version(self) -> str:
        h = hashlib.sha256()
        for ent in sorted(self.entities.values(), key=lambda e: e.id):
            h.update(json.dumps([ent.id, ent.name, ent.type, ent.aliases, ent.ambiguous, ent.maker]).encode())
        return h.hexdigest()[:16]


def read_entities(path: Path | str, text: str | None = None) -> list[Entity]:
    """Parse an entities JSONL file: {"id"?, "name", "type", "aliases"?, "ambiguous"?, "maker"?} a line."""
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GazetteerError(f"{path}: cannot read entities file: {exc}") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rec = json.loads(line)
            name, etype = rec["name"].strip(), rec["type"]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise GazetteerError(f"{path}:{n}: not an entity record ({exc})") from None
        if etype not in ENTITY_TYPES:
            raise GazetteerError(f"{path}:{n}: type {etype!r} is not one of {', '.join(ENTITY_TYPES)}")
        out.append(Entity(rec.get("id") or slug(name), name, etype,
                          tuple(a.strip() for a in rec.get("aliases", []) if a.strip()),
                          tuple(a.strip() for a in rec.get("ambiguous", []) if a.strip()),
                          str(rec.get("maker") or "")))
    return out


@lru_cache(maxsize=1)
def company_kinds() -> dict[str, frozenset]:
    """What news calls a known company after 'the' ('nvidia' -> 'chipmaker', 'chip designer', ...),
    by gazetteer id: resources/kinds.json. A description stands for the company last named that it fits."""
    res = resources.files("industry_graph") / "resources" / "kinds.json"
    if not res.is_file():
        return {}
    return {eid: frozenset(phrases) for eid, phrases in json.loads(res.read_text(encoding="utf-8")).items()}


@lru_cache(maxsize=1)
def company_homes() -> dict[str, frozenset]:
    """Where a known company has its headquarters, city to country as news writes them, lower-cased,
    by gazetteer id: resources/homes.json. 'The Gothenburg-based operator' is not Microsoft."""
    res = resources.files("industry_graph") / "resources" / "homes.json"
    if not res.is_file():
        return {}
    return {eid: frozenset(p.lower() for p in places)
            for eid, places in json.loads(res.read_text(encoding="utf-8")).items()}


@lru_cache(maxsize=1)
def builtin_gazetteer() -> Gazetteer:
    """The shipped gazetteer alone, read once per process, for checks that run inside the language
    pipeline ('Las Vegas' is a known place)."""
    return load_gazetteer()


def load_gazetteer(extra: list[Path | str] | tuple = (), *, builtin: bool = True) -> Gazetteer:
    """The shipped gazetteer plus any user files (same JSONL format; later entries add aliases)."""
    gaz = Gazetteer()
    if builtin:
        res = resources.files("industry_graph") / "resources" / "entities.jsonl"
        for ent in read_entities("entities.jsonl (built in)", res.read_text(encoding="utf-8")):
            gaz.add(ent)
        gaz.sources.append("builtin")
    for path in extra:
        for ent in read_entities(path):
            gaz.add(ent)
        gaz.sources.append(str(path))
    return gaz
