"""Graph -> the files other tools read: GraphML and GEXF (Gephi, yEd, Cytoscape), CSV for Neo4j's
bulk importer, an idempotent Cypher script, and node-link JSON lines.

Every format holds the entities touching a kept edge (by default the stated facts) and those edges,
in sorted order, so exporting the same graph twice gives the same bytes."""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import networkx as nx

from .details import summary
from .graphfile import write_atomic
from .models import STATUSES

FORMATS = ("graphml", "gexf", "csv", "cypher", "jsonl")
CSV_FILES = ("nodes.csv", "relationships.csv")
ALIAS_JOIN = "; "       # aliases as one string where a format has no lists (GraphML, GEXF)
NODE_LABEL = "Entity"   # every node carries it beside its type, so MERGE has one label to match on

# Neo4j bulk-import headers: <name>:<type>, with :ID/:LABEL/:START_ID/:END_ID/:TYPE as the special
# columns; string[] splits on ';', the importer's default array delimiter.
NODE_HEADER = ["id:ID", "name", "type", ":LABEL", "aliases:string[]", "mentions:int"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "relation", "status", "support:int", "confidence:double",
               "first_seen:date", "last_seen:date", "symmetric:boolean", "evidence_count:int", "sentence", "file", "kinds:string[]", "deals"]


class ExportError(ValueError):
    """An unknown format or status, or an --out that cannot take the format."""


def _kept(g: nx.MultiDiGraph, status: str | None) -> tuple[list[str], list[tuple[str, str, str, dict]]]:
    if status is not None and status not in STATUSES:
        raise ExportError(f"unknown status {status!r}; statuses are: {', '.join(STATUSES)}, all")
    edges = sorted((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)
                   if status is None or d["status"] == status)
    return sorted({n for u, v, _, _ in edges for n in (u, v)}), edges


def _first(d: dict) -> dict:
    """The first evidence with the edge's own status: the sentence to show for the edge."""
    return next((e for e in d["evidence"] if e["status"] == d["status"]), d["evidence"][0])


def _edge_fields(d: dict) -> dict:
    ev = _first(d)
    return {"relation": d["relation"], "status": d["status"], "support": d["support"],
            "confidence": float(d["confidence"]), "first_seen": d["first_seen"], "last_seen": d["last_seen"],
            "symmetric": bool(d["symmetric"]), "evidence_count": len(d["evidence"]),
            "sentence": ev["sentence"], "file": ev["file"],
            "kinds": ALIAS_JOIN.join(d.get("kinds", [])), "deals": summary({"deals": d.get("deals", [])})}



def flat_graph(g: nx.MultiDiGraph, *, status: str | None = "stated") -> nx.MultiDiGraph:
    """A copy holding only str/int/float/bool attributes, which GraphML and GEXF can store: aliases
    joined, evidence reduced to its count and first sentence; `label` and `weight` for Gephi."""
    nodes, edges = _kept(g, status)
    h = nx.MultiDiGraph(name="industry-graph", status=status or "all")
    for n in nodes:
        d = g.nodes[n]
        h.add_node(n, label=d["name"], name=d["name"], type=d["type"],
                   aliases=ALIAS_JOIN.join(d.get("aliases", [])), mentions=int(d.get("mentions", 0)))
    for u, v, k, d in edges:
        h.add_edge(u, v, key=k, label=d["relation"], weight=float(d["support"]), **_edge_fields(d))
    return h


def to_graphml(g: nx.MultiDiGraph, *, status: str | None = "stated") -> str:
    return "\n".join(nx.generate_graphml(flat_graph(g, status=status))) + "\n"


def to_gexf(g: nx.MultiDiGraph, *, status: str | None = "stated") -> str:
    text = "\n".join(nx.generate_gexf(flat_graph(g, status=status))) + "\n"
    # networkx stamps today's date; the newest evidence date keeps the file the same from day to day
    newest = max((d["last_seen"] for *_, d in _kept(g, status)[1] if d["last_seen"]), default="")
    return re.sub(r' lastmodifieddate="[^"]*"', f' lastmodifieddate="{newest}"' if newest else "", text, count=1)


def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def to_csv(g: nx.MultiDiGraph, *, status: str | None = "stated") -> tuple[str, str]:
    """(nodes.csv, relationships.csv) text with Neo4j bulk-import headers."""
    nodes, edges = _kept(g, status)
    node_rows = [NODE_HEADER] + [
        [n, g.nodes[n]["name"], g.nodes[n]["type"], f"{NODE_LABEL};{g.nodes[n]['type']}",
         ";".join(g.nodes[n].get("aliases", [])), g.nodes[n].get("mentions", 0)] for n in nodes]
    edge_rows = [EDGE_HEADER]
    for u, v, _, d in edges:
        f = _edge_fields(d)
        edge_rows.append([u, v, d["relation"].upper(), f["relation"], f["status"], f["support"], f["confidence"],
                          f["first_seen"], f["last_seen"], str(f["symmetric"]).lower(), f["evidence_count"],
                          f["sentence"], f["file"], ";".join(d.get("kinds", [])), f["deals"]])
    return _csv(node_rows), _csv(edge_rows)


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def cypher_string(s: str) -> str:
    """A single-quoted Cypher string literal; other control characters as \\uXXXX."""
    return "'" + "".join(_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 else c) for c in s) + "'"


