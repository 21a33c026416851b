"""Which part of a graph a map shows: the N most connected entities, or an entity's neighbourhood.

One choice, made the same way from a networkx graph (map_subset) and from a build's on-disk store
(store_subset), which ranks its entities in SQLite and loads only the chosen ones and the edges
among them, leaving their evidence on disk until the map is written."""
from __future__ import annotations

import heapq
from collections.abc import Iterable

import networkx as nx

from .query import find_entity
from .store import GraphStore


def rank_key(node: str, degree: int, support: int, mentions: int) -> tuple:
    """Sort key, most connected first: relations, then articles behind them, then mentions."""
    return -degree, -support, -mentions, node


def _rank(g: nx.MultiDiGraph, n: str) -> tuple:
    support = sum(d["support"] for *_, d in g.edges(n, data=True)) + \
        sum(d["support"] for *_, d in g.in_edges(n, data=True))
    return rank_key(n, g.degree(n), support, g.nodes[n].get("mentions", 0))


class _Graph:
    """map_subset's view of a networkx graph."""

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g

    def size(self) -> int:
        return len(self.g)

    def neighbourhood(self, focus: str, depth: int) -> tuple[str, list[tuple]]:
        centre = find_entity(self.g, focus)
        hops = nx.single_source_shortest_path_length(self.g.to_undirected(as_view=True), centre, cutoff=depth)
        return self.g.nodes[centre]["name"], [(hops[n], *_rank(self.g, n)) for n in hops]

    def ranked(self) -> Iterable[tuple]:
        return (_rank(self.g, n) for n in self.g)

    def whole(self) -> nx.MultiDiGraph:
        return self.g

    def part(self, keep: list[str]) -> nx.MultiDiGraph:
        # built in sorted order, as finish() leaves a graph: a subgraph view would list the nodes
        # in the order of a set, which changes with the string hash seed, and the map with it
        kept = set(keep)
        sub = nx.MultiDiGraph()
        sub.graph.update(self.g.graph)
        sub.add_nodes_from((n, self.g.nodes[n]) for n in sorted(kept))
        sub.add_edges_from(sorted(((u, v, k, d) for u in kept for _, v, k, d in self.g.out_edges(u, keys=True, data=True)
                                   if v in kept), key=lambda e: e[:3]))
        return sub


class _Store:
    """store_subset's view of a build's store: the ranking reads SQLite, and only the chosen part
    of the graph is ever loaded."""

    def __init__(self, store: GraphStore):
        self.store = store

    def size(self) -> int:
        return self.store.count_nodes()

    def neighbourhood(self, focus: str, depth: int) -> tuple[str, list[tuple]]:
        centre = self.store.find(focus)
        self.store.neighbourhood(centre, depth)
        return self.store.node(centre)["name"], [(hops, *rank_key(n, deg, sup, men))
                                                 for n, deg, sup, men, hops in self.store.ranks(within_hops=True)]

    def ranked(self) -> Iterable[tuple]:
        return (rank_key(n, deg, sup, men) for n, deg, sup, men, _ in self.store.ranks())

    def whole(self) -> nx.MultiDiGraph:
        return self.store.to_graph(lazy=True)

    def part(self, keep: list[str]) -> nx.MultiDiGraph:
        self.store.keep(keep)
        return self.store.to_graph(kept=True, lazy=True)


def map_subset(g: nx.MultiDiGraph, *, max_nodes: int | None = None, focus: str | None = None,
               depth: int = 1) -> tuple[nx.MultiDiGraph, str]:
    """The part of the graph a map shows, and the line saying so ("" when it is all of it).

    focus: an entity name or alias; its neighbourhood within `depth` hops (in either direction) is
    kept. max_nodes: keep the N most connected entities (with focus, the nearest first) and the
    edges among them. Raises UnknownEntity for a focus that matches nothing.

    >>> sub, note = map_subset(g, max_nodes=300)            # doctest: +SKIP
    >>> note                                                 # doctest: +SKIP
    'showing 300 of 2,114 entities: the 300 most connected'
    """
    return _choose(_Graph(g), max_nodes, focus, depth)


def store_subset(store: GraphStore, *, max_nodes: int | None = None, focus: str | None = None,
                 depth: int = 1) -> tuple[nx.MultiDiGraph, str]:
    """map_subset() of the graph in a build's store, loading only the part chosen, and that without
    its evidence: each edge's is a store.StoredEvidence, read while the map is written (so the
    graph returned is for drawing, before the store is closed)."""
    return _choose(_Store(store), max_nodes, focus, depth)


def _choose(source: _Graph | _Store, max_nodes: int | None, focus: str | None, depth: int) -> tuple[nx.MultiDiGraph, str]:
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    total = source.size()
    what = ""
    if focus is not None:
        name, keys = source.neighbourhood(focus, depth)
        found = len(keys)
        what = f": {name} and its neighbours within {depth} hop{'s' if depth != 1 else ''}"
    else:
        found = total
    if max_nodes is None or found <= max_nodes:
        if focus is None:
            return source.whole(), ""
        chosen = keys
    else:
        # the first N in rank order, without sorting (or, from a store, holding) all of them
        chosen = heapq.nsmallest(max_nodes, keys if focus is not None else source.ranked())
        what += f", the {max_nodes:,} nearest" if focus is not None else f": the {max_nodes:,} most connected"
    sub = source.part([k[-1] for k in chosen])
    return sub, f"showing {len(sub):,} of {total:,} entities{what}"
