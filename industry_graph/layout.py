"""Node positions for the map, computed before the page opens so the browser runs no physics.

A force-directed layout (Fruchterman-Reingold forces, linear cooling) in numpy, seeded, so the same
graph always gets the same picture. networkx's spring_layout needs scipy above 500 nodes and its
dense fallback costs about 0.2 s an iteration at 2,000 nodes; here repulsion is exact for small
components and, for large ones, estimated each iteration from a fresh random sample of other nodes
plus every graph neighbour, which costs O(n * SAMPLE) and keeps 2,000 nodes to about a second.
Connected components are laid out apart and packed in rows, largest first.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

EDGE_LENGTH = 110.0      # ideal edge length in vis-network pixels (nodes are 10 to 55 px across)
EXACT_UP_TO = 600        # components up to this size get exact all-pairs repulsion
SAMPLE = 48              # other nodes sampled per node and iteration above that
NEAREST = 45.0           # median distance from a node to its nearest neighbour in the finished map
BIGGEST = 300            # nodes, largest first, that are pushed off anything they overlap


def _forces(pos, a, b, rng, k2):
    """Displacement of every node: repulsion k²/d from the others, attraction d²/k along edges."""
    n = len(pos)
    if n <= EXACT_UP_TO:
        d = pos[:, None, :] - pos[None, :, :]
        dist2 = np.einsum("ijk,ijk->ij", d, d) + 1e-3
        disp = np.einsum("ijk,ij->ik", d, k2 / dist2)
    else:
        others = rng.integers(0, n, (n, SAMPLE))
        d = pos[:, None, :] - pos[others]
        dist2 = np.einsum("ijk,ijk->ij", d, d) + 1e-3
        disp = np.einsum("ijk,ij->ik", d, k2 / dist2) * ((n - 1) / SAMPLE)
        # neighbours are the nodes that come closest, so the sample must not miss them
        d = pos[a] - pos[b]
        push = d * (k2 / (np.einsum("ij,ij->i", d, d) + 1e-3))[:, None]
        disp += _scatter(n, a, push) - _scatter(n, b, push)
    d = pos[a] - pos[b]
    pull = d * (np.sqrt(np.einsum("ij,ij->i", d, d)) / math.sqrt(k2))[:, None]
    return disp - _scatter(n, a, pull) + _scatter(n, b, pull)


def _scatter(n: int, index: np.ndarray, vec: np.ndarray) -> np.ndarray:
    """Sum rows of vec into n rows by index (np.add.at, but bincount is several times faster)."""
    return np.stack([np.bincount(index, vec[:, 0], n), np.bincount(index, vec[:, 1], n)], axis=1)


def _component(sub: nx.Graph, size: np.ndarray, rng: np.random.Generator, iterations: int) -> np.ndarray:
    n = len(sub)
    if n == 1:
        return np.zeros((1, 2))
    index = {v: i for i, v in enumerate(sub)}
    a = np.array([index[u] for u, v in sub.edges()], dtype=np.intp)
    b = np.array([index[v] for u, v in sub.edges()], dtype=np.intp)
    k = EDGE_LENGTH
    radius = k * math.sqrt(n)
    pos = rng.uniform(-radius / 2, radius / 2, (n, 2))
    for step in range(iterations):
        disp = _forces(pos, a, b, rng, k * k)
        disp -= pos * (0.05 * k / radius)           # mild gravity so loose branches do not drift off
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp)) + 1e-9
        temperature = radius / 8 * (1 - step / iterations) + k / 50
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
    return _separate(_spacing(pos - pos.mean(axis=0), rng), size)


def node_size(degree: int) -> float:
    """Radius in pixels of an entity with this many relations."""
    return 10 + min(degree, 30) * 1.5


def _separate(pos: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Push the largest nodes off whatever they overlap: hubs drawn at up to 55 px would otherwise
    sit on top of one another at the centre. Only the largest are checked, against the nodes found
    near them, so this stays linear in the graph."""
    big = np.argsort(-size, kind="stable")[:BIGGEST]
    reach = size[big][:, None] + size.max() + 30
    for _ in range(3):
        d = pos[big][:, None, :] - pos[None, :, :]
        row, j = np.nonzero(np.einsum("ijk,ijk->ij", d, d) < reach ** 2)
        i = big[row]
        i, j = i[i != j], j[i != j]
        for _ in range(10):
            d = pos[i] - pos[j]
            dist = np.sqrt(np.einsum("ij,ij->i", d, d)) + 1e-6
            over = np.clip(size[i] + size[j] + 6 - dist, 0, None)
            if not over.any():
                return pos
            push = d * (over / dist / 2)[:, None]
            pos += _scatter(len(pos), i, push) - _scatter(len(pos), j, push)
    return pos


def _spacing(pos: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Scale so the typical gap to the nearest node is NEAREST px: all-pairs repulsion spreads a
    hub-and-spoke graph to three times its ideal edge length, and a map fitted to that on screen
    draws dots too small to label."""
    probe = pos if len(pos) <= EXACT_UP_TO else pos[rng.choice(len(pos), EXACT_UP_TO, replace=False)]
    d = np.sqrt(((probe[:, None, :] - pos[None, :, :]) ** 2).sum(axis=-1))
    d[d == 0] = np.inf                      # a node's distance to itself
    gap = float(np.median(d.min(axis=1)))
    return pos * (NEAREST / gap) if gap > 0 and np.isfinite(gap) else pos


def layout(g: nx.Graph, *, seed: int = 1, iterations: int | None = None) -> dict[str, tuple[float, float]]:
    """Positions {node: (x, y)} in pixels, the same for the same graph and seed.

    >>> sorted(layout(nx.path_graph(["a", "b"])))
    ['a', 'b']
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    rng = np.random.default_rng(seed)
    parts = []
    for comp in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c))):
        sub = simple.subgraph(sorted(comp))
        steps = iterations or (300 if len(sub) <= EXACT_UP_TO else 150)
        size = np.array([node_size(g.degree(v)) for v in sub], dtype=float)
        parts.append((list(sub), _component(sub, size, rng, steps)))
    return _pack(parts)


def _pack(parts: list[tuple[list, np.ndarray]]) -> dict[str, tuple[float, float]]:
    """Place the components in rows, largest first, each in a box as wide as it is."""
    gap = EDGE_LENGTH
    boxes = [(p.max(axis=0) - p.min(axis=0)) + gap for _, p in parts]
    width = max([math.sqrt(sum(w * h for w, h in boxes)) * 1.3] + [w for w, _ in boxes])
    out: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for (nodes, p), (w, h) in zip(parts, boxes):
        if x + w > width and x > 0:
            x, y, row = 0.0, y + row, 0.0
        shifted = p - p.min(axis=0) + (x + gap / 2, y + gap / 2)
        out.update({v: (round(float(px), 1), round(float(py), 1)) for v, (px, py) in zip(nodes, shifted)})
        x, row = x + w, max(row, h)
    return out
