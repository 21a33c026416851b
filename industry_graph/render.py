"""Graph -> one self-contained HTML map: vis-network (the copy pyvis ships) inlined, positions
computed here, so the page opens from file:// with no request and no physics to wait for.

The node and edge records are written directly rather than through pyvis's add_node/add_edge:
those check membership in a list for every edge (quadratic in the graph) and would carry the
vis styling of every edge into the file, where the page can derive it from the relation, status
and support. What pyvis still gives is the vis-network build the page runs.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from importlib.util import find_spec
from itertools import islice
from pathlib import Path
from typing import IO

import jinja2
import networkx as nx
from markupsafe import Markup

from .details import summary
from .graphfile import write_atomic
from .layout import layout, node_size
from .models import RELATIONS
from .subset import map_subset  # noqa: F401 (its old home)

TYPE_STYLE = {  # colour, vis.js shape
    "ORG": ("#4e79a7", "dot"), "PERSON": ("#f28e2b", "diamond"), "PRODUCT": ("#59a14f", "square"),
    "FACILITY": ("#b07aa1", "triangle"), "PLACE": ("#9c755f", "star"),
}
RELATION_COLOR = dict(zip(RELATIONS, (
    "#e15759", "#2ca02c", "#8c564b", "#1f77b4", "#7f7f7f", "#17becf",
    "#d62728", "#ff7f0e", "#9467bd", "#bcbd22", "#e377c2", "#aec7e8")))
STATUS_LABEL = {"stated": "stated", "talks": "talks, plans, speculation", "denied": "denied or negated",
                "ended": "ended"}
LARGE = 500     # from this many nodes: no edge labels, edges hidden while the view is dragged or zoomed


def _vis_asset(name: str) -> str:
    # found, not imported: importing pyvis brings in IPython, a tenth of a second of every build
    spec = find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyvis is not installed; the map needs its copy of vis-network")
    return (Path(spec.origin).parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _articles(g: nx.MultiDiGraph) -> tuple[list[list[str]], dict[tuple, int]]:
    """One row per article (file, title, date) so evidence refers to it by number, not by copy."""
    rows: dict[tuple, int] = {}
    for *_, d in g.edges(data=True):
        for e in d["evidence"]:
            rows.setdefault((e["file"], e["title"], e["date"]), len(rows))
    return [list(k) for k in rows], rows


def page_data(g: nx.MultiDiGraph, *, lazy: bool = False) -> dict:
    """What the page needs: nodes with positions, edges with evidence, the legend's vocabulary.
    lazy: edges as an iterator, made one at a time while the page is written (a large graph's
    edge records, evidence included, would otherwise all be in memory at once)."""
    pos = layout(g)
    # a page written lazily lists its edges before its articles: when the graph holds the edges in
    # the page's order (a graph from a build's store does), each article is numbered as its edge
    # record is made, sparing a walk through every edge's evidence (for a build's map, read again
    # from the store)
    fill = lazy and _in_edge_order(g)
    articles, article_no = ([], {}) if fill else _articles(g)
    nodes = [{"id": n, "label": d["name"], "type": d["type"], "aliases": d.get("aliases", []),
              "mentions": d.get("mentions", 0), "degree": g.degree(n), "size": node_size(g.degree(n)),
              "x": pos[n][0], "y": pos[n][1]}
             for n, d in sorted(g.nodes(data=True))]
    edges = _edge_records(g, article_no, articles if fill else None)
    types = sorted({d["type"] for _, d in g.nodes(data=True)})
    present = {d["relation"] for *_, d in g.edges(data=True)}
    legend = {
        "types": [{"key": t, "label": f"{t} ({TYPE_STYLE.get(t, ('', 'dot'))[1]})",
                   "color": TYPE_STYLE.get(t, ("#999999",))[0], "shape": TYPE_STYLE.get(t, ("", "dot"))[1]}
                  for t in types],
        "relations": [{"key": r, "label": r, "color": RELATION_COLOR[r]} for r in RELATIONS if r in present],
        "statuses": [{"key": s, "label": STATUS_LABEL[s], "color": "#cccccc" if s != "stated" else "#333333",
                      "checked": True} for s in STATUS_LABEL],
    }
    # a canvas draws every edge label on every frame, in view or not: above LARGE they make the
    # map sluggish, and the colour legend, tooltips and panel name the relation anyway
    return {"nodes": nodes, "edges": edges if lazy else list(edges), "articles": articles,
            "options": _options(len(nodes)), "edgeLabels": len(nodes) < LARGE, "legend": legend}


def _in_edge_order(g: nx.MultiDiGraph) -> bool:
    """Whether g lists its edges sorted by (head, tail, relation), the order of the page's."""
    keys = list(g.edges(keys=True))
    return all(a <= b for a, b in zip(keys, keys[1:]))


