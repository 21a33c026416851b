"""Walks through a graph: the shortest evidenced path between two entities, and the entities within
K hops of one. Direction is ignored to find the way (a backer and a supplier both connect) and kept
in what is reported, so every hop reads as the sentence behind it says."""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .models import STATUSES
from .query import check_relation, find_entity

Link = tuple[str, str, str, dict]      # head id, tail id, relation, edge data


class NoPath(ValueError):
    """No chain of kept edges joins the two entities (within the length asked for)."""


def _check(relations: Iterable[str] | None, status: str | None) -> frozenset[str] | None:
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; statuses are: {', '.join(STATUSES)}")
    for r in relations or ():
        check_relation(r)
    return frozenset(relations) if relations else None


def _adjacency(g: nx.MultiDiGraph, relations: frozenset[str] | None,
               status: str | None) -> dict[str, dict[str, list[Link]]]:
    """node -> neighbour -> the kept edges between them (either direction), strongest first."""
    adj: dict[str, dict[str, list[Link]]] = {}
    for u, v, rel, d in g.edges(keys=True, data=True):
        if (relations is None or rel in relations) and (status is None or d["status"] == status) and u != v:
            adj.setdefault(u, {}).setdefault(v, []).append((u, v, rel, d))
            adj.setdefault(v, {}).setdefault(u, []).append((u, v, rel, d))
    for near in adj.values():
        for links in near.values():
            links.sort(key=lambda x: (-x[3]["support"], -x[3]["confidence"], x[2], x[0]))
    return adj


def _evidence(d: dict) -> dict:
    """The first piece of evidence with the edge's own status (the one that decided it)."""
    return next((e for e in d["evidence"] if e["status"] == d["status"]), d["evidence"][0])


def _hop(g: nx.MultiDiGraph, walk_from: str, link: Link) -> dict:
    u, v, rel, d = link
    name = lambda n: g.nodes[n]["name"]  # noqa: E731
    forward = u == walk_from
    here, there = (u, v) if forward else (v, u)
    arrow = f"-{rel}-" if d["symmetric"] else f"-{rel}->" if forward else f"<-{rel}-"
    ev = _evidence(d)
    return {"from": name(here), "to": name(there), "head": name(u), "relation": rel, "tail": name(v),
            "forward": forward, "symmetric": d["symmetric"], "status": d["status"], "support": d["support"],
            "sentence": ev["sentence"], "file": ev["file"], "text": f"{name(here)} {arrow} {name(there)}"}


def shortest_path(g: nx.MultiDiGraph, source: str, target: str, *, relations: Iterable[str] | None = None,
                  max_length: int | None = None, status: str | None = "stated") -> list[dict]:
    """The hops of the shortest path from one entity to another over evidenced edges, ignoring
    direction to search; each hop keeps its real head, relation and tail and one evidence sentence.

    >>> [h["text"] for h in shortest_path(g, "Elon Musk", "Memphis")]   # doctest: +SKIP
    ['Elon Musk -founded-> xAI', 'xAI -operates-> Colossus', 'Colossus -located_in-> Memphis']

    Raises UnknownEntity for a name not in the graph, NoPath when nothing joins the two."""
    if max_length is not None and max_length < 1:
        raise ValueError(f"max length must be 1 or more, not {max_length}")
    kept = _check(relations, status)
    a, b = find_entity(g, source), find_entity(g, target)
    if a == b:
        raise ValueError(f"{source!r} and {target!r} both name {g.nodes[a]['name']}")
    adj = _adjacency(g, kept, status)
    distance, rings = {a: 0}, [[a]]
    while rings[-1] and b not in distance and (max_length is None or len(rings) <= max_length):
        ring = sorted({m for n in rings[-1] for m in adj.get(n, {}) if m not in distance})
        distance.update((m, len(rings)) for m in ring)
        rings.append(ring)
    if b not in distance:
        where = f" within {max_length} hop{'s' * (max_length != 1)}" if max_length else ""
        over = f" over {', '.join(sorted(kept))}" if kept else ""
        facts = f" ({status} facts)" if status else ""
        raise NoPath(f"no path between {g.nodes[a]['name']} and {g.nodes[b]['name']}{where}{over}{facts}")
    # Of the shortest paths, the one whose edges more articles support; ties go to the earlier name.
    score, parent = {a: 0}, {}
    for ring in rings[1:]:
        for m in ring:
            options = sorted(((score[p] + adj[m][p][0][3]["support"], p) for p in adj[m]
                              if distance.get(p) == distance[m] - 1),
                             key=lambda o: (-o[0], g.nodes[o[1]]["name"].lower(), o[1]))
            score[m], parent[m] = options[0]
    chain = [b]
    while chain[-1] != a:
        chain.append(parent[chain[-1]])
    chain.reverse()
    return [_hop(g, x, adj[x][y][0]) for x, y in zip(chain, chain[1:])]


def neighbourhood(g: nx.MultiDiGraph, name: str, *, depth: int = 2, relations: Iterable[str] | None = None,
                  status: str | None = "stated") -> list[dict]:
    """The entities within `depth` hops (direction ignored), nearest first: {"id", "name", "type",
    "distance", "relations", "via", "links"}, where links are the edges that reach the entity from
    the ring before it (one hop closer), with their real direction.

    >>> [(r["name"], r["distance"]) for r in neighbourhood(g, "Colossus", depth=1)]   # doctest: +SKIP
    [('Memphis', 1), ('xAI', 1)]"""
    if depth < 1:
        raise ValueError(f"depth must be 1 or more, not {depth}")
    kept = _check(relations, status)
    start = find_entity(g, name)
    adj = _adjacency(g, kept, status)
    distance = {start: 0}
    frontier = [start]
    for d in range(1, depth + 1):
        frontier = sorted({m for n in frontier for m in adj.get(n, {}) if m not in distance})
        distance.update((m, d) for m in frontier)
    rows = []
    for n, d in distance.items():
        if n == start:
            continue
        links = sorted((link for m, ls in adj[n].items() if distance.get(m) == d - 1 for link in ls),
                       key=lambda x: (g.nodes[x[0]]["name"].lower(), x[2], g.nodes[x[1]]["name"].lower()))
        rows.append({
            "id": n, "name": g.nodes[n]["name"], "type": g.nodes[n]["type"], "distance": d,
            "relations": sorted({rel for _, _, rel, _ in links}),
            "via": sorted({g.nodes[x]["name"] for u, v, _, _ in links for x in (u, v) if x != n}, key=str.lower),
            "links": [{"head": g.nodes[u]["name"], "relation": rel, "tail": g.nodes[v]["name"],
                       "status": e["status"], "support": e["support"]} for u, v, rel, e in links],
        })
    return sorted(rows, key=lambda r: (r["distance"], r["name"].lower(), r["id"]))
