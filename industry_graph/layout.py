"""Node positions for the map, computed before the page opens so the browser runs no physics.

A force-directed layout (Fruchterman-Reingold forces, linear cooling) in numpy, seeded, so the same
graph always gets the same picture. networkx's spring_layout needs scipy above 500 nodes and its
dense fallback costs about 0.2 s an iteration at 2,000 nodes; here repulsion is exact for small
components and, for large ones, estimated each iteration from a fresh random sample of other nodes
plus every graph neighbour, which costs O(n * SAMPLE). Positions are complex numbers (x + iy), which
keeps the vector arithmetic to one array. Connected components are laid out apart and packed in
rows, largest first.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

from .heap import keep_freed_memory

EDGE_LENGTH = 110.0      # ideal edge length of the force model, in vis-network pixels
EXACT_UP_TO = 600        # components up to this size get exact all-pairs repulsion
SAMPLE = 48              # other nodes sampled per node and iteration above that
NEAREST = 45.0           # median distance from a node to its nearest neighbour in the finished map
BIGGEST = 300            # nodes, largest first, that are pushed off anything they overlap


def node_size(degree: int) -> float:
    """Radius in pixels of an entity with this many relations."""
    return 10 + min(degree, 30) * 1.5


def _scatter(n: int, index: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Sum z into n slots by index (np.add.at, but bincount is several times faster)."""
    return np.bincount(index, z.real, n) + 1j * np.bincount(index, z.imag, n)


def _forces(z: np.ndarray, a: np.ndarray, b: np.ndarray, rng: np.random.Generator, k: float) -> np.ndarray:
    """Displacement of every node: repulsion k²/d from the others, attraction d²/k along edges."""
    n = len(z)
    if n <= EXACT_UP_TO:
        d = z[:, None] - z[None, :]
        disp = (d * (k * k / (d.real ** 2 + d.imag ** 2 + 1e-3))).sum(axis=1)
    else:
        d = z[:, None] - z[rng.integers(0, n, (n, SAMPLE))]
        disp = (d * (k * k / (d.real ** 2 + d.imag ** 2 + 1e-3))).sum(axis=1) * ((n - 1) / SAMPLE)
        # neighbours are the nodes that come closest, so the sample must not miss them
        d = z[a] - z[b]
        push = d * (k * k / (d.real ** 2 + d.imag ** 2 + 1e-3))
        disp += _scatter(n, a, push) - _scatter(n, b, push)
    d = z[a] - z[b]
    pull = d * np.abs(d) / k
    return disp - _scatter(n, a, pull) + _scatter(n, b, pull)


def _component(sub: nx.Graph, size: np.ndarray, rng: np.random.Generator, iterations: int) -> np.ndarray:
    n = len(sub)
    if n <= 2:          # nothing to balance: side by side
        return np.arange(n) * (size.sum() + NEAREST) + 0j
    index = {v: i for i, v in enumerate(sub)}
    a = np.array([index[u] for u, v in sub.edges()], dtype=np.intp)
    b = np.array([index[v] for u, v in sub.edges()], dtype=np.intp)
    k = EDGE_LENGTH
    radius = k * math.sqrt(n)
    z = rng.uniform(-radius / 2, radius / 2, n) + 1j * rng.uniform(-radius / 2, radius / 2, n)
    for step in range(iterations):
        disp = _forces(z, a, b, rng, k) - z * (0.05 * k / radius)    # mild gravity keeps branches in
        length = np.abs(disp) + 1e-9
        temperature = radius / 8 * (1 - step / iterations) + k / 50
        z += disp * (np.minimum(length, temperature) / length)
    return _separate(_spacing(z - z.mean(), rng), size)


def _spacing(z: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Scale so the typical gap to the nearest node is NEAREST px: all-pairs repulsion spreads a
    hub-and-spoke graph to three times its ideal edge length, and a map fitted to that on screen
    draws dots too small to label."""
    probe = z if len(z) <= EXACT_UP_TO else z[rng.choice(len(z), EXACT_UP_TO, replace=False)]
    d = np.abs(probe[:, None] - z[None, :])
    d[d == 0] = np.inf                      # a node's distance to itself
    gap = float(np.median(d.min(axis=1)))
    return z * (NEAREST / gap) if gap > 0 and np.isfinite(gap) else z


def _separate(z: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Push the largest nodes off whatever they overlap: hubs drawn at up to 55 px would otherwise
    sit on top of one another at the centre. Only the largest are checked, against the nodes found
    near them, so this stays linear in the graph."""
    big = np.argsort(-size, kind="stable")[:BIGGEST]
    reach = size[big][:, None] + size.max() + 30
    for _ in range(3):
        row, j = np.nonzero(np.abs(z[big][:, None] - z[None, :]) < reach)
        i = big[row]
        i, j = i[i != j], j[i != j]
        for _ in range(10):
            d = z[i] - z[j]
            dist = np.abs(d) + 1e-6
            over = np.clip(size[i] + size[j] + 6 - dist, 0, None)
            if not over.any():
                return z
            push = d * (over / dist / 2)
            z = z + _scatter(len(z), i, push) - _scatter(len(z), j, push)
    return z


def layout(g: nx.Graph, *, seed: int = 1, iterations: int | None = None) -> dict[str, tuple[float, float]]:
    """Positions {node: (x, y)} in pixels, the same for the same graph and seed.

    >>> sorted(layout(nx.path_graph(["a", "b"])))
    ['a', 'b']
    """
    keep_freed_memory()     # its iterations free and take back the same arrays (heap.py)
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    rng = np.random.default_rng(seed)
    parts = []
    for comp in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c))):
        # a fresh graph in sorted order: a subgraph view of a small part lists its nodes in the
        # order of a set, which changes with the string hash seed from one run to the next
        sub = nx.Graph()
        sub.add_nodes_from(sorted(comp))
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in simple.subgraph(comp).edges()))
        steps = iterations or (300 if len(sub) <= EXACT_UP_TO else 150)
        size = np.array([node_size(g.degree(v)) for v in sub], dtype=float)
        parts.append((list(sub), _component(sub, size, rng, steps)))
    return _pack(parts)


def _pack(parts: list[tuple[list, np.ndarray]]) -> dict[str, tuple[float, float]]:
    """Place the components in rows, largest first, each in a box as wide as it is."""
    gap = EDGE_LENGTH
    corners = [complex(z.real.min(), z.imag.min()) for _, z in parts]
    boxes = [(z.real.max() - z.real.min() + gap, z.imag.max() - z.imag.min() + gap) for _, z in parts]
    width = max([math.sqrt(sum(w * h for w, h in boxes)) * 1.3] + [w for w, _ in boxes])
    out: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for (nodes, z), corner, (w, h) in zip(parts, corners, boxes):
        if x + w > width and x > 0:
            x, y, row = 0.0, y + row, 0.0
        shifted = z - corner + complex(x + gap / 2, y + gap / 2)
        out.update({v: (round(float(p.real), 1), round(float(p.imag), 1)) for v, p in zip(nodes, shifted)})
        x, row = x + w, max(row, h)
    return out
