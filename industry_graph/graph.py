"""Resolved facts -> networkx graph, and what a finished graph derives from its evidence.

Nodes are keyed by canonical entity id. One edge per (head, relation, tail), keyed by the
relation, holding every piece of evidence; symmetric relations are stored once, head < tail.
settle_node() and settle_edge() are the derivations finish() makes; a build's on-disk store
(store.py) makes the same ones, through the same functions, as it writes graph.json."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import fields
from typing import TYPE_CHECKING

import networkx as nx

from .graphfile import (  # noqa: F401 (their old home)
    FORMAT,
    GRAPH_FILE,
    GraphError,
    graph_path,
    load_graph,
    save_graph,
    to_json,
    write_atomic,
)
from .models import STATUSES, SYMMETRIC, Entity, Evidence

if TYPE_CHECKING:        # the records only: importing the pipeline would load spaCy
    from .pipeline import ArticleResult


def new_graph(**meta) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph.update({"format": FORMAT, **meta})
    return g


def add_node(g: nx.MultiDiGraph, ent: Entity, mentions: int = 0, surfaces: Iterable[str] = ()) -> None:
    if ent.id not in g:
        g.add_node(ent.id, name=ent.name, type=ent.type, aliases=[], mentions=0)
    data = g.nodes[ent.id]
    written = data.setdefault("written", {})       # the names articles give it, and how many do
    written[ent.name] = written.get(ent.name, 0) + 1
    names = set(data["aliases"]) | set(ent.aliases) | set(surfaces)
    names.discard(data["name"])
    data["aliases"] = sorted(names)
    data["mentions"] += mentions


def taking_part(result: ArticleResult) -> list[tuple[Entity, int, Iterable[str]]]:
    """The entities of one article that take part in a fact, in id order, each with its mention
    count and the surface forms the article gives it. The record is the one its first fact holds."""
    involved: dict[str, Entity] = {}
    for f in result.facts:
        involved.setdefault(f.head.id, f.head)
        involved.setdefault(f.tail.id, f.tail)
    return [(ent, result.entities.get(eid, (ent, 0))[1], result.surfaces.get(eid, ()))
            for eid, ent in sorted(involved.items())]


def add_result(g: nx.MultiDiGraph, result: ArticleResult) -> None:
    """Add one article's facts; entities enter the graph only when they take part in one."""
    for ent, mentions, surfaces in taking_part(result):
        add_node(g, ent, mentions, surfaces)
    for f in result.facts:
        if not g.has_edge(f.head.id, f.tail.id, key=f.relation):
            g.add_edge(f.head.id, f.tail.id, key=f.relation, relation=f.relation,
                       symmetric=f.relation in SYMMETRIC, evidence=[])
        # Duplicates (two mentions of one pair in one sentence) are dropped by finish(), after
        # sorting: a hub edge gathers thousands of sentences, and looking each new one up in its
        # list here would make a large build quadratic.
        # vars(), not asdict(): the record is flat, and asdict()'s recursive copy showed in profiles
        g.edges[f.head.id, f.tail.id, f.relation]["evidence"].append(dict(vars(f.evidence)))


# sorted by date, article, place and rule first; every other field breaks ties
_EVIDENCE_FIELDS = ("date", "article", "start", "rule") + tuple(
    f.name for f in fields(Evidence) if f.name not in ("date", "article", "start", "rule"))


_BLANKS = ("",) * len(_EVIDENCE_FIELDS)
_DETAILS = _EVIDENCE_FIELDS.index("details")


def _evidence_key(e: dict) -> tuple:
    # the fields through map() rather than a generator: this runs for every evidence item of a
    # build at least once, and for those of the map's edges twice more (store.StoredEvidence)
    values = [*map(e.get, _EVIDENCE_FIELDS, _BLANKS)]
    details = values[_DETAILS]
    if isinstance(details, dict):       # a dict does not order: compared as its JSON text
        values[_DETAILS] = json.dumps(details, sort_keys=True) if details else "{}"
    return tuple(values)


def distinct_sorted(evidence: list[dict]) -> list[dict]:
    """Evidence in one order, each distinct item once."""
    keyed = sorted(((_evidence_key(e), e) for e in evidence), key=lambda ke: ke[0])
    out, last = [], None
    for key, e in keyed:
        if key != last:
            out.append(e)
            last = key
    return out


def finish(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Settle every node and edge (settle_node, settle_edge) and put them in sorted order, so that
    the same inputs save to the same bytes whatever order (or process) their results came in."""
    for _, data in g.nodes(data=True):
        settle_node(data)
    for _, _, data in g.edges(data=True):
        settle_edge(data)
    nodes = sorted(g.nodes(data=True))
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])
    meta = dict(g.graph)
    g.clear()
    g.graph.update(meta)
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def settle_node(data: dict) -> dict:
    """Name an entity as most articles write it (its first name becomes an alias if that differs)."""
    written = data.get("written")
    if written:
        name = max(sorted(written), key=lambda n: (written[n], len(n)))
        if name != data["name"]:
            data["aliases"] = sorted((set(data["aliases"]) | {data["name"]}) - {name})
            data["name"] = name
    return data


def settle_edge(data: dict) -> dict:
    """Derive an edge's status, support, confidence, deals and first/last seen from its evidence,
    which it keeps sorted, each distinct item once."""
    ev = distinct_sorted(data["evidence"])
    data["evidence"] = ev
    counts = Counter(e["status"] for e in ev)
    data["status"] = "stated" if counts["stated"] else max(
        (s for s in STATUSES if counts[s]), key=lambda s: (counts[s], -STATUSES.index(s)))
    chosen = [e for e in ev if e["status"] == data["status"]]
    data["support"] = len({e["article"] for e in chosen})
    best = {}
    for e in chosen:
        best[e["article"]] = max(best.get(e["article"], 0.0), e["confidence"])
    miss = 1.0
    for c in sorted(best.values()):      # one order: float products depend on it
        miss *= 1.0 - c
    data["confidence"] = round(1.0 - miss, 4)
    _roll_up_details(data, chosen)
    dates = sorted(e["date"] for e in ev if e["date"])
    data["first_seen"], data["last_seen"] = (dates[0], dates[-1]) if dates else ("", "")
    return data


def _roll_up_details(data: dict, chosen: list[dict]) -> None:
    """An edge's deal kinds (union over its evidence) and the amounts, rounds and valuations
    its articles report, one entry per distinct figure, oldest first."""
    kinds = sorted({k for e in chosen for k in e.get("details", {}).get("kinds", ())})
    if kinds:
        data["kinds"] = kinds
    deals, seen = [], set()
    for e in chosen:
        d = e.get("details", {})
        key = (d.get("amount"), d.get("round"), d.get("valuation"))
        if any(key) and key not in seen:
            seen.add(key)
            deals.append({**{k: d[k] for k in ("amount", "amount_usd", "round", "valuation") if k in d},
                          "date": e["date"], "article": e["article"]})
    if deals:
        data["deals"] = deals
