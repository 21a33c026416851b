"""Questions asked of a graph: who partners with whom, what touches an entity, the triples."""
from __future__ import annotations

import difflib
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable

import networkx as nx

from .details import DEAL_KINDS
from .models import RELATIONS, STATUSES
from .names import normalise

DIRECTIONS = ("out", "in", "any")


class UnknownEntity(LookupError):
    """A name that matches no entity; `suggestions` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r} in the graph{hint}")


class UnknownRelation(ValueError):
    def __init__(self, name: str):
        super().__init__(f"unknown relation {name!r}; relations are: {', '.join(RELATIONS)}")


def name_keys(name: str) -> set[str]:
    """The forms a name is matched by: normalised, and normalised without spaces."""
    k = normalise(name)
    return {k, k.replace(" ", "")} if k else set()


def entity_keys(data: dict) -> set[str]:
    """The match forms of a node's name and aliases."""
    return set().union(*(name_keys(x) for x in [data["name"], *data.get("aliases", [])]))


# One name index per graph object, so a loop over thousands of names does not normalise every node's
# names once per lookup. Held outside g.graph so it never lands in a saved graph.json.
_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def entity_index(g: nx.MultiDiGraph, *, refresh: bool = False) -> dict[str, list[str]]:
    """Normalised name or alias -> the node ids carrying it. Built once per graph and rebuilt when the
    node count changes; pass refresh=True after editing the names or aliases of existing nodes."""
    signature = g.number_of_nodes()
    cached = _INDEXES.get(g)
    if cached is not None and cached[0] == signature and not refresh:
        return cached[1]
    index: dict[str, list[str]] = {}
    for n, d in g.nodes(data=True):
        for key in entity_keys(d):
            index.setdefault(key, []).append(n)
    _INDEXES[g] = (signature, index)
    return index


def find_entity(g: nx.MultiDiGraph, name: str) -> str:
    """Node id for a name or alias, matched case-insensitively ('musk', 'open ai')."""
    if name in g:
        return name
    index = entity_index(g)
    hits = {n for key in name_keys(name) for n in index.get(key, ()) if n in g}
    if hits:
        return most_connected(hits, g.degree, lambda n: g.nodes[n].get("mentions", 0))
    raise no_entity(name, (d["name"] for _, d in g.nodes(data=True)))


def most_connected(hits: Iterable[str], degree: Callable[[str], int], mentions: Callable[[str], int]) -> str:
    """Of several entities a name matches, the one with most relations, then most mentions."""
    return max(sorted(hits), key=lambda n: (degree(n), mentions(n)))


def no_entity(name: str, names: Iterable[str]) -> UnknownEntity:
    """The error for a name that matches nothing, suggesting the closest of NAMES."""
    known = {normalise(x): x for x in names}
    close = difflib.get_close_matches(normalise(name), list(known), n=5, cutoff=0.6)
    prefix = [v for k, v in known.items() if k.startswith(normalise(name)[:3])] if not close else []
    return UnknownEntity(name, [known[c] for c in close] or sorted(prefix)[:5])


def check_relation(relation: str | None) -> None:
    if relation is not None and relation not in RELATIONS:
        raise UnknownRelation(relation)


def _record(g, u, v, data) -> dict:
    return {
        "head": g.nodes[u]["name"], "relation": data["relation"], "tail": g.nodes[v]["name"],
        "head_id": u, "tail_id": v,
        "head_type": g.nodes[u]["type"], "tail_type": g.nodes[v]["type"],
        "status": data["status"], "support": data["support"], "confidence": data["confidence"],
        "first_seen": data["first_seen"], "last_seen": data["last_seen"],
        "kinds": data.get("kinds", []), "deals": data.get("deals", []),
        "evidence": [{"file": e["file"], "article": e["article"], "title": e["title"], "date": e["date"],
                      "sentence": e["sentence"], "start": e["start"], "end": e["end"],
                      "rule": e["rule"], "status": e["status"]} for e in data["evidence"]],
    }


DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def edges(g: nx.MultiDiGraph, *, relation: str | None = None, status: str | None = "stated",
          min_support: int = 1, min_confidence: float = 0.0, since: str | None = None,
          kind: str | None = None) -> list[dict]:
    """Every edge as a record, filtered; status=None keeps all statuses. `since` (YYYY, YYYY-MM or
    YYYY-MM-DD) keeps edges some article reported on or after that date; `kind` keeps deals of
    that kind (compute, cloud, chips, distribution, research)."""
    check_relation(relation)
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; statuses are: {', '.join(STATUSES)}")
    if since is not None and not DATE.match(since):
        raise ValueError(f"bad date {since!r}; use YYYY, YYYY-MM or YYYY-MM-DD")
    if kind is not None and kind not in DEAL_KINDS:
        raise ValueError(f"unknown deal kind {kind!r}; kinds are: {', '.join(DEAL_KINDS)}")
    out = [_record(g, u, v, d) for u, v, d in g.edges(data=True)
           if (relation is None or d["relation"] == relation)
           and (status is None or d["status"] == status) and d["support"] >= min_support
           and d["confidence"] >= min_confidence
           and (since is None or d["last_seen"] >= since)
           and (kind is None or kind in d.get("kinds", ()))]
    return sorted(out, key=lambda r: (r["relation"], -r["support"], r["head"].lower(), r["tail"].lower()))


def triples(g: nx.MultiDiGraph, *, status: str | None = "stated", relation: str | None = None,
            **filters) -> list[dict]:
    """Edges as {head, relation, tail, ...} records, the SCHEMA.md triples format; `filters` as edges()."""
    return edges(g, relation=relation, status=status, **filters)


def query(g: nx.MultiDiGraph, name: str, *, relation: str | None = None, direction: str = "any",
          status: str | None = "stated", **filters) -> list[dict]:
    """Edges touching an entity. direction: 'out' (entity is head), 'in' (tail) or 'any';
    symmetric relations match in either direction. `filters` as edges()."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}; use out, in or any")
    node = find_entity(g, name)
    out = []
    for r in edges(g, relation=relation, status=status, **filters):
        symmetric = g.edges[r["head_id"], r["tail_id"], r["relation"]]["symmetric"]
        is_head, is_tail = r["head_id"] == node, r["tail_id"] == node
        if (direction == "any" or symmetric) and (is_head or is_tail) or \
                direction == "out" and is_head or direction == "in" and is_tail:
            out.append(r)
    return out


def partners(g: nx.MultiDiGraph, name: str | None = None, *, status: str | None = "stated",
             **filters) -> list[dict]:
    """Partnership pairs: {"entity", "partner", "support", "kinds", "evidence"}; with a name, only
    that entity's partners (the entity always in the "entity" slot). `filters` as edges()."""
    if name is None:
        rows = [{"entity": r["head"], "partner": r["tail"], "support": r["support"], "status": r["status"],
                 "kinds": r["kinds"], "evidence": r["evidence"]}
                for r in edges(g, relation="partners_with", status=status, **filters)]
    else:
        node = find_entity(g, name)
        rows = []
        for r in query(g, node, relation="partners_with", status=status, **filters):
            other = r["tail"] if r["head_id"] == node else r["head"]
            rows.append({"entity": g.nodes[node]["name"], "partner": other, "support": r["support"],
                         "status": r["status"], "kinds": r["kinds"], "evidence": r["evidence"]})
    return sorted(rows, key=lambda r: (-r["support"], r["entity"].lower(), r["partner"].lower()))


def neighbours(g: nx.MultiDiGraph, name: str, *, depth: int = 1) -> list[str]:
    """Names of the entities within `depth` hops, ignoring direction."""
    node = find_entity(g, name)
    reach = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    return sorted((g.nodes[n]["name"] for n in reach if n != node), key=str.lower)


def stats(g: nx.MultiDiGraph) -> dict:
    """Counts of entities by type, edges by relation and status, and what the build read."""
    return {
        "entities": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "entity_types": dict(sorted(Counter(d["type"] for _, d in g.nodes(data=True)).items())),
        "relations": dict(sorted(Counter(d["relation"] for *_, d in g.edges(data=True)).items())),
        "statuses": dict(sorted(Counter(d["status"] for *_, d in g.edges(data=True)).items())),
        "evidence": sum(len(d["evidence"]) for *_, d in g.edges(data=True)),
        "articles": g.graph.get("articles", 0),
        "skipped": len(g.graph.get("skipped", [])),
        "model": g.graph.get("model", ""),
    }
