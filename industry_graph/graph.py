"""Resolved facts -> networkx graph; save and load as node-link JSON.

Nodes are keyed by canonical entity id. One edge per (head, relation, tail), keyed by the
relation, holding every piece of evidence; symmetric relations are stored once, head < tail."""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import networkx as nx

from .models import STATUSES, SYMMETRIC, Entity
from .pipeline import ArticleResult

FORMAT = "industry-graph/1"
GRAPH_FILE = "graph.json"


class GraphError(Exception):
    """A graph file that is missing, unreadable or not an industry-graph graph."""


def new_graph(**meta) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph.update({"format": FORMAT, **meta})
    return g


def add_node(g: nx.MultiDiGraph, ent: Entity, mentions: int = 0, surfaces: Iterable[str] = ()) -> None:
    if ent.id not in g:
        g.add_node(ent.id, name=ent.name, type=ent.type, aliases=[], mentions=0)
    data = g.nodes[ent.id]
    names = set(data["aliases"]) | set(ent.aliases) | set(surfaces)
    names.discard(data["name"])
    data["aliases"] = sorted(names)
    data["mentions"] += mentions


def add_result(g: nx.MultiDiGraph, result: ArticleResult) -> None:
    """Add one article's facts; entities enter the graph only when they take part in one."""
    involved: dict[str, Entity] = {}
    for f in result.facts:
        involved.setdefault(f.head.id, f.head)
        involved.setdefault(f.tail.id, f.tail)
    for eid, ent in sorted(involved.items()):
        add_node(g, ent, result.entities.get(eid, (ent, 0))[1], result.surfaces.get(eid, ()))
    for f in result.facts:
        if not g.has_edge(f.head.id, f.tail.id, key=f.relation):
            g.add_edge(f.head.id, f.tail.id, key=f.relation, relation=f.relation,
                       symmetric=f.relation in SYMMETRIC, evidence=[])
        data = g.edges[f.head.id, f.tail.id, f.relation]
        # A set of what the edge already holds: a hub edge gathers thousands of sentences, and a
        # scan of its list for each new one would make a large build quadratic. finish() drops it.
        seen = data.get(_SEEN)
        if seen is None:
            seen = data[_SEEN] = {_evidence_key(e) for e in data["evidence"]}
        item = asdict(f.evidence)
        key = _evidence_key(item)
        if key not in seen:      # two mentions of one pair in one sentence give one piece of evidence
            seen.add(key)
            data["evidence"].append(item)


_SEEN = "_seen"
_EVIDENCE_FIELDS = ("date", "article", "start", "rule", "end", "status", "confidence", "file", "title", "sentence")


def _evidence_key(e: dict) -> tuple:
    return tuple(e[k] for k in _EVIDENCE_FIELDS)


def finish(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Derive each edge's status, support, confidence and first/last seen from its evidence, and
    put nodes and edges in sorted order, so that the same inputs save to the same bytes whatever
    order (or process) their results came in."""
    for _, _, data in g.edges(data=True):
        data.pop(_SEEN, None)
        ev = sorted(data["evidence"], key=_evidence_key)
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
        dates = sorted(e["date"] for e in ev if e["date"])
        data["first_seen"], data["last_seen"] = (dates[0], dates[-1]) if dates else ("", "")
    nodes = sorted(g.nodes(data=True))
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])
    meta = dict(g.graph)
    g.clear()
    g.graph.update(meta)
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def to_json(g: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(g, edges="links")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_graph(g: nx.MultiDiGraph, path: Path | str) -> Path:
    """Save to PATH (a .json file, or a folder that gets graph.json)."""
    path = Path(path)
    if path.suffix != ".json":
        path = path / GRAPH_FILE
    write_atomic(path, to_json(g) + "\n")
    return path


def graph_path(path: Path | str) -> Path:
    path = Path(path)
    return path / GRAPH_FILE if path.is_dir() or path.suffix != ".json" else path


def load_graph(path: Path | str = "graph") -> nx.MultiDiGraph:
    """Load a graph saved by save_graph (the graph.json or the folder holding it).

    Raises GraphError with a one-line message naming the file when it is missing or not ours."""
    file = graph_path(path)
    if not file.exists():
        raise GraphError(f"no graph at {file}: run `industry-graph build ARTICLES --out {file.parent}` first")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GraphError(f"{file}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise GraphError(f"{file}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("graph", {}).get("format") != FORMAT:
        raise GraphError(f"{file}: not an industry-graph graph (no format {FORMAT!r})")
    try:
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphError(f"{file}: damaged graph ({exc})") from None