def _edge_records(g: nx.MultiDiGraph, article_no: dict[tuple, int],
                  articles: list[list[str]] | None = None) -> Iterator[dict]:
    """The page's edge records. With ARTICLES (then empty), each article is numbered and added there
    as its first piece of evidence is met: for edges in this order, what _articles() gives."""
    seen: dict[frozenset, int] = {}
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        pair = frozenset((u, v))
        seen[pair] = seen.get(pair, -1) + 1     # the k-th edge between two entities curves k steps out
        evidence = list(d["evidence"])          # a StoredEvidence is read from the store at each walk
        if articles is not None:
            for e in evidence:
                row = (e["file"], e["title"], e["date"])
                if row not in article_no:
                    article_no[row] = len(articles)
                    articles.append(list(row))
        yield {"id": f"{u}|{key}|{v}", "from": u, "to": v, "relation": d["relation"],
               "status": d["status"], "support": d["support"], "confidence": d["confidence"],
               "symmetric": d["symmetric"], "parallel": seen[pair], "details": summary(d),
               "seen": " to ".join(dict.fromkeys(x for x in (d["first_seen"], d["last_seen"]) if x)),
               "evidence": [[article_no[e["file"], e["title"], e["date"]], e["sentence"], e["status"]]
                            for e in evidence]}


def _options(n_nodes: int) -> dict:
    """vis-network options: positions are given, so no physics and no layout pass in the browser."""
    large = n_nodes >= LARGE
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "nodes": {"font": {"size": 14}},
        "edges": {"smooth": False, "font": {"size": 9, "align": "middle"}, "arrowStrikethrough": False,
                  "arrows": "to", "width": 2},
    }


def _safe_json(obj) -> str:
    """JSON that cannot end the <script> element holding it, whatever the articles said."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(g: nx.MultiDiGraph, *, title: str = "industry-graph", note: str = "") -> str:
    """The map page of the whole of g; note is a line under the title, as map_subset gives it."""
    return _page(g, title, note, _markup(_safe_json(page_data(g))))


_DATA_HERE = "\x00industry-graph-map-data\x00"     # where write_html puts the page's data


def _page(g: nx.MultiDiGraph, title: str, note: str, data_json: Markup) -> str:
    template = jinja2.Template((resources.files("industry_graph") / "resources" / "map.html")
                               .read_text(encoding="utf-8"), autoescape=True)
    return template.render(title=title, note=note, data_json=data_json,
                           vis_js=_markup(_vis_asset("vis-network.min.js")),
                           vis_css=_markup(_vis_asset("vis-network.css")),
                           max_support=max([d["support"] for *_, d in g.edges(data=True)] or [1]))


def write_html(g: nx.MultiDiGraph, f: IO[str], *, title: str = "industry-graph", note: str = "") -> None:
    """render_html(g) written to F with the same bytes, an edge record at a time: the page of a
    large graph, evidence and all, is never one string (nor three, as escaping and the template
    would make)."""
    head, _, tail = _page(g, title, note, _markup(_DATA_HERE)).partition(_DATA_HERE)
    f.write(head)
    f.write("{")
    for i, (key, value) in enumerate(page_data(g, lazy=True).items()):
        f.write(("," if i else "") + _safe_json(key) + ":")
        if isinstance(value, Iterator):
            f.write("[" + ",".join(_safe_json(x) for x in islice(value, 1)))
            for item in value:
                f.write("," + _safe_json(item))
            f.write("]")
        else:
            f.write(_safe_json(value))
    f.write("}")
    f.write(tail)


def _markup(s: str) -> Markup:
    """Text the template inserts as it is: our own JSON (already escaped) and vis-network's files."""
    return Markup(s)


def render_map(g: nx.MultiDiGraph, path: Path | str, *, title: str = "industry-graph", note: str = "") -> Path:
    """Write the HTML map to PATH (a .html file, or a folder that gets map.html).

    >>> sub, note = map_subset(g, focus="Anthropic", depth=2)     # doctest: +SKIP
    >>> render_map(sub, "graph", note=note)                       # doctest: +SKIP
    PosixPath('graph/map.html')
    """
    path = Path(path)
    if path.suffix not in (".html", ".htm"):
        path = path / "map.html"
    write_atomic(path, lambda f: write_html(g, f, title=title, note=note))
    return path
