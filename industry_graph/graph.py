"""Resolved facts -> networkx graph; save and load as node-link JSON.

Nodes are keyed by canonical entity id. One edge per (head, relation, tail), keyed by the
relation, holding every piece of evidence; symmetric relations are stored once, head < tail."""
from __future__ import annotations

import glob
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
    written = data.setdefault("written", {})       # the names articles give it, and how many do
    written[ent.name] = written.get(ent.name, 0) + 1
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
    # details are a dict, which does not order: compared as their JSON text
    return tuple(json.dumps(v, sort_keys=True) if isinstance(v := e.get(k, ""), dict) else v
                 for k in _EVIDENCE_FIELDS)


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
    """Name each entity as most articles write it; derive each edge's status, support, confidence
    and first/last seen from its evidence; put nodes and edges in sorted order, so that the same
    inputs save to the same bytes whatever order (or process) their results came in."""
    for _, data in g.nodes(data=True):
        written = data.get("written")
        if written:
            name = max(sorted(written), key=lambda n: (written[n], len(n)))
            if name != data["name"]:
                data["aliases"] = sorted((set(data["aliases"]) | {data["name"]}) - {name})
                data["name"] = name
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
        _roll_up_details(data, chosen)
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


def _dump_args() -> dict:
    return dict(ensure_ascii=False, sort_keys=True, indent=1)


def to_json(g: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(g, edges="links"), **_dump_args())


def write_atomic(path: Path, text: str | Callable[[IO[str]], None], *, durable: bool = True) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file. TEXT is the
    content, or a function that writes it to the open file (a large graph is never one string).

    A process killed mid-write leaves the previous file whole and a '.NAME.PID.*.tmp' beside it,
    which no reader takes for NAME; the next write removes it once its process is gone.
    durable=False is for files that may be lost (cache entries): no fsync, and no look for the
    leftovers of killed writers, which in a folder of 10,000 entries costs a scan per write (the
    cache clears its own in prune())."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())      # mkstemp makes it private; a saved file is not
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            if callable(text):
                text(f)
            else:
                f.write(text)
            if durable:
                f.flush()
                os.fsync(f.fileno())    # the bytes reach the disk before the name points at them
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # mkstemp's 0600 would make the map private to its builder
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _remove_stale_temps(path)


def _remove_stale_temps(path: Path) -> None:
    """Delete temporary files of PATH left by writers that were killed (their process is gone)."""
    for old in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = old.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)        # no signal sent: only asks whether the process exists
        except ProcessLookupError:
            old.unlink(missing_ok=True)
        except OSError:                 # alive, owned by another user
            pass


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
        _dump_node_link(g, f)
        f.write("\n")
    write_atomic(path, write)
    return path


def _dump_node_link(g: nx.MultiDiGraph, f: IO[str]) -> None:
    """to_json(g), written a node and an edge at a time: node_link_data() would first copy every
    node's and edge's attributes into one structure as large as the graph. The bytes are the same
    because json.dumps with indent lays out a value nested K deep as it would lay it out alone,
    each line after the first shifted by K indents."""
    items = {"nodes": ({**d, "id": n} for n, d in g.nodes(data=True)),
             "links": ({**d, "source": u, "target": v, "key": k} for u, v, k, d in g.edges(keys=True, data=True))}
    top = {"directed": g.is_directed(), "multigraph": g.is_multigraph(), "graph": g.graph, **items}
    f.write("{")
    for i, name in enumerate(sorted(top)):
        f.write(("," if i else "") + "\n " + json.dumps(name, ensure_ascii=False) + ": ")
        if name not in items:
            f.write(json.dumps(top[name], **_dump_args()).replace("\n", "\n "))
            continue
        empty = True
        for item in top[name]:
            f.write(("[" if empty else ",") + "\n  " + json.dumps(item, **_dump_args()).replace("\n", "\n  "))
            empty = False
        f.write("[]" if empty else "\n ]")
    f.write("\n}")


def graph_path(path: Path | str) -> Path:
    """The graph file a --graph value names: PATH itself when it ends in .json, else PATH/graph.json."""
    path = Path(path)
    return path if path.suffix == ".json" else path / GRAPH_FILE


NODE_KEYS = ("name", "type", "aliases")
EDGE_KEYS = ("relation", "symmetric", "status", "support", "confidence", "first_seen", "last_seen", "evidence")
EVIDENCE_KEYS = ("article", "file", "title", "date", "sentence", "start", "end", "rule", "status")


def load_graph(path: Path | str = "graph") -> nx.MultiDiGraph:
    """Load a graph saved by save_graph (the graph.json or the folder holding it).

    Raises GraphError with a one-line message naming the file when it is missing, unreadable,
    not JSON, not ours, from another format version, or damaged."""
    file = graph_path(path)
    if file.is_dir():
        raise GraphError(f"{file}: a folder, not a graph file")
    if not file.exists():
        raise GraphError(f"no graph at {file}: run `industry-graph build ARTICLES --out {file.parent}` first")
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise GraphError(f"{file}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise GraphError(f"{file}: empty file, not a graph")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise GraphError(f"{file}: not valid JSON (binary, not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise GraphError(f"{file}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise GraphError(f"{file}: not an industry-graph graph (JSON nested too deeply)") from None
    meta = data.get("graph") if isinstance(data, dict) else None
    fmt = meta.get("format") if isinstance(meta, dict) else None
    if isinstance(fmt, str) and fmt.startswith("industry-graph/") and fmt != FORMAT:
        raise GraphError(f"{file}: written by another version of industry-graph (format {fmt!r}; this "
                         f"version reads {FORMAT!r}): rebuild it, or upgrade industry-graph")
    if fmt != FORMAT:
        raise GraphError(f"{file}: not an industry-graph graph (no format {FORMAT!r})")
    try:
        g = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as exc:
        raise GraphError(f"{file}: damaged graph ({type(exc).__name__}: {exc})") from None
    problem = _damage(g)
    if problem:
        raise GraphError(f"{file}: damaged graph ({problem})")
    return g


def _damage(g: nx.MultiDiGraph) -> str:
    """The first thing queries would trip over in a loaded graph, or ""."""
    for n, d in g.nodes(data=True):
        missing = [k for k in NODE_KEYS if k not in d]
        if missing:
            return f"node {n!r} has no {missing[0]!r}"
    for u, v, d in g.edges(data=True):
        missing = [k for k in EDGE_KEYS if k not in d]
        if not missing and not isinstance(d["evidence"], list):
            missing = ["evidence list"]
        if not missing:
            missing = [k for e in d["evidence"] for k in EVIDENCE_KEYS if not isinstance(e, dict) or k not in e]
        if missing:
            return f"edge {u!r} -> {v!r} has no {missing[0]!r}"
    return ""
