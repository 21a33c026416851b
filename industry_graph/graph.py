"""Resolved facts -> networkx graph; save and load as node-link JSON.

Nodes are keyed by canonical entity id. One edge per (head, relation, tail), keyed by the
relation, holding every piece of evidence; symmetric relations are stored once, head < tail."""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import IO

import networkx as nx

from .models import STATUSES, SYMMETRIC, Entity, Evidence
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
        # Duplicates (two mentions of one pair in one sentence) are dropped by finish(), after
        # sorting: a hub edge gathers thousands of sentences, and looking each new one up in its
        # list here would make a large build quadratic.
        # vars(), not asdict(): the record is flat, and asdict()'s recursive copy showed in profiles
        g.edges[f.head.id, f.tail.id, f.relation]["evidence"].append(dict(vars(f.evidence)))


# sorted by date, article, place and rule first; every other field breaks ties
_EVIDENCE_FIELDS = ("date", "article", "start", "rule") + tuple(
    f.name for f in fields(Evidence) if f.name not in ("date", "article", "start", "rule"))


def _evidence_key(e: dict) -> tuple:
    return tuple(e[k] for k in _EVIDENCE_FIELDS)


def _distinct_sorted(evidence: list[dict]) -> list[dict]:
    """Evidence in one order, each distinct item once."""
    keyed = sorted(((_evidence_key(e), e) for e in evidence), key=lambda ke: ke[0])
    out, last = [], None
    for key, e in keyed:
        if key != last:
            out.append(e)
            last = key
    return out


def finish(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Derive each edge's status, support, confidence and first/last seen from its evidence, and
    put nodes and edges in sorted order, so that the same inputs save to the same bytes whatever
    order (or process) their results came in."""
    for _, _, data in g.edges(data=True):
        ev = _distinct_sorted(data["evidence"])
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


def _dump_args() -> dict:
    return dict(ensure_ascii=False, sort_keys=True, indent=1)


def to_json(g: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(g, edges="links"), **_dump_args())


def write_atomic(path: Path, text: str | Callable[[IO[str]], None]) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file. TEXT is the
    content, or a function that writes it to the open file (a large graph is never one string)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())      # mkstemp makes it private; a saved file is not
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            if callable(text):
                text(f)
            else:
                f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_graph(g: nx.MultiDiGraph, path: Path | str) -> Path:
    """Save to PATH (a .json file, or a folder that gets graph.json); the bytes are to_json's."""
    path = Path(path)
    if path.suffix != ".json":
        path = path / GRAPH_FILE

    def write(f: IO[str]) -> None:
        json.dump(nx.node_link_data(g, edges="links"), f, **_dump_args())
        f.write("\n")
    write_atomic(path, write)
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
