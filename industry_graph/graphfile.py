"""graph.json: the node-link file a graph is saved as, written atomically and a record at a time,
and read back with a one-line message for every way it can be wrong."""
from __future__ import annotations

import glob
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

import networkx as nx

FORMAT = "industry-graph/1"
GRAPH_FILE = "graph.json"
CACHE_DIR = ".cache"         # beside graph.json: per-file results kept between builds (cache.py)


class GraphError(Exception):
    """A graph file that is missing, unreadable or not an industry-graph graph."""


def _dump_args() -> dict:
    return dict(ensure_ascii=False, sort_keys=True, indent=1)


def to_json(g: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(g, edges="links"), **_dump_args())


_SCALARS = {True: "true", False: "false", None: "null"}


def _indented(value, pad: str = "") -> str:
    """What json.dumps(value, **_dump_args()) gives, each line after the first shifted by PAD. With
    an indent json.dumps falls back to its pure-Python encoder, which made writing graph.json the
    largest part of a rebuild; this lays out the same bytes (the scalars by json's own functions)
    in a quarter of the time. A container's scalars, most of what a graph holds, are written in
    place rather than each by a call of its own."""
    scalar = _SCALAR.get(type(value))
    if scalar is not None:
        return scalar(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + " "
        parts = []
        for k in sorted(value):
            v = value[k]
            scalar = _SCALAR.get(type(v))
            parts.append(f"\n{inner}{_encode_str(k)}: {scalar(v) if scalar else _indented(v, inner)}")
        return "{" + ",".join(parts) + f"\n{pad}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = pad + " "
        parts = []
        for v in value:
            scalar = _SCALAR.get(type(v))
            parts.append(f"\n{inner}{scalar(v) if scalar else _indented(v, inner)}")
        return "[" + ",".join(parts) + f"\n{pad}]"
    for kind in (str, int, float):      # a subclass of one: written as that type is
        if isinstance(value, kind):
            return _SCALAR[kind](value)
    return json.dumps(value, **_dump_args())     # anything else: json's own answer


def _float(value: float) -> str:
    return float.__repr__(value) if math.isfinite(value) else json.dumps(value, **_dump_args())   # NaN, infinities


_encode_str = json.encoder.encode_basestring     # ensure_ascii=False: the C function when there is one
# the writers of the scalars, by their exact type
_SCALAR = {str: _encode_str, int: int.__repr__, float: _float, bool: _SCALARS.__getitem__,
           type(None): _SCALARS.__getitem__}


def write_atomic(path: Path, text: str | bytes | Callable[[IO[str]], None], *, durable: bool = True) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file. TEXT is the
    content (text, or bytes written as they are), or a function that writes it to the open file
    (a large graph is never one string).

    A process killed mid-write leaves the previous file whole and a '.NAME.PID.*.tmp' beside it,
    which no reader takes for NAME; the next write removes it once its process is gone.
    durable=False is for files that may be lost (cache entries): no fsync, and no look for the
    leftovers of killed writers, which in a folder of 10,000 entries costs a scan per write (the
    cache clears its own in prune())."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())      # mkstemp makes it private; a saved file is not
        raw = isinstance(text, bytes)
        with os.fdopen(fd, "wb" if raw else "w", encoding=None if raw else "utf-8") as f:
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
        remove_stale_temps(path)


def remove_stale_temps(path: Path, suffix: str = ".tmp") -> None:
    """Delete the temporary files of PATH ('.NAME.PID.*SUFFIX') left by writers that were killed
    (their process is gone)."""
    for old in path.parent.glob(f".{glob.escape(path.name)}.*{suffix}"):
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
    return save_records(path, g.graph, ({**d, "id": n} for n, d in g.nodes(data=True)),
                        ({**d, "source": u, "target": v, "key": k} for u, v, k, d in g.edges(keys=True, data=True)),
                        directed=g.is_directed(), multigraph=g.is_multigraph())


def save_records(path: Path | str, meta: dict, nodes: Iterable[dict], links: Iterable[dict], *,
                 directed: bool = True, multigraph: bool = True) -> Path:
    """Save a graph given as its node and link records (each with its id, or source, target and
    key), in the order they come: what save_graph writes for a graph holding them, without one."""
    path = graph_path(path)

    def write(f: IO[str]) -> None:
        write_node_link(f, {"directed": directed, "multigraph": multigraph, "graph": meta},
                        {"nodes": nodes, "links": links})
        f.write("\n")
    write_atomic(path, write)
    return path


def write_node_link(f: IO[str], top: dict, items: dict[str, Iterable[dict]]) -> None:
    """The node-link JSON of TOP's values and ITEMS' lists, written a node and an edge at a time:
    node_link_data() would first copy every node's and edge's attributes into one structure as
    large as the graph. The bytes are to_json's because json.dumps with indent lays out a value
    nested K deep as it would lay it out alone, each line after the first shifted by K indents."""
    whole = {**top, **items}
    f.write("{")
    for i, name in enumerate(sorted(whole)):
        f.write(("," if i else "") + "\n " + json.dumps(name, ensure_ascii=False) + ": ")
        if name not in items:
            f.write(json.dumps(whole[name], **_dump_args()).replace("\n", "\n "))
            continue
        empty = True
        for item in whole[name]:
            f.write(("[" if empty else ",") + "\n  " + _indented(item, "  "))
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