def cypher_name(s: str) -> str:
    """A label or relationship type, back-quoted when it is not a plain identifier."""
    return s if _PLAIN_NAME.fullmatch(s) else "`" + s.replace("`", "``") + "`"


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return cypher_string(v)


def _merge_node(var: str, node: str) -> str:
    return f"MERGE ({var}:{NODE_LABEL} {{id: {cypher_string(node)}}})"


def to_cypher(g: nx.MultiDiGraph, *, status: str | None = "stated") -> str:
    """MERGE statements, one a line: nodes by id (label Entity plus their type), then each relationship
    by type between its MERGEd ends, with SET for the properties. Running it twice changes nothing."""
    nodes, edges = _kept(g, status)
    lines = [f"// industry-graph: {len(nodes)} entities, {len(edges)} relations ({status or 'all'} facts)",
             f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE;"]
    for n in nodes:
        d = g.nodes[n]
        props = {"name": d["name"], "type": d["type"], "aliases": list(d.get("aliases", [])),
                 "mentions": int(d.get("mentions", 0))}
        sets = ", ".join([f"n:{cypher_name(d['type'])}"] + [f"n.{k} = {_value(v)}" for k, v in props.items()])
        lines.append(f"{_merge_node('n', n)} SET {sets};")
    for u, v, _, d in edges:
        sets = []
        for k, val in _edge_fields(d).items():
            if k in ("first_seen", "last_seen"):   # a real date where there is one; none is no property
                val = f"date({cypher_string(val)})" if val else "null"
            elif k == "kinds":                      # a list property in Neo4j
                val = _value(list(d.get("kinds", [])))
            else:
                val = _value(val)
            sets.append(f"r.{k} = {val}")
        lines.append(f"{_merge_node('a', u)} {_merge_node('b', v)} "
                     f"MERGE (a)-[r:{cypher_name(d['relation'].upper())}]->(b) SET {', '.join(sets)};")
    return "\n".join(lines) + "\n"


def to_jsonl(g: nx.MultiDiGraph, *, status: str | None = "stated") -> str:
    """Node-link JSON lines: every node ({"kind": "node", ...}), then every edge with its full evidence."""
    nodes, edges = _kept(g, status)
    lines = [{"kind": "node", "id": n, "name": g.nodes[n]["name"], "type": g.nodes[n]["type"],
              "aliases": list(g.nodes[n].get("aliases", [])), "mentions": g.nodes[n].get("mentions", 0),
              **({"written": g.nodes[n]["written"]} if "written" in g.nodes[n] else {})}
             for n in nodes]
    for u, v, _, d in edges:
        fields = {k: x for k, x in _edge_fields(d).items()
                  if k not in ("evidence_count", "sentence", "file", "kinds", "deals")}
        fields.update({k: d[k] for k in ("kinds", "deals") if k in d})     # only where the text gave them
        # evidence keys sorted: a graph fresh from a build and one loaded from graph.json then print alike
        lines.append({"kind": "edge", "source": u, "target": v, **fields,
                      "evidence": [dict(sorted(e.items())) for e in d["evidence"]]})
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)


def export_graph(g: nx.MultiDiGraph, fmt: str, out: Path | str, *, status: str | None = "stated") -> list[Path]:
    """Write the graph in one format; returns the files written (atomically).

    csv: OUT is a folder that gets nodes.csv and relationships.csv. Every other format: OUT is the
    file, or an existing folder that gets graph.<format>.

    >>> export_graph(g, "graphml", "graph/graph.graphml")    # doctest: +SKIP
    [PosixPath('graph/graph.graphml')]"""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; formats are: {', '.join(FORMATS)}")
    out = Path(out)
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out} is a file; csv export writes {' and '.join(CSV_FILES)} into a folder")
        texts = to_csv(g, status=status)
        paths = [out / name for name in CSV_FILES]
    else:
        writer = {"graphml": to_graphml, "gexf": to_gexf, "cypher": to_cypher, "jsonl": to_jsonl}[fmt]
        texts = (writer(g, status=status),)
        paths = [out / f"graph.{fmt}" if out.is_dir() else out]
    mode = _default_mode()
    for path, text in zip(paths, texts):
        try:
            write_atomic(path, text)
            # the temporary file behind an atomic write is private (0600); an export is for other
            # programs (a Neo4j service runs as its own user), so it gets the mode a plain file would
            os.chmod(path, mode)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return paths


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
